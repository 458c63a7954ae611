package org.tradebench.examples.skeleton.internal.protocol;

import org.tradebench.examples.skeleton.internal.protocol.SkeletonMessage.Channel;

/**
 * The messages the connector sends. Every request carries a {@code req} id the answer repeats.
 *
 * <pre>{@code
 * socket.send(SkeletonRequests.subscribe(7, Channel.BOOK, "BTC-USD"));
 * // {"op":"subscribe","req":7,"channel":"book","symbol":"BTC-USD"}
 * }</pre>
 *
 * <p><b>REPLACE</b> with your exchange's requests. Pure functions.
 */
public final class SkeletonRequests {

    private SkeletonRequests() {
    }

    /**
     * Subscribes a channel of a symbol. The exchange answers {@code subscribed} (then, for a book,
     * a {@code snapshot}) or an {@code error} with the same {@code req}.
     *
     * @param req the request id
     * @param channel the channel
     * @param symbol the exchange's symbol
     * @return the message
     */
    public static String subscribe(long req, Channel channel, String symbol) {
        return op("subscribe", req, channel, symbol);
    }

    /**
     * Ends a subscription; the exchange answers {@code unsubscribed}.
     *
     * @param req the request id
     * @param channel the channel
     * @param symbol the exchange's symbol
     * @return the message
     */
    public static String unsubscribe(long req, Channel channel, String symbol) {
        return op("unsubscribe", req, channel, symbol);
    }

    /**
     * Asks for a fresh snapshot of a subscribed book (after a checksum mismatch, a gap or the end
     * of maintenance); updates that arrive before it are already in it.
     *
     * @param req the request id
     * @param symbol the exchange's symbol
     * @return the message
     */
    public static String snapshot(long req, String symbol) {
        return "{\"op\":\"snapshot\",\"req\":" + req + ",\"symbol\":\"" + symbol + "\"}";
    }

    /**
     * An application ping; the exchange answers {@code {"type":"pong","req":N,...}}.
     *
     * @param req the ping id
     * @return the message
     */
    public static String ping(long req) {
        return "{\"op\":\"ping\",\"req\":" + req + "}";
    }

    private static String op(String op, long req, Channel channel, String symbol) {
        return "{\"op\":\"" + op + "\",\"req\":" + req + ",\"channel\":\"" + channel.wireName() + "\",\"symbol\":\""
                + symbol + "\"}";
    }
}
