package org.tradebench.connector.bitfinex.internal.market;

import java.time.Instant;

import org.tradebench.api.health.DataState;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannel;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexError;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSink;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrailer;
import org.tradebench.connector.support.stream.SharedStream;

/**
 * One Bitfinex channel (ticker, trades, a book of one precision and length, candles of one
 * timeframe, a derivatives status, the liquidation feed), whatever number of API subscriptions
 * share it through the toolkit's streams. {@link BitfinexMarketData} binds it to a connection and
 * a {@code chanId}; the data frames of that channel arrive through the {@link BitfinexSink} methods
 * a subclass overrides. While the socket is down, {@link #poll} fetches the same data over REST.
 *
 * <p>The topic owns its streams: the first subscription makes the channel wanted
 * ({@link BitfinexMarketData#acquire}), the last one leaving unwanted
 * ({@link BitfinexMarketData#release}).
 *
 * <p>Runtime lock held for everything.
 */
abstract class Topic implements BitfinexSink, SharedStream.Owner {

    final String key;
    final BitfinexMarketData md;

    /** The connection it belongs to while wanted. */
    PublicConnection conn;
    /** The channel id while subscribed, else 0. */
    int chanId;
    /** Whether a subscribe was sent and not answered yet. */
    boolean subscribing;
    long lastDataNanos = System.nanoTime();
    boolean stale;
    /** Streams of this topic that have subscriptions. */
    private int holders;

    Topic(String key, BitfinexMarketData md) {
        this.key = key;
        this.md = md;
    }

    /** The {@code subscribe} message. */
    abstract String subscribeMessage();

    /** Whether a {@code subscribed} event is the answer to this topic's subscribe. */
    abstract boolean matches(BitfinexChannel channel);

    /**
     * Whether an {@code error} event refuses this topic's subscribe (by the fields the exchange
     * echoes; an error without them matches the oldest subscribe in flight, decided by the
     * connection).
     */
    abstract boolean refusedBy(BitfinexError error);

    /** The channel is subscribed: data frames follow. */
    void bound(BitfinexChannel channel) {
    }

    /** The channel is gone (socket lost, resubscribing): what was built from it is void. */
    abstract void lost(String reason);

    /** The data state of every stream of this topic. */
    abstract void state(DataState state, String cause);

    /** The current data state. */
    abstract DataState state();

    /** The exchange refused the channel: every stream ends FAILED with the cause. */
    abstract void failed(String cause);

    /** The connector closes: every stream ends CLOSED. */
    abstract void closed();

    /** One REST poll while the socket is down; results come back under the runtime lock. */
    abstract void poll();

    /** What it is, for health and logs. */
    String describe() {
        return key;
    }

    @Override
    public final void firstSubscriber(SharedStream<?> stream) {
        if (holders++ == 0) {
            md.acquire(this);
        }
    }

    @Override
    public final void lastSubscriberLeft(SharedStream<?> stream) {
        if (--holders == 0) {
            md.release(this);
        }
    }

    /** Data arrived on the channel (any frame, heartbeats included). */
    final void alive() {
        lastDataNanos = conn.receivedNanos(); // the frame's receive stamp: no clock read per frame
        if (stale) {
            stale = false;
            if (state() == DataState.STALE) {
                state(DataState.LIVE, "");
            }
        }
    }

    /** The exchange time of a frame, or its receive time. */
    final Instant time(BitfinexTrailer t) {
        return Instant.ofEpochMilli(timeMillis(t));
    }

    /** The exchange time of a frame in epoch ms, or its receive time. */
    final long timeMillis(BitfinexTrailer t) {
        return t.hasTimestamp() ? t.timestamp() : conn.receivedMillis();
    }

    /** The receive time of the frame being decoded. */
    final Instant received() {
        return Instant.ofEpochMilli(conn.receivedMillis());
    }

    /** The receive time of the frame being decoded, {@link System#nanoTime()}. */
    final long receivedNanos() {
        return conn.receivedNanos();
    }

    @Override
    public String toString() {
        return key + (chanId == 0 ? "" : " (chanId " + chanId + ")") + " " + state().wireName();
    }
}
