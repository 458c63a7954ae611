package org.tradebench.connector.support.book;

/**
 * Bluefin Pro's local book rule ({@code OrderbookDiffDepthUpdate} diffs with
 * {@code firstUpdateId}/{@code lastUpdateId} over the REST depth's {@code lastUpdateId}), the same
 * shape as {@link BackpackBookSync}.
 *
 * <p>Assumed, because Bluefin documents the fields ("the ID of the first/last update in this
 * batch"; the depth's {@code lastUpdateId} is a "count indicating the number of changes in
 * orderbook state") but not the procedure: the diffs and the REST depth count on one counter per
 * market, with no holes between consecutive diffs, so the next diff's {@code firstUpdateId} is the
 * previous {@code lastUpdateId + 1}; the first diff after a snapshot at id {@code L} may span it
 * ({@code firstUpdateId <= L + 1 <= lastUpdateId}). If the exchange skips ids between diffs, every
 * diff shows as a gap: {@link #gaps()} rising on a healthy connection is the sign, and this class's
 * next-diff rule is what to change.
 *
 * <pre>{@code
 * BluefinBookSync sync = new BluefinBookSync(bookStream, this::fetchDepth);
 * sync.beginDiff(firstUpdateId, lastUpdateId, UpdateIdBookSync.NO_UPDATE_ID, updatedAtMillis,
 *         receivedMillis, receivedNanos);
 * }</pre>
 */
public final class BluefinBookSync extends UpdateIdBookSync {

    /**
     * Creates the synchroniser with the default buffer limits.
     *
     * @param target the book and where commits and resets go
     * @param requester asked for a REST snapshot when one is needed
     */
    public BluefinBookSync(BookTarget target, SnapshotRequester requester) {
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
    public BluefinBookSync(BookTarget target, SnapshotRequester requester, int maxBufferedEvents,
            int maxBufferedLevels) {
        super(target, requester, maxBufferedEvents, maxBufferedLevels);
    }

    @Override
    public String rule() {
        return "Bluefin firstUpdateId = lastUpdateId + 1";
    }

    @Override
    int firstAfterSnapshot(long first, long last, long previous, long snapshotId) {
        return contiguousFirst(first, last, snapshotId);
    }

    @Override
    int next(long first, long last, long previous, long localId) {
        return contiguousNext(first, last, localId);
    }
}
