package org.tradebench.venues.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.market.Side;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The trading side of the Binance simulator driven by plain clients (a raw WebSocket and the JDK
 * HTTP client, each signing with its own code), checked against Binance's documentation: the
 * documentation's signed example requests, both signature schemes with both key types, order round
 * trips with their user data events, algo (conditional) orders, hedge mode, listen key expiry,
 * 429/418, clock skew and a WebSocket API connection that drops mid-order.
 */
class BinanceTradingSimulatorTest {

    /** The documentation's example key and secret (rest-api.md, web-socket-api.md). */
    private static final String DOCS_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    private static final String DOCS_SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    private static final String ED_KEY = "edTestKey0000000000000000000000000000000000000000000000000000001";
    private static final Instant EPOCH = Instant.parse("2025-01-27T10:00:00Z");

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<BinanceSimulator> sims = new ArrayList<>();
    private final List<RawWebSocket> sockets = new ArrayList<>();
    private final KeyPair ed25519;
    private int ids;

    BinanceTradingSimulatorTest() throws Exception {
        ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    @AfterEach
    void stop() {
        sockets.forEach(RawWebSocket::close);
        sims.forEach(BinanceSimulator::close);
    }

    private BinanceSimulator start(BinanceSimulatorConfig config, Instant epoch) {
        BinanceSimulator s = BinanceSimulator.start(config.withManualClock(epoch));
        s.addHmacKey(DOCS_KEY, DOCS_SECRET);
        s.addEd25519Key(ED_KEY, ed25519.getPublic());
        sims.add(s);
        s.advance(Duration.ofSeconds(2)); // a market with trades and a mark price
        return s;
    }

    private BinanceSimulator spot() {
        return start(BinanceSimulatorConfig.spot(), EPOCH);
    }

    private BinanceSimulator futures() {
        return start(BinanceSimulatorConfig.usdmFutures(), EPOCH);
    }

    // ---------------------------------------------------------------- signing (the test's own)

    private static String hmac(String secret, String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }

    private static String ed(PrivateKey key, String payload) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key);
        s.update(payload.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(s.sign());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A signed REST request: the parameters in the order given, percent-encoded, signed as sent. */
    private HttpResponse<String> rest(BinanceSimulator sim, String method, String path, Map<String, String> params,
            boolean withEd25519) throws Exception {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.putIfAbsent("timestamp", Long.toString(sim.now().toEpochMilli()));
        StringBuilder q = new StringBuilder();
        p.forEach((k, v) -> q.append(q.length() > 0 ? "&" : "").append(k).append('=').append(encode(v)));
        String sig = withEd25519 ? ed(ed25519.getPrivate(), q.toString()) : hmac(DOCS_SECRET, q.toString());
        String query = q + "&signature=" + encode(sig);
        return send(sim, method, path + "?" + query, withEd25519 ? ED_KEY : DOCS_KEY, "");
    }

    private HttpResponse<String> send(BinanceSimulator sim, String method, String pathAndQuery, String apiKey,
            String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(sim.restUri().resolve(pathAndQuery.substring(1)));
        if (apiKey != null) {
            b.header("X-MBX-APIKEY", apiKey);
        }
        if (!body.isEmpty()) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
        }
        b.method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private RawWebSocket connect(BinanceSimulator sim, String pathAndQuery) throws Exception {
        int before = sim.connectionCount();
        RawWebSocket ws = new RawWebSocket(URI.create(sim.webSocketUri() + pathAndQuery));
        sockets.add(ws);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (sim.connectionCount() == before && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return ws;
    }

    private RawWebSocket wsApi(BinanceSimulator sim) throws Exception {
        return connect(sim, sim.product() == BinanceSimulatorConfig.Product.SPOT ? "/ws-api/v3" : "/ws-fapi/v1");
    }

    /** Sends a WebSocket API request; signs it (sorted, raw) unless {@code sign} is null ("hmac" or "ed25519"). */
    private JsonObject call(RawWebSocket ws, String method, Map<String, Object> params, String sign) throws Exception {
        Map<String, Object> p = new TreeMap<>(params);
        if (sign != null) {
            p.put("apiKey", sign.equals("hmac") ? DOCS_KEY : ED_KEY);
            StringBuilder payload = new StringBuilder();
            p.forEach((k, v) -> payload.append(payload.length() > 0 ? "&" : "").append(k).append('=').append(v));
            p.put("signature", sign.equals("hmac") ? hmac(DOCS_SECRET, payload.toString())
                    : ed(ed25519.getPrivate(), payload.toString()));
        }
        return callRaw(ws, method, p);
    }

    private JsonObject callRaw(RawWebSocket ws, String method, Map<String, Object> params) throws Exception {
        String id = "req-" + (++ids);
        JsonObject req = new JsonObject();
        req.addProperty("id", id);
        req.addProperty("method", method);
        JsonObject p = new JsonObject();
        params.forEach((k, v) -> {
            if (v instanceof Number n) {
                p.addProperty(k, n);
            } else {
                p.addProperty(k, String.valueOf(v));
            }
        });
        req.add("params", p);
        ws.sendText(req.toString());
        return until(ws, o -> o.has("id") && id.equals(o.get("id").getAsString()));
    }

    private static JsonObject until(RawWebSocket ws, Predicate<JsonObject> p) throws IOException {
        for (int i = 0; i < 10_000; i++) {
            String t = ws.nextText();
            assertNotNull(t, "connection ended");
            JsonObject o = JsonParser.parseString(t).getAsJsonObject();
            if (p.test(o)) {
                return o;
            }
        }
        throw new AssertionError("no matching message");
    }

    /** The next spot user data event (unwrapped) of a given type. */
    private static JsonObject spotEvent(RawWebSocket ws, String type) throws IOException {
        return until(ws, o -> o.has("subscriptionId") && o.getAsJsonObject("event").get("e").getAsString().equals(type))
                .getAsJsonObject("event");
    }

    private static JsonObject event(RawWebSocket ws, String type) throws IOException {
        return until(ws, o -> o.has("e") && o.get("e").getAsString().equals(type));
    }

    private static JsonObject obj(String s) {
        return JsonParser.parseString(s).getAsJsonObject();
    }

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, String> sparams(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** No text frame within the raw client's 5 s read timeout. */
    private static void assertSilent(RawWebSocket ws) throws IOException {
        try {
            String t = ws.nextText();
            throw new IllegalStateException("expected silence, got " + t);
        } catch (AssertionError expected) {
            // no frame within 5 s
        }
    }

    private static int code(JsonObject wsAnswer) {
        return wsAnswer.getAsJsonObject("error").get("code").getAsInt();
    }

    // ---------------------------------------------------------------- the documentation's examples

    @Test
    void theRestDocumentationExamplesAreAcceptedWithTheDocsSecret() throws Exception {
        BinanceSimulator sim = start(BinanceSimulatorConfig.spot(), Instant.ofEpochMilli(1499827319559L));
        String ascii = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
        String nonAscii = "symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
        // the market moved 2 s since the epoch: the examples' recvWindow of 5000 still covers it
        HttpResponse<String> a = send(sim, "POST", "/api/v3/order?" + ascii
                + "&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71", DOCS_KEY, "");
        assertEquals(-1121, obj(a.body()).get("code").getAsInt(), a.body()); // signature fine; LTCBTC is not listed
        HttpResponse<String> b = send(sim, "POST", "/api/v3/order?" + nonAscii
                + "&signature=e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3", DOCS_KEY, "");
        assertEquals(-1121, obj(b.body()).get("code").getAsInt(), b.body());
        // the same payload sent as the body: the query string is empty, the body is signed as sent
        HttpResponse<String> c = send(sim, "POST", "/api/v3/order", DOCS_KEY,
                ascii + "&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
        assertEquals(-1121, obj(c.body()).get("code").getAsInt(), c.body());
        // one character changed: -1022
        HttpResponse<String> d = send(sim, "POST", "/api/v3/order?" + ascii.replace("quantity=1", "quantity=2")
                + "&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71", DOCS_KEY, "");
        assertEquals(400, d.statusCode());
        assertEquals("{\"code\":-1022,\"msg\":\"Signature for this request is not valid.\"}", d.body());
        assertEquals(1, sim.signatureFailures());
        // sorted instead of as sent: refused
        HttpResponse<String> e = send(sim, "POST", "/api/v3/order?" + ascii.replace("symbol=LTCBTC&side=BUY",
                "side=BUY&symbol=LTCBTC") + "&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71",
                DOCS_KEY, "");
        assertEquals(-1022, obj(e.body()).get("code").getAsInt());
    }

    @Test
    void theWebSocketApiDocumentationExamplesAreAcceptedWithTheDocsSecret() throws Exception {
        BinanceSimulator sim = start(BinanceSimulatorConfig.spot(), Instant.ofEpochMilli(1645423376532L - 2000));
        // the example sells 0.01 BTC: buy some first
        HttpResponse<String> buy = rest(sim, "POST", "/api/v3/order", sparams("symbol", "BTCUSDT", "side", "BUY",
                "type", "MARKET", "quantity", "0.02"), false);
        assertEquals(200, buy.statusCode(), buy.body());
        RawWebSocket ws = wsApi(sim);
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("symbol", "BTCUSDT");
        example.put("side", "SELL");
        example.put("type", "LIMIT");
        example.put("timeInForce", "GTC");
        example.put("quantity", "0.01000000");
        example.put("price", "52000.00");
        example.put("recvWindow", 100);
        example.put("timestamp", 1645423376532L);
        example.put("apiKey", DOCS_KEY);
        example.put("signature", "aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24");
        JsonObject r = callRaw(ws, "order.place", example);
        assertEquals(200, r.get("status").getAsInt(), r.toString());
        assertEquals("FILLED", r.getAsJsonObject("result").get("status").getAsString());
        assertTrue(r.getAsJsonArray("rateLimits").size() == 3, r.toString());
        Map<String, Object> nonAscii = new LinkedHashMap<>(example);
        nonAscii.put("symbol", "１２３４５６");
        nonAscii.put("side", "BUY");
        nonAscii.put("quantity", "1.00000000");
        nonAscii.put("price", "0.10000000");
        nonAscii.put("recvWindow", 5000);
        nonAscii.put("signature", "b33892ae8e687c939f4468c6268ddd4c40ac1af18ad19a064864c47bae0752cd");
        JsonObject n = callRaw(ws, "order.place", nonAscii);
        assertEquals(-1121, code(n), n.toString()); // signature accepted (raw UTF-8); the symbol is not listed
        nonAscii.put("signature", "b33892ae8e687c939f4468c6268ddd4c40ac1af18ad19a064864c47bae0752cc");
        assertEquals(-1022, code(callRaw(ws, "order.place", nonAscii)));
    }

    // ---------------------------------------------------------------- keys and schemes

    @Test
    void bothKeyTypesSignBothSchemesAndWrongOnesAreRefused() throws Exception {
        BinanceSimulator sim = spot();
        assertEquals(200, rest(sim, "GET", "/api/v3/account", sparams(), false).statusCode());
        HttpResponse<String> edRest = rest(sim, "GET", "/api/v3/account", sparams("recvWindow", "10000"), true);
        assertEquals(200, edRest.statusCode(), edRest.body());
        assertTrue(obj(edRest.body()).getAsJsonArray("balances").size() >= 4);
        HttpResponse<String> unknown = send(sim, "GET", "/api/v3/account?timestamp=1&signature=00", "nosuchkey", "");
        assertEquals(401, unknown.statusCode());
        assertEquals(-2015, obj(unknown.body()).get("code").getAsInt());
        HttpResponse<String> missing = send(sim, "GET", "/api/v3/account?timestamp=1&signature=00", null, "");
        assertEquals(-2014, obj(missing.body()).get("code").getAsInt());

        RawWebSocket ws = wsApi(sim);
        long ts = sim.now().toEpochMilli();
        assertEquals(200, call(ws, "account.status", params("timestamp", ts), "hmac").get("status").getAsInt());
        assertEquals(200, call(ws, "account.status", params("timestamp", ts), "ed25519").get("status").getAsInt());
        Map<String, Object> tampered = new TreeMap<>(params("timestamp", ts, "apiKey", ED_KEY));
        tampered.put("signature", ed(ed25519.getPrivate(), "apiKey=" + ED_KEY + "&timestamp=" + (ts + 1)));
        JsonObject bad = callRaw(ws, "account.status", tampered);
        assertEquals(400, bad.get("status").getAsInt());
        assertEquals(-1022, code(bad));
        assertEquals("Signature for this request is not valid.",
                bad.getAsJsonObject("error").get("msg").getAsString());
        // session.logon is for Ed25519 keys; afterwards no apiKey or signature is needed
        assertEquals(-1002, code(call(ws, "session.logon", params("timestamp", ts), "hmac")));
        JsonObject logon = call(ws, "session.logon", params("timestamp", ts), "ed25519");
        assertEquals(ED_KEY, logon.getAsJsonObject("result").get("apiKey").getAsString());
        assertEquals(200, callRaw(ws, "account.status", params("timestamp", ts)).get("status").getAsInt());
        JsonObject out = callRaw(ws, "session.logout", params());
        assertTrue(out.getAsJsonObject("result").get("apiKey").isJsonNull());
        assertEquals(-1102, code(callRaw(ws, "account.status", params("timestamp", ts))));
    }

    // ---------------------------------------------------------------- spot round trips

    @Test
    void spotOrderRoundTripOnTheWebSocketApiWithUserDataEventsInOrder() throws Exception {
        BinanceSimulator sim = spot();
        RawWebSocket ws = wsApi(sim);
        long ts = sim.now().toEpochMilli();
        call(ws, "session.logon", params("timestamp", ts), "ed25519");
        JsonObject sub = callRaw(ws, "userDataStream.subscribe", params());
        assertEquals(0, sub.getAsJsonObject("result").get("subscriptionId").getAsInt());
        assertEquals(true, callRaw(ws, "session.status", params()).getAsJsonObject("result").get("userDataStream")
                .getAsBoolean());
        BigDecimal bid = sim.liveBook("BTCUSDT").bids().get(0).price();
        String low = bid.subtract(new BigDecimal("500")).setScale(2).toPlainString();
        JsonObject placed = callRaw(ws, "order.place", params("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT",
                "timeInForce", "GTC", "price", low, "quantity", "0.01", "newClientOrderId", "rest-1",
                "newOrderRespType", "RESULT", "timestamp", ts));
        assertEquals(200, placed.get("status").getAsInt(), placed.toString());
        JsonObject result = placed.getAsJsonObject("result");
        assertEquals("NEW", result.get("status").getAsString());
        assertEquals("rest-1", result.get("clientOrderId").getAsString());
        JsonObject created = spotEvent(ws, "executionReport");
        assertEquals("NEW", created.get("x").getAsString());
        assertEquals("rest-1", created.get("c").getAsString());
        for (String field : List.of("e", "E", "s", "c", "S", "o", "f", "q", "p", "P", "F", "g", "C", "x", "X", "r",
                "i", "l", "z", "L", "n", "N", "T", "t", "I", "w", "m", "M", "O", "Z", "Y", "Q", "W", "V")) {
            assertTrue(created.has(field), "executionReport has " + field);
        }
        // a second order with the same client order id while the first is open: refused
        JsonObject dup = callRaw(ws, "order.place", params("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT",
                "timeInForce", "GTC", "price", low, "quantity", "0.01", "newClientOrderId", "rest-1", "timestamp", ts));
        assertEquals(-2010, code(dup));
        assertEquals("Duplicate order sent.", dup.getAsJsonObject("error").get("msg").getAsString());
        JsonObject filter = callRaw(ws, "order.place", params("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT",
                "timeInForce", "GTC", "price", low + "1", "quantity", "0.01", "timestamp", ts));
        assertEquals(-1013, code(filter));
        assertEquals("Filter failure: PRICE_FILTER", filter.getAsJsonObject("error").get("msg").getAsString());
        JsonObject band = callRaw(ws, "order.place", params("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT",
                "timeInForce", "GTC", "price", "1000.00", "quantity", "0.01", "timestamp", ts));
        assertEquals("Filter failure: PERCENT_PRICE_BY_SIDE", band.getAsJsonObject("error").get("msg").getAsString());
        HttpResponse<String> test = rest(sim, "POST", "/api/v3/order/test", sparams("symbol", "BTCUSDT", "side",
                "BUY", "type", "LIMIT", "timeInForce", "GTC", "price", low, "quantity", "0.01"), false);
        assertEquals("{}", test.body());
        assertEquals(-1013, obj(rest(sim, "POST", "/api/v3/order/test", sparams("symbol", "BTCUSDT", "side", "BUY",
                "type", "LIMIT", "timeInForce", "GTC", "price", low, "quantity", "0.000001"), false).body())
                .get("code").getAsInt());
        JsonObject open = callRaw(ws, "openOrders.status", params("symbol", "BTCUSDT", "timestamp", ts));
        assertEquals(1, open.getAsJsonArray("result").size());
        JsonObject cancel = callRaw(ws, "order.cancel", params("symbol", "BTCUSDT", "origClientOrderId", "rest-1",
                "timestamp", ts));
        assertEquals("CANCELED", cancel.getAsJsonObject("result").get("status").getAsString());
        JsonObject canceled = spotEvent(ws, "executionReport");
        assertEquals("CANCELED", canceled.get("x").getAsString());
        assertEquals("rest-1", canceled.get("C").getAsString());
        assertEquals(-2011, code(callRaw(ws, "order.cancel", params("symbol", "BTCUSDT", "origClientOrderId",
                "rest-1", "timestamp", ts))));
        assertEquals(-2013, code(callRaw(ws, "order.status", params("symbol", "BTCUSDT", "origClientOrderId",
                "nope", "timestamp", ts))));
        // a market buy: FULL response with fills, then NEW, TRADE and the balances
        JsonObject market = callRaw(ws, "order.place", params("symbol", "BTCUSDT", "side", "BUY", "type", "MARKET",
                "quantity", "0.01", "timestamp", ts));
        JsonObject full = market.getAsJsonObject("result");
        assertEquals("FILLED", full.get("status").getAsString(), market.toString());
        assertTrue(full.getAsJsonArray("fills").size() >= 1);
        assertEquals("NEW", spotEvent(ws, "executionReport").get("x").getAsString());
        assertEquals("BTC", full.getAsJsonArray("fills").get(0).getAsJsonObject().get("commissionAsset").getAsString(),
                "the commission is taken from the asset received");
        JsonObject trade = spotEvent(ws, "executionReport");
        assertEquals("TRADE", trade.get("x").getAsString());
        assertEquals("BTC", trade.get("N").getAsString());
        JsonObject position = spotEvent(ws, "outboundAccountPosition");
        assertTrue(position.getAsJsonArray("B").size() >= 2);
        sim.deposit("USDT", new BigDecimal("10"));
        JsonObject deposit = spotEvent(ws, "balanceUpdate");
        assertEquals("10.00000000", deposit.get("d").getAsString());
        // REST sees the same account
        HttpResponse<String> trades = rest(sim, "GET", "/api/v3/myTrades", sparams("symbol", "BTCUSDT"), false);
        assertTrue(JsonParser.parseString(trades.body()).getAsJsonArray().size() >= 1, trades.body());
        HttpResponse<String> placedRest = rest(sim, "POST", "/api/v3/order", sparams("symbol", "BTCUSDT", "side",
                "SELL", "type", "LIMIT", "timeInForce", "GTC", "quantity", "0.001", "price",
                bid.add(new BigDecimal("900")).setScale(2).toPlainString()), false);
        assertEquals(200, placedRest.statusCode(), placedRest.body());
        assertTrue(Integer.parseInt(placedRest.headers().firstValue("X-MBX-ORDER-COUNT-10S").orElseThrow()) >= 1);
        assertTrue(placedRest.headers().firstValue("X-MBX-ORDER-COUNT-1D").isPresent());
        JsonObject unsubscribed = callRaw(ws, "userDataStream.unsubscribe", params());
        assertEquals(200, unsubscribed.get("status").getAsInt());
    }

    // ---------------------------------------------------------------- USD-M

    private HttpResponse<String> fapi(BinanceSimulator sim, String method, String path, String... kv) throws Exception {
        return rest(sim, method, path, sparams(kv), false);
    }

    private RawWebSocket userStream(BinanceSimulator sim) throws Exception {
        HttpResponse<String> key = send(sim, "POST", "/fapi/v1/listenKey", DOCS_KEY, "");
        assertEquals(200, key.statusCode(), key.body());
        String listenKey = obj(key.body()).get("listenKey").getAsString();
        return connect(sim, "/private/ws?listenKey=" + listenKey);
    }

    @Test
    void futuresOrderRoundTripMovesThePositionWithOrderAndAccountEvents() throws Exception {
        BinanceSimulator sim = futures();
        RawWebSocket user = userStream(sim);
        HttpResponse<String> leverage = fapi(sim, "POST", "/fapi/v1/leverage", "symbol", "BTCUSDT", "leverage", "10");
        assertEquals(200, leverage.statusCode(), leverage.body());
        assertEquals(10, event(user, "ACCOUNT_CONFIG_UPDATE").getAsJsonObject("ac").get("l").getAsInt());
        HttpResponse<String> buy = fapi(sim, "POST", "/fapi/v1/order", "symbol", "BTCUSDT", "side", "BUY", "type",
                "MARKET", "quantity", "0.010", "newClientOrderId", "f-1");
        assertEquals(200, buy.statusCode(), buy.body());
        assertEquals("f-1", obj(buy.body()).get("clientOrderId").getAsString());
        assertEquals("NEW", obj(buy.body()).get("status").getAsString(), "ACK is the USD-M default");
        assertTrue(buy.headers().firstValue("X-MBX-ORDER-COUNT-1M").isPresent());
        JsonObject created = event(user, "ORDER_TRADE_UPDATE").getAsJsonObject("o");
        assertEquals("NEW", created.get("x").getAsString());
        JsonObject trade = event(user, "ORDER_TRADE_UPDATE").getAsJsonObject("o");
        assertEquals("TRADE", trade.get("x").getAsString());
        for (String f : List.of("s", "c", "S", "o", "f", "q", "p", "ap", "sp", "x", "X", "i", "l", "z", "L", "N", "n",
                "T", "t", "b", "a", "m", "R", "wt", "ot", "ps", "cp", "rp", "pP", "si", "ss", "V", "pm", "gtd")) {
            assertTrue(trade.has(f), "ORDER_TRADE_UPDATE.o has " + f);
        }
        JsonObject account = event(user, "ACCOUNT_UPDATE").getAsJsonObject("a");
        assertEquals("ORDER", account.get("m").getAsString());
        assertEquals("0.010", account.getAsJsonArray("P").get(0).getAsJsonObject().get("pa").getAsString());
        JsonArray risk = JsonParser.parseString(fapi(sim, "GET", "/fapi/v2/positionRisk", "symbol", "BTCUSDT").body())
                .getAsJsonArray();
        JsonObject pos = risk.get(0).getAsJsonObject();
        assertEquals("0.010", pos.get("positionAmt").getAsString());
        assertEquals("10", pos.get("leverage").getAsString());
        assertTrue(new BigDecimal(pos.get("liquidationPrice").getAsString()).signum() >= 0);
        BigDecimal[] state = sim.futuresPosition("BTCUSDT", "BOTH");
        assertEquals(0, new BigDecimal("0.010").compareTo(state[0]));
        // reduce-only never increases a position
        HttpResponse<String> reduce = fapi(sim, "POST", "/fapi/v1/order", "symbol", "BTCUSDT", "side", "BUY", "type",
                "MARKET", "quantity", "0.010", "reduceOnly", "true");
        assertEquals(-2022, obj(reduce.body()).get("code").getAsInt(), reduce.body());
        // conditional types belong to the Algo Service since December 2025
        HttpResponse<String> stop = fapi(sim, "POST", "/fapi/v1/order", "symbol", "BTCUSDT", "side", "SELL", "type",
                "STOP_MARKET", "stopPrice", "1000", "closePosition", "true");
        assertEquals(-4120, obj(stop.body()).get("code").getAsInt(), stop.body());
        HttpResponse<String> close = fapi(sim, "POST", "/fapi/v1/order", "symbol", "BTCUSDT", "side", "SELL", "type",
                "MARKET", "quantity", "0.010", "reduceOnly", "true", "newOrderRespType", "RESULT");
        assertEquals(200, close.statusCode(), close.body());
        assertEquals("FILLED", obj(close.body()).get("status").getAsString());
        JsonObject closeTrade = until(user, o -> o.has("e") && o.get("e").getAsString().equals("ORDER_TRADE_UPDATE")
                && o.getAsJsonObject("o").get("x").getAsString().equals("TRADE")).getAsJsonObject("o");
        assertTrue(closeTrade.has("rp"));
        assertEquals(0, sim.futuresPosition("BTCUSDT", "BOTH")[0].signum());
        HttpResponse<String> trades = fapi(sim, "GET", "/fapi/v1/userTrades", "symbol", "BTCUSDT");
        assertEquals(2, JsonParser.parseString(trades.body()).getAsJsonArray().size(), trades.body());
        HttpResponse<String> balance = fapi(sim, "GET", "/fapi/v2/balance");
        assertEquals("USDT", JsonParser.parseString(balance.body()).getAsJsonArray().get(0).getAsJsonObject()
                .get("asset").getAsString());
    }

    @Test
    void algoStopMarketClosePositionTriggersOnTheContractPriceAndAnotherExpiresWithThePosition() throws Exception {
        BinanceSimulator sim = futures();
        RawWebSocket user = userStream(sim);
        RawWebSocket ws = wsApi(sim);
        long ts = sim.now().toEpochMilli();
        JsonObject buy = call(ws, "order.place", params("symbol", "BTCUSDT", "side", "BUY", "type", "MARKET",
                "quantity", "0.010", "timestamp", ts), "hmac");
        assertEquals(200, buy.get("status").getAsInt(), buy.toString());
        BigDecimal last = sim.liveBook("BTCUSDT").bids().get(0).price();
        String trigger = last.subtract(new BigDecimal("30")).setScale(1, java.math.RoundingMode.DOWN).toPlainString();
        JsonObject sl = call(ws, "algoOrder.place", params("algoType", "CONDITIONAL", "symbol", "BTCUSDT", "side",
                "SELL", "type", "STOP_MARKET", "triggerPrice", trigger, "closePosition", "true", "clientAlgoId", "sl-1",
                "timestamp", ts), "hmac");
        assertEquals(200, sl.get("status").getAsInt(), sl.toString());
        assertEquals("NEW", sl.getAsJsonObject("result").get("algoStatus").getAsString());
        JsonObject tp = call(ws, "algoOrder.place", params("algoType", "CONDITIONAL", "symbol", "BTCUSDT", "side",
                "SELL", "type", "TAKE_PROFIT_MARKET", "triggerPrice",
                last.add(new BigDecimal("3000")).setScale(1).toPlainString(), "closePosition", "true", "workingType",
                "MARK_PRICE", "clientAlgoId", "tp-1", "timestamp", ts), "hmac");
        assertEquals(200, tp.get("status").getAsInt(), tp.toString());
        JsonObject wouldTrigger = call(ws, "algoOrder.place", params("algoType", "CONDITIONAL", "symbol", "BTCUSDT",
                "side", "SELL", "type", "STOP_MARKET", "triggerPrice", last.add(new BigDecimal("2000")).setScale(1)
                        .toPlainString(), "closePosition", "true", "timestamp", ts), "hmac");
        assertEquals(-2021, code(wouldTrigger));
        JsonArray openAlgos = JsonParser.parseString(fapi(sim, "GET", "/fapi/v1/openAlgoOrders", "symbol", "BTCUSDT")
                .body()).getAsJsonArray();
        assertEquals(2, openAlgos.size());
        assertEquals("sl-1", obj(fapi(sim, "GET", "/fapi/v1/algoOrder", "clientAlgoId", "sl-1").body())
                .get("clientAlgoId").getAsString());
        // a participant sells through the book: the last price falls below the trigger
        sim.submitParticipantOrder("BTCUSDT", Side.SELL, null, new BigDecimal("40"));
        sim.advance(Duration.ofMillis(50));
        JsonObject triggered = until(user, o -> o.has("e") && o.get("e").getAsString().equals("ALGO_UPDATE")
                && o.getAsJsonObject("o").get("caid").getAsString().equals("sl-1")
                && o.getAsJsonObject("o").get("X").getAsString().equals("TRIGGERED")).getAsJsonObject("o");
        assertTrue(!triggered.get("ai").getAsString().isEmpty());
        JsonObject fill = until(user, o -> o.has("e") && o.get("e").getAsString().equals("ORDER_TRADE_UPDATE")
                && o.getAsJsonObject("o").get("x").getAsString().equals("TRADE")
                && o.getAsJsonObject("o").get("ot").getAsString().equals("STOP_MARKET")).getAsJsonObject("o");
        assertEquals("MARKET", fill.get("o").getAsString());
        assertTrue(fill.get("cp").getAsBoolean());
        JsonObject expired = until(user, o -> o.has("e") && o.get("e").getAsString().equals("ALGO_UPDATE")
                && o.getAsJsonObject("o").get("caid").getAsString().equals("tp-1")).getAsJsonObject("o");
        assertEquals("EXPIRED", expired.get("X").getAsString());
        assertEquals(0, sim.futuresPosition("BTCUSDT", "BOTH")[0].signum());
    }

    @Test
    void hedgeModeKeepsALongAndAShortLeg() throws Exception {
        BinanceSimulator sim = futures();
        assertEquals("{\"dualSidePosition\":false}", fapi(sim, "GET", "/fapi/v1/positionSide/dual").body());
        assertEquals(200, fapi(sim, "POST", "/fapi/v1/positionSide/dual", "dualSidePosition", "true").statusCode());
        assertEquals(-4059, obj(fapi(sim, "POST", "/fapi/v1/positionSide/dual", "dualSidePosition", "true").body())
                .get("code").getAsInt());
        HttpResponse<String> noSide = fapi(sim, "POST", "/fapi/v1/order", "symbol", "BTCUSDT", "side", "BUY", "type",
                "MARKET", "quantity", "0.010");
        assertEquals(-4061, obj(noSide.body()).get("code").getAsInt());
        assertEquals(200, fapi(sim, "POST", "/fapi/v1/order", "symbol", "BTCUSDT", "side", "BUY", "positionSide",
                "LONG", "type", "MARKET", "quantity", "0.010").statusCode());
        assertEquals(200, fapi(sim, "POST", "/fapi/v1/order", "symbol", "BTCUSDT", "side", "SELL", "positionSide",
                "SHORT", "type", "MARKET", "quantity", "0.020").statusCode());
        assertEquals(-1106, obj(fapi(sim, "POST", "/fapi/v1/order", "symbol", "BTCUSDT", "side", "SELL",
                "positionSide", "LONG", "type", "MARKET", "quantity", "0.010", "reduceOnly", "true").body())
                .get("code").getAsInt());
        assertEquals(-2022, obj(fapi(sim, "POST", "/fapi/v1/order", "symbol", "BTCUSDT", "side", "SELL",
                "positionSide", "LONG", "type", "MARKET", "quantity", "0.020").body()).get("code").getAsInt());
        JsonArray risk = JsonParser.parseString(fapi(sim, "GET", "/fapi/v2/positionRisk", "symbol", "BTCUSDT").body())
                .getAsJsonArray();
        assertEquals(2, risk.size());
        Map<String, String> amounts = new TreeMap<>();
        for (JsonElement e : risk) {
            amounts.put(e.getAsJsonObject().get("positionSide").getAsString(),
                    e.getAsJsonObject().get("positionAmt").getAsString());
        }
        assertEquals(Map.of("LONG", "0.010", "SHORT", "-0.020"), amounts);
        assertEquals(-4068, obj(fapi(sim, "POST", "/fapi/v1/positionSide/dual", "dualSidePosition", "false").body())
                .get("code").getAsInt());
    }

    @Test
    void anExpiredListenKeySendsListenKeyExpiredThenNothing() throws Exception {
        // pings far apart: the raw client does not answer them, and an hour passes
        BinanceSimulator sim = start(BinanceSimulatorConfig.usdmFutures().withPing(Duration.ofHours(2),
                Duration.ofHours(2)), EPOCH);
        RawWebSocket user = userStream(sim);
        assertEquals(200, send(sim, "PUT", "/fapi/v1/listenKey", DOCS_KEY, "").statusCode());
        assertEquals(1, sim.listenKeyKeepAlives());
        sim.expireListenKey();
        JsonObject expired = event(user, "listenKeyExpired");
        assertNotNull(expired.get("listenKey"));
        assertNull(sim.listenKey());
        HttpResponse<String> keepAlive = send(sim, "PUT", "/fapi/v1/listenKey", DOCS_KEY, "");
        assertEquals(-1125, obj(keepAlive.body()).get("code").getAsInt());
        fapi(sim, "POST", "/fapi/v1/order", "symbol", "BTCUSDT", "side", "BUY", "type", "MARKET", "quantity", "0.010");
        assertSilent(user);
        // a new key after expiry is a new stream; 60 minutes without keep-alive expire it as well
        RawWebSocket again = userStream(sim);
        sim.advance(Duration.ofMinutes(61));
        assertNotNull(event(again, "listenKeyExpired"));
    }

    // ---------------------------------------------------------------- faults

    @Test
    void theWebSocketApiAnswers429ThenBans418WithRetryAfter() throws Exception {
        BinanceSimulator sim = spot();
        RawWebSocket ws = wsApi(sim);
        sim.rateLimitRest(1);
        JsonObject limited = callRaw(ws, "time", params());
        assertEquals(429, limited.get("status").getAsInt());
        assertEquals(-1003, code(limited));
        assertTrue(limited.getAsJsonObject("error").getAsJsonObject("data").get("retryAfter").getAsLong() > 0);
        JsonObject banned = callRaw(ws, "time", params());
        assertEquals(418, banned.get("status").getAsInt());
        assertNull(ws.nextText(), "a banned connection is dropped");
        HttpResponse<String> rest = rest(sim, "GET", "/api/v3/account", sparams(), false);
        assertEquals(418, rest.statusCode());
        assertTrue(rest.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    void anOrderOnly429LetsOtherRequestsThroughThenBacksOffEveryRequest() throws Exception {
        BinanceSimulator sim = spot();
        sim.rateLimitOrders(1);
        assertEquals(200, rest(sim, "GET", "/api/v3/account", sparams(), false).statusCode(), "not an order");
        HttpResponse<String> order = rest(sim, "POST", "/api/v3/order", sparams("symbol", "BTCUSDT", "side", "BUY",
                "type", "MARKET", "quantity", "0.001"), false);
        assertEquals(429, order.statusCode());
        assertEquals(-1003, obj(order.body()).get("code").getAsInt());
        assertTrue(order.headers().firstValue("Retry-After").isPresent());
        // the back-off is per IP, as Binance's: the next request of any kind is a ban
        assertEquals(418, rest(sim, "GET", "/api/v3/account", sparams(), false).statusCode());
    }

    @Test
    void aSkewedServerClockRefusesUnsyncedTimestampsWithMinus1021() throws Exception {
        BinanceSimulator sim = spot();
        sim.setClockSkew(10_000);
        HttpResponse<String> unsynced = rest(sim, "GET", "/api/v3/account", sparams(), false);
        assertEquals(400, unsynced.statusCode());
        assertEquals("{\"code\":-1021,\"msg\":\"Timestamp for this request is outside of the recvWindow.\"}",
                unsynced.body());
        long serverTime = obj(send(sim, "GET", "/api/v3/time", null, "").body()).get("serverTime").getAsLong();
        assertEquals(200, rest(sim, "GET", "/api/v3/account", sparams("timestamp", Long.toString(serverTime)), false)
                .statusCode());
        sim.setClockSkew(-10_000);
        RawWebSocket ws = wsApi(sim);
        JsonObject ahead = call(ws, "account.status", params("timestamp", sim.now().toEpochMilli()), "hmac");
        assertEquals(-1021, code(ahead));
    }

    @Test
    void aWebSocketApiDroppingMidOrderExecutesTheOrderOnceAndLosesTheAnswer() throws Exception {
        BinanceSimulator sim = spot();
        RawWebSocket ws = wsApi(sim);
        sim.dropWebSocketApiMidOrder(1);
        long ts = sim.now().toEpochMilli();
        BigDecimal bid = sim.liveBook("BTCUSDT").bids().get(0).price();
        Map<String, Object> order = params("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT", "timeInForce", "GTC",
                "price", bid.subtract(new BigDecimal("700")).setScale(2).toPlainString(), "quantity", "0.01",
                "newClientOrderId", "once-1", "timestamp", ts);
        ws.sendText("{\"id\":7,\"method\":\"order.place\",\"params\":" + new com.google.gson.Gson().toJson(
                signed(order)) + "}");
        assertNull(ws.nextText(), "the connection closes before the answer");
        assertEquals(1, sim.newOrderRequests("once-1"));
        RawWebSocket again = wsApi(sim);
        JsonObject status = call(again, "order.status", params("symbol", "BTCUSDT", "origClientOrderId", "once-1",
                "timestamp", ts), "hmac");
        assertEquals("NEW", status.getAsJsonObject("result").get("status").getAsString(), status.toString());
        sim.ignoreNextOrderRequests(1);
        again.sendText("{\"id\":8,\"method\":\"order.place\",\"params\":" + new com.google.gson.Gson().toJson(
                signed(params("symbol", "BTCUSDT", "side", "BUY", "type", "MARKET", "quantity", "0.01",
                        "newClientOrderId", "never-1", "timestamp", ts))) + "}");
        JsonObject next = call(again, "time", params(), null);
        assertEquals(200, next.get("status").getAsInt(), "the connection answers other requests");
        assertEquals(1, sim.newOrderRequests("never-1"));
        assertEquals(-2013, code(call(again, "order.status", params("symbol", "BTCUSDT", "origClientOrderId",
                "never-1", "timestamp", ts), "hmac")));
        sim.rejectNextOrder(-2010, "Account has insufficient balance for requested action.");
        JsonObject refused = call(again, "order.place", params("symbol", "BTCUSDT", "side", "BUY", "type", "MARKET",
                "quantity", "0.01", "newClientOrderId", "once-2", "timestamp", ts), "hmac");
        assertEquals(-2010, code(refused));
        assertEquals(1, sim.newOrderRequests("once-2"));
    }

    private Map<String, Object> signed(Map<String, Object> params) throws Exception {
        Map<String, Object> p = new TreeMap<>(params);
        p.put("apiKey", DOCS_KEY);
        StringBuilder payload = new StringBuilder();
        p.forEach((k, v) -> payload.append(payload.length() > 0 ? "&" : "").append(k).append('=').append(v));
        p.put("signature", hmac(DOCS_SECRET, payload.toString()));
        return p;
    }

    @Test
    void aSilencedAccountStreamSendsNoEventsWhileTheMarketGoesOn() throws Exception {
        BinanceSimulator sim = futures();
        RawWebSocket user = userStream(sim);
        sim.silenceAccountStream(Duration.ofMinutes(1));
        fapi(sim, "POST", "/fapi/v1/order", "symbol", "BTCUSDT", "side", "BUY", "type", "MARKET", "quantity", "0.010");
        assertSilent(user);
        assertEquals(0, new BigDecimal("0.010").compareTo(sim.futuresPosition("BTCUSDT", "BOTH")[0]));
    }

    @Test
    void theDemoKeysWrittenForDevelopersSignRequests() throws Exception {
        BinanceSimulator spot = spot();
        BinanceSimulator fut = futures();
        java.nio.file.Path dir = BinanceSimulatorMain.demoKeys(spot, fut);
        java.util.Properties keys = new java.util.Properties();
        try (var in = java.nio.file.Files.newBufferedReader(dir.resolve("demo-keys.properties"))) {
            keys.load(in);
        }
        String query = "timestamp=" + fut.now().toEpochMilli();
        HttpResponse<String> hmacAnswer = send(fut, "GET", "/fapi/v2/balance?" + query + "&signature="
                + hmac(keys.getProperty("hmac.secret"), query), keys.getProperty("hmac.apiKey"), "");
        assertEquals(200, hmacAnswer.statusCode(), hmacAnswer.body());
        String pem = java.nio.file.Files.readString(dir.resolve(keys.getProperty("ed25519.privateKeyFile")));
        PrivateKey key = java.security.KeyFactory.getInstance("Ed25519").generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(
                        pem.replaceAll("-----[A-Z ]+-----", ""))));
        String spotQuery = "timestamp=" + spot.now().toEpochMilli();
        HttpResponse<String> edAnswer = send(spot, "GET", "/api/v3/account?" + spotQuery + "&signature="
                + encode(ed(key, spotQuery)), keys.getProperty("ed25519.apiKey"), "");
        assertEquals(200, edAnswer.statusCode(), edAnswer.body());
    }

    @Test
    void aSignatureSubscriptionDeliversSpotEventsAndAStopLossTriggersOnTheLastPrice() throws Exception {
        BinanceSimulator sim = spot();
        RawWebSocket ws = wsApi(sim);
        long ts = sim.now().toEpochMilli();
        JsonObject sub = call(ws, "userDataStream.subscribe.signature", params("timestamp", ts), "hmac");
        assertEquals(200, sub.get("status").getAsInt(), sub.toString());
        int id = sub.getAsJsonObject("result").get("subscriptionId").getAsInt();
        JsonObject buy = call(ws, "order.place", params("symbol", "BTCUSDT", "side", "BUY", "type", "MARKET",
                "quantity", "0.02", "timestamp", ts), "hmac");
        assertEquals("FILLED", buy.getAsJsonObject("result").get("status").getAsString(), buy.toString());
        BigDecimal bid = sim.liveBook("BTCUSDT").bids().get(0).price();
        JsonObject stop = call(ws, "order.place", params("symbol", "BTCUSDT", "side", "SELL", "type", "STOP_LOSS",
                "quantity", "0.01", "stopPrice", bid.subtract(new BigDecimal("5")).setScale(2).toPlainString(),
                "newClientOrderId", "sl-spot", "timestamp", ts), "hmac");
        assertEquals(200, stop.get("status").getAsInt(), stop.toString());
        assertTrue(!stop.getAsJsonObject("result").has("status"), "ACK is the default for STOP_LOSS");
        JsonObject waiting = call(ws, "order.status", params("symbol", "BTCUSDT", "origClientOrderId", "sl-spot",
                "timestamp", ts), "hmac").getAsJsonObject("result");
        assertEquals(false, waiting.get("isWorking").getAsBoolean());
        sim.submitParticipantOrder("BTCUSDT", Side.SELL, null, new BigDecimal("20"));
        sim.advance(Duration.ofMillis(50));
        JsonObject fill = until(ws, o -> o.has("subscriptionId") && o.get("subscriptionId").getAsInt() == id
                && o.getAsJsonObject("event").get("e").getAsString().equals("executionReport")
                && o.getAsJsonObject("event").get("c").getAsString().equals("sl-spot")
                && o.getAsJsonObject("event").get("x").getAsString().equals("TRADE")).getAsJsonObject("event");
        assertEquals("STOP_LOSS", fill.get("o").getAsString());
        assertEquals("FILLED", fill.get("X").getAsString());
    }

    @Test
    void cancelReplaceReportsEachHalfAsTheDocsShowIt() throws Exception {
        BinanceSimulator sim = spot();
        RawWebSocket ws = wsApi(sim);
        long ts = sim.now().toEpochMilli();
        String low = sim.liveBook("BTCUSDT").bids().get(0).price().subtract(new BigDecimal("800")).setScale(2)
                .toPlainString();
        call(ws, "order.place", params("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT", "timeInForce", "GTC",
                "price", low, "quantity", "0.01", "newClientOrderId", "cr-1", "timestamp", ts), "hmac");
        JsonObject both = call(ws, "order.cancelReplace", params("symbol", "BTCUSDT", "cancelReplaceMode",
                "STOP_ON_FAILURE", "cancelOrigClientOrderId", "cr-1", "side", "BUY", "type", "LIMIT", "timeInForce",
                "GTC", "price", low, "quantity", "0.02", "newClientOrderId", "cr-2", "timestamp", ts), "hmac");
        assertEquals(200, both.get("status").getAsInt(), both.toString());
        JsonObject r = both.getAsJsonObject("result");
        assertEquals("SUCCESS", r.get("cancelResult").getAsString());
        assertEquals("CANCELED", r.getAsJsonObject("cancelResponse").get("status").getAsString());
        assertEquals("cr-2", r.getAsJsonObject("newOrderResponse").get("clientOrderId").getAsString());
        JsonObject failed = call(ws, "order.cancelReplace", params("symbol", "BTCUSDT", "cancelReplaceMode",
                "STOP_ON_FAILURE", "cancelOrigClientOrderId", "cr-1", "side", "BUY", "type", "LIMIT", "timeInForce",
                "GTC", "price", low, "quantity", "0.02", "timestamp", ts), "hmac");
        assertEquals(400, failed.get("status").getAsInt());
        assertEquals(-2022, code(failed));
        JsonObject data = failed.getAsJsonObject("error").getAsJsonObject("data");
        assertEquals("NOT_ATTEMPTED", data.get("newOrderResult").getAsString());
        assertEquals(-2011, data.getAsJsonObject("cancelResponse").get("code").getAsInt());
        JsonObject partial = call(ws, "order.cancelReplace", params("symbol", "BTCUSDT", "cancelReplaceMode",
                "ALLOW_FAILURE", "cancelOrigClientOrderId", "cr-1", "side", "BUY", "type", "LIMIT", "timeInForce",
                "GTC", "price", low, "quantity", "0.02", "timestamp", ts), "hmac");
        assertEquals(409, partial.get("status").getAsInt(), partial.toString());
        assertEquals(-2021, code(partial));
    }

    @Test
    void futuresWebSocketApiModifiesOrdersAndReportsTheAccount() throws Exception {
        BinanceSimulator sim = futures();
        RawWebSocket ws = wsApi(sim);
        long ts = sim.now().toEpochMilli();
        JsonObject start = call(ws, "userDataStream.start", params(), "hmac");
        String listenKey = start.getAsJsonObject("result").get("listenKey").getAsString();
        assertEquals(listenKey, sim.listenKey());
        RawWebSocket user = connect(sim, "/ws/" + listenKey); // the legacy path
        RawWebSocket combined = connect(sim, "/private/stream?streams=" + listenKey);
        assertEquals(listenKey, call(ws, "userDataStream.ping", params(), "hmac").getAsJsonObject("result")
                .get("listenKey").getAsString());
        assertEquals(1, sim.listenKeyKeepAlives());
        String low = sim.liveBook("BTCUSDT").bids().get(0).price().subtract(new BigDecimal("300")).setScale(1)
                .toPlainString();
        JsonObject placed = call(ws, "order.place", params("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT",
                "timeInForce", "GTC", "price", low, "quantity", "0.010", "newClientOrderId", "m-1", "timestamp", ts),
                "hmac");
        assertEquals(200, placed.get("status").getAsInt(), placed.toString());
        String lower = new BigDecimal(low).subtract(new BigDecimal("10")).toPlainString();
        JsonObject modified = call(ws, "order.modify", params("symbol", "BTCUSDT", "origClientOrderId", "m-1", "side",
                "BUY", "quantity", "0.020", "price", lower, "timestamp", ts), "hmac");
        assertEquals(200, modified.get("status").getAsInt(), modified.toString());
        assertEquals("0.020", modified.getAsJsonObject("result").get("origQty").getAsString());
        JsonObject amended = until(user, o -> o.has("e") && o.get("e").getAsString().equals("ORDER_TRADE_UPDATE")
                && o.getAsJsonObject("o").get("x").getAsString().equals("AMENDMENT")).getAsJsonObject("o");
        assertEquals(0, new BigDecimal(lower).compareTo(new BigDecimal(amended.get("p").getAsString())));
        JsonObject wrapped = until(combined, o -> o.has("stream"));
        assertEquals(listenKey, wrapped.get("stream").getAsString());
        assertEquals("ORDER_TRADE_UPDATE", wrapped.getAsJsonObject("data").get("e").getAsString());
        HttpResponse<String> batch = fapi(sim, "POST", "/fapi/v1/batchOrders", "batchOrders",
                "[{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"price\":\""
                        + lower + "\",\"quantity\":\"0.010\"},{\"symbol\":\"NOPE\",\"side\":\"BUY\","
                        + "\"type\":\"MARKET\",\"quantity\":\"1\"}]");
        JsonArray answers = JsonParser.parseString(batch.body()).getAsJsonArray();
        assertEquals("NEW", answers.get(0).getAsJsonObject().get("status").getAsString(), batch.body());
        assertEquals(-1121, answers.get(1).getAsJsonObject().get("code").getAsInt());
        assertEquals(2, JsonParser.parseString(fapi(sim, "GET", "/fapi/v1/openOrders", "symbol", "BTCUSDT").body())
                .getAsJsonArray().size());
        assertEquals(-4046, obj(fapi(sim, "POST", "/fapi/v1/marginType", "symbol", "BTCUSDT", "marginType",
                "CROSSED").body()).get("code").getAsInt());
        assertEquals(200, fapi(sim, "POST", "/fapi/v1/marginType", "symbol", "BTCUSDT", "marginType", "ISOLATED")
                .statusCode());
        assertEquals(200, fapi(sim, "DELETE", "/fapi/v1/allOpenOrders", "symbol", "BTCUSDT").statusCode());
        JsonObject balance = call(ws, "v2/account.balance", params("timestamp", ts), "hmac");
        assertEquals("USDT", balance.getAsJsonArray("result").get(0).getAsJsonObject().get("asset").getAsString());
        call(ws, "order.place", params("symbol", "BTCUSDT", "side", "SELL", "type", "MARKET", "quantity", "0.010",
                "timestamp", ts), "hmac");
        JsonObject position = call(ws, "v2/account.position", params("symbol", "BTCUSDT", "timestamp", ts), "hmac")
                .getAsJsonArray("result").get(0).getAsJsonObject();
        assertEquals("-0.010", position.get("positionAmt").getAsString());
        assertEquals("isolated", position.get("marginType").getAsString());
        BigDecimal entry = new BigDecimal(position.get("entryPrice").getAsString());
        BigDecimal liq = new BigDecimal(position.get("liquidationPrice").getAsString());
        // isolated short at leverage 20: entry x (1 + 1/20 - 0.004)
        assertEquals(0, entry.multiply(new BigDecimal("1.046")).setScale(2, java.math.RoundingMode.HALF_UP)
                .compareTo(liq.setScale(2, java.math.RoundingMode.HALF_UP)), entry + " -> " + liq);
        JsonObject account = call(ws, "v2/account.status", params("timestamp", ts), "hmac").getAsJsonObject("result");
        assertTrue(account.has("totalWalletBalance") && account.has("positions"), account.toString());
    }

    @Test
    void spotAmendKeepPriorityLowersTheQuantity() throws Exception {
        BinanceSimulator sim = spot();
        RawWebSocket ws = wsApi(sim);
        long ts = sim.now().toEpochMilli();
        String low = sim.liveBook("BTCUSDT").bids().get(0).price().subtract(new BigDecimal("600")).setScale(2)
                .toPlainString();
        call(ws, "order.place", params("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT", "timeInForce", "GTC",
                "price", low, "quantity", "0.02", "newClientOrderId", "kp-1", "timestamp", ts), "hmac");
        JsonObject amended = call(ws, "order.amend.keepPriority", params("symbol", "BTCUSDT", "origClientOrderId",
                "kp-1", "newQty", "0.01", "timestamp", ts), "hmac");
        assertEquals(200, amended.get("status").getAsInt(), amended.toString());
        assertEquals("0.01000000", amended.getAsJsonObject("result").getAsJsonObject("amendedOrder").get("origQty")
                .getAsString());
        JsonObject larger = call(ws, "order.amend.keepPriority", params("symbol", "BTCUSDT", "origClientOrderId",
                "kp-1", "newQty", "0.03", "timestamp", ts), "hmac");
        assertEquals(-2038, code(larger));
    }

    @Test
    void markPriceAlgoOrdersTriggerOnTheMarkPrice() throws Exception {
        BinanceSimulator sim = futures();
        RawWebSocket user = userStream(sim);
        BigDecimal mark = sim.markPrice("BTCUSDT");
        String up = mark.add(new BigDecimal("5")).setScale(1, java.math.RoundingMode.UP).toPlainString();
        String down = mark.subtract(new BigDecimal("5")).setScale(1, java.math.RoundingMode.DOWN).toPlainString();
        for (String[] leg : new String[][] {{"BUY", up, "mark-up"}, {"SELL", down, "mark-down"}}) {
            HttpResponse<String> r = fapi(sim, "POST", "/fapi/v1/algoOrder", "algoType", "CONDITIONAL", "symbol",
                    "BTCUSDT", "side", leg[0], "type", "STOP_MARKET", "quantity", "0.002", "triggerPrice", leg[1],
                    "workingType", "MARK_PRICE", "clientAlgoId", leg[2]);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("MARK_PRICE", obj(r.body()).get("workingType").getAsString());
        }
        String fired = null;
        for (int i = 0; i < 600 && fired == null; i++) {
            sim.advance(Duration.ofSeconds(1));
            BigDecimal now = sim.markPrice("BTCUSDT");
            if (now.compareTo(new BigDecimal(up)) >= 0) {
                fired = "mark-up";
            } else if (now.compareTo(new BigDecimal(down)) <= 0) {
                fired = "mark-down";
            }
        }
        assertNotNull(fired, "the mark price left the band within 10 minutes");
        String expected = fired;
        JsonObject triggered = until(user, o -> o.has("e") && o.get("e").getAsString().equals("ALGO_UPDATE")
                && o.getAsJsonObject("o").get("X").getAsString().equals("TRIGGERED")).getAsJsonObject("o");
        assertEquals(expected, triggered.get("caid").getAsString());
        assertEquals("MARK_PRICE", triggered.get("wt").getAsString());
    }

    @Test
    void aTimedOutPlacementMayOrMayNotHaveExecutedAndEventsMayRepeat() throws Exception {
        BinanceSimulator sim = futures();
        RawWebSocket user = userStream(sim);
        sim.timeOutNextOrders(1, true);
        HttpResponse<String> executed = fapi(sim, "POST", "/fapi/v1/order", "symbol", "BTCUSDT", "side", "BUY",
                "type", "MARKET", "quantity", "0.010", "newClientOrderId", "to-1");
        assertEquals(408, executed.statusCode());
        assertEquals(-1007, obj(executed.body()).get("code").getAsInt());
        assertEquals("FILLED", obj(fapi(sim, "GET", "/fapi/v1/order", "symbol", "BTCUSDT", "origClientOrderId", "to-1")
                .body()).get("status").getAsString());
        sim.timeOutNextOrders(1, false);
        HttpResponse<String> lost = fapi(sim, "POST", "/fapi/v1/order", "symbol", "BTCUSDT", "side", "BUY", "type",
                "MARKET", "quantity", "0.010", "newClientOrderId", "to-2");
        assertEquals(-1007, obj(lost.body()).get("code").getAsInt());
        assertEquals(-2013, obj(fapi(sim, "GET", "/fapi/v1/order", "symbol", "BTCUSDT", "origClientOrderId", "to-2")
                .body()).get("code").getAsInt());
        assertEquals(1, sim.newOrderRequests("to-2"));
        until(user, o -> o.has("e") && o.get("e").getAsString().equals("ACCOUNT_UPDATE"));
        sim.duplicateNextUserEvents(1);
        fapi(sim, "POST", "/fapi/v1/leverage", "symbol", "BTCUSDT", "leverage", "7");
        String first = user.nextText();
        while (!first.contains("ACCOUNT_CONFIG_UPDATE")) {
            first = user.nextText();
        }
        assertEquals(first, user.nextText(), "the same event twice");
    }
}
