package org.tradebench.api.market;

import java.math.BigDecimal;
import java.util.Objects;

import org.tradebench.api.Decimals;

/**
 * How an exchange groups (aggregates) book prices before sending them: not at all (the finest
 * book), by a price increment, or to a number of significant digits (Bitfinex {@code P0} is 5
 * digits, {@code P1} 4, ... {@code P4} 1).
 *
 * <pre>{@code
 * BookGrouping.NONE;
 * BookGrouping.increment(new BigDecimal("10"));   // levels 65000, 65010, ...
 * BookGrouping.significantDigits(4);              // Bitfinex P1
 * }</pre>
 *
 * @param kind none, increment or significant digits
 * @param increment the price increment for {@link Kind#INCREMENT}, else null
 * @param digits the significant digits for {@link Kind#SIGNIFICANT_DIGITS}, else 0
 */
public record BookGrouping(Kind kind, BigDecimal increment, int digits) {

    /** The finest book the exchange sends. */
    public static final BookGrouping NONE = new BookGrouping(Kind.NONE, null, 0);

    /** What kind of grouping. */
    public enum Kind {
        /** No grouping: the finest book. */
        NONE,
        /** Prices grouped to multiples of an increment. */
        INCREMENT,
        /** Prices grouped to a number of significant digits. */
        SIGNIFICANT_DIGITS
    }

    /** Validates. */
    public BookGrouping {
        Objects.requireNonNull(kind, "kind");
        switch (kind) {
            case NONE -> {
                if (increment != null || digits != 0) {
                    throw new IllegalArgumentException("no grouping takes no increment and no digits");
                }
            }
            case INCREMENT -> {
                increment = Decimals.requirePositive(increment, "grouping increment");
                if (digits != 0) {
                    throw new IllegalArgumentException("an increment grouping takes no digits");
                }
            }
            case SIGNIFICANT_DIGITS -> {
                if (increment != null || digits < 1 || digits > 18) {
                    throw new IllegalArgumentException("significant digits must be 1..18 with no increment, was "
                            + digits);
                }
            }
        }
    }

    /**
     * Grouping by a price increment.
     *
     * @param increment the increment
     * @return the grouping
     */
    public static BookGrouping increment(BigDecimal increment) {
        return new BookGrouping(Kind.INCREMENT, increment, 0);
    }

    /**
     * Grouping to significant digits.
     *
     * @param digits the digits
     * @return the grouping
     */
    public static BookGrouping significantDigits(int digits) {
        return new BookGrouping(Kind.SIGNIFICANT_DIGITS, null, digits);
    }

    /**
     * For people.
     *
     * @return {@code "none"}, {@code "10"} or {@code "4 significant digits"}
     */
    public String describe() {
        return switch (kind) {
            case NONE -> "none";
            case INCREMENT -> increment.toPlainString();
            case SIGNIFICANT_DIGITS -> digits + " significant digits";
        };
    }
}
