package org.tradebench.api.trading;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;
import org.tradebench.api.Subscription;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.risk.RiskVerdict;

/**
 * The one way an order leaves the workbench: every view, plugin and command places, cancels and
 * amends through this service (registered by {@code org.tradebench.core}), never on a
 * {@link TradingAccount} directly. Before anything is sent it runs the pre-trade risk check with
 * the user's limits for the account and rounds and validates against the instrument's precision;
 * it never sends a client order id twice (across reconnects and restarts); it places take-profit
 * and stop-loss legs natively where the exchange has them and emulates them otherwise, sized on
 * each fill of the entry.
 *
 * <pre>{@code
 * AccountRef account = new AccountRef("simulated", "main");
 * RiskVerdict check = gateway.preview(account, request);        // show problems before sending
 * gateway.place(account, request, p -> status.show(p.step().label() + " " + p.message()))
 *        .thenAccept(order -> ...);                              // FILLED, OPEN, REJECTED, ...
 * }</pre>
 *
 * <p>Every stage completes (errors are values: a refused order completes REJECTED with the reason).
 */
@ProviderType
public interface OrderGateway {

    /**
     * A fresh client order id, unique across restarts of this workbench.
     *
     * @return 1 to 36 characters of {@code [A-Za-z0-9_-]}
     */
    String newClientOrderId();

    /**
     * Checks a request without sending it: risk limits for the account, the instrument's precision
     * (with what rounding would do), the market around it.
     *
     * @param account the account
     * @param request the request
     * @return the verdict with the request as it would be sent
     */
    RiskVerdict preview(AccountRef account, OrderRequest request);

    /**
     * Places an order, reporting each step.
     *
     * @param account the account
     * @param request the request
     * @param progress hears each step, nullable
     * @return completes with the entry's state once the exchange answered, or REJECTED
     */
    CompletionStage<Order> place(AccountRef account, OrderRequest request, OrderProgressListener progress);

    /**
     * Places an order.
     *
     * @param account the account
     * @param request the request
     * @return completes with the entry's state once the exchange answered, or REJECTED
     */
    default CompletionStage<Order> place(AccountRef account, OrderRequest request) {
        return place(account, request, null);
    }

    /**
     * Cancels an order (and, for an entry, its exits that are not needed any more).
     *
     * @param account the account
     * @param clientOrderId the client order id
     * @return completes with the order's new state
     */
    CompletionStage<Order> cancel(AccountRef account, String clientOrderId);

    /**
     * Amends an open order, after checking the new values like a new order.
     *
     * @param account the account
     * @param request the change
     * @return completes with the order's new state
     */
    CompletionStage<Order> amend(AccountRef account, AmendRequest request);

    /**
     * Streams an account as the gateway sees it: everything the account streams (orders, fills,
     * balances, positions, reconciliations), plus the orders only the gateway knows: exits it holds
     * locally ({@link Placement#LOCAL}), orders it refused before sending (REJECTED with the risk
     * check's reasons), exit legs that failed, and orders sent before a restart that it found again
     * (with a {@link Reconciliation} whose cause says so). Current state first. Callbacks run on the
     * gateway's thread, one at a time, in order.
     *
     * @param account the account
     * @param listener the listener
     * @return the subscription
     * @since 0.3
     */
    Subscription subscribe(AccountRef account, TradingListener listener);

    /**
     * The orders the gateway holds for an account now: armed local exits.
     *
     * @param account the account
     * @return an immutable list, empty when there are none
     * @since 0.3
     */
    List<Order> localOrders(AccountRef account);

    /**
     * Cancels every working order of an account, or those of one instrument.
     *
     * @param account the account
     * @param instrument the instrument, or empty for all
     * @return completes with the number cancelled
     */
    CompletionStage<Integer> cancelAll(AccountRef account, Optional<InstrumentId> instrument);
}
