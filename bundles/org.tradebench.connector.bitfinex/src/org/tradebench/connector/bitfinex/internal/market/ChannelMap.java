package org.tradebench.connector.bitfinex.internal.market;

import java.util.Arrays;

/**
 * The topics of one connection by Bitfinex channel id: at most a few dozen entries, looked up on
 * every frame, so a linear scan of an {@code int[]} (no boxing, no hashing) is the fastest map.
 * Runtime lock held.
 */
final class ChannelMap {

    private int[] ids = new int[32];
    private Topic[] topics = new Topic[32];
    private int size;

    Topic get(int chanId) {
        int[] k = ids;
        for (int i = 0; i < size; i++) {
            if (k[i] == chanId) {
                return topics[i];
            }
        }
        return null;
    }

    void put(int chanId, Topic topic) {
        for (int i = 0; i < size; i++) {
            if (ids[i] == chanId) {
                topics[i] = topic;
                return;
            }
        }
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            topics = Arrays.copyOf(topics, size * 2);
        }
        ids[size] = chanId;
        topics[size] = topic;
        size++;
    }

    Topic remove(int chanId) {
        for (int i = 0; i < size; i++) {
            if (ids[i] == chanId) {
                Topic t = topics[i];
                size--;
                ids[i] = ids[size];
                topics[i] = topics[size];
                topics[size] = null;
                return t;
            }
        }
        return null;
    }

    void clear() {
        Arrays.fill(topics, 0, size, null);
        size = 0;
    }
}
