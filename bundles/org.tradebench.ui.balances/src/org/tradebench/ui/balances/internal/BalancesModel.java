package org.tradebench.ui.balances.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.api.trading.Fill;

/**
 * The latest balances, positions' realised P&amp;L, session fees, health and conversion prices of
 * every account, written from connector threads and read by the display thread as immutable
 * {@link AccountTotals}. Thread-safe (one lock, short methods).
 */
public final class BalancesModel {

    private static final MathContext MC = MathContext.DECIMAL64;

    /**
     * A price converting one currency into the chosen quote currency.
     *
     * @param rate quote per unit of the currency
     * @param source what it came from, for people ({@code "BTC/USD last"})
     * @param live whether the price stream is live
     */
    public record Rate(BigDecimal rate, String source, boolean live) {
    }

    /**
     * One balance as shown.
     *
     * @param balance the balance as the exchange gave it
     * @param inOrders total − available: held by orders or margin
     * @param value total × rate in the quote currency, nullable when no price is known
     * @param rate the rate used, nullable
     */
    public record Line(Balance balance, BigDecimal inOrders, BigDecimal value, Rate rate) {
    }

    /**
     * One account with its balances and totals.
     *
     * @param ref the account
     * @param name its name
     * @param health its health, nullable before the first value
     * @param lines its balances
     * @param value sum of the values that have a price
     * @param unpriced currencies left out of {@code value} for want of a price
     * @param realizedPnl realised P&amp;L of the open positions, by settle currency
     * @param fees fees of the fills seen this session, by currency
     */
    public record AccountTotals(AccountRef ref, String name, ConnectionHealth health, List<Line> lines,
            BigDecimal value, List<String> unpriced, Map<String, BigDecimal> realizedPnl, Map<String, BigDecimal> fees) {
        /**
         * Whether its numbers are live.
         *
         * @return true when LIVE
         */
        public boolean live() {
            return health != null && health.state() == ConnectionState.LIVE;
        }
    }

    /** Looks up conversion rates; display thread, reads the latest prices. */
    @FunctionalInterface
    public interface Rates {
        /**
         * The rate of a currency of an exchange into the quote currency.
         *
         * @param exchangeId the exchange
         * @param currency the currency
         * @return the rate, or null when none is known
         */
        Rate rate(String exchangeId, String currency);
    }

    private static final class State {
        final AccountRef ref;
        String name;
        ConnectionHealth health;
        final Map<String, Balance> balances = new LinkedHashMap<>();
        final Map<String, Position> positions = new HashMap<>();
        final Map<String, BigDecimal> fees = new TreeMap<>();
        final Set<String> feeFills = new java.util.HashSet<>();

        State(AccountRef ref, String name) {
            this.ref = ref;
            this.name = name;
        }
    }

    private final Map<AccountRef, State> accounts = new LinkedHashMap<>();

    /**
     * Adds or renames an account.
     *
     * @param ref the account
     * @param name its name
     */
    public synchronized void addAccount(AccountRef ref, String name) {
        accounts.computeIfAbsent(ref, r -> new State(r, name)).name = name;
    }

    /**
     * Keeps only these accounts.
     *
     * @param keep the accounts still there
     */
    public synchronized void retain(Set<AccountRef> keep) {
        accounts.keySet().retainAll(keep);
    }

    /**
     * Health changed.
     *
     * @param ref the account
     * @param h the value
     */
    public synchronized void health(AccountRef ref, ConnectionHealth h) {
        State s = accounts.get(ref);
        if (s != null) {
            s.health = h;
        }
    }

    /**
     * A balance changed.
     *
     * @param ref the account
     * @param b the balance
     */
    public synchronized void balance(AccountRef ref, Balance b) {
        State s = accounts.get(ref);
        if (s != null) {
            s.balances.put(b.wallet() + "|" + b.currency(), b);
        }
    }

    /**
     * A position changed (for its realised P&amp;L).
     *
     * @param ref the account
     * @param p the position
     */
    public synchronized void position(AccountRef ref, Position p) {
        State s = accounts.get(ref);
        if (s == null) {
            return;
        }
        String key = p.instrument() + "|" + (p.hedged() ? p.side() : "");
        if (p.quantity().signum() == 0) {
            s.positions.remove(key);
        } else {
            s.positions.put(key, p);
        }
    }

    /**
     * A fill (for its fee), counted once.
     *
     * @param ref the account
     * @param f the fill
     */
    public synchronized void fill(AccountRef ref, Fill f) {
        State s = accounts.get(ref);
        if (s != null && f.fee() != null && s.feeFills.add(f.id() + "/" + f.clientOrderId())) {
            s.fees.merge(f.feeCurrency(), f.fee(), BigDecimal::add);
        }
    }

    /**
     * The currencies held per exchange (for price subscriptions).
     *
     * @return exchange id to currencies with a non-zero total
     */
    public synchronized Map<String, Set<String>> currencies() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (State s : accounts.values()) {
            for (Balance b : s.balances.values()) {
                if (b.total().signum() != 0) {
                    out.computeIfAbsent(s.ref.exchangeId(), k -> new java.util.TreeSet<>()).add(b.currency());
                }
            }
        }
        return out;
    }

    /**
     * Everything, valued in the quote currency.
     *
     * @param rates the rates
     * @return one entry per account, in the order added
     */
    public synchronized List<AccountTotals> totals(Rates rates) {
        List<AccountTotals> out = new ArrayList<>();
        for (State s : accounts.values()) {
            List<Line> lines = new ArrayList<>();
            BigDecimal value = BigDecimal.ZERO;
            List<String> unpriced = new ArrayList<>();
            for (Balance b : s.balances.values()) {
                // nothing held is worth nothing, with or without a price
                Rate r = b.total().signum() == 0 ? null : rates.rate(s.ref.exchangeId(), b.currency());
                BigDecimal v = b.total().signum() == 0 ? BigDecimal.ZERO
                        : r == null ? null : b.total().multiply(r.rate(), MC).stripTrailingZeros();
                if (v != null) {
                    value = value.add(v);
                } else if (b.total().signum() != 0 && !unpriced.contains(b.currency())) {
                    unpriced.add(b.currency());
                }
                lines.add(new Line(b, b.total().subtract(b.available()).stripTrailingZeros(), v, r));
            }
            Map<String, BigDecimal> realized = new TreeMap<>();
            for (Position p : s.positions.values()) {
                String sym = p.instrument().symbol();
                int colon = sym.indexOf(':');
                String settle = colon > 0 ? sym.substring(colon + 1) : sym.substring(sym.indexOf('/') + 1);
                realized.merge(settle, p.realizedPnl(), BigDecimal::add);
            }
            out.add(new AccountTotals(s.ref, s.name, s.health, lines, value.stripTrailingZeros(), unpriced, realized,
                    new TreeMap<>(s.fees)));
        }
        return out;
    }
}
