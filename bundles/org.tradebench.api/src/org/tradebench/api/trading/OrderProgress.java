package org.tradebench.api.trading;

import java.time.Instant;
import java.util.Objects;

/**
 * One step of an order in flight.
 *
 * @param clientOrderId the entry's client order id
 * @param step the step
 * @param message for people: the exchange's text on a rejection, which leg failed, ...
 * @param order the order's state at this step, nullable before the connector answered
 * @param time when the step happened
 */
public record OrderProgress(String clientOrderId, OrderStep step, String message, Order order, Instant time) {

    /** Validates. */
    public OrderProgress {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(time, "time");
    }
}
