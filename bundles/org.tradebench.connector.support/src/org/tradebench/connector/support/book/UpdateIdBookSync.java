package org.tradebench.connector.support.book;

import java.util.Arrays;
import java.util.Objects;

import org.tradebench.api.market.BookReset;
import org.tradebench.api.market.Side;
import org.tradebench.core.book.OrderBook;

/**
 * Keeps a local book equal to an exchange's from a REST depth snapshot plus a stream of diffs
 * numbered with update ids, the scheme Binance, Backpack and Bluefin share. Each exchange's rule
 * (what joins a snapshot, what continues the book, what is a gap) is one small subclass; this class
 * is the state machine around the rules: buffering, snapshot requests, replay, gap recovery,
 * duplicates, and the counters a health view shows.
 *
 * <p>The life of a book:
 * <ol>
 * <li>Diffs that arrive while the book is not valid are buffered (levels in primitive arrays).
 * The first buffered diff asks the {@link SnapshotRequester} for a snapshot.</li>
 * <li>When the snapshot arrives it is checked against the buffer before it touches the book: when
 * it is too old for the buffered diffs (or the buffer has a hole after it), it is dropped, the
 * diffs it cannot use are discarded, and another snapshot is asked for. Otherwise it becomes the
 * book, the buffered diffs that are newer are applied, the older ones dropped as stale, and
 * {@link BookTarget#committed} says the book is valid.</li>
 * <li>While valid, each diff that continues the book is applied and committed; a diff that is
 * already in the book (same or older ids) is ignored; a diff that does not continue it is a gap:
 * the book is cleared, {@link BookTarget#reset} is called with {@link BookReset#SEQUENCE_GAP}, the
 * gapping diff becomes the first buffered one, and a snapshot is asked for (once per gap).</li>
 * </ol>
 *
 * <p>Input is pushed one message at a time, so a decoder can read a frame in place and never build
 * an object per diff:
 *
 * <pre>{@code
 * UpdateIdBookSync sync = new BinanceSpotBookSync(stream, () -> fetchDepthLater());
 *
 * // a depthUpdate frame {"U":157,"u":160,"b":[["0.0024","10"]],"a":[["0.0026","100"]]}
 * sync.beginDiff(157, 160, UpdateIdBookSync.NO_UPDATE_ID, eventTime, receivedMillis, receivedNanos);
 * sync.level(Side.BUY, 24, 10_000);          // price and size in the book's scaled units
 * sync.level(Side.SELL, 26, 100_000);
 * sync.endDiff();                            // buffered, applied, ignored, or a gap
 *
 * // the REST answer, later, on the same thread
 * sync.beginSnapshot(lastUpdateId, responseTime, receivedMillis, receivedNanos);
 * for (...) sync.level(side, price, size);
 * sync.endSnapshot();                        // valid now, or another snapshot was requested
 * }</pre>
 *
 * <p>A message is {@code begin…}, any number of {@link #level} calls (bids and asks in any order;
 * a later level at the same price wins), then {@code end…}. A message that is never ended (the next
 * {@code begin…} arrives first) or that a level rejected is dropped whole, as if it had never been
 * received: a lost diff then shows as a gap, a lost snapshot is asked for again. Nothing here
 * allocates per message once the buffers have grown to the stream's working size.
 *
 * <p>Not thread-safe: one thread (or the connector's lock) owns a synchroniser, its target and the
 * target's book. Reading the counters from another thread gives approximate values. The target's
 * and the requester's callbacks run inside these calls and must not call back into the
 * synchroniser (a connector that must restart from a callback schedules it).
 */
public abstract sealed class UpdateIdBookSync
        permits BinanceSpotBookSync, BinanceFuturesBookSync, BackpackBookSync, BluefinBookSync {

    /** {@link #localUpdateId()} while the book is not valid; {@code previousLastId} when the exchange has none. */
    public static final long NO_UPDATE_ID = -1;

    /** Diffs buffered while waiting for a snapshot before the buffer starts over. */
    public static final int DEFAULT_MAX_BUFFERED_EVENTS = 100_000;

    /** Levels buffered while waiting for a snapshot before the buffer starts over. */
    public static final int DEFAULT_MAX_BUFFERED_LEVELS = 4_000_000;

    // How a rule classifies a diff.
    /** The diff continues the book: apply it. */
    static final int APPLY = 0;
    /** The diff is older than the snapshot the book started from: drop it. */
    static final int STALE = 1;
    /** The diff is already in the book (same or older ids): ignore it. */
    static final int DUPLICATE = 2;
    /** The diff does not continue the book: updates in between were lost. */
    static final int GAP = 3;

    // What the open message is and what endDiff/endSnapshot will do with it.
    private static final int NONE = 0;
    private static final int DIFF_APPLY = 1;
    private static final int DIFF_BUFFER = 2;
    private static final int DIFF_GAP = 3;
    private static final int DIFF_STALE = 4;
    private static final int DIFF_DUPLICATE = 5;
    private static final int DIFF_BAD = 6;
    private static final int SNAPSHOT_ACCEPT = 7;
    private static final int SNAPSHOT_TOO_OLD = 8;
    private static final int SNAPSHOT_HOLE = 9;
    private static final int SNAPSHOT_IGNORED = 10;
    private static final int SNAPSHOT_BAD = 11;

    // A buffered diff is EVENT_STRIDE longs.
    private static final int E_FIRST = 0;
    private static final int E_LAST = 1;
    private static final int E_PREVIOUS = 2;
    private static final int E_TIME = 3;
    private static final int E_RECEIVED_MILLIS = 4;
    private static final int E_RECEIVED_NANOS = 5;
    private static final int E_LEVELS_END = 6;
    private static final int EVENT_STRIDE = 7;

    // A buffered level is LEVEL_STRIDE longs: side (0 bid, 1 ask), price units, size units.
    private static final int LEVEL_STRIDE = 3;

    private final BookTarget target;
    private final OrderBook book;
    private final SnapshotRequester requester;
    private final int maxBufferedEvents;
    private final int maxBufferedLevels;

    private long[] events = new long[64 * EVENT_STRIDE];
    private int eventCount;
    // Levels of the buffered diffs, then (from levelCount) the levels of the open diff.
    private long[] levels = new long[256 * LEVEL_STRIDE];
    private int levelCount;
    private int stagedCount;

    private boolean valid;
    private boolean awaitingFirst;
    private long localId = NO_UPDATE_ID;
    private boolean snapshotRequested;

    private int message = NONE;
    private long msgFirst;
    private long msgLast;
    private long msgPrevious;
    private long msgTime;
    private long msgReceivedMillis;
    private long msgReceivedNanos;
    private int msgLevels;
    private int planIndex;

    private long gaps;
    private long resets;
    private long snapshotsRequested;
    private long snapshotsApplied;
    private long snapshotsRejected;
    private long snapshotsIgnored;
    private long eventsApplied;
    private long eventsDroppedStale;
    private long duplicatesIgnored;
    private long bufferOverflows;
    private long messagesDiscarded;

    UpdateIdBookSync(BookTarget target, SnapshotRequester requester, int maxBufferedEvents, int maxBufferedLevels) {
        this.target = Objects.requireNonNull(target, "target");
        this.book = Objects.requireNonNull(target.book(), "target.book()");
        this.requester = Objects.requireNonNull(requester, "requester");
        if (maxBufferedEvents < 1) {
            throw new IllegalArgumentException("maxBufferedEvents must be >= 1, was " + maxBufferedEvents);
        }
        if (maxBufferedLevels < 1) {
            throw new IllegalArgumentException("maxBufferedLevels must be >= 1, was " + maxBufferedLevels);
        }
        this.maxBufferedEvents = maxBufferedEvents;
        this.maxBufferedLevels = maxBufferedLevels;
        // The book is only meaningful once a snapshot made it valid.
        book.clear();
    }

    // ---------------------------------------------------------------- the rule

    /**
     * Classifies the first diff after a snapshot.
     *
     * @return {@link #APPLY}, {@link #STALE} or {@link #GAP} (the snapshot is too old for it)
     */
    abstract int firstAfterSnapshot(long first, long last, long previous, long snapshotId);

    /**
     * Classifies a diff after the book has applied one.
     *
     * @return {@link #APPLY}, {@link #DUPLICATE} or {@link #GAP}
     */
    abstract int next(long first, long last, long previous, long localId);

    /**
     * Whether a snapshot is too old for the first buffered diff whatever the buffer holds (Binance
     * spot's step 4); the generic check that the first newer diff joins the snapshot follows.
     */
    boolean snapshotBeforeFirstDiff(long snapshotId, long firstBufferedFirstId) {
        return false;
    }

    /** Validates the previous-last id of a diff; throws {@link IllegalArgumentException}. */
    void checkPrevious(long first, long previous) {
        // most exchanges have none: ignored
    }

    /**
     * Names the rule for logs and health.
     *
     * @return for example {@code "Binance spot U/u"}
     */
    public abstract String rule();

    /** The contiguous-range rules' first diff: newer than the snapshot and spanning its id + 1. */
    static int contiguousFirst(long first, long last, long snapshotId) {
        if (last <= snapshotId) {
            return STALE;
        }
        return first <= snapshotId + 1 ? APPLY : GAP;
    }

    /** The strict contiguous-range rules' next diff: starts exactly after the book's id. */
    static int contiguousNext(long first, long last, long localId) {
        if (last <= localId) {
            return DUPLICATE;
        }
        return first == localId + 1 ? APPLY : GAP;
    }

    // ---------------------------------------------------------------- diffs

    /**
     * Starts a diff.
     *
     * @param firstId the first update id in the diff ({@code U}, {@code firstUpdateId}), &gt;= 0
     * @param lastId the last update id in the diff ({@code u}, {@code lastUpdateId}), &gt;= firstId
     * @param previousLastId the last update id of the previous diff as the exchange states it
     *        (Binance futures {@code pu}), or {@link #NO_UPDATE_ID} when the exchange has none
     * @param exchangeTimeMillis the exchange's event time, epoch milliseconds
     * @param receivedMillis when the frame arrived, epoch milliseconds
     * @param receivedNanos when it arrived, {@link System#nanoTime()}
     * @throws IllegalArgumentException when the ids are impossible; the diff is then dropped (its
     *         {@code level} and {@code endDiff} calls are accepted and ignored)
     */
    public final void beginDiff(long firstId, long lastId, long previousLastId, long exchangeTimeMillis,
            long receivedMillis, long receivedNanos) {
        closeOpenMessage();
        msgFirst = firstId;
        msgLast = lastId;
        msgPrevious = previousLastId;
        msgTime = exchangeTimeMillis;
        msgReceivedMillis = receivedMillis;
        msgReceivedNanos = receivedNanos;
        msgLevels = 0;
        stagedCount = 0;
        if (firstId < 0 || lastId < firstId) {
            rejectMessage(DIFF_BAD);
            throw new IllegalArgumentException(rule() + " diff: update ids must satisfy 0 <= first <= last, were first="
                    + firstId + ", last=" + lastId);
        }
        try {
            checkPrevious(firstId, previousLastId);
        } catch (IllegalArgumentException e) {
            rejectMessage(DIFF_BAD);
            throw e;
        }
        if (!valid) {
            message = DIFF_BUFFER;
            return;
        }
        int c = awaitingFirst ? firstAfterSnapshot(firstId, lastId, previousLastId, localId)
                : next(firstId, lastId, previousLastId, localId);
        message = switch (c) {
            case APPLY -> DIFF_APPLY;
            case STALE -> DIFF_STALE;
            case DUPLICATE -> DIFF_DUPLICATE;
            default -> DIFF_GAP;
        };
    }

    /**
     * One level of the open diff or snapshot: the new absolute size at a price, 0 to remove it.
     *
     * @param side {@link Side#BUY} for a bid, {@link Side#SELL} for an ask
     * @param price price units of the target's book, &gt; 0
     * @param size size units, &gt;= 0
     * @throws IllegalArgumentException when the price or size is impossible; the whole message is
     *         then dropped
     * @throws IllegalStateException outside {@code begin…}/{@code end…}
     */
    public final void level(Side side, long price, long size) {
        Objects.requireNonNull(side, "side");
        int index = msgLevels++;
        switch (message) {
            case DIFF_APPLY, DIFF_BUFFER, DIFF_GAP -> {
                if (price <= 0 || size < 0) {
                    rejectMessage(DIFF_BAD);
                    throw badLevel(side, index, price, size);
                }
                stage(side, price, size);
            }
            case SNAPSHOT_ACCEPT -> {
                if (price <= 0 || size < 0) {
                    rejectMessage(SNAPSHOT_BAD);
                    book.clear();
                    throw badLevel(side, index, price, size);
                }
                book.set(side, price, size);
            }
            case NONE -> throw new IllegalStateException(rule() + ": level() outside beginDiff/endDiff or "
                    + "beginSnapshot/endSnapshot");
            default -> {
                // a message that is ignored or was rejected: its levels do not matter
            }
        }
    }

    /**
     * Ends the open diff: applies it, buffers it, ignores it, or handles the gap it reveals.
     *
     * @throws IllegalStateException when no diff is open
     */
    public final void endDiff() {
        int m = message;
        if (m < DIFF_APPLY || m > DIFF_BAD) {
            throw new IllegalStateException(rule() + ": endDiff() without beginDiff()");
        }
        message = NONE;
        switch (m) {
            case DIFF_APPLY -> applyStaged();
            case DIFF_BUFFER -> bufferStaged();
            case DIFF_GAP -> {
                gaps++;
                lose(BookReset.SEQUENCE_GAP);
                bufferStaged();
            }
            case DIFF_STALE -> eventsDroppedStale++;
            case DIFF_DUPLICATE -> duplicatesIgnored++;
            default -> {
                // DIFF_BAD: counted when it was rejected
            }
        }
        stagedCount = 0;
        requestIfNeeded();
    }

    // ---------------------------------------------------------------- snapshots

    /**
     * Starts a REST depth snapshot. Its levels follow; nothing is decided by the caller.
     *
     * @param lastUpdateId the snapshot's {@code lastUpdateId}, &gt;= 0
     * @param exchangeTimeMillis the snapshot's time, epoch milliseconds (the receive time when the
     *        exchange gives none)
     * @param receivedMillis when the answer arrived, epoch milliseconds
     * @param receivedNanos when it arrived, {@link System#nanoTime()}
     * @throws IllegalArgumentException when the id is negative; the snapshot is then dropped
     */
    public final void beginSnapshot(long lastUpdateId, long exchangeTimeMillis, long receivedMillis,
            long receivedNanos) {
        closeOpenMessage();
        msgFirst = lastUpdateId;
        msgLast = lastUpdateId;
        msgPrevious = NO_UPDATE_ID;
        msgTime = exchangeTimeMillis;
        msgReceivedMillis = receivedMillis;
        msgReceivedNanos = receivedNanos;
        msgLevels = 0;
        if (valid) {
            // Unasked (or a late duplicate): the book is already right and moving on.
            message = SNAPSHOT_IGNORED;
            return;
        }
        // The answer is here: whatever becomes of it, the next one may be asked for.
        snapshotRequested = false;
        if (lastUpdateId < 0) {
            rejectMessage(SNAPSHOT_BAD);
            throw new IllegalArgumentException(rule() + " snapshot: lastUpdateId must be >= 0, was " + lastUpdateId);
        }
        message = plan(lastUpdateId);
        if (message == SNAPSHOT_ACCEPT) {
            book.clear();
        }
    }

    /**
     * Ends the open snapshot: the book becomes valid (with the newer buffered diffs applied), or the
     * snapshot was too old and another one is asked for, or the book was valid and it is ignored.
     *
     * @throws IllegalStateException when no snapshot is open
     */
    public final void endSnapshot() {
        int m = message;
        if (m < SNAPSHOT_ACCEPT) {
            throw new IllegalStateException(rule() + ": endSnapshot() without beginSnapshot()");
        }
        message = NONE;
        switch (m) {
            case SNAPSHOT_ACCEPT -> replay();
            case SNAPSHOT_TOO_OLD -> {
                snapshotsRejected++;
                discardBefore(planIndex);
            }
            case SNAPSHOT_HOLE -> {
                snapshotsRejected++;
                gaps++;
                discardBefore(planIndex);
            }
            case SNAPSHOT_IGNORED -> snapshotsIgnored++;
            default -> {
                // SNAPSHOT_BAD: counted when rejected, the book was cleared
            }
        }
        requestIfNeeded();
    }

    /**
     * The snapshot that was asked for will not come (the REST call failed). The next diff asks
     * again; put a backoff in the {@link SnapshotRequester} if the exchange needs one.
     */
    public final void snapshotFailed() {
        snapshotRequested = false;
    }

    /**
     * Starts over: the stream was lost or replaced (a reconnect, a resubscription, a slow listener).
     * The buffer is emptied; when the book was valid it is cleared and {@link BookTarget#reset} is
     * called with the reason (once per loss: not again when the book was already invalid). The
     * first diff of the new stream asks for a snapshot; an answer to an earlier request that still
     * arrives is judged by the same rules.
     *
     * @param reason for people, for example {@link BookReset#RECONNECT}
     */
    public final void restart(String reason) {
        Objects.requireNonNull(reason, "reason");
        if (message != NONE) {
            messagesDiscarded++;
            message = NONE;
        }
        eventCount = 0;
        levelCount = 0;
        stagedCount = 0;
        snapshotRequested = false;
        if (valid) {
            lose(reason);
        } else {
            book.clear();
        }
    }

    // ---------------------------------------------------------------- state for health

    /**
     * Whether the book equals the exchange's at {@link #localUpdateId()}.
     *
     * @return true from the snapshot that made it valid until the next gap or restart
     */
    public final boolean isValid() {
        return valid;
    }

    /**
     * The update id the book is at: the last applied diff's last id, or the snapshot's id before any
     * diff was applied.
     *
     * @return the id, or {@link #NO_UPDATE_ID} while the book is not valid
     */
    public final long localUpdateId() {
        return valid ? localId : NO_UPDATE_ID;
    }

    /**
     * Whether a snapshot was asked for and neither arrived nor failed yet.
     *
     * @return true while waiting for the REST answer
     */
    public final boolean isSnapshotRequested() {
        return snapshotRequested;
    }

    /**
     * Diffs waiting for a snapshot.
     *
     * @return 0 while the book is valid
     */
    public final int bufferedEvents() {
        return eventCount;
    }

    /**
     * Gaps found: diffs that did not continue the valid book (each one reset it and asked for one
     * snapshot), plus holes found in the buffered diffs when a snapshot arrived.
     *
     * @return the count since construction
     */
    public final long gaps() {
        return gaps;
    }

    /**
     * Times a valid book was lost and {@link BookTarget#reset} called (gaps and restarts).
     *
     * @return the count since construction
     */
    public final long resets() {
        return resets;
    }

    /**
     * Calls of {@link SnapshotRequester#requestSnapshot()}.
     *
     * @return the count since construction
     */
    public final long snapshotsRequested() {
        return snapshotsRequested;
    }

    /**
     * Snapshots that made the book valid.
     *
     * @return the count since construction
     */
    public final long snapshotsApplied() {
        return snapshotsApplied;
    }

    /**
     * Snapshots dropped because they were too old for the buffered diffs (another was asked for).
     *
     * @return the count since construction
     */
    public final long snapshotsRejected() {
        return snapshotsRejected;
    }

    /**
     * Snapshots that arrived while the book was valid, and were ignored.
     *
     * @return the count since construction
     */
    public final long snapshotsIgnored() {
        return snapshotsIgnored;
    }

    /**
     * Diffs applied to the book (live, or replayed from the buffer onto a snapshot).
     *
     * @return the count since construction
     */
    public final long eventsApplied() {
        return eventsApplied;
    }

    /**
     * Diffs dropped because the snapshot already held them.
     *
     * @return the count since construction
     */
    public final long eventsDroppedStale() {
        return eventsDroppedStale;
    }

    /**
     * Diffs ignored because the book had already applied their ids.
     *
     * @return the count since construction
     */
    public final long duplicatesIgnored() {
        return duplicatesIgnored;
    }

    /**
     * Times the buffer outgrew its limits while waiting for a snapshot and started over.
     *
     * @return the count since construction
     */
    public final long bufferOverflows() {
        return bufferOverflows;
    }

    /**
     * Diffs and snapshots dropped because an id or a level was impossible, or because they were
     * never ended.
     *
     * @return the count since construction
     */
    public final long messagesDiscarded() {
        return messagesDiscarded;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + rule() + ", " + (valid ? "valid at " + localId : "not valid")
                + ", buffered=" + eventCount + (snapshotRequested ? ", snapshot requested" : "") + ", gaps=" + gaps
                + ", resets=" + resets + ", snapshotsRequested=" + snapshotsRequested + ", snapshotsRejected="
                + snapshotsRejected + ", stale=" + eventsDroppedStale + ", duplicates=" + duplicatesIgnored + "]";
    }

    // ---------------------------------------------------------------- internals

    /** A message that was begun and never ended is dropped, as if never received. */
    private void closeOpenMessage() {
        int m = message;
        if (m == NONE) {
            return;
        }
        message = NONE;
        stagedCount = 0;
        if (m != DIFF_BAD && m != SNAPSHOT_BAD) {
            messagesDiscarded++;
        }
        if ((m == SNAPSHOT_ACCEPT || m == SNAPSHOT_BAD) && !valid) {
            book.clear(); // half a snapshot
        }
    }

    private void rejectMessage(int bad) {
        message = bad;
        stagedCount = 0;
        messagesDiscarded++;
    }

    private IllegalArgumentException badLevel(Side side, int index, long price, long size) {
        String where = (side == Side.BUY ? "bid" : "ask") + " at level " + index + " of "
                + (message == SNAPSHOT_BAD ? "snapshot " + msgLast : "diff " + msgFirst + ".." + msgLast);
        String what = price <= 0 ? "price must be > 0, was " + price + " units"
                : "size must be >= 0, was " + size + " units";
        return new IllegalArgumentException(rule() + ": " + where + ": " + what + " (message dropped)");
    }

    private void stage(Side side, long price, long size) {
        int at = (levelCount + stagedCount) * LEVEL_STRIDE;
        if (at + LEVEL_STRIDE > levels.length) {
            levels = Arrays.copyOf(levels, levels.length * 2);
        }
        levels[at] = side == Side.BUY ? 0 : 1;
        levels[at + 1] = price;
        levels[at + 2] = size;
        stagedCount++;
    }

    private void applyLevels(int from, int to) {
        for (int i = from; i < to; i++) {
            int at = i * LEVEL_STRIDE;
            book.set(levels[at] == 0 ? Side.BUY : Side.SELL, levels[at + 1], levels[at + 2]);
        }
    }

    /** Applies the open diff, which continues the valid book (the buffer is empty). */
    private void applyStaged() {
        applyLevels(levelCount, levelCount + stagedCount);
        advanceTo(msgLast);
        eventsApplied++;
        target.committed(msgTime, msgReceivedMillis, msgReceivedNanos);
    }

    private void advanceTo(long last) {
        // Binance futures may apply a first diff ending at the snapshot's own id: the book's
        // sequence only ever moves forward.
        if (last > localId) {
            localId = last;
            book.updateSequence(last);
        }
        awaitingFirst = false;
    }

    /** Appends the open diff to the buffer. */
    private void bufferStaged() {
        if (eventCount > 0 && (eventCount >= maxBufferedEvents || levelCount + stagedCount > maxBufferedLevels)) {
            // No snapshot came for too long: start the buffer over with this diff. A snapshot that
            // comes later is judged against the new first diff (and asked for again if too old).
            System.arraycopy(levels, levelCount * LEVEL_STRIDE, levels, 0, stagedCount * LEVEL_STRIDE);
            eventCount = 0;
            levelCount = 0;
            bufferOverflows++;
        }
        int at = eventCount * EVENT_STRIDE;
        if (at + EVENT_STRIDE > events.length) {
            events = Arrays.copyOf(events, events.length * 2);
        }
        levelCount += stagedCount;
        stagedCount = 0;
        events[at + E_FIRST] = msgFirst;
        events[at + E_LAST] = msgLast;
        events[at + E_PREVIOUS] = msgPrevious;
        events[at + E_TIME] = msgTime;
        events[at + E_RECEIVED_MILLIS] = msgReceivedMillis;
        events[at + E_RECEIVED_NANOS] = msgReceivedNanos;
        events[at + E_LEVELS_END] = levelCount;
        eventCount++;
    }

    /**
     * Decides what a snapshot at {@code snapshotId} does with the buffer, before any level of it
     * touches the book: it is accepted only when the buffered diffs join it without a hole.
     */
    private int plan(long snapshotId) {
        planIndex = 0;
        if (eventCount == 0) {
            // Nothing to judge it by: it is the exchange's book at its id. The first diff is then
            // held to the first-diff rule, and a gap there resets as usual.
            return SNAPSHOT_ACCEPT;
        }
        if (snapshotBeforeFirstDiff(snapshotId, events[E_FIRST])) {
            return SNAPSHOT_TOO_OLD;
        }
        long local = snapshotId;
        boolean first = true;
        for (int i = 0; i < eventCount; i++) {
            int at = i * EVENT_STRIDE;
            long f = events[at + E_FIRST];
            long l = events[at + E_LAST];
            long p = events[at + E_PREVIOUS];
            int c = first ? firstAfterSnapshot(f, l, p, snapshotId) : next(f, l, p, local);
            if (c == APPLY) {
                local = Math.max(local, l);
                first = false;
            } else if (c == GAP) {
                // Diffs before i are of no use to any later snapshot: it must be newer than them.
                planIndex = i;
                return first ? SNAPSHOT_TOO_OLD : SNAPSHOT_HOLE;
            }
        }
        return SNAPSHOT_ACCEPT;
    }

    /** The snapshot is in the book: applies the buffered diffs that are newer, makes it valid. */
    private void replay() {
        localId = msgLast;
        awaitingFirst = true;
        book.updateSequence(msgLast);
        long time = msgTime;
        long receivedMillis = msgReceivedMillis;
        long receivedNanos = msgReceivedNanos;
        int from = 0;
        for (int i = 0; i < eventCount; i++) {
            int at = i * EVENT_STRIDE;
            long f = events[at + E_FIRST];
            long l = events[at + E_LAST];
            long p = events[at + E_PREVIOUS];
            int to = (int) events[at + E_LEVELS_END];
            int c = awaitingFirst ? firstAfterSnapshot(f, l, p, localId) : next(f, l, p, localId);
            if (c == APPLY) {
                applyLevels(from, to);
                advanceTo(l);
                eventsApplied++;
                time = events[at + E_TIME];
                receivedMillis = events[at + E_RECEIVED_MILLIS];
                receivedNanos = events[at + E_RECEIVED_NANOS];
            } else if (c == STALE) {
                eventsDroppedStale++;
            } else {
                duplicatesIgnored++; // plan() saw no gap
            }
            from = to;
        }
        eventCount = 0;
        levelCount = 0;
        valid = true;
        snapshotsApplied++;
        // One commit for the snapshot and its replayed diffs: the intermediate books were never
        // seen by anyone, the stream conflates them anyway.
        target.committed(time, receivedMillis, receivedNanos);
    }

    /** Drops the buffered diffs before index {@code keep}. */
    private void discardBefore(int keep) {
        if (keep == 0) {
            return;
        }
        int levelsFrom = (int) events[(keep - 1) * EVENT_STRIDE + E_LEVELS_END];
        System.arraycopy(levels, levelsFrom * LEVEL_STRIDE, levels, 0, (levelCount - levelsFrom) * LEVEL_STRIDE);
        levelCount -= levelsFrom;
        System.arraycopy(events, keep * EVENT_STRIDE, events, 0, (eventCount - keep) * EVENT_STRIDE);
        eventCount -= keep;
        for (int i = 0; i < eventCount; i++) {
            events[i * EVENT_STRIDE + E_LEVELS_END] -= levelsFrom;
        }
    }

    /** The valid book is lost: clear it and tell the target, once. */
    private void lose(String reason) {
        valid = false;
        awaitingFirst = false;
        localId = NO_UPDATE_ID;
        book.clear();
        resets++;
        target.reset(reason);
    }

    /** Asks for a snapshot when diffs wait for one and none is on its way. Called last. */
    private void requestIfNeeded() {
        if (!valid && !snapshotRequested && eventCount > 0) {
            snapshotRequested = true;
            snapshotsRequested++;
            requester.requestSnapshot();
        }
    }
}
