package org.tradebench.connector.binance.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookEvent;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.BookReset;
import org.tradebench.api.market.BookSnapshot;
import org.tradebench.api.market.BookDelta;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.CandleRequest;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.connector.binance.internal.BinanceConnector;
import org.tradebench.connector.binance.internal.BinanceProvider;
import org.tradebench.connector.binance.internal.Payloads;

/**
 * The spot connector end to end against {@link StreamServer} on loopback: live subscriptions and
 * their pacing, the depth book over REST snapshots, a refusal, a dropped connection with REST
 * fallback, the rollover before the 24 h limit, and the transport's answer to server pings.
 */
class MarketDataTest {

    private static final InstrumentId BTC = new InstrumentId("binance", "BTC/USDT");
    private static final InstrumentId DOGE = new InstrumentId("binance", "DOGE/USDT");
    private static final String DEPTH = "btcusdt@depth@100ms";

    private StreamServer server;
    private BinanceConnector connector;
    private final AtomicLong snapshotId = new AtomicLong(102);
    private volatile String snapshotBids = "[[\"100.00\",\"1.5\"],[\"99.50\",\"2\"]]";

    @BeforeEach
    void start() {
        server = new StreamServer();
        server.rest.put("/api/v3/exchangeInfo", q -> "{\"symbols\":[" + symbol("BTC") + "," + symbol("DOGE") + "]}");
        server.rest.put("/api/v3/depth", q -> "{\"lastUpdateId\":" + snapshotId.get()
                + ",\"bids\":" + snapshotBids + ",\"asks\":[[\"101.00\",\"3\"]]}");
        // spot's 24 h ticker carries the best bid and ask (there is no need for ticker/bookTicker)
        server.rest.put("/api/v3/ticker/24hr", q -> "{\"symbol\":\"BTCUSDT\",\"bidPrice\":\"100\",\"bidQty\":\"1\","
                + "\"askPrice\":\"101\",\"askQty\":\"2\",\"priceChange\":\"1\",\"priceChangePercent\":"
                + "\"1.0\",\"lastPrice\":\"100.5\",\"openPrice\":\"99.5\",\"highPrice\":\"102\",\"lowPrice\":\"98\","
                + "\"volume\":\"12\",\"quoteVolume\":\"1200\",\"closeTime\":1700000000000}");
        connector = (BinanceConnector) new BinanceProvider().open(Map.of("ws.url", server.wsUrl(), "rest.url",
                server.restUrl(), "stale.ms", "5000", "reconnect.ms", "100", "reconnect.max.ms", "300",
                "rest.fallback.ms", "300", "rest.poll.ms", "300", "reply.timeout.ms", "2000"), FrameTap.NONE);
        await(() -> connector.catalog().loaded(), () -> "the instruments loaded");
    }

    @AfterEach
    void stop() {
        if (connector != null) {
            connector.close();
        }
        server.close();
    }

    private static String symbol(String base) {
        return "{\"symbol\":\"" + base + "USDT\",\"status\":\"TRADING\",\"baseAsset\":\"" + base
                + "\",\"quoteAsset\":\"USDT\",\"orderTypes\":[\"LIMIT\",\"MARKET\"],\"filters\":["
                + "{\"filterType\":\"PRICE_FILTER\",\"tickSize\":\"0.01\"},{\"filterType\":\"LOT_SIZE\",\"minQty\":"
                + "\"0.0001\",\"maxQty\":\"1000\",\"stepSize\":\"0.0001\"},{\"filterType\":\"NOTIONAL\",\"minNotional\":\"5\"}]}";
    }

    private static String diff(long first, long last, String bids, String asks) {
        return "{\"e\":\"depthUpdate\",\"E\":1700000000000,\"s\":\"BTCUSDT\",\"U\":" + first + ",\"u\":" + last
                + ",\"b\":" + bids + ",\"a\":" + asks + "}";
    }

    static void await(BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what.get());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static List<String> kinds(List<BookEvent> events) {
        List<String> l = new ArrayList<>();
        for (BookEvent e : events) {
            l.add(e instanceof BookSnapshot ? "snapshot" : e instanceof BookDelta ? "delta"
                    : "reset:" + ((BookReset) e).reason());
        }
        return l;
    }

    @Test
    void aBookIsSnapshottedFromRestFollowsTheDiffsAndAGapResnapshots() {
        List<BookEvent> events = new CopyOnWriteArrayList<>();
        Subscription book = connector.marketData().subscribeBook(new BookRequest(BTC, 100), u -> events.add(u.toEvent()));
        await(() -> !server.subscribers(DEPTH).isEmpty(), () -> "Binance has the depth subscription");
        server.push(DEPTH, diff(100, 101, "[[\"99.00\",\"1\"]]", "[]"));
        await(() -> events.size() == 1, () -> "the snapshot, got " + kinds(events));
        assertEquals(1, server.calls("/api/v3/depth"));
        BookSnapshot s = (BookSnapshot) events.get(0);
        assertEquals(2, s.bids().size(), "the diff older than the snapshot was dropped");
        server.push(DEPTH, diff(103, 104, "[[\"100.50\",\"2\"]]", "[[\"101.00\",\"0\"]]"));
        await(() -> events.size() == 2, () -> "a delta");
        snapshotId.set(112);
        server.push(DEPTH, diff(110, 111, "[]", "[]"));
        await(() -> events.size() == 4, () -> "a reset and a new snapshot, got " + kinds(events));
        assertEquals(List.of("snapshot", "delta", "reset:" + BookReset.SEQUENCE_GAP, "snapshot"), kinds(events));
        assertEquals(2, server.calls("/api/v3/depth"));
        assertEquals(DataState.LIVE, book.health().state());
        assertEquals(ConnectionState.LIVE, connector.health().state());
        book.close();
        await(() -> server.subscribers(DEPTH).isEmpty(), () -> "the last subscriber left: UNSUBSCRIBE");
    }

    @Test
    void subscriptionsArePacedUnderBinancesMessageLimit() throws InterruptedException {
        List<Subscription> subs = new ArrayList<>();
        List<CandleInterval> intervals = connector.marketData().candleIntervals();
        for (CandleInterval i : intervals) {
            subs.add(connector.marketData().subscribeCandles(new CandleRequest(BTC, i, 0), c -> {
            }));
            Thread.sleep(40);
        }
        subs.add(connector.marketData().subscribeTrades(BTC, t -> {
        }));
        subs.add(connector.marketData().subscribeTicker(BTC, t -> {
        }));
        int expected = intervals.size() + 3; // klines, aggTrade, bookTicker and ticker
        await(() -> server.conns.get(0).streams.size() == expected,
                () -> "every stream subscribed, has " + server.conns.get(0).streams);
        List<Long> times = server.conns.get(0).messageNanos;
        assertTrue(times.size() >= 2, "several messages: " + times.size());
        for (int i = 0; i < times.size(); i++) {
            int inWindow = 0;
            for (int j = i; j < times.size() && times.get(j) - times.get(i) < 1_000_000_000L; j++) {
                inWindow++;
            }
            assertTrue(inWindow <= 3, inWindow + " messages within a second (Binance allows 5, pings and pongs included)");
        }
        subs.forEach(Subscription::close);
    }

    @Test
    void aRefusedStreamEndsFailedWithBinancesTextAndTheOthersGoOn() {
        server.refused.add("dogeusdt@");
        List<Ticker> tickers = new CopyOnWriteArrayList<>();
        Subscription btc = connector.marketData().subscribeTicker(BTC, tickers::add);
        Subscription doge = connector.marketData().subscribeTicker(DOGE, t -> {
        });
        await(() -> doge.health().state() == DataState.FAILED, () -> "DOGE failed, is " + doge.health());
        assertTrue(doge.health().cause().contains("Invalid request"), doge.health().cause());
        await(() -> !doge.isActive(), () -> "DOGE inactive");
        await(() -> server.subscribers("btcusdt@bookTicker").size() == 1, () -> "BTC subscribed");
        server.push("btcusdt@bookTicker", "{\"u\":1,\"s\":\"BTCUSDT\",\"b\":\"100\",\"B\":\"1\",\"a\":\"101\",\"A\":\"2\"}");
        await(() -> !tickers.isEmpty(), () -> "a BTC ticker");
        assertEquals(DataState.LIVE, btc.health().state());
        assertEquals(ConnectionState.LIVE, connector.health().state());
        Subscription unlisted = connector.marketData().subscribeTicker(new InstrumentId("binance", "XYZ/USDT"), t -> {
        });
        await(() -> unlisted.health().state() == DataState.FAILED, () -> "an unlisted symbol fails at once");
    }

    @Test
    void aDroppedConnectionResetsTheBookServesBookAndTickersFromRestAndResubscribes() {
        List<BookEvent> events = new CopyOnWriteArrayList<>();
        List<Ticker> tickers = new CopyOnWriteArrayList<>();
        Subscription book = connector.marketData().subscribeBook(new BookRequest(BTC, 100), u -> events.add(u.toEvent()));
        Subscription ticker = connector.marketData().subscribeTicker(BTC, tickers::add);
        await(() -> !server.subscribers(DEPTH).isEmpty() && !server.subscribers("btcusdt@ticker").isEmpty(),
                () -> "subscribed");
        server.push(DEPTH, diff(100, 103, "[]", "[]"));
        await(() -> events.size() == 1, () -> "the snapshot");

        server.refuseUpgrades = true;
        server.dropAll();
        await(() -> events.size() >= 2, () -> "a reset");
        assertEquals("reset:" + BookReset.RECONNECT, kinds(events).get(1));
        // REST in the socket's place: the book from /api/v3/depth, then its changes as deltas
        await(() -> events.size() >= 3, () -> "the book from REST, got " + kinds(events));
        assertEquals("snapshot", kinds(events).get(2));
        await(() -> book.health().state() == DataState.REST_FALLBACK, () -> "the book says REST fallback");
        snapshotId.set(150);
        snapshotBids = "[[\"100.00\",\"1.5\"],[\"99.00\",\"4\"]]";
        await(() -> kinds(events).contains("delta"), () -> "a delta from the next poll, got " + kinds(events));
        BookDelta polled = (BookDelta) events.get(kinds(events).indexOf("delta"));
        assertEquals(List.of("99.5:0", "99:4"), polled.bids().stream()
                .map(l -> l.price().toPlainString() + ":" + l.quantity().toPlainString()).sorted().toList());
        await(() -> ticker.health().state() == DataState.REST_FALLBACK && !tickers.isEmpty(),
                () -> "tickers from REST, health " + ticker.health());
        assertEquals(new java.math.BigDecimal("100.5"), tickers.get(tickers.size() - 1).last());
        assertEquals(new java.math.BigDecimal("101"), tickers.get(tickers.size() - 1).ask());
        await(() -> connector.health().state() == ConnectionState.REST_FALLBACK,
                () -> "the session says REST fallback, is " + connector.health());

        server.refuseUpgrades = false;
        await(() -> !server.subscribers(DEPTH).isEmpty(), () -> "resubscribed after the reconnect");
        int before = events.size();
        snapshotId.set(200);
        server.push(DEPTH, diff(199, 202, "[[\"98.00\",\"1\"]]", "[]"));
        await(() -> kinds(events).subList(before, events.size()).contains("snapshot"),
                () -> "a new snapshot from the stream, got " + kinds(events));
        List<String> after = kinds(events).subList(before - 0, events.size());
        assertTrue(after.indexOf("reset:" + BookReset.RECONNECT) == 0 || kinds(events).get(before - 1).startsWith("reset"),
                "the REST book was reset before the stream's snapshot: " + kinds(events));
        await(() -> connector.health().state() == ConnectionState.LIVE, () -> "LIVE again");
        await(() -> book.health().state() == DataState.LIVE, () -> "the book LIVE again");
    }

    @Test
    void aRolloverReplacesTheConnectionWithoutResettingTheBook() throws Exception {
        List<BookEvent> events = new CopyOnWriteArrayList<>();
        connector.marketData().subscribeBook(new BookRequest(BTC, 100), u -> events.add(u.toEvent()));
        await(() -> !server.subscribers(DEPTH).isEmpty(), () -> "subscribed");
        server.push(DEPTH, diff(100, 103, "[]", "[]"));
        await(() -> events.size() == 1, () -> "the snapshot");
        connector.runtime().call(() -> {
            connector.binanceMarketData().rolloverNow();
            return null;
        });
        await(() -> server.subscribers(DEPTH).size() == 2 || server.conns.size() == 2 && !server.conns.get(0).open(),
                () -> "the new connection subscribed");
        // while both are open Binance sends each diff on both: the book takes each once
        server.push(DEPTH, diff(104, 105, "[[\"100.10\",\"1\"]]", "[]"));
        server.push(DEPTH, diff(106, 107, "[[\"100.20\",\"1\"]]", "[]"));
        await(() -> !server.conns.get(0).open(), () -> "the old connection closed");
        assertEquals(2, server.conns.size());
        server.push(DEPTH, diff(108, 109, "[[\"100.30\",\"1\"]]", "[]"));
        // deltas may be conflated for the listener; what counts is that every change arrived once
        // and nothing reset
        await(() -> bidPrices(events).size() == 3, () -> "the three new bids, got " + bidPrices(events));
        Thread.sleep(200);
        assertEquals(List.of("100.1", "100.2", "100.3"), bidPrices(events).stream().sorted().toList());
        assertFalse(kinds(events).stream().anyMatch(k -> k.startsWith("reset")), kinds(events).toString());
        assertEquals("snapshot", kinds(events).get(0));
        assertEquals(1, server.calls("/api/v3/depth"), "no new snapshot");
    }

    private static List<String> bidPrices(List<BookEvent> events) {
        List<String> l = new ArrayList<>();
        for (BookEvent e : events) {
            if (e instanceof BookDelta d) {
                d.bids().forEach(b -> l.add(b.price().toPlainString()));
            }
        }
        return l;
    }

    @Test
    void aConnectionWhosePeriodicStreamsFallSilentIsReplacedEvenThoughItAnswersPings() {
        connector.close();
        connector = (BinanceConnector) new BinanceProvider().open(Map.of("ws.url", server.wsUrl(), "rest.url",
                server.restUrl(), "stale.ms", "600", "reconnect.ms", "100"), FrameTap.NONE);
        int before = server.conns.size();
        List<Ticker> tickers = new CopyOnWriteArrayList<>();
        connector.marketData().subscribeTicker(BTC, tickers::add);
        await(() -> server.subscribers("btcusdt@ticker").size() == 1, () -> "subscribed");
        StreamServer.Conn first = server.subscribers("btcusdt@ticker").get(0);
        // the server answers pings (Jetty does) but sends no 24 h ticker: the data stopped
        await(() -> !first.open() && server.subscribers("btcusdt@ticker").size() == 1
                && server.subscribers("btcusdt@ticker").get(0) != first, () -> "a new connection took over");
        assertTrue(server.conns.size() >= before + 2);
        server.push("btcusdt@ticker", Payloads.text("spot_24hrTicker"));
        await(() -> !tickers.isEmpty(), () -> "tickers again");
    }

    @Test
    void subscribingAgainWhileTheLastSubscriberLeavesKeepsTheStream() {
        for (int i = 0; i < 20; i++) {
            connector.marketData().subscribeTrades(BTC, t -> {
            }).close();
        }
        List<org.tradebench.api.market.Trade> trades = new CopyOnWriteArrayList<>();
        Subscription last = connector.marketData().subscribeTrades(BTC, trades::add);
        await(() -> server.subscribers("btcusdt@aggTrade").size() == 1, () -> "subscribed at Binance");
        // Binance may still hold the stream from an earlier round while the connector catches up:
        // trades keep coming until one reaches the last subscriber
        AtomicLong id = new AtomicLong(7);
        await(() -> {
            server.push("btcusdt@aggTrade", "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"a\":" + id.getAndIncrement()
                    + ",\"p\":\"100\",\"q\":\"1\",\"f\":1,\"l\":1,\"T\":1,\"m\":false}");
            return !trades.isEmpty();
        }, () -> "a trade reached the last subscriber");
        last.close();
        await(() -> server.subscribers("btcusdt@aggTrade").isEmpty(), () -> "unsubscribed");
    }

    @Test
    void serverPingsAreAnsweredByTheTransport() {
        await(() -> !server.conns.isEmpty() && server.conns.get(0).open(), () -> "connected");
        server.conns.get(0).ping();
        await(() -> server.conns.get(0).pongs.get() > 0, () -> "a pong");
    }
}
