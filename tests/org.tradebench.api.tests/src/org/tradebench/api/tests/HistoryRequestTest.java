package org.tradebench.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tradebench.api.tests.TestValues.BTC;
import static org.tradebench.api.tests.TestValues.T0;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tradebench.api.market.CandleHistoryRequest;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.CandleRequest;
import org.tradebench.api.market.TradeHistoryRequest;
import org.tradebench.api.trading.HistoryRequest;

class HistoryRequestTest {

    private static final Instant EARLIER = T0.minusSeconds(3600);

    private static String refused(Executable executable) {
        return assertThrows(IllegalArgumentException.class, executable).getMessage();
    }

    @Test
    void orderHistoryTakesOneToTenThousandInANonEmptyRange() {
        HistoryRequest latest = HistoryRequest.latest(BTC, 500);
        assertEquals(BTC, latest.instrument());
        assertNull(latest.from());
        assertNull(latest.to());
        assertEquals(500, latest.limit());
        assertNull(new HistoryRequest(null, EARLIER, T0, 10_000).instrument(), "null means every instrument");
        assertEquals("history limit must be 1..10000, was 0", refused(() -> HistoryRequest.latest(BTC, 0)));
        assertEquals("history limit must be 1..10000, was 10001", refused(() -> HistoryRequest.latest(BTC, 10_001)));
        assertEquals("history range is empty: from " + T0 + " to " + T0,
                refused(() -> new HistoryRequest(BTC, T0, T0, 10)));
        assertEquals("history range is empty: from " + T0 + " to " + EARLIER,
                refused(() -> new HistoryRequest(BTC, T0, EARLIER, 10)));
        assertEquals(EARLIER, new HistoryRequest(BTC, EARLIER, null, 1).from(), "open-ended to now");
        assertEquals("instrument", assertThrows(NullPointerException.class, () -> HistoryRequest.latest(null, 1))
                .getMessage());
    }

    @Test
    void candleHistoryPagesBackBeforeATime() {
        CandleHistoryRequest page = CandleHistoryRequest.before(BTC, CandleInterval.M1, T0, 500);
        assertNull(page.from());
        assertEquals(T0, page.to());
        assertEquals(CandleInterval.M1, page.interval());
        assertNull(CandleHistoryRequest.before(BTC, CandleInterval.H1, null, 1).to(), "null is now");
        assertEquals("candle history limit must be 1..10000, was 0",
                refused(() -> CandleHistoryRequest.before(BTC, CandleInterval.M1, T0, 0)));
        assertEquals("candle history range is empty: from " + T0 + " to " + EARLIER,
                refused(() -> new CandleHistoryRequest(BTC, CandleInterval.M1, T0, EARLIER, 10)));
        assertEquals("interval", assertThrows(NullPointerException.class,
                () -> CandleHistoryRequest.before(BTC, null, T0, 10)).getMessage());
    }

    @Test
    void tradeHistoryNeedsAnInstrumentAndALimit() {
        TradeHistoryRequest page = new TradeHistoryRequest(BTC, null, 1000);
        assertNull(page.before());
        assertEquals(1000, page.limit());
        assertEquals(T0, new TradeHistoryRequest(BTC, T0, 1).before());
        assertEquals("trade history limit must be 1..10000, was 10001",
                refused(() -> new TradeHistoryRequest(BTC, T0, 10_001)));
        assertEquals("instrument", assertThrows(NullPointerException.class,
                () -> new TradeHistoryRequest(null, T0, 10)).getMessage());
    }

    @Test
    void candleStreamHistoryIsZeroToTenThousand() {
        assertEquals(0, new CandleRequest(BTC, CandleInterval.M5, 0).history());
        assertEquals("candle history must be 0..10000, was -1",
                refused(() -> new CandleRequest(BTC, CandleInterval.M5, -1)));
        assertEquals("candle history must be 0..10000, was 10001",
                refused(() -> new CandleRequest(BTC, CandleInterval.M5, 10_001)));
    }
}
