package org.tradebench.connector.bitfinex.internal.protocol;

import java.util.Arrays;
import java.util.List;

/**
 * The channels a connection's {@code subscribed} events announced, by channel id, and the flags its
 * last {@code conf} answer confirmed. A connection has at most a few dozen channels: a linear scan
 * beats a map and allocates nothing.
 *
 * <p>Not thread-safe: it belongs to one {@link BitfinexFrameDecoder}.
 */
final class BitfinexChannels {

    private final int priceScale;
    private final int amountScale;
    private BitfinexChannel[] channels = new BitfinexChannel[16];
    private int count;
    private int flags;

    BitfinexChannels(int priceScale, int amountScale) {
        this.priceScale = priceScale;
        this.amountScale = amountScale;
    }

    int priceScale() {
        return priceScale;
    }

    int amountScale() {
        return amountScale;
    }

    int flags() {
        return flags;
    }

    void flags(int confirmed) {
        flags = confirmed;
    }

    void register(BitfinexChannel channel) {
        for (int i = 0; i < count; i++) {
            if (channels[i].chanId() == channel.chanId()) {
                channels[i] = channel;
                return;
            }
        }
        if (count == channels.length) {
            channels = Arrays.copyOf(channels, channels.length * 2);
        }
        channels[count++] = channel;
    }

    BitfinexChannel unregister(int chanId) {
        for (int i = 0; i < count; i++) {
            if (channels[i].chanId() == chanId) {
                BitfinexChannel removed = channels[i];
                System.arraycopy(channels, i + 1, channels, i, count - i - 1);
                channels[--count] = null;
                return removed;
            }
        }
        return null;
    }

    BitfinexChannel find(long chanId) {
        for (int i = 0; i < count; i++) {
            if (channels[i].chanId() == chanId) {
                return channels[i];
            }
        }
        return null;
    }

    List<BitfinexChannel> all() {
        return List.copyOf(Arrays.asList(channels).subList(0, count));
    }

    void clear() {
        Arrays.fill(channels, null);
        count = 0;
        flags = 0;
    }
}
