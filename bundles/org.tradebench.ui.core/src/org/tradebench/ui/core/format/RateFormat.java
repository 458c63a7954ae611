package org.tradebench.ui.core.format;

/**
 * Rates (messages, trades, orders per second) as text.
 *
 * <pre>{@code
 * RateFormat.perSecond(2.46, "msg");     // "2.5 msg/s"
 * RateFormat.perSecond(1234.4, "msg");   // "1,234 msg/s"
 * RateFormat.messages(0);                // "0 msg/s"
 * }</pre>
 *
 * <p>Rules: below 10 with one decimal, otherwise whole numbers with thousands separators; a
 * negative or non-finite rate is {@link PriceFormat#MISSING}. Stateless; safe on any thread.
 */
public final class RateFormat {

    private RateFormat() {
    }

    /**
     * Formats a rate per second.
     *
     * @param perSecond events per second
     * @param unit what is counted, for example {@code "msg"}
     * @return for example {@code "1,234 msg/s"}
     */
    public static String perSecond(double perSecond, String unit) {
        if (!Double.isFinite(perSecond) || perSecond < 0) {
            return PriceFormat.MISSING;
        }
        if (perSecond == 0) {
            return "0 " + unit + "/s";
        }
        if (perSecond < 9.95) {
            return DecimalText.fixed(Math.round(perSecond * 10), 1, false) + " " + unit + "/s";
        }
        return DecimalText.fixed(Math.round(perSecond), 0, true) + " " + unit + "/s";
    }

    /**
     * Formats a message rate.
     *
     * @param perSecond messages per second
     * @return for example {@code "1,234 msg/s"}
     */
    public static String messages(double perSecond) {
        return perSecond(perSecond, "msg");
    }
}
