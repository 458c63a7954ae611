package org.tradebench.api.market;

import java.util.Objects;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ConsumerType;
import org.tradebench.api.StreamListener;

/**
 * Receives book updates: a snapshot, deltas, and a reset followed by a new snapshot when the book
 * had to be rebuilt. Runs on a connector delivery thread; must not block. The update is valid
 * during the call only (see {@link BookUpdate}).
 *
 * <pre>{@code
 * BookListener fast = update -> ladder.copyFrom(update.book());      // allocation-free
 * BookListener simple = BookListener.ofEvents(event -> log.add(event)); // immutable records
 * }</pre>
 *
 * <p>Implemented by consumers.
 */
@FunctionalInterface
@ConsumerType
public interface BookListener extends StreamListener {

    /**
     * A book update.
     *
     * @param update snapshot, delta or reset, valid during this call
     */
    void onBook(BookUpdate update);

    /**
     * A listener that receives every update as an immutable {@link BookEvent} record.
     *
     * @param events receives the records
     * @return the listener
     */
    static BookListener ofEvents(Consumer<? super BookEvent> events) {
        Objects.requireNonNull(events, "events");
        return update -> events.accept(update.toEvent());
    }
}
