package org.tradebench.ui.core;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.api.trading.TradingAccount;

/**
 * What a view that lists trading accounts keeps per account (its subscriptions), kept in line with
 * the accounts the running connectors offer: an account that went away, or was replaced by a new
 * instance (a connector restarted), has its binding closed; a new one is bound. The views of
 * orders, positions and balances share it.
 *
 * <pre>{@code
 * AccountBindings accounts = new AccountBindings();
 * void rebind() {                                          // display thread, on every tracker change
 *     Map<AccountRef, TradingAccount> present = AccountBindings.present(connectors, a -> true);
 *     model.retain(present.keySet());
 *     accounts.update(present, (ref, account) -> {
 *         Subscription s = account.subscribe(listener);
 *         return s::close;                               // what update() closes when the account goes
 *     });
 * }
 * }</pre>
 *
 * <p>Confined to one thread (the display thread).
 */
public final class AccountBindings implements AutoCloseable {

    /** Binds one account. */
    @FunctionalInterface
    public interface Binder {
        /**
         * Subscribes to an account.
         *
         * @param ref the account
         * @param account the account's service object
         * @return closes what was subscribed
         */
        AutoCloseable bind(AccountRef ref, TradingAccount account);
    }

    private record Entry(TradingAccount account, AutoCloseable binding) {
    }

    private final Map<AccountRef, Entry> bound = new HashMap<>();

    /** Nothing bound yet. */
    public AccountBindings() {
    }

    /**
     * The trading accounts of every tracked connector, first connector first; a connector that
     * goes away during the call is skipped (the tracker tells again).
     *
     * @param connectors the tracker
     * @param which the accounts the view lists
     * @return the accounts by reference
     */
    public static Map<AccountRef, TradingAccount> present(ConnectorTracker connectors,
            Predicate<TradingAccount> which) {
        Map<AccountRef, TradingAccount> present = new LinkedHashMap<>();
        for (ExchangeConnector c : connectors.connectors()) {
            try {
                for (TradingAccount a : c.tradingAccounts()) {
                    if (which.test(a)) {
                        present.putIfAbsent(AccountRef.of(a), a);
                    }
                }
            } catch (RuntimeException goneMeanwhile) {
                // unregistered between the query and the call: the next change notification rebinds
            }
        }
        return present;
    }

    /**
     * Closes the bindings of accounts no longer present (or present as another instance) and binds
     * the new ones.
     *
     * @param present the accounts now
     * @param binder binds a new account
     */
    public void update(Map<AccountRef, TradingAccount> present, Binder binder) {
        Objects.requireNonNull(binder, "binder");
        for (var it = bound.entrySet().iterator(); it.hasNext();) {
            var e = it.next();
            if (present.get(e.getKey()) != e.getValue().account()) {
                closeQuietly(e.getValue().binding());
                it.remove();
            }
        }
        for (var e : present.entrySet()) {
            if (!bound.containsKey(e.getKey())) {
                bound.put(e.getKey(), new Entry(e.getValue(), binder.bind(e.getKey(), e.getValue())));
            }
        }
    }

    /**
     * A bound account.
     *
     * @param ref the reference
     * @return the account, or empty when it is not bound
     */
    public Optional<TradingAccount> account(AccountRef ref) {
        return Optional.ofNullable(bound.get(ref)).map(Entry::account);
    }

    /**
     * The bound accounts.
     *
     * @return a copy
     */
    public List<TradingAccount> accounts() {
        List<TradingAccount> out = new ArrayList<>();
        bound.values().forEach(e -> out.add(e.account()));
        return out;
    }

    /** Closes every binding (for example when the order gateway changed: bind again after). */
    public void clear() {
        bound.values().forEach(e -> closeQuietly(e.binding()));
        bound.clear();
    }

    @Override
    public void close() {
        clear();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            System.getLogger(AccountBindings.class.getName()).log(Level.DEBUG, "closing an account binding failed", e);
        }
    }
}
