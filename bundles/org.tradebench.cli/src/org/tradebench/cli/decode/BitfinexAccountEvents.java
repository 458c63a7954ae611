package org.tradebench.cli.decode;

import java.math.BigDecimal;
import java.util.Locale;

import org.tradebench.api.market.Side;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.cli.json.EventJsonWriter;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexNotification;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOrder;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOrderStatusText;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOwnTrade;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexPosition;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSymbols;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexWallet;

/**
 * Bitfinex account records (channel 0) to {@code order}, {@code fill}, {@code balance} and
 * {@code position} events, as pure functions: the same record always gives the same line. What
 * needs memory across frames (a {@code te} waiting for its {@code tu}) is
 * {@link BitfinexEvents}'s business.
 *
 * <pre>{@code
 * BitfinexAccountEvents.order(json, order, false, received);
 * // {"type":"order","exchange":"bitfinex","symbol":"BTC/USD","id":"1187195911","clientId":"1737972930001",
 * //  "side":"buy","orderType":"limit","price":"103950.5","quantity":"0.5","filled":"0.1",
 * //  "status":"partially-filled","time":"2025-01-27T10:15:30.050Z"}
 * BitfinexAccountEvents.orderTypeName("EXCHANGE STOP LIMIT"); // "stop-limit"
 * }</pre>
 *
 * <p>Field choices beyond the plain renaming (see docs/cli.md): the side of an order is the sign of
 * its original amount; {@code quantity} is the original amount and {@code filled} what has gone;
 * stop orders print their trigger as {@code triggerPrice} (and a stop-limit its limit as
 * {@code price}); a closed or refused order says why in {@code reason}; a fill's {@code fee} is
 * positive when charged (Bitfinex sends it negative); margin and funding wallets are
 * {@code "USD:margin"}, {@code "USD:funding"} like the connector's balances; a closed position is
 * {@code "side":"flat"} with quantity 0. Stateless.
 */
public final class BitfinexAccountEvents {

    private BitfinexAccountEvents() {
    }

    /**
     * Writes an order event.
     *
     * @param json where to write
     * @param order the order ({@code os}, {@code on}, {@code ou}, {@code oc})
     * @param closed whether the message closed it ({@code oc})
     * @param received receive time, or -1 when unknown
     * @throws IllegalArgumentException when the symbol is not a Bitfinex trading pair
     */
    public static void order(EventJsonWriter json, BitfinexOrder order, boolean closed, long received) {
        BitfinexOrderStatusText status = BitfinexOrderStatusText.parse(order.status());
        OrderStatus state = status.orderStatus(closed, order.amount(), order.originalAmount());
        String reason = state == OrderStatus.CANCELLED || state == OrderStatus.REJECTED ? status.reason() : "";
        order(json, order, state, reason, order.updated(), received);
    }

    /**
     * Writes the order event of a failed order request ({@code on-req} with {@code ERROR}): the
     * order is rejected, with the notification's text as the reason.
     *
     * @param json where to write
     * @param notification the failure notification, with the echoed order
     * @param received receive time, or -1 when unknown
     * @throws IllegalArgumentException when the notification has no order or its symbol is not a
     *         Bitfinex trading pair
     */
    public static void rejectedOrder(EventJsonWriter json, BitfinexNotification notification, long received) {
        BitfinexOrder order = notification.order();
        if (order == null) {
            throw new IllegalArgumentException("notification " + notification.type() + " has no order");
        }
        String text = notification.text().isEmpty() ? notification.status() : notification.text();
        String reason = text + (notification.code() == null ? "" : " (code " + notification.code() + ")");
        order(json, order, OrderStatus.REJECTED, reason, notification.time() > 0 ? notification.time() : -1,
                received);
    }

    private static void order(EventJsonWriter json, BitfinexOrder order, OrderStatus state, String reason, long time,
            long received) {
        String type = orderTypeName(order.type());
        BigDecimal original = order.originalAmount();
        BigDecimal price = positive(order.price());
        BigDecimal limit = price;
        BigDecimal trigger = null;
        switch (type) {
            case "market" -> limit = null;
            case "stop", "trailing-stop" -> {
                limit = null;
                trigger = price;
            }
            case "stop-limit" -> {
                limit = positive(order.auxLimitPrice());
                trigger = price;
            }
            default -> {
                // limit-like: PRICE is the limit
            }
        }
        json.begin("order", BitfinexEvents.EXCHANGE).string("symbol", BitfinexSymbols.unified(order.symbol()))
                .string("id", order.id() == 0 ? null : Long.toString(order.id()))
                .string("clientId", order.clientOrderId() == null ? null : Long.toString(order.clientOrderId()))
                .string("side", side(original.signum() != 0 ? original : order.amount()).wireName())
                .string("orderType", type).decimal("price", limit).decimal("triggerPrice", trigger)
                .decimal("quantity", original.abs()).decimal("filled", filled(order.amount(), original))
                .string("status", state.wireName()).string("reason", reason.isEmpty() ? null : reason)
                .time("time", time).time("received", received).end();
    }

    /**
     * Writes a fill event.
     *
     * @param json where to write
     * @param trade the execution ({@code tu} with its fee, or {@code te} without)
     * @param received receive time, or -1 when unknown
     * @throws IllegalArgumentException when the symbol is not a Bitfinex trading pair
     */
    public static void fill(EventJsonWriter json, BitfinexOwnTrade trade, long received) {
        json.begin("fill", BitfinexEvents.EXCHANGE).string("symbol", BitfinexSymbols.unified(trade.symbol()))
                .string("orderId", Long.toString(trade.orderId())).string("id", Long.toString(trade.id()))
                .decimal("price", trade.price()).decimal("quantity", trade.amount().abs())
                .string("side", side(trade.amount()).wireName())
                .decimal("fee", trade.fee() == null ? null : trade.fee().negate())
                .string("feeCurrency", trade.feeCurrency() == null ? null : BitfinexSymbols.currency(trade.feeCurrency()))
                .bool("maker", trade.maker()).time("time", trade.time()).time("received", received).end();
    }

    /**
     * Writes a balance event.
     *
     * @param json where to write
     * @param wallet the wallet ({@code ws}, {@code wu})
     * @param received receive time, or -1 when unknown
     */
    public static void balance(EventJsonWriter json, BitfinexWallet wallet, long received) {
        json.begin("balance", BitfinexEvents.EXCHANGE).string("currency", walletCurrency(wallet))
                .decimal("total", wallet.balance()).decimal("available", wallet.available())
                .time("received", received).end();
    }

    /**
     * Writes a position event.
     *
     * @param json where to write
     * @param position the position ({@code ps}, {@code pn}, {@code pu}, {@code pc})
     * @param closed whether the message closed it ({@code pc})
     * @param received receive time, or -1 when unknown
     * @throws IllegalArgumentException when the symbol is not a Bitfinex trading pair
     */
    public static void position(EventJsonWriter json, BitfinexPosition position, boolean closed, long received) {
        boolean flat = closed || "CLOSED".equalsIgnoreCase(position.status()) || position.amount().signum() == 0;
        long time = position.updated() != null ? position.updated() : position.created() != null ? position.created() : -1;
        json.begin("position", BitfinexEvents.EXCHANGE).string("symbol", BitfinexSymbols.unified(position.symbol()));
        if (flat) {
            json.string("side", "flat").string("quantity", "0");
        } else {
            json.string("side", position.amount().signum() > 0 ? "long" : "short")
                    .decimal("quantity", position.amount().abs()).decimal("entryPrice", positive(position.basePrice()))
                    .decimal("unrealizedPnl", position.profitLoss()).decimal("leverage", positive(position.leverage()))
                    .decimal("liquidationPrice", positive(position.liquidationPrice()));
        }
        json.time("time", time).time("received", received).end();
    }

    /**
     * The event name of a Bitfinex order type: {@code LIMIT}, {@code IOC} and {@code FOK} are
     * {@code limit}; {@code MARKET} {@code market}; {@code STOP} {@code stop}; {@code STOP LIMIT}
     * {@code stop-limit}; {@code TRAILING STOP} {@code trailing-stop}; with or without the
     * {@code EXCHANGE} prefix (exchange wallet rather than margin). Other types in lower case with
     * hyphens.
     *
     * @param type for example {@code "EXCHANGE STOP LIMIT"}
     * @return for example {@code "stop-limit"}
     */
    public static String orderTypeName(String type) {
        String bare = type.strip().toUpperCase(Locale.ROOT);
        if (bare.startsWith("EXCHANGE ")) {
            bare = bare.substring("EXCHANGE ".length()).strip();
        }
        return switch (bare) {
            case "LIMIT", "IOC", "FOK" -> "limit";
            case "MARKET" -> "market";
            case "STOP" -> "stop";
            case "STOP LIMIT" -> "stop-limit";
            case "TRAILING STOP" -> "trailing-stop";
            default -> bare.toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-");
        };
    }

    /**
     * The side of a signed Bitfinex amount.
     *
     * @param amount positive buys, negative sells
     * @return BUY or SELL (zero counts as a buy)
     */
    public static Side side(BigDecimal amount) {
        return amount.signum() < 0 ? Side.SELL : Side.BUY;
    }

    /**
     * What an order has filled.
     *
     * @param remaining AMOUNT, signed
     * @param original AMOUNT_ORIG, signed
     * @return |original| - |remaining|, at least 0
     */
    public static BigDecimal filled(BigDecimal remaining, BigDecimal original) {
        BigDecimal filled = original.abs().subtract(remaining.abs());
        return filled.signum() < 0 ? BigDecimal.ZERO : filled;
    }

    /**
     * The currency a wallet's balance is reported under: the unified code ({@code UST} is
     * {@code USDT}) for the exchange wallet, with {@code :margin} or {@code :funding} appended for
     * the others, so that each wallet keeps its own balance.
     *
     * @param wallet the wallet
     * @return for example {@code "USDT"}, {@code "USD:margin"}
     */
    public static String walletCurrency(BitfinexWallet wallet) {
        String currency = BitfinexSymbols.currency(wallet.currency());
        return wallet.type().equalsIgnoreCase("exchange") ? currency : currency + ":" + wallet.type().toLowerCase(Locale.ROOT);
    }

    private static BigDecimal positive(BigDecimal value) {
        return value == null || value.signum() <= 0 ? null : value;
    }
}
