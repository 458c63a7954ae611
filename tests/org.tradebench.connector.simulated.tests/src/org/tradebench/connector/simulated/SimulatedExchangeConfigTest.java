package org.tradebench.connector.simulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class SimulatedExchangeConfigTest {

    @Test
    void defaultsAreSeed42At25EventsPerSecondWith100000UsdAndLeverage10() {
        SimulatedExchangeConfig c = SimulatedExchangeConfig.from(Map.of(), new Properties());
        assertEquals(SimulatedExchangeConfig.DEFAULTS, c);
        assertEquals(42, c.seed());
        assertEquals(25, c.eventsPerSecond());
        assertEquals(new BigDecimal("100000"), c.paperBalance());
        assertEquals(10, c.leverage());
    }

    @Test
    void componentPropertiesWinOverSystemProperties() {
        Properties system = new Properties();
        system.setProperty("tradebench.simulated.seed", "7");
        system.setProperty("tradebench.simulated.rate", "20000");
        system.setProperty("tradebench.simulated.balance", "2500.50");
        SimulatedExchangeConfig c = SimulatedExchangeConfig.from(Map.of("rate", 500, "leverage", "20"), system);
        assertEquals(7, c.seed());
        assertEquals(500, c.eventsPerSecond());
        assertEquals(new BigDecimal("2500.5"), c.paperBalance());
        assertEquals(20, c.leverage());
        assertEquals(99, SimulatedExchangeConfig.from(Map.of("tradebench.simulated.seed", 99L), system).seed());
    }

    @Test
    void badValuesAreRefusedWithTheKeyAndTheValue() {
        Properties system = new Properties();
        system.setProperty("tradebench.simulated.rate", "fast");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimulatedExchangeConfig.from(Map.of(), system));
        assertEquals("tradebench.simulated.rate must be a number of events per second, was 'fast'", e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> SimulatedExchangeConfig.DEFAULTS.withEventsPerSecond(0));
        assertEquals("simulated exchange rate must be 0.1 to 1000000 events per second, was 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SimulatedExchangeConfig.DEFAULTS.withPaperBalance(new BigDecimal("-1")));
        assertEquals("simulated exchange paper balance must be > 0 USD, was -1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SimulatedExchangeConfig.DEFAULTS.withLeverage(0));
        assertEquals("simulated exchange leverage must be 1 to 100, was 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SimulatedExchangeConfig.DEFAULTS.withEventsPerSecond(Double.NaN));
    }

    @Test
    void toolSettingsUseTheShortNamesOnlyAndIgnoreSystemProperties() {
        String before = System.getProperty(SimulatedExchangeConfig.SEED_PROPERTY);
        System.setProperty(SimulatedExchangeConfig.SEED_PROPERTY, "99");
        try {
            SimulatedExchangeConfig c = SimulatedExchangeConfig.fromSettings(Map.of("rate", "500", "leverage", "20"));
            assertEquals(42, c.seed(), "defaults, not system properties");
            assertEquals(500, c.eventsPerSecond());
            assertEquals(20, c.leverage());
        } finally {
            if (before == null) {
                System.clearProperty(SimulatedExchangeConfig.SEED_PROPERTY);
            } else {
                System.setProperty(SimulatedExchangeConfig.SEED_PROPERTY, before);
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimulatedExchangeConfig.fromSettings(Map.of("tradebench.simulated.seed", "1")));
        assertEquals("the simulated exchange has no setting tradebench.simulated.seed (its settings: seed, rate, "
                + "balance, leverage, focus)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SimulatedExchangeConfig.fromSettings(Map.of("leverage", "500")));
        assertEquals("simulated exchange leverage must be 1 to 100, was 500", e.getMessage());
    }

    @Test
    void theFocusIsReadFromEveryPlaceAndBlankMeansNone() {
        Properties system = new Properties();
        system.setProperty("tradebench.simulated.focus", "BTC/USD");
        assertEquals("BTC/USD", SimulatedExchangeConfig.from(Map.of(), system).focus());
        assertEquals("ETH/USD", SimulatedExchangeConfig.fromSettings(Map.of("focus", " ETH/USD ")).focus());
        assertEquals(null, SimulatedExchangeConfig.fromSettings(Map.of("focus", "")).focus());
        assertEquals(null, SimulatedExchangeConfig.DEFAULTS.focus());
        assertEquals("BTC/USD", SimulatedExchangeConfig.DEFAULTS.withFocus("BTC/USD").withSeed(3).focus());
    }
}
