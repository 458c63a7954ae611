package org.tradebench.connector.simulated.internal;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.tradebench.connector.support.stream.SharedStream;
import org.tradebench.connector.support.stream.StreamRegistry;

/**
 * The venue's side of one shared stream: it feeds the stream while the stream has subscriptions.
 * When the first subscription arrives the stream's item (the stream itself, or the
 * {@link VenueBook} around a book stream) joins the list the venue produces into, and is brought up
 * to date; when the last one leaves it leaves that list (the venue stops producing it) and the
 * registry forgets it, so the next subscription starts a new stream.
 *
 * <p>A subscription may be attached to a stream whose last subscription left a moment before (the
 * attach was queued behind the detach): the stream then comes back, into the registry when the key
 * is free and into the produced list either way, so the newcomer is fed.
 *
 * <pre>{@code
 * Feed<ValueStream<TickerListener, Ticker>> feed = new Feed<>(registry, "ticker BTC/USD", s.tickers, this::catchUp);
 * ValueStream<TickerListener, Ticker> stream = new ValueStream<>(runtime, "ticker BTC/USD", feed);
 * feed.bind(stream, stream);
 * }</pre>
 *
 * <p>Runs under the runtime lock (the toolkit calls the owner methods holding it).
 *
 * @param <T> what the venue produces into: the stream, or a wrapper around it
 */
final class Feed<T> implements SharedStream.Owner {

    private final StreamRegistry<String> registry;
    private final String key;
    private final List<T> fed;
    private final Consumer<? super T> catchUp;
    private T item;
    private SharedStream<?> stream;

    /**
     * Creates the owner of a stream not made yet; {@link #bind} it once the stream exists.
     *
     * @param registry where streams are shared by key
     * @param key the stream's key
     * @param fed the list the venue produces into
     * @param catchUp brings the item up to date (current value, current book)
     */
    Feed(StreamRegistry<String> registry, String key, List<T> fed, Consumer<? super T> catchUp) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.key = Objects.requireNonNull(key, "key");
        this.fed = Objects.requireNonNull(fed, "fed");
        this.catchUp = Objects.requireNonNull(catchUp, "catchUp");
    }

    /** Connects the stream and its item, registers the stream and brings it up to date. */
    void bind(T newItem, SharedStream<?> newStream) {
        this.item = Objects.requireNonNull(newItem, "newItem");
        this.stream = Objects.requireNonNull(newStream, "newStream");
        registry.stream(key, () -> newStream);
        catchUp.accept(newItem);
    }

    @Override
    public void firstSubscriber(SharedStream<?> s) {
        SharedStream<?> registered = registry.get(key);
        if (registered == null || registered.isEnded()) {
            registry.stream(key, () -> stream);
        }
        if (!fed.contains(item)) {
            fed.add(item);
        }
        catchUp.accept(item);
    }

    @Override
    public void lastSubscriberLeft(SharedStream<?> s) {
        fed.remove(item);
        if (registry.get(key) == stream) {
            registry.remove(key);
        }
    }

    @Override
    public String toString() {
        return "feed " + key + (fed.contains(item) ? "" : " (idle)");
    }
}
