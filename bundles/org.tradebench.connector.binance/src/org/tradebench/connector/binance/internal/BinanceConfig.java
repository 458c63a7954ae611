package org.tradebench.connector.binance.internal;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import org.tradebench.api.credentials.KeyEnvironment;
import org.tradebench.api.spi.ConnectorSetting;

/**
 * How a Binance connector connects: its market, endpoints and timings. Component properties first
 * (PID {@code org.tradebench.connector.binance} for spot, {@code org.tradebench.connector.binance.usdm}
 * for USD-M), then system properties {@code tradebench.<id>.<key>}, then the defaults; tools pass
 * settings ({@link #fromSettings(Map)}, unknown names refused).
 *
 * <p>Endpoints. Spot streams are one combined-stream endpoint ({@code ws.url},
 * {@code wss://stream.binance.com:9443/stream}). USD-M streams are split since 2026: depth and book
 * tickers on the public route ({@code ws.url}, {@code wss://fstream.binance.com/public/stream}),
 * trades, klines, tickers, mark prices and liquidations on the market route ({@code ws.market.url},
 * {@code wss://fstream.binance.com/market/stream}). {@code rest.url} is the REST host; the paths
 * ({@code /api/v3/...}, {@code /fapi/v1/...}) are appended. {@code testnet=true} (or a testnet key)
 * moves every default to Binance's testnet ({@link BinanceEndpoints}).
 *
 * @param market spot or USD-M
 * @param wsPublic the combined-stream endpoint for depth and book tickers (spot: every stream)
 * @param wsMarket the combined-stream endpoint for the other streams (spot: the same as wsPublic)
 * @param rest the REST host, {@code https://api.binance.com}
 * @param depthLimit levels per side of a REST depth snapshot
 * @param staleAfter silence after which a socket is stale and reconnected
 * @param reconnect first reconnect back-off
 * @param reconnectMax longest reconnect back-off
 * @param restFallbackAfter socket downtime before REST polling
 * @param restPollInterval time between REST polls
 * @param rollover age at which a stream connection is replaced by a new one, before Binance's 24 h limit
 * @param replyTimeout how long a SUBSCRIBE waits for its reply
 * @param instrumentRefresh time between exchangeInfo refreshes
 */
public record BinanceConfig(BinanceMarket market, URI wsPublic, URI wsMarket, URI rest, int depthLimit,
        Duration staleAfter, Duration reconnect, Duration reconnectMax, Duration restFallbackAfter,
        Duration restPollInterval, Duration rollover, Duration replyTimeout, Duration instrumentRefresh) {

    /** The key that enables the workbench's service without keys. */
    public static final String ENABLED = "enabled";
    /** The setting that chooses the market of a connector a tool opens. */
    public static final String MARKET = "market";
    /**
     * The setting that chooses Binance's testnet without keys ({@code true}); with keys, the
     * environment stored with the key decides (see {@link BinanceEndpoints}).
     */
    public static final String TESTNET = "testnet";

    private static final List<String> KEYS = List.of(ConnectorSetting.WS_URL, "ws.market.url",
            ConnectorSetting.REST_URL, "depth.limit", "stale.ms", "reconnect.ms", "reconnect.max.ms",
            "rest.fallback.ms", "rest.poll.ms", "rollover.ms", "reply.timeout.ms", "instruments.refresh.ms", TESTNET);

    /** Validates. */
    public BinanceConfig {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(wsPublic, "wsPublic");
        Objects.requireNonNull(wsMarket, "wsMarket");
        Objects.requireNonNull(rest, "rest");
        if (depthLimit < 5 || depthLimit > market.maxDepthLimit()) {
            throw new IllegalArgumentException("Binance " + market.marketName() + " depth.limit must be 5.."
                    + market.maxDepthLimit() + ", was " + depthLimit);
        }
        for (Duration d : List.of(staleAfter, reconnect, reconnectMax, restFallbackAfter, restPollInterval, rollover,
                replyTimeout, instrumentRefresh)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("Binance timings must be > 0, was " + d);
            }
        }
        if (rollover.compareTo(BinanceMarket.connectionLifetime()) >= 0) {
            throw new IllegalArgumentException("rollover must come before Binance's 24 h limit, was " + rollover);
        }
        String r = rest.toString();
        if (r.endsWith("/")) {
            rest = URI.create(r.substring(0, r.length() - 1));
        }
    }

    /** The configuration PID of a market's component. */
    public static String pid(BinanceMarket market) {
        return market == BinanceMarket.SPOT ? "org.tradebench.connector.binance" : "org.tradebench.connector.binance.usdm";
    }

    /**
     * The real Binance endpoints and the default timings.
     *
     * @param market the market
     * @return the configuration
     */
    public static BinanceConfig defaults(BinanceMarket market) {
        return defaults(market, KeyEnvironment.LIVE);
    }

    /**
     * The endpoints of the live exchange or its testnet, and the default timings.
     *
     * @param market the market
     * @param environment live or testnet
     * @return the configuration
     */
    public static BinanceConfig defaults(BinanceMarket market, KeyEnvironment environment) {
        BinanceEndpoints e = BinanceEndpoints.of(market, environment);
        return new BinanceConfig(market, e.streamPublic(), e.streamMarket(), e.rest(), market.maxDepthLimit(),
                Duration.ofSeconds(30),
                Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofSeconds(2),
                Duration.ofHours(23).plusMinutes(30), Duration.ofSeconds(10), Duration.ofMinutes(15));
    }

    /**
     * The settings a tool may override for a market, with their defaults.
     *
     * @param market the market
     * @return the settings
     */
    public static List<ConnectorSetting> settings(BinanceMarket market) {
        BinanceConfig d = defaults(market);
        List<ConnectorSetting> s = new ArrayList<>();
        s.add(new ConnectorSetting(MARKET, "spot or usdm (USD-M futures)", "spot"));
        s.add(new ConnectorSetting(TESTNET, "true: every default endpoint is Binance's testnet's (an explicit URL"
                + " setting still wins)", "false"));
        s.add(new ConnectorSetting(ConnectorSetting.WS_URL, market == BinanceMarket.SPOT ? "combined-stream WebSocket"
                : "combined-stream WebSocket of the public route (depth, book ticker)", d.wsPublic.toString()));
        s.add(new ConnectorSetting("ws.market.url", "USD-M: combined-stream WebSocket of the market route (trades,"
                + " klines, tickers, mark prices, liquidations); spot: ignored, ws.url carries every stream",
                d.wsMarket.toString()));
        s.add(new ConnectorSetting(ConnectorSetting.REST_URL, "REST host (paths are appended)", d.rest.toString()));
        s.add(new ConnectorSetting("depth.limit", "levels per side of a REST depth snapshot", "" + d.depthLimit));
        s.add(new ConnectorSetting("stale.ms", "a silent socket is stale and reconnected after", ms(d.staleAfter)));
        s.add(new ConnectorSetting("reconnect.ms", "first reconnect back-off", ms(d.reconnect)));
        s.add(new ConnectorSetting("reconnect.max.ms", "longest reconnect back-off", ms(d.reconnectMax)));
        s.add(new ConnectorSetting("rest.fallback.ms", "socket downtime before REST polling", ms(d.restFallbackAfter)));
        s.add(new ConnectorSetting("rest.poll.ms", "time between REST polls", ms(d.restPollInterval)));
        s.add(new ConnectorSetting("rollover.ms", "a connection is replaced by a fresh one at this age (Binance ends"
                + " them after 24 h)", ms(d.rollover)));
        s.add(new ConnectorSetting("reply.timeout.ms", "how long a SUBSCRIBE waits for its reply", ms(d.replyTimeout)));
        s.add(new ConnectorSetting("instruments.refresh.ms", "time between exchangeInfo refreshes",
                ms(d.instrumentRefresh)));
        return List.copyOf(s);
    }

    private static String ms(Duration d) {
        return Long.toString(d.toMillis());
    }

    /**
     * A tool's settings: {@code market} chooses spot or USD-M; unknown names are refused.
     *
     * @param settings the overrides
     * @return the configuration
     * @throws IllegalArgumentException naming an unknown or malformed setting
     */
    public static BinanceConfig fromSettings(Map<String, String> settings) {
        Objects.requireNonNull(settings, "settings");
        Map<String, Object> props = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (!KEYS.contains(e.getKey()) && !MARKET.equals(e.getKey())) {
                throw new IllegalArgumentException("unknown Binance setting '" + e.getKey() + "' (known: " + MARKET
                        + ", " + String.join(", ", KEYS) + ")");
            }
            props.put(e.getKey(), e.getValue());
        }
        String m = settings.getOrDefault(MARKET, "spot");
        return from(BinanceMarket.byName(m.trim()), props, new Properties());
    }

    /**
     * A component's configuration: its properties, else system properties {@code tradebench.<id>.<key>},
     * else the defaults.
     *
     * @param market the market
     * @param component the component properties
     * @param system the system properties
     * @return the configuration
     */
    public static BinanceConfig from(BinanceMarket market, Map<String, ?> component, Properties system) {
        return from(market, environment(market, component, system), component, system);
    }

    /**
     * A configuration in an environment (the stored key's): its endpoints are the defaults, an
     * explicit URL setting still wins.
     *
     * @param market the market
     * @param environment live or testnet
     * @param component the component properties
     * @param system the system properties
     * @return the configuration
     */
    public static BinanceConfig from(BinanceMarket market, KeyEnvironment environment, Map<String, ?> component,
            Properties system) {
        Lookup l = new Lookup(market, component, system);
        BinanceConfig d = defaults(market, environment);
        URI pub = l.uri(ConnectorSetting.WS_URL, d.wsPublic);
        URI mkt = market == BinanceMarket.SPOT ? pub : l.uri("ws.market.url", d.wsMarket);
        return new BinanceConfig(market, pub, mkt, l.uri(ConnectorSetting.REST_URL, d.rest),
                (int) l.number("depth.limit", d.depthLimit), l.millis("stale.ms", d.staleAfter),
                l.millis("reconnect.ms", d.reconnect), l.millis("reconnect.max.ms", d.reconnectMax),
                l.millis("rest.fallback.ms", d.restFallbackAfter), l.millis("rest.poll.ms", d.restPollInterval),
                l.millis("rollover.ms", d.rollover), l.millis("reply.timeout.ms", d.replyTimeout),
                l.millis("instruments.refresh.ms", d.instrumentRefresh));
    }

    /**
     * Whether the workbench's service is switched on without keys.
     *
     * @param market the market
     * @param component the component properties
     * @param system the system properties
     * @return the {@code enabled} setting, false by default
     */
    public static boolean enabled(BinanceMarket market, Map<String, ?> component, Properties system) {
        String t = new Lookup(market, component, system).text(ENABLED);
        return t != null && Boolean.parseBoolean(t);
    }

    /**
     * The environment chosen by the {@code testnet} setting (used without keys; with keys the key's
     * environment decides).
     *
     * @param market the market
     * @param component the component properties
     * @param system the system properties
     * @return {@link KeyEnvironment#TESTNET} when {@code testnet=true}
     * @throws IllegalArgumentException when the setting is neither true nor false
     */
    public static KeyEnvironment environment(BinanceMarket market, Map<String, ?> component, Properties system) {
        String t = new Lookup(market, component, system).text(TESTNET);
        if (t == null || t.isEmpty() || "false".equalsIgnoreCase(t)) {
            return KeyEnvironment.LIVE;
        }
        if ("true".equalsIgnoreCase(t)) {
            return KeyEnvironment.TESTNET;
        }
        throw new IllegalArgumentException("Binance setting testnet must be true or false, was '" + t + "'");
    }

    /** Whether the endpoints are on this machine (a simulator). */
    public boolean loopback() {
        String host = wsPublic.getHost();
        return "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host);
    }

    /**
     * A REST address.
     *
     * @param path after the market's prefix: {@code depth?symbol=BTCUSDT&limit=5000}
     * @return the address
     */
    public URI restUri(String path) {
        return URI.create(rest + market.restPrefix() + path);
    }

    private record Lookup(BinanceMarket market, Map<String, ?> component, Properties system) {
        String text(String key) {
            Object v = component.get(key);
            if (v == null) {
                v = system.getProperty("tradebench." + market.id() + "." + key);
            }
            return v == null ? null : v.toString().trim();
        }

        URI uri(String key, URI dflt) {
            String t = text(key);
            if (t == null || t.isEmpty()) {
                return dflt;
            }
            try {
                return URI.create(t);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Binance setting " + key + " is not a URL: '" + t + "'", e);
            }
        }

        long number(String key, long dflt) {
            String t = text(key);
            if (t == null || t.isEmpty()) {
                return dflt;
            }
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Binance setting " + key + " must be a whole number, was '" + t + "'");
            }
        }

        Duration millis(String key, Duration dflt) {
            return Duration.ofMillis(number(key, dflt.toMillis()));
        }
    }
}
