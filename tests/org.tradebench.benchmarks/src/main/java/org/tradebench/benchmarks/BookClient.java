package org.tradebench.benchmarks;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One way of receiving the recorded book stream from a {@link BlastServer}: the connector under
 * test, or one of the baselines it is measured against in the same run. An instance connects once,
 * receives the whole recording and is closed ({@link EndToEndBenchmark} makes a new one per run).
 *
 * <p>A client reports its progress (data frames processed so far, for the allocation window),
 * when it processed the last frame, and what it verified.
 *
 * <pre>{@code
 * try (BookClient c = new StringClient(recording)) {
 *     c.start(server);                          // connects, conf, subscribe
 *     long end = c.awaitEnd(Duration.ofMinutes(1));
 *     c.verification();                         // null for clients that only count
 * }
 * }</pre>
 *
 * <p>{@link #progress()} and {@link #awaitEnd} may be called from any thread; the rest from the
 * thread that runs the benchmark.
 */
public abstract class BookClient implements AutoCloseable {

    /**
     * What a client checked of the stream.
     *
     * @param checksumsVerified {@code cs} frames that matched
     * @param checksumsExpected {@code cs} frames in the recording
     * @param mismatches {@code cs} frames that did not match
     * @param resets book resets (RESET updates: gaps, mismatches, reconnects)
     * @param finalBookEqual whether the book after the last frame equals the server's
     * @param detail what differs, or a summary for people
     * @param what what was verified: {@code checksums} (Bitfinex), {@code diffs in sequence} (Binance:
     *        the counts are diffs applied in sequence, expected and out of sequence)
     */
    public record Verification(long checksumsVerified, long checksumsExpected, long mismatches, long resets,
            boolean finalBookEqual, String detail, String what) {

        /** Validates. */
        public Verification {
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(what, "what");
        }

        /**
         * A checksum verification (Bitfinex).
         *
         * @param checksumsVerified {@code cs} frames that matched
         * @param checksumsExpected {@code cs} frames in the recording
         * @param mismatches {@code cs} frames that did not match
         * @param resets book resets
         * @param finalBookEqual whether the final book equals the server's
         * @param detail for people
         */
        public Verification(long checksumsVerified, long checksumsExpected, long mismatches, long resets,
                boolean finalBookEqual, String detail) {
            this(checksumsVerified, checksumsExpected, mismatches, resets, finalBookEqual, detail, "checksums");
        }

        /**
         * Whether everything was right.
         *
         * @return every checksum verified, none mismatched, no reset, the final book equal
         */
        public boolean ok() {
            return checksumsVerified == checksumsExpected && mismatches == 0 && resets == 0 && finalBookEqual;
        }

        @Override
        public String toString() {
            return String.format("%,d/%,d %s verified, %d %s, %d resets, final book %s%s", checksumsVerified,
                    checksumsExpected, what, mismatches, what.equals("checksums") ? "mismatches" : "gaps", resets,
                    finalBookEqual ? "equal" : "DIFFERENT",
                    detail.isEmpty() ? "" : " (" + detail + ")");
        }
    }

    /** The recording being received. */
    protected final Recording recording;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile long endNanos;
    private volatile Throwable failure;

    /**
     * @param recording what the server streams
     */
    protected BookClient(Recording recording) {
        this.recording = Objects.requireNonNull(recording, "recording");
    }

    /**
     * Messages the server sends on the stream's connection before the first data frame: Bitfinex
     * {@code info}, {@code conf}, {@code subscribed}; Binance the {@code SUBSCRIBE} answer.
     *
     * @param recording what is streamed
     * @return the count
     */
    public static int eventsBeforeData(Recording recording) {
        return recording.exchange() == Recording.Exchange.BITFINEX ? 3 : 1;
    }

    /**
     * The REST depth snapshot a Binance client fetches once subscribed.
     *
     * @param server the server
     * @return {@code http://127.0.0.1:PORT/api/v3/depth?symbol=BTCUSDT&limit=1000}
     */
    public static java.net.URI depthSnapshotUri(BlastServer server) {
        return java.net.URI.create(server.binanceRestUri() + "/api/v3/depth?symbol=" + BinanceDepthRecording.SYMBOL
                + "&limit=" + BinanceDepthRecording.DEPTH_LIMIT);
    }

    /**
     * The stream's address.
     *
     * @param server the server
     * @param recording what is streamed
     * @return Bitfinex {@code /ws/2}, Binance {@code /stream}
     */
    public static java.net.URI webSocketUri(BlastServer server, Recording recording) {
        return recording.exchange() == Recording.Exchange.BITFINEX ? server.webSocketUri() : server.binanceStreamUri();
    }

    /** A short name for tables: {@code "tradebench"}. */
    public abstract String name();

    /** What it does, for the report. */
    public abstract String description();

    /** The name prefixes of the threads a message touches in this client. */
    public abstract String[] threadPrefixes();

    /**
     * Starts connecting, configuring and subscribing, and returns at once (the benchmark samples
     * the client's threads while it runs); a failure to connect ends the client
     * ({@link #awaitEnd} throws).
     *
     * @param server the server
     * @throws Exception when the client cannot even start
     */
    public abstract void start(BlastServer server) throws Exception;

    /**
     * Data frames processed so far (for a client that publishes per checksum: the index of the frame
     * behind its latest update). Any thread.
     *
     * @return frames
     */
    public abstract long progress();

    /**
     * What the client verified, once it ended.
     *
     * @return the verification, or null for a client that only receives
     */
    public abstract Verification verification();

    /**
     * Waits for the last frame.
     *
     * @param timeout how long at most
     * @return {@link System#nanoTime()} when the last frame was processed
     * @throws IllegalStateException when it did not end in time, or failed
     * @throws InterruptedException when interrupted
     */
    public final long awaitEnd(Duration timeout) throws InterruptedException {
        if (!done.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException(name() + " did not receive the whole recording within " + timeout
                    + " (progress " + progress() + " of " + recording.frameCount() + " frames)");
        }
        if (failure != null) {
            throw new IllegalStateException(name() + " failed: " + failure, failure);
        }
        return endNanos;
    }

    /**
     * Whether the client ended (received everything, or failed). Any thread.
     *
     * @return true once ended
     */
    public final boolean ended() {
        return done.getCount() == 0;
    }

    /**
     * The last frame was processed (called once, by the receiving thread).
     *
     * @param nanos {@link System#nanoTime()} then
     */
    protected final void finished(long nanos) {
        endNanos = nanos;
        done.countDown();
    }

    /**
     * The client broke off.
     *
     * @param cause why
     */
    protected final void failed(Throwable cause) {
        if (done.getCount() > 0) {
            failure = cause;
            done.countDown();
        }
    }

    /** Disconnects and stops the client's threads. */
    @Override
    public abstract void close();

    @Override
    public String toString() {
        return name();
    }
}
