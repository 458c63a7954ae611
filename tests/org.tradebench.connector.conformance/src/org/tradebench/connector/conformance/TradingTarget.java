package org.tradebench.connector.conformance;

import java.math.BigDecimal;

import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.api.spi.OpenConnector;

/**
 * A connector with a trading account and its simulator, as the trading part of the conformance kit
 * ({@link TradingConformance}) drives them. The simulator holds enough of the quote currency (and,
 * for a perpetual, margin) for the kit's small orders.
 *
 * <p>Faults a simulator cannot produce are declared with the {@code can...} methods; the tests that
 * need them are skipped (and say so) rather than passed.
 */
public interface TradingTarget extends ConformanceTarget {

    /**
     * Opens the connector with the simulator's test keys, so that its trading account works.
     *
     * @return the running connector; the kit closes it
     */
    default OpenConnector openTrading() {
        return open(FrameTap.NONE);
    }

    /**
     * The account the kit trades on.
     *
     * @return the account id within the connector
     */
    String accountId();

    /**
     * The instrument the kit trades (a busy book; the kit reads it with {@link #bookRequest}).
     *
     * @return the instrument
     */
    default InstrumentId tradingInstrument() {
        return primary();
    }

    /**
     * A small order quantity that the instrument accepts and the account can pay for.
     *
     * @return the quantity
     */
    BigDecimal quantity();

    /**
     * How many new-order requests with this client order id reached the exchange, over every
     * connector the target opened.
     *
     * @param clientOrderId the id
     * @return the count
     */
    int newOrdersSeen(String clientOrderId);

    /**
     * Whether the simulator outlives a connector (an order placed by one connector is known to the
     * next one opened against it).
     *
     * @return true for a simulator in its own process or server
     */
    boolean keepsOrdersAcrossConnectors();

    /**
     * Whether {@link #dropTradingConnection} and {@link #fillWhileDisconnected} can be done.
     *
     * @return true when the connector's trading session is a connection the simulator can drop
     */
    boolean canDropTradingConnection();

    /** Drops the trading connection of the connector opened last; the connector must reconnect. */
    void dropTradingConnection();

    /**
     * Drops the trading connection, fills a resting buy order completely at the exchange while the
     * connector is away (a participant sells through its price), and lets it reconnect.
     *
     * @param clientOrderId the order's client order id
     * @param price the buy order's limit price
     */
    void fillWhileDisconnected(String clientOrderId, BigDecimal price);

    /**
     * Another market participant (not the account) places a limit order on the trading instrument,
     * also while the market is paused; it trades with what it crosses and rests the rest.
     *
     * @param side buy or sell
     * @param price the limit price (on the instrument's grid)
     * @param quantity the quantity
     */
    void participantOrder(org.tradebench.api.market.Side side, BigDecimal price, BigDecimal quantity);

    /**
     * Whether {@link #silenceOrders} can be done.
     *
     * @return true when the simulator can take order requests without answering
     */
    boolean canSilenceOrders();

    /** From now on the exchange takes order requests and never answers them. */
    void silenceOrders();

    /**
     * Whether an order request reached the exchange since {@link #silenceOrders} (and was taken
     * without an answer).
     *
     * @return true once one did
     */
    boolean silencedRequestArrived();
}
