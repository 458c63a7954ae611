package org.tradebench.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Binance's spot WebSocket API ({@code /ws-api/v3}) as far as the order benchmark needs it, served
 * by {@link BlastServer}: {@code order.place} answered as Binance answers a {@code RESULT} request
 * ({@code {"id":..,"status":200,"result":{...},"rateLimits":[...]}}; an IOC order far from the
 * market {@code EXPIRED}, any other {@code NEW}), {@code userDataStream.subscribe.signature}
 * (HMAC) and {@code userDataStream.subscribe} (a logged-on session) answered with a subscription
 * id, {@code session.logon} answered for the Ed25519 key, anything else refused with Binance's
 * {@code -1020}. Every signed request's signature is checked: HMAC-SHA256 against {@link #SECRET},
 * Ed25519 against the server's {@link #ed25519Private() key pair} (a wrong one is refused with
 * {@code -1022} and counted); after an Ed25519 logon requests carry no signature, as on Binance. The limits it reports are the benchmark venue's:
 * a million orders per 10 s, so that thousands of orders in a few seconds are not held back.
 *
 * <p>Thread-safe: each connection answers on the thread that read the request.
 */
public final class BinanceOrderEntry {

    /** The benchmark's API key (loopback only, not a secret). */
    public static final String API_KEY = "tbBENCHKEY00000000000000000000000000000000000000000000000000000";
    /** The benchmark's Ed25519 API key (loopback only). */
    public static final String ED25519_API_KEY = "tbBENCHEDKEY000000000000000000000000000000000000000000000000000";
    /** The benchmark's HMAC secret (loopback only, not a secret). */
    public static final String SECRET = "tbBENCHSECRET-loopback-only";
    /** The spot account answer (REST {@code /api/v3/account}). */
    static final String ACCOUNT = "{\"makerCommission\":2,\"takerCommission\":5,\"buyerCommission\":0,"
            + "\"sellerCommission\":0,\"canTrade\":true,\"canWithdraw\":true,\"canDeposit\":true,\"brokered\":false,"
            + "\"requireSelfTradePrevention\":false,\"preventSor\":false,\"updateTime\":1737972930000,"
            + "\"accountType\":\"SPOT\",\"balances\":[{\"asset\":\"BTC\",\"free\":\"10.00000000\","
            + "\"locked\":\"0.00000000\"},{\"asset\":\"USDT\",\"free\":\"1000000.00000000\",\"locked\":\"0.00000000\"}],"
            + "\"permissions\":[\"SPOT\"],\"uid\":354937868}";

    private final AtomicLong orders = new AtomicLong();
    private final AtomicLong signatureFailures = new AtomicLong();
    private final AtomicLong nextOrderId = new AtomicLong(1_000_000);
    private final java.security.KeyPair ed25519;

    /** Makes the server's Ed25519 key pair (a fresh one per server). */
    BinanceOrderEntry() {
        try {
            ed25519 = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /** The Ed25519 private key the connector signs its logon with, as PEM (PKCS#8). */
    public String ed25519Private() {
        return "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(ed25519.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    /** Spot exchangeInfo listing {@code BTCUSDT} (0.01 tick, 0.00001 lot), with the benchmark's limits. */
    static String exchangeInfo() {
        return "{\"timezone\":\"UTC\",\"serverTime\":1737972930000,\"rateLimits\":["
                + "{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",\"intervalNum\":1,\"limit\":1000000},"
                + "{\"rateLimitType\":\"ORDERS\",\"interval\":\"SECOND\",\"intervalNum\":10,\"limit\":1000000},"
                + "{\"rateLimitType\":\"ORDERS\",\"interval\":\"DAY\",\"intervalNum\":1,\"limit\":100000000}],"
                + "\"exchangeFilters\":[],\"symbols\":[{\"symbol\":\"BTCUSDT\",\"status\":\"TRADING\",\"baseAsset\":\"BTC\","
                + "\"baseAssetPrecision\":8,\"quoteAsset\":\"USDT\",\"quotePrecision\":8,\"quoteAssetPrecision\":8,"
                + "\"baseCommissionPrecision\":8,\"quoteCommissionPrecision\":8,"
                + "\"orderTypes\":[\"LIMIT\",\"LIMIT_MAKER\",\"MARKET\",\"STOP_LOSS\",\"STOP_LOSS_LIMIT\","
                + "\"TAKE_PROFIT\",\"TAKE_PROFIT_LIMIT\"],\"icebergAllowed\":true,\"ocoAllowed\":true,"
                + "\"otoAllowed\":true,\"quoteOrderQtyMarketAllowed\":true,\"allowTrailingStop\":true,"
                + "\"cancelReplaceAllowed\":true,\"isSpotTradingAllowed\":true,\"isMarginTradingAllowed\":false,"
                + "\"filters\":[{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"0.01000000\","
                + "\"maxPrice\":\"1000000.00000000\",\"tickSize\":\"0.01000000\"},{\"filterType\":\"LOT_SIZE\","
                + "\"minQty\":\"0.00001000\",\"maxQty\":\"9000.00000000\",\"stepSize\":\"0.00001000\"},"
                + "{\"filterType\":\"NOTIONAL\",\"minNotional\":\"5.00000000\",\"applyMinToMarket\":true,"
                + "\"maxNotional\":\"9000000.00000000\",\"applyMaxToMarket\":false,\"avgPriceMins\":5},"
                + "{\"filterType\":\"MAX_NUM_ORDERS\",\"maxNumOrders\":200}],\"permissions\":[],"
                + "\"permissionSets\":[[\"SPOT\"]],\"defaultSelfTradePreventionMode\":\"EXPIRE_MAKER\","
                + "\"allowedSelfTradePreventionModes\":[\"EXPIRE_TAKER\",\"EXPIRE_MAKER\",\"EXPIRE_BOTH\"]}]}";
    }

    /** {@code order.place} requests answered. */
    public long orders() {
        return orders.get();
    }

    /** Signed requests whose signature did not match. */
    public long signatureFailures() {
        return signatureFailures.get();
    }

    private String answer(String text) {
        JsonObject o = JsonParser.parseString(text).getAsJsonObject();
        String id = o.get("id").toString();
        String method = o.get("method").getAsString();
        JsonObject params = o.has("params") ? o.getAsJsonObject("params") : new JsonObject();
        long now = System.currentTimeMillis();
        String limits = "[{\"rateLimitType\":\"ORDERS\",\"interval\":\"SECOND\",\"intervalNum\":10,\"limit\":1000000,"
                + "\"count\":1},{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",\"intervalNum\":1,"
                + "\"limit\":1000000,\"count\":1}]";
        boolean ed = ED25519_API_KEY.equals(text(params, "apiKey", ""));
        if (params.has("signature") && !(ed ? signedEd25519(params) : signed(params))) {
            signatureFailures.incrementAndGet();
            return "{\"id\":" + id + ",\"status\":400,\"error\":{\"code\":-1022,\"msg\":\"Signature for this request is"
                    + " not valid.\"},\"rateLimits\":" + limits + "}";
        }
        String result;
        switch (method) {
            case "order.place" -> {
                orders.incrementAndGet();
                String tif = text(params, "timeInForce", "GTC");
                String type = text(params, "type", "LIMIT");
                result = "{\"symbol\":\"" + text(params, "symbol", "") + "\",\"orderId\":" + nextOrderId.incrementAndGet()
                        + ",\"orderListId\":-1,\"clientOrderId\":\"" + text(params, "newClientOrderId", "")
                        + "\",\"transactTime\":" + now + ",\"price\":\"" + text(params, "price", "0") + "\",\"origQty\":\""
                        + text(params, "quantity", "0") + "\",\"executedQty\":\"0.00000000\",\"origQuoteOrderQty\":"
                        + "\"0.00000000\",\"cummulativeQuoteQty\":\"0.00000000\",\"status\":\""
                        + (tif.equals("IOC") || tif.equals("FOK") ? "EXPIRED" : "NEW") + "\",\"timeInForce\":\"" + tif
                        + "\",\"type\":\"" + type + "\",\"side\":\"" + text(params, "side", "BUY") + "\",\"workingTime\":"
                        + now + ",\"fills\":[],\"selfTradePreventionMode\":\"NONE\"}";
            }
            case "userDataStream.subscribe.signature", "userDataStream.subscribe" -> result = "{\"subscriptionId\":0}";
            case "session.logon" -> result = "{\"apiKey\":\"" + text(params, "apiKey", "") + "\",\"authorizedSince\":"
                    + now + ",\"connectedSince\":" + now + ",\"returnRateLimits\":true,\"serverTime\":" + now
                    + ",\"userDataStream\":false}";
            case "ping" -> result = "{}";
            default -> {
                return "{\"id\":" + id + ",\"status\":400,\"error\":{\"code\":-1020,\"msg\":\"This operation is not"
                        + " supported.\"},\"rateLimits\":" + limits + "}";
            }
        }
        return "{\"id\":" + id + ",\"status\":200,\"result\":" + result + ",\"rateLimits\":" + limits + "}";
    }

    private static String text(JsonObject params, String key, String dflt) {
        JsonElement e = params.get(key);
        return e == null || e.isJsonNull() ? dflt : e.getAsString();
    }

    /** Whether the HMAC-SHA256 of the sorted parameters (signature left out) is the signature sent. */
    static boolean signed(JsonObject params) {
        return hmacHex(SECRET, payload(params)).equals(params.get("signature").getAsString());
    }

    /** Whether the base64 Ed25519 signature sent is the server's key pair's over the sorted parameters. */
    private boolean signedEd25519(JsonObject params) {
        try {
            java.security.Signature v = java.security.Signature.getInstance("Ed25519");
            v.initVerify(ed25519.getPublic());
            v.update(payload(params).getBytes(StandardCharsets.UTF_8));
            return v.verify(java.util.Base64.getDecoder().decode(params.get("signature").getAsString()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The sorted {@code key=value&...} text a signature covers (the signature left out). */
    private static String payload(JsonObject params) {
        Map<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, JsonElement> e : params.entrySet()) {
            if (!e.getKey().equals("signature")) {
                sorted.put(e.getKey(), e.getValue().getAsString());
            }
        }
        StringBuilder payload = new StringBuilder();
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            payload.append(payload.isEmpty() ? "" : "&").append(e.getKey()).append('=').append(e.getValue());
        }
        return payload.toString();
    }

    /**
     * HMAC-SHA256 in lower-case hex, the plain JDK way.
     *
     * @param secret the key
     * @param payload the text
     * @return the signature
     */
    static String hmacHex(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One WebSocket API connection: a request in, its answer out. */
    final class Connection implements FrameHandler {
        private CoreSession session;

        @Override
        public void onOpen(CoreSession coreSession, Callback callback) {
            session = coreSession;
            callback.succeeded();
            coreSession.demand();
        }

        @Override
        public void onFrame(Frame frame, Callback callback) {
            if (frame.getOpCode() == OpCode.TEXT && frame.isFin()) {
                String reply;
                try {
                    reply = answer(frame.getPayloadAsUTF8());
                } catch (RuntimeException e) {
                    reply = "{\"id\":null,\"status\":400,\"error\":{\"code\":-1102,\"msg\":\"Malformed request.\"}}";
                }
                session.sendFrame(new Frame(OpCode.TEXT, reply), Callback.NOOP, false);
            } else if (frame.getOpCode() == OpCode.PING) {
                session.sendFrame(new Frame(OpCode.PONG).setPayload(org.eclipse.jetty.util.BufferUtil.copy(
                        frame.getPayload())), Callback.NOOP, false);
            }
            callback.succeeded();
            if (frame.getOpCode() != OpCode.CLOSE) {
                session.demand();
            }
        }

        @Override
        public void onError(Throwable cause, Callback callback) {
            callback.succeeded();
        }

        @Override
        public void onClosed(CloseStatus closeStatus, Callback callback) {
            callback.succeeded();
        }
    }
}
