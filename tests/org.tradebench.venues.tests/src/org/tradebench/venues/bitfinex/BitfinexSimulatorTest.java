package org.tradebench.venues.bitfinex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

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
import org.tradebench.transport.WebSocketDisconnect;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Raw clients against the Bitfinex simulator: what a connector will see, checked with an
 * independent book model and checksum.
 */
class BitfinexSimulatorTest {

    private static final Instant EPOCH = Instant.parse("2025-01-27T10:00:00Z");
    private static final String KEY = "test-key";
    private static final String SECRET = "test-secret";

    private BitfinexSimulator sim;
    private JettyTransport transport;
    private final List<SimClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        transport = JettyTransport.start("bfx-test");
    }

    @AfterEach
    void stop() {
        clients.forEach(SimClient::close);
        transport.close();
        if (sim != null) {
            sim.close();
        }
    }

    private BitfinexSimulator manual(double eventsPerSecond) {
        sim = BitfinexSimulator.start(BitfinexSimulatorConfig.defaults().withManualClock(EPOCH)
                .withCredentials(KEY, SECRET).withHeartbeat(Duration.ofSeconds(1))
                .withMarket(SimulatedExchangeConfig.DEFAULTS.withEventsPerSecond(eventsPerSecond)));
        return sim;
    }

    private SimClient connect() throws InterruptedException {
        SimClient c = new SimClient(transport, sim.webSocketUri());
        clients.add(c);
        JsonObject info = c.event("info");
        assertEquals(2, info.get("version").getAsInt());
        return c;
    }

    // ---------------------------------------------------------------- independent reference code

    /** The local book a client keeps: price text -> [count, amount text], per side. */
    private static final class LocalBook {
        final TreeMap<BigDecimal, String[]> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<BigDecimal, String[]> asks = new TreeMap<>();

        void apply(JsonArray row) {
            String priceText = row.get(0).getAsString();
            BigDecimal price = new BigDecimal(priceText);
            int count = row.get(1).getAsInt();
            String amountText = row.get(2).getAsString();
            boolean bid = new BigDecimal(amountText).signum() > 0;
            if (count == 0) {
                (bid ? bids : asks).remove(price);
            } else {
                (bid ? bids : asks).put(price, new String[] {priceText, Integer.toString(count), amountText});
            }
        }

        int checksum() {
            List<String[]> b = new ArrayList<>(bids.values());
            List<String[]> a = new ArrayList<>(asks.values());
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 25; i++) {
                if (i < b.size()) {
                    s.append(s.isEmpty() ? "" : ":").append(b.get(i)[0]).append(':').append(b.get(i)[2]);
                }
                if (i < a.size()) {
                    s.append(s.isEmpty() ? "" : ":").append(a.get(i)[0]).append(':').append(a.get(i)[2]);
                }
            }
            CRC32 crc = new CRC32();
            crc.update(s.toString().getBytes(StandardCharsets.UTF_8));
            return (int) crc.getValue();
        }
    }

    private static String hmac384(String secret, String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA384");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA384"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }

    private static long nonce = 1_700_000_000_000_000L;

    private static String authMessage(String key, String secret, boolean dms) throws Exception {
        long n = ++nonce;
        String payload = "AUTH" + n;
        return "{\"event\":\"auth\",\"apiKey\":\"" + key + "\",\"authSig\":\"" + hmac384(secret, payload)
                + "\",\"authNonce\":" + n + ",\"authPayload\":\"" + payload + "\"" + (dms ? ",\"dms\":4" : "") + "}";
    }

    private static long last(JsonArray frame) {
        return frame.get(frame.size() - 1).getAsLong();
    }

    // ---------------------------------------------------------------- tests

    @Test
    void wireNumbersAndChecksumMatchTheBitfinexVectors() {
        // shared/test-vectors/bitfinex/checksum_vectors.json (bitfinex-api-go TestOrderbook)
        assertEquals("7e-7", BitfinexWire.number(new BigDecimal("0.00000070")));
        assertEquals("6.6e-7", BitfinexWire.number(new BigDecimal("0.00000066")));
        assertEquals("1e-8", BitfinexWire.number(new BigDecimal("0.00000001")));
        assertEquals("0.000001", BitfinexWire.number(new BigDecimal("0.000001")));
        assertEquals("0.0000011", BitfinexWire.number(new BigDecimal("0.0000011")));
        assertEquals("-528102.69042633", BitfinexWire.number(new BigDecimal("-528102.69042633")));
        assertEquals("205000", BitfinexWire.number(new BigDecimal("2.05E+5")));
        assertEquals("1.5e+21", BitfinexWire.number(new BigDecimal("1.5E+21")));
        assertEquals(-1175357890, BitfinexWire.crc32("0.0000011:266122.94:0.00000111:-4847.13:0.00000109:"
                + "500793.10790141:0.00000112:-528102.69042633:0.00000108:776367.43:0.00000113:-302397.07:0.00000107:"
                + "23329.54842056:0.00000114:-339088.93:0.00000106:116868.87735849:0.00000126:-245944.06:0.00000105:"
                + "205000:0.00000127:-5000:0.00000103:227308.25386407:0.0000013:-5000:0.00000102:105000:0.00000134:"
                + "-8249.18938656:0.00000101:2970:0.00000136:-13161.25184766:0.000001:21000:0.00000145:-2914:7e-7:"
                + "10000:0.0000015:-54448.5:6.6e-7:10000:0.00000152:-5538.54849594:6e-7:100000:0.00000153:"
                + "-62691.75475079:4.9e-7:10000:0.00000159:-2914:2.5e-7:2000:0.0000016:-52631.10296831:6e-8:100000:"
                + "0.00000164:-4000:5e-8:200000:0.00000166:-3831.46784605:1e-8:640000:0.00000171:-14575.17730379:"
                + "0.00000174:-3124.81815395:0.0000018:-18000:0.00000182:-16000:0.00000186:-4000:0.00000189:"
                + "-10000.686624:0.00000191:-14500:0.00000193:-2422"));
        assertEquals(1756193398, BitfinexWire.checksum(List.of("6000:1", "6100:-3", "5900:2", "6200:-4")));
        assertEquals(1841538801, BitfinexWire.crc32("100:1:102:-3:101:2:103:-4"));
    }

    @Test
    void infoOnConnectAndConfFlagsAcknowledged() throws Exception {
        manual(25);
        SimClient c = new SimClient(transport, sim.webSocketUri());
        clients.add(c);
        JsonObject info = c.next().getAsJsonObject();
        assertEquals("info", info.get("event").getAsString());
        assertEquals(2, info.get("version").getAsInt());
        assertEquals(1, info.getAsJsonObject("platform").get("status").getAsInt());
        c.send("{\"event\":\"conf\",\"flags\":229376}");
        assertEquals("{\"event\":\"conf\",\"status\":\"OK\",\"flags\":229376}", c.nextText());
    }

    @Test
    void bookSnapshotUpdatesAndChecksumsStayConsistent() throws Exception {
        manual(200);
        SimClient c = connect();
        c.send("{\"event\":\"conf\",\"flags\":" + (BitfinexSimulator.OB_CHECKSUM | BitfinexSimulator.SEQ_ALL) + "}");
        c.event("conf");
        int chanId = c.subscribe("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\",\"prec\":\"P0\","
                + "\"freq\":\"F0\",\"len\":\"25\"}");
        JsonArray snapshot = c.data(chanId, null);
        JsonArray rows = snapshot.get(1).getAsJsonArray();
        assertEquals(50, rows.size(), "25 bids and 25 asks");
        LocalBook book = new LocalBook();
        for (int i = 0; i < rows.size(); i++) {
            JsonArray row = rows.get(i).getAsJsonArray();
            assertEquals(3, row.size());
            BigDecimal amount = row.get(2).getAsBigDecimal();
            assertEquals(i < 25, amount.signum() > 0, "bids first, then asks: " + row);
            assertTrue(row.get(0).getAsBigDecimal().precision() <= 5, "P0 keeps 5 significant digits: " + row);
            assertTrue(row.get(1).getAsInt() >= 1);
            book.apply(row);
        }
        assertTrue(book.bids.firstKey().compareTo(book.asks.firstKey()) < 0, "not crossed");
        long seq = last(snapshot);

        sim.advance(Duration.ofSeconds(3));
        int checksums = 0;
        int updates = 0;
        for (JsonElement e : c.drain(1)) {
            JsonArray f = e.getAsJsonArray();
            assertEquals(chanId, f.get(0).getAsInt());
            assertEquals(seq + 1, last(f), "sequence numbers are consecutive: " + f);
            seq = last(f);
            if (f.get(1).isJsonArray()) {
                book.apply(f.get(1).getAsJsonArray());
                updates++;
            } else if (f.get(1).getAsString().equals("cs")) {
                assertEquals(book.checksum(), f.get(2).getAsInt(), "checksum after " + updates + " updates");
                checksums++;
            }
        }
        assertTrue(updates > 0 && checksums > 0, updates + " updates, " + checksums + " checksums");
        BitfinexSimulator.BookState state = sim.bookState(chanId);
        assertEquals(book.checksum(), state.checksum());
        assertEquals(25, state.bids().size());
        List<BigDecimal> local = new ArrayList<>(book.bids.keySet());
        for (int i = 0; i < 25; i++) {
            assertEquals(0, local.get(i).compareTo(state.bids().get(i).price()));
            assertEquals(book.bids.get(local.get(i))[2], BitfinexWire.number(state.bids().get(i).amount()));
        }
    }

    @Test
    void rawBooksListOrdersAndChecksumOrderIds() throws Exception {
        manual(200);
        SimClient c = connect();
        c.send("{\"event\":\"conf\",\"flags\":" + BitfinexSimulator.OB_CHECKSUM + "}");
        c.event("conf");
        int chanId = c.subscribe("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tETHUSD\",\"prec\":\"R0\","
                + "\"len\":\"100\"}");
        JsonArray rows = c.data(chanId, null).get(1).getAsJsonArray();
        // at most len orders a side; at 5 significant digits the synthetic book has fewer levels
        // (each starts as one order), so fewer than 100 a side is expected
        assertTrue(rows.size() > 40 && rows.size() <= 200, "rows: " + rows.size());
        Map<String, String[]> orders = new java.util.LinkedHashMap<>();
        for (JsonElement r : rows) {
            JsonArray row = r.getAsJsonArray();
            assertTrue(row.get(0).getAsLong() > 1_000_000_000L, "an order id: " + row);
            orders.put(row.get(0).getAsString(), new String[] {row.get(1).getAsString(), row.get(2).getAsString()});
        }
        sim.advance(Duration.ofSeconds(2));
        BitfinexSimulator.BookState before = sim.bookState(chanId);
        for (JsonElement e : c.drain(2)) {
            JsonArray f = e.getAsJsonArray();
            if (f.get(1).isJsonArray()) {
                JsonArray row = f.get(1).getAsJsonArray();
                if (row.get(1).getAsBigDecimal().signum() == 0) {
                    assertNotNull(orders.remove(row.get(0).getAsString()), "removed order was known: " + row);
                } else {
                    orders.put(row.get(0).getAsString(), new String[] {row.get(1).getAsString(),
                            row.get(2).getAsString()});
                }
            }
        }
        List<BitfinexSimulator.BookRow> expected = new ArrayList<>(before.bids());
        expected.addAll(before.asks());
        assertEquals(expected.size(), orders.size());
        for (BitfinexSimulator.BookRow r : expected) {
            String[] local = orders.get(r.key());
            assertNotNull(local, "order " + r.key());
            assertEquals(BitfinexWire.number(r.amount()), local[1]);
        }
    }

    @Test
    void subscribeErrorsCarryBitfinexCodes() throws Exception {
        manual(25);
        SimClient c = connect();
        c.send("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tFOOBAR\"}");
        assertEquals(10001, c.event("error").get("code").getAsInt());
        c.send("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\",\"prec\":\"P9\"}");
        assertEquals(10011, c.event("error").get("code").getAsInt());
        c.send("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\",\"len\":\"33\"}");
        assertEquals(10012, c.event("error").get("code").getAsInt());
        int chanId = c.subscribe("{\"event\":\"subscribe\",\"channel\":\"ticker\",\"symbol\":\"tBTCUSD\"}");
        c.send("{\"event\":\"subscribe\",\"channel\":\"ticker\",\"symbol\":\"tBTCUSD\"}");
        assertEquals(10301, c.event("error").get("code").getAsInt());
        int subscribed = 1;
        for (String prec : List.of("P0", "P1", "P2", "P3", "P4", "R0")) {
            for (String len : List.of("1", "25", "100", "250")) {
                c.subscribe("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\",\"prec\":\"" + prec
                        + "\",\"len\":\"" + len + "\"}");
                subscribed++;
            }
        }
        assertEquals(25, subscribed);
        c.send("{\"event\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"tBTCUSD\"}");
        JsonObject limit = c.event("error");
        assertEquals(10305, limit.get("code").getAsInt());
        assertEquals("trades", limit.get("channel").getAsString());
        c.send("{\"event\":\"unsubscribe\",\"chanId\":" + chanId + "}");
        JsonObject u = c.event("unsubscribed");
        assertEquals("OK", u.get("status").getAsString());
        assertEquals(chanId, u.get("chanId").getAsInt());
        c.send("{\"event\":\"unsubscribe\",\"chanId\":" + chanId + "}");
        assertEquals(10401, c.event("error").get("code").getAsInt());
    }

    @Test
    void tradesArriveAsTeThenTuAndCandlesAndTickersStream() throws Exception {
        manual(200);
        SimClient c = connect();
        c.send("{\"event\":\"conf\",\"flags\":" + (BitfinexSimulator.TIMESTAMP | BitfinexSimulator.SEQ_ALL) + "}");
        c.event("conf");
        int trades = c.subscribe("{\"event\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"tBTCUSD\"}");
        JsonArray snap = c.data(trades, null);
        assertEquals(sim.now().toEpochMilli(), last(snap), "TIMESTAMP appends venue time after the sequence");
        int candles = c.subscribe("{\"event\":\"subscribe\",\"channel\":\"candles\",\"key\":\"trade:1m:tBTCUSD\"}");
        JsonArray candleSnap = c.data(candles, null).get(1).getAsJsonArray();
        assertEquals(240, candleSnap.size());
        long newest = candleSnap.get(0).getAsJsonArray().get(0).getAsLong();
        long older = candleSnap.get(1).getAsJsonArray().get(0).getAsLong();
        assertEquals(60_000, newest - older, "newest first, one minute apart");
        JsonArray k = candleSnap.get(0).getAsJsonArray();
        assertEquals(6, k.size());
        BigDecimal high = k.get(3).getAsBigDecimal();
        BigDecimal low = k.get(4).getAsBigDecimal();
        assertTrue(high.compareTo(k.get(2).getAsBigDecimal()) >= 0 && low.compareTo(k.get(2).getAsBigDecimal()) <= 0,
                "[MTS,OPEN,CLOSE,HIGH,LOW,VOLUME]: " + k);
        int month = c.subscribe("{\"event\":\"subscribe\",\"channel\":\"candles\",\"key\":\"trade:1M:tBTCUSD\"}");
        JsonArray months = c.data(month, null).get(1).getAsJsonArray();
        assertEquals(Instant.parse("2025-01-01T00:00:00Z").toEpochMilli(),
                months.get(0).getAsJsonArray().get(0).getAsLong());
        assertEquals(Instant.parse("2024-12-01T00:00:00Z").toEpochMilli(),
                months.get(1).getAsJsonArray().get(0).getAsLong());
        int ticker = c.subscribe("{\"event\":\"subscribe\",\"channel\":\"ticker\",\"symbol\":\"tBTCUSD\"}");
        assertEquals(10, c.data(ticker, null).get(1).getAsJsonArray().size());
        sim.advance(Duration.ofSeconds(5));
        List<Long> te = new ArrayList<>();
        List<Long> tu = new ArrayList<>();
        int candleUpdates = 0;
        for (JsonElement e : c.drain(3)) {
            JsonArray f = e.getAsJsonArray();
            int ch = f.get(0).getAsInt();
            if (ch == trades && f.get(1).isJsonPrimitive() && !f.get(1).getAsString().equals("hb")) {
                long id = f.get(2).getAsJsonArray().get(0).getAsLong();
                if (f.get(1).getAsString().equals("te")) {
                    te.add(id);
                } else {
                    assertEquals(te.get(te.size() - 1), id, "tu follows its te");
                    tu.add(id);
                }
            } else if (ch == candles && f.get(1).isJsonArray()) {
                candleUpdates++;
            }
        }
        assertFalse(te.isEmpty(), "five seconds of a busy market bring trades");
        assertEquals(te, tu);
        assertTrue(candleUpdates > 0);
    }

    @Test
    void idleChannelsGetHeartbeatsAndPingsGetPongs() throws Exception {
        manual(0.1);
        SimClient c = connect();
        int chanId = c.subscribe("{\"event\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"tSOLUSD\"}");
        c.data(chanId, null);
        sim.advance(Duration.ofMillis(1500));
        assertEquals("[" + chanId + ",\"hb\"]", c.data(chanId, "hb").toString());
        c.send("{\"event\":\"ping\",\"cid\":1234}");
        JsonObject pong = c.event("pong");
        assertEquals(1234, pong.get("cid").getAsLong());
        assertEquals(sim.now().toEpochMilli(), pong.get("ts").getAsLong());
    }

    @Test
    void authSucceedsWithTheRightSignatureOnly() throws Exception {
        manual(25);
        SimClient c = connect();
        c.send(authMessage(KEY, "wrong-secret", false));
        JsonObject failed = c.event("auth");
        assertEquals("FAILED", failed.get("status").getAsString());
        assertEquals(10100, failed.get("code").getAsInt());
        assertEquals("apikey: digest invalid", failed.get("msg").getAsString());
        c.send(authMessage(KEY, SECRET, false));
        JsonObject ok = c.event("auth");
        assertEquals("OK", ok.get("status").getAsString());
        assertEquals(0, ok.get("chanId").getAsInt());
        assertEquals("ps", c.until(e -> e.isJsonArray(), "ps").getAsJsonArray().get(1).getAsString());
        JsonArray ws = c.data(0, "ws").get(2).getAsJsonArray();
        assertTrue(ws.toString().contains("[\"exchange\",\"USD\",100000,0,100000,null,null]"), ws.toString());
        c.data(0, "os");
        // A second connection replaying an old nonce is refused.
        SimClient other = connect();
        long n = nonce - 1;
        other.send("{\"event\":\"auth\",\"apiKey\":\"" + KEY + "\",\"authSig\":\"" + hmac384(SECRET, "AUTH" + n)
                + "\",\"authNonce\":" + n + ",\"authPayload\":\"AUTH" + n + "\"}");
        JsonObject replay = other.event("auth");
        assertEquals("FAILED", replay.get("status").getAsString());
        assertEquals("nonce: small", replay.get("msg").getAsString());
    }

    @Test
    void orderRoundTripWithNotificationsAndAccountStreams() throws Exception {
        manual(25);
        SimClient c = connect();
        c.send(authMessage(KEY, SECRET, false));
        c.event("auth");
        c.data(0, "os");
        c.send("[0,\"on\",null,{\"cid\":101,\"type\":\"EXCHANGE LIMIT\",\"symbol\":\"tBTCUSD\",\"amount\":\"0.01\","
                + "\"price\":\"60000\"}]");
        JsonArray n = c.data(0, "n").get(2).getAsJsonArray();
        assertEquals("on-req", n.get(1).getAsString());
        assertEquals("SUCCESS", n.get(6).getAsString());
        assertEquals("Submitting exchange limit buy order for 0.01 BTC.", n.get(7).getAsString());
        JsonArray on = c.data(0, "on").get(2).getAsJsonArray();
        assertEquals(32, on.size());
        long id = on.get(0).getAsLong();
        assertEquals(101, on.get(2).getAsLong());
        assertEquals("tBTCUSD", on.get(3).getAsString());
        assertEquals("0.01", on.get(6).getAsString());
        assertEquals("EXCHANGE LIMIT", on.get(8).getAsString());
        assertEquals("ACTIVE", on.get(13).getAsString());
        assertEquals("60000", on.get(16).getAsString());
        assertEquals(on.get(0), n.get(4).getAsJsonArray().get(0), "the notification carries the order");

        c.send("[0,\"oc\",null,{\"id\":" + id + "}]");
        JsonArray cn = c.data(0, "n").get(2).getAsJsonArray();
        assertEquals("oc-req", cn.get(1).getAsString());
        assertEquals("SUCCESS", cn.get(6).getAsString());
        JsonArray oc = c.data(0, "oc").get(2).getAsJsonArray();
        assertEquals(id, oc.get(0).getAsLong());
        assertEquals("CANCELED", oc.get(13).getAsString());

        c.send("[0,\"oc\",null,{\"id\":" + id + "}]");
        JsonArray again = c.data(0, "n").get(2).getAsJsonArray();
        assertEquals("ERROR", again.get(6).getAsString());
        assertEquals("Order not found.", again.get(7).getAsString());

        c.send("[0,\"on\",null,{\"cid\":102,\"type\":\"EXCHANGE LIMIT\",\"symbol\":\"tBTCUSD\",\"amount\":\"1000\","
                + "\"price\":\"65000\"}]");
        JsonArray refused = c.data(0, "n").get(2).getAsJsonArray();
        assertEquals("ERROR", refused.get(6).getAsString());
        assertTrue(refused.get(7).getAsString().startsWith("Invalid order: "), refused.toString());

        c.send("[0,\"on\",null,{\"cid\":103,\"type\":\"EXCHANGE MARKET\",\"symbol\":\"tBTCUSD\",\"amount\":\"-0.01\"}]");
        // A market sell with no BTC in the exchange wallet: refused with Bitfinex's words.
        JsonArray noBtc = c.data(0, "n").get(2).getAsJsonArray();
        assertEquals("ERROR", noBtc.get(6).getAsString());
        assertTrue(noBtc.get(7).getAsString().startsWith("Invalid order: not enough exchange balance for -0.01 BTCUSD"),
                noBtc.get(7).getAsString());

        c.send("[0,\"on\",null,{\"cid\":104,\"type\":\"EXCHANGE MARKET\",\"symbol\":\"tBTCUSD\",\"amount\":\"0.01\"}]");
        assertEquals("SUCCESS", c.data(0, "n").get(2).getAsJsonArray().get(6).getAsString());
        JsonArray te = c.data(0, "te").get(2).getAsJsonArray();
        JsonArray tu = c.data(0, "tu").get(2).getAsJsonArray();
        assertEquals(te.get(0), tu.get(0));
        assertEquals(104, tu.get(11).getAsLong());
        assertTrue(tu.get(9).getAsBigDecimal().signum() < 0, "fees are negative: " + tu);
        JsonArray executed = c.data(0, "oc").get(2).getAsJsonArray();
        assertTrue(executed.get(13).getAsString().startsWith("EXECUTED @ "), executed.get(13).getAsString());
        assertEquals("0", executed.get(6).getAsString());
        c.data(0, "wu");
    }

    @Test
    void faultInjectorsAreObservable() throws Exception {
        manual(200);
        SimClient c = connect();
        c.send("{\"event\":\"conf\",\"flags\":" + (BitfinexSimulator.OB_CHECKSUM | BitfinexSimulator.SEQ_ALL) + "}");
        c.event("conf");
        int chanId = c.subscribe("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\"}");
        LocalBook book = new LocalBook();
        JsonArray snap = c.data(chanId, null);
        snap.get(1).getAsJsonArray().forEach(r -> book.apply(r.getAsJsonArray()));
        long seq = last(snap);

        // skipSequence: one number is missing.
        sim.skipSequence(chanId);
        sim.corruptNextChecksum(chanId);
        sim.advance(Duration.ofSeconds(2));
        boolean gap = false;
        boolean badChecksum = false;
        for (JsonElement e : c.drain(10)) {
            JsonArray f = e.getAsJsonArray();
            long s = last(f);
            if (s == seq + 2 && !gap) {
                gap = true;
            } else {
                assertEquals(seq + 1, s);
            }
            seq = s;
            if (f.get(1).isJsonArray()) {
                book.apply(f.get(1).getAsJsonArray());
            } else if (f.get(1).getAsString().equals("cs") && f.get(2).getAsInt() != book.checksum()) {
                assertFalse(badChecksum, "only the next checksum is corrupted");
                badChecksum = true;
            }
        }
        assertTrue(gap, "a sequence gap");
        assertTrue(badChecksum, "a corrupted checksum");

        // goSilent: nothing, not even heartbeats, then the held frames.
        sim.goSilent(Duration.ofSeconds(3));
        c.send("{\"event\":\"ping\",\"cid\":11}");
        sim.advance(Duration.ofSeconds(2));
        assertNull(c.frames.poll(300, TimeUnit.MILLISECONDS), "silent");
        sim.advance(Duration.ofMillis(1500));
        assertEquals(11, c.event("pong").get("cid").getAsLong());

        sim.sendMalformedFrame("[17,[1,2");
        c.untilText("[17,[1,2");

        sim.sendInfo(20060);
        assertEquals(20060, c.event("info").get("code").getAsInt());
        HttpJsonClient rest = new HttpJsonClient(transport, Duration.ofSeconds(5));
        assertEquals("[0]", ((HttpResult.Success) rest.get(sim.restUri().resolve("v2/platform/status")).join()).body());
        sim.sendInfo(20061);
        assertEquals(20061, c.event("info").get("code").getAsInt());
        sim.sendInfo(20051);
        assertEquals(20051, c.event("info").get("code").getAsInt());
        sim.setPlatformStatus(0);
        SimClient late = new SimClient(transport, sim.webSocketUri());
        clients.add(late);
        assertEquals(0, late.event("info").getAsJsonObject("platform").get("status").getAsInt());
        sim.setPlatformStatus(1);

        // dropConnections: the client sees an abnormal close, reconnects and gets a fresh info.
        sim.dropConnections();
        WebSocketDisconnect d = c.disconnects.poll(5, TimeUnit.SECONDS);
        assertNotNull(d);
        assertTrue(d.wasOpen() && d.reconnecting(), d.describe());
        assertEquals(1, c.event("info").getAsJsonObject("platform").get("status").getAsInt());

        // refuseConnections: upgrades fail with the status until accepted again.
        sim.refuseConnections(503);
        sim.dropConnections();
        WebSocketDisconnect lost = c.disconnects.poll(5, TimeUnit.SECONDS);
        assertNotNull(lost);
        WebSocketDisconnect refused = c.disconnects.poll(5, TimeUnit.SECONDS);
        assertNotNull(refused);
        assertFalse(refused.wasOpen(), refused.describe());
        assertTrue(refused.reason().contains("503"), refused.reason());
        sim.acceptConnections();
        c.event("info");

        // rateLimitRest: 429 with Bitfinex's body.
        sim.rateLimitRest(1);
        HttpResult.Failure limited = (HttpResult.Failure) rest.get(sim.restUri().resolve("v2/platform/status")).join();
        assertEquals(429, limited.status());
        assertEquals("[\"error\",11010,\"ratelimit: error\"]", limited.body());
        assertTrue(rest.get(sim.restUri().resolve("v2/platform/status")).join().isSuccess());
    }

    @Test
    void connectionLimitAnswers429() throws Exception {
        sim = BitfinexSimulator.start(BitfinexSimulatorConfig.defaults().withManualClock(EPOCH).withLimits(2, 90));
        connect();
        connect();
        SimClient third = new SimClient(transport, sim.webSocketUri());
        clients.add(third);
        WebSocketDisconnect d = third.disconnects.poll(5, TimeUnit.SECONDS);
        assertNotNull(d);
        assertFalse(d.wasOpen());
        assertTrue(d.reason().contains("429"), d.reason());
    }

    @Test
    void restEndpointsAnswerLikeBitfinex() throws Exception {
        manual(200);
        sim.advance(Duration.ofSeconds(5));
        sim.submitParticipantOrder("tBTCUSD", Side.BUY, null, new BigDecimal("0.01"));
        HttpJsonClient rest = new HttpJsonClient(transport, Duration.ofSeconds(5));
        java.net.URI base = sim.restUri();
        String ticker = ((HttpResult.Success) rest.get(base.resolve("v2/ticker/tBTCUSD")).join()).body();
        assertEquals(10, com.google.gson.JsonParser.parseString(ticker).getAsJsonArray().size());
        JsonArray tickers = com.google.gson.JsonParser.parseString(((HttpResult.Success) rest
                .get(base.resolve("v2/tickers?symbols=tBTCUSD,tETHUSD")).join()).body()).getAsJsonArray();
        assertEquals(2, tickers.size());
        assertEquals("tBTCUSD", tickers.get(0).getAsJsonArray().get(0).getAsString());
        assertEquals(11, tickers.get(0).getAsJsonArray().size());
        JsonArray trades = com.google.gson.JsonParser.parseString(((HttpResult.Success) rest
                .get(base.resolve("v2/trades/tBTCUSD/hist?limit=5")).join()).body()).getAsJsonArray();
        assertTrue(trades.size() >= 1 && trades.size() <= 5);
        JsonArray book = com.google.gson.JsonParser.parseString(((HttpResult.Success) rest
                .get(base.resolve("v2/book/tBTCUSD/P0?len=25")).join()).body()).getAsJsonArray();
        assertEquals(50, book.size());
        JsonArray coarse = com.google.gson.JsonParser.parseString(((HttpResult.Success) rest
                .get(base.resolve("v2/book/tBTCUSD/P1?len=25")).join()).body()).getAsJsonArray();
        assertTrue(coarse.size() < book.size(), "P1 buckets hold several P0 levels");
        for (JsonElement row : coarse) {
            assertTrue(row.getAsJsonArray().get(0).getAsBigDecimal().stripTrailingZeros().precision() <= 4,
                    "P1: 4 significant digits: " + row);
        }
        JsonArray candles = com.google.gson.JsonParser.parseString(((HttpResult.Success) rest
                .get(base.resolve("v2/candles/trade:1h:tBTCUSD/hist?limit=3")).join()).body()).getAsJsonArray();
        assertEquals(3, candles.size());
        assertEquals(3_600_000, candles.get(0).getAsJsonArray().get(0).getAsLong()
                - candles.get(1).getAsJsonArray().get(0).getAsLong());
        HttpResult.Failure bad = (HttpResult.Failure) rest.get(base.resolve("v2/ticker/tFOOBAR")).join();
        assertEquals(500, bad.status());
        assertEquals("[\"error\",10020,\"symbol: invalid\"]", bad.body());

        String path = "/v2/auth/r/wallets";
        String body = "{}";
        String n = Long.toString(++nonce);
        String sig = hmac384(SECRET, "/api" + path + n + body);
        HttpResult wallets = rest.post(base.resolve(path.substring(1)), body,
                Map.of("bfx-nonce", n, "bfx-apikey", KEY, "bfx-signature", sig)).join();
        assertTrue(((HttpResult.Success) wallets).body().contains("[\"exchange\",\"USD\",100000,0,100000,null,null]"),
                wallets.body());
        String n2 = Long.toString(++nonce);
        HttpResult.Failure forged = (HttpResult.Failure) rest.post(base.resolve("v2/auth/r/orders"), body,
                Map.of("bfx-nonce", n2, "bfx-apikey", KEY, "bfx-signature", sig)).join();
        assertEquals("[\"error\",10100,\"apikey: digest invalid\"]", forged.body());

        // Own trades history: signed like every auth endpoint, body params start/end/limit.
        String tradesPath = "/v2/auth/r/trades/tBTCUSD/hist";
        String tradesBody = "{\"start\":0,\"limit\":10}";
        String n3 = Long.toString(++nonce);
        HttpResult ownTrades = rest.post(base.resolve(tradesPath.substring(1)), tradesBody, Map.of("bfx-nonce", n3,
                "bfx-apikey", KEY, "bfx-signature", hmac384(SECRET, "/api" + tradesPath + n3 + tradesBody))).join();
        assertEquals("[]", ((HttpResult.Success) ownTrades).body(), "no own trades yet");
        String n4 = Long.toString(++nonce);
        HttpResult.Failure forgedTrades = (HttpResult.Failure) rest.post(base.resolve("v2/auth/r/trades/hist"),
                tradesBody, Map.of("bfx-nonce", n4, "bfx-apikey", KEY, "bfx-signature",
                        hmac384(SECRET, "/api" + tradesPath + n4 + tradesBody))).join();
        assertEquals("[\"error\",10100,\"apikey: digest invalid\"]", forgedTrades.body());
    }

    @Test
    void amendOcoAndDeadManSwitch() throws Exception {
        manual(25);
        SimClient c = connect();
        c.send(authMessage(KEY, SECRET, false));
        c.event("auth");
        c.data(0, "os");
        c.send("[0,\"on\",null,{\"cid\":201,\"type\":\"EXCHANGE LIMIT\",\"symbol\":\"tBTCUSD\",\"amount\":\"0.01\","
                + "\"price\":\"60000\"}]");
        long id = c.data(0, "on").get(2).getAsJsonArray().get(0).getAsLong();
        c.send("[0,\"ou\",null,{\"id\":" + id + ",\"price\":\"60500\",\"amount\":\"0.02\"}]");
        JsonArray n = c.data(0, "n").get(2).getAsJsonArray();
        assertEquals("ou-req", n.get(1).getAsString());
        assertEquals("SUCCESS", n.get(6).getAsString());
        JsonArray ou = c.data(0, "ou").get(2).getAsJsonArray();
        assertEquals(id, ou.get(0).getAsLong(), "an amendment keeps the id");
        assertEquals("60500", ou.get(16).getAsString());
        assertEquals("0.02", ou.get(6).getAsString());

        // OCO: a buy limit at 60000 with a buy stop at 70000; when the limit fills, the stop goes.
        c.send("[0,\"on\",null,{\"cid\":202,\"type\":\"EXCHANGE LIMIT\",\"symbol\":\"tBTCUSD\",\"amount\":\"0.01\","
                + "\"price\":\"60000\",\"flags\":16384,\"price_oco_stop\":\"70000\"}]");
        JsonArray limitLeg = c.data(0, "on").get(2).getAsJsonArray();
        JsonArray stopLeg = c.data(0, "on").get(2).getAsJsonArray();
        assertEquals("EXCHANGE STOP", stopLeg.get(8).getAsString());
        assertEquals("70000", stopLeg.get(16).getAsString());
        assertEquals(16384, limitLeg.get(12).getAsInt());
        sim.submitParticipantOrder("tBTCUSD", Side.SELL, null, new BigDecimal("1000"));
        JsonArray filled = c.until(e -> e.isJsonArray() && e.getAsJsonArray().get(1).getAsString().equals("oc")
                && e.getAsJsonArray().get(2).getAsJsonArray().get(0).getAsLong() == limitLeg.get(0).getAsLong(),
                "the limit leg's oc").getAsJsonArray().get(2).getAsJsonArray();
        assertTrue(filled.get(13).getAsString().startsWith("EXECUTED @ 60000"), filled.get(13).getAsString());
        JsonArray cancelled = c.until(e -> e.isJsonArray() && e.getAsJsonArray().get(1).getAsString().equals("oc")
                && e.getAsJsonArray().get(2).getAsJsonArray().get(0).getAsLong() == stopLeg.get(0).getAsLong(),
                "the stop leg's oc").getAsJsonArray().get(2).getAsJsonArray();
        assertEquals("CANCELED", cancelled.get(13).getAsString());

        // Dead-man switch: the orders of a dms:4 connection are cancelled when it closes.
        SimClient dms = connect();
        dms.send(authMessage(KEY, SECRET, true));
        dms.event("auth");
        dms.data(0, "os");
        dms.send("[0,\"on\",null,{\"cid\":203,\"type\":\"EXCHANGE LIMIT\",\"symbol\":\"tBTCUSD\",\"amount\":\"0.01\","
                + "\"price\":\"61000\"}]");
        long dmsId = dms.data(0, "on").get(2).getAsJsonArray().get(0).getAsLong();
        dms.close();
        JsonArray gone = c.until(e -> e.isJsonArray() && e.getAsJsonArray().get(1).getAsString().equals("oc")
                && e.getAsJsonArray().get(2).getAsJsonArray().get(0).getAsLong() == dmsId, "the dms cancel")
                .getAsJsonArray().get(2).getAsJsonArray();
        assertEquals("CANCELED", gone.get(13).getAsString());

        // oc_multi {all:1} cancels every working order.
        for (int cid = 204; cid <= 205; cid++) {
            c.send("[0,\"on\",null,{\"cid\":" + cid + ",\"type\":\"EXCHANGE LIMIT\",\"symbol\":\"tBTCUSD\","
                    + "\"amount\":\"0.01\",\"price\":\"59000\"}]");
            c.data(0, "on");
        }
        c.send("[0,\"oc_multi\",null,{\"all\":1}]");
        JsonArray multi = c.until(e -> e.isJsonArray() && e.getAsJsonArray().get(1).getAsString().equals("n")
                && e.getAsJsonArray().get(2).getAsJsonArray().get(1).getAsString().equals("oc_multi-req"),
                "oc_multi-req").getAsJsonArray().get(2).getAsJsonArray();
        assertEquals("Submitting 2 order cancellations.", multi.get(7).getAsString());
        assertEquals("CANCELED", c.data(0, "oc").get(2).getAsJsonArray().get(13).getAsString());
        assertEquals("CANCELED", c.data(0, "oc").get(2).getAsJsonArray().get(13).getAsString());
    }

    @Test
    void realTimeMarketStreamsConsistentBooks() throws Exception {
        sim = BitfinexSimulator.start(BitfinexSimulatorConfig.defaults()
                .withMarket(SimulatedExchangeConfig.DEFAULTS.withEventsPerSecond(400)));
        SimClient c = connect();
        c.send("{\"event\":\"conf\",\"flags\":" + BitfinexSimulator.OB_CHECKSUM + "}");
        c.event("conf");
        int chanId = c.subscribe("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCF0:USTF0\","
                + "\"len\":\"100\"}");
        LocalBook book = new LocalBook();
        c.data(chanId, null).get(1).getAsJsonArray().forEach(r -> book.apply(r.getAsJsonArray()));
        int checked = 0;
        while (checked < 5) {
            JsonArray f = c.until(e -> e.isJsonArray() && e.getAsJsonArray().get(0).getAsInt() == chanId,
                    "book frames").getAsJsonArray();
            if (f.get(1).isJsonArray()) {
                book.apply(f.get(1).getAsJsonArray());
            } else if (f.get(1).getAsString().equals("cs")) {
                assertEquals(book.checksum(), f.get(2).getAsInt(), "checksum " + checked);
                checked++;
            }
        }
        assertTrue(Math.abs(Duration.between(sim.now(), Instant.now()).toSeconds()) < 5,
                "real-time venue time follows the wall clock");
    }
}
