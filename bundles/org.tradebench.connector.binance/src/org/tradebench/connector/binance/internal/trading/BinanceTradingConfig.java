package org.tradebench.connector.binance.internal.trading;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import org.tradebench.api.credentials.KeyEnvironment;
import org.tradebench.connector.binance.internal.BinanceEndpoints;
import org.tradebench.connector.binance.internal.BinanceMarket;

/**
 * The trading side's settings, apart from the market data's {@code BinanceConfig} (a component
 * property, else the system property {@code tradebench.<id>.<key>}, else the default):
 *
 * <ul>
 * <li>{@code ws.api.url}: the WebSocket API ({@code wss://ws-api.binance.com:443/ws-api/v3},
 * {@code wss://ws-fapi.binance.com/ws-fapi/v1})</li>
 * <li>{@code ws.private.url}: USD-M user data, the listenKey is appended as {@code ?listenKey=K}
 * ({@code wss://fstream.binance.com/private/ws})</li>
 * <li>{@code recv.window.ms} (5000, at most 60000), {@code order.timeout.ms} (10000),
 * {@code listenkey.keepalive.ms} (30 minutes), {@code account.poll.ms} (5000: REST polling while
 * the account stream is down), {@code time.sync.ms} (5 minutes)</li>
 * </ul>
 *
 * @param wsApi the WebSocket API
 * @param wsPrivate USD-M user data stream base
 * @param recvWindow Binance's {@code recvWindow}
 * @param orderTimeout how long an order request waits for its answer before it is looked up
 * @param keepAlive listenKey keep-alive period
 * @param accountPoll REST polling period while the account stream is down
 * @param timeSync server time sampling period
 */
public record BinanceTradingConfig(URI wsApi, URI wsPrivate, Duration recvWindow, Duration orderTimeout,
        Duration keepAlive, Duration accountPoll, Duration timeSync) {

    /** The setting keys. */
    public static final List<String> KEYS = List.of("ws.api.url", "ws.private.url", "recv.window.ms",
            "order.timeout.ms", "listenkey.keepalive.ms", "account.poll.ms", "time.sync.ms");

    /** Validates. */
    public BinanceTradingConfig {
        Objects.requireNonNull(wsApi, "wsApi");
        Objects.requireNonNull(wsPrivate, "wsPrivate");
        if (recvWindow.toMillis() < 1 || recvWindow.toMillis() > 60_000) {
            throw new IllegalArgumentException("Binance recv.window.ms must be 1..60000, was " + recvWindow.toMillis());
        }
        for (Duration d : List.of(orderTimeout, keepAlive, accountPoll, timeSync)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("Binance trading timings must be > 0, was " + d);
            }
        }
    }

    /**
     * The defaults of a market.
     *
     * @param market spot or USD-M
     * @return Binance's production endpoints
     */
    public static BinanceTradingConfig defaults(BinanceMarket market) {
        return defaults(market, KeyEnvironment.LIVE);
    }

    /**
     * The defaults of a market in an environment.
     *
     * @param market spot or USD-M
     * @param environment the live exchange or its testnet
     * @return its WebSocket API and user data endpoints, the default timings
     */
    public static BinanceTradingConfig defaults(BinanceMarket market, KeyEnvironment environment) {
        BinanceEndpoints e = BinanceEndpoints.of(market, environment);
        return new BinanceTradingConfig(e.wsApi(), e.wsPrivate(), Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofMinutes(30), Duration.ofSeconds(5), Duration.ofMinutes(5));
    }

    /**
     * The configuration from component properties, else system properties, else the defaults.
     *
     * @param market the market
     * @param component the component properties
     * @param system the system properties
     * @return the configuration
     * @throws IllegalArgumentException naming a malformed setting
     */
    public static BinanceTradingConfig from(BinanceMarket market, Map<String, ?> component, Properties system) {
        return from(market, KeyEnvironment.LIVE, component, system);
    }

    /**
     * The configuration in an environment (the stored key's): its endpoints are the defaults,
     * component and system properties still win.
     *
     * @param market the market
     * @param environment live or testnet
     * @param component the component properties
     * @param system the system properties
     * @return the configuration
     * @throws IllegalArgumentException naming a malformed setting
     */
    public static BinanceTradingConfig from(BinanceMarket market, KeyEnvironment environment, Map<String, ?> component,
            Properties system) {
        BinanceTradingConfig d = defaults(market, environment);
        java.util.function.Function<String, String> text = key -> {
            Object v = component.get(key);
            if (v == null) {
                v = system.getProperty("tradebench." + market.id() + "." + key);
            }
            return v == null || v.toString().isBlank() ? null : v.toString().trim();
        };
        return new BinanceTradingConfig(uri(text.apply("ws.api.url"), d.wsApi, "ws.api.url"),
                uri(text.apply("ws.private.url"), d.wsPrivate, "ws.private.url"),
                millis(text.apply("recv.window.ms"), d.recvWindow, "recv.window.ms"),
                millis(text.apply("order.timeout.ms"), d.orderTimeout, "order.timeout.ms"),
                millis(text.apply("listenkey.keepalive.ms"), d.keepAlive, "listenkey.keepalive.ms"),
                millis(text.apply("account.poll.ms"), d.accountPoll, "account.poll.ms"),
                millis(text.apply("time.sync.ms"), d.timeSync, "time.sync.ms"));
    }

    private static URI uri(String t, URI d, String key) {
        if (t == null) {
            return d;
        }
        try {
            return URI.create(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Binance setting " + key + " is not a URL: '" + t + "'", e);
        }
    }

    private static Duration millis(String t, Duration d, String key) {
        if (t == null) {
            return d;
        }
        try {
            return Duration.ofMillis(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Binance setting " + key + " must be a whole number, was '" + t + "'");
        }
    }
}
