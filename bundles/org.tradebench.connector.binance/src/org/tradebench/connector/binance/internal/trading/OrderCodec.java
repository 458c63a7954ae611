package org.tradebench.connector.binance.internal.trading;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.tradebench.api.account.PositionSide;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderFlag;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderRole;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.Placement;
import org.tradebench.api.trading.TimeInForce;
import org.tradebench.api.trading.TriggerSource;
import org.tradebench.connector.binance.internal.BinanceMarket;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The protocol of one Binance order, pure functions: the parameters of {@code order.place} (spot
 * and USD-M), Binance's client order id derived from ours, the order answers and queries read into
 * the API's {@link Order}, order statuses, and Binance's error code and text as a rejection a trader
 * can read.
 */
public final class OrderCodec {

    /** Binance's charset and length of a client order id. */
    public static final Pattern BINANCE_CLIENT_ID = Pattern.compile("^[\\.A-Z\\:/a-z0-9_-]{1,36}$");

    private OrderCodec() {
    }

    /**
     * Binance's {@code newClientOrderId} for a client order id: the gateway's ids
     * ({@code [A-Za-z0-9_-]{1,36}}) lie inside Binance's charset and length, so the id is sent as it
     * is. It is a function of our id alone, so an order sent before a drop or a restart is found again
     * by {@code origClientOrderId} and never placed twice.
     *
     * @param clientOrderId the gateway's id
     * @return the id Binance gets
     * @throws IllegalArgumentException when it does not fit Binance's rule
     */
    public static String binanceClientId(String clientOrderId) {
        if (!BINANCE_CLIENT_ID.matcher(clientOrderId).matches()) {
            throw new IllegalArgumentException("client order id '" + clientOrderId
                    + "' does not fit Binance's rule ^[.A-Z:/a-z0-9_-]{1,36}$");
        }
        return clientOrderId;
    }

    /**
     * The parameters of an order (without apiKey, timestamp and signature), in the order REST sends
     * them.
     *
     * @param market spot or USD-M
     * @param request the order
     * @param rawSymbol Binance's symbol
     * @return the parameters
     * @throws IllegalArgumentException for what Binance cannot express, saying what
     */
    public static Map<String, Object> placeParams(BinanceMarket market, OrderRequest request, String rawSymbol) {
        boolean futures = market.derivatives();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("symbol", rawSymbol);
        p.put("side", request.side() == Side.BUY ? "BUY" : "SELL");
        boolean postOnly = request.flags().contains(OrderFlag.POST_ONLY);
        String type = futures ? futuresType(request) : spotType(request, postOnly);
        p.put("type", type);
        boolean closePosition = request.flags().contains(OrderFlag.CLOSE_POSITION);
        if (request.flags().contains(OrderFlag.HIDDEN)) {
            throw new IllegalArgumentException("Binance has no hidden orders");
        }
        if (futures) {
            if (request.positionSide() != null) {
                p.put("positionSide", request.positionSide() == PositionSide.LONG ? "LONG" : "SHORT");
            }
        } else if (request.flags().contains(OrderFlag.REDUCE_ONLY) || closePosition) {
            throw new IllegalArgumentException("Binance spot has no reduce-only or close-position orders");
        }
        if (request.type().needsPrice()) {
            if (futures || !type.equals("LIMIT_MAKER")) {
                p.put("timeInForce", futures && postOnly ? "GTX" : request.timeInForce().name());
            }
        } else if (request.timeInForce() != TimeInForce.GTC && request.type() != OrderType.MARKET) {
            throw new IllegalArgumentException("Binance takes a time in force only on limit orders");
        }
        if (!(futures && closePosition)) {
            p.put("quantity", request.quantity().toPlainString());
        }
        if (request.price() != null) {
            p.put("price", request.price().toPlainString());
        }
        if (request.triggerPrice() != null) {
            p.put("stopPrice", request.triggerPrice().toPlainString());
        }
        if (futures) {
            if (closePosition) {
                if (!type.endsWith("_MARKET")) {
                    throw new IllegalArgumentException("Binance closes a position only with STOP_MARKET or"
                            + " TAKE_PROFIT_MARKET orders");
                }
                p.put("closePosition", "true");
            } else if (request.flags().contains(OrderFlag.REDUCE_ONLY) && request.positionSide() == null) {
                // in hedge mode the position side says it; Binance refuses reduceOnly there
                p.put("reduceOnly", "true");
            }
            if (request.triggerPrice() != null) {
                p.put("workingType", request.triggerSource() == TriggerSource.MARK ? "MARK_PRICE" : "CONTRACT_PRICE");
            }
        } else if (request.triggerSource() == TriggerSource.MARK && request.triggerPrice() != null) {
            throw new IllegalArgumentException("Binance spot triggers on the last price only");
        }
        if (isConditional(market, request.type())) {
            // USD-M conditional orders live in the Algo Service (since December 2025): algoOrder.place
            // with triggerPrice and clientAlgoId; the order it places when triggered keeps that id
            Map<String, Object> algo = new LinkedHashMap<>();
            algo.put("algoType", "CONDITIONAL");
            p.forEach((k, v) -> algo.put(k.equals("stopPrice") ? "triggerPrice" : k, v));
            algo.put("clientAlgoId", binanceClientId(request.clientOrderId()));
            return algo;
        }
        p.put("newClientOrderId", binanceClientId(request.clientOrderId()));
        p.put("newOrderRespType", "RESULT");
        return p;
    }

    /**
     * Whether an order is a USD-M conditional (algo) order: {@code STOP_MARKET}, {@code STOP},
     * {@code TAKE_PROFIT_MARKET}, {@code TAKE_PROFIT}, placed with {@code algoOrder.place}.
     *
     * @param market the market
     * @param type the order type
     * @return true for a USD-M order with a trigger
     */
    public static boolean isConditional(BinanceMarket market, OrderType type) {
        return market.derivatives() && type.needsTrigger();
    }

    /**
     * An algo order answer ({@code algoOrder.place}, {@code GET algoOrder}, {@code openAlgoOrders})
     * applied to what we know: {@code NEW}, {@code TRIGGERING} and {@code TRIGGERED} are working,
     * {@code FINISHED} is filled at {@code actualPrice}, {@code CANCELED} and {@code EXPIRED}
     * cancelled, {@code REJECTED} rejected.
     *
     * @param o the answer
     * @param known the order as known
     * @return the updated order
     */
    public static Order applyAlgo(JsonObject o, Order known) {
        String status = required(o, "algoStatus");
        BigDecimal actual = optionalDecimal(o, "actualPrice");
        return algo(known, text(o, "algoId"), status, actual, null, time(o));
    }

    /**
     * An algo order's status applied.
     *
     * @param known the order as known
     * @param algoId Binance's algo id, or null
     * @param status the algo status
     * @param average the triggered order's average price, or null
     * @param filled the triggered order's filled quantity, or null
     * @param when the time, or null
     * @return the order to show
     */
    public static Order algo(Order known, String algoId, String status, BigDecimal average, BigDecimal filled,
            Instant when) {
        BigDecimal avg = average == null || average.signum() == 0 ? null : average;
        return switch (status) {
            case "NEW", "TRIGGERING", "TRIGGERED" -> merge(known, known.id().isEmpty() ? algoId : known.id(),
                    known.status() == OrderStatus.PENDING_NEW || known.status() == OrderStatus.UNKNOWN_AFTER_DISCONNECT
                            ? OrderStatus.OPEN : known.status(),
                    filled == null ? known.filledQuantity() : filled, avg, null, when, null);
            case "FINISHED" -> avg == null && filled == null ? known
                    : merge(known, known.id(), OrderStatus.FILLED, filled == null || filled.signum() == 0
                            ? known.request().quantity() : filled, avg, "", when, null);
            case "CANCELED", "EXPIRED" -> merge(known, known.id(), OrderStatus.CANCELLED, known.filledQuantity(),
                    null, status.equals("EXPIRED") ? "expired" : "", when, null);
            case "REJECTED" -> merge(known, known.id(), OrderStatus.REJECTED, known.filledQuantity(), null,
                    "Binance rejected the triggered order", when, null);
            default -> throw new IllegalArgumentException("unknown Binance algo status '" + status + "'");
        };
    }

    private static String spotType(OrderRequest r, boolean postOnly) {
        return switch (r.type()) {
            case LIMIT -> postOnly ? "LIMIT_MAKER" : "LIMIT";
            case MARKET -> "MARKET";
            case STOP -> "STOP_LOSS";
            case STOP_LIMIT -> "STOP_LOSS_LIMIT";
            case TAKE_PROFIT -> "TAKE_PROFIT";
            case TAKE_PROFIT_LIMIT -> "TAKE_PROFIT_LIMIT";
        };
    }

    private static String futuresType(OrderRequest r) {
        return switch (r.type()) {
            case LIMIT -> "LIMIT";
            case MARKET -> "MARKET";
            case STOP -> "STOP_MARKET";
            case STOP_LIMIT -> "STOP";
            case TAKE_PROFIT -> "TAKE_PROFIT_MARKET";
            case TAKE_PROFIT_LIMIT -> "TAKE_PROFIT";
        };
    }

    /**
     * The API's order type of Binance's.
     *
     * @param binanceType for example {@code STOP_LOSS_LIMIT}, {@code TAKE_PROFIT_MARKET}
     * @param futures USD-M
     * @return the type
     */
    public static OrderType orderType(String binanceType, boolean futures) {
        return switch (binanceType) {
            case "LIMIT", "LIMIT_MAKER" -> OrderType.LIMIT;
            case "MARKET" -> OrderType.MARKET;
            case "STOP_LOSS", "STOP_MARKET" -> OrderType.STOP;
            case "STOP_LOSS_LIMIT" -> OrderType.STOP_LIMIT;
            case "STOP" -> futures ? OrderType.STOP_LIMIT : OrderType.STOP;
            case "TAKE_PROFIT" -> futures ? OrderType.TAKE_PROFIT_LIMIT : OrderType.TAKE_PROFIT;
            case "TAKE_PROFIT_MARKET" -> OrderType.TAKE_PROFIT;
            case "TAKE_PROFIT_LIMIT" -> OrderType.TAKE_PROFIT_LIMIT;
            default -> throw new IllegalArgumentException("unknown Binance order type '" + binanceType + "'");
        };
    }

    /**
     * The API's status of a Binance order status.
     *
     * @param status {@code NEW}, {@code PARTIALLY_FILLED}, {@code FILLED}, {@code CANCELED},
     *        {@code PENDING_CANCEL}, {@code REJECTED}, {@code EXPIRED}, {@code EXPIRED_IN_MATCH},
     *        {@code PENDING_NEW}
     * @return the status
     * @throws IllegalArgumentException for an unknown status
     */
    public static OrderStatus status(String status) {
        return switch (status) {
            case "NEW" -> OrderStatus.OPEN;
            case "PENDING_NEW" -> OrderStatus.PENDING_NEW;
            case "PARTIALLY_FILLED" -> OrderStatus.PARTIALLY_FILLED;
            case "FILLED" -> OrderStatus.FILLED;
            case "CANCELED", "EXPIRED", "EXPIRED_IN_MATCH" -> OrderStatus.CANCELLED;
            case "PENDING_CANCEL" -> OrderStatus.PENDING_CANCEL;
            case "REJECTED" -> OrderStatus.REJECTED;
            default -> throw new IllegalArgumentException("unknown Binance order status '" + status + "'");
        };
    }

    /** Why an order ended without a fill, as a trader reads it ("" for an ordinary end). */
    static String endReason(String status) {
        return switch (status) {
            case "EXPIRED" -> "expired";
            case "EXPIRED_IN_MATCH" -> "expired in match (self-trade prevention)";
            default -> "";
        };
    }

    /**
     * The client order id an answer is about: {@code origClientOrderId} in a cancel's answer (its
     * {@code clientOrderId} is the cancel's own), else {@code clientOrderId}.
     *
     * @param o the answer
     * @return the id, or null
     */
    public static String clientIdOf(JsonObject o) {
        String algo = text(o, "clientAlgoId");
        if (algo != null && !algo.isEmpty()) {
            return algo;
        }
        String orig = text(o, "origClientOrderId");
        return orig != null && !orig.isEmpty() ? orig : text(o, "clientOrderId");
    }

    /**
     * An order answer ({@code order.place}, {@code order.status}, {@code order.cancel}, REST
     * {@code /order}, {@code openOrders}) applied to what we know of the order.
     *
     * @param o the answer's result object
     * @param known the order as known (its request is kept)
     * @param futures USD-M (average price in {@code avgPrice}) or spot (from {@code cummulativeQuoteQty})
     * @return the updated order
     * @throws IllegalArgumentException for an answer missing a field or with an absurd number, saying
     *         which
     */
    public static Order apply(JsonObject o, Order known, boolean futures) {
        String statusText = required(o, "status");
        OrderStatus status = status(statusText);
        BigDecimal filled = decimal(o, "executedQty");
        BigDecimal average = null;
        if (filled.signum() > 0) {
            if (futures) {
                BigDecimal ap = optionalDecimal(o, "avgPrice");
                average = ap == null || ap.signum() == 0 ? null : ap;
            } else {
                BigDecimal quote = optionalDecimal(o, "cummulativeQuoteQty");
                if (quote != null && quote.signum() > 0) {
                    average = quote.divide(filled, MathContext.DECIMAL64);
                }
            }
        }
        return merge(known, text(o, "orderId"), status, filled, average, endReason(statusText), time(o), null);
    }

    /**
     * Merges a report into the known order: never back from a final state, never less filled, the
     * exchange id kept once known.
     *
     * @param known the order as known
     * @param exchangeId Binance's orderId, or null
     * @param status the reported status
     * @param filled the reported cumulative filled quantity
     * @param average the reported average price, or null
     * @param reason why it ended
     * @param when the report's time, or null for now
     * @param errorCode Binance's code of a rejection, or null
     * @return the order to show
     */
    public static Order merge(Order known, String exchangeId, OrderStatus status, BigDecimal filled, BigDecimal average,
            String reason, Instant when, String errorCode) {
        Instant at = when == null ? Instant.now() : when;
        if (known.status().isFinal() && !(status == OrderStatus.FILLED && known.status() == OrderStatus.CANCELLED)) {
            return known;
        }
        BigDecimal f = filled.compareTo(known.filledQuantity()) < 0 ? known.filledQuantity() : filled;
        if (f.compareTo(known.request().quantity()) > 0) {
            // a close-position order's quantity is the position's: never more than asked of us
            f = known.request().quantity();
        }
        OrderStatus s = status;
        if (!known.status().canBecome(s)) {
            s = known.status();
        }
        if (s == OrderStatus.OPEN && f.signum() > 0) {
            s = OrderStatus.PARTIALLY_FILLED;
        }
        String id = exchangeId != null && !exchangeId.isEmpty() ? exchangeId : known.id();
        return new Order(id, known.clientOrderId(), known.request(), s, f, average != null ? average
                : known.averagePrice(), reason == null ? known.reason() : reason, known.created(), at,
                known.accountId(), errorCode != null ? errorCode : known.errorCode(), Placement.EXCHANGE);
    }

    /**
     * The request of an order this connector did not send (found on the exchange), so it can be
     * shown.
     *
     * @param o the order object
     * @param instrument its instrument
     * @param clientOrderId the id to show
     * @param futures USD-M
     * @return the request
     */
    public static OrderRequest requestOf(JsonObject o, InstrumentId instrument, String clientOrderId, boolean futures) {
        OrderType type = orderType(o.has("orderType") ? required(o, "orderType") : required(o, "type"), futures);
        Side side = "BUY".equals(required(o, "side")) ? Side.BUY : Side.SELL;
        BigDecimal qty = o.has("origQty") ? decimal(o, "origQty") : decimal(o, "quantity");
        BigDecimal price = type.needsPrice() ? decimal(o, "price") : null;
        BigDecimal stop = type.needsTrigger() ? decimal(o, o.has("triggerPrice") ? "triggerPrice" : "stopPrice") : null;
        String tif = text(o, "timeInForce");
        TimeInForce t = tif == null || tif.equals("GTX") || tif.equals("GTD") ? TimeInForce.GTC
                : TimeInForce.valueOf(tif);
        Set<OrderFlag> flags = EnumSet.noneOf(OrderFlag.class);
        if ("true".equals(text(o, "reduceOnly"))) {
            flags.add(OrderFlag.REDUCE_ONLY);
        }
        if ("GTX".equals(tif) || "LIMIT_MAKER".equals(text(o, "type"))) {
            flags.add(OrderFlag.POST_ONLY);
        }
        String ps = text(o, "positionSide");
        PositionSide positionSide = "LONG".equals(ps) ? PositionSide.LONG : "SHORT".equals(ps) ? PositionSide.SHORT
                : null;
        if (qty.signum() == 0) {
            qty = BigDecimal.ONE; // a close-position order has no quantity of its own
            flags.add(OrderFlag.CLOSE_POSITION);
        }
        return new OrderRequest(OrderRequestIds.shown(clientOrderId), instrument, side, type, qty, price, stop, t,
                flags, null, null, "MARK_PRICE".equals(text(o, "workingType")) ? TriggerSource.MARK
                        : TriggerSource.LAST,
                positionSide, null, OrderRole.PRIMARY);
    }

    /**
     * A rejection a trader reads: "Binance rejected the order: &lt;text&gt; (code &lt;code&gt;)".
     *
     * @param what "the order", "the cancel", ...
     * @param error Binance's {@code {"code":..,"msg":..}}
     * @return the sentence
     */
    public static String rejection(String what, JsonObject error) {
        String code = text(error, "code");
        String msg = text(error, "msg");
        return "Binance rejected " + what + ": " + (msg == null || msg.isEmpty() ? "no reason given" : msg)
                + (code == null ? "" : " (code " + code + ")");
    }

    // ------------------------------------------------------------------ fields

    static String text(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? null : e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    static String required(JsonObject o, String name) {
        String t = text(o, name);
        if (t == null) {
            throw new IllegalArgumentException("field '" + name + "' missing");
        }
        return t;
    }

    static BigDecimal decimal(JsonObject o, String name) {
        BigDecimal d = optionalDecimal(o, name);
        if (d == null) {
            throw new IllegalArgumentException("field '" + name + "' missing");
        }
        return d;
    }

    /** A decimal field; NaN, infinities, exponents beyond any price and negative quantities are refused. */
    static BigDecimal optionalDecimal(JsonObject o, String name) {
        String t = text(o, name);
        if (t == null || t.isEmpty()) {
            return null;
        }
        if (t.length() > 40) {
            throw new IllegalArgumentException("field '" + name + "' is " + t.length() + " characters long");
        }
        try {
            BigDecimal d = new BigDecimal(t);
            if (d.scale() < -30 || d.scale() > 30 || d.abs().compareTo(new BigDecimal("1e18")) > 0) {
                throw new IllegalArgumentException("field '" + name + "' has an absurd value " + t);
            }
            return d.stripTrailingZeros().scale() < 0 ? d.setScale(0) : d.stripTrailingZeros();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field '" + name + "' is not a number: '" + t + "'");
        }
    }

    static Instant time(JsonObject o) {
        for (String f : new String[] { "updateTime", "transactTime", "workingTime", "time" }) {
            String t = text(o, f);
            if (t != null) {
                try {
                    long ms = Long.parseLong(t);
                    if (ms > 0) {
                        return Instant.ofEpochMilli(ms);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("field '" + f + "' is not a time: '" + t + "'");
                }
            }
        }
        return null;
    }
}
