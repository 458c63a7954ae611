package org.tradebench.connector.bitfinex.internal.session;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;

import org.tradebench.api.spi.FrameTap;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannel;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexFrameDecoder;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexProtocolException;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSink;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrailer;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.health.HealthModel;
import org.tradebench.connector.support.json.JsonScanner;
import org.tradebench.transport.JettyTransport;
import org.tradebench.transport.ReconnectingWebSocket;
import org.tradebench.transport.Redaction;
import org.tradebench.transport.WebSocketDisconnect;
import org.tradebench.transport.WebSocketHandler;
import org.tradebench.transport.WebSocketOptions;

/**
 * One Bitfinex WebSocket: a {@link ReconnectingWebSocket} whose frames are decoded on the network
 * reader that received them, holding the connector's runtime lock, by this socket's own
 * {@link BitfinexFrameDecoder}, with the connection-wide sequence numbers ({@code SEQ_ALL}) checked
 * (by the decoder, before the owner's sink sees a data frame). No queue stands between the socket and the decoder:
 * the receive time is the time the bytes were read.
 *
 * <p>Bitfinex numbers every data frame of a connection with one counter (heartbeats and checksums
 * included; the account channel has a second one), so a gap says that some frame of this socket
 * was lost, not which channel's: the owner hears {@link Owner#sequenceGap} and decides what to
 * re-synchronise.
 *
 * <pre>{@code
 * BitfinexSocket s = new BitfinexSocket("bitfinex public 0", transport, options, runtime, session, sink, owner, tap);
 * s.start();              // owner.opened(s) after every (re)connect, under the runtime lock
 * s.send("{\"event\":\"conf\",\"flags\":229376}");
 * }</pre>
 *
 * <p>Every callback to the owner and the sink runs holding the runtime lock: frames on the reader,
 * life-cycle events on the control thread. {@link #send(String)} and {@link #reconnect(String)} may
 * be called from any thread.
 */
public final class BitfinexSocket implements WebSocketHandler {

    private static final System.Logger LOG = System.getLogger(BitfinexSocket.class.getName());
    private static final int EXCERPT = 200;

    /** What the socket reports to whoever owns it; all under the runtime lock. */
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
    private final ConnectorRuntime runtime;
    private final HealthModel.Session session;
    private final Owner owner;
    private final FrameTap tap;
    private final ReconnectingWebSocket ws;
    private final BitfinexFrameDecoder decoder;

    // Runtime lock.
    private boolean open;
    private long opens;
    private long lastSequence = -1;
    private long lastAuthSequence = -1;
    private long lastFrameNanos = System.nanoTime();
    private long badFrames;
    private long receivedNanos;
    private long receivedMillis;

    // The reader's (onFrame runs for one session at a time): the wall-clock time of the current read.
    private long readNanos;
    private long readMillis;

    /**
     * Creates a socket; nothing connects before {@link #start()}.
     *
     * @param name for logs and recordings, for example {@code "public-0"}
     * @param transport the Jetty clients
     * @param options address, back-off, connection limit, pings
     * @param runtime the connector's runtime
     * @param session the health session it counts messages and errors in
     * @param sink receives decoded frames (data frames after the sequence check)
     * @param owner receives life-cycle events
     * @param tap receives every raw frame (recording), or {@link FrameTap#NONE}
     */
    public BitfinexSocket(String name, JettyTransport transport, WebSocketOptions options, ConnectorRuntime runtime,
            HealthModel.Session session, BitfinexSink sink, Owner owner, FrameTap tap) {
        this.name = Objects.requireNonNull(name, "name");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.session = Objects.requireNonNull(session, "session");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.tap = Objects.requireNonNull(tap, "tap");
        this.decoder = new BitfinexFrameDecoder(Objects.requireNonNull(sink, "sink"), this::sequence);
        this.ws = new ReconnectingWebSocket(transport, options.withName("bitfinex " + name), this);
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

    /** Whether a session is open (runtime lock). */
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

    /**
     * When the frame being decoded arrived ({@link System#nanoTime()}); valid in sink callbacks.
     *
     * @return nanos
     */
    public long receivedNanos() {
        return receivedNanos;
    }

    /**
     * When the frame being decoded arrived, epoch milliseconds; valid in sink callbacks.
     *
     * @return millis
     */
    public long receivedMillis() {
        return receivedMillis;
    }

    /** The decoder (its channel table says what the exchange confirmed). */
    public BitfinexFrameDecoder decoder() {
        return decoder;
    }

    /** The underlying socket. */
    public ReconnectingWebSocket webSocket() {
        return ws;
    }

    // ---------------------------------------------------------------- transport callbacks

    @Override
    public void onOpen(ReconnectingWebSocket socket) {
        runtime.execute(() -> {
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
    public void onFrame(ReconnectingWebSocket socket, byte[] buffer, int offset, int length, long nanos) {
        // One clock read per network read, not per frame: the transport stamps each read once
        // (nanos), and every frame of that read shares the stamp. A clock read costs 20-40 ns,
        // a book frame about 300 ns in all.
        session.message(nanos);
        long millis;
        if (nanos == readNanos) {
            millis = readMillis;
        } else {
            millis = System.currentTimeMillis();
            readNanos = nanos;
            readMillis = millis;
        }
        tap.onFrame(name, buffer, offset, length, millis);
        synchronized (runtime.lock()) {
            if (!open) {
                return; // a frame that raced the loss of its session
            }
            receivedNanos = nanos;
            receivedMillis = millis;
            lastFrameNanos = nanos;
            try {
                decoder.decode(buffer, offset, length);
            } catch (BitfinexProtocolException e) {
                badFrames++;
                session.error();
                // Account frames may carry the auth handshake's fields: redacted before they are cut.
                String excerpt = authenticated() ? Redaction.frameExcerpt(buffer, offset, length, EXCERPT)
                        : JsonScanner.excerpt(buffer, offset, length, EXCERPT);
                LOG.log(Level.WARNING, () -> "bitfinex " + name + ": bad frame skipped (" + e.getMessage() + "): "
                        + excerpt);
                owner.badFrame(this);
            }
        }
    }

    private boolean authenticated() {
        return name.startsWith("account");
    }

    @Override
    public void onDisconnect(ReconnectingWebSocket socket, WebSocketDisconnect disconnect) {
        runtime.execute(() -> {
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
        runtime.execute(() -> owner.latency(this, roundTrip));
    }

    // ---------------------------------------------------------------- sequence numbers

    /**
     * Records an application pong (a {@code pong} event with the ping's {@code cid}); the owner's
     * sink calls it from {@code onPong}.
     *
     * @param cid the ping id
     */
    public void pong(long cid) {
        ws.pongReceived(cid);
    }

    /** Checks a data frame's sequence numbers (before the sink sees it); the frame is processed either way. */
    private void sequence(BitfinexChannel channel, BitfinexTrailer t) {
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
        return "bitfinex " + name + (open ? " (open)" : " (down)");
    }
}
