package org.tradebench.api.spi;

import java.util.Objects;

/**
 * A setting a tool may override when it opens a connector (endpoints for a testnet or a loopback
 * simulator, timings).
 *
 * @param name the name, for example {@code ws.url}; every connector understands {@value #WS_URL}
 *        and {@value #REST_URL}
 * @param description what it is, for people
 * @param defaultValue the value used when not overridden
 */
public record ConnectorSetting(String name, String description, String defaultValue) {

    /** The market-data WebSocket endpoint. */
    public static final String WS_URL = "ws.url";
    /** The public REST base URL. */
    public static final String REST_URL = "rest.url";

    /** Validates. */
    public ConnectorSetting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(defaultValue, "defaultValue");
    }
}
