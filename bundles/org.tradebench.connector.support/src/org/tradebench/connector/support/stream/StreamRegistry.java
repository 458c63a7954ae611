package org.tradebench.connector.support.stream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A connector's shared streams by key: the first subscription for a key creates its stream, later
 * ones share it; the connector forgets the stream when its last subscription left.
 *
 * <pre>{@code
 * StreamRegistry<String> streams = new StreamRegistry<>();
 * // runtime lock held:
 * BookStream book = streams.stream("book tBTCUSD P0 25", () -> new BookStream(...));
 * ...
 * streams.remove("book tBTCUSD P0 25");       // from Owner.lastSubscriberLeft
 * }</pre>
 *
 * <p>Not thread-safe: use it under the runtime lock.
 *
 * @param <K> the key type
 */
public final class StreamRegistry<K> {

    private final Map<K, SharedStream<?>> streams = new LinkedHashMap<>();

    /**
     * The stream for a key, created when absent.
     *
     * @param <S> the stream type
     * @param key the key
     * @param create makes the stream
     * @return the stream
     * @throws IllegalStateException when the key holds a stream of another type
     */
    @SuppressWarnings("unchecked")
    public <S extends SharedStream<?>> S stream(K key, Supplier<S> create) {
        Objects.requireNonNull(key, "key");
        SharedStream<?> s = streams.get(key);
        if (s == null || s.isEnded()) {
            s = create.get();
            streams.put(key, s);
        }
        return (S) s;
    }

    /**
     * The stream for a key.
     *
     * @param key the key
     * @return the stream, or null
     */
    public SharedStream<?> get(K key) {
        return streams.get(key);
    }

    /**
     * Forgets a stream.
     *
     * @param key the key
     * @return the stream that was there, or null
     */
    public SharedStream<?> remove(K key) {
        return streams.remove(key);
    }

    /**
     * Every stream now (a copy).
     *
     * @return the streams, in creation order
     */
    public List<SharedStream<?>> all() {
        return new ArrayList<>(streams.values());
    }

    /**
     * How many streams there are.
     *
     * @return the count
     */
    public int size() {
        return streams.size();
    }
}
