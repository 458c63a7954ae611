package org.tradebench.api.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The health of one session of a connector: one connection (or group of connections) with one
 * purpose. Names are {@link #MARKET_DATA}, {@link #TRADING} (order entry), {@link #ACCOUNT} (the
 * user-data stream of balances, positions and orders) or a connector's own ({@code
 * "usdm-market-data"}).
 *
 * <pre>{@code
 * SessionHealth md = health.session(SessionHealth.MARKET_DATA).orElseThrow();
 * label.setText(md.name() + ": " + md.state().wireName() + " via " + md.source().wireName());
 * }</pre>
 *
 * @param name the session's name
 * @param state its state
 * @param cause why the state was entered, for people (empty when nothing to say)
 * @param since when the state was entered
 * @param source where its data comes from now
 * @param latency the latest measured round trip (ping/pong or request/answer), nullable
 * @param messagesPerSecond incoming messages per second over the last few seconds
 * @param reconnects reconnects since start
 * @param errors decoding, protocol and refused-request errors since start
 */
public record SessionHealth(String name, ConnectionState state, String cause, Instant since, DataSource source,
        Duration latency, double messagesPerSecond, long reconnects, long errors) {

    /** Market data: tickers, trades, books, candles. */
    public static final String MARKET_DATA = "market-data";
    /** Order entry. */
    public static final String TRADING = "trading";
    /** The account stream: balances, positions, orders, fills. */
    public static final String ACCOUNT = "account";

    /** Validates. */
    public SessionHealth {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(source, "source");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a session needs a name");
        }
        if (messagesPerSecond < 0 || reconnects < 0 || errors < 0) {
            throw new IllegalArgumentException("health counters must be >= 0");
        }
    }

    /**
     * A session with no measurements yet.
     *
     * @param name the session name
     * @param state the state
     * @param cause the cause
     * @param source the data source
     * @return the value, since now
     */
    public static SessionHealth of(String name, ConnectionState state, String cause, DataSource source) {
        return new SessionHealth(name, state, cause, Instant.now(), source, null, 0, 0, 0);
    }
}
