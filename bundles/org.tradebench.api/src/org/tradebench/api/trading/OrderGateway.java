package org.tradebench.api.trading;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;
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
     * Cancels every working order of an account, or those of one instrument.
     *
     * @param account the account
     * @param instrument the instrument, or empty for all
     * @return completes with the number cancelled
     */
    CompletionStage<Integer> cancelAll(AccountRef account, Optional<InstrumentId> instrument);
}
