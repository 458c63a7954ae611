package org.tradebench.cli.live;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a live command ({@code record}, {@code stream}) was asked for, parsed and checked.
 *
 * <pre>{@code
 * LiveRequest r = new LiveRequest("simulated", "spot", List.of("BTC/USD"), 25, true, true,
 *         Duration.ofMinutes(5), false, Map.of("ws.url", "ws://127.0.0.1:8080/ws/2"), null);
 * }</pre>
 *
 * @param exchange the connector id
 * @param market the market (written into a recording's header)
 * @param symbols unified symbols, at least one, without duplicates
 * @param bookDepth levels per side of the book stream, or 0 for no book
 * @param trades whether to stream trades
 * @param ticker whether to stream the ticker
 * @param duration how long to run, or null for until interrupted
 * @param summary whether {@code stream} prints final books and session lines at the end
 * @param settings connector setting overrides, in order
 * @param out the recording to write ({@code record}), else null
 */
public record LiveRequest(String exchange, String market, List<String> symbols, int bookDepth, boolean trades,
        boolean ticker, Duration duration, boolean summary, Map<String, String> settings, Path out) {

    /** The book depth when no stream is named and all three are streamed. */
    public static final int DEFAULT_DEPTH = 25;

    /** Validates and copies. */
    public LiveRequest {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(market, "market");
        symbols = List.copyOf(symbols);
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("a live command needs at least one symbol");
        }
        if (bookDepth < 0) {
            throw new IllegalArgumentException("book depth must be >= 0, was " + bookDepth);
        }
        if (bookDepth == 0 && !trades && !ticker) {
            throw new IllegalArgumentException("a live command streams at least one of book, trades, ticker");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration must be > 0, was " + duration);
        }
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }
}
