package org.tradebench.venues.binance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The request side of Binance trading shared by the WebSocket API ({@code /ws-api/v3} spot,
 * {@code /ws-fapi/v1} USD-M) and the signed REST endpoints: method names, request weights,
 * security types, and the WebSocket API's request/response frames
 * ({@code {"id","status","result"|"error","rateLimits"}}), session authentication and the spot
 * user data stream subscription. Owned by the simulator thread.
 */
final class BinanceTradingApi {

    /** What a method needs: nothing, an API key only, or a signature (or an authenticated session). */
    enum Security {
        NONE, USER_STREAM, SIGNED
    }

    private static final Set<String> ORDER_METHODS = Set.of("order.place", "algoOrder.place", "order.cancelReplace");

    private final BinanceSimulator sim;
    private final BinanceAccount account;
    /** Fault injection: how many of the next order placements are executed with the connection dropped before the answer. */
    int dropNextOrderPlacements;
    /** Fault injection: how many of the next order placements are received and never answered nor executed. */
    int ignoreNextOrderPlacements;

    BinanceTradingApi(BinanceSimulator sim, BinanceAccount account) {
        this.sim = sim;
        this.account = account;
    }

    static Security security(String method) {
        return switch (method) {
            case "time", "ping", "session.status", "session.logout", "userDataStream.subscribe",
                    "userDataStream.unsubscribe", "session.subscriptions" -> Security.NONE;
            case "userDataStream.start", "userDataStream.ping", "userDataStream.stop" -> Security.USER_STREAM;
            default -> Security.SIGNED;
        };
    }

    int weight(String method) {
        return switch (method) {
            case "order.place", "order.cancel", "order.modify", "algoOrder.place", "algoOrder.cancel", "time",
                    "ping" -> sim.futures && method.startsWith("algo") ? 0 : 1;
            case "order.status" -> sim.futures ? 1 : 4;
            case "openOrders.status" -> sim.futures ? 1 : 6;
            case "openOrders.cancelAll", "order.amend.keepPriority" -> 1;
            case "account.status" -> sim.futures ? 5 : 20;
            case "account.balance", "account.position" -> 5;
            case "allOrders", "myTrades" -> 20;
            default -> 2;
        };
    }

    /** Runs a method (already authenticated) and returns its result JSON; throws {@link BinanceAccount.Failure}. */
    String dispatch(String method, Map<String, String> p, boolean v3) {
        boolean f = sim.futures;
        return switch (method) {
            case "order.place" -> account.placeOrder(p);
            case "order.cancel" -> account.cancelOrder(p);
            case "order.status" -> account.queryOrder(p);
            case "order.modify" -> f ? account.modifyOrder(p) : unknown(method);
            case "order.amend.keepPriority" -> f ? unknown(method) : account.amendKeepPriority(p);
            case "order.cancelReplace" -> f ? unknown(method) : account.cancelReplace(p);
            case "order.test" -> account.testOrder(p);
            case "openOrders.status" -> account.openOrders(p);
            case "openOrders.cancelAll" -> account.cancelAll(p);
            case "allOrders" -> account.allOrders(p);
            case "myTrades" -> account.myTrades(p);
            case "account.status" -> f ? account.futuresAccount() : account.spotAccount();
            case "account.balance" -> f ? account.futuresBalance() : unknown(method);
            case "account.position" -> f ? account.positionRisk(p, v3) : unknown(method);
            case "algoOrder.place" -> f ? account.placeAlgo(p) : unknown(method);
            case "algoOrder.cancel" -> f ? account.cancelAlgo(p) : unknown(method);
            default -> unknown(method);
        };
    }

    private static String unknown(String method) {
        throw new BinanceAccount.Failure(400, -1020, "This operation is not supported.");
    }

    // ---------------------------------------------------------------- WebSocket API

    void request(BinanceConnection c, String text) {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException();
            }
            o = e.getAsJsonObject();
        } catch (RuntimeException e) {
            c.send("{\"id\":null,\"status\":400,\"error\":{\"code\":-1102,\"msg\":\"Malformed request.\"}}");
            return;
        }
        String id = o.has("id") ? o.get("id").toString() : "null";
        String method = o.has("method") && o.get("method").isJsonPrimitive() ? o.get("method").getAsString() : "";
        boolean v3 = method.startsWith("v3/");
        int slash = method.indexOf('/');
        if (slash > 0 && method.substring(0, slash).matches("v\\d+")) {
            method = method.substring(slash + 1);
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (o.has("params") && o.get("params").isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("params").entrySet()) {
                JsonElement v = e.getValue();
                params.put(e.getKey(), v.isJsonPrimitive() ? v.getAsString() : v.isJsonNull() ? "" : v.toString());
            }
        }
        long now = sim.epochMillis();
        int weight = weight(method);
        BinanceRest.Limit limit = sim.rest.consume(now, weight, "order.place".equals(method));
        if (limit.status() != 200) {
            c.send(error(id, limit.status(), -1003, limit.message(), ",\"data\":{\"serverTime\":" + sim.serverTime()
                    + ",\"retryAfter\":" + limit.retryAfterEpochMs() + "}", rateLimits(limit.used(), false)));
            if (limit.status() == 418) {
                sim.dropConnection(c);
            }
            return;
        }
        boolean order = ORDER_METHODS.contains(method);
        if (order && ignoreNextOrderPlacements > 0) {
            ignoreNextOrderPlacements--;
            String cid = params.containsKey("newClientOrderId") ? params.get("newClientOrderId")
                    : params.get("clientAlgoId");
            if (cid != null) {
                account.newOrderRequests.merge(cid, 1, Integer::sum);
            }
            return; // received, never executed, never answered
        }
        String rl = rateLimits(limit.used(), order);
        account.hold();
        boolean dropped = false;
        try {
            String result = wsMethod(c, method, params, v3);
            if (order && dropNextOrderPlacements > 0) {
                dropNextOrderPlacements--;
                dropped = true;
                sim.dropConnection(c); // accepted by the matching engine; the answer is lost
            } else {
                c.send("{\"id\":" + id + ",\"status\":200,\"result\":" + result + ",\"rateLimits\":"
                        + rateLimits(limit.used(), order) + "}");
            }
        } catch (RuntimeException e) {
            if (!(e instanceof BinanceAccount.Failure)) {
                BinanceSimulator.LOG.log(System.Logger.Level.WARNING, "WebSocket API request failed", e);
            }
            BinanceAccount.Failure f = e instanceof BinanceAccount.Failure x ? x
                    : new BinanceAccount.Failure(400, -1000, "An unknown error occurred while processing the request.");
            if (!dropped) {
                c.send(error(id, f.status, f.code, f.getMessage(), f.data == null ? "" : ",\"data\":" + f.data, rl));
            }
        } finally {
            account.release();
        }
    }

    private static String error(String id, int status, int code, String msg, String extra, String rateLimits) {
        return "{\"id\":" + id + ",\"status\":" + status + ",\"error\":{\"code\":" + code + ",\"msg\":"
                + BinanceWire.string(msg) + extra + "},\"rateLimits\":" + rateLimits + "}";
    }

    private String rateLimits(int used, boolean order) {
        StringBuilder b = new StringBuilder("[");
        if (order) {
            long[] counts = account.orderCounts();
            b.append(limitJson("ORDERS", "SECOND", 10, sim.futures ? 300 : 100, counts[0])).append(',')
                    .append(sim.futures ? limitJson("ORDERS", "MINUTE", 1, 1200, counts[1])
                            : limitJson("ORDERS", "DAY", 1, 200000, counts[1]))
                    .append(',');
        }
        return b.append(limitJson("REQUEST_WEIGHT", "MINUTE", 1, sim.config.requestWeightPerMinute(), used))
                .append(']').toString();
    }

    private static String limitJson(String type, String interval, int num, int limit, long count) {
        return "{\"rateLimitType\":\"" + type + "\",\"interval\":\"" + interval + "\",\"intervalNum\":" + num
                + ",\"limit\":" + limit + ",\"count\":" + count + "}";
    }

    private String session(BinanceConnection c) {
        return "{\"apiKey\":" + (c.sessionKey == null ? "null" : BinanceWire.string(c.sessionKey.apiKey()))
                + ",\"authorizedSince\":" + (c.sessionKey == null ? "null" : c.authorizedSince)
                + ",\"connectedSince\":" + c.connectedSince + ",\"returnRateLimits\":true,\"serverTime\":"
                + sim.serverTime() + ",\"userDataStream\":" + (sim.futures ? "null" : !c.subscriptions.isEmpty()) + "}";
    }

    private String wsMethod(BinanceConnection c, String method, Map<String, String> p, boolean v3) {
        switch (method) {
            case "ping" -> {
                return "{}";
            }
            case "time" -> {
                return "{\"serverTime\":" + sim.serverTime() + "}";
            }
            case "session.status" -> {
                return session(c);
            }
            case "session.logout" -> {
                c.sessionKey = null;
                endSubscription(c, c.logonSubscription);
                c.logonSubscription = -1;
                return session(c);
            }
            default -> {
                // below
            }
        }
        Security security = security(method);
        if (method.equals("userDataStream.subscribe") || method.equals("userDataStream.unsubscribe")
                || method.equals("session.subscriptions")) {
            return subscription(c, method, p);
        }
        BinanceAuth.ApiKey key = authenticate(c, method, p, security);
        switch (method) {
            case "session.logon" -> {
                if (!key.isEd25519()) {
                    throw new BinanceAccount.Failure(400, -1002, "You are not authorized to execute this request.");
                }
                c.sessionKey = key;
                c.authorizedSince = sim.serverTime();
                return session(c);
            }
            case "userDataStream.subscribe.signature" -> {
                int sub = c.nextSubscriptionId++;
                c.subscriptions.add(sub);
                return "{\"subscriptionId\":" + sub + "}";
            }
            case "userDataStream.start" -> {
                return "{\"listenKey\":" + BinanceWire.string(sim.startListenKey()) + "}";
            }
            case "userDataStream.ping" -> {
                return "{\"listenKey\":" + BinanceWire.string(sim.keepAliveListenKey()) + "}";
            }
            case "userDataStream.stop" -> {
                sim.closeListenKey();
                return "{}";
            }
            default -> {
                return dispatch(method, p, v3);
            }
        }
    }

    private String subscription(BinanceConnection c, String method, Map<String, String> p) {
        if (sim.futures) {
            throw new BinanceAccount.Failure(400, -1020, "This operation is not supported.");
        }
        switch (method) {
            case "userDataStream.subscribe" -> {
                if (c.sessionKey == null) {
                    throw new BinanceAccount.Failure(401, -2015, "Invalid API-key, IP, or permissions for action.");
                }
                if (c.logonSubscription >= 0) {
                    throw new BinanceAccount.Failure(400, -2035, "User Data Stream subscription already active.");
                }
                int sub = c.nextSubscriptionId++;
                c.subscriptions.add(sub);
                c.logonSubscription = sub;
                return "{\"subscriptionId\":" + sub + "}";
            }
            case "userDataStream.unsubscribe" -> {
                String id = BinanceAccount.str(p, "subscriptionId");
                if (id == null) {
                    for (Integer s : java.util.List.copyOf(c.subscriptions)) {
                        endSubscription(c, s);
                    }
                    c.logonSubscription = -1;
                } else {
                    int s;
                    try {
                        s = Integer.parseInt(id);
                    } catch (NumberFormatException e) {
                        throw new BinanceAccount.Failure(400, -1100,
                                "Illegal characters found in parameter 'subscriptionId'; legal range is '^[0-9]{1,5}$'.");
                    }
                    if (!c.subscriptions.contains(s)) {
                        throw new BinanceAccount.Failure(400, -2036, "User Data Stream subscription not active.");
                    }
                    endSubscription(c, s);
                    if (s == c.logonSubscription) {
                        c.logonSubscription = -1;
                    }
                }
                return "{}";
            }
            default -> {
                StringBuilder b = new StringBuilder("[");
                for (Integer s : c.subscriptions) {
                    b.append(b.length() > 1 ? "," : "").append("{\"subscriptionId\":").append(s).append('}');
                }
                return b.append(']').toString();
            }
        }
    }

    private void endSubscription(BinanceConnection c, int sub) {
        if (c.subscriptions.remove(Integer.valueOf(sub))) {
            c.send("{\"subscriptionId\":" + sub + ",\"event\":{\"e\":\"eventStreamTerminated\",\"E\":"
                    + sim.epochMillis() + "}}");
        }
    }

    /** Checks the API key, signature and timing of a WebSocket API request; returns its key. */
    private BinanceAuth.ApiKey authenticate(BinanceConnection c, String method, Map<String, String> p,
            Security security) {
        String apiKey = BinanceAccount.str(p, "apiKey");
        boolean adHoc = p.containsKey("signature") || method.equals("session.logon")
                || method.equals("userDataStream.subscribe.signature");
        if (apiKey == null && (adHoc || c.sessionKey == null)) {
            throw new BinanceAccount.Failure(400, -1102,
                    "Mandatory parameter 'apiKey' was not sent, was empty/null, or malformed.");
        }
        BinanceAuth.ApiKey key;
        if (apiKey != null && (adHoc || c.sessionKey == null || !apiKey.equals(c.sessionKey.apiKey()))) {
            BinanceAuth.Refusal[] refusal = new BinanceAuth.Refusal[1];
            key = sim.auth.key(apiKey, refusal);
            if (key == null) {
                throw new BinanceAccount.Failure(refusal[0].httpStatus(), refusal[0].code(), refusal[0].msg());
            }
            if (security == Security.SIGNED) {
                if (BinanceAccount.str(p, "signature") == null) {
                    throw new BinanceAccount.Failure(400, -1102,
                            "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
                }
                if (!sim.auth.verify(key, BinanceAuth.wsApiPayload(p), p.get("signature"))) {
                    throw new BinanceAccount.Failure(400, BinanceAuth.BAD_SIGNATURE.code(), BinanceAuth.BAD_SIGNATURE.msg());
                }
            }
        } else {
            key = c.sessionKey;
        }
        if (security == Security.SIGNED) {
            BinanceAuth.Refusal timing = BinanceAuth.timing(p, sim.serverTime());
            if (timing != null) {
                throw new BinanceAccount.Failure(timing.httpStatus(), timing.code(), timing.msg());
            }
        }
        return key;
    }
}
