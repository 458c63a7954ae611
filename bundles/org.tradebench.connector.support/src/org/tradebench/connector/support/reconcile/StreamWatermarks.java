package org.tradebench.connector.support.reconcile;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps a REST snapshot from putting back what the account stream already changed. A
 * reconciliation reads balances and positions over REST while the stream keeps delivering; an
 * answer that left the exchange before a fill but arrives after the fill's stream event would undo
 * it (a position shown flat again right after it opened). So every value the stream applies is
 * stamped with the next number of a sequence, per key, and a REST value is applied only when its
 * request left after the stream's last word on that key.
 *
 * <pre>{@code
 * StreamWatermarks marks = new StreamWatermarks();
 * // the account stream: stamp, then apply
 * marks.streamed("position BTCUSDT LONG");
 * // a reconciliation: note where the stream stands as the request leaves, check each answered value
 * long asked = marks.mark();
 * ... the REST answer arrives ...
 * if (!marks.olderThanStream("position BTCUSDT LONG", asked)) { apply(value); }
 * }</pre>
 *
 * <p>A sequence rather than a clock: what counts is the order of events on one thread, not their
 * time. Confined to one thread (the connector's runtime thread).
 */
public final class StreamWatermarks {

    private final Map<String, Long> streamed = new HashMap<>();
    private long sequence;

    /** No stamps yet. */
    public StreamWatermarks() {
    }

    /**
     * Where the stream stands: note it as a REST request leaves.
     *
     * @return the sequence number of the latest stream value
     */
    public long mark() {
        return sequence;
    }

    /**
     * The stream applies a value of this key.
     *
     * @param key for example {@code "balance usdm/USDT"}
     */
    public void streamed(String key) {
        streamed.put(Objects.requireNonNull(key, "key"), ++sequence);
    }

    /**
     * Whether a REST value of this key, asked for at {@code asked}, is older than the stream's last
     * word on it (then it must not be applied).
     *
     * @param key the key
     * @param asked {@link #mark()} as the request left
     * @return true when the stream changed the key after the request left
     */
    public boolean olderThanStream(String key, long asked) {
        Long at = streamed.get(key);
        return at != null && at > asked;
    }
}
