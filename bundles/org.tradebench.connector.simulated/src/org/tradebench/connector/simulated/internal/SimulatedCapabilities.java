package org.tradebench.connector.simulated.internal;

import java.util.EnumSet;
import java.util.Set;

import org.tradebench.api.Capability;

/**
 * What the simulated exchange offers, as data: only what works.
 *
 * <p>Absent on purpose: per-order books ({@link Capability#ORDER_BOOK_RAW}), open interest (only
 * the user holds positions), triggers on the mark or index price ({@link Capability#ORDER_TRIGGER_MARK}:
 * stops and take-profits watch the last trade), hidden and close-position orders, hedge mode,
 * a margin mode choice (positions are isolated), and a dead-man switch (there is no session to
 * drop).
 *
 * <pre>{@code
 * boolean marks = instrument.offers(Capability.MARK_PRICE, SimulatedCapabilities.CONNECTOR); // perpetual only
 * }</pre>
 */
public final class SimulatedCapabilities {

    /** Market data of every instrument. */
    private static final Set<Capability> MARKET = EnumSet.of(Capability.TICKER, Capability.TRADES,
            Capability.TRADE_HISTORY, Capability.ORDER_BOOK, Capability.ORDER_BOOK_COUNTS, Capability.CANDLES,
            Capability.CANDLE_HISTORY);

    /** Market data only the perpetual has. */
    private static final Set<Capability> DERIVATIVE = EnumSet.of(Capability.MARK_PRICE, Capability.FUNDING,
            Capability.LIQUIDATIONS);

    /** Trading on every instrument. */
    private static final Set<Capability> SPOT_TRADING = EnumSet.of(Capability.TRADING, Capability.ORDER_LIMIT,
            Capability.ORDER_MARKET, Capability.ORDER_STOP, Capability.ORDER_STOP_LIMIT, Capability.ORDER_TAKE_PROFIT,
            Capability.ORDER_TAKE_PROFIT_LIMIT, Capability.ORDER_ATTACHED_TP_SL, Capability.ORDER_EXITS_NATIVE,
            Capability.ORDER_POST_ONLY, Capability.ORDER_IOC_FOK, Capability.ORDER_AMEND, Capability.ORDER_QUERY,
            Capability.ORDER_HISTORY, Capability.FILL_HISTORY, Capability.BALANCES, Capability.FILLS);

    /** Trading only the perpetual has. */
    private static final Set<Capability> DERIVATIVE_TRADING = EnumSet.of(Capability.ORDER_REDUCE_ONLY,
            Capability.POSITIONS, Capability.LEVERAGE, Capability.MARGIN_MODE);

    /** What the trading account "main" offers. */
    public static final Set<Capability> ACCOUNT = union(SPOT_TRADING, DERIVATIVE_TRADING);

    /** What the connector offers: market data and the account. */
    public static final Set<Capability> CONNECTOR = union(MARKET, DERIVATIVE, ACCOUNT);

    /** What a spot instrument offers. */
    public static final Set<Capability> SPOT = union(MARKET, SPOT_TRADING);

    /** What the perpetual offers. */
    public static final Set<Capability> PERPETUAL = CONNECTOR;

    private SimulatedCapabilities() {
    }

    @SafeVarargs
    private static Set<Capability> union(Set<Capability>... sets) {
        EnumSet<Capability> all = EnumSet.noneOf(Capability.class);
        for (Set<Capability> s : sets) {
            all.addAll(s);
        }
        return Set.copyOf(all);
    }
}
