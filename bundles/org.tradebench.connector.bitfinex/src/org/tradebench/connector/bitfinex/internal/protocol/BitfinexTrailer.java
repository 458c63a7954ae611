package org.tradebench.connector.bitfinex.internal.protocol;

/**
 * The trailing fields of one data frame, present only when the connection enabled them with
 * {@code conf} flags: {@link BitfinexFlags#SEQ_ALL} appends a sequence number (on the account
 * channel also an authenticated sequence number) and {@link BitfinexFlags#TIMESTAMP} a timestamp in
 * epoch milliseconds. Their order is not relied on: a value of at least 10^12 is a timestamp
 * (any time after 2001), a smaller one a sequence number.
 *
 * <pre>{@code
 * // [81757,[0.0000011,12,266122.94],4213,1737972930123]
 * public void onBookUpdate(BitfinexChannel ch, BitfinexBookRow row, BitfinexTrailer t) {
 *     if (t.hasSequence()) { checkGap(t.sequence()); }
 *     long exchangeTime = t.hasTimestamp() ? t.timestamp() : receivedMillis;
 * }
 * }</pre>
 *
 * <p>A flyweight: the decoder reuses one instance for every frame, so read it during the callback.
 * Not thread-safe.
 */
public final class BitfinexTrailer {

    /** The smallest value read as a timestamp rather than a sequence number (2001-09-09). */
    public static final long MIN_TIMESTAMP = 1_000_000_000_000L;

    private static final long ABSENT = Long.MIN_VALUE;

    private long sequence = ABSENT;
    private long authSequence = ABSENT;
    private long timestamp = ABSENT;

    /** Creates an empty trailer (used by the decoder, and by tests that call a sink directly). */
    public BitfinexTrailer() {
    }

    void clear() {
        sequence = ABSENT;
        authSequence = ABSENT;
        timestamp = ABSENT;
    }

    /**
     * Records one trailing number.
     *
     * @param value the number
     * @return this
     */
    public BitfinexTrailer add(long value) {
        if (value >= MIN_TIMESTAMP) {
            timestamp = value;
        } else if (sequence == ABSENT) {
            sequence = value;
        } else {
            authSequence = value;
        }
        return this;
    }

    /**
     * Whether the frame carried a sequence number.
     *
     * @return true with {@code SEQ_ALL}
     */
    public boolean hasSequence() {
        return sequence != ABSENT;
    }

    /**
     * The public sequence number (per connection, across all channels).
     *
     * @return the sequence number
     * @throws IllegalStateException when absent
     */
    public long sequence() {
        if (sequence == ABSENT) {
            throw new IllegalStateException("no sequence number in this frame");
        }
        return sequence;
    }

    /**
     * Whether the frame carried an authenticated sequence number (account channel with SEQ_ALL).
     *
     * @return true when present
     */
    public boolean hasAuthSequence() {
        return authSequence != ABSENT;
    }

    /**
     * The authenticated sequence number.
     *
     * @return the number
     * @throws IllegalStateException when absent
     */
    public long authSequence() {
        if (authSequence == ABSENT) {
            throw new IllegalStateException("no authenticated sequence number in this frame");
        }
        return authSequence;
    }

    /**
     * Whether the frame carried a timestamp.
     *
     * @return true with {@code TIMESTAMP}
     */
    public boolean hasTimestamp() {
        return timestamp != ABSENT;
    }

    /**
     * The exchange timestamp.
     *
     * @return epoch milliseconds
     * @throws IllegalStateException when absent
     */
    public long timestamp() {
        if (timestamp == ABSENT) {
            throw new IllegalStateException("no timestamp in this frame");
        }
        return timestamp;
    }

    @Override
    public String toString() {
        return "BitfinexTrailer[sequence=" + (hasSequence() ? sequence : "-") + ", authSequence="
                + (hasAuthSequence() ? authSequence : "-") + ", timestamp=" + (hasTimestamp() ? timestamp : "-") + "]";
    }
}
