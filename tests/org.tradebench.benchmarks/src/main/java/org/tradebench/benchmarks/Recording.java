package org.tradebench.benchmarks;

/**
 * Recorded market-data frames pre-encoded as the bytes a server writes: unmasked WebSocket text
 * frames back to back, frame {@code i} at {@code [frameStart(i), frameEnd(i))}. What
 * {@link BlastServer} streams and a {@link BookClient} receives; one implementation per exchange
 * ({@link BitfinexBookRecording}, {@link BinanceDepthRecording}).
 *
 * <p>Implementations are immutable; thread-safe.
 */
public interface Recording {

    /** Which exchange's protocol the frames and the handshake around them follow. */
    enum Exchange {
        /** Bitfinex v2: {@code /ws/2}, info, conf, subscribe. */
        BITFINEX,
        /** Binance spot combined streams: {@code /stream}, SUBSCRIBE, REST depth snapshot. */
        BINANCE;

        /** The name on the command line: {@code bitfinex}. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /**
         * By command-line name.
         *
         * @param id {@code bitfinex} or {@code binance}
         * @return the exchange
         */
        public static Exchange of(String id) {
            for (Exchange e : values()) {
                if (e.id().equals(id)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("unknown exchange '" + id + "' (known: bitfinex, binance)");
        }
    }

    /** The exchange whose protocol this is. */
    Exchange exchange();

    /** The data frames, in order. */
    int frameCount();

    /**
     * The first frame of the timed stream: the frames before it are written as soon as the client
     * subscribed (Binance: the diffs a client buffers while it fetches its snapshot), the rest once
     * the handshake is complete. 0 when the whole recording is timed.
     *
     * @return the frame index
     */
    default int firstTimedFrame() {
        return 0;
    }

    /** Every data frame as a server writes it; do not modify (shared, not copied). */
    byte[] wire();

    /**
     * Where frame {@code i} (its WebSocket header) starts in {@link #wire()}.
     *
     * @param i the frame index
     * @return the offset
     */
    int frameStart(int i);

    /**
     * Where frame {@code i} ends in {@link #wire()} (exclusive).
     *
     * @param i the frame index
     * @return the offset
     */
    int frameEnd(int i);

    /** The book changes a client that publishes every applied change commits (for the report). */
    int commits();

    /** What the frames are, for the report. */
    String describe();
}
