package org.tradebench.venues.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.market.Side;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Raw clients (a plain socket WebSocket client and the JDK HTTP client) against the Binance
 * simulator, checked against Binance's documented behaviour: local books built by the documented
 * procedures, payload shapes, live requests, connection limits, request weights and the faults.
 */
class BinanceSimulatorTest {

    private static final Instant EPOCH = Instant.parse("2025-01-27T10:00:00Z");
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<BinanceSimulator> sims = new ArrayList<>();
    private final List<RawWebSocket> sockets = new ArrayList<>();

    @AfterEach
    void stop() {
        sockets.forEach(RawWebSocket::close);
        sims.forEach(BinanceSimulator::close);
    }

    private BinanceSimulator spot(BinanceSimulatorConfig config) {
        BinanceSimulator s = BinanceSimulator.start(config.withManualClock(EPOCH));
        sims.add(s);
        return s;
    }

    private BinanceSimulator spot() {
        return spot(BinanceSimulatorConfig.spot());
    }

    private BinanceSimulator futures() {
        BinanceSimulator s = BinanceSimulator.start(BinanceSimulatorConfig.usdmFutures().withManualClock(EPOCH));
        sims.add(s);
        return s;
    }

    private RawWebSocket connect(BinanceSimulator sim, String pathAndQuery) throws IOException, InterruptedException {
        int before = sim.connectionCount();
        RawWebSocket ws = new RawWebSocket(URI.create(sim.webSocketUri() + pathAndQuery));
        sockets.add(ws);
        long deadline = System.nanoTime() + 5_000_000_000L;
        // Until this connection is registered (a manual clock moved before it was would send it nothing).
        while (sim.connectionCount() <= before && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return ws;
    }

    private HttpResponse<String> get(BinanceSimulator sim, String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(sim.restUri().resolve(pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonElement getJson(BinanceSimulator sim, String pathAndQuery) throws Exception {
        HttpResponse<String> r = get(sim, pathAndQuery);
        assertEquals(200, r.statusCode(), r.body());
        return JsonParser.parseString(r.body());
    }

    private static JsonObject obj(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    /** Reads events until one satisfies the predicate. */
    private static JsonObject until(RawWebSocket ws, java.util.function.Predicate<JsonObject> p) throws IOException {
        for (int i = 0; i < 10_000; i++) {
            String t = ws.nextText();
            assertNotNull(t, "connection ended");
            JsonObject o = obj(t);
            if (p.test(o)) {
                return o;
            }
        }
        throw new AssertionError("no matching event");
    }

    // ---------------------------------------------------------------- local book

    /** A local book kept by Binance's documented procedure. */
    private static final class LocalBook {
        final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
        long id;

        void snapshot(JsonObject s) {
            id = s.get("lastUpdateId").getAsLong();
            load(bids, s.getAsJsonArray("bids"));
            load(asks, s.getAsJsonArray("asks"));
        }

        void apply(JsonObject e) {
            load(bids, e.getAsJsonArray("b"));
            load(asks, e.getAsJsonArray("a"));
            id = e.get("u").getAsLong();
        }

        private static void load(TreeMap<BigDecimal, BigDecimal> side, JsonArray levels) {
            for (JsonElement l : levels) {
                BigDecimal p = new BigDecimal(l.getAsJsonArray().get(0).getAsString());
                BigDecimal q = new BigDecimal(l.getAsJsonArray().get(1).getAsString());
                if (q.signum() == 0) {
                    side.remove(p);
                } else {
                    side.put(p, q);
                }
            }
        }

        void assertEqualsReference(BinanceSimulator.Book book) {
            assertEquals(book.lastUpdateId(), id);
            assertEquals(levels(book.bids()), strip(bids));
            assertEquals(levels(book.asks()), strip(asks));
        }

        private static Map<BigDecimal, BigDecimal> levels(List<BinanceSimulator.Level> ls) {
            Map<BigDecimal, BigDecimal> m = new TreeMap<>();
            ls.forEach(l -> m.put(l.price().stripTrailingZeros(), l.quantity().stripTrailingZeros()));
            return m;
        }

        private static Map<BigDecimal, BigDecimal> strip(Map<BigDecimal, BigDecimal> side) {
            Map<BigDecimal, BigDecimal> m = new TreeMap<>();
            side.forEach((p, q) -> m.put(p.stripTrailingZeros(), q.stripTrailingZeros()));
            return m;
        }
    }

    @Test
    void spotLocalBookBuiltByTheDocumentedProcedureEqualsTheSimulatorsBook() throws Exception {
        BinanceSimulator sim = spot();
        RawWebSocket ws = connect(sim, "/ws/btcusdt@depth@100ms");
        sim.advance(Duration.ofSeconds(1));
        List<JsonObject> buffered = new ArrayList<>();
        buffered.add(until(ws, o -> "depthUpdate".equals(o.get("e").getAsString())));
        long firstU = buffered.get(0).get("U").getAsLong();
        LocalBook book = new LocalBook();
        JsonObject snap = getJson(sim, "api/v3/depth?symbol=BTCUSDT&limit=5000").getAsJsonObject();
        assertTrue(snap.get("lastUpdateId").getAsLong() >= firstU, "a fresh snapshot is not older than the stream");
        book.snapshot(snap);
        sim.advance(Duration.ofSeconds(3));
        long target = sim.book("BTCUSDT").lastUpdateId();
        int applied = 0;
        for (JsonObject e : buffered) {
            if (e.get("u").getAsLong() > book.id) {
                assertTrue(e.get("U").getAsLong() <= book.id + 1, "the first event straddles the snapshot");
                book.apply(e);
            }
        }
        while (book.id < target) {
            JsonObject e = obj(ws.nextText());
            if (e.get("u").getAsLong() <= book.id) {
                continue;
            }
            assertEquals(book.id + 1, e.get("U").getAsLong(), "spot: U is the previous u + 1");
            book.apply(e);
            applied++;
        }
        assertTrue(applied > 5, "events applied: " + applied);
        book.assertEqualsReference(sim.book("BTCUSDT"));
        assertFalse(book.bids.isEmpty());
        assertTrue(book.bids.firstKey().compareTo(book.asks.firstKey()) < 0, "not crossed");
    }

    @Test
    void futuresLocalBookFollowsThePreviousFinalUpdateIdRule() throws Exception {
        BinanceSimulator sim = futures();
        RawWebSocket ws = connect(sim, "/public/ws/btcusdt@depth@100ms");
        sim.advance(Duration.ofSeconds(1));
        JsonObject first = until(ws, o -> "depthUpdate".equals(o.get("e").getAsString()));
        assertTrue(first.has("pu") && first.has("T"));
        JsonObject snap = getJson(sim, "fapi/v1/depth?symbol=BTCUSDT&limit=1000").getAsJsonObject();
        assertTrue(snap.has("E") && snap.has("T"));
        LocalBook book = new LocalBook();
        book.snapshot(snap);
        long snapId = book.id;
        sim.advance(Duration.ofSeconds(3));
        long target = sim.book("BTCUSDT").lastUpdateId();
        long previousU = -1;
        boolean jumped = false;
        JsonObject e = first;
        while (book.id < target) {
            if (previousU < 0) {
                // Drop events with u < lastUpdateId; the first applied one straddles it.
                if (e.get("u").getAsLong() >= snapId) {
                    assertTrue(e.get("U").getAsLong() <= snapId, "first event: U <= lastUpdateId <= u");
                    book.apply(e);
                    previousU = e.get("u").getAsLong();
                }
            } else {
                assertEquals(previousU, e.get("pu").getAsLong(), "pu is the previous event's u");
                jumped |= e.get("U").getAsLong() != previousU + 1;
                book.apply(e);
                previousU = e.get("u").getAsLong();
            }
            if (book.id < target) {
                e = obj(ws.nextText());
            }
        }
        assertTrue(jumped, "futures update ids need not be contiguous");
        book.assertEqualsReference(sim.book("BTCUSDT"));
    }

    // ---------------------------------------------------------------- payloads

    @Test
    void pausingTheMarketStreamsTheChangesNotYetSent() throws Exception {
        BinanceSimulator sim = futures();
        connect(sim, "/public/ws/btcusdt@depth@100ms");
        sim.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 500 && sim.liveBook("BTCUSDT").lastUpdateId() == sim.book("BTCUSDT").lastUpdateId(); i++) {
            sim.advance(Duration.ofMillis(10));
        }
        BinanceSimulator.Book live = sim.liveBook("BTCUSDT");
        assertNotEquals(live.lastUpdateId(), sim.book("BTCUSDT").lastUpdateId(), "a change not yet streamed");
        sim.pauseMarket();
        BinanceSimulator.Book streamed = sim.book("BTCUSDT");
        assertEquals(live.lastUpdateId(), streamed.lastUpdateId(), "the pending change was streamed on pause");
        assertEquals(live.bids(), streamed.bids());
        assertEquals(live.asks(), streamed.asks());
        sim.resumeMarket();
    }

    @Test
    void combinedStreamsAreWrappedWithTheStreamName() throws Exception {
        BinanceSimulator sim = spot();
        RawWebSocket ws = connect(sim, "/stream?streams=btcusdt@aggTrade/btcusdt@depth@100ms/btcusdt@bookTicker");
        sim.advance(Duration.ofSeconds(3));
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (seen.size() < 3) {
            JsonObject o = obj(ws.nextText());
            String stream = o.get("stream").getAsString();
            JsonObject data = o.getAsJsonObject("data");
            switch (stream) {
                case "btcusdt@aggTrade" -> assertEquals("aggTrade", data.get("e").getAsString());
                case "btcusdt@depth@100ms" -> assertEquals("depthUpdate", data.get("e").getAsString());
                case "btcusdt@bookTicker" -> assertFalse(data.has("e"), "spot bookTicker has no e: " + data);
                default -> throw new AssertionError(stream);
            }
            assertEquals("BTCUSDT", data.get("s").getAsString());
            seen.add(stream);
        }
    }

    @Test
    void bookTickerHasNoEventTypeOnSpotButHasOneOnFutures() throws Exception {
        BinanceSimulator sim = spot();
        RawWebSocket ws = connect(sim, "/ws/ethusdt@bookTicker");
        sim.advance(Duration.ofSeconds(3));
        JsonObject t = obj(ws.nextText());
        assertEquals(java.util.Set.of("u", "s", "b", "B", "a", "A"), t.keySet());
        assertTrue(new BigDecimal(t.get("b").getAsString()).compareTo(new BigDecimal(t.get("a").getAsString())) < 0);
        BinanceSimulator f = futures();
        RawWebSocket fws = connect(f, "/public/ws/btcusdt@bookTicker");
        f.advance(Duration.ofSeconds(3));
        JsonObject ft = obj(fws.nextText());
        assertEquals("bookTicker", ft.get("e").getAsString());
        assertTrue(ft.has("T") && ft.has("E") && ft.has("u"));
    }

    @Test
    void aggTradeMakerFlagFollowsTheTakerSide() throws Exception {
        BinanceSimulator sim = spot();
        RawWebSocket ws = connect(sim, "/ws/btcusdt@aggTrade");
        sim.submitParticipantOrder("BTCUSDT", Side.BUY, null, new BigDecimal("0.00007"));
        JsonObject buy = until(ws, o -> o.get("q").getAsString().equals("0.00007000"));
        assertFalse(buy.get("m").getAsBoolean(), "a taker buy: the buyer is not the maker");
        sim.submitParticipantOrder("BTCUSDT", Side.SELL, null, new BigDecimal("0.00009"));
        JsonObject sell = until(ws, o -> o.get("q").getAsString().equals("0.00009000"));
        assertTrue(sell.get("m").getAsBoolean(), "a taker sell: the buyer is the maker");
        assertTrue(sell.get("a").getAsLong() > buy.get("a").getAsLong());
        JsonArray rest = getJson(sim, "api/v3/aggTrades?symbol=BTCUSDT&limit=5").getAsJsonArray();
        assertEquals(sell.get("a").getAsLong(), rest.get(rest.size() - 1).getAsJsonObject().get("a").getAsLong());
    }

    @Test
    void klinesTickerAndMarkPriceStreamsOnTheirPaths() throws Exception {
        BinanceSimulator sim = spot();
        RawWebSocket ws = connect(sim, "/stream?streams=btcusdt@kline_1m/btcusdt@ticker");
        sim.advance(Duration.ofSeconds(70));
        JsonObject k = until(ws, o -> o.get("stream").getAsString().equals("btcusdt@kline_1m")
                && o.getAsJsonObject("data").getAsJsonObject("k").get("x").getAsBoolean()).getAsJsonObject("data");
        assertEquals("1m", k.getAsJsonObject("k").get("i").getAsString());
        JsonObject t = until(ws, o -> o.get("stream").getAsString().equals("btcusdt@ticker")).getAsJsonObject("data");
        assertEquals("24hrTicker", t.get("e").getAsString());
        JsonArray klines = getJson(sim, "api/v3/klines?symbol=BTCUSDT&interval=1m&limit=3").getAsJsonArray();
        assertEquals(3, klines.size());
        assertEquals(12, klines.get(0).getAsJsonArray().size());
        assertEquals(200, get(sim, "api/v3/ticker/24hr?symbol=BTCUSDT").statusCode());

        BinanceSimulator f = futures();
        RawWebSocket market = connect(f, "/market/ws/btcusdt@markPrice@1s");
        RawWebSocket legacy = connect(f, "/ws/btcusdt@markPrice@1s/btcusdt@depth@100ms");
        f.advance(Duration.ofSeconds(3));
        JsonObject mark = obj(market.nextText());
        assertEquals("markPriceUpdate", mark.get("e").getAsString());
        assertTrue(mark.has("p") && mark.has("i") && mark.has("r") && mark.has("T"));
        for (int i = 0; i < 10; i++) {
            assertEquals("depthUpdate", obj(legacy.nextText()).get("e").getAsString(),
                    "a /market stream on the legacy path is silent");
        }
        JsonObject premium = getJson(f, "fapi/v1/premiumIndex?symbol=BTCUSDT").getAsJsonObject();
        assertEquals(mark.get("T").getAsLong(), premium.get("nextFundingTime").getAsLong());
    }

    @Test
    void exchangeInfoCarriesBinanceFilters() throws Exception {
        BinanceSimulator sim = spot();
        JsonObject s = getJson(sim, "api/v3/exchangeInfo?symbol=BTCUSDT").getAsJsonObject().getAsJsonArray("symbols")
                .get(0).getAsJsonObject();
        assertEquals("TRADING", s.get("status").getAsString());
        assertTrue(s.getAsJsonArray("orderTypes").toString().contains("LIMIT_MAKER"));
        Map<String, JsonObject> filters = new java.util.HashMap<>();
        s.getAsJsonArray("filters").forEach(f -> filters.put(f.getAsJsonObject().get("filterType").getAsString(),
                f.getAsJsonObject()));
        assertEquals("0.01000000", filters.get("PRICE_FILTER").get("tickSize").getAsString());
        assertEquals("0.00001000", filters.get("LOT_SIZE").get("stepSize").getAsString());
        assertEquals("5.00000000", filters.get("NOTIONAL").get("minNotional").getAsString());
        sim.advance(Duration.ofSeconds(2));
        JsonObject depth = getJson(sim, "api/v3/depth?symbol=BTCUSDT&limit=50").getAsJsonObject();
        for (JsonElement l : depth.getAsJsonArray("bids")) {
            BigDecimal p = new BigDecimal(l.getAsJsonArray().get(0).getAsString());
            BigDecimal q = new BigDecimal(l.getAsJsonArray().get(1).getAsString());
            assertEquals(0, p.remainder(new BigDecimal("0.01")).signum(), "on the tick: " + p);
            assertEquals(0, q.remainder(new BigDecimal("0.00001")).signum(), "on the lot: " + q);
        }
        assertEquals(400, get(sim, "api/v3/depth?symbol=NOPE").statusCode());

        BinanceSimulator f = futures();
        JsonObject fs = getJson(f, "fapi/v1/exchangeInfo").getAsJsonObject().getAsJsonArray("symbols").get(0)
                .getAsJsonObject();
        assertEquals("PERPETUAL", fs.get("contractType").getAsString());
        String text = fs.getAsJsonArray("filters").toString();
        assertTrue(text.contains("\"tickSize\":\"0.10\"") && text.contains("\"stepSize\":\"0.001\"")
                && text.contains("\"notional\":\"100\""), text);
    }

    // ---------------------------------------------------------------- live requests and limits

    @Test
    void liveRequestsAreAnsweredWithTheirId() throws Exception {
        BinanceSimulator sim = spot();
        RawWebSocket ws = connect(sim, "/ws");
        ws.sendText("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@aggTrade\",\"ethusdt@depth@100ms\"],\"id\":1}");
        assertEquals("{\"result\":null,\"id\":1}", ws.nextText());
        ws.sendText("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":2}");
        assertEquals("{\"result\":[\"btcusdt@aggTrade\",\"ethusdt@depth@100ms\"],\"id\":2}", ws.nextText());
        ws.sendText("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"btcusdt@aggTrade\"],\"id\":3}");
        assertEquals("{\"result\":null,\"id\":3}", ws.nextText());
        ws.sendText("{\"method\":\"NOPE\",\"id\":4}");
        JsonObject err = obj(ws.nextText());
        assertEquals(2, err.getAsJsonObject("error").get("code").getAsInt());
        assertEquals(4, err.get("id").getAsInt());
        Thread.sleep(1100);
        sim.advance(Duration.ofSeconds(1));
        assertEquals("depthUpdate", obj(ws.nextText()).get("e").getAsString());
    }

    @Test
    void aConnectionSendingMoreThanFiveMessagesASecondIsDropped() throws Exception {
        BinanceSimulator sim = spot();
        RawWebSocket ws = connect(sim, "/ws");
        for (int i = 1; i <= 6; i++) {
            ws.sendText("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":" + i + "}");
        }
        int answers = 0;
        while (ws.nextText() != null) {
            answers++;
        }
        assertEquals(5, answers);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (sim.connectionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, sim.connectionCount());
    }

    @Test
    void streamLimitRefusesFurtherSubscriptions() throws Exception {
        BinanceSimulator sim = spot(BinanceSimulatorConfig.spot().withConnectionLimits(5, 2));
        RawWebSocket ws = connect(sim, "/ws/btcusdt@aggTrade");
        ws.sendText("{\"method\":\"SUBSCRIBE\",\"params\":[\"a@aggTrade\",\"b@aggTrade\"],\"id\":7}");
        JsonObject err = obj(ws.nextText());
        assertEquals(2, err.getAsJsonObject("error").get("code").getAsInt());
        assertEquals(7, err.get("id").getAsInt());
    }

    @Test
    void serverPingsAndDropsAConnectionThatDoesNotAnswer() throws Exception {
        BinanceSimulator sim = spot(BinanceSimulatorConfig.spot().withPing(Duration.ofSeconds(1), Duration.ofSeconds(3)));
        RawWebSocket answering = connect(sim, "/ws");
        RawWebSocket mute = new RawWebSocket(URI.create(sim.webSocketUri() + "/ws"));
        sockets.add(mute);
        while (sim.connectionCount() < 2) {
            Thread.sleep(5);
        }
        // Four seconds of venue time in well under one of wall-clock time: four pongs stay within
        // the 5 messages a second; the mute connection's ping of second 1 times out at second 4.
        for (int i = 0; i < 4; i++) {
            sim.advance(Duration.ofMillis(1000));
            RawWebSocket.Frame f = answering.next();
            assertEquals(9, f.opcode(), "a ping frame");
            answering.sendPong(f.payload());
            Thread.sleep(50);
        }
        assertEquals(1, sim.connectionCount(), "only the connection that answered pings is left");
        int pings = 0;
        RawWebSocket.Frame f;
        while ((f = mute.next()) != null) {
            assertEquals(9, f.opcode());
            pings++;
        }
        assertTrue(pings >= 2, "pings before the drop: " + pings);
    }

    @Test
    void theServerClosesAConnectionAtTheEndOfItsLifetime() throws Exception {
        BinanceSimulator sim = spot(BinanceSimulatorConfig.spot().withConnectionLifetime(Duration.ofSeconds(5)));
        RawWebSocket ws = connect(sim, "/ws");
        sim.advance(Duration.ofSeconds(6));
        RawWebSocket.Frame f;
        while ((f = ws.next()) != null && f.opcode() != 8) {
            // data before the close
        }
        assertNotNull(f, "a close frame");
        assertEquals(1000, ((f.payload()[0] & 0xff) << 8) | (f.payload()[1] & 0xff));
    }

    @Test
    void restAnswersCarryTheUsedWeightAnd429IsFollowedBy418WhenIgnored() throws Exception {
        BinanceSimulator sim = spot();
        HttpResponse<String> ok = get(sim, "api/v3/exchangeInfo");
        assertEquals("20", ok.headers().firstValue("X-MBX-USED-WEIGHT-1M").orElseThrow());
        assertEquals("{}", get(sim, "api/v3/ping").body());
        sim.rateLimitRest(1);
        HttpResponse<String> limited = get(sim, "api/v3/time");
        assertEquals(429, limited.statusCode());
        assertTrue(limited.headers().firstValue("Retry-After").isPresent());
        assertEquals(-1003, obj(limited.body()).get("code").getAsInt());
        HttpResponse<String> banned = get(sim, "api/v3/time");
        assertEquals(418, banned.statusCode());
        assertEquals("120", banned.headers().firstValue("Retry-After").orElseThrow());
        sim.advance(Duration.ofMinutes(3));
        assertEquals(200, get(sim, "api/v3/time").statusCode());
    }

    @Test
    void theWeightLimitAnswers429() throws Exception {
        BinanceSimulator sim = spot(BinanceSimulatorConfig.spot().withRequestWeightLimit(30, Duration.ofMinutes(1)));
        assertEquals(200, get(sim, "api/v3/exchangeInfo").statusCode());
        assertEquals(429, get(sim, "api/v3/depth?symbol=BTCUSDT&limit=1000").statusCode());
    }

    // ---------------------------------------------------------------- faults

    @Test
    void depthFaultsShowAsGapsDuplicatesAndOutOfOrderEvents() throws Exception {
        BinanceSimulator sim = spot();
        RawWebSocket ws = connect(sim, "/ws/btcusdt@depth@100ms");
        sim.advance(Duration.ofSeconds(1));
        sim.dropNextDepthUpdates("BTCUSDT", 1);
        sim.advance(Duration.ofSeconds(1));
        sim.duplicateNextDepthUpdates("BTCUSDT", 1);
        sim.advance(Duration.ofSeconds(1));
        sim.reorderNextDepthUpdates("BTCUSDT", 1);
        sim.advance(Duration.ofSeconds(1));
        long target = sim.book("BTCUSDT").lastUpdateId();
        boolean gap = false;
        boolean duplicate = false;
        boolean backwards = false;
        long previousU = -1;
        long previousFirst = -1;
        long maxU = -1;
        while (maxU < target) {
            JsonObject e = obj(ws.nextText());
            long first = e.get("U").getAsLong();
            long last = e.get("u").getAsLong();
            if (previousU >= 0) {
                gap |= first > maxU + 1;
                duplicate |= first == previousFirst;
                backwards |= last < previousU;
            }
            previousU = last;
            previousFirst = first;
            maxU = Math.max(maxU, last);
        }
        assertTrue(gap, "a missing update");
        assertTrue(duplicate, "a duplicated update");
        assertTrue(backwards, "an out-of-order update");
    }

    @Test
    void aStaleSnapshotIsOlderThanTheFirstBufferedEventAndTheNextIsFresh() throws Exception {
        BinanceSimulator sim = spot();
        sim.serveStaleDepthSnapshots("BTCUSDT", 1);
        sim.advance(Duration.ofSeconds(2));
        RawWebSocket ws = connect(sim, "/ws/btcusdt@depth@100ms");
        sim.advance(Duration.ofSeconds(1));
        long firstU = obj(ws.nextText()).get("U").getAsLong();
        long stale = getJson(sim, "api/v3/depth?symbol=BTCUSDT&limit=5000").getAsJsonObject().get("lastUpdateId")
                .getAsLong();
        assertTrue(stale < firstU, "stale " + stale + " < U " + firstU + ": fetch again");
        long fresh = getJson(sim, "api/v3/depth?symbol=BTCUSDT&limit=5000").getAsJsonObject().get("lastUpdateId")
                .getAsLong();
        assertTrue(fresh >= firstU);
    }

    @Test
    void connectionFaults() throws Exception {
        BinanceSimulator sim = spot();
        RawWebSocket dropped = connect(sim, "/ws/btcusdt@depth@100ms");
        sim.sendMalformedFrame("{\"e\":\"depthUpd");
        assertEquals("{\"e\":\"depthUpd", dropped.nextText());
        sim.goSilent(Duration.ofSeconds(2));
        sim.advance(Duration.ofMillis(1900));
        sim.dropConnections();
        assertNull(dropped.nextText(), "dropped without data during the silence");
        RawWebSocket closed = connect(sim, "/ws");
        sim.closeConnections(1001, "restarting");
        RawWebSocket.Frame f;
        while ((f = closed.next()) != null && f.opcode() != 8) {
            // skip
        }
        assertNotNull(f);
        sim.refuseConnections(503);
        try {
            new RawWebSocket(URI.create(sim.webSocketUri() + "/ws")).close();
            throw new AssertionError("refused expected");
        } catch (IOException expected) {
            assertTrue(expected.getMessage().contains("503"), expected.getMessage());
        }
        sim.acceptConnections();
        connect(sim, "/ws");
    }

    @Test
    void futuresLiquidationsArePublishedOnForceOrder() throws Exception {
        BinanceSimulator f = futures();
        RawWebSocket ws = connect(f, "/market/ws/btcusdt@forceOrder");
        f.liquidation("BTCUSDT", Side.SELL, new BigDecimal("64000.1"), new BigDecimal("0.014"));
        f.advance(Duration.ofMillis(1100));
        JsonObject o = obj(ws.nextText());
        assertEquals("forceOrder", o.get("e").getAsString());
        assertEquals("SELL", o.getAsJsonObject("o").get("S").getAsString());
        assertEquals("0.014", o.getAsJsonObject("o").get("q").getAsString());
    }
}
