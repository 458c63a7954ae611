package org.tradebench.connector.bitfinex.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.tradebench.api.Decimals;
import org.tradebench.api.account.Balance;
import org.tradebench.api.account.MarginMode;
import org.tradebench.api.account.Position;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.DayStats;
import org.tradebench.api.market.Liquidation;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.Quote;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.Trade;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.OrderFlag;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderRole;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.TimeInForce;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexCandle;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChange;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexDerivativeStatus;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexLiquidation;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOrder;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOrderStatusText;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOwnTrade;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexPosition;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSymbols;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTicker;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrade;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexWallet;

import com.google.gson.stream.JsonWriter;

/**
 * Bitfinex values to API values and back, as pure static functions (tested against recorded
 * payloads). Nothing here keeps state or logs.
 *
 * <pre>{@code
 * Optional<Ticker> t = BitfinexAdapters.ticker(btc, bitfinexTicker, exchangeTime, received);
 * OrderStatus s = BitfinexAdapters.orderStatus(BitfinexChange.CLOSE, order);  // FILLED for "EXECUTED @ ..."
 * String on = BitfinexAdapters.newOrderPayload(request, instrument, cid);     // the "on" input's JSON
 * }</pre>
 */
public final class BitfinexAdapters {

    /** The id of Bitfinex's one trading account (exchange, margin and funding wallets in one). */
    public static final String ACCOUNT_ID = "main";

    /** Order flag: hidden. */
    public static final int FLAG_HIDDEN = 64;
    /** Order flag: close position. */
    public static final int FLAG_CLOSE = 512;
    /** Order flag: reduce-only. */
    public static final int FLAG_REDUCE_ONLY = 1024;
    /** Order flag: post-only. */
    public static final int FLAG_POST_ONLY = 4096;
    /** Order flag: one-cancels-other. */
    public static final int FLAG_OCO = 16384;

    /** {@code cid_date}: the UTC day an order was created. */
    public static final DateTimeFormatter CID_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private static final Map<String, CandleInterval> TIMEFRAMES = timeframes();

    private BitfinexAdapters() {
    }

    // ---------------------------------------------------------------- candles

    private static Map<String, CandleInterval> timeframes() {
        Map<String, CandleInterval> m = new LinkedHashMap<>();
        m.put("1m", CandleInterval.M1);
        m.put("5m", CandleInterval.M5);
        m.put("15m", CandleInterval.M15);
        m.put("30m", new CandleInterval(Duration.ofMinutes(30)));
        m.put("1h", CandleInterval.H1);
        m.put("3h", new CandleInterval(Duration.ofHours(3)));
        m.put("6h", new CandleInterval(Duration.ofHours(6)));
        m.put("12h", new CandleInterval(Duration.ofHours(12)));
        m.put("1D", CandleInterval.D1);
        m.put("1W", new CandleInterval(Duration.ofDays(7)));
        m.put("14D", new CandleInterval(Duration.ofDays(14)));
        // A calendar month has no fixed length; the API's interval is a duration, so 1M is 30 days
        // here. Its candles still start where Bitfinex says (the first of the month).
        m.put("1M", new CandleInterval(Duration.ofDays(30)));
        return Map.copyOf(m);
    }

    /** Every Bitfinex candle interval, shortest first. */
    public static List<CandleInterval> candleIntervals() {
        return TIMEFRAMES.values().stream().sorted((a, b) -> a.duration().compareTo(b.duration())).toList();
    }

    /**
     * The Bitfinex timeframe of an interval.
     *
     * @param interval the interval
     * @return for example {@code "1m"}, {@code "1D"}, {@code "1M"}, or empty when Bitfinex has none
     */
    public static Optional<String> timeframe(CandleInterval interval) {
        return TIMEFRAMES.entrySet().stream().filter(e -> e.getValue().equals(interval)).map(Map.Entry::getKey)
                .findFirst();
    }

    /**
     * A Bitfinex candle as an API candle.
     *
     * @param instrument the instrument
     * @param interval the interval
     * @param c the candle
     * @param now the exchange time now (a candle whose bucket ended is closed)
     * @return the candle, or empty when its prices are inconsistent
     */
    public static Optional<Candle> candle(InstrumentId instrument, CandleInterval interval, BitfinexCandle c,
            Instant now) {
        Instant start = Instant.ofEpochMilli(c.start());
        boolean closed = !start.plus(interval.duration()).isAfter(now);
        try {
            return Optional.of(new Candle(instrument, interval, start, c.open(), c.high(), c.low(), c.close(),
                    c.volume().abs(), 0, closed));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- ticker and trades

    /**
     * A ticker: the quote when Bitfinex sent a bid and an ask, the last price and the day's
     * statistics when it sent them; what it did not send is left out, never invented.
     *
     * @param instrument the instrument
     * @param t the ticker
     * @param time exchange time
     * @param received local receive time
     * @return the ticker, or empty when the message carries nothing usable (a pair without trades
     *         or quotes yet)
     */
    public static Optional<Ticker> ticker(InstrumentId instrument, BitfinexTicker t, Instant time, Instant received) {
        Quote quote = null;
        if (t.bid() != null && t.ask() != null && t.bid().signum() > 0 && t.ask().signum() > 0) {
            quote = new Quote(t.bid(), abs(t.bidSize()), t.ask(), abs(t.askSize()));
        }
        BigDecimal last = t.lastPrice() != null && t.lastPrice().signum() > 0 ? t.lastPrice() : null;
        DayStats day = null;
        if (t.volume() != null || t.high() != null || t.low() != null || t.dailyChange() != null) {
            day = new DayStats(t.volume() == null ? null : t.volume().abs(), null, t.high(), t.low(), null,
                    t.dailyChange(), t.dailyChangeRelative());
        }
        if (quote == null && last == null && day == null) {
            return Optional.empty();
        }
        return Optional.of(new Ticker(instrument, time, received, quote, last, day));
    }

    private static BigDecimal abs(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v.abs();
    }

    /**
     * A derivatives status as a mark price event.
     *
     * @param instrument the perpetual
     * @param s the status
     * @param received local receive time
     * @return the event, or empty when it carries none of the values
     */
    public static Optional<MarkPrice> markPrice(InstrumentId instrument, BitfinexDerivativeStatus s, Instant received) {
        BigDecimal mark = positive(s.markPrice());
        BigDecimal index = positive(s.spotPrice());
        BigDecimal oi = s.openInterest() == null ? null : s.openInterest().abs();
        if (mark == null && index == null && s.currentFunding() == null && oi == null) {
            return Optional.empty();
        }
        return Optional.of(new MarkPrice(instrument, Instant.ofEpochMilli(s.time()), received, mark, index,
                s.currentFunding(), s.nextFunding() > 0 ? Instant.ofEpochMilli(s.nextFunding()) : null, oi));
    }

    /**
     * A liquidation, once it executed (IS_MATCH 1): the liquidated position's opposite side, at
     * the price it was taken over at (its entry price when that is not given).
     *
     * @param instrument the instrument
     * @param l the liquidation
     * @param received local receive time
     * @return the liquidation, or empty for a trigger (IS_MATCH 0) or an empty amount
     */
    public static Optional<Liquidation> liquidation(InstrumentId instrument, BitfinexLiquidation l, Instant received) {
        BigDecimal price = positive(l.acquiredPrice()) != null ? l.acquiredPrice() : positive(l.basePrice());
        if (!l.match() || l.amount().signum() == 0 || price == null) {
            return Optional.empty();
        }
        Side side = l.amount().signum() > 0 ? Side.SELL : Side.BUY;
        return Optional.of(new Liquidation(instrument, Instant.ofEpochMilli(l.time()), received, side, price,
                l.amount().abs()));
    }

    /**
     * A public trade.
     *
     * @param instrument the instrument
     * @param t the trade
     * @param received local receive time
     * @return the trade, or empty for a zero amount or price
     */
    public static Optional<Trade> trade(InstrumentId instrument, BitfinexTrade t, Instant received) {
        if (t.amount().signum() == 0 || t.price().signum() <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Trade(instrument, Long.toString(t.id()), Instant.ofEpochMilli(t.time()), received,
                t.price(), t.quantity(), t.takerSide()));
    }

    // ---------------------------------------------------------------- orders

    /**
     * The API status of a Bitfinex order message (the status text parsed by
     * {@link BitfinexOrderStatusText}).
     *
     * @param change new, update or close ({@code os} snapshots count as updates)
     * @param order the order
     * @return OPEN or PARTIALLY_FILLED while working; FILLED, CANCELLED or REJECTED once closed
     */
    public static OrderStatus orderStatus(BitfinexChange change, BitfinexOrder order) {
        return BitfinexOrderStatusText.parse(order.status()).orderStatus(change == BitfinexChange.CLOSE, order.amount(),
                order.originalAmount());
    }

    /**
     * The quantity filled so far.
     *
     * @param order the order
     * @return |AMOUNT_ORIG| - |AMOUNT|, at least zero
     */
    public static BigDecimal filled(BitfinexOrder order) {
        BigDecimal f = order.originalAmount().abs().subtract(order.amount().abs());
        return f.signum() < 0 ? BigDecimal.ZERO : Decimals.normalize(f);
    }

    /**
     * The average fill price.
     *
     * @param order the order
     * @return the price, or null before the first fill
     */
    public static BigDecimal averagePrice(BitfinexOrder order) {
        BigDecimal avg = order.averagePrice();
        return avg == null || avg.signum() <= 0 ? null : avg;
    }

    /**
     * The reason a closed order gives, for people: empty for fills and plain cancels.
     *
     * @param status the Bitfinex status text
     * @return for example {@code "Bitfinex: post-only order would have taken liquidity (POSTONLY CANCELED)"}
     */
    public static String closeReason(String status) {
        String why = BitfinexOrderStatusText.parse(status).reason();
        return why.isEmpty() ? "" : "Bitfinex: " + why;
    }

    /**
     * The request an exchange order corresponds to, for orders placed elsewhere (the website,
     * another session) that the connector learns about from the exchange.
     *
     * @param order the order
     * @param instrument the instrument
     * @param clientOrderId the id to give it
     * @return a request describing it
     */
    public static OrderRequest requestOf(BitfinexOrder order, InstrumentId instrument, String clientOrderId) {
        Side side = order.originalAmount().signum() >= 0 ? Side.BUY : Side.SELL;
        BigDecimal qty = order.originalAmount().abs();
        if (qty.signum() == 0) {
            qty = order.amount().abs().signum() > 0 ? order.amount().abs() : BigDecimal.ONE;
        }
        String type = order.type().toUpperCase(Locale.ROOT);
        String bare = type.startsWith("EXCHANGE ") ? type.substring(9) : type;
        BigDecimal price = positive(order.price());
        BigDecimal aux = positive(order.auxLimitPrice());
        Set<OrderFlag> flags = EnumSet.noneOf(OrderFlag.class);
        if ((order.flags() & FLAG_HIDDEN) != 0) {
            flags.add(OrderFlag.HIDDEN);
        }
        if ((order.flags() & FLAG_REDUCE_ONLY) != 0) {
            flags.add(OrderFlag.REDUCE_ONLY);
        }
        OrderType ot;
        TimeInForce tif = TimeInForce.GTC;
        BigDecimal limit = null;
        BigDecimal trigger = null;
        switch (bare) {
            case "MARKET" -> {
                ot = OrderType.MARKET;
                tif = TimeInForce.IOC;
            }
            case "STOP", "TRAILING STOP" -> {
                ot = OrderType.STOP;
                trigger = price;
            }
            case "STOP LIMIT" -> {
                ot = OrderType.STOP_LIMIT;
                trigger = price;
                limit = aux;
            }
            case "IOC", "FOK" -> {
                ot = OrderType.LIMIT;
                limit = price;
                tif = bare.equals("IOC") ? TimeInForce.IOC : TimeInForce.FOK;
            }
            default -> {
                ot = OrderType.LIMIT;
                limit = price;
            }
        }
        if ((ot.needsPrice() && limit == null) || (ot.needsTrigger() && trigger == null)) {
            ot = OrderType.MARKET;
            tif = TimeInForce.IOC;
            limit = null;
            trigger = null;
        }
        if ((order.flags() & FLAG_POST_ONLY) != 0 && ot == OrderType.LIMIT && tif == TimeInForce.GTC) {
            flags.add(OrderFlag.POST_ONLY);
        }
        return OrderRequest.of(clientOrderId, instrument, side, ot, qty, limit, trigger, tif).withFlags(flags);
    }

    private static BigDecimal positive(BigDecimal v) {
        return v == null || v.signum() <= 0 ? null : v;
    }

    /**
     * The interval of a Bitfinex timeframe.
     *
     * @param timeframe for example {@code "1m"} or {@code "1D"}
     * @return the interval, or empty for an unknown timeframe
     */
    public static Optional<CandleInterval> interval(String timeframe) {
        return Optional.ofNullable(timeframe == null ? null : TIMEFRAMES.get(timeframe));
    }

    /**
     * Whether Bitfinex has an order type for a request.
     *
     * @param request the request
     * @return empty when it has, else why not
     */
    public static Optional<String> unsupported(OrderRequest request) {
        return switch (request.type()) {
            case TAKE_PROFIT, TAKE_PROFIT_LIMIT -> Optional.of("Bitfinex has no " + request.type().wireName()
                    + " order type: use a limit order, or a take-profit attached to the entry order");
            case STOP, STOP_LIMIT, MARKET -> request.timeInForce() == TimeInForce.GTC || request.type() == OrderType.MARKET
                    ? Optional.empty()
                    : Optional.of("Bitfinex " + request.type().wireName() + " orders are good-till-cancelled only");
            case LIMIT -> Optional.empty();
        };
    }

    /**
     * The Bitfinex order type of a request.
     *
     * @param request the request
     * @param kind the instrument kind (derivatives use the types without {@code EXCHANGE})
     * @return for example {@code "EXCHANGE LIMIT"}, {@code "EXCHANGE FOK"}, {@code "STOP LIMIT"}
     */
    public static String orderType(OrderRequest request, InstrumentKind kind) {
        String prefix = kind == InstrumentKind.SPOT ? "EXCHANGE " : "";
        return prefix + switch (request.type()) {
            case MARKET -> "MARKET";
            case STOP -> "STOP";
            case STOP_LIMIT -> "STOP LIMIT";
            default -> switch (request.timeInForce()) {
                case IOC -> "IOC";
                case FOK -> "FOK";
                case GTC -> "LIMIT";
            };
        };
    }

    /**
     * Flags Bitfinex needs beyond the request's own: an exit leg the order gateway sends
     * (take-profit or stop-loss of an entry) on a derivative is reduce-only, so it can only close
     * the position, never open the opposite one.
     *
     * @param request the request
     * @param instrument its instrument
     * @return {@link #FLAG_REDUCE_ONLY} or 0
     */
    public static int exitFlags(OrderRequest request, Instrument instrument) {
        return request.role() != OrderRole.PRIMARY && instrument.kind() != InstrumentKind.SPOT ? FLAG_REDUCE_ONLY : 0;
    }

    /**
     * The payload of the {@code on} (new order) input.
     *
     * @param request the (risk-checked) request
     * @param instrument its instrument
     * @param cid the Bitfinex client order id
     * @param extraFlags flags to add (OCO)
     * @param ocoStop the stop price of an OCO order, or null
     * @return the JSON object text
     */
    public static String newOrderPayload(OrderRequest request, Instrument instrument, long cid, int extraFlags,
            BigDecimal ocoStop) {
        BigDecimal amount = request.side() == Side.BUY ? request.quantity() : request.quantity().negate();
        int flags = extraFlags;
        if (request.has(OrderFlag.HIDDEN)) {
            flags |= FLAG_HIDDEN;
        }
        if (request.has(OrderFlag.REDUCE_ONLY)) {
            flags |= FLAG_REDUCE_ONLY;
        }
        if (request.has(OrderFlag.POST_ONLY)) {
            flags |= FLAG_POST_ONLY;
        }
        StringWriter out = new StringWriter();
        try (JsonWriter w = new JsonWriter(out)) {
            w.beginObject();
            w.name("cid").value(cid);
            w.name("type").value(orderType(request, instrument.kind()));
            w.name("symbol").value(instrument.rawSymbol());
            w.name("amount").value(Decimals.toPlainString(amount));
            switch (request.type()) {
                case STOP -> w.name("price").value(Decimals.toPlainString(request.triggerPrice()));
                case STOP_LIMIT -> {
                    w.name("price").value(Decimals.toPlainString(request.triggerPrice()));
                    w.name("price_aux_limit").value(Decimals.toPlainString(request.price()));
                }
                case MARKET -> {
                    // no price: Bitfinex ignores it for market orders
                }
                default -> w.name("price").value(Decimals.toPlainString(request.price()));
            }
            if (ocoStop != null) {
                w.name("price_oco_stop").value(Decimals.toPlainString(ocoStop));
            }
            w.name("flags").value(flags);
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * The input message {@code [0,op,null,payload]}.
     *
     * @param op {@code on}, {@code oc}, {@code oc_multi}, {@code ou}
     * @param payload the JSON object
     * @return the message
     */
    public static String input(String op, String payload) {
        return "[0,\"" + op + "\",null," + payload + "]";
    }

    // ---------------------------------------------------------------- account

    /**
     * A wallet as a balance: the wallet type ({@code exchange}, {@code margin}, {@code funding})
     * is the balance's wallet.
     *
     * @param w the wallet
     * @param time when it changed
     * @return the balance
     */
    public static Balance balance(BitfinexWallet w, Instant time) {
        String currency = BitfinexSymbols.currency(w.currency());
        BigDecimal available = w.available() == null ? w.balance() : w.available();
        return new Balance(BitfinexSymbols.EXCHANGE_ID, ACCOUNT_ID, w.type(), currency, w.balance(), available, null,
                time);
    }

    /**
     * A position.
     *
     * @param p the position
     * @param instrument its instrument
     * @param time when it changed
     * @return the position (FLAT when closed)
     */
    public static Position position(BitfinexPosition p, InstrumentId instrument, Instant time) {
        boolean closed = "CLOSED".equalsIgnoreCase(p.status()) || p.amount().signum() == 0;
        PositionSide side = closed ? PositionSide.FLAT : p.amount().signum() > 0 ? PositionSide.LONG : PositionSide.SHORT;
        BigDecimal leverage = p.leverage() == null || p.leverage().signum() <= 0 ? BigDecimal.ONE : p.leverage();
        return new Position(instrument, side, closed ? BigDecimal.ZERO : p.amount().abs(),
                closed ? null : positive(p.basePrice()), null, p.profitLoss() == null ? BigDecimal.ZERO : p.profitLoss(),
                BigDecimal.ZERO, leverage, positive(p.liquidationPrice()), time, ACCOUNT_ID, MarginMode.CROSS,
                p.collateral(), false);
    }

    /**
     * An own trade as a fill.
     *
     * @param t the own trade
     * @param instrument its instrument
     * @param clientOrderId the order's client order id
     * @return the fill
     */
    public static Fill fill(BitfinexOwnTrade t, InstrumentId instrument, String clientOrderId) {
        Side side = t.amount().signum() >= 0 ? Side.BUY : Side.SELL;
        // Bitfinex reports a charged fee as a negative number; the API's fee is positive when charged.
        // A te carries no fee (its tu does): the fill then says nothing about the fee.
        boolean known = t.fee() != null && t.feeCurrency() != null;
        BigDecimal fee = known ? t.fee().negate() : null;
        String feeCurrency = known ? BitfinexSymbols.currency(t.feeCurrency()) : null;
        return new Fill(instrument, Long.toString(t.orderId()), clientOrderId, Long.toString(t.id()), side, t.price(),
                t.amount().abs(), fee, feeCurrency, t.maker(), Instant.ofEpochMilli(t.time()), ACCOUNT_ID);
    }
}
