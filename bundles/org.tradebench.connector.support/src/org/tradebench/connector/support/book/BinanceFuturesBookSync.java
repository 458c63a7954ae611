package org.tradebench.connector.support.book;

/**
 * Binance USD-M (and COIN-M) futures' local book rule ({@code <symbol>@depth} diffs with
 * {@code U}/{@code u}/{@code pu} over {@code GET /fapi/v1/depth}), which differs from spot:
 * <ul>
 * <li>buffered diffs with {@code u < lastUpdateId} are dropped (a diff ending at the snapshot's own
 * id is kept: it is applied, changing nothing);</li>
 * <li>the first applied diff must have {@code U <= lastUpdateId <= u}, else the snapshot is too
 * old and another one is fetched. One addition to Binance's text: a first diff whose {@code pu}
 * is the snapshot's id is accepted too (the diff ending at the snapshot's id was not received, but
 * the snapshot holds it, and {@code pu} says nothing came between);</li>
 * <li>afterwards each diff's {@code pu} must equal the previous applied diff's {@code u}, else it
 * is a gap ({@code U} need not be the previous {@code u + 1}: futures ids jump); a diff with
 * {@code u <=} the local id is a duplicate and ignored.</li>
 * </ul>
 *
 * <pre>{@code
 * BinanceFuturesBookSync sync = new BinanceFuturesBookSync(bookStream, this::fetchDepthSnapshot);
 * sync.beginDiff(U, u, pu, T, receivedMillis, receivedNanos);   // pu is required here
 * }</pre>
 */
public final class BinanceFuturesBookSync extends UpdateIdBookSync {

    /**
     * Creates the synchroniser with the default buffer limits.
     *
     * @param target the book and where commits and resets go
     * @param requester asked for a REST snapshot when one is needed
     */
    public BinanceFuturesBookSync(BookTarget target, SnapshotRequester requester) {
        this(target, requester, DEFAULT_MAX_BUFFERED_EVENTS, DEFAULT_MAX_BUFFERED_LEVELS);
    }

    /**
     * Creates the synchroniser.
     *
     * @param target the book and where commits and resets go
     * @param requester asked for a REST snapshot when one is needed
     * @param maxBufferedEvents diffs kept while waiting for a snapshot before the buffer starts over
     * @param maxBufferedLevels levels kept while waiting before the buffer starts over
     */
    public BinanceFuturesBookSync(BookTarget target, SnapshotRequester requester, int maxBufferedEvents,
            int maxBufferedLevels) {
        super(target, requester, maxBufferedEvents, maxBufferedLevels);
    }

    @Override
    public String rule() {
        return "Binance futures pu";
    }

    @Override
    void checkPrevious(long first, long previous) {
        if (previous < 0) {
            throw new IllegalArgumentException(rule() + " diff " + first
                    + ": the previous diff's final update id (pu) is required, was " + previous);
        }
    }

    @Override
    int firstAfterSnapshot(long first, long last, long previous, long snapshotId) {
        if (last < snapshotId) {
            return STALE;
        }
        return first <= snapshotId || previous == snapshotId ? APPLY : GAP;
    }

    @Override
    int next(long first, long last, long previous, long localId) {
        if (last <= localId) {
            return DUPLICATE;
        }
        return previous == localId ? APPLY : GAP;
    }
}
