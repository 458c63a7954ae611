package org.tradebench.connector.simulated.internal;

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
import org.tradebench.connector.simulated.SimulatedExchange;
import org.tradebench.connector.simulated.SimulatedExchangeConfig;

/**
 * The simulated exchange's entry point for tools: opens a private exchange with its own seed, rate,
 * balance and leverage (the {@code tradebench.simulated.*} system properties' names without the
 * prefix; system properties are not read here, so what a tool asks for is what it gets).
 *
 * <pre>{@code
 * try (OpenConnector c = provider.open(Map.of("seed", "7", "rate", "2000"), FrameTap.NONE)) {
 *     c.connector().marketData().subscribeTrades(btc, trades::add);
 * }
 * }</pre>
 *
 * <p>The exchange runs in process: there is no connection, so no frame ever reaches a
 * {@link FrameTap} (a recording of it is empty), and there is nothing to decode: {@link #decoder}
 * refuses with that reason rather than hand out a decoder that could only fail on every frame.
 * To replay a simulated session, open one with the same seed and settings: the market is
 * deterministic per seed.
 */
@Component(service = ConnectorProvider.class,
        property = ExchangeConnector.PROPERTY_EXCHANGE_ID + "=" + SimulatedExchange.ID)
public final class SimulatedConnectorProvider implements ConnectorProvider {

    /** The only market: {@value}. */
    public static final String MARKET = "spot";

    /** Creates the provider (DS, or a tool outside OSGi). */
    public SimulatedConnectorProvider() {
    }

    @Override
    public String exchangeId() {
        return SimulatedExchange.ID;
    }

    @Override
    public String displayName() {
        return SimulatedExchange.DISPLAY_NAME;
    }

    /** One market: the spot instruments and the perpetual share the one account. */
    @Override
    public List<String> markets() {
        return List.of(MARKET);
    }

    @Override
    public List<ConnectorSetting> settings() {
        return SimulatedExchangeConfig.settings();
    }

    /**
     * Starts a private simulated exchange.
     *
     * @param settings {@code seed}, {@code rate}, {@code balance}, {@code leverage}; others are refused
     * @param tap unused: an in-process exchange reads no frames
     * @return the running exchange; close it when done
     * @throws IllegalArgumentException naming unknown settings, or a setting and its malformed value
     */
    @Override
    public OpenConnector open(Map<String, String> settings, FrameTap tap) {
        Objects.requireNonNull(tap, "tap");
        SimulatedExchange exchange = SimulatedExchange.start(SimulatedExchangeConfig.fromSettings(settings));
        return new OpenConnector() {
            @Override
            public ExchangeConnector connector() {
                return exchange;
            }

            @Override
            public void close() {
                exchange.close();
            }
        };
    }

    /**
     * Always refuses: the simulated exchange has no wire frames.
     *
     * @throws IllegalArgumentException saying so for {@value #MARKET}, or naming the markets for any
     *         other market
     */
    @Override
    public StreamDecoder decoder(String market, DecodedEvents events) {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(events, "events");
        if (!MARKET.equals(market)) {
            throw new IllegalArgumentException("the simulated exchange has no market '" + market + "' (markets: "
                    + MARKET + ")");
        }
        throw new IllegalArgumentException("the simulated exchange runs in-process and has no wire frames to decode");
    }
}
