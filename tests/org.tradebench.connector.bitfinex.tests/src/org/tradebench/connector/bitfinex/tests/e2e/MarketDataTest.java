package org.tradebench.connector.bitfinex.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.Capability;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.CandleRequest;
import org.tradebench.connector.bitfinex.internal.market.BitfinexMarketData;

/** Market data end to end against the simulator: every stream, shared channels, more than 25 channels. */
class MarketDataTest {

    static final InstrumentId BTC = new InstrumentId("bitfinex", "BTC/USD");
    static final InstrumentId ETH = new InstrumentId("bitfinex", "ETH/USD");
    static final InstrumentId SOL = new InstrumentId("bitfinex", "SOL/USD");

    private SimHarness h;

    @BeforeEach
    void start() {
        h = SimHarness.start();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void streamsTickerTradesBookAndCandlesOnTheConnectorThread() {
        Recorders.Tickers tickers = new Recorders.Tickers();
        Recorders.Trades trades = new Recorders.Trades();
        Recorders.Candles candles = new Recorders.Candles();
        BookModel book = new BookModel();
        Subscription tickerSub = h.connector.marketData().subscribeTicker(BTC, tickers);
        h.connector.marketData().subscribeTrades(BTC, trades);
        Subscription bookSub = h.connector.marketData().subscribeBook(new BookRequest(BTC, 25), book);
        h.connector.marketData().subscribeCandles(new CandleRequest(BTC, CandleInterval.M1, 30), candles);

        h.awaitCurrent(ConnectionState.LIVE);
        Await.until(() -> tickers.count() > 0 && trades.count() > 0 && book.snapshots() > 0 && candles.count() >= 30,
                () -> "data: tickers " + tickers.count() + ", trades " + trades.count() + ", snapshots " + book.snapshots()
                        + ", candles " + candles.count());
        h.assertConverges(BitfinexMarketData.bookKey("tBTCUSD", "P0", 25), book);

        assertEquals(List.of(), book.violations());
        assertFalse(book.crossed(), "book crossed");
        assertEquals("bitfinex-connector", book.thread());
        assertEquals(java.util.Set.of("bitfinex-connector"), trades.threads());
        assertEquals(List.of(), trades.duplicates(), "te and tu are one trade");
        assertEquals(List.of(), candles.backwards());
        // History first: 30 closed candles, then live.
        List<Candle> c = candles.all();
        assertTrue(c.subList(0, 29).stream().allMatch(Candle::closed), "history candles are closed");
        assertEquals(DataState.LIVE, tickerSub.health().state());
        assertEquals(DataState.LIVE, bookSub.health().state());
        assertTrue(bookSub.health().messages() > 0);
        Await.until(() -> h.connector.health().latency() != null, () -> "a ping round trip measured");
        assertEquals(1, h.md.socketCount(), "one connection for every stream");
    }

    @Test
    void rawAndCoarseBooksOfEveryLengthConverge() {
        BookModel raw = new BookModel();
        BookModel p2 = new BookModel();
        BookModel one = new BookModel();
        BookModel deep = new BookModel();
        h.connector.marketData().subscribeBook(new BookRequest(ETH, 25, true), raw);
        h.md.subscribeBook(new BookRequest(ETH, 100), "P2", p2);
        h.connector.marketData().subscribeBook(new BookRequest(SOL, 1), one);
        h.connector.marketData().subscribeBook(new BookRequest(SOL, 180), deep);
        h.awaitCurrent(ConnectionState.LIVE);
        Await.until(() -> raw.valid() && p2.valid() && one.valid() && deep.valid(), () -> "all books snapshotted");
        h.assertConverges(BitfinexMarketData.bookKey("tETHUSD", "R0", 25), raw);
        h.assertConverges(BitfinexMarketData.bookKey("tETHUSD", "P2", 100), p2);
        h.assertConverges(BitfinexMarketData.bookKey("tSOLUSD", "P0", 1), one);
        h.assertConverges(BitfinexMarketData.bookKey("tSOLUSD", "P0", 250), deep);
    }

    @Test
    void listenersOfOneStreamShareOneChannel() {
        BookModel a = new BookModel();
        BookModel b = new BookModel();
        h.connector.marketData().subscribeBook(new BookRequest(BTC, 10), a);
        String key = BitfinexMarketData.bookKey("tBTCUSD", "P0", 25);
        int chan = h.chanId(key);
        Await.until(a::valid, () -> "first listener has a book");
        Subscription second = h.connector.marketData().subscribeBook(new BookRequest(BTC, 20), b);
        Await.until(b::valid, () -> "the second listener gets the current book at once");
        assertEquals(chan, h.chanId(key));
        h.assertConverges(key, a);
        h.assertConverges(key, b);
        second.close();
        assertFalse(second.isActive());
        assertEquals(DataState.CLOSED, second.health().state());
        h.assertConverges(key, a);
    }

    @Test
    void moreThan25ChannelsOpenASecondConnection() {
        AtomicInteger candles = new AtomicInteger();
        List<CandleInterval> intervals = h.connector.marketData().candleIntervals();
        assertEquals(12, intervals.size(), "1m 5m 15m 30m 1h 3h 6h 12h 1D 1W 14D 1M");
        for (InstrumentId id : List.of(BTC, ETH, SOL)) {
            for (CandleInterval i : intervals.subList(0, 9)) {
                h.connector.marketData().subscribeCandles(new CandleRequest(id, i, 0), c -> candles.incrementAndGet());
            }
        }
        Await.until(() -> h.md.socketCount() == 2, () -> "27 channels need two connections");
        for (InstrumentId id : List.of(BTC, ETH, SOL)) {
            for (CandleInterval i : intervals.subList(0, 9)) {
                String tf = org.tradebench.connector.bitfinex.internal.BitfinexAdapters.timeframe(i).orElseThrow();
                String raw = org.tradebench.connector.bitfinex.internal.BitfinexInstruments.bySymbol(id.symbol())
                        .orElseThrow().rawSymbol();
                h.chanId("candles trade:" + tf + ":" + raw);
            }
        }
        Await.until(() -> candles.get() >= 27, () -> "a candle on every channel");
    }

    @Test
    void aListenerThatThrowsKeepsItsSubscription() {
        AtomicInteger calls = new AtomicInteger();
        Subscription s = h.connector.marketData().subscribeTicker(BTC, t -> {
            calls.incrementAndGet();
            throw new IllegalStateException("a view's bug");
        });
        Await.until(() -> calls.get() >= 3, () -> "more tickers after the listener threw");
        assertTrue(s.isActive());
    }

    @Test
    void candleHistoryComesFromRestOldestFirst() throws Exception {
        List<Candle> history = h.connector.marketData().candleHistory(new CandleRequest(BTC, CandleInterval.M1, 50))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(50, history.size());
        for (int i = 1; i < history.size(); i++) {
            assertEquals(history.get(i - 1).start().plus(Duration.ofMinutes(1)), history.get(i).start());
        }
        assertTrue(history.stream().allMatch(Candle::closed));
    }

    @Test
    void capabilitiesWithoutKeysAreMarketDataOnly() {
        assertTrue(h.connector.capabilities().contains(Capability.ORDER_BOOK_RAW));
        assertFalse(h.connector.capabilities().contains(Capability.TRADING));
        assertTrue(h.connector.trading().isEmpty());
        assertEquals("bitfinex", h.connector.id());
        assertNotNull(h.connector.instrument("BTC/USDT:USDT").orElse(null));
        assertThrows(IllegalArgumentException.class,
                () -> h.connector.marketData().subscribeTicker(new InstrumentId("bitfinex", "FOO/BAR"), t -> { }));
        assertThrows(IllegalArgumentException.class, () -> h.connector.marketData()
                .subscribeCandles(new CandleRequest(BTC, CandleInterval.S1, 0), c -> { }));
    }
}
