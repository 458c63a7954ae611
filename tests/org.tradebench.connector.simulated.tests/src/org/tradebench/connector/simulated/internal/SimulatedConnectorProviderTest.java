package org.tradebench.connector.simulated.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Trade;
import org.tradebench.api.spi.ConnectorSetting;
import org.tradebench.api.spi.DecodedEvents;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.api.spi.OpenConnector;
import org.tradebench.connector.simulated.SimulatedExchange;

/** Tools open private simulated exchanges with their own settings; there is nothing to decode. */
class SimulatedConnectorProviderTest {

    private final SimulatedConnectorProvider provider = new SimulatedConnectorProvider();

    @Test
    void describesItselfWithOneMarketAndItsSettingsAndDefaults() {
        assertEquals("simulated", provider.exchangeId());
        assertEquals("Simulated Exchange", provider.displayName());
        assertEquals(List.of("spot"), provider.markets());
        assertEquals(List.of("seed=42", "rate=25", "balance=100000", "leverage=10", "focus="),
                provider.settings().stream().map(s -> s.name() + "=" + s.defaultValue()).toList());
        assertTrue(provider.settings().stream().map(ConnectorSetting::description).noneMatch(String::isBlank));
    }

    @Test
    void opensAPrivateExchangeWithTheGivenSettings() throws Exception {
        try (OpenConnector open = provider.open(Map.of("seed", "7", "rate", "2000", "balance", "2500", "leverage", "3"),
                FrameTap.NONE)) {
            SimulatedExchange exchange = (SimulatedExchange) open.connector();
            assertEquals(7, exchange.config().seed());
            assertEquals(2000, exchange.config().eventsPerSecond());
            assertEquals(new BigDecimal("2500"), exchange.config().paperBalance());
            assertEquals(3, exchange.config().leverage());
            List<Trade> trades = new CopyOnWriteArrayList<>();
            exchange.marketData().subscribeTrades(new InstrumentId("simulated", "BTC/USD"), trades::add);
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (trades.size() < 5 && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertTrue(trades.size() >= 5, "the market runs");
            assertEquals(new BigDecimal("2500"), exchange.trading().orElseThrow().balances().get(0).total());
        }
    }

    @Test
    void unknownSettingsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider.open(Map.of("seed", "1", "ws.url", "ws://x", "speed", "fast"), FrameTap.NONE));
        assertEquals("the simulated exchange has no setting speed, ws.url (its settings: seed, rate, balance, leverage, focus)",
                e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> provider.open(Map.of("rate", "fast"), FrameTap.NONE));
        assertEquals("rate must be a number of events per second, was 'fast'", bad.getMessage());
    }

    @Test
    void thereAreNoWireFramesToDecode() {
        DecodedEvents events = new DecodedEvents() {
        };
        IllegalArgumentException spot = assertThrows(IllegalArgumentException.class,
                () -> provider.decoder("spot", events));
        assertEquals("the simulated exchange runs in-process and has no wire frames to decode", spot.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> provider.decoder("usdm", events));
        assertEquals("the simulated exchange has no market 'usdm' (markets: spot)", other.getMessage());
    }
}
