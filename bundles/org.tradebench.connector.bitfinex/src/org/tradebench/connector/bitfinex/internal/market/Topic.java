package org.tradebench.connector.bitfinex.internal.market;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.connector.bitfinex.internal.StreamHandle;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannel;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSink;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrailer;

/**
 * One exchange channel (ticker, trades, book or candles of one instrument) shared by every
 * listener that asked for it. The {@link BitfinexMarketData} service binds it to a socket and a
 * {@code chanId}; data frames of that channel arrive through the {@link BitfinexSink} methods the
 * subclass overrides. While the socket is down, {@link #poll} fetches the same data over REST.
 *
 * <p>Connector thread only.
 *
 * @param <L> the listener type
 */
abstract class Topic<L> implements BitfinexSink {

    final String key;
    final Instrument instrument;
    final BitfinexMarketData md;
    final List<StreamHandle<L>> subs = new ArrayList<>();

    /** The connection it belongs to. */
    PublicConnection conn;
    /** The channel id while subscribed, else 0. */
    int chanId;
    /** Whether a subscribe was sent and not answered yet. */
    boolean subscribing;
    long subscribeSentNanos;
    long lastDataNanos = System.nanoTime();
    boolean stale;
    DataState state = DataState.PENDING;

    Topic(String key, Instrument instrument, BitfinexMarketData md) {
        this.key = key;
        this.instrument = instrument;
        this.md = md;
    }

    /** The {@code subscribe} message. */
    abstract String subscribeMessage();

    /** Whether a {@code subscribed} event is the answer to this topic's subscribe. */
    abstract boolean matches(BitfinexChannel channel);

    /** The subscribe message of a channel keyed only by this topic's pair ({@code ticker}, {@code trades}). */
    final String pairSubscribeMessage(String channel) {
        return "{\"event\":\"subscribe\",\"channel\":\"" + channel + "\",\"symbol\":\"" + instrument.rawSymbol()
                + "\"}";
    }

    /** Whether a subscribed channel is for this topic's pair. */
    final boolean isForPair(BitfinexChannel channel) {
        return channel.symbol() != null && channel.symbol().raw().equals(instrument.rawSymbol());
    }

    /** Sends a newcomer what the others already have (the current book, the last ticker). */
    abstract void welcome(StreamHandle<L> handle);

    /** The channel is subscribed: data frames follow. */
    void bound(BitfinexChannel channel) {
    }

    /** The channel is gone (socket lost, resubscribing): state built from it is void. */
    void unbound(String reason) {
    }

    /** One REST poll while the socket is down; results come back on the connector thread. */
    abstract void poll();

    void attach(StreamHandle<L> h) {
        subs.add(h);
        h.state(state);
        welcome(h);
    }

    void state(DataState s) {
        state = s;
        for (StreamHandle<L> h : subs) {
            h.state(s);
        }
    }

    void deliver(Consumer<L> call) {
        for (StreamHandle<L> h : List.copyOf(subs)) {
            h.deliver(call);
        }
    }

    /** Data arrived on the channel (any frame, heartbeats included). */
    void alive() {
        lastDataNanos = System.nanoTime();
        if (stale) {
            stale = false;
            if (state == DataState.STALE) {
                state(DataState.LIVE);
            }
        }
    }

    static Instant time(BitfinexTrailer t, Instant received) {
        return t.hasTimestamp() ? Instant.ofEpochMilli(t.timestamp()) : received;
    }

    String describe() {
        return key;
    }

    @Override
    public String toString() {
        return key + (chanId == 0 ? "" : " (chanId " + chanId + ")") + " " + state;
    }
}
