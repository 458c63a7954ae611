package org.tradebench.api.trading;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.tradebench.api.Subscription;
import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;
import org.tradebench.api.instrument.InstrumentId;

/**
 * Orders and account of one connector. Every order passes the pre-trade risk check before it is
 * sent; a refusal completes the returned stage with a {@link OrderStatus#REJECTED} order whose
 * reason says what and why.
 *
 * <pre>{@code
 * connector.trading().ifPresent(account -> account
 *         .place(OrderRequest.limit("c-42", btc, Side.BUY, new BigDecimal("0.1"), new BigDecimal("64000")))
 *         .thenAccept(order -> status.setText(order.status().wireName() + " " + order.reason())));
 * }</pre>
 *
 * <p>Implemented by connectors.
 */
public interface TradingAccount {

    /**
     * Places an order. Placing the same client order id twice returns the existing order.
     *
     * @param request the request
     * @return completes with the order once acknowledged (OPEN, FILLED, ...) or REJECTED
     */
    CompletionStage<Order> place(OrderRequest request);

    /**
     * Cancels an order.
     *
     * @param clientOrderId the client order id
     * @return completes with the order's new state (CANCELLED, or unchanged with a reason when it
     *         could not be cancelled, for example because it was already filled)
     */
    CompletionStage<Order> cancel(String clientOrderId);

    /**
     * Cancels every working order, or those of one instrument.
     *
     * @param instrument the instrument, or empty for all
     * @return completes with the number of orders cancelled
     */
    CompletionStage<Integer> cancelAll(Optional<InstrumentId> instrument);

    /**
     * The working orders now.
     *
     * @return an immutable list
     */
    List<Order> openOrders();

    /**
     * The balances now.
     *
     * @return an immutable list, one per currency
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
