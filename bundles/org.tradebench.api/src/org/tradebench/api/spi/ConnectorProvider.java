package org.tradebench.api.spi;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A connector bundle's entry point for tools: open a private connector with overridden settings,
 * and decode recorded frames. Registered as an OSGi service with
 * {@value org.tradebench.api.ExchangeConnector#PROPERTY_EXCHANGE_ID}.
 *
 * <pre>{@code
 * @Component(service = ConnectorProvider.class, property = "exchange.id=bitfinex")
 * public final class BitfinexProvider implements ConnectorProvider { ... }
 * }</pre>
 */
@ProviderType
public interface ConnectorProvider {

    /**
     * The connector id.
     *
     * @return for example {@code "bitfinex"}
     */
    String exchangeId();

    /**
     * A name for people.
     *
     * @return for example {@code "Bitfinex"}
     */
    String displayName();

    /**
     * The markets this connector decodes and opens, the default first. The exchange id of a
     * market's events may differ ({@code binance} spot, {@code binance-usdm} futures).
     *
     * @return for example {@code ["spot"]} or {@code ["spot", "usdm"]}
     */
    List<String> markets();

    /**
     * The settings {@link #open} understands, with their defaults.
     *
     * @return the settings
     */
    List<ConnectorSetting> settings();

    /**
     * Opens a connector with its own connections, market data only unless the settings say where
     * keys come from.
     *
     * @param settings overrides by {@link ConnectorSetting#name()}; unknown names are refused
     * @param tap receives every raw frame read, {@link FrameTap#NONE} for none
     * @return the running connector; the caller closes it
     * @throws IllegalArgumentException naming the setting when one is unknown or malformed
     */
    OpenConnector open(Map<String, String> settings, FrameTap tap);

    /**
     * A decoder for recorded frames of one market.
     *
     * @param market one of {@link #markets()}
     * @param events receives the decoded values
     * @return a new decoder
     * @throws IllegalArgumentException for an unknown market
     */
    StreamDecoder decoder(String market, DecodedEvents events);
}
