package org.tradebench.connector.bitfinex.internal;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

import org.tradebench.api.spi.ConnectorSetting;

/**
 * How the Bitfinex connector connects: endpoints, timing of staleness detection, reconnects and
 * the REST fallback, the dead-man switch, and where keys come from. Start from {@link #defaults()}
 * (the real Bitfinex endpoints) and change what differs; tests point the endpoints at the loopback
 * simulator and shorten the timings:
 *
 * <pre>{@code
 * BitfinexConfig config = BitfinexConfig.defaults()
 *         .withEndpoints(sim.webSocketUri(), sim.webSocketUri(), sim.restUri().resolve("v2/"), sim.restUri().resolve("v2/"))
 *         .withHeartbeat(Duration.ofMillis(500), Duration.ofMillis(500));
 * }</pre>
 *
 * <p>In OSGi the component reads its configuration (PID {@value #PID}) and falls back to system
 * properties {@code tradebench.bitfinex.<key>}; keys are listed at {@link #from(Map, Properties)}.
 * Tools open a connector with {@link #fromSettings(Map)}, which refuses unknown keys. API keys are
 * never configuration: they come from the credential store.
 *
 * @param wsPublic public WebSocket, {@code wss://api-pub.bitfinex.com/ws/2}
 * @param wsAuth authenticated WebSocket, {@code wss://api.bitfinex.com/ws/2}
 * @param restPublic public REST base ending in {@code /v2/}, {@code https://api-pub.bitfinex.com/v2/}
 * @param restAuth authenticated REST base ending in {@code /v2/}, {@code https://api.bitfinex.com/v2/}
 * @param heartbeat the exchange's heartbeat interval on a quiet channel (15 s)
 * @param staleMargin added to the heartbeat before a silent channel counts as stale (5 s)
 * @param pingInterval time between {@code ping} messages that measure latency (10 s)
 * @param reconnect initial and maximum reconnect back-off, doubled per attempt with ±20 % jitter
 * @param reconnectMax the longest back-off
 * @param restFallbackAfter how long the socket may be down before data is polled from REST (3 s)
 * @param restPollInterval time between REST polls of one stream while in fallback (2 s)
 * @param restBlockedPause how long all REST calls pause after the exchange answered "rate limit"
 *        (Bitfinex blocks the IP for 60 s)
 * @param silenceReconnect a socket that receives nothing at all for this long is reconnected (60 s)
 * @param replyTimeout how long an order request waits for Bitfinex's answer before its future
 *        completes as unknown (10 s)
 * @param retainFinished how long a finished order stays in memory before only its client order id
 *        is remembered (10 minutes)
 * @param deadManSwitch true to authenticate with {@code dms:4}: the exchange cancels every order
 *        when the authenticated socket drops
 */
public record BitfinexConfig(URI wsPublic, URI wsAuth, URI restPublic, URI restAuth, Duration heartbeat,
        Duration staleMargin, Duration pingInterval, Duration reconnect, Duration reconnectMax,
        Duration restFallbackAfter, Duration restPollInterval, Duration restBlockedPause, Duration silenceReconnect,
        boolean deadManSwitch, Duration replyTimeout, Duration retainFinished) {

    /** The configuration PID of the OSGi component. */
    public static final String PID = "org.tradebench.connector.bitfinex";

    /** Prefix of the system properties. */
    public static final String SYSTEM_PREFIX = "tradebench.bitfinex.";

    /**
     * The key that enables the OSGi service without stored keys (market data only):
     * {@value}; as a system property {@code tradebench.bitfinex.enabled=true}.
     */
    public static final String ENABLED = "enabled";

    /** Validates. */
    public BitfinexConfig {
        Objects.requireNonNull(wsPublic, "wsPublic");
        Objects.requireNonNull(wsAuth, "wsAuth");
        Objects.requireNonNull(restPublic, "restPublic");
        Objects.requireNonNull(restAuth, "restAuth");
        positive(heartbeat, "heartbeat");
        Objects.requireNonNull(staleMargin, "staleMargin");
        positive(pingInterval, "pingInterval");
        positive(reconnect, "reconnect");
        positive(reconnectMax, "reconnectMax");
        positive(restFallbackAfter, "restFallbackAfter");
        positive(restPollInterval, "restPollInterval");
        positive(restBlockedPause, "restBlockedPause");
        positive(silenceReconnect, "silenceReconnect");
        positive(replyTimeout, "replyTimeout");
        Objects.requireNonNull(retainFinished, "retainFinished");
        if (retainFinished.isNegative()) {
            throw new IllegalArgumentException("retainFinished must not be negative: " + retainFinished);
        }
        restPublic = slash(restPublic);
        restAuth = slash(restAuth);
    }

    /** The settings {@link #fromSettings(Map)} understands, with their defaults. */
    public static final List<ConnectorSetting> SETTINGS = List.of(
            new ConnectorSetting(ConnectorSetting.WS_URL, "public WebSocket", "wss://api-pub.bitfinex.com/ws/2"),
            new ConnectorSetting("ws.auth.url", "authenticated WebSocket", "wss://api.bitfinex.com/ws/2"),
            new ConnectorSetting(ConnectorSetting.REST_URL, "public REST base (ends in /v2/)",
                    "https://api-pub.bitfinex.com/v2/"),
            new ConnectorSetting("rest.auth.url", "authenticated REST base (ends in /v2/)",
                    "https://api.bitfinex.com/v2/"),
            new ConnectorSetting("heartbeat.ms", "the exchange's heartbeat interval", "15000"),
            new ConnectorSetting("stale.margin.ms", "added to the heartbeat before a channel is stale", "5000"),
            new ConnectorSetting("ping.ms", "time between latency pings", "10000"),
            new ConnectorSetting("reconnect.ms", "first reconnect back-off", "500"),
            new ConnectorSetting("reconnect.max.ms", "longest reconnect back-off", "30000"),
            new ConnectorSetting("rest.fallback.ms", "socket downtime before REST polling", "3000"),
            new ConnectorSetting("rest.poll.ms", "time between REST polls", "2000"),
            new ConnectorSetting("rest.blocked.ms", "pause after a rate-limit answer", "60000"),
            new ConnectorSetting("silence.reconnect.ms", "a silent socket is reconnected after", "60000"),
            new ConnectorSetting("dms", "dead-man switch on the authenticated socket", "false"),
            new ConnectorSetting("reply.timeout.ms", "how long an order request waits for Bitfinex's answer", "10000"),
            new ConnectorSetting("retention.finished.ms", "how long a finished order stays in memory", "600000"));

    private static final Map<String, String> ALIASES = Map.of(ConnectorSetting.WS_URL, "ws.public", "ws.auth.url",
            "ws.auth", ConnectorSetting.REST_URL, "rest.public", "rest.auth.url", "rest.auth");

    private static final Set<String> KEYS = Set.of("ws.public", "ws.auth", "rest.public", "rest.auth", "heartbeat.ms",
            "stale.margin.ms", "ping.ms", "reconnect.ms", "reconnect.max.ms", "rest.fallback.ms", "rest.poll.ms",
            "rest.blocked.ms", "silence.reconnect.ms", "dms", "reply.timeout.ms", "retention.finished.ms", ENABLED);

    /**
     * A configuration from a tool's settings ({@code --set ws.url=ws://127.0.0.1:8080/ws/2}):
     * {@link #SETTINGS} and the keys of {@link #from(Map, Properties)}; system properties are not
     * read.
     *
     * @param settings the overrides
     * @return the configuration
     * @throws IllegalArgumentException naming an unknown key or a malformed value
     */
    public static BitfinexConfig fromSettings(Map<String, String> settings) {
        Map<String, Object> normalized = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String key = ALIASES.getOrDefault(e.getKey(), e.getKey());
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown Bitfinex setting '" + e.getKey() + "' (known: "
                        + SETTINGS.stream().map(ConnectorSetting::name).toList() + ")");
            }
            normalized.put(key, e.getValue());
        }
        return from(normalized, new Properties());
    }

    /**
     * Whether the public WebSocket is on this machine (ws:// is accepted there only).
     *
     * @return true for 127.0.0.1, ::1 or localhost
     */
    public boolean loopback() {
        String host = wsPublic.getHost();
        return "127.0.0.1".equals(host) || "localhost".equals(host) || "::1".equals(host) || "[::1]".equals(host);
    }

    /**
     * The real Bitfinex endpoints and timings, no keys, no dead-man switch.
     *
     * @return the defaults
     */
    public static BitfinexConfig defaults() {
        return new BitfinexConfig(URI.create("wss://api-pub.bitfinex.com/ws/2"), URI.create("wss://api.bitfinex.com/ws/2"),
                URI.create("https://api-pub.bitfinex.com/v2/"), URI.create("https://api.bitfinex.com/v2/"),
                Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMillis(500),
                Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(60),
                Duration.ofSeconds(60), false, Duration.ofSeconds(10),
                Duration.ofMinutes(10));
    }

    /**
     * Reads a configuration: component properties first, then system properties
     * {@code tradebench.bitfinex.<key>}, then {@link #defaults()}. Keys: {@code ws.public},
     * {@code ws.auth}, {@code rest.public}, {@code rest.auth} (URLs), {@code heartbeat.ms},
     * {@code stale.margin.ms}, {@code ping.ms}, {@code reconnect.ms}, {@code reconnect.max.ms},
     * {@code rest.fallback.ms}, {@code rest.poll.ms}, {@code rest.blocked.ms},
     * {@code silence.reconnect.ms}, {@code reply.timeout.ms}, {@code retention.finished.ms} (milliseconds) and {@code dms} ({@code true}/{@code false}); the
     * toolkit's common names {@code ws.url} and {@code rest.url} stand for {@code ws.public} and
     * {@code rest.public}, {@code ws.auth.url} and {@code rest.auth.url} for the authenticated ones.
     *
     * @param component the component properties (may be empty)
     * @param system the system properties
     * @return the configuration
     * @throws IllegalArgumentException naming the key when a value is malformed
     */
    public static BitfinexConfig from(Map<String, ?> component, Properties system) {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(system, "system");
        BitfinexConfig d = defaults();
        Lookup l = new Lookup(component, system);
        return new BitfinexConfig(l.uri("ws.public", d.wsPublic), l.uri("ws.auth", d.wsAuth),
                l.uri("rest.public", d.restPublic), l.uri("rest.auth", d.restAuth), l.millis("heartbeat.ms", d.heartbeat),
                l.millis("stale.margin.ms", d.staleMargin), l.millis("ping.ms", d.pingInterval),
                l.millis("reconnect.ms", d.reconnect), l.millis("reconnect.max.ms", d.reconnectMax),
                l.millis("rest.fallback.ms", d.restFallbackAfter), l.millis("rest.poll.ms", d.restPollInterval),
                l.millis("rest.blocked.ms", d.restBlockedPause), l.millis("silence.reconnect.ms", d.silenceReconnect),
                l.bool("dms", d.deadManSwitch), l.millis("reply.timeout.ms", d.replyTimeout),
                l.millis("retention.finished.ms", d.retainFinished));
    }

    /**
     * Whether the OSGi component was enabled explicitly: key {@value #ENABLED} in the component
     * properties, else system property {@code tradebench.bitfinex.enabled}; {@code false} when
     * neither is set. (Stored keys for exchange {@code bitfinex} enable it too; see the component.)
     *
     * @param component the component properties (may be empty)
     * @param system the system properties
     * @return whether the value is {@code true} (ignoring case)
     */
    public static boolean enabled(Map<String, ?> component, Properties system) {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(system, "system");
        return new Lookup(component, system).bool(ENABLED, false);
    }

    /**
     * Silence after which a channel counts as stale: heartbeat plus margin.
     *
     * @return the threshold
     */
    public Duration staleAfter() {
        return heartbeat.plus(staleMargin);
    }

    /**
     * @param publicWs public WebSocket
     * @param authWs authenticated WebSocket
     * @param publicRest public REST base ({@code .../v2/})
     * @param authRest authenticated REST base ({@code .../v2/})
     * @return a copy
     */
    public BitfinexConfig withEndpoints(URI publicWs, URI authWs, URI publicRest, URI authRest) {
        return new BitfinexConfig(publicWs, authWs, publicRest, authRest, heartbeat, staleMargin, pingInterval,
                reconnect, reconnectMax, restFallbackAfter, restPollInterval, restBlockedPause, silenceReconnect,
                deadManSwitch, replyTimeout, retainFinished);
    }

    /**
     * @param interval the exchange's heartbeat interval
     * @param margin added before a channel counts as stale
     * @return a copy
     */
    public BitfinexConfig withHeartbeat(Duration interval, Duration margin) {
        return new BitfinexConfig(wsPublic, wsAuth, restPublic, restAuth, interval, margin, pingInterval, reconnect,
                reconnectMax, restFallbackAfter, restPollInterval, restBlockedPause, silenceReconnect, deadManSwitch,
                replyTimeout, retainFinished);
    }

    /**
     * @param ping time between pings
     * @param initial first reconnect back-off
     * @param max longest back-off
     * @param silence a socket silent this long is reconnected
     * @return a copy
     */
    public BitfinexConfig withTimings(Duration ping, Duration initial, Duration max, Duration silence) {
        return new BitfinexConfig(wsPublic, wsAuth, restPublic, restAuth, heartbeat, staleMargin, ping, initial, max,
                restFallbackAfter, restPollInterval, restBlockedPause, silence, deadManSwitch, replyTimeout, retainFinished);
    }

    /**
     * @param after socket downtime before REST polling starts
     * @param poll time between polls of one stream
     * @param blockedPause pause after the exchange's rate-limit answer
     * @return a copy
     */
    public BitfinexConfig withRestFallback(Duration after, Duration poll, Duration blockedPause) {
        return new BitfinexConfig(wsPublic, wsAuth, restPublic, restAuth, heartbeat, staleMargin, pingInterval,
                reconnect, reconnectMax, after, poll, blockedPause, silenceReconnect, deadManSwitch, replyTimeout, retainFinished);
    }

    /**
     * @param enabled whether to ask for the dead-man switch ({@code dms:4})
     * @return a copy
     */
    public BitfinexConfig withDeadManSwitch(boolean enabled) {
        return new BitfinexConfig(wsPublic, wsAuth, restPublic, restAuth, heartbeat, staleMargin, pingInterval,
                reconnect, reconnectMax, restFallbackAfter, restPollInterval, restBlockedPause, silenceReconnect,
                enabled, replyTimeout, retainFinished);
    }

    /**
     * @param timeout how long an order request waits for Bitfinex's answer
     * @return a copy
     */
    public BitfinexConfig withReplyTimeout(Duration timeout) {
        return new BitfinexConfig(wsPublic, wsAuth, restPublic, restAuth, heartbeat, staleMargin, pingInterval,
                reconnect, reconnectMax, restFallbackAfter, restPollInterval, restBlockedPause, silenceReconnect,
                deadManSwitch, timeout, retainFinished);
    }

    @Override
    public String toString() {
        // Spelled out so that no future component can leak a secret through the record's toString
        // (a key in a URL would be redacted by the transport; none belongs here).
        return "BitfinexConfig[wsPublic=" + wsPublic + ", wsAuth=" + wsAuth + ", restPublic=" + restPublic
                + ", restAuth=" + restAuth + ", heartbeat=" + heartbeat + ", staleMargin=" + staleMargin
                + ", pingInterval=" + pingInterval + ", reconnect=" + reconnect + ".." + reconnectMax
                + ", restFallbackAfter=" + restFallbackAfter + ", restPollInterval=" + restPollInterval
                + ", restBlockedPause=" + restBlockedPause + ", silenceReconnect=" + silenceReconnect + ", dms="
                + deadManSwitch + ", replyTimeout=" + replyTimeout + ", retainFinished=" + retainFinished + "]";
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, was " + d);
        }
    }

    private static URI slash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? uri : URI.create(s + "/");
    }

    private record Lookup(Map<String, ?> component, Properties system) {
        String text(String key) {
            Object v = component.get(key);
            if (v == null) {
                for (Map.Entry<String, String> alias : ALIASES.entrySet()) {
                    if (alias.getValue().equals(key) && component.get(alias.getKey()) != null) {
                        v = component.get(alias.getKey());
                    }
                }
            }
            if (v == null) {
                v = system.getProperty(SYSTEM_PREFIX + key);
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
                throw new IllegalArgumentException("Bitfinex setting " + key + " is not a URL: '" + t + "'", e);
            }
        }

        Duration millis(String key, Duration dflt) {
            String t = text(key);
            if (t == null || t.isEmpty()) {
                return dflt;
            }
            try {
                return Duration.ofMillis(Long.parseLong(t));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Bitfinex setting " + key + " must be milliseconds, was '" + t + "'");
            }
        }

        boolean bool(String key, boolean dflt) {
            String t = text(key);
            return t == null || t.isEmpty() ? dflt : Boolean.parseBoolean(t);
        }
    }
}
