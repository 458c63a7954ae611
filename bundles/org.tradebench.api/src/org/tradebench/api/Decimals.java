package org.tradebench.api;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Normalisation of decimal values so that {@code equals} compares numeric value.
 *
 * <p>Every {@link BigDecimal} held by an API record is normalised: no trailing zeros and a scale of
 * at least zero, so {@code new BigDecimal("1.50")} and {@code new BigDecimal("1.5")} become equal
 * and {@code 1E+2} is held as {@code 100}. Records call this in their compact constructors.
 *
 * <pre>{@code
 * BigDecimal p = Decimals.normalize(new BigDecimal("103950.50")); // 103950.5
 * String text = Decimals.toPlainString(p);                          // "103950.5"
 * }</pre>
 */
public final class Decimals {

    private Decimals() {
    }

    /**
     * Returns the value without trailing zeros and with a scale of at least zero.
     *
     * @param value the value, not null
     * @return the normalised value
     */
    public static BigDecimal normalize(BigDecimal value) {
        Objects.requireNonNull(value, "value");
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /**
     * Normalises a nullable value.
     *
     * @param value the value, may be null
     * @return the normalised value, or null when {@code value} is null
     */
    public static BigDecimal normalizeNullable(BigDecimal value) {
        return value == null ? null : normalize(value);
    }

    /**
     * Renders a value as a plain decimal string with no exponent and no trailing zeros.
     *
     * @param value the value, not null
     * @return for example {@code "0.0000007"} or {@code "2"}
     */
    public static String toPlainString(BigDecimal value) {
        return normalize(value).toPlainString();
    }

    /**
     * Requires a value to be strictly positive.
     *
     * @param value the value
     * @param name the name used in the error message
     * @return the normalised value
     * @throws IllegalArgumentException when the value is zero or negative
     */
    public static BigDecimal requirePositive(BigDecimal value, String name) {
        Objects.requireNonNull(value, name);
        if (value.signum() <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value.toPlainString());
        }
        return normalize(value);
    }

    /**
     * Requires a value to be zero or positive.
     *
     * @param value the value
     * @param name the name used in the error message
     * @return the normalised value
     * @throws IllegalArgumentException when the value is negative
     */
    public static BigDecimal requireNonNegative(BigDecimal value, String name) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value.toPlainString());
        }
        return normalize(value);
    }
}
