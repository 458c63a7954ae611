package org.tradebench.transport;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Per-channel silence detection: which subscriptions have received nothing for too long while the
 * socket itself stays busy (an exchange can stop one channel and keep sending the others).
 * Channels are {@code int} ids (Bitfinex {@code chanId}; a connector whose channels are names
 * numbers them itself).
 *
 * <pre>{@code
 * StalenessTracker stale = new StalenessTracker(Duration.ofSeconds(20));
 * stale.track(chanId);                               // on "subscribed"
 * if (stale.mark(chanId)) { health.fresh(chanId); }  // per message, on the Jetty thread
 * stale.check((chanId, silentNanos) -> health.stale(chanId, silentNanos)); // from a timer
 * stale.untrack(chanId);                             // on "unsubscribed"
 * }</pre>
 *
 * <p>{@link #mark(int)} is the hot path: an open-addressing lookup in primitive arrays and a
 * store, no allocation, under an uncontended lock. {@link #check} reports each channel once per
 * silence; the next {@code mark} of that channel returns true (it recovered) and re-arms it.
 *
 * <p>Thread-safe.
 */
public final class StalenessTracker {

    /** Receives channels that just became stale. */
    @FunctionalInterface
    public interface StaleListener {
        /**
         * A channel has been silent for at least the threshold.
         *
         * @param channelId the channel
         * @param silentNanos how long, in nanoseconds
         */
        void onStale(int channelId, long silentNanos);
    }

    private static final int EMPTY = Integer.MIN_VALUE;

    private final long thresholdNanos;
    private final LongSupplier clock;
    // Linear probing; keys EMPTY when free. Guarded by this.
    private int[] keys;
    private long[] lastMark;
    private boolean[] stale;
    private int size;

    /**
     * A tracker on {@link System#nanoTime()}.
     *
     * @param threshold silence that makes a channel stale, &gt; 0
     */
    public StalenessTracker(Duration threshold) {
        this(threshold, System::nanoTime);
    }

    /**
     * A tracker on an explicit clock (tests).
     *
     * @param threshold silence that makes a channel stale, &gt; 0
     * @param nanoClock monotonic nanoseconds
     */
    public StalenessTracker(Duration threshold, LongSupplier nanoClock) {
        Objects.requireNonNull(threshold, "threshold");
        if (threshold.isNegative() || threshold.isZero()) {
            throw new IllegalArgumentException("staleness threshold must be > 0, was " + threshold);
        }
        this.thresholdNanos = threshold.toNanos();
        this.clock = Objects.requireNonNull(nanoClock, "nanoClock");
        allocate(16);
    }

    /**
     * Starts watching a channel, as if a message had just arrived. Tracking a tracked channel
     * resets it.
     *
     * @param channelId the channel; any int but {@link Integer#MIN_VALUE}
     */
    public synchronized void track(int channelId) {
        if (channelId == EMPTY) {
            throw new IllegalArgumentException("channel id " + EMPTY + " is reserved");
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int i = slot(channelId);
        if (keys[i] == EMPTY) {
            keys[i] = channelId;
            size++;
        }
        lastMark[i] = clock.getAsLong();
        stale[i] = false;
    }

    /**
     * Stops watching a channel; unknown channels are ignored.
     *
     * @param channelId the channel
     */
    public synchronized void untrack(int channelId) {
        int i = slot(channelId);
        if (keys[i] == EMPTY) {
            return;
        }
        keys[i] = EMPTY;
        size--;
        // Backward-shift deletion keeps every probe chain unbroken without tombstones.
        int mask = keys.length - 1;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (keys[j] == EMPTY) {
                return;
            }
            int home = hash(keys[j]) & mask;
            boolean between = i <= j ? (home > i && home <= j) : (home > i || home <= j);
            if (!between) {
                keys[i] = keys[j];
                lastMark[i] = lastMark[j];
                stale[i] = stale[j];
                keys[j] = EMPTY;
                i = j;
            }
        }
    }

    /**
     * Records that a message arrived on a channel. No allocation.
     *
     * @param channelId the channel
     * @return true when the channel was stale until now (it recovered); false otherwise, also for
     *         untracked channels
     */
    public synchronized boolean mark(int channelId) {
        int i = slot(channelId);
        if (keys[i] == EMPTY) {
            return false;
        }
        lastMark[i] = clock.getAsLong();
        boolean was = stale[i];
        stale[i] = false;
        return was;
    }

    /**
     * Reports every tracked channel that became stale since the last check. The listener runs
     * under the tracker's lock: it must be quick and must not call back into the tracker.
     *
     * @param listener receives each newly stale channel
     * @return how many channels are stale now (newly or still)
     */
    public synchronized int check(StaleListener listener) {
        long now = clock.getAsLong();
        int count = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == EMPTY) {
                continue;
            }
            long silent = now - lastMark[i];
            if (silent >= thresholdNanos) {
                count++;
                if (!stale[i]) {
                    stale[i] = true;
                    listener.onStale(keys[i], silent);
                }
            }
        }
        return count;
    }

    /**
     * Whether a channel was found stale by the last {@link #check} and has not recovered.
     *
     * @param channelId the channel
     * @return false for untracked channels
     */
    public synchronized boolean isStale(int channelId) {
        int i = slot(channelId);
        return keys[i] != EMPTY && stale[i];
    }

    /**
     * The silence of a channel now.
     *
     * @param channelId the channel
     * @return nanoseconds since its last message, or -1 when untracked
     */
    public synchronized long silentNanos(int channelId) {
        int i = slot(channelId);
        return keys[i] == EMPTY ? -1 : clock.getAsLong() - lastMark[i];
    }

    /** How many channels are tracked. */
    public synchronized int size() {
        return size;
    }

    /** Stops tracking every channel (after a reconnect, when channel ids change). */
    public synchronized void clear() {
        Arrays.fill(keys, EMPTY);
        size = 0;
    }

    /** The slot holding {@code key}, or the empty slot where it would go. */
    private int slot(int key) {
        int mask = keys.length - 1;
        int i = hash(key) & mask;
        while (keys[i] != EMPTY && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static int hash(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private void allocate(int capacity) {
        keys = new int[capacity];
        Arrays.fill(keys, EMPTY);
        lastMark = new long[capacity];
        stale = new boolean[capacity];
    }

    private void grow() {
        int[] oldKeys = keys;
        long[] oldMarks = lastMark;
        boolean[] oldStale = stale;
        allocate(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int j = slot(oldKeys[i]);
                keys[j] = oldKeys[i];
                lastMark[j] = oldMarks[i];
                stale[j] = oldStale[i];
            }
        }
    }
}
