package org.tradebench.connector.simulated.internal;

import java.util.Arrays;

/**
 * Rolling 24-hour statistics of one instrument for its ticker (high, low, volume, change), kept as
 * 1440 one-minute slots of primitive values so a trade costs O(1) and no allocation. The closed
 * minutes are summarised once per minute; the current minute is added at query time.
 *
 * <p>Prices and sizes are in the instrument's units. Owned by the venue's thread (under the runtime lock).
 */
final class DayWindow {

    static final int SLOTS = 1440;
    private static final long MINUTE = 60_000;

    private final long[] minute = new long[SLOTS];
    private final long[] open = new long[SLOTS];
    private final long[] high = new long[SLOTS];
    private final long[] low = new long[SLOTS];
    private final long[] volume = new long[SLOTS];

    // Summary of the closed minutes inside the window ending at summaryMinute (exclusive).
    private long summaryMinute = Long.MIN_VALUE;
    private long closedHigh;
    private long closedLow;
    private long closedVolume;
    private long closedOpen;

    DayWindow() {
        Arrays.fill(minute, Long.MIN_VALUE);
    }

    /** Adds a trade (or a back-filled minute: pass its open, high, low and volume). */
    void add(long epochMillis, long openPrice, long highPrice, long lowPrice, long size) {
        long m = Math.floorDiv(epochMillis, MINUTE);
        int slot = (int) Math.floorMod(m, (long) SLOTS);
        if (minute[slot] != m) {
            if (minute[slot] > m) {
                return; // older than the window
            }
            minute[slot] = m;
            open[slot] = openPrice;
            high[slot] = highPrice;
            low[slot] = lowPrice;
            volume[slot] = size;
        } else {
            high[slot] = Math.max(high[slot], highPrice);
            low[slot] = Math.min(low[slot], lowPrice);
            volume[slot] += size;
        }
        if (m < summaryMinute) {
            summaryMinute = Long.MIN_VALUE; // a closed minute changed: summarise again
        }
    }

    /** Adds one trade. */
    void add(long epochMillis, long price, long size) {
        add(epochMillis, price, price, price, size);
    }

    private void summarise(long current) {
        if (summaryMinute == current) {
            return;
        }
        summaryMinute = current;
        closedHigh = 0;
        closedLow = Long.MAX_VALUE;
        closedVolume = 0;
        closedOpen = 0;
        long oldest = Long.MAX_VALUE;
        for (int i = 0; i < SLOTS; i++) {
            long m = minute[i];
            if (m > current - SLOTS && m < current) {
                closedHigh = Math.max(closedHigh, high[i]);
                closedLow = Math.min(closedLow, low[i]);
                closedVolume += volume[i];
                if (m < oldest) {
                    oldest = m;
                    closedOpen = open[i];
                }
            }
        }
    }

    private int currentSlot(long current) {
        int slot = (int) Math.floorMod(current, (long) SLOTS);
        return minute[slot] == current ? slot : -1;
    }

    /** Highest price in the 24 hours ending at {@code nowMillis}, 0 when nothing traded. */
    long high(long nowMillis) {
        long current = Math.floorDiv(nowMillis, MINUTE);
        summarise(current);
        int slot = currentSlot(current);
        return slot < 0 ? closedHigh : Math.max(closedHigh, high[slot]);
    }

    /** Lowest price in the 24 hours ending at {@code nowMillis}, 0 when nothing traded. */
    long low(long nowMillis) {
        long current = Math.floorDiv(nowMillis, MINUTE);
        summarise(current);
        int slot = currentSlot(current);
        long l = slot < 0 ? closedLow : Math.min(closedLow, low[slot]);
        return l == Long.MAX_VALUE ? 0 : l;
    }

    /** Volume in the 24 hours ending at {@code nowMillis}. */
    long volume(long nowMillis) {
        long current = Math.floorDiv(nowMillis, MINUTE);
        summarise(current);
        int slot = currentSlot(current);
        return slot < 0 ? closedVolume : closedVolume + volume[slot];
    }

    /** The first price of the 24-hour window, 0 when nothing traded. */
    long open(long nowMillis) {
        long current = Math.floorDiv(nowMillis, MINUTE);
        summarise(current);
        if (closedOpen != 0) {
            return closedOpen;
        }
        int slot = currentSlot(current);
        return slot < 0 ? 0 : open[slot];
    }
}
