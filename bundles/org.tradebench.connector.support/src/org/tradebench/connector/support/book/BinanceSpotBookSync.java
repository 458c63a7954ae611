package org.tradebench.connector.support.book;

/**
 * Binance spot's local book rule ({@code <symbol>@depth} diffs with {@code U}/{@code u} over
 * {@code GET /api/v3/depth}), as "How to manage a local order book correctly" states it:
 * <ul>
 * <li>a snapshot whose {@code lastUpdateId} is below the {@code U} of the first buffered diff is
 * too old: another one is fetched (step 4, followed to the letter, so a snapshot exactly one id
 * before the first diff is fetched again too);</li>
 * <li>buffered diffs with {@code u <= lastUpdateId} are dropped; the first applied diff must span
 * {@code lastUpdateId + 1} ({@code U <= lastUpdateId + 1 <= u}), else the snapshot is too old;</li>
 * <li>afterwards a diff with {@code u <=} the local id is ignored (the docs say {@code <}; a diff
 * ending at the local id can only be the one already applied, so it is not applied twice), and
 * {@code U > local id + 1} is a gap. A diff that overlaps the local id is applied, as the docs'
 * update procedure says.</li>
 * </ul>
 *
 * <pre>{@code
 * BinanceSpotBookSync sync = new BinanceSpotBookSync(bookStream, this::fetchDepthSnapshot);
 * sync.beginDiff(U, u, UpdateIdBookSync.NO_UPDATE_ID, E, receivedMillis, receivedNanos);
 * }</pre>
 */
public final class BinanceSpotBookSync extends UpdateIdBookSync {

    /**
     * Creates the synchroniser with the default buffer limits.
     *
     * @param target the book and where commits and resets go
     * @param requester asked for a REST snapshot when one is needed
     */
    public BinanceSpotBookSync(BookTarget target, SnapshotRequester requester) {
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
    public BinanceSpotBookSync(BookTarget target, SnapshotRequester requester, int maxBufferedEvents,
            int maxBufferedLevels) {
        super(target, requester, maxBufferedEvents, maxBufferedLevels);
    }

    @Override
    public String rule() {
        return "Binance spot U/u";
    }

    @Override
    boolean snapshotBeforeFirstDiff(long snapshotId, long firstBufferedFirstId) {
        return snapshotId < firstBufferedFirstId;
    }

    @Override
    int firstAfterSnapshot(long first, long last, long previous, long snapshotId) {
        return contiguousFirst(first, last, snapshotId);
    }

    @Override
    int next(long first, long last, long previous, long localId) {
        if (last <= localId) {
            return DUPLICATE;
        }
        return first > localId + 1 ? GAP : APPLY;
    }
}
