package org.tradebench.examples.skeleton.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.Trade;
import org.tradebench.examples.skeleton.internal.protocol.SkeletonAdapters;
import org.tradebench.examples.skeleton.internal.protocol.SkeletonFrameReader;
import org.tradebench.examples.skeleton.internal.protocol.SkeletonMessage;

/** The adapters from the exchange's values to API values, on recorded frames. */
class SkeletonAdaptersTest {

    private static final InstrumentId BTC = new InstrumentId("skeleton", "BTC/USD");
    private final SkeletonFrameReader reader = new SkeletonFrameReader();

    private SkeletonMessage read(String frame) {
        byte[] b = Frames.bytes(frame);
        return reader.read(b, 0, b.length);
    }

    @Test
    void symbolsMapBothWays() {
        assertEquals("BTC-USD", SkeletonAdapters.raw(BTC));
        assertEquals(BTC, SkeletonAdapters.instrumentId("skeleton", "BTC-USD"));
        assertEquals("the Skeleton Exchange lists spot pairs BASE/QUOTE only, not BTC/USD:USD",
                assertThrows(IllegalArgumentException.class,
                        () -> SkeletonAdapters.raw(new InstrumentId("skeleton", "BTC/USD:USD"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SkeletonAdapters.instrumentId("skeleton", "BTCUSD"));
    }

    @Test
    void theWelcomeListsSpotInstrumentsWithTheExchangesTickAndLot() {
        List<Instrument> list = SkeletonAdapters.instruments("skeleton", read(Frames.WELCOME).instruments());
        assertEquals(2, list.size());
        Instrument eth = list.get(1);
        assertEquals(new InstrumentId("skeleton", "ETH/USD"), eth.id());
        assertEquals(InstrumentKind.SPOT, eth.kind());
        assertEquals("ETH-USD", eth.rawSymbol());
        assertEquals(0, new BigDecimal("0.01").compareTo(eth.spec().tickSize()));
        assertEquals(0, new BigDecimal("0.001").compareTo(eth.spec().lotSize()));
    }

    @Test
    void aTickerHasTheQuoteTheLastPriceAndTheVolume() {
        Ticker t = SkeletonAdapters.ticker(BTC, read(Frames.TICKER), 1764921600200L);
        assertEquals(Instant.ofEpochMilli(1764921600000L), t.time());
        assertEquals(Instant.ofEpochMilli(1764921600200L), t.received());
        assertEquals(0, new BigDecimal("64999.9").compareTo(t.bid()));
        assertEquals(0, new BigDecimal("0.015").compareTo(t.quote().bidSize()));
        assertEquals(0, new BigDecimal("65000.1").compareTo(t.quote().ask()));
        assertEquals(0, new BigDecimal("65000").compareTo(t.last()));
        assertEquals(0, new BigDecimal("12.3456").compareTo(t.day().volume()));
    }

    @Test
    void aTickerWithoutBidAndAskHasNoQuote() {
        Ticker t = SkeletonAdapters.ticker(BTC,
                read("{\"type\":\"ticker\",\"seq\":3,\"symbol\":\"BTC-USD\",\"time\":5,\"last\":\"7\"}"), 6);
        assertNull(t.quote());
        assertNull(t.day());
        assertEquals(0, BigDecimal.valueOf(7).compareTo(t.last()));
    }

    @Test
    void aTradeKeepsTheExchangesIdAndTheTakersSide() {
        Trade t = SkeletonAdapters.trade(BTC, read(Frames.TRADE), 1764921600200L);
        assertEquals("1001", t.id());
        assertEquals(Side.BUY, t.takerSide());
        assertEquals(0, new BigDecimal("65000.1").compareTo(t.price()));
        assertEquals(0, new BigDecimal("0.002").compareTo(t.quantity()));
        assertEquals(Instant.ofEpochMilli(1764921600123L), t.time());
    }

    @Test
    void aRefusalSaysWhatTheExchangeSaid() {
        assertEquals("Skeleton Exchange refused book SOL-USD: unknown symbol SOL-USD (code 404)",
                SkeletonAdapters.refusal("book SOL-USD", read(Frames.ERROR)));
    }
}
