package org.tradebench.ui.orderentry.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.tradebench.api.Capability;
import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.instrument.InstrumentSpec;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.ExitLeg;
import org.tradebench.api.trading.OrderFlag;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.TimeInForce;

/**
 * What the order entry form means: the trader's fields read against the instrument's rules, the
 * live book, the account's balances and position, turned into an {@link OrderRequest} with the
 * estimates (cost, fee, liquidation price) and the warnings a trader must see before sending (wide
 * spread, thin book, insufficient balance, liquidation close), or the errors that keep it from
 * being sent (not a number, off the tick or the lot, below the minimum, exits on the wrong side).
 * No SWT: the panel shows what this computes.
 *
 * <pre>{@code
 * Evaluation e = OrderTicket.evaluate(input, market, settings, gateway.newClientOrderId());
 * if (e.errors().isEmpty()) { gateway.place(account, e.request(), progress); }
 * }</pre>
 *
 * <p>Pure and thread-safe.
 */
public final class OrderTicket {

    private OrderTicket() {
    }

    /** How the quantity field is read. */
    public enum QuantityMode {
        /** In the instrument's quantity unit. */
        UNITS,
        /** Percent of what the account can use for this side. */
        PERCENT_OF_AVAILABLE
    }

    /** How the take-profit and stop-loss fields are read. */
    public enum ExitMode {
        /** Trigger prices. */
        PRICE,
        /** Percent away from the entry price (take-profit in the trade's favour, stop-loss against it). */
        PERCENT
    }

    /** A warning's kind. */
    public enum WarningKind {
        /** The spread is wider than the setting. */
        WIDE_SPREAD,
        /** The order would take more book levels than the setting, or more than the book shows. */
        THIN_BOOK,
        /** The account has not enough of what the order needs. */
        INSUFFICIENT_BALANCE,
        /** The estimated liquidation price is close to the price, or the stop-loss lies beyond it. */
        LIQUIDATION
    }

    /**
     * A warning: shown, does not block.
     *
     * @param kind the kind
     * @param text what to tell the trader
     */
    public record Warning(WarningKind kind, String text) {
    }

    /**
     * The form's fields as typed.
     *
     * @param side buy or sell
     * @param type the order type
     * @param quantityText the quantity (or percent) as typed
     * @param quantityMode how to read it
     * @param priceText the limit price as typed (limit types)
     * @param triggerText the trigger price as typed (stop and take-profit types)
     * @param takeProfitText the take-profit as typed, blank for none
     * @param stopLossText the stop-loss as typed, blank for none
     * @param exitMode how to read the exits
     * @param postOnly post-only
     * @param reduceOnly reduce-only
     * @param timeInForce the time in force
     * @param leverage the leverage the trader chose (derivatives), nullable for the position's or 1
     */
    public record Input(Side side, OrderType type, String quantityText, QuantityMode quantityMode, String priceText,
            String triggerText, String takeProfitText, String stopLossText, ExitMode exitMode, boolean postOnly,
            boolean reduceOnly, TimeInForce timeInForce, BigDecimal leverage) {
        /** Validates. */
        public Input {
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(quantityMode, "quantityMode");
            Objects.requireNonNull(exitMode, "exitMode");
            Objects.requireNonNull(timeInForce, "timeInForce");
        }
    }

    /**
     * What the form is read against.
     *
     * @param instrument the instrument
     * @param bidPrices best bids first (may be empty when the book is not live)
     * @param bidSizes their sizes
     * @param askPrices best asks first
     * @param askSizes their sizes
     * @param bookLive whether the book is live (else its prices are not used for estimates)
     * @param accountCapabilities what the trading account can do
     * @param balances the account's balances
     * @param position the account's position in the instrument, if any
     */
    public record Market(Instrument instrument, List<BigDecimal> bidPrices, List<BigDecimal> bidSizes,
            List<BigDecimal> askPrices, List<BigDecimal> askSizes, boolean bookLive, Set<Capability> accountCapabilities,
            List<Balance> balances, Optional<Position> position) {
        /** Copies. */
        public Market {
            Objects.requireNonNull(instrument, "instrument");
            bidPrices = List.copyOf(bidPrices);
            bidSizes = List.copyOf(bidSizes);
            askPrices = List.copyOf(askPrices);
            askSizes = List.copyOf(askSizes);
            accountCapabilities = Set.copyOf(accountCapabilities);
            balances = List.copyOf(balances);
            Objects.requireNonNull(position, "position");
        }

        BigDecimal bestBid() {
            return bidPrices.isEmpty() ? null : bidPrices.get(0);
        }

        BigDecimal bestAsk() {
            return askPrices.isEmpty() ? null : askPrices.get(0);
        }
    }

    /**
     * The trader's thresholds and assumptions (preferences).
     *
     * @param wideSpreadBps a spread wider than this many basis points of the mid warns
     * @param thinBookLevels an order that takes more levels than this warns
     * @param takerFeeRate the fee rate assumed for orders that take liquidity (0.001 = 0.1 %)
     * @param makerFeeRate the fee rate assumed for orders that rest
     * @param maintenanceMarginRate the maintenance margin rate assumed for the liquidation estimate
     * @param liquidationWarnFraction a liquidation price closer than this fraction of the price warns
     */
    public record Settings(BigDecimal wideSpreadBps, int thinBookLevels, BigDecimal takerFeeRate,
            BigDecimal makerFeeRate, BigDecimal maintenanceMarginRate, BigDecimal liquidationWarnFraction) {
        /** The defaults: 20 bps, 3 levels, 0.10 % taker, 0.02 % maker, 0.5 % maintenance, 5 %. */
        public static final Settings DEFAULTS = new Settings(new BigDecimal("20"), 3, new BigDecimal("0.001"),
                new BigDecimal("0.0002"), new BigDecimal("0.005"), new BigDecimal("0.05"));
    }

    /**
     * The form read.
     *
     * @param request the order to send, null while there are errors
     * @param errors what keeps it from being sent
     * @param warnings what the trader should see before sending
     * @param price the price the estimates use (limit price, else the expected average fill), nullable
     * @param quantity the quantity in the instrument's unit, nullable
     * @param cost price × quantity × contract size, nullable
     * @param fee the estimated fee, nullable
     * @param feeRate the rate the fee assumes
     * @param liquidation the estimated liquidation price (derivatives), nullable
     * @param spread ask − bid, nullable
     * @param spreadBps the spread in basis points of the mid, nullable
     * @param levelsWalked book levels the order would take (0 when it rests)
     * @param takes whether the order would take liquidity at once
     */
    public record Evaluation(OrderRequest request, List<String> errors, List<Warning> warnings, BigDecimal price,
            BigDecimal quantity, BigDecimal cost, BigDecimal fee, BigDecimal feeRate, BigDecimal liquidation,
            BigDecimal spread, BigDecimal spreadBps, int levelsWalked, boolean takes) {
        /** Copies. */
        public Evaluation {
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }

        /** Whether a warning of this kind is raised. */
        public boolean warns(WarningKind kind) {
            return warnings.stream().anyMatch(w -> w.kind() == kind);
        }
    }

    private static final MathContext MC = MathContext.DECIMAL64;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);

    /**
     * Reads the form.
     *
     * @param in the fields
     * @param m the market
     * @param s the settings
     * @param clientOrderId the id the order gets
     * @return the evaluation
     */
    public static Evaluation evaluate(Input in, Market m, Settings s, String clientOrderId) {
        List<String> errors = new ArrayList<>();
        List<Warning> warnings = new ArrayList<>();
        Instrument instrument = m.instrument();
        InstrumentSpec spec = instrument.spec();
        boolean derivative = instrument.kind() != InstrumentKind.SPOT;
        BigDecimal bid = m.bookLive() ? m.bestBid() : null;
        BigDecimal ask = m.bookLive() ? m.bestAsk() : null;

        BigDecimal spread = null;
        BigDecimal spreadBps = null;
        if (bid != null && ask != null) {
            spread = ask.subtract(bid);
            BigDecimal mid = bid.add(ask).divide(BigDecimal.TWO, MC);
            spreadBps = spread.multiply(TEN_THOUSAND).divide(mid, 2, RoundingMode.HALF_UP);
            if (spreadBps.compareTo(s.wideSpreadBps()) > 0) {
                warnings.add(new Warning(WarningKind.WIDE_SPREAD, "wide spread: " + spread.toPlainString() + " ("
                        + spreadBps.stripTrailingZeros().toPlainString() + " bps > "
                        + s.wideSpreadBps().stripTrailingZeros().toPlainString() + " bps)"));
            }
        } else if (!m.bookLive()) {
            warnings.add(new Warning(WarningKind.THIN_BOOK, "the book is not live: no estimates from it"));
        }

        OrderType type = in.type();
        BigDecimal limit = null;
        if (type.needsPrice()) {
            limit = number(in.priceText(), "price", errors);
            if (limit != null) {
                if (limit.signum() <= 0) {
                    errors.add("the price must be above 0");
                    limit = null;
                } else if (!spec.isValidPrice(limit)) {
                    errors.add("the price " + limit.toPlainString() + " is not on the tick (next valid: "
                            + plain(spec.roundPrice(limit, RoundingMode.DOWN)) + " or "
                            + plain(spec.roundPrice(limit, RoundingMode.UP)) + ")");
                }
            }
        }
        BigDecimal trigger = null;
        if (type.needsTrigger()) {
            trigger = number(in.triggerText(), "trigger price", errors);
            if (trigger != null && !spec.isValidPrice(trigger)) {
                errors.add("the trigger price " + trigger.toPlainString() + " is not on the tick");
            }
        }

        // the price the order is expected to trade at, for the estimates
        BigDecimal reference = limit != null ? limit : trigger != null ? trigger : in.side() == Side.BUY ? ask : bid;

        BigDecimal leverage = in.leverage() != null && in.leverage().signum() > 0 ? in.leverage()
                : m.position().map(Position::leverage).filter(l -> l != null && l.signum() > 0).orElse(BigDecimal.ONE);
        BigDecimal quantity = quantity(in, m, leverage, reference, errors);
        if (quantity != null && errors.isEmpty()) {
            if (quantity.compareTo(spec.minQuantity()) < 0) {
                errors.add("the quantity " + quantity.toPlainString() + " is below the minimum "
                        + spec.minQuantity().toPlainString());
            } else if (!spec.isOnLot(quantity)) {
                errors.add("the quantity " + quantity.toPlainString() + " is not a multiple of the lot "
                        + spec.lotSize().toPlainString());
            } else if (spec.maxQuantity() != null && quantity.compareTo(spec.maxQuantity()) > 0) {
                errors.add("the quantity " + quantity.toPlainString() + " is above the maximum "
                        + spec.maxQuantity().toPlainString());
            }
        }

        // does it take liquidity, and how deep
        boolean takes = type == OrderType.MARKET
                || type == OrderType.LIMIT && limit != null && (in.side() == Side.BUY ? ask != null && limit.compareTo(ask) >= 0
                        : bid != null && limit.compareTo(bid) <= 0);
        int walked = 0;
        BigDecimal average = reference;
        if (takes && quantity != null && m.bookLive()) {
            List<BigDecimal> prices = in.side() == Side.BUY ? m.askPrices() : m.bidPrices();
            List<BigDecimal> sizes = in.side() == Side.BUY ? m.askSizes() : m.bidSizes();
            BigDecimal left = quantity;
            BigDecimal notional = BigDecimal.ZERO;
            for (int i = 0; i < prices.size() && left.signum() > 0; i++) {
                BigDecimal p = prices.get(i);
                if (limit != null && (in.side() == Side.BUY ? p.compareTo(limit) > 0 : p.compareTo(limit) < 0)) {
                    break;
                }
                BigDecimal take = left.min(sizes.get(i));
                notional = notional.add(take.multiply(p));
                left = left.subtract(take);
                walked++;
            }
            BigDecimal filled = quantity.subtract(left);
            if (filled.signum() > 0) {
                average = notional.divide(filled, MC);
            }
            BigDecimal best = prices.isEmpty() ? null : prices.get(0);
            if (left.signum() > 0 && type == OrderType.MARKET) {
                warnings.add(new Warning(WarningKind.THIN_BOOK, "thin book: the " + prices.size() + " levels shown hold "
                        + filled.toPlainString() + " of the " + quantity.toPlainString()
                        + "; the rest would fill further away"));
            } else if (walked > s.thinBookLevels() && best != null) {
                BigDecimal slip = average.subtract(best).abs().multiply(HUNDRED).divide(best, 2, RoundingMode.HALF_UP);
                warnings.add(new Warning(WarningKind.THIN_BOOK, "thin book: the order would take " + walked
                        + " levels, average " + plain(spec.roundPrice(average, RoundingMode.HALF_UP)) + " ("
                        + slip.toPlainString() + " % from the best price)"));
            }
        }

        BigDecimal cost = quantity != null && average != null
                ? quantity.multiply(average).multiply(spec.contractSize()) : null;
        if (cost != null && spec.minNotional().signum() > 0 && cost.compareTo(spec.minNotional()) < 0 && errors.isEmpty()) {
            errors.add("the order's value " + scale(cost, 2) + " is below the minimum "
                    + spec.minNotional().toPlainString());
        }
        BigDecimal feeRate = takes || type == OrderType.MARKET || type.needsTrigger() && !type.needsPrice()
                ? s.takerFeeRate() : s.makerFeeRate();
        BigDecimal fee = cost == null ? null : cost.multiply(feeRate);

        // balances
        String[] ccy = currencies(instrument);
        if (cost != null && !in.reduceOnly()) {
            if (!derivative) {
                if (in.side() == Side.BUY) {
                    BigDecimal needed = cost.add(fee);
                    BigDecimal have = available(m, ccy[1], Balance.EXCHANGE);
                    if (have != null && needed.compareTo(have) > 0) {
                        warnings.add(new Warning(WarningKind.INSUFFICIENT_BALANCE, "insufficient balance: needs "
                                + scale(needed, 2) + " " + ccy[1] + ", " + scale(have, 2) + " available"));
                    }
                } else if (quantity != null) {
                    BigDecimal have = available(m, ccy[0], Balance.EXCHANGE);
                    if (have != null && quantity.compareTo(have) > 0) {
                        warnings.add(new Warning(WarningKind.INSUFFICIENT_BALANCE, "insufficient balance: sells "
                                + quantity.toPlainString() + " " + ccy[0] + ", " + have.toPlainString() + " available"));
                    }
                }
            } else {
                BigDecimal margin = cost.divide(leverage, MC).add(fee);
                BigDecimal have = available(m, ccy[2], Balance.MARGIN);
                if (have != null && margin.compareTo(have) > 0) {
                    warnings.add(new Warning(WarningKind.INSUFFICIENT_BALANCE, "insufficient margin: needs "
                            + scale(margin, 2) + " " + ccy[2] + " at " + leverage.stripTrailingZeros().toPlainString()
                            + "x, " + scale(have, 2) + " available"));
                }
            }
        }

        // liquidation (isolated estimate) for derivatives
        BigDecimal liquidation = null;
        if (derivative && average != null && !in.reduceOnly() && quantity != null) {
            BigDecimal entry = average;
            Optional<Position> pos = m.position().filter(p -> p.side() != PositionSide.FLAT && p.entryPrice() != null);
            boolean longAfter = in.side() == Side.BUY;
            if (pos.isPresent() && (pos.get().side() == PositionSide.LONG) == longAfter) {
                BigDecimal q0 = pos.get().quantity();
                entry = pos.get().entryPrice().multiply(q0).add(average.multiply(quantity)).divide(q0.add(quantity), MC);
            }
            BigDecimal inverse = BigDecimal.ONE.divide(leverage, MC);
            liquidation = longAfter
                    ? entry.multiply(BigDecimal.ONE.subtract(inverse).add(s.maintenanceMarginRate()))
                    : entry.multiply(BigDecimal.ONE.add(inverse).subtract(s.maintenanceMarginRate()));
            liquidation = liquidation.signum() <= 0 ? null : spec.roundPrice(liquidation, RoundingMode.HALF_UP);
            if (liquidation != null) {
                BigDecimal distance = average.subtract(liquidation).abs().divide(average, MC);
                if (distance.compareTo(s.liquidationWarnFraction()) < 0) {
                    warnings.add(new Warning(WarningKind.LIQUIDATION, "liquidation close: about "
                            + plain(liquidation) + ", " + distance.multiply(HUNDRED).setScale(1,
                                    RoundingMode.HALF_UP).toPlainString() + " % from the price"));
                }
            }
        }

        // exits
        ExitLeg takeProfit = null;
        ExitLeg stopLoss = null;
        BigDecimal exitBase = limit != null ? limit : average;
        if (!blank(in.takeProfitText()) || !blank(in.stopLossText())) {
            if (type.needsTrigger()) {
                errors.add("take-profit and stop-loss go with a market or limit entry, not a " + type.wireName() + " order");
            } else if (exitBase == null) {
                errors.add("take-profit and stop-loss need a price: the book is not live");
            } else {
                BigDecimal tp = exitPrice(in.takeProfitText(), in.exitMode(), exitBase, in.side(), true, spec,
                        "take-profit", errors);
                BigDecimal sl = exitPrice(in.stopLossText(), in.exitMode(), exitBase, in.side(), false, spec,
                        "stop-loss", errors);
                boolean buy = in.side() == Side.BUY;
                if (tp != null && (buy ? tp.compareTo(exitBase) <= 0 : tp.compareTo(exitBase) >= 0)) {
                    errors.add("the take-profit " + tp.toPlainString() + " must be " + (buy ? "above" : "below")
                            + " the entry " + plain(spec.roundPrice(exitBase, RoundingMode.HALF_UP)));
                } else if (tp != null) {
                    takeProfit = ExitLeg.market(tp);
                }
                if (sl != null && (buy ? sl.compareTo(exitBase) >= 0 : sl.compareTo(exitBase) <= 0)) {
                    errors.add("the stop-loss " + sl.toPlainString() + " must be " + (buy ? "below" : "above")
                            + " the entry " + plain(spec.roundPrice(exitBase, RoundingMode.HALF_UP)));
                } else if (sl != null) {
                    stopLoss = ExitLeg.market(sl);
                    if (liquidation != null && (buy ? sl.compareTo(liquidation) <= 0 : sl.compareTo(liquidation) >= 0)) {
                        warnings.add(new Warning(WarningKind.LIQUIDATION, "the stop-loss " + sl.toPlainString()
                                + " lies beyond the estimated liquidation price " + plain(liquidation)));
                    }
                }
            }
        }

        if (in.postOnly() && takes && type == OrderType.LIMIT) {
            errors.add("a post-only order at " + limit.toPlainString() + " would take liquidity at once");
        }
        if (in.type() == OrderType.MARKET && !m.bookLive()) {
            errors.add("no live price: a market order needs a live book to be checked against");
        }

        OrderRequest request = null;
        if (errors.isEmpty() && quantity != null) {
            Set<OrderFlag> flags = EnumSet.noneOf(OrderFlag.class);
            if (in.postOnly()) {
                flags.add(OrderFlag.POST_ONLY);
            }
            if (in.reduceOnly()) {
                flags.add(OrderFlag.REDUCE_ONLY);
            }
            try {
                request = OrderRequest.of(clientOrderId, instrument.id(), in.side(), type, quantity, limit, trigger,
                        type == OrderType.MARKET ? TimeInForce.GTC : in.timeInForce()).withFlags(flags);
                if (takeProfit != null) {
                    request = request.withTakeProfit(takeProfit);
                }
                if (stopLoss != null) {
                    request = request.withStopLoss(stopLoss);
                }
            } catch (IllegalArgumentException e) {
                // the API's own rules (post-only needs GTC, ...): said like every other error
                errors.add(e.getMessage());
                request = null;
            }
        }
        BigDecimal shown = average != null && takes ? spec.roundPrice(average, RoundingMode.HALF_UP) : average;
        return new Evaluation(request, errors, warnings, shown, quantity, cost, fee, feeRate, liquidation, spread,
                spreadBps, walked, takes);
    }

    private static BigDecimal quantity(Input in, Market m, BigDecimal leverage, BigDecimal price, List<String> errors) {
        BigDecimal typed = number(in.quantityText(), "quantity", errors);
        if (typed == null) {
            return null;
        }
        if (typed.signum() <= 0) {
            errors.add("the quantity must be above 0");
            return null;
        }
        if (in.quantityMode() == QuantityMode.UNITS) {
            return typed;
        }
        if (typed.compareTo(HUNDRED) > 0) {
            errors.add("at most 100 % of the available balance");
            return null;
        }
        InstrumentSpec spec = m.instrument().spec();
        String[] ccy = currencies(m.instrument());
        BigDecimal fraction = typed.divide(HUNDRED, MC);
        BigDecimal units;
        if (m.instrument().kind() == InstrumentKind.SPOT) {
            if (in.side() == Side.SELL) {
                BigDecimal base = available(m, ccy[0], Balance.EXCHANGE);
                if (base == null) {
                    errors.add("no " + ccy[0] + " balance to take a percentage of");
                    return null;
                }
                units = base.multiply(fraction);
            } else {
                BigDecimal quote = available(m, ccy[1], Balance.EXCHANGE);
                if (quote == null || price == null) {
                    errors.add(quote == null ? "no " + ccy[1] + " balance to take a percentage of"
                            : "no price to convert the percentage: the book is not live");
                    return null;
                }
                units = quote.multiply(fraction).divide(price.multiply(spec.contractSize()), MC);
            }
        } else {
            BigDecimal margin = available(m, ccy[2], Balance.MARGIN);
            if (margin == null || price == null) {
                errors.add(margin == null ? "no " + ccy[2] + " margin to take a percentage of"
                        : "no price to convert the percentage: the book is not live");
                return null;
            }
            units = margin.multiply(leverage).multiply(fraction).divide(price.multiply(spec.contractSize()), MC);
        }
        return spec.roundQuantity(units, RoundingMode.DOWN);
    }

    private static BigDecimal exitPrice(String text, ExitMode mode, BigDecimal base, Side side, boolean takeProfit,
            InstrumentSpec spec, String what, List<String> errors) {
        if (blank(text)) {
            return null;
        }
        BigDecimal v = number(text, what, errors);
        if (v == null) {
            return null;
        }
        if (v.signum() <= 0) {
            errors.add("the " + what + " must be above 0");
            return null;
        }
        if (mode == ExitMode.PRICE) {
            if (!spec.isValidPrice(v)) {
                errors.add("the " + what + " " + v.toPlainString() + " is not on the tick");
                return null;
            }
            return v;
        }
        boolean up = (side == Side.BUY) == takeProfit;
        BigDecimal factor = up ? BigDecimal.ONE.add(v.divide(HUNDRED, MC)) : BigDecimal.ONE.subtract(v.divide(HUNDRED, MC));
        if (factor.signum() <= 0) {
            errors.add("a " + what + " of " + v.toPlainString() + " % is below 0");
            return null;
        }
        return spec.roundPrice(base.multiply(factor), up ? RoundingMode.DOWN : RoundingMode.UP);
    }

    /** Base, quote and settle currency of a unified symbol (BASE/QUOTE or BASE/QUOTE:SETTLE). */
    static String[] currencies(Instrument instrument) {
        String s = instrument.id().symbol();
        int slash = s.indexOf('/');
        int colon = s.indexOf(':');
        String base = slash < 0 ? s : s.substring(0, slash);
        String quote = slash < 0 ? "" : s.substring(slash + 1, colon < 0 ? s.length() : colon);
        String settle = colon < 0 ? quote : s.substring(colon + 1);
        return new String[] { base, quote, settle };
    }

    /** What is available in a currency: the preferred wallet's, else the largest of the others. */
    private static BigDecimal available(Market m, String currency, String preferredWallet) {
        BigDecimal other = null;
        for (Balance b : m.balances()) {
            if (!b.currency().equalsIgnoreCase(currency)) {
                continue;
            }
            if (b.wallet().equals(preferredWallet)) {
                return b.available();
            }
            if (other == null || b.available().compareTo(other) > 0) {
                other = b.available();
            }
        }
        return other;
    }

    private static BigDecimal number(String text, String what, List<String> errors) {
        if (blank(text)) {
            errors.add("enter the " + what);
            return null;
        }
        String t = text.strip().replace(",", "").replace("_", "");
        try {
            BigDecimal v = new BigDecimal(t);
            if (v.abs().compareTo(new BigDecimal("1e15")) > 0) {
                errors.add("the " + what + " " + text.strip() + " is too large");
                return null;
            }
            return v.stripTrailingZeros().scale() < 0 ? v.setScale(0) : v.stripTrailingZeros();
        } catch (NumberFormatException e) {
            errors.add("the " + what + " '" + text.strip() + "' is not a number");
            return null;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    private static String scale(BigDecimal v, int places) {
        return v.setScale(places, RoundingMode.HALF_UP).toPlainString();
    }
}
