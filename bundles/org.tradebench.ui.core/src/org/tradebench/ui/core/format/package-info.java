/**
 * Text formats for prices, sizes, changes, latencies, rates and clock times, as traders read them:
 * fixed decimals from the instrument's tick and lot size, {@code ,} as the thousands separator and
 * {@code .} as the decimal point (the same on every machine, so columns line up and screenshots
 * compare), and an en dash ({@value org.tradebench.ui.core.format.PriceFormat#MISSING}) for a
 * value that is absent.
 *
 * <pre>{@code
 * PriceFormat price = PriceFormat.of(instrument.spec());   // tick 0.1 -> 1 decimal
 * price.format(new BigDecimal("103950.5"));                // "103,950.5"
 * price.formatUnits(1039505);                              // "103,950.5" (scaled long from core)
 * LatencyFormat.format(Duration.ofMillis(42));             // "42 ms"
 * }</pre>
 *
 * <p>Threading: all formats are immutable or static and safe on any thread. Formatting is cheap
 * but allocates the result string, so a view formats what it paints, on the display thread, after
 * throttling (never per market data event).
 *
 * <p>Null contract: parameters documented as nullable format as the en dash; all others are
 * non-null. Results are never null.
 */
package org.tradebench.ui.core.format;
