package org.tradebench.connector.bitfinex.internal.protocol;

/**
 * Flags of the {@code {"event":"conf","flags":SUM}} request, and the info and error codes the
 * exchange sends, with descriptions for messages people read.
 *
 * <pre>{@code
 * String conf = "{\"event\":\"conf\",\"flags\":" + (BitfinexFlags.TIMESTAMP | BitfinexFlags.SEQ_ALL | BitfinexFlags.OB_CHECKSUM) + "}";
 * BitfinexFlags.describe(10301); // "already subscribed"
 * }</pre>
 */
public final class BitfinexFlags {

    /** Decimals as strings. */
    public static final int DEC_S = 8;
    /** Times as date strings. */
    public static final int TIME_S = 32;
    /** Appends the exchange timestamp (epoch ms) to every data frame. */
    public static final int TIMESTAMP = 32768;
    /** Appends a sequence number to every data frame. */
    public static final int SEQ_ALL = 65536;
    /** Sends a book checksum {@code [chanId,"cs",INT32]} after every book update. */
    public static final int OB_CHECKSUM = 131072;

    /** Info code: the server is restarting; reconnect. */
    public static final int INFO_RECONNECT = 20051;
    /** Info code: maintenance starts; pause. */
    public static final int INFO_MAINTENANCE_START = 20060;
    /** Info code: maintenance ended; unsubscribe and resubscribe every channel. */
    public static final int INFO_MAINTENANCE_END = 20061;

    private BitfinexFlags() {
    }

    /**
     * Describes an info or error code for people.
     *
     * @param code the code
     * @return a short description, or {@code "code N"} for codes not known here
     */
    public static String describe(int code) {
        return switch (code) {
            case 10000 -> "unknown event";
            case 10001 -> "unknown pair";
            case 10011 -> "unknown book precision";
            case 10012 -> "unknown book length";
            case 10100 -> "authentication failed";
            case 10111 -> "error in authentication request payload";
            case 10112 -> "error in authentication request signature";
            case 10113 -> "error in authentication request encryption";
            case 10114 -> "error in authentication request nonce";
            case 10300 -> "subscription failed";
            case 10301 -> "already subscribed";
            case 10302 -> "unknown channel";
            case 10305 -> "channel limit reached";
            case 10400 -> "unsubscription failed";
            case 10401 -> "not subscribed";
            case 11010 -> "rate limit";
            case INFO_RECONNECT -> "server restarting";
            case INFO_MAINTENANCE_START -> "maintenance started";
            case INFO_MAINTENANCE_END -> "maintenance ended";
            default -> "code " + code;
        };
    }
}
