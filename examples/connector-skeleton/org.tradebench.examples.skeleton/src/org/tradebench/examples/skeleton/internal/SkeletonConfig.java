package org.tradebench.examples.skeleton.internal;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import org.tradebench.api.spi.ConnectorSetting;

/**
 * Where the Skeleton Exchange is and how patient the connector is with it.
 *
 * <p>The workbench's component reads its configuration (PID {@value #PID}) first, then the system
 * properties {@code tradebench.skeleton.<name>}, then the defaults ({@link #from}). Tools pass
 * settings by name ({@link #fromSettings}), which refuses unknown names; the conformance kit
 * points {@code ws.url} at the loopback simulator and shortens the timings.
 *
 * <pre>{@code
 * SkeletonConfig c = SkeletonConfig.fromSettings(Map.of("ws.url", "ws://127.0.0.1:41234/ws", "stale.ms", "1000"));
 * }</pre>
 *
 * <p><b>REPLACE</b> the endpoint and timings with your exchange's.
 *
 * @param webSocket the exchange's WebSocket address
 * @param staleAfter silence after which the connection counts as stale and is replaced (the
 *        exchange sends a heartbeat every second)
 * @param pingInterval time between application pings (they measure the latency)
 * @param reconnect the first reconnect delay (doubling with jitter)
 * @param reconnectMax the longest reconnect delay
 */
public record SkeletonConfig(URI webSocket, Duration staleAfter, Duration pingInterval, Duration reconnect,
        Duration reconnectMax) {

    /** The configuration PID of the workbench's component. */
    public static final String PID = "org.tradebench.examples.skeleton";
    /** The component property (and {@code tradebench.skeleton.enabled}) that switches the connector on. */
    public static final String ENABLED = "enabled";
    /** Stale timeout in milliseconds. */
    public static final String STALE_MS = "stale.ms";
    /** Ping interval in milliseconds. */
    public static final String PING_MS = "ping.ms";
    /** First reconnect delay in milliseconds. */
    public static final String RECONNECT_MS = "reconnect.ms";
    /** Longest reconnect delay in milliseconds. */
    public static final String RECONNECT_MAX_MS = "reconnect.max.ms";
    /** Where the example's simulator listens when it runs on its own ({@code SkeletonSimulatorMain}). */
    public static final String DEFAULT_WS_URL = "ws://127.0.0.1:18765/ws";

    /** The settings {@link #fromSettings} understands, with their defaults. */
    public static final List<ConnectorSetting> SETTINGS = List.of(
            new ConnectorSetting(ConnectorSetting.WS_URL, "the exchange's WebSocket address", DEFAULT_WS_URL),
            new ConnectorSetting(STALE_MS, "silence in ms after which the connection is replaced", "5000"),
            new ConnectorSetting(PING_MS, "ms between application pings", "2000"),
            new ConnectorSetting(RECONNECT_MS, "first reconnect delay in ms", "500"),
            new ConnectorSetting(RECONNECT_MAX_MS, "longest reconnect delay in ms", "10000"));

    /** Validates. */
    public SkeletonConfig {
        Objects.requireNonNull(webSocket, "webSocket");
        positive(staleAfter, STALE_MS);
        positive(pingInterval, PING_MS);
        positive(reconnect, RECONNECT_MS);
        positive(reconnectMax, RECONNECT_MAX_MS);
        if (reconnectMax.compareTo(reconnect) < 0) {
            throw new IllegalArgumentException(RECONNECT_MAX_MS + " is below " + RECONNECT_MS);
        }
    }

    /**
     * The defaults.
     *
     * @return the configuration
     */
    public static SkeletonConfig defaults() {
        return fromSettings(Map.of());
    }

    /**
     * A tool's settings over the defaults.
     *
     * @param settings by {@link ConnectorSetting#name()}
     * @return the configuration
     * @throws IllegalArgumentException naming an unknown setting or a malformed value
     */
    public static SkeletonConfig fromSettings(Map<String, String> settings) {
        Map<String, String> values = new HashMap<>();
        for (ConnectorSetting s : SETTINGS) {
            values.put(s.name(), s.defaultValue());
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (!values.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown Skeleton Exchange setting '" + e.getKey() + "' (known: "
                        + SETTINGS.stream().map(ConnectorSetting::name).toList() + ")");
            }
            values.put(e.getKey(), e.getValue());
        }
        return new SkeletonConfig(uri(values.get(ConnectorSetting.WS_URL)), millis(values, STALE_MS),
                millis(values, PING_MS), millis(values, RECONNECT_MS), millis(values, RECONNECT_MAX_MS));
    }

    /**
     * The workbench's configuration: component properties, then system properties
     * {@code tradebench.skeleton.<name>}, then the defaults.
     *
     * @param properties the component properties
     * @param system the system properties
     * @return the configuration
     * @throws IllegalArgumentException naming a malformed value
     */
    public static SkeletonConfig from(Map<String, Object> properties, Properties system) {
        Map<String, String> settings = new HashMap<>();
        for (ConnectorSetting s : SETTINGS) {
            String v = value(s.name(), properties, system);
            if (v != null) {
                settings.put(s.name(), v);
            }
        }
        return fromSettings(settings);
    }

    /**
     * Whether the workbench runs the connector without keys: {@code enabled=true} in the component
     * properties or {@code tradebench.skeleton.enabled=true}.
     *
     * @param properties the component properties
     * @param system the system properties
     * @return true when switched on
     */
    public static boolean enabled(Map<String, Object> properties, Properties system) {
        return Boolean.parseBoolean(value(ENABLED, properties, system));
    }

    private static String value(String name, Map<String, Object> properties, Properties system) {
        Object v = properties.get(name);
        return v != null ? v.toString().trim() : system.getProperty("tradebench." + SkeletonConnector.ID + "." + name);
    }

    private static URI uri(String text) {
        URI u;
        try {
            u = URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ConnectorSetting.WS_URL + " is not an address: " + e.getMessage(), e);
        }
        if (!"ws".equals(u.getScheme()) && !"wss".equals(u.getScheme())) {
            throw new IllegalArgumentException(ConnectorSetting.WS_URL + " must start with ws:// or wss://, was " + text);
        }
        return u;
    }

    private static Duration millis(Map<String, String> values, String name) {
        String v = values.get(name).trim();
        try {
            return Duration.ofMillis(Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number of milliseconds, was '" + v + "'", e);
        }
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be above 0, was " + d.toMillis());
        }
    }
}
