package org.tradebench.connector.support.orders;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The orders a connector tracks, by client order id and (once the exchange named it) by exchange
 * id, with bounded retention: a finished order stays for {@link Retention#keepFinished()} and at
 * most {@link Retention#maxFinished()} finished orders stay at all; an order that leaves memory
 * leaves a tombstone (its client order id, at most {@link Retention#maxTombstones()} of them) so a
 * second placement under the same id is recognised. Every operation costs O(1) amortised: nothing
 * scans every order ever seen.
 *
 * <pre>{@code
 * OrderRegistry<Tracked> orders = new OrderRegistry<>(Retention.DEFAULTS, System::currentTimeMillis,
 *         t -> byCid.remove(t.cid));                      // the connector's own indexes follow
 * orders.add("my-order-1", tracked);                      // sent
 * orders.identify("my-order-1", "1747566428");            // acknowledged: the exchange id
 * orders.byExchangeId("1747566428");                      // an update from the exchange
 * orders.finished("my-order-1");                          // filled, cancelled or rejected
 * orders.isTombstoned("my-order-1");                      // later: forgotten, but known as used
 * }</pre>
 *
 * <p>Not thread-safe: use it under the connector's runtime lock.
 *
 * @param <E> what the connector tracks per order
 */
public final class OrderRegistry<E> {

    /**
     * How long finished orders are kept.
     *
     * @param keepFinished how long a finished order stays in memory
     * @param maxFinished how many finished orders stay at most (the oldest go first)
     * @param maxTombstones how many forgotten client order ids are remembered (the oldest go first)
     */
    public record Retention(Duration keepFinished, int maxFinished, int maxTombstones) {

        /** Ten minutes, 1,000 finished orders, 100,000 tombstones. */
        public static final Retention DEFAULTS = new Retention(Duration.ofMinutes(10), 1_000, 100_000);

        /**
         * Validates the bounds.
         *
         * @throws IllegalArgumentException when a bound is negative
         */
        public Retention {
            Objects.requireNonNull(keepFinished, "keepFinished");
            if (keepFinished.isNegative()) {
                throw new IllegalArgumentException("keepFinished must not be negative: " + keepFinished);
            }
            if (maxFinished < 0) {
                throw new IllegalArgumentException("maxFinished must not be negative: " + maxFinished);
            }
            if (maxTombstones < 0) {
                throw new IllegalArgumentException("maxTombstones must not be negative: " + maxTombstones);
            }
        }
    }

    private record Finished<E>(E entry, long at) {
    }

    private final Retention retention;
    private final LongSupplier clockMillis;
    private final Consumer<? super E> onForget;
    private final Map<String, E> live = new LinkedHashMap<>();
    /** Finished entries, oldest finish first. */
    private final LinkedHashMap<String, Finished<E>> finished = new LinkedHashMap<>();
    private final Map<String, String> exchangeIdOf = new HashMap<>();
    private final Map<String, String> byExchangeId = new HashMap<>();
    private final LinkedHashSet<String> tombstones = new LinkedHashSet<>();

    /**
     * Creates an empty registry.
     *
     * @param retention the bounds
     * @param clockMillis the clock (epoch or monotonic milliseconds)
     * @param onForget called with each entry that leaves memory (the connector drops its own
     *        indexes of it)
     */
    public OrderRegistry(Retention retention, LongSupplier clockMillis, Consumer<? super E> onForget) {
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
        this.onForget = Objects.requireNonNull(onForget, "onForget");
    }

    /**
     * Tracks a new working order.
     *
     * @param clientOrderId its client order id
     * @param entry what the connector tracks
     * @throws IllegalStateException when the client order id is tracked or tombstoned already
     */
    public void add(String clientOrderId, E entry) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(entry, "entry");
        if (get(clientOrderId) != null || tombstones.contains(clientOrderId)) {
            throw new IllegalStateException("client order id " + clientOrderId + " is already used");
        }
        live.put(clientOrderId, entry);
    }

    /**
     * Tracks again an order whose entry left memory (tombstoned), for example when the exchange is
     * asked about it later: the tombstone goes, the entry is tracked as working until
     * {@link #finished} is called again.
     *
     * @param clientOrderId its client order id
     * @param entry what the connector tracks
     * @throws IllegalStateException when the client order id is tracked already
     */
    public void restore(String clientOrderId, E entry) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(entry, "entry");
        if (get(clientOrderId) != null) {
            throw new IllegalStateException("client order id " + clientOrderId + " is already tracked");
        }
        tombstones.remove(clientOrderId);
        live.put(clientOrderId, entry);
    }

    /**
     * The tracked entry of a client order id, working or finished.
     *
     * @param clientOrderId the client order id
     * @return the entry, or null when not in memory
     */
    public E get(String clientOrderId) {
        E e = live.get(clientOrderId);
        if (e != null) {
            return e;
        }
        Finished<E> f = finished.get(clientOrderId);
        return f == null ? null : f.entry();
    }

    /**
     * Records the exchange's id of an order.
     *
     * @param clientOrderId the client order id (tracked)
     * @param exchangeId the exchange's id
     * @throws IllegalArgumentException when the client order id is not tracked
     */
    public void identify(String clientOrderId, String exchangeId) {
        Objects.requireNonNull(exchangeId, "exchangeId");
        if (get(clientOrderId) == null) {
            throw new IllegalArgumentException("client order id " + clientOrderId + " is not tracked");
        }
        String before = exchangeIdOf.put(clientOrderId, exchangeId);
        if (before != null && !before.equals(exchangeId)) {
            byExchangeId.remove(before);
        }
        byExchangeId.put(exchangeId, clientOrderId);
    }

    /**
     * The entry of an exchange id.
     *
     * @param exchangeId the exchange's id
     * @return the entry, or null when unknown or forgotten
     */
    public E byExchangeId(String exchangeId) {
        String id = byExchangeId.get(exchangeId);
        return id == null ? null : get(id);
    }

    /**
     * The order reached a final state: it is kept for the retention's time and count, then
     * forgotten (tombstoned). Calling it again for a finished order changes nothing.
     *
     * @param clientOrderId the client order id
     */
    public void finished(String clientOrderId) {
        E e = live.remove(clientOrderId);
        if (e != null) {
            finished.put(clientOrderId, new Finished<>(e, clockMillis.getAsLong()));
        }
        expire();
    }

    /**
     * Forgets the finished orders older than the retention time or beyond its count (also done by
     * {@link #finished}; call it from a timer to let orders go while nothing finishes).
     */
    public void expire() {
        long now = clockMillis.getAsLong();
        long keep = retention.keepFinished().toMillis();
        Iterator<Map.Entry<String, Finished<E>>> it = finished.entrySet().iterator();
        List<E> gone = new ArrayList<>();
        while (it.hasNext()) {
            Map.Entry<String, Finished<E>> oldest = it.next();
            if (finished.size() <= retention.maxFinished() && now - oldest.getValue().at() < keep) {
                break;
            }
            it.remove();
            String id = oldest.getKey();
            String exchangeId = exchangeIdOf.remove(id);
            if (exchangeId != null) {
                byExchangeId.remove(exchangeId);
            }
            tombstone(id);
            gone.add(oldest.getValue().entry());
        }
        gone.forEach(onForget);
    }

    private void tombstone(String clientOrderId) {
        if (retention.maxTombstones() == 0) {
            return;
        }
        tombstones.remove(clientOrderId);
        tombstones.add(clientOrderId);
        while (tombstones.size() > retention.maxTombstones()) {
            Iterator<String> it = tombstones.iterator();
            it.next();
            it.remove();
        }
    }

    /**
     * Drops an entry at once, without a tombstone (the connector tracked an order under a
     * made-up id and now knows its real client order id).
     *
     * @param clientOrderId the client order id
     * @return the entry, or null when not tracked
     */
    public E remove(String clientOrderId) {
        E e = live.remove(clientOrderId);
        if (e == null) {
            Finished<E> f = finished.remove(clientOrderId);
            e = f == null ? null : f.entry();
        }
        String exchangeId = exchangeIdOf.remove(clientOrderId);
        if (exchangeId != null && clientOrderId.equals(byExchangeId.get(exchangeId))) {
            byExchangeId.remove(exchangeId);
        }
        return e;
    }

    /**
     * Whether a client order id was used by an order that has left memory.
     *
     * @param clientOrderId the client order id
     * @return true when tombstoned
     */
    public boolean isTombstoned(String clientOrderId) {
        return tombstones.contains(clientOrderId);
    }

    /**
     * Whether a client order id was used: tracked now or tombstoned.
     *
     * @param clientOrderId the client order id
     * @return true when used
     */
    public boolean isUsed(String clientOrderId) {
        return get(clientOrderId) != null || tombstones.contains(clientOrderId);
    }

    /**
     * The working orders (not finished), in the order they were added.
     *
     * @return a copy
     */
    public List<E> live() {
        return new ArrayList<>(live.values());
    }

    /**
     * Whether an order is working (tracked and not finished).
     *
     * @param clientOrderId the client order id
     * @return true when working
     */
    public boolean isLive(String clientOrderId) {
        return live.containsKey(clientOrderId);
    }

    /** @return how many working orders are tracked */
    public int liveCount() {
        return live.size();
    }

    /** @return how many finished orders are still in memory */
    public int finishedCount() {
        return finished.size();
    }

    /** @return how many forgotten client order ids are remembered */
    public int tombstoneCount() {
        return tombstones.size();
    }

    @Override
    public String toString() {
        return "OrderRegistry[" + live.size() + " working, " + finished.size() + " finished, " + tombstones.size()
                + " tombstones]";
    }
}
