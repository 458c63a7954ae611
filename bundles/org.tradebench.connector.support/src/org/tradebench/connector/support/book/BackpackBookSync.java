package org.tradebench.connector.support.book;

/**
 * Backpack's local book rule ({@code depth.<symbol>} diffs with {@code U}/{@code u} over
 * {@code GET /api/v1/depth}): updates are sequential, the next diff's {@code U} must be exactly
 * the previous {@code u + 1}, else it is a gap.
 * <ul>
 * <li>buffered diffs with {@code u <= lastUpdateId} are dropped; the first applied diff may span
 * the snapshot ({@code U <= lastUpdateId + 1 <= u}), else the snapshot is too old and another one
 * is fetched;</li>
 * <li>afterwards a diff with {@code u <=} the local id is a duplicate and ignored, and any other
 * diff whose {@code U} is not the local id + 1 (a hole, or an overlap) is a gap.</li>
 * </ul>
 *
 * <p>The REST snapshot's {@code lastUpdateId} is a JSON string: the connector parses it (and the
 * microsecond {@code E}/{@code T}, converted to milliseconds) before calling in.
 *
 * <pre>{@code
 * BackpackBookSync sync = new BackpackBookSync(bookStream, this::fetchDepthSnapshot);
 * sync.beginSnapshot(Long.parseLong(lastUpdateIdText), nowMillis, receivedMillis, receivedNanos);
 * }</pre>
 */
public final class BackpackBookSync extends UpdateIdBookSync {

    /**
     * Creates the synchroniser with the default buffer limits.
     *
     * @param target the book and where commits and resets go
     * @param requester asked for a REST snapshot when one is needed
     */
    public BackpackBookSync(BookTarget target, SnapshotRequester requester) {
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
    public BackpackBookSync(BookTarget target, SnapshotRequester requester, int maxBufferedEvents,
            int maxBufferedLevels) {
        super(target, requester, maxBufferedEvents, maxBufferedLevels);
    }

    @Override
    public String rule() {
        return "Backpack U = u + 1";
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
