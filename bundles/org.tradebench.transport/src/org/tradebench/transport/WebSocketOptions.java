package org.tradebench.transport;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link ReconnectingWebSocket} connects, reconnects, pings and watches for silence.
 * Start from {@link #of(URI)} and change what differs:
 *
 * <pre>{@code
 * WebSocketOptions options = WebSocketOptions.of(URI.create("wss://api-pub.bitfinex.com/ws/2"))
 *         .withName("bitfinex public")
 *         .withConnectLimiter(RateLimiter.of("bitfinex connects", 20, Duration.ofMinutes(1)))
 *         .withPing(PingMode.APPLICATION, Duration.ofSeconds(10))
 *         .withStaleAfter(Duration.ofSeconds(20));   // Bitfinex heartbeats every 15 s
 * }</pre>
 *
 * <p>{@link #toString()} never shows a credential: the address is {@linkplain Redaction#uri
 * redacted} (token-like path segments and secret query values, or everything past host and port
 * when {@link #authenticated()}), and header values are shown only for the
 * {@linkplain Redaction#SHOWN_HEADERS allow-list}.
 *
 * @param uri the {@code ws://} or {@code wss://} address
 * @param name a short name for log messages and thread names
 * @param reconnect the back-off between attempts
 * @param seed seed of the jitter's random generator (fixed in tests, varied in production)
 * @param stableAfter how long a session must stay open for the back-off to start again from the
 *        first attempt (a server that accepts and drops at once keeps backing off)
 * @param connectLimiter permits one connection attempt each (the exchange's connection limit);
 *        an attempt without a permit waits for one
 * @param connectTimeout the longest a connection attempt (TCP, TLS, upgrade) may take
 * @param idleTimeout Jetty's idle timeout for an open session, a last resort against half-open
 *        TCP connections; zero disables it
 * @param staleAfter silence after which {@link WebSocketHandler#onStale} is called; zero disables
 *        the watchdog
 * @param reconnectWhenStale whether a stale session is also closed and reconnected
 * @param pingMode how latency is measured
 * @param pingInterval time between pings (ignored with {@link PingMode#OFF})
 * @param headers extra HTTP headers for the upgrade request
 * @param maxMessageBytes the largest message (text or binary, after reassembling fragments)
 *        accepted, at most 1 GiB; a larger one closes the session with code 1009 and a reason
 *        that says so (exchange snapshots can be large: the read buffer grows up to this)
 * @param authenticated whether the session carries a credential (it authenticates, or its address
 *        or headers hold a token or listen key): then the address must be {@code wss://} unless
 *        its host is loopback ({@link PlainTextRule}), and {@link #toString()} shows nothing of the
 *        address past host and port
 */
public record WebSocketOptions(URI uri, String name, ReconnectPolicy reconnect, long seed, Duration stableAfter,
        RateLimiter connectLimiter, Duration connectTimeout, Duration idleTimeout, Duration staleAfter,
        boolean reconnectWhenStale, PingMode pingMode, Duration pingInterval, Map<String, String> headers,
        int maxMessageBytes, boolean authenticated) {

    /** The largest {@link #maxMessageBytes()} allowed: 1 GiB. */
    public static final int MAX_MESSAGE_BYTES_LIMIT = 1 << 30;

    /** Validates and copies. */
    public WebSocketOptions {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme();
        if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("a WebSocket address starts with ws:// or wss://, not '"
                    + Redaction.uri(uri, true) + "'");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reconnect, "reconnect");
        requireNonNegative(stableAfter, "stableAfter");
        Objects.requireNonNull(connectLimiter, "connectLimiter");
        requirePositive(connectTimeout, "connectTimeout");
        requireNonNegative(idleTimeout, "idleTimeout");
        requireNonNegative(staleAfter, "staleAfter");
        Objects.requireNonNull(pingMode, "pingMode");
        if (pingMode != PingMode.OFF) {
            requirePositive(pingInterval, "pingInterval");
        }
        Objects.requireNonNull(pingInterval, "pingInterval");
        headers = Map.copyOf(headers);
        if (maxMessageBytes < 1024 || maxMessageBytes > MAX_MESSAGE_BYTES_LIMIT) {
            throw new IllegalArgumentException("maxMessageBytes must be between 1024 and " + MAX_MESSAGE_BYTES_LIMIT
                    + ", was " + maxMessageBytes);
        }
        if (authenticated) {
            PlainTextRule.requireEncryptedUnlessLoopback(uri, name);
        }
    }

    /**
     * Defaults: the URI's host as name, {@link ReconnectPolicy#DEFAULT}, a seed from the clock,
     * stable after 10 s, no connection limit, 10 s connect timeout, 5 min idle timeout, no
     * watchdog, no pings, no headers, 16 MiB messages.
     *
     * @param uri the address
     * @return the options
     */
    public static WebSocketOptions of(URI uri) {
        return new WebSocketOptions(uri, String.valueOf(uri.getHost()), ReconnectPolicy.DEFAULT, System.nanoTime(),
                Duration.ofSeconds(10), RateLimiter.unlimited(), Duration.ofSeconds(10), Duration.ofMinutes(5),
                Duration.ZERO, false, PingMode.OFF, Duration.ZERO, Map.of(), 16 * 1024 * 1024, false);
    }

    /** @param newName log name @return a copy */
    public WebSocketOptions withName(String newName) {
        return new WebSocketOptions(uri, newName, reconnect, seed, stableAfter, connectLimiter, connectTimeout,
                idleTimeout, staleAfter, reconnectWhenStale, pingMode, pingInterval, headers, maxMessageBytes, authenticated);
    }

    /** @param policy back-off @param jitterSeed seed for the jitter @return a copy */
    public WebSocketOptions withReconnect(ReconnectPolicy policy, long jitterSeed) {
        return new WebSocketOptions(uri, name, policy, jitterSeed, stableAfter, connectLimiter, connectTimeout,
                idleTimeout, staleAfter, reconnectWhenStale, pingMode, pingInterval, headers, maxMessageBytes, authenticated);
    }

    /** @param duration open time that resets the back-off @return a copy */
    public WebSocketOptions withStableAfter(Duration duration) {
        return new WebSocketOptions(uri, name, reconnect, seed, duration, connectLimiter, connectTimeout,
                idleTimeout, staleAfter, reconnectWhenStale, pingMode, pingInterval, headers, maxMessageBytes, authenticated);
    }

    /** @param limiter connection attempts limiter @return a copy */
    public WebSocketOptions withConnectLimiter(RateLimiter limiter) {
        return new WebSocketOptions(uri, name, reconnect, seed, stableAfter, limiter, connectTimeout, idleTimeout,
                staleAfter, reconnectWhenStale, pingMode, pingInterval, headers, maxMessageBytes, authenticated);
    }

    /** @param connect connect timeout @param idle idle timeout (zero: none) @return a copy */
    public WebSocketOptions withTimeouts(Duration connect, Duration idle) {
        return new WebSocketOptions(uri, name, reconnect, seed, stableAfter, connectLimiter, connect, idle,
                staleAfter, reconnectWhenStale, pingMode, pingInterval, headers, maxMessageBytes, authenticated);
    }

    /**
     * @param silence watchdog threshold (zero: off); see {@link #withStaleAfter(Duration, boolean)}
     * @return a copy that only reports staleness
     */
    public WebSocketOptions withStaleAfter(Duration silence) {
        return withStaleAfter(silence, false);
    }

    /**
     * The silence watchdog: the session is stale when nothing at all arrived for {@code silence}.
     * Anything read counts, pong frames too, so this watches the connection, not the data: with
     * {@link PingMode#FRAMES} a server that answers pings but publishes nothing is never stale
     * here. A connector whose streams must tick (a ticker pushed every second, a per-channel
     * heartbeat) watches its own data as well; the Binance connector's {@code StreamSocket} does.
     *
     * @param silence watchdog threshold (zero: off)
     * @param reconnectOnStale also reconnect a stale session
     * @return a copy
     */
    public WebSocketOptions withStaleAfter(Duration silence, boolean reconnectOnStale) {
        return new WebSocketOptions(uri, name, reconnect, seed, stableAfter, connectLimiter, connectTimeout,
                idleTimeout, silence, reconnectOnStale, pingMode, pingInterval, headers, maxMessageBytes, authenticated);
    }

    /** @param mode ping mode @param interval between pings @return a copy */
    public WebSocketOptions withPing(PingMode mode, Duration interval) {
        return new WebSocketOptions(uri, name, reconnect, seed, stableAfter, connectLimiter, connectTimeout,
                idleTimeout, staleAfter, reconnectWhenStale, mode, interval, headers, maxMessageBytes, authenticated);
    }

    /** @param upgradeHeaders extra upgrade request headers @return a copy */
    public WebSocketOptions withHeaders(Map<String, String> upgradeHeaders) {
        return new WebSocketOptions(uri, name, reconnect, seed, stableAfter, connectLimiter, connectTimeout,
                idleTimeout, staleAfter, reconnectWhenStale, pingMode, pingInterval, upgradeHeaders, maxMessageBytes, authenticated);
    }

    /** @param bytes largest accepted message @return a copy */
    public WebSocketOptions withMaxMessageBytes(int bytes) {
        return new WebSocketOptions(uri, name, reconnect, seed, stableAfter, connectLimiter, connectTimeout,
                idleTimeout, staleAfter, reconnectWhenStale, pingMode, pingInterval, headers, bytes, authenticated);
    }

    /**
     * A copy for a session that carries a credential: it authenticates after connecting, or its
     * address or headers hold a token. Such options refuse a plain {@code ws://} address unless its
     * host is loopback, and their {@link #toString()} shows only the address's scheme, host and port.
     *
     * @return a copy
     * @throws IllegalArgumentException for {@code ws://} to a host that is not loopback (the message
     *         names the scheme and host only)
     */
    public WebSocketOptions withAuthenticated() {
        return new WebSocketOptions(uri, name, reconnect, seed, stableAfter, connectLimiter, connectTimeout,
                idleTimeout, staleAfter, reconnectWhenStale, pingMode, pingInterval, headers, maxMessageBytes, true);
    }

    /**
     * The address for logs and messages.
     *
     * @return the address {@linkplain Redaction#uri redacted}, secret-bearing when {@link #authenticated()}
     */
    public String redactedUri() {
        return Redaction.uri(uri, authenticated);
    }

    /** The options without credentials: the address redacted, header values only for the allow-list. */
    @Override
    public String toString() {
        return "WebSocketOptions[uri=" + redactedUri() + ", name=" + name + ", authenticated=" + authenticated
                + ", reconnect=" + reconnect + ", seed=" + seed + ", stableAfter=" + stableAfter + ", connectLimiter="
                + connectLimiter + ", connectTimeout=" + connectTimeout + ", idleTimeout=" + idleTimeout
                + ", staleAfter=" + staleAfter + ", reconnectWhenStale=" + reconnectWhenStale + ", pingMode="
                + pingMode + ", pingInterval=" + pingInterval + ", headers=" + Redaction.headers(headers)
                + ", maxMessageBytes=" + maxMessageBytes + "]";
    }

    private static void requirePositive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be > 0, was " + d);
        }
    }

    private static void requireNonNegative(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must be >= 0, was " + d);
        }
    }
}
