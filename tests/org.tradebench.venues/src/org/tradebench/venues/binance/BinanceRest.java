package org.tradebench.venues.binance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.tradebench.api.instrument.InstrumentSpec;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleHistoryRequest;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.Ticker;

/**
 * The market-data REST endpoints of a {@link BinanceSimulator}, with Binance's request weights:
 *
 * <ul>
 * <li>Spot: {@code GET /api/v3/ping} (1) → {@code {}}; {@code /api/v3/time} (1) →
 * {@code {"serverTime":ms}}; {@code /api/v3/exchangeInfo[?symbol=|symbols=["A","B"]]} (20) with
 * {@code PRICE_FILTER}, {@code LOT_SIZE}, {@code NOTIONAL} filters, {@code status},
 * {@code orderTypes}; {@code /api/v3/depth?symbol=&limit=} (default 100, max 5000; weight 5, 25, 50,
 * 250 by limit) → {@code {lastUpdateId,bids,asks}}; {@code /api/v3/klines?symbol=&interval=
 * [&startTime&endTime&limit]} (2); {@code /api/v3/aggTrades?symbol=[&fromId&startTime&endTime&limit]}
 * (4); {@code /api/v3/ticker/24hr[?symbol=]} (2, or 80 for every symbol).</li>
 * <li>USD-M futures: {@code /fapi/v1/ping}, {@code time}, {@code exchangeInfo} (1; filters
 * {@code PRICE_FILTER}, {@code LOT_SIZE}, {@code MARKET_LOT_SIZE}, {@code MIN_NOTIONAL}),
 * {@code depth} (limit 5, 10, 20, 50, 100, 500 (default), 1000; weight 2, 5, 10, 20) →
 * {@code {lastUpdateId,E,T,bids,asks}}, {@code premiumIndex[?symbol=]} (1) → mark, index,
 * {@code lastFundingRate}, {@code nextFundingTime}, {@code klines} (1, 2, 5, 10 by limit, max 1500),
 * {@code aggTrades} (20), {@code ticker/24hr} (1, or 40).</li>
 * <li>Every answer carries {@code X-MBX-USED-WEIGHT-1M} (the weight used in the current minute of
 * venue time). Over {@link BinanceSimulatorConfig#requestWeightPerMinute()}: HTTP 429
 * {@code {"code":-1003,..}} with {@code Retry-After} (seconds to the next minute); a request before
 * that back-off ends: HTTP 418 {@code {"code":-1003,"msg":"Way too many requests; IP banned until
 * ms.."}} with {@code Retry-After}, for {@link BinanceSimulatorConfig#banDuration()}.</li>
 * <li>Errors: HTTP 400 {@code {"code":-1121,"msg":"Invalid symbol."}},
 * {@code -1102} (mandatory parameter missing), {@code -1120} (invalid interval), {@code -1100}
 * (illegal characters in a parameter); 404 for unknown paths.</li>
 * </ul>
 */
final class BinanceRest extends Handler.Abstract {

    private record Answer(int status, String body, long retryAfterSeconds, boolean orderCount) {
        Answer(int status, String body) {
            this(status, body, -1, false);
        }

        Answer(int status, String body, long retryAfterSeconds) {
            this(status, body, retryAfterSeconds, false);
        }
    }

    /**
     * The rate limiter's verdict for a WebSocket API request: 200 (go on), 429 or 418, with the
     * message, when to retry (epoch ms) and the weight used this minute.
     */
    record Limit(int status, String message, long retryAfterEpochMs, int used) {
    }

    private final BinanceSimulator sim;
    private final Map<BinanceMarket, Object[]> staleSnapshots = new HashMap<>();

    // Guarded by this: the weight of the current minute and the back-off state (venue time, ms).
    private long minute = Long.MIN_VALUE;
    private int usedWeight;
    private long backOffUntil = Long.MIN_VALUE;
    private long bannedUntil = Long.MIN_VALUE;
    private int forced429;
    private int forcedOrder429;

    BinanceRest(BinanceSimulator sim) {
        this.sim = sim;
    }

    /** Simulator thread. */
    void stale(BinanceMarket m, BinanceSimulator.Book book, int count) {
        staleSnapshots.put(m, new Object[] {book, count});
    }

    synchronized void force429(int count) {
        forced429 = count;
    }

    synchronized void forceOrder429(int count) {
        forcedOrder429 = count;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        Fields query = Request.extractQueryParameters(request);
        Map<String, String> params = new java.util.LinkedHashMap<>();
        query.forEach(f -> params.put(f.getName(), f.getValue()));
        String method = request.getMethod();
        String trading = tradingOp(path, method);
        String rawQuery = request.getHttpURI().getQuery() == null ? "" : request.getHttpURI().getQuery();
        String body = method.equals("GET") ? "" : Content.Source.asString(request, StandardCharsets.UTF_8);
        if (!body.isEmpty()) {
            for (String part : body.split("&")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    params.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        String apiKey = request.getHeaders().get("X-MBX-APIKEY");
        Answer a;
        long nowMs;
        int used;
        try {
            nowMs = sim.call(sim::epochMillis);
            int weight = trading != null ? sim.trading.weight(trading.startsWith("rest:") ? "rest" : trading)
                    : weight(path, params);
            synchronized (this) {
                a = limit(nowMs, weight, "order.place".equals(trading));
                used = usedWeight;
            }
            if (a == null) {
                if (trading != null) {
                    a = sim.call(() -> trading(trading, params, rawQuery, body, apiKey));
                } else {
                    a = method.equals("GET") ? sim.call(() -> answer(path, params)) : new Answer(405,
                            "{\"code\":-1000,\"msg\":\"Method " + method + " is not served on " + path + ".\"}");
                }
            }
        } catch (IllegalStateException e) {
            a = new Answer(503, "{\"code\":-1001,\"msg\":\"Internal error; unable to process your request.\"}");
            used = 0;
        }
        response.setStatus(a.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=UTF-8");
        response.getHeaders().put("X-MBX-USED-WEIGHT-1M", Integer.toString(used));
        if (a.orderCount()) {
            long[] counts = sim.call(sim.account::orderCounts);
            response.getHeaders().put("X-MBX-ORDER-COUNT-10S", Long.toString(counts[0]));
            response.getHeaders().put(sim.futures ? "X-MBX-ORDER-COUNT-1M" : "X-MBX-ORDER-COUNT-1D",
                    Long.toString(counts[1]));
        }
        if (a.retryAfterSeconds() >= 0) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(a.retryAfterSeconds()));
        }
        Content.Sink.write(response, true, a.body(), callback);
        return true;
    }

    /** The rate limiter for a WebSocket API request (shared with REST: Binance limits per IP). */
    synchronized Limit consume(long nowMs, int weight, boolean placement) {
        Answer a = limit(nowMs, weight, placement);
        if (a == null) {
            return new Limit(200, "", 0, usedWeight);
        }
        String msg = a.status() == 418
                ? "Way too much request weight used; IP banned until " + bannedUntil
                        + ". Please use WebSocket Streams for live updates to avoid bans."
                : "Too much request weight used; current limit is " + sim.config.requestWeightPerMinute()
                        + " request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.";
        return new Limit(a.status(), msg, a.status() == 418 ? bannedUntil : backOffUntil, usedWeight);
    }

    /** {@code GET /sapi/v1/account/apiRestrictions}: the key's permissions, as Binance documents them. */
    private String apiRestrictions() {
        boolean withdrawals = sim.withdrawalsEnabled();
        return "{\"ipRestrict\":false,\"createTime\":1698645219000,\"enableReading\":true,\"enableWithdrawals\":"
                + withdrawals + ",\"enableInternalTransfer\":false,\"enableMargin\":false,\"enableFutures\":true,"
                + "\"permitsUniversalTransfer\":false,\"enableVanillaOptions\":false,\"enableFixApiTrade\":false,"
                + "\"enableFixReadOnly\":false,\"enableSpotAndMarginTrading\":true,\"enablePortfolioMarginTrading\":false}";
    }

    // ---------------------------------------------------------------- signed endpoints

    /** The trading operation of a signed path and method, or null for a market-data path. */
    private String tradingOp(String path, String method) {
        if (!sim.futures) {
            return switch (path) {
                case "/api/v3/order" -> switch (method) {
                    case "POST" -> "order.place";
                    case "DELETE" -> "order.cancel";
                    case "GET" -> "order.status";
                    default -> "rest:none";
                };
                case "/api/v3/order/amend/keepPriority" -> "order.amend.keepPriority";
                case "/api/v3/order/cancelReplace" -> "order.cancelReplace";
                case "/api/v3/order/test" -> "order.test";
                case "/api/v3/openOrders" -> method.equals("DELETE") ? "openOrders.cancelAll" : "openOrders.status";
                case "/api/v3/allOrders" -> "allOrders";
                case "/api/v3/myTrades" -> "myTrades";
                case "/api/v3/account" -> "account.status";
                case "/sapi/v1/account/apiRestrictions" -> "rest:apiRestrictions";
                default -> null;
            };
        }
        return switch (path) {
            case "/fapi/v1/order" -> switch (method) {
                case "POST" -> "order.place";
                case "DELETE" -> "order.cancel";
                case "PUT" -> "order.modify";
                default -> "order.status";
            };
            case "/fapi/v1/openOrders" -> "openOrders.status";
            case "/fapi/v1/allOpenOrders" -> "openOrders.cancelAll";
            case "/fapi/v1/allOrders" -> "allOrders";
            case "/fapi/v1/userTrades" -> "myTrades";
            case "/fapi/v1/batchOrders" -> "rest:batchOrders";
            case "/fapi/v1/algoOrder" -> switch (method) {
                case "POST" -> "algoOrder.place";
                case "DELETE" -> "algoOrder.cancel";
                default -> "rest:algoOrder";
            };
            case "/fapi/v1/openAlgoOrders" -> "rest:openAlgoOrders";
            case "/fapi/v1/algoOpenOrders" -> "rest:algoOpenOrders";
            case "/fapi/v1/openOrder" -> "rest:openOrder";
            case "/fapi/v2/account", "/fapi/v3/account" -> "account.status";
            case "/fapi/v2/balance", "/fapi/v3/balance" -> "account.balance";
            case "/fapi/v2/positionRisk" -> "account.position";
            case "/fapi/v3/positionRisk" -> "rest:positionRisk3";
            case "/fapi/v1/leverage" -> "rest:leverage";
            case "/fapi/v1/marginType" -> "rest:marginType";
            case "/fapi/v1/positionSide/dual" -> method.equals("POST") ? "rest:dual" : "rest:dualGet";
            case "/fapi/v1/listenKey" -> "rest:listenKey:" + method;
            default -> null;
        };
    }

    private static Answer failure(BinanceAccount.Failure f) {
        return new Answer(f.status, "{\"code\":" + f.code + ",\"msg\":" + BinanceWire.string(f.getMessage())
                + (f.data == null ? "" : ",\"data\":" + f.data) + "}");
    }

    /** A signed request: API key, signature over the query string and body as sent, timing; then the operation. */
    private Answer trading(String op, Map<String, String> p, String rawQuery, String body, String apiKey) {
        BinanceAuth.Refusal[] refusal = new BinanceAuth.Refusal[1];
        BinanceAuth.ApiKey key = sim.auth.key(apiKey, refusal);
        if (key == null) {
            BinanceAuth.Refusal r = apiKey == null ? BinanceAuth.BAD_KEY_FORMAT : refusal[0];
            return new Answer(r.httpStatus(), "{\"code\":" + r.code() + ",\"msg\":" + BinanceWire.string(r.msg()) + "}");
        }
        if (op.startsWith("rest:listenKey:")) {
            return listenKey(op.substring("rest:listenKey:".length()));
        }
        if (op.equals("rest:none")) {
            return new Answer(405, "{\"code\":-1000,\"msg\":\"Method not allowed.\"}");
        }
        String signature = p.get("signature");
        if (signature == null || signature.isEmpty()) {
            return failure(new BinanceAccount.Failure(-1102,
                    "Mandatory parameter 'signature' was not sent, was empty/null, or malformed."));
        }
        String payload = withoutSignature(rawQuery) + withoutSignature(body);
        if (!sim.auth.verify(key, payload, signature)) {
            return failure(new BinanceAccount.Failure(BinanceAuth.BAD_SIGNATURE.code(), BinanceAuth.BAD_SIGNATURE.msg()));
        }
        BinanceAuth.Refusal timing = BinanceAuth.timing(p, sim.serverTime());
        if (timing != null) {
            return new Answer(timing.httpStatus(), "{\"code\":" + timing.code() + ",\"msg\":"
                    + BinanceWire.string(timing.msg()) + "}");
        }
        sim.account.hold();
        try {
            BinanceAccount acc = sim.account;
            String result = switch (op) {
                case "rest:batchOrders" -> batch(p);
                case "rest:algoOrder" -> acc.queryAlgo(p);
                case "rest:openAlgoOrders" -> acc.openAlgos(p);
                case "rest:algoOpenOrders" -> acc.cancelAllAlgos(p);
                case "rest:openOrder" -> acc.queryOpenOrder(p);
                case "rest:positionRisk3" -> acc.positionRisk(p, true);
                case "rest:leverage" -> acc.setLeverage(p);
                case "rest:marginType" -> acc.setMarginType(p);
                case "rest:dual" -> acc.dual(p, true);
                case "rest:dualGet" -> acc.dual(p, false);
                case "rest:apiRestrictions" -> apiRestrictions();
                default -> sim.trading.dispatch(op, p, false);
            };
            boolean order = op.equals("order.place") || op.equals("algoOrder.place") || op.equals("rest:batchOrders")
                    || op.equals("order.cancelReplace");
            return new Answer(200, result, -1, order);
        } catch (BinanceAccount.Failure f) {
            return failure(f);
        } catch (RuntimeException e) {
            BinanceSimulator.LOG.log(System.Logger.Level.WARNING, "signed request failed", e);
            return new Answer(400, "{\"code\":-1000,\"msg\":\"An unknown error occurred while processing the request.\"}");
        } finally {
            sim.account.release();
        }
    }

    private static String withoutSignature(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String s = text.replaceAll("(^|&)signature=[^&]*", "");
        return s.startsWith("&") ? s.substring(1) : s;
    }

    /** {@code POST /fapi/v1/batchOrders}: up to 5 orders; each answer is the order or its error. */
    private String batch(Map<String, String> p) {
        String list = BinanceAccount.required(p, "batchOrders");
        com.google.gson.JsonArray orders;
        try {
            orders = com.google.gson.JsonParser.parseString(list).getAsJsonArray();
        } catch (RuntimeException e) {
            throw new BinanceAccount.Failure(-1130, "Data sent for parameter 'batchOrders' is not valid.");
        }
        if (orders.size() > 5) {
            throw new BinanceAccount.Failure(-4006, "Maximum 5 orders per batch.");
        }
        StringBuilder b = new StringBuilder("[");
        for (com.google.gson.JsonElement e : orders) {
            Map<String, String> one = new java.util.LinkedHashMap<>();
            e.getAsJsonObject().entrySet().forEach(x -> one.put(x.getKey(), x.getValue().getAsString()));
            b.append(b.length() > 1 ? "," : "");
            try {
                b.append(sim.account.placeOrder(one));
            } catch (BinanceAccount.Failure f) {
                b.append("{\"code\":").append(f.code).append(",\"msg\":").append(BinanceWire.string(f.getMessage()))
                        .append('}');
            }
        }
        return b.append(']').toString();
    }

    /** {@code POST|PUT|DELETE /fapi/v1/listenKey}: API key only, no signature. */
    private Answer listenKey(String method) {
        try {
            return switch (method) {
                case "POST" -> new Answer(200, "{\"listenKey\":" + BinanceWire.string(sim.startListenKey()) + "}");
                case "PUT" -> new Answer(200, "{\"listenKey\":" + BinanceWire.string(sim.keepAliveListenKey()) + "}");
                case "DELETE" -> {
                    sim.closeListenKey();
                    yield new Answer(200, "{}");
                }
                default -> new Answer(405, "{\"code\":-1000,\"msg\":\"Method not allowed.\"}");
            };
        } catch (BinanceAccount.Failure f) {
            return failure(f);
        }
    }

    /** The rate limiter; null when the request may go on. Caller holds the lock. */
    private Answer limit(long nowMs, int weight, boolean placement) {
        long m = Math.floorDiv(nowMs, 60_000L);
        if (m != minute) {
            minute = m;
            usedWeight = 0;
        }
        if (nowMs < bannedUntil) {
            return banned(nowMs);
        }
        if (nowMs < backOffUntil) {
            // Not backing off after a 429: Binance bans the IP.
            bannedUntil = nowMs + sim.config.banDuration().toMillis();
            backOffUntil = Long.MIN_VALUE;
            return banned(nowMs);
        }
        usedWeight += weight;
        boolean forcedOrder = placement && forcedOrder429 > 0;
        if (forced429 > 0 || forcedOrder || usedWeight > sim.config.requestWeightPerMinute()) {
            if (forcedOrder) {
                forcedOrder429--;
            } else if (forced429 > 0) {
                forced429--;
            }
            long next = (m + 1) * 60_000L;
            backOffUntil = next;
            long retry = Math.max(1, (next - nowMs + 999) / 1000);
            return new Answer(429, "{\"code\":-1003,\"msg\":\"Too many requests; current limit of IP(127.0.0.1) "
                    + "request weight per minute is " + sim.config.requestWeightPerMinute()
                    + ". Please use WebSocket Streams for live updates to avoid polling the API.\"}", retry);
        }
        return null;
    }

    private Answer banned(long nowMs) {
        return new Answer(418, "{\"code\":-1003,\"msg\":\"Way too many requests; IP(127.0.0.1) banned until "
                + bannedUntil + ". Please use the websocket for live updates to avoid bans.\"}",
                Math.max(1, (bannedUntil - nowMs + 999) / 1000));
    }

    private int weight(String path, Map<String, String> p) {
        int limit = intParam(p.get("limit"), -1);
        if (!sim.futures) {
            return switch (path) {
                case "/api/v3/exchangeInfo" -> 20;
                case "/api/v3/depth" -> limit < 0 || limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
                case "/api/v3/klines" -> 2;
                case "/api/v3/aggTrades" -> 4;
                case "/api/v3/ticker/24hr" -> p.containsKey("symbol") ? 2 : 80;
                default -> 1;
            };
        }
        return switch (path) {
            case "/fapi/v1/depth" -> limit < 0 ? 10 : limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20;
            case "/fapi/v1/klines" -> limit < 0 ? 5 : limit < 100 ? 1 : limit < 500 ? 2 : limit <= 1000 ? 5 : 10;
            case "/fapi/v1/premiumIndex" -> p.containsKey("symbol") ? 1 : 10;
            case "/fapi/v1/aggTrades" -> 20;
            case "/fapi/v1/ticker/24hr" -> p.containsKey("symbol") ? 1 : 40;
            default -> 1;
        };
    }

    private static int intParam(String s, int fallback) {
        if (s == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
    }

    private static Answer bad(int code, String msg) {
        return new Answer(400, "{\"code\":" + code + ",\"msg\":" + BinanceWire.string(msg) + "}");
    }

    private static Answer mandatory(String name) {
        return bad(-1102, "Mandatory parameter '" + name + "' was not sent, was empty/null, or malformed.");
    }

    // ---------------------------------------------------------------- endpoints (simulator thread)

    private Answer answer(String path, Map<String, String> p) {
        String prefix = sim.futures ? "/fapi/v1/" : "/api/v3/";
        if (!path.startsWith(prefix)) {
            return new Answer(404, "{\"code\":-1000,\"msg\":\"Unknown path " + path + "\"}");
        }
        String endpoint = path.substring(prefix.length());
        return switch (endpoint) {
            case "ping" -> new Answer(200, "{}");
            case "time" -> new Answer(200, "{\"serverTime\":" + sim.serverTime() + "}");
            case "exchangeInfo" -> exchangeInfo(p);
            case "depth" -> depth(p);
            case "klines" -> klines(p);
            case "aggTrades" -> aggTrades(p);
            case "ticker/24hr" -> ticker(p);
            case "premiumIndex" -> sim.futures ? premiumIndex(p) : notFound(path);
            default -> notFound(path);
        };
    }

    private static Answer notFound(String path) {
        return new Answer(404, "{\"code\":-1000,\"msg\":\"Unknown path " + path + "\"}");
    }

    /** The market of the {@code symbol} parameter, or an error answer in {@code error[0]}. */
    private BinanceMarket symbol(Map<String, String> p, Answer[] error) {
        String s = p.get("symbol");
        if (s == null || s.isEmpty()) {
            error[0] = mandatory("symbol");
            return null;
        }
        BinanceMarket m = sim.markets.get(s);
        if (m == null) {
            error[0] = bad(-1121, "Invalid symbol.");
        }
        return m;
    }

    private Answer exchangeInfo(Map<String, String> p) {
        List<BinanceMarket> list = new ArrayList<>();
        if (p.containsKey("symbol")) {
            Answer[] err = new Answer[1];
            BinanceMarket m = symbol(p, err);
            if (m == null) {
                return err[0];
            }
            list.add(m);
        } else if (p.containsKey("symbols")) {
            String raw = p.get("symbols").replaceAll("[\\[\\]\" ]", "");
            for (String s : raw.split(",")) {
                BinanceMarket m = sim.markets.get(s);
                if (m == null) {
                    return bad(-1121, "Invalid symbol.");
                }
                list.add(m);
            }
        } else {
            list.addAll(sim.markets.values());
        }
        StringBuilder b = new StringBuilder(4096).append("{\"timezone\":\"UTC\",\"serverTime\":")
                .append(sim.epochMillis());
        if (sim.futures) {
            b.append(",\"futuresType\":\"U_MARGINED\",\"rateLimits\":[")
                    .append(rateLimit("REQUEST_WEIGHT", "MINUTE", 1, sim.config.requestWeightPerMinute())).append(',')
                    .append(rateLimit("ORDERS", "MINUTE", 1, 1200)).append(',')
                    .append(rateLimit("ORDERS", "SECOND", 10, 300))
                    .append("],\"exchangeFilters\":[],\"assets\":[{\"asset\":\"USDT\",\"marginAvailable\":true,"
                            + "\"autoAssetExchange\":\"-10000\"}],\"symbols\":[");
        } else {
            b.append(",\"rateLimits\":[")
                    .append(rateLimit("REQUEST_WEIGHT", "MINUTE", 1, sim.config.requestWeightPerMinute())).append(',')
                    .append(rateLimit("ORDERS", "SECOND", 10, 100)).append(',')
                    .append(rateLimit("ORDERS", "DAY", 1, 200000)).append(',')
                    .append(rateLimit("RAW_REQUESTS", "MINUTE", 5, 61000))
                    .append("],\"exchangeFilters\":[],\"symbols\":[");
        }
        for (int i = 0; i < list.size(); i++) {
            b.append(i > 0 ? "," : "").append(sim.futures ? futuresSymbol(list.get(i)) : spotSymbol(list.get(i)));
        }
        return new Answer(200, b.append("]}").toString());
    }

    private static String rateLimit(String type, String interval, int num, int limit) {
        return "{\"rateLimitType\":\"" + type + "\",\"interval\":\"" + interval + "\",\"intervalNum\":" + num
                + ",\"limit\":" + limit + "}";
    }

    private String spotSymbol(BinanceMarket m) {
        InstrumentSpec spec = m.instrument.spec();
        String base = m.instrument.id().base();
        return "{\"symbol\":\"" + m.symbol + "\",\"status\":\"TRADING\",\"baseAsset\":\"" + base
                + "\",\"baseAssetPrecision\":8,\"quoteAsset\":\"USDT\",\"quotePrecision\":8,\"quoteAssetPrecision\":8,"
                + "\"baseCommissionPrecision\":8,\"quoteCommissionPrecision\":8,"
                + "\"orderTypes\":[\"LIMIT\",\"LIMIT_MAKER\",\"MARKET\",\"STOP_LOSS\",\"STOP_LOSS_LIMIT\","
                + "\"TAKE_PROFIT\",\"TAKE_PROFIT_LIMIT\"],\"icebergAllowed\":true,\"ocoAllowed\":true,"
                + "\"otoAllowed\":true,\"quoteOrderQtyMarketAllowed\":true,\"allowTrailingStop\":true,"
                + "\"cancelReplaceAllowed\":true,\"isSpotTradingAllowed\":true,\"isMarginTradingAllowed\":false,"
                + "\"filters\":[{\"filterType\":\"PRICE_FILTER\",\"minPrice\":" + BinanceWire.decimal(spec.tickSize(), 8)
                + ",\"maxPrice\":\"1000000.00000000\",\"tickSize\":" + BinanceWire.decimal(spec.tickSize(), 8)
                + "},{\"filterType\":\"LOT_SIZE\",\"minQty\":" + BinanceWire.decimal(spec.minQuantity(), 8)
                + ",\"maxQty\":\"9000.00000000\",\"stepSize\":" + BinanceWire.decimal(spec.lotSize(), 8)
                + "},{\"filterType\":\"NOTIONAL\",\"minNotional\":" + BinanceWire.decimal(spec.minNotional(), 8)
                + ",\"applyMinToMarket\":true,\"maxNotional\":\"9000000.00000000\",\"applyMaxToMarket\":false,"
                + "\"avgPriceMins\":5},{\"filterType\":\"PERCENT_PRICE_BY_SIDE\",\"bidMultiplierUp\":\"1.5\","
                + "\"bidMultiplierDown\":\"0.5\",\"askMultiplierUp\":\"1.5\",\"askMultiplierDown\":\"0.5\","
                + "\"avgPriceMins\":5},{\"filterType\":\"MAX_NUM_ORDERS\",\"maxNumOrders\":200}],\"permissions\":[],\"permissionSets\":[[\"SPOT\"]],"
                + "\"defaultSelfTradePreventionMode\":\"EXPIRE_MAKER\",\"allowedSelfTradePreventionModes\":"
                + "[\"EXPIRE_TAKER\",\"EXPIRE_MAKER\",\"EXPIRE_BOTH\"]}";
    }

    private String futuresSymbol(BinanceMarket m) {
        InstrumentSpec spec = m.instrument.spec();
        int q = sim.sizeScale(m);
        String tick = spec.tickSize().setScale(2).toPlainString();
        return "{\"symbol\":\"" + m.symbol + "\",\"pair\":\"" + m.symbol + "\",\"contractType\":\"PERPETUAL\","
                + "\"deliveryDate\":4133404800000,\"onboardDate\":1569398400000,\"status\":\"TRADING\","
                + "\"maintMarginPercent\":\"2.5000\",\"requiredMarginPercent\":\"5.0000\",\"baseAsset\":\""
                + m.instrument.id().base() + "\",\"quoteAsset\":\"USDT\",\"marginAsset\":\"USDT\","
                + "\"pricePrecision\":2,\"quantityPrecision\":" + q + ",\"baseAssetPrecision\":8,\"quotePrecision\":8,"
                + "\"underlyingType\":\"COIN\",\"underlyingSubType\":[\"PoW\"],\"settlePlan\":0,"
                + "\"triggerProtect\":\"0.0500\",\"liquidationFee\":\"0.012500\",\"marketTakeBound\":\"0.05\","
                + "\"filters\":[{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"556.80\",\"maxPrice\":\"4529764\","
                + "\"tickSize\":\"" + tick + "\"},{\"filterType\":\"LOT_SIZE\",\"minQty\":\""
                + spec.minQuantity().setScale(q).toPlainString() + "\",\"maxQty\":\"1000\",\"stepSize\":\""
                + spec.lotSize().setScale(q).toPlainString() + "\"},{\"filterType\":\"MARKET_LOT_SIZE\",\"minQty\":\""
                + spec.minQuantity().setScale(q).toPlainString() + "\",\"maxQty\":\"120\",\"stepSize\":\""
                + spec.lotSize().setScale(q).toPlainString() + "\"},{\"filterType\":\"MAX_NUM_ORDERS\",\"limit\":200},"
                + "{\"filterType\":\"MAX_NUM_ALGO_ORDERS\",\"limit\":10},{\"filterType\":\"MIN_NOTIONAL\","
                + "\"notional\":\"" + spec.minNotional().stripTrailingZeros().toPlainString() + "\"},"
                + "{\"filterType\":\"PERCENT_PRICE\",\"multiplierUp\":\"1.0500\",\"multiplierDown\":\"0.9500\","
                + "\"multiplierDecimal\":\"4\"}],\"orderTypes\":[\"LIMIT\",\"MARKET\",\"STOP\",\"STOP_MARKET\","
                + "\"TAKE_PROFIT\",\"TAKE_PROFIT_MARKET\",\"TRAILING_STOP_MARKET\"],"
                + "\"timeInForce\":[\"GTC\",\"IOC\",\"FOK\",\"GTX\",\"GTD\"]}";
    }

    private Answer depth(Map<String, String> p) {
        Answer[] err = new Answer[1];
        BinanceMarket m = symbol(p, err);
        if (m == null) {
            return err[0];
        }
        int limit = intParam(p.get("limit"), sim.futures ? 500 : 100);
        if (sim.futures ? !List.of(5, 10, 20, 50, 100, 500, 1000).contains(limit) : limit < 1) {
            return bad(-1100, "Illegal characters found in parameter 'limit'; legal range is "
                    + (sim.futures ? "5, 10, 20, 50, 100, 500, 1000." : "1 to 5000."));
        }
        limit = Math.min(limit, 5000);
        long id;
        List<Map.Entry<BigDecimal, BigDecimal>> bids;
        List<Map.Entry<BigDecimal, BigDecimal>> asks;
        Object[] stale = staleSnapshots.get(m);
        if (stale != null) {
            BinanceSimulator.Book book = (BinanceSimulator.Book) stale[0];
            int left = (Integer) stale[1] - 1;
            if (left <= 0) {
                staleSnapshots.remove(m);
            } else {
                stale[1] = left;
            }
            id = book.lastUpdateId();
            bids = entries(book.bids(), limit);
            asks = entries(book.asks(), limit);
        } else {
            id = m.updateId;
            bids = BinanceMarket.top(m.bids, limit);
            asks = BinanceMarket.top(m.asks, limit);
        }
        int q = sim.sizeScale(m);
        StringBuilder b = new StringBuilder(8192).append("{\"lastUpdateId\":").append(id);
        if (sim.futures) {
            b.append(",\"E\":").append(sim.epochMillis()).append(",\"T\":").append(sim.epochMillis());
        }
        b.append(",\"bids\":").append(BinanceWire.levels(bids, sim.priceScale(), q)).append(",\"asks\":")
                .append(BinanceWire.levels(asks, sim.priceScale(), q)).append('}');
        return new Answer(200, b.toString());
    }

    private static List<Map.Entry<BigDecimal, BigDecimal>> entries(List<BinanceSimulator.Level> levels, int limit) {
        List<Map.Entry<BigDecimal, BigDecimal>> out = new ArrayList<>();
        for (BinanceSimulator.Level l : levels) {
            if (out.size() >= limit) {
                break;
            }
            out.add(Map.entry(l.price(), l.quantity()));
        }
        return out;
    }

    private Answer klines(Map<String, String> p) {
        Answer[] err = new Answer[1];
        BinanceMarket m = symbol(p, err);
        if (m == null) {
            return err[0];
        }
        String name = p.get("interval");
        if (name == null) {
            return mandatory("interval");
        }
        CandleInterval interval = BinanceSimulator.INTERVALS.get(name);
        if (interval == null || (sim.futures && name.equals("1s"))) {
            return bad(-1120, "Invalid interval.");
        }
        int max = sim.futures ? 1500 : 1000;
        int limit = intParam(p.get("limit"), 500);
        if (limit < 1) {
            return bad(-1100, "Illegal characters found in parameter 'limit'; legal range is '1' to '" + max + "'.");
        }
        limit = Math.min(limit, max);
        long ms = interval.millis();
        Instant from = p.containsKey("startTime") ? Instant.ofEpochMilli(Long.parseLong(p.get("startTime"))) : null;
        Instant to = p.containsKey("endTime") ? Instant.ofEpochMilli(Long.parseLong(p.get("endTime")) + 1) : null;
        if (from != null && to == null) {
            // Binance pages forward from startTime: the oldest `limit` klines after it.
            to = from.plusMillis(ms * limit);
        }
        List<Candle> candles = new ArrayList<>(sim.venue.candleHistory(new CandleHistoryRequest(m.instrument.id(),
                interval, from, to, limit)));
        Candle forming = m.forming.get(interval);
        if (forming != null && !forming.closed() && (to == null || forming.start().toEpochMilli() < to.toEpochMilli())
                && (from == null || !forming.start().isBefore(from))) {
            candles.add(forming);
            if (candles.size() > limit) {
                candles.remove(0);
            }
        }
        StringBuilder b = new StringBuilder(candles.size() * 160 + 2).append('[');
        for (int i = 0; i < candles.size(); i++) {
            Candle c = candles.get(i);
            long t = c.start().toEpochMilli();
            BigDecimal typical = c.open().add(c.high()).add(c.low()).add(c.close()).divide(BigDecimal.valueOf(4));
            b.append(i > 0 ? "," : "").append('[').append(t).append(',').append(sim.price(c.open())).append(',')
                    .append(sim.price(c.high())).append(',').append(sim.price(c.low())).append(',')
                    .append(sim.price(c.close())).append(',').append(sim.qty(m, c.volume())).append(',')
                    .append(t + ms - 1).append(',').append(sim.quote(c.volume().multiply(typical))).append(',')
                    .append(c.trades()).append(",\"0\",\"0\",\"0\"]");
        }
        return new Answer(200, b.append(']').toString());
    }

    private Answer aggTrades(Map<String, String> p) {
        Answer[] err = new Answer[1];
        BinanceMarket m = symbol(p, err);
        if (m == null) {
            return err[0];
        }
        int limit = Math.min(intParam(p.get("limit"), 500), 1000);
        if (limit < 1) {
            return bad(-1100, "Illegal characters found in parameter 'limit'; legal range is '1' to '1000'.");
        }
        long fromId = p.containsKey("fromId") ? Long.parseLong(p.get("fromId")) : Long.MIN_VALUE;
        long start = p.containsKey("startTime") ? Long.parseLong(p.get("startTime")) : Long.MIN_VALUE;
        long end = p.containsKey("endTime") ? Long.parseLong(p.get("endTime")) : Long.MAX_VALUE;
        List<BinanceMarket.AggTrade> out = new ArrayList<>();
        boolean forward = fromId != Long.MIN_VALUE || start != Long.MIN_VALUE;
        if (forward) {
            for (BinanceMarket.AggTrade t : m.trades) {
                if (t.id() >= fromId && t.time() >= start && t.time() <= end && out.size() < limit) {
                    out.add(t);
                }
            }
        } else {
            var it = m.trades.descendingIterator();
            while (it.hasNext() && out.size() < limit) {
                BinanceMarket.AggTrade t = it.next();
                if (t.time() <= end) {
                    out.add(0, t);
                }
            }
        }
        StringBuilder b = new StringBuilder(out.size() * 120 + 2).append('[');
        for (int i = 0; i < out.size(); i++) {
            BinanceMarket.AggTrade t = out.get(i);
            b.append(i > 0 ? "," : "").append("{\"a\":").append(t.id()).append(",\"p\":").append(sim.price(t.price()))
                    .append(",\"q\":").append(sim.qty(m, t.quantity())).append(",\"f\":").append(t.firstId())
                    .append(",\"l\":").append(t.lastId()).append(",\"T\":").append(t.time()).append(",\"m\":")
                    .append(t.buyerIsMaker()).append(sim.futures ? "}" : ",\"M\":true}");
        }
        return new Answer(200, b.append(']').toString());
    }

    private Answer ticker(Map<String, String> p) {
        List<BinanceMarket> list = new ArrayList<>();
        if (p.containsKey("symbol")) {
            Answer[] err = new Answer[1];
            BinanceMarket m = symbol(p, err);
            if (m == null) {
                return err[0];
            }
            String one = tickerJson(m);
            return new Answer(200, one);
        }
        list.addAll(sim.markets.values());
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < list.size(); i++) {
            b.append(i > 0 ? "," : "").append(tickerJson(list.get(i)));
        }
        return new Answer(200, b.append(']').toString());
    }

    private String tickerJson(BinanceMarket m) {
        Ticker t = m.ticker;
        long now = sim.epochMillis();
        BigDecimal zero = BigDecimal.ZERO;
        var d = t == null ? null : t.day();
        BigDecimal last = t == null || t.last() == null ? zero : t.last();
        StringBuilder b = new StringBuilder(600).append("{\"symbol\":\"").append(m.symbol).append("\",\"priceChange\":")
                .append(sim.price(d == null ? zero : BinanceSimulator.nz(d.change()))).append(",\"priceChangePercent\":")
                .append(BinanceWire.decimal(d == null ? zero : BinanceSimulator.nz(d.changeRatio()).multiply(BigDecimal.valueOf(100)), 3))
                .append(",\"weightedAvgPrice\":")
                .append(sim.price(d == null ? zero : BinanceSimulator.weighted(BinanceSimulator.nz(d.volume()), BinanceSimulator.nz(d.quoteVolume()), last)));
        if (!sim.futures) {
            b.append(",\"prevClosePrice\":").append(sim.price(d == null ? zero : BinanceSimulator.nz(d.open())));
        }
        b.append(",\"lastPrice\":").append(sim.price(last)).append(",\"lastQty\":")
                .append(sim.qty(m, m.trades.isEmpty() ? zero : m.trades.peekLast().quantity()));
        if (!sim.futures) {
            b.append(",\"bidPrice\":").append(sim.price(m.topBid == null ? zero : m.topBid)).append(",\"bidQty\":")
                    .append(sim.qty(m, m.topBidSize == null ? zero : m.topBidSize)).append(",\"askPrice\":")
                    .append(sim.price(m.topAsk == null ? zero : m.topAsk)).append(",\"askQty\":")
                    .append(sim.qty(m, m.topAskSize == null ? zero : m.topAskSize));
        }
        b.append(",\"openPrice\":").append(sim.price(d == null ? zero : BinanceSimulator.nz(d.open()))).append(",\"highPrice\":")
                .append(sim.price(d == null ? zero : BinanceSimulator.nz(d.high()))).append(",\"lowPrice\":")
                .append(sim.price(d == null ? zero : BinanceSimulator.nz(d.low()))).append(",\"volume\":")
                .append(sim.qty(m, d == null ? zero : BinanceSimulator.nz(d.volume()))).append(",\"quoteVolume\":")
                .append(sim.quote(d == null ? zero : BinanceSimulator.nz(d.quoteVolume()))).append(",\"openTime\":").append(now - 86_400_000L)
                .append(",\"closeTime\":").append(now).append(",\"firstId\":").append(m.firstTradeId)
                .append(",\"lastId\":").append(m.trades.isEmpty() ? -1 : m.trades.peekLast().lastId())
                .append(",\"count\":").append(m.tradeCount).append('}');
        return b.toString();
    }

    private Answer premiumIndex(Map<String, String> p) {
        if (p.containsKey("symbol")) {
            Answer[] err = new Answer[1];
            BinanceMarket m = symbol(p, err);
            return m == null ? err[0] : new Answer(200, premium(m));
        }
        StringBuilder b = new StringBuilder("[");
        int i = 0;
        for (BinanceMarket m : sim.markets.values()) {
            b.append(i++ > 0 ? "," : "").append(premium(m));
        }
        return new Answer(200, b.append(']').toString());
    }

    private String premium(BinanceMarket m) {
        MarkPrice k = m.mark;
        BigDecimal zero = BigDecimal.ZERO;
        return "{\"symbol\":\"" + m.symbol + "\",\"markPrice\":" + BinanceWire.decimal(k == null ? zero : k.markPrice(), 8)
                + ",\"indexPrice\":" + BinanceWire.decimal(k == null ? zero : k.indexPrice(), 8)
                + ",\"estimatedSettlePrice\":" + BinanceWire.decimal(k == null ? zero : k.indexPrice(), 8)
                + ",\"lastFundingRate\":" + BinanceWire.decimal(k == null ? zero : k.fundingRate(), 8)
                + ",\"interestRate\":\"0.00010000\",\"nextFundingTime\":"
                + (k == null ? 0 : k.nextFunding().toEpochMilli()) + ",\"time\":" + sim.epochMillis() + "}";
    }
}
