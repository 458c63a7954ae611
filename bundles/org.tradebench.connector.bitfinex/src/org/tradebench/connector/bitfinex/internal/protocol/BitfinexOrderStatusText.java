package org.tradebench.connector.bitfinex.internal.protocol;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tradebench.api.trading.OrderStatus;

/**
 * Bitfinex's order status text (ORDER_STATUS, field 13 of an order), parsed: what happened, the
 * executions it lists, and the API {@link OrderStatus} with a reason people can read.
 *
 * <p>The shapes the exchange sends (its documentation, its SDKs' tests, recorded traffic):
 * <pre>
 * ACTIVE
 * PARTIALLY FILLED @ 103950.5(0.1), PARTIALLY FILLED @ 103951.0(0.05)
 * EXECUTED @ 107.6(-0.2): was PARTIALLY FILLED @ 107.5(-0.1)      (also FORCED EXECUTED @ ...)
 * CANCELED                          CANCELED was: PARTIALLY FILLED @ 0.1(1.0)
 * POSTONLY CANCELED                 IOC CANCELED                  FILLORKILL CANCELED
 * INSUFFICIENT MARGIN was: PARTIALLY FILLED @ ...                 INSUFFICIENT BALANCE (U1)
 * RSN_DUST (amount is less than 0.00000001)                       RSN_PAUSE (trading is paused ...)
 * RSN_BOOK_SLIP was: PARTIALLY FILLED @ 140.0(0.01)               RSN_DUST was: ACTIVE (note: POSCLOSE)
 * RSN_POS_REDUCE_FLIP               RSN_POS_REDUCE_INCR           RSN_POS_NOTFOUND
 * </pre>
 *
 * <pre>{@code
 * BitfinexOrderStatusText s = BitfinexOrderStatusText.parse(order.status());
 * OrderStatus status = s.orderStatus(change == BitfinexChange.CLOSE, order.amount(), order.originalAmount());
 * String why = s.reason(); // "post-only order would have taken liquidity (POSTONLY CANCELED)"
 * }</pre>
 *
 * <p>Parsing never fails: text it does not know is {@link Kind#UNKNOWN} and its status follows
 * from the amounts. Immutable and thread-safe.
 *
 * @param text the status text as received
 * @param kind what the leading words say
 * @param code the leading words in upper case, without executions or details: for example
 *        {@code "PARTIALLY FILLED"}, {@code "INSUFFICIENT BALANCE"}, {@code "RSN_DUST"}
 * @param detail the parenthesised detail after the code ({@code "U1"},
 *        {@code "amount is less than 0.00000001"}), empty when none
 * @param previous what the order was before, from {@code "was:"} or {@code ": was"}
 *        ({@code "PARTIALLY FILLED @ 107.5(-0.1)"}), empty when not said
 * @param executions every {@code @ PRICE(AMOUNT)} in the text, in text order
 */
public record BitfinexOrderStatusText(String text, Kind kind, String code, String detail, String previous,
        List<Execution> executions) {

    /** What the leading words of a status say. */
    public enum Kind {
        /** {@code ACTIVE}: working, nothing filled. */
        ACTIVE,
        /** {@code PARTIALLY FILLED @ ...}: working, partly filled. */
        PARTIALLY_FILLED,
        /** {@code EXECUTED @ ...} or {@code FORCED EXECUTED @ ...}: completely filled. */
        EXECUTED,
        /** {@code CANCELED}: cancelled by the user (or the dead-man switch). */
        CANCELED,
        /** {@code POSTONLY CANCELED}: a post-only order that would have taken liquidity. */
        POST_ONLY_CANCELED,
        /** {@code IOC CANCELED} or {@code FILLORKILL CANCELED}: its time in force ran out. */
        TIME_IN_FORCE_CANCELED,
        /** {@code INSUFFICIENT MARGIN} or {@code INSUFFICIENT BALANCE (...)}. */
        INSUFFICIENT_FUNDS,
        /** {@code RSN_...}: the exchange closed or refused it for the reason the code names. */
        EXCHANGE_REASON,
        /** Anything else. */
        UNKNOWN
    }

    /**
     * One {@code @ PRICE(AMOUNT)} of a status text.
     *
     * @param price the execution price
     * @param amount the executed amount, signed as the order's (negative for sells)
     */
    public record Execution(BigDecimal price, BigDecimal amount) {

        /** Validates. */
        public Execution {
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(amount, "amount");
        }
    }

    private static final Pattern WAS = Pattern.compile("(?i)\\s*(?::\\s*was\\b:?|\\bwas:)\\s*");
    private static final Pattern EXECUTION = Pattern
            .compile("@\\s*([-+]?[0-9][0-9.eE+-]*)\\s*\\(\\s*([-+]?[0-9][0-9.eE+-]*)\\s*\\)");

    /** Validates and copies. */
    public BitfinexOrderStatusText {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(previous, "previous");
        executions = List.copyOf(executions);
    }

    /**
     * Parses a status text.
     *
     * @param text for example {@code "EXECUTED @ 107.6(-0.2): was PARTIALLY FILLED @ 107.5(-0.1)"}
     * @return the parsed status; never fails
     */
    public static BitfinexOrderStatusText parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        String main = t;
        String previous = "";
        Matcher was = WAS.matcher(t);
        if (was.find()) {
            main = t.substring(0, was.start()).strip();
            previous = t.substring(was.end()).strip();
        }
        int cut = main.length();
        int at = main.indexOf('@');
        int paren = main.indexOf('(');
        if (at >= 0) {
            cut = at;
        }
        if (paren >= 0 && paren < cut) {
            cut = paren;
        }
        String code = main.substring(0, cut).strip().toUpperCase(Locale.ROOT);
        String detail = "";
        if (paren >= 0 && paren == cut) {
            int close = main.indexOf(')', paren);
            detail = main.substring(paren + 1, close < 0 ? main.length() : close).strip();
        }
        List<Execution> executions = new ArrayList<>();
        Matcher m = EXECUTION.matcher(t);
        while (m.find()) {
            try {
                executions.add(new Execution(new BigDecimal(m.group(1)), new BigDecimal(m.group(2))));
            } catch (NumberFormatException e) {
                // A status text is for people; one unreadable execution does not spoil the rest.
            }
        }
        return new BitfinexOrderStatusText(text, kind(code), code, detail, previous, executions);
    }

    private static Kind kind(String code) {
        return switch (code) {
            case "ACTIVE" -> Kind.ACTIVE;
            case "PARTIALLY FILLED" -> Kind.PARTIALLY_FILLED;
            case "EXECUTED", "FORCED EXECUTED" -> Kind.EXECUTED;
            case "CANCELED" -> Kind.CANCELED;
            case "POSTONLY CANCELED" -> Kind.POST_ONLY_CANCELED;
            case "IOC CANCELED", "FILLORKILL CANCELED", "FOK CANCELED" -> Kind.TIME_IN_FORCE_CANCELED;
            default -> {
                if (code.startsWith("INSUFFICIENT")) {
                    yield Kind.INSUFFICIENT_FUNDS;
                }
                if (code.startsWith("RSN_")) {
                    yield Kind.EXCHANGE_REASON;
                }
                yield code.endsWith("CANCELED") ? Kind.CANCELED : Kind.UNKNOWN;
            }
        };
    }

    /**
     * Whether the text says the order was working before this status (its previous state was
     * active or partly filled, or it lists executions).
     *
     * @return true when the order had reached the book
     */
    public boolean wasWorking() {
        String p = previous.toUpperCase(Locale.ROOT);
        return !executions.isEmpty() || p.startsWith("ACTIVE") || p.startsWith("PARTIALLY FILLED");
    }

    /**
     * The API status of an order with this status text.
     *
     * <ul>
     * <li>{@code EXECUTED}: FILLED. {@code ACTIVE} and {@code PARTIALLY FILLED}: OPEN or
     * PARTIALLY_FILLED by the amounts.</li>
     * <li>{@code CANCELED}, {@code IOC CANCELED}, {@code FILLORKILL CANCELED}: CANCELLED.</li>
     * <li>{@code POSTONLY CANCELED}, {@code INSUFFICIENT ...}, {@code RSN_...}: REJECTED when the
     * order never worked (nothing filled, no earlier state); CANCELLED when it had (the API's state
     * machine does not go from open or partly filled to rejected).</li>
     * <li>Unknown text: by the amounts and whether the message closed the order.</li>
     * </ul>
     * An order with something filled and nothing left is FILLED whatever the text.
     *
     * @param closed whether the message closed the order ({@code oc})
     * @param remaining the order's AMOUNT (remaining, signed)
     * @param original the order's AMOUNT_ORIG (signed)
     * @return the status
     */
    public OrderStatus orderStatus(boolean closed, BigDecimal remaining, BigDecimal original) {
        boolean filledAny = original.abs().compareTo(remaining.abs()) > 0;
        if (kind == Kind.EXECUTED || filledAny && remaining.signum() == 0) {
            return OrderStatus.FILLED;
        }
        return switch (kind) {
            case ACTIVE, PARTIALLY_FILLED, UNKNOWN -> {
                if (closed) {
                    yield OrderStatus.CANCELLED;
                }
                yield filledAny || kind == Kind.PARTIALLY_FILLED ? OrderStatus.PARTIALLY_FILLED : OrderStatus.OPEN;
            }
            case CANCELED, TIME_IN_FORCE_CANCELED -> OrderStatus.CANCELLED;
            case POST_ONLY_CANCELED, INSUFFICIENT_FUNDS, EXCHANGE_REASON ->
                filledAny || wasWorking() ? OrderStatus.CANCELLED : OrderStatus.REJECTED;
            case EXECUTED -> OrderStatus.FILLED;
        };
    }

    /**
     * Why the exchange closed or refused the order, for people.
     *
     * @return for example {@code "insufficient balance (INSUFFICIENT BALANCE: U1)"}; empty for working,
     *         filled and plainly cancelled orders
     */
    public String reason() {
        String said = code + (detail.isEmpty() ? "" : ": " + detail);
        return switch (kind) {
            case ACTIVE, PARTIALLY_FILLED, EXECUTED, CANCELED -> "";
            case POST_ONLY_CANCELED -> "post-only order would have taken liquidity (" + said + ")";
            case TIME_IN_FORCE_CANCELED -> (code.startsWith("IOC")
                    ? "immediate-or-cancel order: what could not fill at once was cancelled"
                    : "fill-or-kill order could not fill completely at once") + " (" + said + ")";
            case INSUFFICIENT_FUNDS -> code.toLowerCase(Locale.ROOT) + " (" + said + ")";
            case EXCHANGE_REASON -> exchangeReason() + " (" + said + ")";
            case UNKNOWN -> said;
        };
    }

    private String exchangeReason() {
        return switch (code) {
            case "RSN_DUST" -> "amount too small to keep (dust)";
            case "RSN_PAUSE" -> "trading is paused";
            case "RSN_BOOK_SLIP" -> "the price would have slipped too far through the book";
            case "RSN_POS_REDUCE_FLIP" -> "reduce-only order would have flipped the position";
            case "RSN_POS_REDUCE_INCR" -> "reduce-only order would have increased the position";
            case "RSN_POS_NOTFOUND" -> "reduce-only order without a position to reduce";
            default -> "closed by the exchange";
        };
    }
}
