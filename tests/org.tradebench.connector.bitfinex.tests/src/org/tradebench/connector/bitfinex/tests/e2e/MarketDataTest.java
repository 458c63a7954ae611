package org.tradebench.connector.bitfinex.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.Capability;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.instrument.InstrumentsChanged;
import org.tradebench.api.instrument.PricePrecision;
import org.tradebench.api.market.BookGrouping;
import org.tradebench.api.market.BookOptions;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleHistoryRequest;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.CandleRequest;
import org.tradebench.api.market.Liquidation;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Trade;
import org.tradebench.api.market.TradeHistoryRequest;
import org.tradebench.connector.bitfinex.internal.BitfinexAdapters;
import org.tradebench.connector.bitfinex.internal.BitfinexConnector;
import org.tradebench.connector.conformance.Await;
import org.tradebench.connector.conformance.BookModel;
import org.tradebench.connector.conformance.Recorder;

/**
 * Bitfinex market data end to end against the simulator, beyond the conformance kit: every book
 * option (raw, grouped, lengths, F1), more than 25 channels, candles with history, REST history,
 * instruments and their rules from {@code /v2/conf}, mark price and funding from the status
 * channel, liquidations from {@code liq:global}.
 */
class MarketDataTest {

    static final InstrumentId BTC = BitfinexTarget.BTC;
    static final InstrumentId ETH = BitfinexTarget.ETH;
    static final InstrumentId SOL = BitfinexTarget.SOL;
    static final InstrumentId PERP = new InstrumentId("bitfinex", "BTC/USDT:USDT");

    private SimHarness h;
    private BitfinexConnector c;

    @BeforeEach
    void start() {
        h = SimHarness.start();
        c = h.connect();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void tickerTradesBookAndCandlesArriveOnTheDeliveryThreadWithHistoryFirst() {
        Recorder tickers = new Recorder().forbidThread(Thread.currentThread());
        Recorder trades = new Recorder();
        Recorder candles = new Recorder();
        BookModel book = new BookModel();
        Subscription tickerSub = c.marketData().subscribeTicker(BTC, tickers);
        c.marketData().subscribeTrades(BTC, trades);
        Subscription bookSub = c.marketData().subscribeBook(new BookRequest(BTC, 25), book);
        c.marketData().subscribeCandles(new CandleRequest(BTC, CandleInterval.M1, 30), candles);

        h.awaitCurrent(c, ConnectionState.LIVE);
        Await.until(() -> tickers.count() > 0 && trades.count() > 0 && book.snapshots() > 0 && candles.count() >= 30,
                () -> "data: " + tickers + ", " + trades + ", " + book + ", " + candles);
        h.assertConverges(c, SimHarness.bookKey("tBTCUSD", "P0", 25), book);

        assertEquals(List.of(), book.violations());
        assertEquals(Set.of("bitfinex-delivery"), book.threads());
        assertEquals(Set.of("bitfinex-delivery"), trades.threads());
        Set<String> ids = new HashSet<>();
        for (Trade t : trades.of(Trade.class)) {
            assertTrue(ids.add(t.id()), "te and tu are one trade: " + t.id());
        }
        List<Candle> c30 = candles.of(Candle.class);
        assertTrue(c30.subList(0, 29).stream().allMatch(Candle::closed), "history candles are closed: " + c30.subList(0, 30)
                .stream().map(x -> x.start() + (x.closed() ? " closed" : " open")).toList() + " now " + Instant.now());
        for (int i = 1; i < c30.size(); i++) {
            assertFalse(c30.get(i).start().isBefore(c30.get(i - 1).start()), "candles never go back in time");
        }
        assertEquals(DataState.LIVE, tickerSub.health().state());
        assertEquals(DataState.LIVE, bookSub.health().state());
        Await.until(() -> c.health().latency() != null, () -> "a ping round trip measured: " + c.health());
        assertEquals(1, SimHarness.diagnostics(c).socketCount(), "one connection for every stream");
        assertTrue(SimHarness.diagnostics(c).checksumsVerified(SimHarness.bookKey("tBTCUSD", "P0", 25)) > 0);
    }

    @Test
    void rawGroupedShortLongAndSlowBooksConverge() {
        BookModel raw = new BookModel();
        BookModel p2 = new BookModel();
        BookModel one = new BookModel();
        BookModel deep = new BookModel();
        BookModel slow = new BookModel();
        c.marketData().subscribeBook(BookRequest.perOrder(ETH, 25), raw);
        c.marketData().subscribeBook(new BookRequest(ETH, 100).withGrouping(BookGrouping.significantDigits(3)), p2);
        c.marketData().subscribeBook(new BookRequest(SOL, 1), one);
        c.marketData().subscribeBook(new BookRequest(SOL, 180), deep);
        c.marketData().subscribeBook(new BookRequest(BTC, 25).withUpdateInterval(Duration.ofSeconds(2)), slow);
        h.awaitCurrent(c, ConnectionState.LIVE);
        Await.until(() -> raw.valid() && p2.valid() && one.valid() && deep.valid() && slow.valid(),
                () -> "all books snapshotted");
        h.assertConverges(c, SimHarness.bookKey("tETHUSD", "R0", 25), raw);
        h.assertConverges(c, SimHarness.bookKey("tETHUSD", "P2", 100), p2, 100);
        h.assertConverges(c, SimHarness.bookKey("tSOLUSD", "P0", 1), one, 1);
        h.assertConverges(c, SimHarness.bookKey("tSOLUSD", "P0", 250), deep, 250);
        assertTrue(SimHarness.diagnostics(c).channelId("book tBTCUSD P0 F1 25").isPresent(), "a 2 s interval is F1");
        for (BookModel m : List.of(raw, p2, one, deep, slow)) {
            assertEquals(List.of(), m.violations());
        }
    }

    @Test
    void bookOptionsAreWhatBitfinexOffers() {
        BookOptions o = c.marketData().bookOptions(BTC);
        assertEquals(List.of(1, 25, 100, 250), o.depths());
        assertTrue(o.perOrder());
        assertEquals(List.of(BookGrouping.NONE, BookGrouping.significantDigits(4), BookGrouping.significantDigits(3),
                BookGrouping.significantDigits(2), BookGrouping.significantDigits(1)), o.groupings());
        assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(2)), o.updateIntervals());
        assertTrue(o.orderCounts());
        assertTrue(o.checksummed());
        BookModel increment = new BookModel();
        Subscription s = c.marketData().subscribeBook(new BookRequest(BTC, 25)
                .withGrouping(BookGrouping.increment(new BigDecimal("10"))), increment);
        Await.until(() -> s.health().state() == DataState.FAILED, () -> "a grouping Bitfinex lacks fails");
        assertTrue(s.health().cause().contains("significant digits"), s.health().cause());
    }

    @Test
    void moreThan25ChannelsOpenASecondConnection() {
        AtomicInteger count = new AtomicInteger();
        List<CandleInterval> intervals = c.marketData().candleIntervals();
        assertEquals(12, intervals.size(), "1m 5m 15m 30m 1h 3h 6h 12h 1D 1W 14D 1M");
        for (InstrumentId id : List.of(BTC, ETH, SOL)) {
            for (CandleInterval i : intervals.subList(0, 9)) {
                c.marketData().subscribeCandles(new CandleRequest(id, i, 0), x -> count.incrementAndGet());
            }
        }
        Await.until(() -> SimHarness.diagnostics(c).socketCount() == 2, () -> "27 channels need two connections");
        for (InstrumentId id : List.of(BTC, ETH, SOL)) {
            for (CandleInterval i : intervals.subList(0, 9)) {
                String tf = BitfinexAdapters.timeframe(i).orElseThrow();
                h.chanId(c, "candles trade:" + tf + ":t" + id.symbol().replace("/", ""));
            }
        }
        Await.until(() -> count.get() >= 27, () -> "a candle on every channel");
        assertEquals(27, h.sim.channelCount());
    }

    @Test
    void candleAndTradeHistoryComeFromRestOldestFirst() throws Exception {
        List<Candle> candles = c.marketData().candleHistory(CandleHistoryRequest.before(BTC, CandleInterval.M1, null, 50))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(50, candles.size());
        for (int i = 1; i < candles.size(); i++) {
            assertEquals(candles.get(i - 1).start().plus(Duration.ofMinutes(1)), candles.get(i).start());
        }
        assertTrue(candles.stream().allMatch(Candle::closed));
        Recorder trades = new Recorder();
        c.marketData().subscribeTrades(BTC, trades);
        Await.until(() -> trades.count() >= 3, () -> "trades: " + trades);
        List<Trade> history = c.marketData().tradeHistory(new TradeHistoryRequest(BTC, null, 20))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertFalse(history.isEmpty());
        for (int i = 1; i < history.size(); i++) {
            assertFalse(history.get(i).time().isBefore(history.get(i - 1).time()), "oldest first");
        }
        Trade newest = history.getLast();
        List<Trade> before = c.marketData().tradeHistory(new TradeHistoryRequest(BTC, newest.time(), 5))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(before.stream().allMatch(t -> t.time().isBefore(newest.time())), "before the time asked: " + before);
    }

    @Test
    void instrumentsAndTheirRulesComeFromTheExchange() {
        Recorder ignored = new Recorder();
        List<InstrumentsChanged> events = new ArrayList<>();
        c.subscribeInstruments(e -> {
            synchronized (events) {
                events.add(e);
            }
        });
        Await.until(() -> c.instruments().size() == 4, () -> "the simulator's four markets: " + c.instruments());
        Instrument btc = c.instrument("BTC/USD").orElseThrow();
        assertEquals(InstrumentKind.SPOT, btc.kind());
        assertEquals(new PricePrecision.SignificantDigits(5, 8), btc.spec().pricePrecision());
        assertTrue(btc.spec().minQuantity().signum() > 0);
        // 5 significant digits: at 104,000 a price moves in steps of 10
        assertEquals(0, btc.spec().priceStep(new BigDecimal("104000")).compareTo(BigDecimal.TEN));
        assertFalse(btc.spec().isValidPrice(new BigDecimal("104005")));
        Instrument perp = c.instrument("BTC/USDT:USDT").orElseThrow();
        assertEquals(InstrumentKind.PERPETUAL, perp.kind());
        assertTrue(perp.offers(Capability.MARK_PRICE, c.capabilities()));
        assertFalse(btc.offers(Capability.MARK_PRICE, c.capabilities()));
        Await.until(() -> {
            synchronized (events) {
                return !events.isEmpty() && events.getLast().instruments().size() == 4;
            }
        }, () -> "a listener gets the list: " + events);
        assertEquals(0, ignored.count());
    }

    @Test
    void markPriceFundingAndOpenInterestComeFromTheStatusChannel() {
        Recorder marks = new Recorder();
        Subscription s = c.marketData().subscribeMarkPrice(PERP, marks);
        Await.until(() -> marks.count() >= 2, () -> "mark prices: " + marks);
        MarkPrice m = marks.of(MarkPrice.class).getLast();
        assertEquals(PERP, m.instrument());
        assertNotNull(m.markPrice());
        assertNotNull(m.indexPrice());
        assertNotNull(m.fundingRate());
        assertNotNull(m.nextFunding());
        assertTrue(m.nextFunding().isAfter(m.time()), "next funding after now: " + m);
        assertTrue(m.openInterest().signum() > 0);
        assertEquals(DataState.LIVE, s.health().state());
        Recorder spot = new Recorder();
        Subscription spotSub = c.marketData().subscribeMarkPrice(BTC, spot);
        Await.until(() -> spotSub.health().state() == DataState.FAILED, () -> "spot has no mark price");
        assertTrue(spotSub.health().cause().contains("perpetuals"), spotSub.health().cause());
    }

    @Test
    void liquidationsAreDeliveredOncePerExecutionNotPerTrigger() {
        Recorder liquidations = new Recorder();
        Subscription s = c.marketData().subscribeLiquidations(PERP, liquidations);
        Await.until(() -> h.sim.channelCount() == 1 && s.health().state() == DataState.LIVE,
                () -> "liq:global subscribed: " + s.health());
        Instant before = Instant.now().minusSeconds(60);
        h.sim.liquidate("tBTCF0:USTF0", new BigDecimal("1.5"), new BigDecimal("100010"));
        h.sim.liquidate("tBTCF0:USTF0", new BigDecimal("-0.25"), new BigDecimal("99990"));
        Await.until(() -> liquidations.count() == 2, () -> "two liquidations: " + liquidations);
        List<Liquidation> l = liquidations.of(Liquidation.class);
        assertEquals(Side.SELL, l.get(0).side(), "a long position is sold off");
        assertEquals(0, l.get(0).quantity().compareTo(new BigDecimal("1.5")));
        assertEquals(0, l.get(0).price().compareTo(new BigDecimal("100010")));
        assertEquals(Side.BUY, l.get(1).side(), "a short position is bought back");
        assertTrue(l.get(0).time().isAfter(before));
        Await.sleep(300);
        assertEquals(2, liquidations.count(), "triggers (IS_MATCH 0) are not liquidations");
    }

    @Test
    void streamsBitfinexCannotServeEndFailedWithACause() {
        Recorder seconds = new Recorder();
        Subscription s1 = c.marketData().subscribeCandles(new CandleRequest(BTC, CandleInterval.S1, 0), seconds);
        Recorder unknown = new Recorder();
        Subscription s2 = c.marketData().subscribeTicker(new InstrumentId("bitfinex", "FOO/BAR"), unknown);
        Await.until(() -> s1.health().state() == DataState.FAILED && s2.health().state() == DataState.FAILED,
                () -> "both failed: " + s1.health() + ", " + s2.health());
        assertTrue(s1.health().cause().contains("no"), s1.health().cause());
        Await.until(() -> unknown.lastHealth(DataState.FAILED) != null && seconds.lastHealth(DataState.FAILED) != null,
                () -> "the listeners hear it: " + unknown.health() + ", " + seconds.health());
        assertThrows(IllegalArgumentException.class,
                () -> c.marketData().subscribeTicker(new InstrumentId("simulated", "BTC/USD"), t -> { }),
                "an instrument of another exchange is a programming error");
    }

    @Test
    void withoutKeysTheConnectorIsMarketDataOnly() {
        assertTrue(c.capabilities().contains(Capability.ORDER_BOOK_RAW));
        assertFalse(c.capabilities().contains(Capability.TRADING));
        assertTrue(c.tradingAccounts().isEmpty());
        assertEquals("bitfinex", c.id());
    }
}
