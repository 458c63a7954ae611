package org.tradebench.connector.support.time;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The exchange's clock as seen from here: an offset estimated from time requests (local send time,
 * the server's time, local receive time), taking the sample with the shortest round trip among the
 * recent ones (its midpoint is the tightest bound on when the server read its clock). Signed
 * requests use {@link #serverMillis()} as their timestamp, so a local clock that is off does not
 * make the exchange refuse them (Binance's -1021).
 *
 * <pre>{@code
 * ServerClock clock = new ServerClock(System::currentTimeMillis);
 * long sent = clock.localMillis();
 * long server = get("/api/v3/time").serverTime;
 * clock.sample(sent, server, clock.localMillis());
 * params.put("timestamp", clock.serverMillis());
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ServerClock {

    /** How many recent samples compete for the shortest round trip. */
    public static final int WINDOW = 8;

    private final LongSupplier localClock;
    private final long[] offsets = new long[WINDOW];
    private final long[] roundTrips = new long[WINDOW];
    private int count;
    private int next;
    private volatile long offset;
    private volatile long roundTrip = -1;

    /**
     * A clock with no samples yet (offset 0).
     *
     * @param localClock the local wall clock in milliseconds
     */
    public ServerClock(LongSupplier localClock) {
        this.localClock = localClock;
    }

    /**
     * The local wall clock.
     *
     * @return milliseconds since the epoch
     */
    public long localMillis() {
        return localClock.getAsLong();
    }

    /**
     * The estimated server time now.
     *
     * @return milliseconds since the epoch on the server's clock
     */
    public long serverMillis() {
        return localClock.getAsLong() + offset;
    }

    /**
     * Records one time request.
     *
     * @param sentLocal local time when the request left
     * @param server the server's time in the answer
     * @param receivedLocal local time when the answer arrived
     * @throws IllegalArgumentException when the answer arrived before the request left
     */
    public synchronized void sample(long sentLocal, long server, long receivedLocal) {
        if (receivedLocal < sentLocal) {
            throw new IllegalArgumentException("time sample: received " + receivedLocal + " before sent " + sentLocal);
        }
        long rtt = receivedLocal - sentLocal;
        // the midpoint of the round trip, without overflow
        long mid = sentLocal + rtt / 2;
        offsets[next] = server - mid;
        roundTrips[next] = rtt;
        next = (next + 1) % WINDOW;
        count = Math.min(count + 1, WINDOW);
        int best = 0;
        for (int i = 1; i < count; i++) {
            if (roundTrips[i] < roundTrips[best]) {
                best = i;
            }
        }
        offset = offsets[best];
        roundTrip = roundTrips[best];
    }

    /**
     * The estimated offset, server minus local.
     *
     * @return positive when the local clock is behind
     */
    public long offsetMillis() {
        return offset;
    }

    /**
     * The round trip of the sample the offset comes from.
     *
     * @return milliseconds, or -1 before the first sample
     */
    public long roundTripMillis() {
        return roundTrip;
    }

    /**
     * Whether a sample was taken.
     *
     * @return true after the first {@link #sample}
     */
    public boolean synced() {
        return roundTrip >= 0;
    }

    /**
     * A sentence naming the skew, for a rejection the exchange made because of the timestamp (for
     * example Binance's -1021) or for health.
     *
     * @param recvWindow the window the exchange allows, in milliseconds
     * @return for example "the local clock is 2.350 s behind the exchange's (allowed window 5 s)"
     */
    public String describeSkew(Duration recvWindow) {
        long o = offset;
        String dir = o >= 0 ? "behind" : "ahead of";
        long abs = Math.abs(o);
        return String.format(java.util.Locale.ROOT, "the local clock is %d.%03d s %s the exchange's (allowed window %s)",
                abs / 1000, abs % 1000, dir, human(recvWindow))
                + (synced() ? "" : "; the server time was not read yet");
    }

    private static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    @Override
    public String toString() {
        return "ServerClock[offset=" + offset + " ms, rtt=" + roundTrip + " ms]";
    }
}
