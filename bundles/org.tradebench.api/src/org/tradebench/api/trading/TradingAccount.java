package org.tradebench.api.trading;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;
import org.tradebench.api.Capability;
import org.tradebench.api.Subscription;
import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.HealthListener;
import org.tradebench.api.instrument.InstrumentId;

/**
 * One trading account of a connector (Binance spot and Binance USD-M futures are two): orders,
 * fills, balances and positions, and the translation of orders to the exchange.
 *
 * <p>Views and plugins place, cancel and amend orders through the {@link OrderGateway}, which
 * checks risk and precision, keeps client order ids idempotent across restarts and manages linked
 * exits before it calls {@link #place}; the methods that send are for the gateway.
 *
 * <pre>{@code
 * TradingAccount account = connector.tradingAccount("usdm").orElseThrow();
 * account.subscribe(new TradingListener() {
 *     public void onOrder(Order o) { orders.update(o); }
 *     public void onPosition(Position p) { positions.update(p); }
 * });
 * }</pre>
 *
 * <p>Errors are values: every returned stage completes, with an order whose status and reason say
 * what happened (REJECTED with the exchange's code and text, UNKNOWN_AFTER_DISCONNECT when the
 * connection dropped before the answer), also when the connector closes or a reply never comes.
 *
 * <p>Implemented by connectors.
 */
@ProviderType
public interface TradingAccount {

    /**
     * The account's id within its connector.
     *
     * @return for example {@code "main"}, {@code "spot"} or {@code "usdm"}
     */
    String accountId();

    /**
     * The connector id.
     *
     * @return for example {@code "binance"}
     */
    String exchangeId();

    /**
     * A name for people.
     *
     * @return for example {@code "Binance USD-M futures"}
     */
    String displayName();

    /**
     * What this account can do (order types, flags, exits, amend, histories, positions, leverage).
     *
     * @return an immutable set
     */
    Set<Capability> capabilities();

    /**
     * The health of this account's sessions (order entry, account stream).
     *
     * @return the latest value
     */
    ConnectionHealth health();

    /**
     * Streams this account's health; the current value first.
     *
     * @param listener called on every change
     * @return the subscription
     */
    Subscription subscribeHealth(HealthListener listener);

    /**
     * Sends an order (for the order gateway). Placing the same client order id twice returns the
     * existing order and sends nothing.
     *
     * @param request the request, already checked and rounded by the gateway
     * @return completes with the order once acknowledged (OPEN, FILLED, ...), REJECTED, or
     *         UNKNOWN_AFTER_DISCONNECT
     */
    CompletionStage<Order> place(OrderRequest request);

    /**
     * Cancels an order (for the order gateway).
     *
     * @param clientOrderId the client order id
     * @return completes with the order's new state (CANCELLED, or unchanged with a reason when it
     *         could not be cancelled, for example because it was already filled); completes
     *         exceptionally with an {@link IllegalArgumentException} naming the id when the account
     *         knows no order with it
     */
    CompletionStage<Order> cancel(String clientOrderId);

    /**
     * Amends an open order (for the order gateway).
     *
     * @param request the change
     * @return completes with the order's new state, or unchanged with a reason when refused or
     *         when the exchange has no amend; completes exceptionally with an
     *         {@link IllegalArgumentException} naming the id when the account knows no order with it
     */
    CompletionStage<Order> amend(AmendRequest request);

    /**
     * Cancels every working order, or those of one instrument (for the order gateway).
     *
     * @param instrument the instrument, or empty for all
     * @return completes with the number of orders cancelled
     */
    CompletionStage<Integer> cancelAll(Optional<InstrumentId> instrument);

    /**
     * Asks the exchange for one order's current state (reconciliation after a restart).
     *
     * @param clientOrderId the client order id
     * @return completes with the order, or empty when the exchange does not know it
     */
    CompletionStage<Optional<Order>> queryOrder(String clientOrderId);

    /**
     * Order history from the exchange.
     *
     * @param request instrument, range and limit
     * @return the orders, oldest first
     */
    CompletionStage<List<Order>> orderHistory(HistoryRequest request);

    /**
     * Own fills from the exchange.
     *
     * @param request instrument, range and limit
     * @return the fills, oldest first
     */
    CompletionStage<List<Fill>> fills(HistoryRequest request);

    /**
     * Changes leverage, margin mode or hedge mode.
     *
     * @param setting the setting
     * @return what happened (refused with a reason when the exchange has no such setting)
     */
    CompletionStage<SettingResult> configure(AccountSetting setting);

    /**
     * What the account can tell about its key and limits: the clock offset it measured, whether the
     * key may withdraw, its permissions, the rate-limit usage. May ask the exchange (the key's
     * permissions); never throws, parts it does not know are null.
     *
     * @return completes with the diagnostics; {@link AccountDiagnostics#UNKNOWN} by default
     * @since 0.3
     */
    default CompletionStage<AccountDiagnostics> diagnose() {
        return java.util.concurrent.CompletableFuture.completedFuture(AccountDiagnostics.UNKNOWN);
    }

    /**
     * The working orders now.
     *
     * @return an immutable list
     */
    List<Order> openOrders();

    /**
     * The balances now.
     *
     * @return an immutable list, one per currency and wallet
     */
    List<Balance> balances();

    /**
     * The open positions now.
     *
     * @return an immutable list
     */
    List<Position> positions();

    /**
     * Streams orders, fills, balances and positions; current state first.
     *
     * @param listener the listener
     * @return the subscription
     */
    Subscription subscribe(TradingListener listener);
}
