package org.tradebench.venues.bitfinex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.market.Side;
import org.tradebench.connector.simulated.SimulatedExchangeConfig;
import org.tradebench.transport.HttpJsonClient;
import org.tradebench.transport.HttpResult;
import org.tradebench.transport.JettyTransport;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/**
 * Each place where the simulator once differed from Bitfinex's documentation, pinned to the
 * documented behaviour (docs.bitfinex.com: "Precision", "Configs", the history endpoints'
 * start/end/limit/sort, "Retrieve Orders", "Submit/Cancel/Update Order", "Wallets", "ws-general"
 * error codes; and the Bitfinex section of PROTOCOLS.md).
 */
class BitfinexDocumentedBehaviourTest {

    private static final Instant EPOCH = Instant.parse("2025-01-27T10:00:00Z");
    private static final String KEY = "test-key";
    private static final String SECRET = "test-secret";
    private static long nonce = 1_800_000_000_000_000L;

    private BitfinexSimulator sim;
    private JettyTransport transport;
    private HttpJsonClient rest;
    private final List<SimClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        transport = JettyTransport.start("bfx-doc-test");
        rest = new HttpJsonClient(transport, Duration.ofSeconds(5));
        sim = BitfinexSimulator.start(BitfinexSimulatorConfig.defaults().withManualClock(EPOCH)
                .withCredentials(KEY, SECRET).withHeartbeat(Duration.ofSeconds(1))
                .withMarket(SimulatedExchangeConfig.DEFAULTS.withEventsPerSecond(200)));
        sim.advance(Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        clients.forEach(SimClient::close);
        transport.close();
        sim.close();
    }

    private static String hmac384(String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA384");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA384"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResult post(String path, String body) throws Exception {
        String n = Long.toString(++nonce);
        return rest.post(sim.restUri().resolve(path.substring(1)), body,
                Map.of("bfx-nonce", n, "bfx-apikey", KEY, "bfx-signature", hmac384("/api" + path + n + body))).join();
    }

    private JsonArray postOk(String path, String body) throws Exception {
        HttpResult r = post(path, body);
        assertTrue(r instanceof HttpResult.Success, path + " " + body + ": " + r);
        return JsonParser.parseString(((HttpResult.Success) r).body()).getAsJsonArray();
    }

    private JsonArray get(String pathAndQuery) {
        HttpResult r = rest.get(sim.restUri().resolve(pathAndQuery)).join();
        assertTrue(r instanceof HttpResult.Success, pathAndQuery + ": " + r);
        return JsonParser.parseString(((HttpResult.Success) r).body()).getAsJsonArray();
    }

    private static void assertFiveDigits(JsonElement price, String where) {
        BigDecimal p = price.getAsBigDecimal();
        assertTrue(p.signum() == 0 || p.stripTrailingZeros().precision() <= 5, where + ": " + p
                + " has more than 5 significant digits");
    }

    private static String submit(long cid, String type, String amount, String price) {
        return "{\"cid\":" + cid + ",\"type\":\"" + type + "\",\"symbol\":\"tBTCUSD\",\"amount\":\"" + amount + "\""
                + (price == null ? "" : ",\"price\":\"" + price + "\"") + ",\"flags\":0}";
    }

    @Test
    void everyPriceHasAtMostFiveSignificantDigits() throws Exception {
        sim.submitParticipantOrder("tBTCUSD", Side.BUY, null, new BigDecimal("0.5"));
        sim.advance(Duration.ofSeconds(5));
        for (String prec : List.of("P0", "R0")) {
            for (JsonElement row : get("v2/book/tBTCUSD/" + prec + "?len=100")) {
                assertFiveDigits(row.getAsJsonArray().get(prec.equals("R0") ? 1 : 0), prec + " book");
            }
        }
        JsonArray trades = get("v2/trades/tBTCUSD/hist?limit=100");
        assertFalse(trades.isEmpty());
        for (JsonElement t : trades) {
            assertFiveDigits(t.getAsJsonArray().get(3), "trade");
        }
        JsonArray ticker = get("v2/ticker/tBTCUSD");
        for (int i : new int[] {0, 2, 6, 8, 9}) {
            assertFiveDigits(ticker.get(i), "ticker field " + i);
        }
        for (JsonElement c : get("v2/candles/trade:1m:tBTCUSD/hist?limit=30")) {
            for (int i = 1; i <= 4; i++) {
                assertFiveDigits(c.getAsJsonArray().get(i), "candle");
            }
        }
        // at 65,000 the step is 1: an order at 64,321.7 is truncated to 64,321
        JsonArray n = postOk("/v2/auth/w/order/submit", submit(7, "EXCHANGE LIMIT", "0.01", "64321.7"));
        JsonArray order = n.get(4).getAsJsonArray().get(0).getAsJsonArray();
        assertEquals(0, order.get(16).getAsBigDecimal().compareTo(new BigDecimal("64321")), order.toString());
        postOk("/v2/auth/w/order/submit", submit(8, "EXCHANGE MARKET", "0.02", null));
        assertFalse(sim.ownTrades().isEmpty());
        for (BitfinexSimulator.OwnTrade t : sim.ownTrades()) {
            assertTrue(t.price().stripTrailingZeros().precision() <= 5, "fill at " + t.price());
        }
    }

    @Test
    void anUnknownChannelIsRefusedWith10302() throws Exception {
        SimClient c = new SimClient(transport, sim.webSocketUri());
        clients.add(c);
        c.event("info");
        c.send("{\"event\":\"subscribe\",\"channel\":\"nonsense\",\"symbol\":\"tBTCUSD\"}");
        assertEquals(10302, c.event("error").get("code").getAsInt(), "ws-general: 10302 unknown channel");
    }

    @Test
    void restOrderEntryAnswersWithTheNotificationOrAnErrorBody() throws Exception {
        JsonArray n = postOk("/v2/auth/w/order/submit", submit(11, "EXCHANGE LIMIT", "0.01", "60000"));
        assertEquals(8, n.size(), "[MTS,TYPE,MESSAGE_ID,null,DATA,CODE,STATUS,TEXT]: " + n);
        assertEquals("on-req", n.get(1).getAsString());
        assertEquals("SUCCESS", n.get(6).getAsString());
        JsonArray order = n.get(4).getAsJsonArray().get(0).getAsJsonArray(); // submit: an array of orders
        long id = order.get(0).getAsLong();
        assertEquals(11, order.get(2).getAsLong());
        assertEquals("ACTIVE", order.get(13).getAsString());

        JsonArray u = postOk("/v2/auth/w/order/update", "{\"id\":" + id + ",\"price\":\"59000\"}");
        assertEquals("ou-req", u.get(1).getAsString());
        assertEquals(id, u.get(4).getAsJsonArray().get(0).getAsLong(), "update: DATA is the order");

        JsonArray c = postOk("/v2/auth/w/order/cancel", "{\"id\":" + id + "}");
        assertEquals("oc-req", c.get(1).getAsString());
        assertEquals("SUCCESS", c.get(6).getAsString());
        assertEquals(id, c.get(4).getAsJsonArray().get(0).getAsLong());

        HttpResult.Failure refused = (HttpResult.Failure) post("/v2/auth/w/order/submit",
                submit(12, "EXCHANGE LIMIT", "10", "60000"));
        assertEquals(500, refused.status());
        assertTrue(refused.body().startsWith("[\"error\",10001,\"Invalid order: not enough exchange balance"),
                refused.body());
        HttpResult.Failure notFound = (HttpResult.Failure) post("/v2/auth/w/order/cancel", "{\"id\":" + id + "}");
        assertEquals("[\"error\",10001,\"Order not found.\"]", notFound.body());
    }

    @Test
    void activeOrdersHonourTheIdAndCidFilters() throws Exception {
        long a = postOk("/v2/auth/w/order/submit", submit(21, "EXCHANGE LIMIT", "0.01", "60000")).get(4)
                .getAsJsonArray().get(0).getAsJsonArray().get(0).getAsLong();
        postOk("/v2/auth/w/order/submit", submit(22, "EXCHANGE LIMIT", "0.01", "59000"));
        assertEquals(2, postOk("/v2/auth/r/orders", "{}").size());
        JsonArray byId = postOk("/v2/auth/r/orders", "{\"id\":[" + a + "]}");
        assertEquals(1, byId.size());
        assertEquals(a, byId.get(0).getAsJsonArray().get(0).getAsLong());
        JsonArray byCid = postOk("/v2/auth/r/orders", "{\"cid\":22,\"cid_date\":\"2025-01-27\"}");
        assertEquals(1, byCid.size());
        assertEquals(22, byCid.get(0).getAsJsonArray().get(2).getAsLong());
        assertEquals(0, postOk("/v2/auth/r/orders", "{\"cid\":22,\"cid_date\":\"2025-01-26\"}").size());
    }

    @Test
    void orderHistoryHonoursStartEndLimitAndSort() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long id = postOk("/v2/auth/w/order/submit", submit(30 + i, "EXCHANGE LIMIT", "0.01", "60000")).get(4)
                    .getAsJsonArray().get(0).getAsJsonArray().get(0).getAsLong();
            sim.advance(Duration.ofMillis(100));
            postOk("/v2/auth/w/order/cancel", "{\"id\":" + id + "}");
            ids.add(id);
        }
        JsonArray newest = postOk("/v2/auth/r/orders/hist", "{\"limit\":2}");
        assertEquals(List.of(ids.get(4), ids.get(3)), idsOf(newest), "newest first by default, at most limit");
        JsonArray oldest = postOk("/v2/auth/r/orders/hist", "{\"limit\":2,\"sort\":1}");
        assertEquals(List.of(ids.get(0), ids.get(1)), idsOf(oldest), "sort 1: oldest first");
        long t1 = oldest.get(1).getAsJsonArray().get(5).getAsLong();
        JsonArray window = postOk("/v2/auth/r/orders/hist", "{\"start\":" + t1 + ",\"end\":" + (t1 + 250)
                + ",\"sort\":1}");
        assertEquals(List.of(ids.get(1), ids.get(2), ids.get(3)), idsOf(window), "start and end are inclusive");
    }

    private static List<Long> idsOf(JsonArray rows) {
        List<Long> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.getAsJsonArray().get(0).getAsLong()));
        return out;
    }

    @Test
    void tradeAndCandleHistoryHonourStartEndLimitAndSort() {
        JsonArray all = get("v2/trades/tBTCUSD/hist?limit=10000");
        assertTrue(all.size() > 10, "trades: " + all.size());
        long newest = all.get(0).getAsJsonArray().get(1).getAsLong();
        long oldest = all.get(all.size() - 1).getAsJsonArray().get(1).getAsLong();
        assertTrue(newest >= oldest, "newest first by default");
        JsonArray asc = get("v2/trades/tBTCUSD/hist?limit=3&sort=1&start=" + oldest);
        assertEquals(3, asc.size());
        assertEquals(oldest, asc.get(0).getAsJsonArray().get(1).getAsLong());

        long now = sim.now().toEpochMilli();
        long start = now - 10 * 60_000;
        JsonArray candles = get("v2/candles/trade:1m:tBTCUSD/hist?start=" + start + "&limit=3&sort=1");
        assertEquals(3, candles.size());
        assertEquals(Math.floorDiv(start + 59_999, 60_000) * 60_000, candles.get(0).getAsJsonArray().get(0).getAsLong(),
                "sort 1 from start: the first candle at or after start");
        JsonArray bounded = get("v2/candles/trade:1m:tBTCUSD/hist?start=" + start + "&end=" + (start + 5 * 60_000));
        for (JsonElement c : bounded) {
            long mts = c.getAsJsonArray().get(0).getAsLong();
            assertTrue(mts >= start && mts <= start + 5 * 60_000, "within start..end: " + mts);
        }
    }

    @Test
    void configurationListsPairsCurrenciesAndOrderSizes() {
        JsonArray answer = get("v2/conf/pub:list:pair:exchange,pub:list:pair:futures,pub:list:currency,pub:info:pair");
        assertEquals(4, answer.size(), "one array per label");
        assertTrue(answer.get(0).getAsJsonArray().contains(new com.google.gson.JsonPrimitive("BTCUSD")), answer.toString());
        assertTrue(answer.get(1).getAsJsonArray().contains(new com.google.gson.JsonPrimitive("BTCF0:USTF0")),
                answer.toString());
        assertTrue(answer.get(2).getAsJsonArray().contains(new com.google.gson.JsonPrimitive("BTC")));
        JsonArray info = answer.get(3).getAsJsonArray().get(0).getAsJsonArray();
        assertEquals(JsonParser.parseString("\"BTCUSD\""), info.get(0));
        JsonArray sizes = info.get(1).getAsJsonArray();
        assertTrue(sizes.get(3).getAsJsonPrimitive().isString(), "MIN_ORDER_SIZE as a string: " + sizes);
        assertTrue(new BigDecimal(sizes.get(3).getAsString()).signum() > 0);
    }

    @Test
    void aSpotBuyPaysItsFeeInTheBoughtCurrencyASellInTheQuote() throws Exception {
        postOk("/v2/auth/w/order/submit", submit(41, "EXCHANGE MARKET", "0.01", null));
        postOk("/v2/auth/w/order/submit", submit(42, "EXCHANGE MARKET", "-0.005", null));
        List<BitfinexSimulator.OwnTrade> trades = sim.ownTrades();
        BitfinexSimulator.OwnTrade buy = trades.stream().filter(t -> t.amount().signum() > 0).findFirst().orElseThrow();
        BitfinexSimulator.OwnTrade sell = trades.stream().filter(t -> t.amount().signum() < 0).findFirst()
                .orElseThrow();
        assertEquals("BTC", buy.feeCurrency(), "a buy of BTC pays its fee in BTC");
        assertTrue(buy.fee().signum() < 0, "charged: negative");
        assertTrue(buy.fee().abs().compareTo(new BigDecimal("0.01")) < 0, "a fraction of the BTC bought");
        assertEquals("USD", sell.feeCurrency(), "a sell pays in the quote");
        JsonArray wallets = postOk("/v2/auth/r/wallets", "{}");
        BigDecimal btc = null;
        for (JsonElement w : wallets) {
            if (w.getAsJsonArray().get(1).getAsString().equals("BTC")) {
                btc = w.getAsJsonArray().get(2).getAsBigDecimal();
            }
        }
        BigDecimal expected = buy.amount().add(buy.fee()).add(sell.amount());
        assertEquals(0, expected.compareTo(btc), "BTC wallet = bought - fee - sold: " + wallets);
    }

    @Test
    void aMarketOrderReportsItsExecutionPriceNotZero() throws Exception {
        JsonArray n = postOk("/v2/auth/w/order/submit", submit(51, "EXCHANGE MARKET", "0.01", null));
        JsonArray order = n.get(4).getAsJsonArray().get(0).getAsJsonArray();
        assertTrue(order.get(16).getAsBigDecimal().signum() > 0, "PRICE: " + order);
        assertTrue(order.get(17).getAsBigDecimal().signum() > 0, "PRICE_AVG: " + order);
        BitfinexSimulator.OwnTrade t = sim.ownTrades().get(0);
        assertEquals(0, order.get(17).getAsBigDecimal().compareTo(t.price()));
    }

    @Test
    void perpetualMarginSitsInTheMarginWalletAsUstf0() throws Exception {
        JsonArray wallets = postOk("/v2/auth/r/wallets", "{}");
        boolean margin = false;
        for (JsonElement w : wallets) {
            JsonArray a = w.getAsJsonArray();
            if (a.get(0).getAsString().equals("margin")) {
                assertEquals("USTF0", a.get(1).getAsString(), wallets.toString());
                margin = true;
            }
            assertFalse(a.get(0).getAsString().equals("exchange") && a.get(1).getAsString().equals("USTF0"),
                    "no USTF0 in the exchange wallet: " + wallets);
        }
        assertTrue(margin, "a margin wallet: " + wallets);
    }
}
