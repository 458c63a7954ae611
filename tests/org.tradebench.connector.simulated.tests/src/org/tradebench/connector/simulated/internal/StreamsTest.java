package org.tradebench.connector.simulated.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradebench.connector.simulated.internal.Fixtures.BTC;
import static org.tradebench.connector.simulated.internal.Fixtures.EPOCH;
import static org.tradebench.connector.simulated.internal.Fixtures.ETH;
import static org.tradebench.connector.simulated.internal.Fixtures.PERP;
import static org.tradebench.connector.simulated.internal.Fixtures.SECOND;
import static org.tradebench.connector.simulated.internal.Fixtures.SOL;
import static org.tradebench.connector.simulated.internal.Fixtures.d;
import static org.tradebench.connector.simulated.internal.Fixtures.limit;
import static org.tradebench.connector.simulated.internal.Fixtures.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tradebench.api.Decimals;
import org.tradebench.api.Subscription;
import org.tradebench.api.account.Balance;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataSource;
import org.tradebench.api.health.DataState;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookDelta;
import org.tradebench.api.market.BookEvent;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.BookSnapshot;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleHistoryRequest;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.CandleListener;
import org.tradebench.api.market.CandleRequest;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.Trade;
import org.tradebench.api.market.TradeListener;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.TimeInForce;
import org.tradebench.core.book.OrderBook;

/**
 * Market-data and account streams as a consumer sees them, on a venue with an inline runtime (every
 * listener runs at once on the test's thread, so the event order is exact).
 */
class StreamsTest {

    static void assertSameLevels(OrderBook expected, OrderBook actual, int depth, String what) {
        for (Side side : Side.values()) {
            int n = Math.min(depth, expected.levels(side));
            assertEquals(n, actual.levels(side), what + ": " + side + " level count");
            for (int i = 0; i < n; i++) {
                assertEquals(expected.price(side, i), actual.price(side, i), what + ": " + side + " price " + i);
                assertEquals(expected.size(side, i), actual.size(side, i), what + ": " + side + " size " + i);
                assertEquals(expected.orderCount(side, i), actual.orderCount(side, i), what + ": " + side + " count " + i);
            }
        }
    }

    @Test
    void bookSnapshotThenDeltasRebuildTheVenueBookAtEveryDepth() {
        SimulatedVenue venue = Fixtures.synthetic(42, 200);
        for (InstrumentId id : List.of(BTC, ETH, SOL, PERP)) {
            InstrumentProfile p = venue.market(id).profile;
            OrderBook full = new OrderBook(p.priceScale(), p.sizeScale());
            OrderBook top = new OrderBook(p.priceScale(), p.sizeScale());
            List<BookEvent> fullEvents = new ArrayList<>();
            List<BookEvent> topEvents = new ArrayList<>();
            venue.subscribeBook(new BookRequest(id, 10_000), BookListener.ofEvents(e -> {
                fullEvents.add(e);
                full.apply(e);
            }));
            venue.subscribeBook(new BookRequest(id, 25), BookListener.ofEvents(e -> {
                topEvents.add(e);
                top.apply(e);
            }));
            for (int i = 0; i < 3000; i++) {
                venue.step();
            }
            OrderBook own = venue.book(id);
            own.checkInvariants();
            full.checkInvariants();
            top.checkInvariants();
            assertTrue(own.levels(Side.BUY) >= 50 && own.levels(Side.SELL) >= 50,
                    id + " keeps 50+ levels a side: " + own);
            assertSameLevels(own, full, Integer.MAX_VALUE, id + " full depth");
            assertSameLevels(own, top, 25, id + " depth 25");
            for (List<BookEvent> events : List.of(fullEvents, topEvents)) {
                assertInstanceOf(BookSnapshot.class, events.get(0));
                assertTrue(events.size() > 100, id + " got deltas: " + events.size());
                for (int i = 1; i < events.size(); i++) {
                    assertInstanceOf(BookDelta.class, events.get(i));
                    assertEquals(events.get(i - 1).sequence() + 1, events.get(i).sequence(), "sequence increases by one");
                }
            }
            assertTrue(topEvents.size() < fullEvents.size(), "changes below the top 25 send the top-25 book nothing");
            BookSnapshot snapshot = (BookSnapshot) topEvents.get(0);
            assertEquals(25, snapshot.bids().size());
            assertEquals(25, snapshot.asks().size());
            assertTrue(snapshot.bids().get(0).orderCount() >= 1, "levels carry their order count");
        }
    }

    @Test
    void aBookAsksForTheNextDepthOfferedAndAGroupedBookAddsUpItsBuckets() {
        SimulatedVenue venue = Fixtures.synthetic(42, 200);
        venue.advanceTo(10 * SECOND);
        List<BookEvent> twenty = new ArrayList<>();
        venue.subscribeBook(new BookRequest(BTC, 20), BookListener.ofEvents(twenty::add));
        BookSnapshot s = (BookSnapshot) twenty.get(0);
        assertEquals(25, s.bids().size(), "20 rounds up to the offered 25");

        BigDecimal dollar = d("1"); // ten ticks
        List<BookEvent> grouped = new ArrayList<>();
        venue.subscribeBook(new BookRequest(BTC, 10).withGrouping(
                org.tradebench.api.market.BookGrouping.increment(dollar)), BookListener.ofEvents(grouped::add));
        BookSnapshot g = (BookSnapshot) grouped.get(0);
        assertEquals(10, g.bids().size());
        OrderBook book = venue.book(BTC);
        InstrumentProfile p = venue.market(BTC).profile;
        BigDecimal bestBucket = p.price(book.bestBid()).divide(dollar, 0, RoundingMode.FLOOR).multiply(dollar);
        assertEquals(Decimals.normalize(bestBucket), g.bids().get(0).price());
        BigDecimal sum = BigDecimal.ZERO;
        int orders = 0;
        for (int i = 0; i < book.levels(Side.BUY); i++) {
            if (p.price(book.price(Side.BUY, i)).compareTo(bestBucket) >= 0) {
                sum = sum.add(p.size(book.size(Side.BUY, i)));
                orders += book.orderCount(Side.BUY, i);
            }
        }
        assertEquals(Decimals.normalize(sum), g.bids().get(0).quantity(), "the best bucket holds every bid in it");
        assertEquals(orders, g.bids().get(0).orderCount());
        for (int i = 0; i < g.asks().size(); i++) {
            assertEquals(0, g.asks().get(i).price().remainder(dollar).signum(), "asks on whole dollars");
        }
        assertTrue(g.bids().get(0).price().compareTo(g.asks().get(0).price()) < 0, "not crossed");
    }

    @Test
    void bookOptionsSayWhatTheVenueOffers() {
        SimulatedVenue venue = Fixtures.quiet();
        var options = venue.bookOptions(BTC);
        assertEquals(List.of(1, 10, 25, 50, 100, 250, 1000, 10_000), options.depths());
        assertFalse(options.perOrder());
        assertTrue(options.orderCounts());
        assertEquals(List.of("none", "1", "10", "50", "100"),
                options.groupings().stream().map(g -> g.describe()).toList());
        assertEquals(List.of(Duration.ZERO), options.updateIntervals());
        assertEquals(List.of("none", "0.1", "1", "5", "10"),
                venue.bookOptions(ETH).groupings().stream().map(g -> g.describe()).toList());
    }

    @Test
    void booksTheVenueDoesNotOfferEndFailedWithTheReason() {
        SimulatedVenue venue = Fixtures.quiet();
        List<DataHealth> perOrder = new ArrayList<>();
        Subscription raw = venue.subscribeBook(BookRequest.perOrder(BTC, 100), health(perOrder));
        assertEquals(DataState.FAILED, perOrder.get(0).state());
        assertEquals("per-order books are not offered by the simulated exchange: its books are aggregated price "
                + "levels with the number of orders at each", perOrder.get(0).cause());
        assertFalse(raw.isActive());

        List<DataHealth> grouped = new ArrayList<>();
        venue.subscribeBook(new BookRequest(BTC, 25).withGrouping(
                org.tradebench.api.market.BookGrouping.significantDigits(4)), health(grouped));
        assertEquals("the simulated exchange groups BTC/USD books by 1, 10, 50, 100 or not at all; 4 significant "
                + "digits is not offered", grouped.get(0).cause());
    }

    private static BookListener health(List<DataHealth> out) {
        return new BookListener() {
            @Override
            public void onBook(org.tradebench.api.market.BookUpdate update) {
                throw new AssertionError("no book data expected");
            }

            @Override
            public void onHealth(DataHealth h) {
                out.add(h);
            }
        };
    }

    @Test
    void instrumentsHaveRealisticPricesAndSpreads() {
        SimulatedVenue venue = Fixtures.synthetic(42, 25);
        venue.advanceTo(60 * SECOND);
        Map<InstrumentId, double[]> expected = Map.of(BTC, new double[] { 65000, 0.1 }, ETH,
                new double[] { 3200, 0.01 }, SOL, new double[] { 150, 0.001 }, PERP, new double[] { 65010, 0.1 });
        expected.forEach((id, e) -> {
            OrderBook b = venue.book(id);
            double tick = e[1];
            double bid = b.bestBid() * tick;
            double ask = b.bestAsk() * tick;
            assertTrue(Math.abs(bid / e[0] - 1) < 0.01, id + " bid " + bid + " near " + e[0]);
            assertTrue(ask > bid && (ask - bid) / bid < 0.001, id + " spread " + bid + " / " + ask);
        });
        assertEquals(d("0.1"), venue.instrument("BTC/USD").spec().tickSize());
        assertEquals(d("0.0001"), venue.instrument("BTC/USD").spec().lotSize());
        assertEquals(d("0.001"), venue.instrument("ETH/USD").spec().lotSize());
        assertEquals(d("0.01"), venue.instrument("SOL/USD").spec().lotSize());
        assertEquals("PERPETUAL", venue.instrument("BTC/USD:USD").kind().name());
    }

    @Test
    void candlesDeliverHistoryThenTheFormingCandleThenLiveUpdatesClosedOnTime() {
        SimulatedVenue venue = Fixtures.synthetic(7, 50);
        venue.advanceTo(150 * SECOND);
        List<Candle> got = new ArrayList<>();
        venue.subscribeCandles(new CandleRequest(BTC, CandleInterval.M1, 30), got::add);

        List<Candle> history = got.subList(0, 30);
        assertEquals(venue.candleHistory(CandleHistoryRequest.before(BTC, CandleInterval.M1, null, 30)), history);
        for (int i = 0; i < history.size(); i++) {
            Candle c = history.get(i);
            assertTrue(c.closed());
            assertEquals(EPOCH.plusSeconds(60L * (i - 28)), c.start(), "contiguous minutes ending now");
        }
        assertEquals(d("65000"), history.get(27).close(), "the back-fill ends at the starting price");
        BigDecimal jump = history.get(28).open().subtract(history.get(27).close()).abs();
        assertTrue(jump.compareTo(d("65")) < 0, "the live candles start near it: " + history.get(28).open());
        Candle forming = got.get(30);
        assertFalse(forming.closed());
        assertEquals(EPOCH.plusSeconds(120), forming.start());

        int before = got.size();
        venue.advanceTo(185 * SECOND);
        List<Candle> live = got.subList(before, got.size());
        assertFalse(live.isEmpty());
        Candle closing = live.stream().filter(c -> c.closed()).findFirst().orElseThrow();
        assertEquals(EPOCH.plusSeconds(120), closing.start(), "the 00:02 candle closes at 00:03");
        assertEquals(EPOCH.plusSeconds(180), live.get(live.size() - 1).start());
        assertFalse(live.get(live.size() - 1).closed());
    }

    @Test
    void twoCandleSubscriptionsShareAStreamAndEachGetsItsOwnHistory() {
        SimulatedVenue venue = Fixtures.synthetic(7, 50);
        venue.advanceTo(90 * SECOND);
        List<Candle> five = new ArrayList<>();
        List<Candle> none = new ArrayList<>();
        venue.subscribeCandles(new CandleRequest(BTC, CandleInterval.M1, 5), five::add);
        venue.subscribeCandles(new CandleRequest(BTC, CandleInterval.M1, 0), none::add);
        assertEquals(6, five.size(), "five closed candles and the forming one");
        assertEquals(1, none.size(), "the forming candle only");
        int streams = venue.streamCount();
        venue.advanceTo(95 * SECOND);
        assertEquals(five.subList(6, five.size()), none.subList(1, none.size()), "the same live updates");
        assertEquals(streams, venue.streamCount());
    }

    @Test
    void candleHistoryPagesBackInTimeWithoutGapsOrOverlaps() {
        SimulatedVenue venue = Fixtures.synthetic(3, 50);
        venue.advanceTo(300 * SECOND);
        List<Candle> all = venue.candleHistory(CandleHistoryRequest.before(SOL, CandleInterval.M1, null, 700));
        assertEquals(700, all.size());
        assertEquals(EPOCH.plusSeconds(240), all.get(all.size() - 1).start(), "the newest closed minute");

        List<Candle> paged = new ArrayList<>();
        java.time.Instant to = null;
        for (int page = 0; page < 7; page++) {
            List<Candle> candles = venue.candleHistory(CandleHistoryRequest.before(SOL, CandleInterval.M1, to, 100));
            assertEquals(100, candles.size());
            paged.addAll(0, candles);
            to = candles.get(0).start();
        }
        assertEquals(all, paged, "seven pages of 100 are the 700 newest");
        for (int i = 1; i < paged.size(); i++) {
            assertEquals(paged.get(i - 1).end(), paged.get(i).start(), "contiguous");
        }

        java.time.Instant from = EPOCH.minusSeconds(600);
        List<Candle> range = venue.candleHistory(new CandleHistoryRequest(SOL, CandleInterval.M1, from,
                EPOCH.plusSeconds(120), 1000));
        assertEquals(12, range.size(), "10 synthetic minutes and 2 live ones");
        assertEquals(from, range.get(0).start());
        assertEquals(range, all.subList(all.size() - 15, all.size() - 3));
    }

    @Test
    void candleHistoryIsDeterministicAndSupportsEveryInterval() {
        SimulatedVenue a = Fixtures.synthetic(3, 25);
        SimulatedVenue b = Fixtures.synthetic(3, 25);
        for (CandleInterval interval : SimulatedVenue.INTERVALS) {
            List<Candle> ca = a.candleHistory(CandleHistoryRequest.before(SOL, interval, null, 500));
            assertEquals(500, ca.size());
            assertEquals(ca, b.candleHistory(CandleHistoryRequest.before(SOL, interval, null, 500)));
            assertEquals(ca.subList(400, 500), a.candleHistory(CandleHistoryRequest.before(SOL, interval, null, 100)));
            Candle last = ca.get(ca.size() - 1);
            assertTrue(!last.end().isAfter(EPOCH), interval + " history ends now");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.candleHistory(CandleHistoryRequest.before(SOL, CandleInterval.parse("3m"), null, 10)));
        assertEquals("the simulated exchange streams no 3m candles (it has 1s, 5s, 15s, 1m, 5m, 15m, 1h, 1D)",
                e.getMessage());
    }

    @Test
    void tradeHistoryPagesBackThroughTheTradesSinceTheStart() {
        SimulatedVenue venue = Fixtures.synthetic(5, 200);
        List<Trade> live = new ArrayList<>();
        venue.subscribeTrades(ETH, live::add);
        venue.advanceTo(30 * SECOND);
        assertTrue(live.size() > 120, "trades: " + live.size());

        List<Trade> newest = venue.tradeHistory(new org.tradebench.api.market.TradeHistoryRequest(ETH, null, 50));
        assertEquals(live.subList(live.size() - 50, live.size()), newest);
        List<Trade> older = venue.tradeHistory(new org.tradebench.api.market.TradeHistoryRequest(ETH,
                newest.get(0).time(), 50));
        int olderEnd = live.size() - 50;
        // Trades share a time when one order swept levels: the page ends before that time.
        while (olderEnd > 0 && !live.get(olderEnd - 1).time().isBefore(newest.get(0).time())) {
            olderEnd--;
        }
        assertEquals(live.subList(olderEnd - 50, olderEnd), older);
        assertEquals(live, venue.tradeHistory(new org.tradebench.api.market.TradeHistoryRequest(ETH, null, 10_000)),
                "every trade since the start");
    }

    @Test
    void tickersCarryTheQuoteTheLastPriceAndTheDayAndStartWithTheCurrentValue() {
        SimulatedVenue venue = Fixtures.synthetic(11, 100);
        List<Ticker> tickers = new ArrayList<>();
        venue.subscribeTicker(ETH, tickers::add);
        assertEquals(1, tickers.size(), "current ticker first");
        for (int i = 0; i < 2000; i++) {
            venue.step();
        }
        assertTrue(tickers.size() > 50);
        for (Ticker t : tickers) {
            assertTrue(t.bid().compareTo(t.ask()) < 0, "not crossed: " + t);
            assertNotNull(t.quote().bidSize());
            assertTrue(t.volume().signum() > 0, "24h volume from the back-fill and live trades");
            assertTrue(t.day().high().compareTo(t.day().low()) >= 0);
            assertTrue(t.last().compareTo(t.day().high()) <= 0 && t.last().compareTo(t.day().low()) >= 0);
            assertNotNull(t.day().open());
            assertEquals(Decimals.normalize(t.last().subtract(t.day().open())), t.day().change());
            assertNull(t.day().quoteVolume(), "not tracked, so not invented");
        }
    }

    @Test
    void tradesArriveOnceInOrder() {
        SimulatedVenue venue = Fixtures.synthetic(5, 100);
        List<Trade> trades = new ArrayList<>();
        venue.subscribeTrades(BTC, trades::add);
        for (int i = 0; i < 3000; i++) {
            venue.step();
        }
        assertTrue(trades.size() > 50, "marketable flow trades: " + trades.size());
        for (int i = 1; i < trades.size(); i++) {
            assertEquals(Long.parseLong(trades.get(i - 1).id()) + 1, Long.parseLong(trades.get(i).id()));
            assertFalse(trades.get(i).time().isBefore(trades.get(i - 1).time()));
        }
        assertTrue(trades.stream().anyMatch(t -> t.takerSide() == Side.BUY));
        assertTrue(trades.stream().anyMatch(t -> t.takerSide() == Side.SELL));
    }

    @Test
    void healthHasALiveSimulatedMarketDataSessionAndTradingSessionAndComesFirstOnSubscribe() {
        SimulatedVenue venue = Fixtures.synthetic(1, 1000);
        List<ConnectionHealth> values = new ArrayList<>();
        venue.subscribeHealth(values::add);
        assertEquals(1, values.size(), "current value first");
        ConnectionHealth first = values.get(0);
        assertEquals(ConnectionState.LIVE, first.state());
        assertEquals(List.of(SessionHealth.MARKET_DATA, SessionHealth.TRADING), List.copyOf(first.sessions().keySet()));
        SessionHealth md = first.session(SessionHealth.MARKET_DATA).orElseThrow();
        assertEquals(DataSource.SIMULATED, md.source());
        assertEquals(ConnectionState.LIVE, first.session(SessionHealth.TRADING).orElseThrow().state());
        assertEquals(List.of(SessionHealth.TRADING), List.copyOf(venue.accountHealth().sessions().keySet()));

        venue.advanceTo(5 * SECOND);
        double rate = venue.eventRate();
        assertTrue(rate > 850 && rate < 1150, "about 1000 events per second of venue time: " + rate);
        assertTrue(values.size() > 1, "counters once a second");

        venue.recordLoopDelay(Duration.ofMillis(3).toNanos());
        venue.advanceTo(6 * SECOND);
        assertEquals(Duration.ofMillis(3), venue.health().latency());
        assertEquals(Duration.ofMillis(3), venue.accountHealth().latency());
    }

    @Test
    void aListenerThatThrowsIsLoggedAndKeepsItsSubscription() {
        SimulatedVenue venue = Fixtures.synthetic(5, 100);
        int[] calls = new int[1];
        Subscription sub = venue.subscribeTrades(BTC, t -> {
            calls[0]++;
            throw new IllegalStateException("view bug");
        });
        List<Trade> others = new ArrayList<>();
        venue.subscribeTrades(BTC, others::add);
        for (int i = 0; i < 2000; i++) {
            venue.step();
        }
        assertTrue(calls[0] > 10);
        assertEquals(others.size(), calls[0], "every trade still reached the failing listener");
        assertTrue(sub.isActive());
        assertEquals(DataState.LIVE, sub.health().state());
        assertEquals(calls[0], sub.health().messages());

        sub.close();
        int after = calls[0];
        for (int i = 0; i < 500; i++) {
            venue.step();
        }
        assertEquals(after, calls[0], "no callback after close");
        assertEquals(DataState.CLOSED, sub.health().state());
    }

    @Test
    void tradingStreamEmitsLegalTransitionsWithEachFillBeforeItsOrder() {
        SimulatedVenue venue = Fixtures.synthetic(9, 200);
        TradingRecorder recorder = new TradingRecorder();
        venue.subscribeTrading(recorder);
        assertEquals(5, recorder.events.size(), "the five balances first");
        assertTrue(recorder.events.stream().allMatch(Balance.class::isInstance));

        venue.step();
        BigDecimal mid = venue.mid(venue.market(BTC));
        String below = mid.subtract(d("20")).setScale(1, RoundingMode.DOWN).toPlainString();
        String above = mid.add(d("30")).setScale(1, RoundingMode.DOWN).toPlainString();
        venue.place(limit("rest", BTC, Side.BUY, "0.2", below));
        venue.place(market("mkt", BTC, Side.BUY, "0.3"));
        venue.place(limit("ioc", BTC, Side.BUY, "0.5", above).withTimeInForce(TimeInForce.IOC));
        venue.place(limit("gone", BTC, Side.BUY, "0.1",
                mid.subtract(d("50")).setScale(0, RoundingMode.DOWN).toPlainString()));
        venue.cancel("gone");
        for (int i = 0; i < 3000; i++) {
            venue.step();
        }

        Map<String, Order> last = new HashMap<>();
        Map<String, BigDecimal> filledByFills = new HashMap<>();
        Fill pending = null;
        for (Object e : recorder.events) {
            if (e instanceof Fill f) {
                assertEquals(null, pending, "a fill is followed by its order update");
                pending = f;
                filledByFills.merge(f.clientOrderId(), f.quantity(), (a, b) -> Decimals.normalize(a.add(b)));
            } else if (e instanceof Order o) {
                Order previous = last.put(o.clientOrderId(), o);
                if (previous != null) {
                    assertTrue(previous.status().canBecome(o.status()),
                            o.clientOrderId() + ": " + previous.status() + " -> " + o.status());
                    assertTrue(!o.updated().isBefore(previous.updated()));
                }
                if (pending != null) {
                    assertEquals(pending.clientOrderId(), o.clientOrderId());
                    assertEquals(filledByFills.get(o.clientOrderId()), o.filledQuantity());
                    pending = null;
                }
            }
        }
        assertEquals(OrderStatus.FILLED, last.get("mkt").status());
        assertEquals(OrderStatus.CANCELLED, last.get("gone").status());
        assertTrue(last.get("ioc").status().isFinal());
        assertTrue(filledByFills.containsKey("ioc"), "the IOC crossed the spread");

        // A new subscriber gets the open orders, the balances and the positions first.
        TradingRecorder late = new TradingRecorder();
        venue.subscribeTrading(late);
        int open = venue.openOrders().size();
        assertEquals(open + 5, late.events.size());
        for (int i = 0; i < open; i++) {
            assertInstanceOf(Order.class, late.events.get(i));
        }
    }

    @Test
    void streamsOfAnUnlistedInstrumentEndFailedAndAnotherExchangesInstrumentIsRefused() {
        SimulatedVenue venue = Fixtures.quiet();
        InstrumentId doge = new InstrumentId("simulated", "DOGE/USD");
        List<DataHealth> health = new ArrayList<>();
        Subscription s = venue.subscribeTrades(doge, new TradeListener() {
            @Override
            public void onTrade(Trade trade) {
                throw new AssertionError("no trades expected");
            }

            @Override
            public void onHealth(DataHealth h) {
                health.add(h);
            }
        });
        assertEquals(1, health.size());
        assertEquals(DataState.FAILED, health.get(0).state());
        assertEquals("unknown instrument simulated:DOGE/USD: the simulated exchange lists BTC/USD, ETH/USD, SOL/USD, "
                + "BTC/USD:USD", health.get(0).cause());
        assertFalse(s.isActive());
        assertEquals(DataState.FAILED, s.health().state(), "a stream that could not be served stays FAILED");

        List<DataHealth> candles = new ArrayList<>();
        venue.subscribeCandles(new CandleRequest(BTC, CandleInterval.parse("2h"), 10), new CandleListener() {
            @Override
            public void onCandle(Candle candle) {
                throw new AssertionError("no candles expected");
            }

            @Override
            public void onHealth(DataHealth h) {
                candles.add(h);
            }
        });
        assertEquals("the simulated exchange streams no 2h candles (it has 1s, 5s, 15s, 1m, 5m, 15m, 1h, 1D)",
                candles.get(0).cause());

        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> venue.subscribeTicker(new InstrumentId("bitfinex", "BTC/USD"), t -> { }));
        assertEquals("instrument bitfinex:BTC/USD belongs to the exchange 'bitfinex', not to the simulated exchange",
                other.getMessage());
        assertEquals(java.time.Instant.parse("2025-01-01T00:00:00Z"), venue.instant());
    }

    @Test
    void aStreamListenerHearsLiveBeforeTheFirstData() {
        SimulatedVenue venue = Fixtures.synthetic(5, 100);
        List<String> seen = new ArrayList<>();
        venue.subscribeTicker(BTC, new org.tradebench.api.market.TickerListener() {
            @Override
            public void onTicker(Ticker ticker) {
                seen.add("ticker");
            }

            @Override
            public void onHealth(DataHealth h) {
                seen.add(h.state().wireName());
            }
        });
        assertEquals(List.of("live", "ticker"), seen);
    }
}
