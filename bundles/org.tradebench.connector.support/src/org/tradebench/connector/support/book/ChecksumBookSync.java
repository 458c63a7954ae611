package org.tradebench.connector.support.book;

import java.util.Arrays;
import java.util.Objects;

import org.tradebench.api.market.BookReset;
import org.tradebench.api.market.Side;
import org.tradebench.core.book.OrderBook;

/**
 * Keeps a book verified by the exchange's checksums (Bitfinex {@code cs}): a snapshot, then row
 * updates, then now and then a checksum of the exchange's book that the local one must match.
 *
 * <p>Rows are applied at once to a working book that keeps each level's wire text (the checksum is
 * computed over the exact text), and remembered; the target's book, which subscribers see, receives
 * them only when the checksum that follows them matched. So no subscriber ever sees a level the
 * exchange did not confirm. A mismatch resets the target ({@link BookReset#CHECKSUM_MISMATCH}) and
 * tells the {@link Mismatch} listener (the connector resubscribes for a fresh snapshot). Without
 * checksums ({@link #checksums(boolean)} off) every row is published at once.
 *
 * <pre>{@code
 * ChecksumBookSync sync = new ChecksumBookSync(stream, new InterleavedCrc32(25), perOrder, (expected, mine) -> resubscribe());
 * sync.snapshotStart();
 * sync.row(Side.BUY, price, size, count, 0, frame, priceStart, priceEnd, amountStart, amountEnd);   // each row
 * sync.snapshotEnd(time, receivedMillis, receivedNanos);
 * sync.row(...);                                           // an update
 * sync.checksum(-1175357890, time, receivedMillis, receivedNanos);
 * }</pre>
 *
 * <p>A row's size 0 removes the level (or the order of a per-order book). Not thread-safe: one
 * owner (the socket's reader under the runtime lock). Nothing is allocated per row once buffers
 * have grown.
 */
public final class ChecksumBookSync {

    /** Hears a checksum mismatch (after the target was reset). */
    @FunctionalInterface
    public interface Mismatch {
        /**
         * The local book's checksum differed from the exchange's.
         *
         * @param expected the exchange's
         * @param actual the local one
         */
        void mismatch(int expected, int actual);
    }

    private final BookTarget target;
    private final BookChecksum checksum;
    private final Mismatch onMismatch;
    private final OrderBook working;
    private final WireTextArena texts = new WireTextArena();
    private boolean checksums = true;
    private boolean valid;

    // Rows applied to the working book and not yet published.
    private int pending;
    private byte[] sides = new byte[64];
    private long[] prices = new long[64];
    private long[] sizes = new long[64];
    private long[] ids = new long[64];
    private int[] counts = new int[64];
    private long lastTimeMillis;

    private long verified;
    private long mismatches;

    /**
     * Creates the synchroniser.
     *
     * @param target where verified changes go
     * @param checksum how the exchange checksums
     * @param perOrder true for a per-order book (rows name orders)
     * @param onMismatch hears mismatches
     */
    public ChecksumBookSync(BookTarget target, BookChecksum checksum, boolean perOrder, Mismatch onMismatch) {
        this.target = Objects.requireNonNull(target, "target");
        this.checksum = Objects.requireNonNull(checksum, "checksum");
        this.onMismatch = Objects.requireNonNull(onMismatch, "onMismatch");
        OrderBook m = target.book();
        if (m.perOrder() != perOrder) {
            throw new IllegalArgumentException("the target's book is " + (m.perOrder() ? "per-order" : "aggregated"));
        }
        this.working = new OrderBook(m.priceScale(), m.sizeScale(), 64, perOrder);
    }

    /**
     * Turns checksum verification on (rows wait for their checksum) or off (rows publish at once).
     *
     * @param enabled whether the exchange sends checksums
     */
    public void checksums(boolean enabled) {
        checksums = enabled;
    }

    /**
     * Whether the book is valid (a snapshot was applied and nothing failed since).
     *
     * @return true when valid
     */
    public boolean isValid() {
        return valid;
    }

    /**
     * The working book with the wire texts (diagnostics and tests).
     *
     * @return the book
     */
    public OrderBook workingBook() {
        return working;
    }

    /**
     * The wire texts (diagnostics and tests).
     *
     * @return the arena
     */
    public WireTextArena texts() {
        return texts;
    }

    /**
     * Checksums that matched so far.
     *
     * @return the count
     */
    public long verified() {
        return verified;
    }

    /**
     * Checksums that did not match so far.
     *
     * @return the count
     */
    public long mismatches() {
        return mismatches;
    }

    /** A snapshot begins: the working book is emptied. */
    public void snapshotStart() {
        working.clear();
        texts.clear();
        pending = 0;
    }

    /**
     * One row: a level (or order) set to a size, 0 removing it. Snapshot rows and updates alike.
     *
     * @param side the side
     * @param price price units (ignored for a per-order removal)
     * @param size absolute size units, 0 to remove
     * @param count orders at the level, -1 when unknown
     * @param orderId the order id of a per-order book, else 0
     * @param frame the frame's bytes
     * @param keyStart the wire text of the key (price, or order id for per-order books)
     * @param keyEnd after the key
     * @param amountStart the wire text of the amount, as sent (signed where the exchange signs it)
     * @param amountEnd after the amount
     */
    public void row(Side side, long price, long size, int count, long orderId, byte[] frame, int keyStart, int keyEnd,
            int amountStart, int amountEnd) {
        int at = working.perOrder() ? working.setOrder(side, orderId, price, size) : working.set(side, price, size, count);
        if (at >= 0) {
            working.setTag(side, at, texts.store(working, frame, keyStart, keyEnd, amountStart, amountEnd));
        }
        if (valid) {
            remember(side, price, size, count, orderId);
        }
    }

    /**
     * The snapshot is complete: it is published at once.
     *
     * @param timeMillis exchange time (receive time when none)
     * @param receivedMillis receive time, epoch milliseconds
     * @param receivedNanos receive time, {@link System#nanoTime()}
     */
    public void snapshotEnd(long timeMillis, long receivedMillis, long receivedNanos) {
        OrderBook master = target.book();
        master.copyFrom(working);
        pending = 0;
        valid = true;
        target.committed(timeMillis, receivedMillis, receivedNanos);
    }

    /**
     * An update's rows are all applied (call after each update frame).
     *
     * @param timeMillis exchange time
     * @param receivedMillis receive time
     * @param receivedNanos receive time, {@link System#nanoTime()}
     */
    public void updateEnd(long timeMillis, long receivedMillis, long receivedNanos) {
        if (!valid) {
            return;
        }
        lastTimeMillis = timeMillis;
        if (!checksums) {
            publish(timeMillis, receivedMillis, receivedNanos);
        }
    }

    /**
     * The exchange's checksum: publishes the rows since the last one when it matches, resets
     * otherwise.
     *
     * @param expected the exchange's checksum
     * @param timeMillis exchange time
     * @param receivedMillis receive time
     * @param receivedNanos receive time, {@link System#nanoTime()}
     * @return whether it matched (false too before a snapshot)
     */
    public boolean checksum(int expected, long timeMillis, long receivedMillis, long receivedNanos) {
        if (!valid) {
            return false;
        }
        int mine = checksum.checksum(working, texts);
        if (mine != expected) {
            mismatches++;
            lost(BookReset.CHECKSUM_MISMATCH);
            onMismatch.mismatch(expected, mine);
            return false;
        }
        verified++;
        if (pending > 0) {
            // the rows became publishable when this checksum arrived: that is their receive time
            publish(Math.max(timeMillis, lastTimeMillis), receivedMillis, receivedNanos);
        }
        return true;
    }

    /**
     * The book is lost (reconnect, gap, resubscribe): the target is reset and rows are ignored until
     * the next snapshot.
     *
     * @param reason why, for people
     */
    public void lost(String reason) {
        boolean was = valid;
        valid = false;
        pending = 0;
        working.clear();
        texts.clear();
        if (was) {
            target.book().clear(); // BookTarget.reset: the book is cleared before the target hears of it
            target.reset(reason);
        }
    }

    private void publish(long timeMillis, long receivedMillis, long receivedNanos) {
        OrderBook master = target.book();
        for (int i = 0; i < pending; i++) {
            Side side = sides[i] == 0 ? Side.BUY : Side.SELL;
            if (master.perOrder()) {
                master.setOrder(side, ids[i], prices[i], sizes[i]);
            } else {
                master.set(side, prices[i], sizes[i], counts[i]);
            }
        }
        pending = 0;
        target.committed(timeMillis, receivedMillis, receivedNanos);
    }

    private void remember(Side side, long price, long size, int count, long orderId) {
        if (pending == prices.length) {
            int n = pending * 2;
            sides = Arrays.copyOf(sides, n);
            prices = Arrays.copyOf(prices, n);
            sizes = Arrays.copyOf(sizes, n);
            ids = Arrays.copyOf(ids, n);
            counts = Arrays.copyOf(counts, n);
        }
        sides[pending] = (byte) (side == Side.BUY ? 0 : 1);
        prices[pending] = price;
        sizes[pending] = size;
        ids[pending] = orderId;
        counts[pending] = count;
        pending++;
    }
}
