package org.tradebench.connector.bitfinex.internal.session;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.tradebench.connector.bitfinex.internal.ConnectorThread;
import org.tradebench.connector.bitfinex.internal.HealthModel;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexAuthReply;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexBookRow;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexBookRows;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexCandle;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChange;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannel;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexFrameDecoder;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexFundingTicker;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexNotification;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOrder;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOwnTrade;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexPosition;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexProtocolException;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSink;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTicker;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrade;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTradeEvent;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrailer;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexWallet;
import org.tradebench.transport.JettyTransport;
import org.tradebench.transport.ReconnectingWebSocket;
import org.tradebench.transport.WebSocketDisconnect;
import org.tradebench.transport.WebSocketHandler;
import org.tradebench.transport.WebSocketOptions;

/**
 * One Bitfinex WebSocket: a {@link ReconnectingWebSocket} whose frames are decoded on the
 * connector thread by this socket's own {@link BitfinexFrameDecoder}, with the connection-wide
 * sequence numbers ({@code SEQ_ALL}) checked before the owner's sink sees a data frame.
 *
 * <p>Bitfinex numbers every data frame of a connection with one counter (heartbeats and checksums
 * included; the account channel has a second one), so a gap says that some frame of this socket
 * was lost, not which channel's: the owner hears {@link Owner#sequenceGap} and decides what to
 * re-synchronise.
 *
 * <pre>{@code
 * BitfinexSocket s = new BitfinexSocket("bitfinex public 0", transport, options, thread, health, sink, owner);
 * s.start();              // owner.opened(s) after every (re)connect, on the connector thread
 * s.send("{\"event\":\"conf\",\"flags\":229376}");
 * }</pre>
 *
 * <p>Jetty and timer callbacks only hand work to the connector thread; everything else here runs on
 * it. {@link #send(String)} and {@link #reconnect(String)} may be called from any thread.
 */
public final class BitfinexSocket implements WebSocketHandler {

    private static final System.Logger LOG = System.getLogger(BitfinexSocket.class.getName());
    private static final int EXCERPT = 200;

    /** What the socket reports to whoever owns it; all on the connector thread. */
    public interface Owner {
        /**
         * A session opened (the decoder was reset; nothing is subscribed).
         *
         * @param socket the socket
         */
        void opened(BitfinexSocket socket);

        /**
         * The session ended or an attempt failed.
         *
         * @param socket the socket
         * @param disconnect what happened
         */
        void lost(BitfinexSocket socket, WebSocketDisconnect disconnect);

        /**
         * A data frame's sequence number was not the previous one plus one.
         *
         * @param socket the socket
         * @param expected the number expected
         * @param got the number received
         * @param account true for the account channel's own counter
         */
        void sequenceGap(BitfinexSocket socket, long expected, long got, boolean account);

        /**
         * A frame could not be decoded (it was logged and counted); the stream goes on.
         *
         * @param socket the socket
         */
        default void badFrame(BitfinexSocket socket) {
        }

        /**
         * A new round-trip measurement.
         *
         * @param socket the socket
         * @param roundTrip the latency
         */
        default void latency(BitfinexSocket socket, Duration roundTrip) {
        }
    }

    private final String name;
    private final ConnectorThread thread;
    private final HealthModel health;
    private final Owner owner;
    private final ReconnectingWebSocket ws;
    private final BitfinexFrameDecoder decoder;

    // Connector thread.
    private boolean open;
    private long opens;
    private long lastSequence = -1;
    private long lastAuthSequence = -1;
    private long lastFrameNanos = System.nanoTime();
    private long badFrames;

    /**
     * Creates a socket; nothing connects before {@link #start()}.
     *
     * @param name for logs, for example {@code "bitfinex public 0"}
     * @param transport the Jetty clients
     * @param options address, back-off, connection limit, pings
     * @param thread the connector thread
     * @param health counts messages and errors
     * @param sink receives decoded frames (data frames after the sequence check)
     * @param owner receives life-cycle events
     */
    public BitfinexSocket(String name, JettyTransport transport, WebSocketOptions options, ConnectorThread thread,
            HealthModel health, BitfinexSink sink, Owner owner) {
        this.name = Objects.requireNonNull(name, "name");
        this.thread = Objects.requireNonNull(thread, "thread");
        this.health = Objects.requireNonNull(health, "health");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.decoder = new BitfinexFrameDecoder(new Sequenced(Objects.requireNonNull(sink, "sink")));
        this.ws = new ReconnectingWebSocket(transport, options.withName(name), this);
    }

    /** Starts connecting. */
    public void start() {
        ws.start();
    }

    /** Closes for good. */
    public void close() {
        ws.close();
    }

    /**
     * Sends a message on the open session.
     *
     * @param text the message
     * @return false when no session is open (dropped: {@link Owner#opened} sends everything again)
     */
    public boolean send(String text) {
        return ws.send(text);
    }

    /**
     * Drops the session and connects again at once.
     *
     * @param reason why, for the log
     */
    public void reconnect(String reason) {
        ws.reconnect(reason);
    }

    /** The socket's name. */
    public String name() {
        return name;
    }

    /** Whether a session is open (connector thread's view). */
    public boolean isOpen() {
        return open;
    }

    /** Sessions opened so far. */
    public long opens() {
        return opens;
    }

    /** Frames that could not be decoded. */
    public long badFrames() {
        return badFrames;
    }

    /** Nanoseconds since the last frame of the open session. */
    public long silentNanos() {
        return System.nanoTime() - lastFrameNanos;
    }

    /** The decoder (its channel table says what the exchange confirmed). */
    public BitfinexFrameDecoder decoder() {
        return decoder;
    }

    /** The underlying socket. */
    public ReconnectingWebSocket webSocket() {
        return ws;
    }

    /**
     * Records an application pong (a {@code pong} event with the ping's {@code cid}).
     *
     * @param cid the ping id
     */
    public void pong(long cid) {
        ws.pongReceived(cid);
    }

    // ---------------------------------------------------------------- Jetty and timer threads

    @Override
    public void onOpen(ReconnectingWebSocket socket) {
        thread.execute(() -> {
            open = true;
            opens++;
            lastSequence = -1;
            lastAuthSequence = -1;
            lastFrameNanos = System.nanoTime();
            decoder.reset();
            owner.opened(this);
        });
    }

    @Override
    public void onText(ReconnectingWebSocket socket, String text) {
        health.message();
        thread.execute(() -> decode(text));
    }

    @Override
    public void onDisconnect(ReconnectingWebSocket socket, WebSocketDisconnect disconnect) {
        thread.execute(() -> {
            open = false;
            owner.lost(this, disconnect);
        });
    }

    @Override
    public void onPingDue(ReconnectingWebSocket socket, long pingId) {
        socket.send("{\"event\":\"ping\",\"cid\":" + pingId + "}");
    }

    @Override
    public void onLatency(ReconnectingWebSocket socket, Duration roundTrip) {
        if (thread.isCurrent()) {
            owner.latency(this, roundTrip);
        } else {
            thread.execute(() -> owner.latency(this, roundTrip));
        }
    }

    // ---------------------------------------------------------------- connector thread

    private void decode(String text) {
        if (!open) {
            return; // a frame that raced the loss of its session
        }
        lastFrameNanos = System.nanoTime();
        try {
            decoder.decode(text);
        } catch (BitfinexProtocolException e) {
            badFrames++;
            health.error();
            LOG.log(Level.WARNING, () -> name + ": bad frame skipped (" + e.getMessage() + "): " + excerpt(text));
            owner.badFrame(this);
        }
    }

    private static String excerpt(String text) {
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "…";
    }

    /** Checks a data frame's sequence numbers; the frame is processed either way. */
    private void sequence(BitfinexTrailer t) {
        if (t.hasSequence()) {
            long seq = t.sequence();
            long expected = lastSequence + 1;
            lastSequence = seq;
            if (expected > 0 && seq != expected) {
                owner.sequenceGap(this, expected, seq, false);
            }
        }
        if (t.hasAuthSequence()) {
            long seq = t.authSequence();
            long expected = lastAuthSequence + 1;
            lastAuthSequence = seq;
            if (expected > 0 && seq != expected) {
                owner.sequenceGap(this, expected, seq, true);
            }
        }
    }

    @Override
    public String toString() {
        return name + (open ? " (open)" : " (down)");
    }

    /** Checks sequence numbers, then forwards to the owner's sink. */
    private final class Sequenced implements BitfinexSink {
        private final BitfinexSink sink;

        Sequenced(BitfinexSink sink) {
            this.sink = sink;
        }

        @Override
        public void onInfo(int version, int platformStatus) {
            sink.onInfo(version, platformStatus);
        }

        @Override
        public void onInfoCode(int code, String message) {
            sink.onInfoCode(code, message);
        }

        @Override
        public void onConf(String status, int flags) {
            sink.onConf(status, flags);
        }

        @Override
        public void onSubscribed(BitfinexChannel channel) {
            sink.onSubscribed(channel);
        }

        @Override
        public void onUnsubscribed(BitfinexChannel channel, int chanId, String status) {
            sink.onUnsubscribed(channel, chanId, status);
        }

        @Override
        public void onError(int code, String message) {
            sink.onError(code, message);
        }

        @Override
        public void onAuth(BitfinexAuthReply reply) {
            sink.onAuth(reply);
        }

        @Override
        public void onPong(long timestamp, long cid) {
            pong(cid);
            sink.onPong(timestamp, cid);
        }

        @Override
        public void onHeartbeat(BitfinexChannel channel, BitfinexTrailer trailer) {
            sequence(trailer);
            sink.onHeartbeat(channel, trailer);
        }

        @Override
        public void onTicker(BitfinexChannel channel, BitfinexTicker ticker, BitfinexTrailer trailer) {
            sequence(trailer);
            sink.onTicker(channel, ticker, trailer);
        }

        @Override
        public void onFundingTicker(BitfinexChannel channel, BitfinexFundingTicker ticker, BitfinexTrailer trailer) {
            sequence(trailer);
            sink.onFundingTicker(channel, ticker, trailer);
        }

        @Override
        public void onTradeSnapshot(BitfinexChannel channel, List<BitfinexTrade> trades, BitfinexTrailer trailer) {
            sequence(trailer);
            sink.onTradeSnapshot(channel, trades, trailer);
        }

        @Override
        public void onTrade(BitfinexChannel channel, BitfinexTradeEvent event, BitfinexTrade trade,
                BitfinexTrailer trailer) {
            sequence(trailer);
            sink.onTrade(channel, event, trade, trailer);
        }

        @Override
        public void onBookSnapshot(BitfinexChannel channel, BitfinexBookRows rows, BitfinexTrailer trailer) {
            sequence(trailer);
            sink.onBookSnapshot(channel, rows, trailer);
        }

        @Override
        public void onBookUpdate(BitfinexChannel channel, BitfinexBookRow row, BitfinexTrailer trailer) {
            sequence(trailer);
            sink.onBookUpdate(channel, row, trailer);
        }

        @Override
        public void onChecksum(BitfinexChannel channel, int checksum, BitfinexTrailer trailer) {
            sequence(trailer);
            sink.onChecksum(channel, checksum, trailer);
        }

        @Override
        public void onCandleSnapshot(BitfinexChannel channel, List<BitfinexCandle> candles, BitfinexTrailer trailer) {
            sequence(trailer);
            sink.onCandleSnapshot(channel, candles, trailer);
        }

        @Override
        public void onCandle(BitfinexChannel channel, BitfinexCandle candle, BitfinexTrailer trailer) {
            sequence(trailer);
            sink.onCandle(channel, candle, trailer);
        }

        @Override
        public void onOrderSnapshot(List<BitfinexOrder> orders, BitfinexTrailer trailer) {
            sequence(trailer);
            sink.onOrderSnapshot(orders, trailer);
        }

        @Override
        public void onOrder(BitfinexChange change, BitfinexOrder order, BitfinexTrailer trailer) {
            sequence(trailer);
            sink.onOrder(change, order, trailer);
        }

        @Override
        public void onPositionSnapshot(List<BitfinexPosition> positions, BitfinexTrailer trailer) {
            sequence(trailer);
            sink.onPositionSnapshot(positions, trailer);
        }

        @Override
        public void onPosition(BitfinexChange change, BitfinexPosition position, BitfinexTrailer trailer) {
            sequence(trailer);
            sink.onPosition(change, position, trailer);
        }

        @Override
        public void onWalletSnapshot(List<BitfinexWallet> wallets, BitfinexTrailer trailer) {
            sequence(trailer);
            sink.onWalletSnapshot(wallets, trailer);
        }

        @Override
        public void onWallet(BitfinexWallet wallet, BitfinexTrailer trailer) {
            sequence(trailer);
            sink.onWallet(wallet, trailer);
        }

        @Override
        public void onOwnTrade(BitfinexTradeEvent event, BitfinexOwnTrade trade, BitfinexTrailer trailer) {
            sequence(trailer);
            sink.onOwnTrade(event, trade, trailer);
        }

        @Override
        public void onNotification(BitfinexNotification notification, BitfinexTrailer trailer) {
            sequence(trailer);
            sink.onNotification(notification, trailer);
        }

        @Override
        public void onUnhandled(String description) {
            sink.onUnhandled(description);
        }
    }
}
