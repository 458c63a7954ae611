package org.tradebench.core.health;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Counts events (messages, updates) and reports their rate over a sliding window, for the message
 * rates in {@link org.tradebench.api.health.ConnectionHealth}.
 *
 * <p>The window is split into {@value #SLOTS} slots of equal length held in primitive arrays
 * that are reused as time moves on, so {@link #mark(long)} allocates nothing and costs the same
 * at any rate. The rate counts the slots inside the window, the current one partly, and divides by
 * the time they cover. During the first window after creation the rate ramps up from 0.
 *
 * <pre>{@code
 * RateMeter rate = new RateMeter(Duration.ofSeconds(5));
 * // socket thread, every frame:
 * rate.mark(System.nanoTime());
 * // health thread, once a second:
 * double perSecond = rate.perSecond(System.nanoTime());
 * }</pre>
 *
 * <p>Thread-safe: marks and reads may come from different threads. Times are
 * {@link System#nanoTime()} values; a mark older than the window is ignored.
 */
public final class RateMeter {

    /** Number of slots the window is divided into. */
    public static final int SLOTS = 20;

    private final long windowNanos;
    private final long slotNanos;
    private final long[] slotIndex = new long[SLOTS];
    private final long[] slotCount = new long[SLOTS];
    private long total;

    /**
     * Creates a meter.
     *
     * @param window the averaging window, at least {@value #SLOTS} nanoseconds
     */
    public RateMeter(Duration window) {
        Objects.requireNonNull(window, "window");
        long nanos;
        try {
            nanos = window.toNanos();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("rate window too long: " + window);
        }
        if (nanos < SLOTS) {
            throw new IllegalArgumentException("rate window must be at least " + SLOTS + " ns, was " + window);
        }
        this.slotNanos = nanos / SLOTS;
        this.windowNanos = slotNanos * SLOTS;
        // Long.MIN_VALUE never equals a real slot index, so every slot starts empty.
        Arrays.fill(slotIndex, Long.MIN_VALUE);
    }

    /**
     * The window length actually used (the requested window rounded down to whole slots).
     *
     * @return the window
     */
    public Duration window() {
        return Duration.ofNanos(windowNanos);
    }

    /**
     * Counts one event.
     *
     * @param nanoTime when it happened, a {@link System#nanoTime()} value
     */
    public synchronized void mark(long nanoTime) {
        long index = Math.floorDiv(nanoTime, slotNanos);
        int slot = (int) Math.floorMod(index, (long) SLOTS);
        long held = slotIndex[slot];
        if (held == index) {
            slotCount[slot]++;
        } else if (held < index) {
            // The slot last held a period at least one window ago: reuse it.
            slotIndex[slot] = index;
            slotCount[slot] = 1;
        }
        // held > index: the mark is more than a window older than data already recorded; drop it.
        total++;
    }

    /**
     * Counts one event now.
     */
    public void mark() {
        mark(System.nanoTime());
    }

    /**
     * The rate over the window ending at {@code nanoTime}.
     *
     * @param nanoTime the current {@link System#nanoTime()}
     * @return events per second, 0 when nothing was marked within the window
     */
    public synchronized double perSecond(long nanoTime) {
        long current = Math.floorDiv(nanoTime, slotNanos);
        long oldest = current - SLOTS + 1;
        long count = 0;
        for (int i = 0; i < SLOTS; i++) {
            long index = slotIndex[i];
            if (index >= oldest && index <= current) {
                count += slotCount[i];
            }
        }
        if (count == 0) {
            return 0;
        }
        // SLOTS - 1 whole slots plus the elapsed part of the current one.
        long covered = (SLOTS - 1) * slotNanos + (nanoTime - current * slotNanos);
        return count * 1e9 / covered;
    }

    /**
     * The rate over the window ending now.
     *
     * @return events per second
     */
    public double perSecond() {
        return perSecond(System.nanoTime());
    }

    /**
     * All events counted since creation.
     *
     * @return the total
     */
    public synchronized long total() {
        return total;
    }
}
