package org.tradebench.api.tests;

import java.math.BigDecimal;
import java.time.Instant;

import org.tradebench.api.instrument.InstrumentId;

/** Shared values of the API tests. */
final class TestValues {

    static final InstrumentId BTC = new InstrumentId("simulated", "BTC/USD");
    static final InstrumentId PERP = new InstrumentId("bitfinex", "BTC/USDT:USDT");
    static final Instant T0 = Instant.parse("2025-01-27T10:15:30.123Z");

    private TestValues() {
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }
}
