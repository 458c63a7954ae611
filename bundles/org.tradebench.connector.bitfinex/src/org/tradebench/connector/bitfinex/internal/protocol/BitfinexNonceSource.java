package org.tradebench.connector.bitfinex.internal.protocol;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Authentication nonces: microseconds since the epoch, strictly increasing even when the clock
 * stands still or steps back, never repeating, and at most 2^53 - 1 (the largest integer a
 * JavaScript number holds exactly, which is what the exchange compares).
 *
 * <pre>{@code
 * BitfinexNonceSource nonces = new BitfinexNonceSource();
 * long n1 = nonces.next(); // e.g. 1737972930123456
 * long n2 = nonces.next(); // > n1, even within the same microsecond
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class BitfinexNonceSource {

    /** The largest nonce: 2^53 - 1. */
    public static final long MAX_NONCE = (1L << 53) - 1;

    /**
     * The one source of this process: every connector (and every restart of one) signs with it, so
     * that nonces of one API key keep increasing across connections, as Bitfinex requires ("nonce:
     * small" refuses a connector restarted within the microseconds the previous one used ahead of
     * the clock).
     */
    private static final BitfinexNonceSource SHARED = new BitfinexNonceSource();

    private final LongSupplier microsClock;
    private final AtomicLong last = new AtomicLong();

    /** A source on the system clock, in microseconds. */
    public BitfinexNonceSource() {
        this(() -> {
            java.time.Instant now = java.time.Instant.now();
            return TimeUnit.SECONDS.toMicros(now.getEpochSecond()) + now.getNano() / 1000;
        });
    }

    /**
     * The process-wide source every connector uses.
     *
     * @return the shared source
     */
    public static BitfinexNonceSource shared() {
        return SHARED;
    }

    /**
     * A source on a given clock (tests).
     *
     * @param microsClock microseconds since the epoch
     */
    public BitfinexNonceSource(LongSupplier microsClock) {
        this.microsClock = Objects.requireNonNull(microsClock, "microsClock");
    }

    /**
     * The next nonce.
     *
     * @return a nonce greater than every earlier one from this source
     * @throws IllegalStateException when the nonce would exceed {@link #MAX_NONCE}
     */
    public long next() {
        long now = microsClock.getAsLong();
        long nonce = last.updateAndGet(previous -> Math.max(previous + 1, now));
        if (nonce > MAX_NONCE) {
            throw new IllegalStateException("Bitfinex nonce " + nonce + " exceeds 2^53-1");
        }
        return nonce;
    }
}
