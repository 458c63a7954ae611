package org.tradebench.core.risk;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.osgi.service.component.annotations.Component;
import org.tradebench.api.Decimals;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.instrument.InstrumentSpec;
import org.tradebench.api.instrument.PricePrecision;
import org.tradebench.api.market.Side;
import org.tradebench.api.risk.MarketContext;
import org.tradebench.api.risk.PreTradeRiskCheck;
import org.tradebench.api.risk.RiskLimits;
import org.tradebench.api.risk.RiskVerdict;
import org.tradebench.api.trading.ExitLeg;
import org.tradebench.api.trading.OrderFlag;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderType;

/**
 * The pre-trade risk check every order passes before a connector sends it.
 *
 * <p>Rules, in order (every rule that fails adds its own reason, so the user sees all problems at
 * once; a rule that needs a value an earlier rule refused is skipped):
 * <ol>
 * <li><b>instrument</b>: the request is for the instrument whose rules are given;</li>
 * <li><b>precision</b>: with {@link RiskLimits#roundToGrid()} a buy limit price is rounded down and a
 * sell limit price up to a valid price (the tick, or the significant digits: never to a worse price
 * for the user), trigger, take-profit and stop-loss prices to the nearest valid price, the quantity
 * down to the lot, each with a note saying so; without it, invalid values are refused. A value that
 * rounds to zero is refused;</li>
 * <li><b>quantity</b>: at most {@link RiskLimits#maxQuantity()}, within the instrument's minimum and
 * maximum;</li>
 * <li><b>open orders</b>: fewer than {@link RiskLimits#maxOpenOrders()} are working (when the
 * context knows);</li>
 * <li><b>reference price</b>: a market order needs one ({@link MarketContext#reference()}: the mid,
 * else the last price);</li>
 * <li><b>price band</b> (the fat-finger guard): limit and trigger prices lie within
 * {@link RiskLimits#priceBand()} of the reference. Without a reference the band cannot be checked
 * and the verdict notes that;</li>
 * <li><b>notional</b>: price × quantity lies between the instrument's minimum notional and
 * {@link RiskLimits#maxNotional()}, and (the fat-finger guard on size) at most
 * {@link RiskLimits#maxBalanceFraction()} of {@link MarketContext#availableQuote()} for an order
 * that spends that balance: a buy, or on a derivative a sell too (it opens a short on margin), but
 * not a spot sell (it spends the base currency) nor a reduce-only or close-position order. Without
 * a known balance the guard cannot be checked and the verdict notes that. The price is the limit
 * price, else the trigger price, else the reference.</li>
 * </ol>
 *
 * <p>Messages name the values: {@code "limit price 50000 is 23.08% below the mid 65000 (band 10%)"},
 * {@code "quantity 0.12345 rounded down to 0.1234 (lot 0.0001)"}.
 *
 * <pre>{@code
 * PreTradeRiskCheck risk = new StandardRiskCheck(); // or @Reference PreTradeRiskCheck risk;
 * RiskVerdict v = risk.check(request, instrument, new MarketContext(bid, ask, last), limits);
 * if (v.accepted()) {
 *     send(v.request());                 // rounded to tick and lot; v.messages() says what changed
 * } else {
 *     reject(request, v.summary());      // reasons for the user
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe. Registered as a {@link PreTradeRiskCheck} OSGi service.
 */
@Component(service = PreTradeRiskCheck.class)
public final class StandardRiskCheck implements PreTradeRiskCheck {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Creates the check (also used by DS). */
    public StandardRiskCheck() {
    }

    @Override
    public RiskVerdict check(OrderRequest request, Instrument instrument, MarketContext market, RiskLimits limits) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(limits, "limits");
        if (!request.instrument().equals(instrument.id())) {
            // The instrument's rules say nothing about this order: no further rule is meaningful.
            return new RiskVerdict(false, request, List.of("order " + request.clientOrderId() + " is for "
                    + request.instrument() + " but was checked against the rules of " + instrument.id()));
        }
        InstrumentSpec spec = instrument.spec();
        Grid grid = new Grid(spec, limits.roundToGrid());

        // Precision. Rounding never works against the user: a buy never pays more, a sell never
        // receives less, and the quantity never grows.
        BigDecimal price = request.price() == null ? null
                : grid.price("limit price", request.price(), request.side() == Side.BUY ? RoundingMode.FLOOR
                        : RoundingMode.CEILING);
        BigDecimal trigger = request.triggerPrice() == null ? null
                : grid.price("trigger price", request.triggerPrice(), RoundingMode.HALF_UP);
        ExitLeg takeProfit = grid.exit("take-profit", request.takeProfit());
        ExitLeg stopLoss = grid.exit("stop-loss", request.stopLoss());
        BigDecimal quantity = grid.quantity(request.quantity());
        List<String> problems = grid.problems;
        List<String> notes = grid.notes;

        if (quantity != null && quantity.compareTo(limits.maxQuantity()) > 0) {
            problems.add("quantity " + plain(quantity) + " exceeds the maximum of " + plain(limits.maxQuantity())
                    + " per order");
        }
        if (quantity != null && quantity.compareTo(spec.minQuantity()) < 0) {
            problems.add("quantity " + plain(quantity) + " is below the minimum of " + plain(spec.minQuantity())
                    + " for " + instrument.id().symbol());
        }
        if (quantity != null && spec.maxQuantity() != null && quantity.compareTo(spec.maxQuantity()) > 0) {
            problems.add("quantity " + plain(quantity) + " exceeds the exchange's maximum of "
                    + plain(spec.maxQuantity()) + " for " + instrument.id().symbol());
        }
        if (limits.maxOpenOrders() > 0 && market.openOrders() >= limits.maxOpenOrders()) {
            problems.add(market.openOrders() + " orders are working, the limit is " + limits.maxOpenOrders());
        }

        BigDecimal reference = market.reference();
        String referenceName = market.bid() != null && market.ask() != null ? "mid" : "last price";
        if (reference == null) {
            if (request.type() == OrderType.MARKET) {
                problems.add("a market order needs a reference price, but the market has no bid/ask and no last trade");
            } else {
                notes.add("no market price known: the price band was not checked");
            }
        } else {
            checkBand("limit price", price, reference, referenceName, limits.priceBand(), problems);
            checkBand("trigger price", trigger, reference, referenceName, limits.priceBand(), problems);
        }

        // A price refused above stays null here, which skips the notional rule for it.
        BigDecimal notionalPrice = request.price() != null ? price
                : request.triggerPrice() != null ? trigger : reference;
        if (quantity != null && notionalPrice != null) {
            BigDecimal notional = Decimals.normalize(notionalPrice.multiply(quantity));
            String how = " (" + plain(quantity) + " × " + plain(notionalPrice) + ")";
            if (notional.compareTo(limits.maxNotional()) > 0) {
                problems.add("notional " + plain(notional) + how + " exceeds the maximum of "
                        + plain(limits.maxNotional()) + " per order");
            }
            if (notional.compareTo(spec.minNotional()) < 0) {
                problems.add("notional " + plain(notional) + how + " is below the minimum of "
                        + plain(spec.minNotional()) + " for " + instrument.id().symbol());
            }
            BigDecimal fraction = limits.maxBalanceFraction();
            if (fraction != null && spendsQuoteBalance(request, instrument)) {
                if (market.availableQuote() == null) {
                    notes.add("no available balance known: the " + plain(fraction.multiply(HUNDRED))
                            + "% balance guard was not checked");
                } else if (notional.compareTo(fraction.multiply(market.availableQuote())) > 0) {
                    problems.add("notional " + plain(notional) + how + " is more than "
                            + plain(fraction.multiply(HUNDRED)) + "% of the available "
                            + plain(market.availableQuote()) + " (fat-finger guard)");
                }
            }
        }

        if (!problems.isEmpty()) {
            return new RiskVerdict(false, request, problems);
        }
        OrderRequest checked = request;
        if (!notes.isEmpty()) {
            try {
                checked = request.withAmounts(quantity, price, trigger).withTakeProfit(takeProfit)
                        .withStopLoss(stopLoss);
            } catch (IllegalArgumentException e) {
                // Rounding made the request inconsistent (take-profit and stop-loss on the same step).
                return new RiskVerdict(false, request, List.of("after rounding to "
                        + (spec.pricePrecision() instanceof PricePrecision.TickSize ? "the tick"
                                : spec.pricePrecision().describe())
                        + ": " + e.getMessage()));
            }
        }
        return new RiskVerdict(true, checked, notes);
    }

    /**
     * Whether an order uses the available quote (or settle) balance: a spot sell pays in the base
     * currency, and an order that can only shrink a position frees margin rather than using it.
     */
    private static boolean spendsQuoteBalance(OrderRequest request, Instrument instrument) {
        if (request.has(OrderFlag.REDUCE_ONLY) || request.has(OrderFlag.CLOSE_POSITION)) {
            return false;
        }
        return request.side() == Side.BUY || instrument.kind() != InstrumentKind.SPOT;
    }

    private static void checkBand(String what, BigDecimal value, BigDecimal reference, String referenceName,
            BigDecimal band, List<String> problems) {
        if (value == null) {
            return;
        }
        BigDecimal distance = value.subtract(reference).abs();
        // Compared without division so the decision is exact; the percentage is only for display
        // and rounded away from zero so a refused price never reads as "10% (band 10%)".
        if (distance.compareTo(band.multiply(reference)) <= 0) {
            return;
        }
        BigDecimal percent = distance.multiply(HUNDRED).divide(reference, 2, RoundingMode.UP);
        String direction = value.compareTo(reference) < 0 ? "below" : "above";
        problems.add(what + " " + plain(value) + " is " + plain(percent) + "% " + direction + " the " + referenceName
                + " " + plain(reference) + " (band " + plain(band.multiply(HUNDRED)) + "%)");
    }

    private static String plain(BigDecimal value) {
        return Decimals.toPlainString(value);
    }

    /** Precision checks of one request, collecting notes (roundings) and problems (refusals). */
    private static final class Grid {
        final InstrumentSpec spec;
        final boolean round;
        final List<String> notes = new ArrayList<>(2);
        final List<String> problems = new ArrayList<>(2);

        Grid(InstrumentSpec spec, boolean round) {
            this.spec = spec;
            this.round = round;
        }

        BigDecimal price(String what, BigDecimal value, RoundingMode mode) {
            PricePrecision precision = spec.pricePrecision();
            if (precision.isValid(value)) {
                return value;
            }
            if (!round) {
                problems.add(what + " " + plain(value) + switch (precision) {
                    case PricePrecision.TickSize t -> " is not a multiple of the tick size " + plain(t.tick());
                    case PricePrecision.SignificantDigits d -> " has more than "
                            + (Decimals.normalize(value).precision() > d.digits() ? d.describe()
                                    : d.maxScale() + " decimal places")
                            + " (the step at this price is " + plain(precision.step(value)) + ")";
                });
                return null;
            }
            BigDecimal rounded = precision.round(value, mode);
            if (rounded.signum() == 0) {
                problems.add(what + " " + plain(value) + (precision instanceof PricePrecision.TickSize t
                        ? " is below the tick size " + plain(t.tick())
                        : " is below the smallest price step " + plain(precision.smallestStep())));
                return null;
            }
            notes.add(what + " " + plain(value) + " " + direction(mode) + plain(rounded) + " ("
                    + rule(precision, value) + ")");
            return rounded;
        }

        /**
         * The rule that sets the step at a price, for a note: significant digits stop at
         * {@code maxScale} decimals, so for the smallest prices the decimal limit decides.
         */
        private static String rule(PricePrecision precision, BigDecimal value) {
            if (precision instanceof PricePrecision.SignificantDigits d) {
                BigDecimal v = Decimals.normalize(value);
                int leading = v.precision() - v.scale() - 1; // 104250 -> 5, 0.0000123 -> -5
                if (d.digits() - 1 - leading > d.maxScale()) {
                    return "at most " + d.maxScale() + " decimal places";
                }
            }
            return precision.describe();
        }

        ExitLeg exit(String what, ExitLeg leg) {
            if (leg == null) {
                return null;
            }
            BigDecimal trigger = price(what + " trigger", leg.triggerPrice(), RoundingMode.HALF_UP);
            BigDecimal limit = leg.limitPrice() == null ? null
                    : price(what + " limit", leg.limitPrice(), RoundingMode.HALF_UP);
            if (trigger == null || (leg.limitPrice() != null && limit == null)) {
                return leg; // refused above
            }
            return new ExitLeg(trigger, limit, leg.triggerSource());
        }

        BigDecimal quantity(BigDecimal value) {
            return snap("quantity", value, spec.lotSize(), "lot", RoundingMode.FLOOR);
        }

        private BigDecimal snap(String what, BigDecimal value, BigDecimal step, String stepName, RoundingMode mode) {
            if (value.remainder(step).signum() == 0) {
                return value;
            }
            if (!round) {
                problems.add(what + " " + plain(value) + " is not a multiple of the " + stepName + " size "
                        + plain(step));
                return null;
            }
            BigDecimal rounded = Decimals.normalize(value.divide(step, 0, mode).multiply(step));
            if (rounded.signum() == 0) {
                problems.add(what + " " + plain(value) + " is below the " + stepName + " size " + plain(step));
                return null;
            }
            notes.add(what + " " + plain(value) + " " + direction(mode) + plain(rounded) + " (" + stepName + " "
                    + plain(step) + ")");
            return rounded;
        }

        private static String direction(RoundingMode mode) {
            return switch (mode) {
                case FLOOR, DOWN -> "rounded down to ";
                case CEILING, UP -> "rounded up to ";
                default -> "rounded to ";
            };
        }
    }
}
