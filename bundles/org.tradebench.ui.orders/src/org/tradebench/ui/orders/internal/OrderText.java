package org.tradebench.ui.orders.internal;

import java.math.BigDecimal;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.ui.core.format.PriceFormat;

/** How orders and their outcomes read for people. Pure functions, any thread. */
public final class OrderText {

    private OrderText() {
    }

    /**
     * The status label, with the words a trader reads ("unknown after disconnect").
     *
     * @param order the order
     * @return for example {@code "partially filled"}
     */
    public static String status(Order order) {
        return status(order.status());
    }

    /**
     * The status label.
     *
     * @param status the status
     * @return for example {@code "unknown after disconnect"}
     */
    public static String status(OrderStatus status) {
        return status.wireName().replace('-', ' ');
    }

    /**
     * A decimal exactly as the exchange gave it, or a dash.
     *
     * @param value the value, nullable
     * @return the plain text
     */
    public static String number(BigDecimal value) {
        return value == null ? PriceFormat.MISSING : value.stripTrailingZeros().toPlainString();
    }

    /**
     * What went wrong with an order, with the exchange's text and code.
     *
     * @param order the order as returned
     * @return for example {@code "price below tick size (code -1013)"}
     */
    public static String reason(Order order) {
        String text = order.reason().isEmpty() ? "no reason given" : order.reason();
        return order.errorCode() == null ? text : text + " (code " + order.errorCode() + ")";
    }

    /**
     * The message of a failed stage, unwrapped.
     *
     * @param failure the failure
     * @return its message, or its type when it has none
     */
    public static String failure(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    }
}
