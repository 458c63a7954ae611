package org.tradebench.connector.bitfinex.internal.market;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tradebench.api.ConnectionControl;
import org.tradebench.api.health.DataState;
import org.tradebench.api.market.BookReset;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexBookRow;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexBookRows;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexCandle;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannel;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexDerivativeStatus;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexError;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexFlags;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexLiquidation;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSink;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTicker;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrade;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTradeEvent;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrailer;
import org.tradebench.connector.bitfinex.internal.session.BitfinexSocket;
import org.tradebench.connector.support.rest.RestFallback;
import org.tradebench.transport.WebSocketDisconnect;

/**
 * One public Bitfinex connection and the channels on it (at most 25, the exchange's limit per
 * connection): its protocol behaviour as the socket's owner and sink. Connection 0 is the primary
 * one and always exists; others open only when the channels of every open one are used up.
 *
 * <ul>
 * <li>On every (re)connect: {@code conf} with {@code TIMESTAMP|SEQ_ALL|OB_CHECKSUM}, then, once
 * confirmed, every channel is subscribed again.</li>
 * <li>{@code subscribed} binds a channel id to its topic; a refused subscribe ({@code error})
 * ends the topic's streams FAILED with the exchange's text (10301 "already subscribed" excepted).</li>
 * <li>A connection sequence gap resets and resubscribes every book of this connection (Bitfinex
 * numbers frames per connection, so a lost frame may have been any channel's).</li>
 * <li>Info 20051 reconnects; 20060 starts maintenance; 20061 ends it and resubscribes every
 * channel.</li>
 * <li>While the socket is down for longer than the fallback delay, its channels are polled over
 * REST ({@link RestFallback}).</li>
 * </ul>
 *
 * <p>In a stream decoder there is no socket: the connection is fed recorded frames and takes every
 * channel it sees subscribed ({@link PassiveFeed}).
 *
 * <p>Runtime lock held for everything.
 */
final class PublicConnection implements BitfinexSocket.Owner, BitfinexSink {

    private static final System.Logger LOG = System.getLogger(PublicConnection.class.getName());

    /** Bitfinex refuses more channels per connection (error 10305). */
    static final int CHANNEL_LIMIT = 25;

    /** The flags every connection asks for. */
    static final int CONF_FLAGS = BitfinexFlags.TIMESTAMP | BitfinexFlags.SEQ_ALL | BitfinexFlags.OB_CHECKSUM;

    final int index;
    final BitfinexMarketData md;
    /** The socket; null in a stream decoder. */
    BitfinexSocket socket;
    final List<Topic> topics = new ArrayList<>();
    final ChannelMap byChan = new ChannelMap();
    /** The {@code conf} answer arrived: subscriptions may go out. */
    boolean configured;
    /** REST polling in place of this socket. */
    RestFallback fallback;
    private final Map<Topic, RestFallback.Poll> polls = new HashMap<>();
    /** Frame receive times when there is no socket (stream decoders). */
    private long feedMillis;
    private long feedNanos;
    private int flags;

    PublicConnection(int index, BitfinexMarketData md) {
        this.index = index;
        this.md = md;
    }

    boolean hasRoom() {
        return topics.size() < CHANNEL_LIMIT;
    }

    boolean isPrimary() {
        return index == 0;
    }

    boolean isOpen() {
        return socket != null && socket.isOpen();
    }

    /** Whether the exchange confirmed order book checksums on this connection. */
    boolean checksums() {
        return (flags & BitfinexFlags.OB_CHECKSUM) != 0;
    }

    /** The receive time of the frame being decoded. */
    long receivedMillis() {
        return socket != null ? socket.receivedMillis() : feedMillis;
    }

    /** The receive time of the frame being decoded, {@link System#nanoTime()}. */
    long receivedNanos() {
        return socket != null ? socket.receivedNanos() : feedNanos;
    }

    /** Sets the receive time of the next frame (stream decoders). */
    void feedTime(long millis, long nanos) {
        feedMillis = millis;
        feedNanos = nanos;
    }

    boolean send(String message) {
        return socket != null && socket.send(message);
    }

    // ---------------------------------------------------------------- topics on this connection

    void add(Topic t) {
        topics.add(t);
        t.conn = this;
        RestFallback.Poll poll = t::poll;
        polls.put(t, poll);
        if (fallback != null) {
            fallback.add(poll);
            if (fallback.active()) {
                t.state(DataState.REST_FALLBACK, "WebSocket down; polled over REST");
            }
        }
        if (configured && isOpen()) {
            subscribe(t);
        }
    }

    void remove(Topic t) {
        topics.remove(t);
        RestFallback.Poll poll = polls.remove(t);
        if (fallback != null && poll != null) {
            fallback.remove(poll);
        }
        if (t.chanId != 0) {
            send(unsubscribe(t.chanId));
            byChan.remove(t.chanId);
            t.chanId = 0;
        }
        t.subscribing = false;
    }

    void subscribe(Topic t) {
        t.subscribing = send(t.subscribeMessage());
        t.lastDataNanos = System.nanoTime();
    }

    /** Unsubscribes (when subscribed) and subscribes again: a fresh snapshot follows. */
    void resubscribe(Topic t, String reason) {
        if (socket == null) {
            // A stream decoder's connection: the recording says what happened next. The topic
            // starts over (a book waits for its next snapshot); a subscribed event in the
            // recording rebinds it, and until then its channel keeps being read.
            t.lost(reason);
            t.subscribing = true;
            return;
        }
        if (t.chanId != 0) {
            send(unsubscribe(t.chanId));
            byChan.remove(t.chanId);
            t.chanId = 0;
        } else if (t.subscribing) {
            return; // an answer is on its way
        }
        t.lost(reason);
        if (configured && isOpen()) {
            subscribe(t);
        }
    }

    static String unsubscribe(int chanId) {
        return "{\"event\":\"unsubscribe\",\"chanId\":" + chanId + "}";
    }

    // ---------------------------------------------------------------- socket life cycle

    @Override
    public void opened(BitfinexSocket s) {
        configured = false;
        flags = 0;
        byChan.clear();
        for (Topic t : topics) {
            t.chanId = 0;
            t.subscribing = false;
            if (t.state() != DataState.STALE) {
                t.state(DataState.RESYNCING, "connected; subscribing");
            }
        }
        if (fallback != null) {
            fallback.up();
        }
        md.connectionOpened(this);
        s.send("{\"event\":\"conf\",\"flags\":" + CONF_FLAGS + "}");
    }

    @Override
    public void lost(BitfinexSocket s, WebSocketDisconnect d) {
        configured = false;
        byChan.clear();
        for (Topic t : topics) {
            boolean had = t.chanId != 0 || t.subscribing;
            t.chanId = 0;
            t.subscribing = false;
            t.stale = false;
            if (had || t.state() == DataState.LIVE) {
                t.lost(md.userDisconnected() ? ConnectionControl.DISCONNECTED_CAUSE : BookReset.RECONNECT);
            }
            if (md.userDisconnected()) {
                t.state(DataState.STALE, ConnectionControl.DISCONNECTED_CAUSE);
            } else if (fallback == null || !fallback.active()) {
                t.state(DataState.RESYNCING, "connection lost: " + d.describe());
            }
        }
        if (fallback != null) {
            fallback.down();
        }
        md.connectionLost(this, d);
    }

    @Override
    public void sequenceGap(BitfinexSocket s, long expected, long got, boolean account) {
        md.session().error();
        LOG.log(Level.WARNING, () -> "Bitfinex " + this + ": sequence gap (expected " + expected + ", got " + got
                + "); resubscribing every book of this connection");
        for (Topic t : List.copyOf(topics)) {
            if (t instanceof BookTopic && t.chanId != 0) {
                resubscribe(t, BookReset.SEQUENCE_GAP);
            }
        }
        md.health().update();
    }

    @Override
    public void badFrame(BitfinexSocket s) {
        md.health().update();
    }

    @Override
    public void latency(BitfinexSocket s, Duration roundTrip) {
        if (isPrimary()) {
            md.session().latency(roundTrip);
        }
    }

    // ---------------------------------------------------------------- events

    @Override
    public void onPong(long timestamp, long cid) {
        if (socket != null) {
            socket.pong(cid);
        }
    }

    @Override
    public void onInfo(int version, int platformStatus) {
        if (platformStatus >= 0) {
            md.watch().platformStatus(platformStatus, "platform status");
        }
        md.platformAnnounced(version, platformStatus);
    }

    @Override
    public void onInfoCode(int code, String message) {
        LOG.log(Level.INFO, "Bitfinex " + this + ": info " + code + " (" + BitfinexFlags.describe(code) + ") " + message);
        switch (code) {
            case BitfinexFlags.INFO_RECONNECT -> {
                if (socket != null) {
                    socket.reconnect("Bitfinex server restarting (info 20051)");
                }
            }
            case BitfinexFlags.INFO_MAINTENANCE_START -> md.watch().maintenance(
                    "Bitfinex maintenance started (info 20060); order entry paused");
            case BitfinexFlags.INFO_MAINTENANCE_END -> {
                md.watch().maintenance(null);
                for (Topic t : List.copyOf(topics)) {
                    resubscribe(t, BookReset.MAINTENANCE_ENDED);
                }
            }
            default -> {
                // other codes are informational
            }
        }
        md.statusAnnounced(code, message);
    }

    @Override
    public void onConf(String status, int confirmed) {
        if (!"OK".equals(status)) {
            LOG.log(Level.WARNING, "Bitfinex " + this + ": conf " + confirmed + " answered " + status
                    + "; continuing without sequence numbers or checksums");
            flags = 0;
        } else {
            flags = confirmed;
        }
        configured = true;
        for (Topic t : topics) {
            if (t.chanId == 0 && !t.subscribing) {
                subscribe(t);
            }
        }
    }

    @Override
    public void onSubscribed(BitfinexChannel channel) {
        Topic match = null;
        for (Topic t : topics) {
            if (t.subscribing && t.matches(channel)) {
                match = t;
                break;
            }
        }
        if (match == null) {
            match = md.passive(this, channel);
        }
        if (match == null) {
            // Subscribed for a listener that left meanwhile.
            send(unsubscribe(channel.chanId()));
            return;
        }
        match.subscribing = false;
        match.chanId = channel.chanId();
        match.lastDataNanos = System.nanoTime();
        byChan.put(channel.chanId(), match);
        match.bound(channel);
    }

    @Override
    public void onUnsubscribed(BitfinexChannel channel, int chanId, String status) {
        Topic t = byChan.remove(chanId);
        if (t != null && t.chanId == chanId) {
            t.chanId = 0;
        }
    }

    @Override
    public void onError(BitfinexError error) {
        boolean harmless = error.code() == 10301 || error.code() == 10400 || error.code() == 10401;
        LOG.log(harmless ? Level.DEBUG : Level.WARNING, "Bitfinex " + this + ": error " + error.describe());
        if (harmless) {
            return;
        }
        md.session().error();
        md.errorAnnounced(error);
        if (socket == null) {
            return; // a stream decoder's connection: nothing waits for an answer
        }
        Topic refused = null;
        for (Topic t : topics) {
            if (t.subscribing && t.refusedBy(error)) {
                refused = t;
                break;
            }
        }
        if (refused == null && error.channel() == null) {
            // No echo to go by: Bitfinex answers subscribes in order, so the oldest one in flight.
            for (Topic t : topics) {
                if (t.subscribing) {
                    refused = t;
                    break;
                }
            }
        }
        if (refused != null) {
            refused.subscribing = false;
            refused.failed("Bitfinex refused " + refused.describe() + ": " + error.describe());
            md.forget(refused);
        }
        md.health().update();
    }

    // ---------------------------------------------------------------- data frames, routed by channel

    private Topic topic(BitfinexChannel ch) {
        Topic t = byChan.get(ch.chanId());
        if (t != null) {
            t.alive();
        }
        return t;
    }

    @Override
    public void onHeartbeat(BitfinexChannel channel, BitfinexTrailer trailer) {
        topic(channel);
    }

    @Override
    public void onTicker(BitfinexChannel channel, BitfinexTicker ticker, BitfinexTrailer trailer) {
        Topic t = topic(channel);
        if (t != null) {
            t.onTicker(channel, ticker, trailer);
        }
    }

    @Override
    public void onTradeSnapshot(BitfinexChannel channel, List<BitfinexTrade> trades, BitfinexTrailer trailer) {
        Topic t = topic(channel);
        if (t != null) {
            t.onTradeSnapshot(channel, trades, trailer);
        }
    }

    @Override
    public void onTrade(BitfinexChannel channel, BitfinexTradeEvent event, BitfinexTrade trade,
            BitfinexTrailer trailer) {
        Topic t = topic(channel);
        if (t != null) {
            t.onTrade(channel, event, trade, trailer);
        }
    }

    @Override
    public void onBookSnapshot(BitfinexChannel channel, BitfinexBookRows rows, BitfinexTrailer trailer) {
        Topic t = topic(channel);
        if (t != null) {
            t.onBookSnapshot(channel, rows, trailer);
        }
    }

    @Override
    public void onBookUpdate(BitfinexChannel channel, BitfinexBookRow row, BitfinexTrailer trailer) {
        Topic t = topic(channel);
        if (t != null) {
            t.onBookUpdate(channel, row, trailer);
        }
    }

    @Override
    public void onChecksum(BitfinexChannel channel, int checksum, BitfinexTrailer trailer) {
        Topic t = topic(channel);
        if (t != null) {
            t.onChecksum(channel, checksum, trailer);
        }
    }

    @Override
    public void onCandleSnapshot(BitfinexChannel channel, List<BitfinexCandle> candles, BitfinexTrailer trailer) {
        Topic t = topic(channel);
        if (t != null) {
            t.onCandleSnapshot(channel, candles, trailer);
        }
    }

    @Override
    public void onCandle(BitfinexChannel channel, BitfinexCandle candle, BitfinexTrailer trailer) {
        Topic t = topic(channel);
        if (t != null) {
            t.onCandle(channel, candle, trailer);
        }
    }

    @Override
    public void onDerivativeStatus(BitfinexChannel channel, BitfinexDerivativeStatus status, BitfinexTrailer trailer) {
        Topic t = topic(channel);
        if (t != null) {
            t.onDerivativeStatus(channel, status, trailer);
        }
    }

    @Override
    public void onLiquidations(BitfinexChannel channel, List<BitfinexLiquidation> liquidations,
            BitfinexTrailer trailer) {
        Topic t = topic(channel);
        if (t != null) {
            t.onLiquidations(channel, liquidations, trailer);
        }
    }

    @Override
    public String toString() {
        return "public connection " + index + " (" + topics.size() + " channels"
                + (fallback != null && fallback.active() ? ", REST fallback" : "") + ")";
    }
}
