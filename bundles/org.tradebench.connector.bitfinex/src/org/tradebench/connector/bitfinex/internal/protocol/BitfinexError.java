package org.tradebench.connector.bitfinex.internal.protocol;

import java.util.Objects;

/**
 * An {@code error} event: {@code {"event":"error","code":10001,"msg":"unknown pair",...}}. A
 * refused subscription echoes what was asked ({@code channel}, {@code symbol} or {@code pair},
 * {@code key}, {@code prec}, {@code len}), which tells the connector which stream failed.
 *
 * @param code the error code (10001 unknown pair, 10300 subscription failed, 10301 already
 *        subscribed, 10302 unknown channel, 10305 channel limit, ...)
 * @param message the exchange's text
 * @param channel the echoed channel name, nullable
 * @param symbol the echoed symbol (a {@code pair} echo gets its {@code t} prefix), nullable
 * @param key the echoed key, nullable
 * @param precision the echoed precision, nullable
 * @param length the echoed length, 0 when absent
 */
public record BitfinexError(int code, String message, String channel, String symbol, String key, String precision,
        int length) {

    /** Validates. */
    public BitfinexError {
        Objects.requireNonNull(message, "message");
    }

    /**
     * For people.
     *
     * @return for example {@code "unknown pair (10001)"}
     */
    public String describe() {
        return (message.isEmpty() ? BitfinexFlags.describe(code) : message) + " (" + code + ")";
    }
}
