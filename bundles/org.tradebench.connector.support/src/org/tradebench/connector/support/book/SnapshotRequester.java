package org.tradebench.connector.support.book;

/**
 * How an {@link UpdateIdBookSync} asks its connector for a REST depth snapshot: after the first
 * diff of a subscription, after a gap, and when a snapshot came back too old to join the buffered
 * diffs. The connector fetches the snapshot on another thread and feeds it back to the
 * synchroniser on the synchroniser's thread ({@link UpdateIdBookSync#beginSnapshot},
 * {@link UpdateIdBookSync#level}, {@link UpdateIdBookSync#endSnapshot}), or calls
 * {@link UpdateIdBookSync#snapshotFailed()} when the fetch failed.
 *
 * <pre>{@code
 * SnapshotRequester requester = () -> control.execute(() -> {
 *     byte[] json = rest.get("/api/v3/depth?symbol=BTCUSDT&limit=5000");   // rate-limited, retried
 *     lock.runLocked(() -> decoder.feedSnapshot(json, sync));            // begin/level/endSnapshot
 * });
 * }</pre>
 *
 * <p>Called on the synchroniser's thread, at the end of {@code endDiff()} or {@code endSnapshot()}
 * when the synchroniser's state is complete. It must not block (the caller is usually the socket
 * reader) and should not feed the snapshot back from within the call. The synchroniser asks again
 * only once the answer (or {@code snapshotFailed()}) has arrived, so a connector never needs to
 * de-duplicate requests; a backoff between failed fetches is the connector's choice.
 */
@FunctionalInterface
public interface SnapshotRequester {

    /** Fetch a depth snapshot for this book and feed it to the synchroniser when it arrives. */
    void requestSnapshot();
}
