package org.tradebench.core.book;

import java.util.Arrays;

/**
 * An open-addressing {@code long -> long} hash map with linear probing and backward-shift
 * deletion: no boxing, no allocation except when it grows. The per-order book keeps order id to
 * price in it.
 *
 * <p>Not thread-safe.
 */
final class LongLongMap {

    /** What {@link #get(long)} returns for an absent key. */
    static final long ABSENT = Long.MIN_VALUE;

    private long[] keys;
    private long[] values;
    private boolean[] used;
    private int size;
    private int mask;

    LongLongMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
        allocate(capacity);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new long[capacity];
        used = new boolean[capacity];
        mask = capacity - 1;
        size = 0;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    long get(long key) {
        int i = slot(key);
        while (used[i]) {
            if (keys[i] == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return ABSENT;
    }

    void put(long key, long value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int i = slot(key);
        while (used[i]) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        used[i] = true;
        keys[i] = key;
        values[i] = value;
        size++;
    }

    void remove(long key) {
        int i = slot(key);
        while (used[i]) {
            if (keys[i] == key) {
                deleteAt(i);
                return;
            }
            i = (i + 1) & mask;
        }
    }

    private void deleteAt(int hole) {
        size--;
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            if (!used[i]) {
                break;
            }
            int home = slot(keys[i]);
            // move the entry back into the hole when its home is not between the hole and it
            boolean between = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
            if (!between) {
                keys[hole] = keys[i];
                values[hole] = values[i];
                hole = i;
            }
        }
        used[hole] = false;
    }

    void clear() {
        Arrays.fill(used, false);
        size = 0;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        boolean[] oldUsed = used;
        allocate(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i]) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }
}
