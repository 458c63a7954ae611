package org.tradebench.connector.binance.internal.trading;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.tradebench.api.account.MarginMode;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.trading.OrderStatus;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Binance's user data events as values, pure functions: spot {@code executionReport},
 * {@code outboundAccountPosition}, {@code balanceUpdate}; USD-M {@code ORDER_TRADE_UPDATE},
 * {@code ACCOUNT_UPDATE}, {@code listenKeyExpired}; and the REST answers reconciliation reads
 * (spot {@code /api/v3/account}, USD-M {@code /fapi/v2/account} and {@code /fapi/v2/positionRisk}).
 * A malformed event throws {@link IllegalArgumentException} naming the event and the field; the
 * caller counts it and goes on.
 */
public final class AccountEvents {

    private AccountEvents() {
    }

    /** A user data event. */
    public sealed interface Event permits OrderUpdate, AlgoUpdate, Balances, Positions, AccountUpdate, ListenKeyExpired, Ignored {
    }

    /**
     * An order's report; a fill when {@code lastQuantity > 0}.
     *
     * @param symbol Binance's symbol
     * @param clientOrderId the original client order id (a cancel's own id is left out)
     * @param orderId Binance's id
     * @param binanceStatus {@code NEW}, {@code FILLED}, ...
     * @param status the API's status
     * @param executionType {@code NEW}, {@code TRADE}, {@code CANCELED}, {@code EXPIRED}, ...
     * @param filled cumulative filled quantity
     * @param average average price, or null
     * @param lastQuantity this report's fill quantity (0 when none)
     * @param lastPrice this report's fill price, or null
     * @param fee this fill's fee, or null
     * @param feeAsset its currency, or null
     * @param tradeId the fill's trade id, or null
     * @param maker whether the fill was on the maker side
     * @param rejectReason the reason of a rejection, or null
     * @param realizedPnl the fill's realised P&amp;L (USD-M), or null
     * @param time the event's transaction time
     */
    public record OrderUpdate(String symbol, String clientOrderId, String orderId, String binanceStatus,
            OrderStatus status, String executionType, BigDecimal filled, BigDecimal average, BigDecimal lastQuantity,
            BigDecimal lastPrice, BigDecimal fee, String feeAsset, String tradeId, boolean maker, String rejectReason,
            BigDecimal realizedPnl, Instant time) implements Event {
        /** Whether this report carries a fill. */
        public boolean isFill() {
            return lastQuantity.signum() > 0 && lastPrice != null && lastPrice.signum() > 0;
        }
    }

    /**
     * A USD-M algo (conditional) order's report ({@code ALGO_UPDATE}).
     *
     * @param symbol Binance's symbol
     * @param clientAlgoId the client id (ours)
     * @param algoId Binance's algo id
     * @param status {@code NEW}, {@code TRIGGERING}, {@code TRIGGERED}, {@code FINISHED},
     *        {@code CANCELED}, {@code EXPIRED}, {@code REJECTED}
     * @param average the triggered order's average price, or null
     * @param filled the triggered order's filled quantity, or null
     * @param time the event's time
     */
    public record AlgoUpdate(String symbol, String clientAlgoId, String algoId, String status, BigDecimal average,
            BigDecimal filled, Instant time) implements Event {
    }

    /**
     * Balances: each one as it is now (not a change).
     *
     * @param rows the balances
     * @param time the event's time
     */
    public record Balances(List<BalanceRow> rows, Instant time) implements Event {
    }

    /**
     * One balance.
     *
     * @param asset the currency
     * @param total the wallet balance
     * @param available what is free
     * @param unrealizedPnl unrealised P&amp;L of its positions (USD-M), or null
     */
    public record BalanceRow(String asset, BigDecimal total, BigDecimal available, BigDecimal unrealizedPnl) {
    }

    /**
     * Positions as they are now.
     *
     * @param rows the positions
     * @param time the time
     */
    public record Positions(List<PositionRow> rows, Instant time) implements Event {
    }

    /**
     * One USD-M position.
     *
     * @param symbol Binance's symbol
     * @param amount signed amount ({@code pa}, {@code positionAmt})
     * @param entryPrice entry price
     * @param markPrice mark price, or null (the stream does not carry it)
     * @param unrealizedPnl unrealised P&amp;L
     * @param realizedPnl accumulated realised P&amp;L ({@code cr}), or null
     * @param leverage leverage, or null (the stream does not carry it)
     * @param liquidationPrice liquidation price, or null
     * @param marginMode cross or isolated
     * @param isolatedMargin the isolated margin, or null
     * @param positionSide {@code BOTH} (one-way), {@code LONG} or {@code SHORT} (hedge mode)
     */
    public record PositionRow(String symbol, BigDecimal amount, BigDecimal entryPrice, BigDecimal markPrice,
            BigDecimal unrealizedPnl, BigDecimal realizedPnl, BigDecimal leverage, BigDecimal liquidationPrice,
            MarginMode marginMode, BigDecimal isolatedMargin, String positionSide) {

        /** LONG, SHORT or FLAT from the signed amount and the hedge-mode side. */
        public PositionSide side() {
            if (amount.signum() == 0) {
                return PositionSide.FLAT;
            }
            if ("LONG".equals(positionSide)) {
                return PositionSide.LONG;
            }
            if ("SHORT".equals(positionSide)) {
                return PositionSide.SHORT;
            }
            return amount.signum() > 0 ? PositionSide.LONG : PositionSide.SHORT;
        }

        /** Whether this is a hedge-mode position. */
        public boolean hedged() {
            return "LONG".equals(positionSide) || "SHORT".equals(positionSide);
        }
    }

    /**
     * The listenKey expired: the stream stops; renew and reconcile.
     *
     * @param time when
     */
    public record ListenKeyExpired(Instant time) implements Event {
    }

    /**
     * An event this connector does not use (it is counted, not an error).
     *
     * @param type its {@code e}
     */
    public record Ignored(String type) implements Event {
    }

    /**
     * Reads one event: a spot WebSocket API event ({@code {"subscriptionId":N,"event":{...}}}), a
     * USD-M stream event, or a combined-stream one ({@code {"stream":..,"data":{...}}}).
     *
     * @param frame the parsed frame
     * @return the event
     * @throws IllegalArgumentException for a malformed event, naming it and the field
     */
    public static Event read(JsonObject frame) {
        JsonObject e = frame;
        if (frame.has("event") && frame.get("event").isJsonObject()) {
            e = frame.getAsJsonObject("event");
        } else if (frame.has("data") && frame.get("data").isJsonObject()) {
            e = frame.getAsJsonObject("data");
        }
        String type = OrderCodec.text(e, "e");
        if (type == null) {
            throw new IllegalArgumentException("user data event without 'e'");
        }
        try {
            return switch (type) {
                case "executionReport" -> executionReport(e);
                case "ORDER_TRADE_UPDATE" -> orderTradeUpdate(e);
                case "outboundAccountPosition" -> outboundAccountPosition(e);
                case "ACCOUNT_UPDATE" -> accountUpdate(e);
                case "listenKeyExpired" -> new ListenKeyExpired(millis(e, "E"));
                case "ALGO_UPDATE" -> algoUpdate(e);
                default -> new Ignored(type);
            };
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException x) {
            throw new IllegalArgumentException(type + ": " + x.getMessage());
        }
    }

    /** A list of events of an {@code ACCOUNT_UPDATE}: balances and positions. */
    private static Event accountUpdate(JsonObject e) {
        JsonObject a = object(e, "a");
        Instant time = millis(e, e.has("T") ? "T" : "E");
        List<BalanceRow> balances = new ArrayList<>();
        for (JsonElement b : array(a, "B")) {
            JsonObject o = b.getAsJsonObject();
            BigDecimal wallet = OrderCodec.decimal(o, "wb");
            BigDecimal cross = OrderCodec.optionalDecimal(o, "cw");
            balances.add(new BalanceRow(OrderCodec.required(o, "a"), wallet, cross == null ? wallet : cross, null));
        }
        List<PositionRow> positions = new ArrayList<>();
        for (JsonElement p : array(a, "P")) {
            JsonObject o = p.getAsJsonObject();
            positions.add(new PositionRow(OrderCodec.required(o, "s"), OrderCodec.decimal(o, "pa"),
                    OrderCodec.optionalDecimal(o, "ep"), null, OrderCodec.optionalDecimal(o, "up"),
                    OrderCodec.optionalDecimal(o, "cr"), null, null, margin(OrderCodec.text(o, "mt")),
                    OrderCodec.optionalDecimal(o, "iw"), OrderCodec.text(o, "ps")));
        }
        return new AccountUpdate(new Balances(List.copyOf(balances), time), new Positions(List.copyOf(positions), time));
    }

    /**
     * A USD-M {@code ACCOUNT_UPDATE}: balances and positions together.
     *
     * @param balances the balances it carries
     * @param positions the positions it carries
     */
    public record AccountUpdate(Balances balances, Positions positions) implements Event {
    }

    private static OrderUpdate executionReport(JsonObject e) {
        String orig = OrderCodec.text(e, "C");
        String client = orig != null && !orig.isEmpty() ? orig : OrderCodec.required(e, "c");
        String statusText = OrderCodec.required(e, "X");
        BigDecimal filled = OrderCodec.decimal(e, "z");
        BigDecimal quote = OrderCodec.optionalDecimal(e, "Z");
        BigDecimal average = filled.signum() > 0 && quote != null && quote.signum() > 0
                ? quote.divide(filled, java.math.MathContext.DECIMAL64) : null;
        String reject = OrderCodec.text(e, "r");
        return new OrderUpdate(OrderCodec.required(e, "s"), client, OrderCodec.required(e, "i"), statusText,
                OrderCodec.status(statusText), OrderCodec.required(e, "x"), filled, average,
                OrderCodec.decimal(e, "l"), OrderCodec.optionalDecimal(e, "L"), OrderCodec.optionalDecimal(e, "n"),
                OrderCodec.text(e, "N"), tradeId(OrderCodec.text(e, "t")), bool(e, "m"),
                reject == null || reject.equals("NONE") ? null : reject, null, millis(e, e.has("T") ? "T" : "E"));
    }

    private static AlgoUpdate algoUpdate(JsonObject e) {
        JsonObject o = object(e, "o");
        return new AlgoUpdate(OrderCodec.required(o, "s"), OrderCodec.required(o, "caid"), OrderCodec.text(o, "aid"),
                OrderCodec.required(o, "X"), OrderCodec.optionalDecimal(o, "ap"), OrderCodec.optionalDecimal(o, "aq"),
                millis(e, e.has("T") ? "T" : "E"));
    }

    private static OrderUpdate orderTradeUpdate(JsonObject e) {
        JsonObject o = object(e, "o");
        String statusText = OrderCodec.required(o, "X");
        BigDecimal filled = OrderCodec.decimal(o, "z");
        BigDecimal ap = OrderCodec.optionalDecimal(o, "ap");
        return new OrderUpdate(OrderCodec.required(o, "s"), OrderCodec.required(o, "c"), OrderCodec.required(o, "i"),
                statusText, OrderCodec.status(statusText), OrderCodec.required(o, "x"), filled,
                ap == null || ap.signum() == 0 ? null : ap, OrderCodec.decimal(o, "l"),
                OrderCodec.optionalDecimal(o, "L"), OrderCodec.optionalDecimal(o, "n"), OrderCodec.text(o, "N"),
                tradeId(OrderCodec.text(o, "t")), bool(o, "m"), null, OrderCodec.optionalDecimal(o, "rp"),
                millis(o.has("T") ? o : e, o.has("T") ? "T" : "E"));
    }

    private static Balances outboundAccountPosition(JsonObject e) {
        List<BalanceRow> rows = new ArrayList<>();
        for (JsonElement b : array(e, "B")) {
            JsonObject o = b.getAsJsonObject();
            BigDecimal free = OrderCodec.decimal(o, "f");
            BigDecimal locked = OrderCodec.decimal(o, "l");
            rows.add(new BalanceRow(OrderCodec.required(o, "a"), free.add(locked), free, null));
        }
        return new Balances(List.copyOf(rows), millis(e, e.has("u") ? "u" : "E"));
    }

    /**
     * Spot {@code /api/v3/account} (or the WebSocket API's {@code account.status} result).
     *
     * @param account the answer
     * @return its balances (zero balances left out)
     */
    public static Balances spotAccount(JsonObject account) {
        List<BalanceRow> rows = new ArrayList<>();
        for (JsonElement b : array(account, "balances")) {
            JsonObject o = b.getAsJsonObject();
            BigDecimal free = OrderCodec.decimal(o, "free");
            BigDecimal locked = OrderCodec.decimal(o, "locked");
            if (free.signum() != 0 || locked.signum() != 0) {
                rows.add(new BalanceRow(OrderCodec.required(o, "asset"), free.add(locked), free, null));
            }
        }
        Instant t = account.has("updateTime") ? millis(account, "updateTime") : Instant.now();
        return new Balances(List.copyOf(rows), t);
    }

    /**
     * USD-M {@code /fapi/v2/account}: the assets (balances).
     *
     * @param account the answer
     * @return its balances
     */
    public static Balances futuresAccount(JsonObject account) {
        List<BalanceRow> rows = new ArrayList<>();
        for (JsonElement b : array(account, "assets")) {
            JsonObject o = b.getAsJsonObject();
            BigDecimal wallet = OrderCodec.decimal(o, "walletBalance");
            BigDecimal available = OrderCodec.optionalDecimal(o, "availableBalance");
            rows.add(new BalanceRow(OrderCodec.required(o, "asset"), wallet, available == null ? wallet : available,
                    OrderCodec.optionalDecimal(o, "unrealizedProfit")));
        }
        return new Balances(List.copyOf(rows), Instant.now());
    }

    /**
     * USD-M {@code /fapi/v2/positionRisk}.
     *
     * @param rows the answer
     * @return the positions
     */
    public static Positions positionRisk(JsonArray rows) {
        List<PositionRow> out = new ArrayList<>();
        for (JsonElement r : rows) {
            JsonObject o = r.getAsJsonObject();
            BigDecimal liq = OrderCodec.optionalDecimal(o, "liquidationPrice");
            out.add(new PositionRow(OrderCodec.required(o, "symbol"), OrderCodec.decimal(o, "positionAmt"),
                    OrderCodec.optionalDecimal(o, "entryPrice"), OrderCodec.optionalDecimal(o, "markPrice"),
                    OrderCodec.optionalDecimal(o, "unRealizedProfit"), null,
                    OrderCodec.optionalDecimal(o, "leverage"), liq == null || liq.signum() == 0 ? null : liq,
                    margin(OrderCodec.text(o, "marginType")), OrderCodec.optionalDecimal(o, "isolatedMargin"),
                    OrderCodec.text(o, "positionSide")));
        }
        return new Positions(List.copyOf(out), Instant.now());
    }

    private static MarginMode margin(String t) {
        return t != null && t.equalsIgnoreCase("isolated") ? MarginMode.ISOLATED : MarginMode.CROSS;
    }

    private static String tradeId(String t) {
        return t == null || t.equals("-1") ? null : t;
    }

    private static boolean bool(JsonObject o, String name) {
        return "true".equals(OrderCodec.text(o, name));
    }

    private static JsonObject object(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || !e.isJsonObject()) {
            throw new IllegalArgumentException("field '" + name + "' missing or not an object");
        }
        return e.getAsJsonObject();
    }

    private static JsonArray array(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return new JsonArray();
        }
        if (!e.isJsonArray()) {
            throw new IllegalArgumentException("field '" + name + "' is not an array");
        }
        return e.getAsJsonArray();
    }

    private static Instant millis(JsonObject o, String name) {
        String t = OrderCodec.required(o, name);
        try {
            return Instant.ofEpochMilli(Long.parseLong(t));
        } catch (NumberFormatException x) {
            throw new IllegalArgumentException("field '" + name + "' is not a time: '" + t + "'");
        }
    }
}
