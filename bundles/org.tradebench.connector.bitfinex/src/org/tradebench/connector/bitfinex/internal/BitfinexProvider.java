package org.tradebench.connector.bitfinex.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.osgi.service.component.annotations.Component;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.spi.ConnectorProvider;
import org.tradebench.api.spi.ConnectorSetting;
import org.tradebench.api.spi.DecodedEvents;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.api.spi.OpenConnector;
import org.tradebench.api.spi.StreamDecoder;
import org.tradebench.connector.bitfinex.internal.decode.BitfinexStreamDecoder;

/**
 * Bitfinex for tools (the command line, the verification tool): a private connector with the
 * tool's settings ({@code ws.url}, {@code rest.url}, timings; see {@link BitfinexConfig#SETTINGS}),
 * market data only, and a decoder of recorded frames built from the live pipeline
 * ({@link BitfinexStreamDecoder}). Always registered, whether or not the workbench's Bitfinex
 * connector is enabled.
 *
 * <pre>{@code
 * OpenConnector c = provider.open(Map.of("ws.url", "ws://127.0.0.1:8080/ws/2", "rest.url", "http://127.0.0.1:8080/v2/"), tap);
 * }</pre>
 */
@Component(service = ConnectorProvider.class, property = ExchangeConnector.PROPERTY_EXCHANGE_ID + "=bitfinex")
public final class BitfinexProvider implements ConnectorProvider {

    /** The one market: spot pairs and perpetuals share Bitfinex's sockets. */
    public static final String MARKET = "spot";

    /** Created by DS. */
    public BitfinexProvider() {
    }

    @Override
    public String exchangeId() {
        return BitfinexConnector.ID;
    }

    @Override
    public String displayName() {
        return BitfinexConnector.DISPLAY_NAME;
    }

    @Override
    public List<String> markets() {
        return List.of(MARKET);
    }

    @Override
    public List<ConnectorSetting> settings() {
        return BitfinexConfig.SETTINGS;
    }

    @Override
    public OpenConnector open(Map<String, String> settings, FrameTap tap) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(tap, "tap");
        return BitfinexConnector.start(BitfinexConfig.fromSettings(settings), null, tap);
    }

    @Override
    public StreamDecoder decoder(String market, DecodedEvents events) {
        if (!MARKET.equals(market)) {
            throw new IllegalArgumentException("Bitfinex has one market, '" + MARKET + "', not '" + market + "'");
        }
        return new BitfinexStreamDecoder(events);
    }
}
