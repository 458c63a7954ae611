package org.tradebench.ui.orderbook.internal;

import java.time.Instant;
import java.util.Objects;

import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.OrderBookView;
import org.tradebench.api.market.Side;

/**
 * The order book view model: the latest state of one book subscription and nothing else.
 *
 * <p>{@link #onBook} runs on the connector's delivery thread (one call at a time, in order). The
 * connector keeps the book; the update's {@link BookUpdate#book() book()} is valid during the call
 * only, so the model copies its top {@code depth} levels per side (scaled {@code long} units, best
 * first) into a fresh immutable {@link LadderSnapshot}, publishes it through a volatile field and
 * calls the change callback (a {@code UiThrottler::schedule}). The display thread reads
 * {@link #latest()} whenever it repaints; intermediate snapshots are simply replaced. A copy is two
 * small arrays per side, a few hundred bytes: cheaper than any lock the display thread would
 * otherwise wait on.
 *
 * <p>Prices and sizes are shown with at least the decimals the model was given (the instrument's
 * tick and lot, so a column lines up), and with more only where a level shown has them (a book
 * finer than the tick, Bitfinex amounts beyond the lot): a level is never rounded. An instrument
 * priced in significant digits passes 0 as its price scale, and its prices get the decimals they
 * have.
 *
 * <p>What the ladder says instead of a book:
 * <ul>
 * <li>{@code "waiting for the book of BTC/USD…"} until the first snapshot;</li>
 * <li>{@code "resyncing: <reason>"} after a {@link BookUpdate.Kind#RESET RESET}, until the next
 * snapshot (deltas in between are ignored);</li>
 * <li>{@code "no book: <cause>"} when the stream's health becomes {@link DataState#FAILED} (the
 * exchange refused it, the connector does not offer it): final, no data will come;</li>
 * <li>{@code "book error: <what>"} when the book breaks its invariants (levels out of order, a size
 * that is not positive): the subscription should be replaced to get a fresh snapshot
 * ({@link #isBroken()}).</li>
 * </ul>
 */
public final class BookModel implements BookListener {

    private final InstrumentId instrument;
    private final int priceScale;
    private final int sizeScale;
    private final int depth;
    private final Runnable changed;

    // delivery thread only
    private boolean awaitingSnapshot = true;
    private String status;
    private long events;

    private volatile LadderSnapshot latest;
    private volatile boolean broken;
    private volatile boolean failed;

    /**
     * A model waiting for its first snapshot.
     *
     * @param instrument the instrument
     * @param priceScale the fewest decimals its prices are shown with (its tick size's)
     * @param sizeScale the fewest decimals its sizes are shown with (its lot size's)
     * @param depth levels per side to keep in snapshots
     * @param changed called on the delivery thread after every published change; must not block
     */
    public BookModel(InstrumentId instrument, int priceScale, int sizeScale, int depth, Runnable changed) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be >= 1, was " + depth);
        }
        if (priceScale < 0 || priceScale > 18 || sizeScale < 0 || sizeScale > 18) {
            throw new IllegalArgumentException("scales must be 0..18, were " + priceScale + " and " + sizeScale);
        }
        this.priceScale = priceScale;
        this.sizeScale = sizeScale;
        this.depth = depth;
        this.changed = Objects.requireNonNull(changed, "changed");
        this.status = "waiting for the book of " + instrument.symbol() + "\u2026";
        this.latest = LadderSnapshot.empty(instrument, priceScale, sizeScale, status);
    }

    @Override
    public void onBook(BookUpdate update) {
        if (failed) {
            return; // FAILED is final; nothing valid can follow
        }
        LadderSnapshot next;
        try {
            switch (update.kind()) {
                case RESET -> {
                    awaitingSnapshot = true;
                    String reason = update.resetReason();
                    // a book the user disconnected is not being resynchronised: say what it is
                    status = org.tradebench.api.ConnectionControl.DISCONNECTED_CAUSE.equals(reason) ? reason
                            : "resyncing: " + (reason == null || reason.isBlank() ? "book reset" : reason);
                }
                case SNAPSHOT -> {
                    awaitingSnapshot = false;
                    status = null;
                }
                case DELTA -> {
                    if (awaitingSnapshot) {
                        return; // nothing valid to show it on; the snapshot that follows has it
                    }
                }
            }
            events++;
            next = awaitingSnapshot ? emptyWithStatus(update) : copy(update);
        } catch (RuntimeException bad) {
            // a book we cannot read or that breaks its invariants no longer follows the exchange
            awaitingSnapshot = true;
            status = "book error: " + bad.getMessage();
            broken = true;
            events++;
            next = emptyWithStatus(update);
        }
        latest = next;
        changed.run();
    }

    @Override
    public void onHealth(DataHealth health) {
        if (health.state() != DataState.FAILED || failed) {
            return; // resyncs arrive as RESET updates; the connection's state is on the health badge
        }
        failed = true;
        awaitingSnapshot = true;
        String cause = health.cause().strip();
        status = "no book: " + (cause.isEmpty() ? "the stream of " + instrument.symbol() + " failed" : cause);
        LadderSnapshot before = latest;
        latest = new LadderSnapshot(instrument, before.priceScale(), before.sizeScale(), new long[0], new long[0],
                new long[0], new long[0], before.sequence(), before.received(), status, events);
        changed.run();
    }

    private LadderSnapshot emptyWithStatus(BookUpdate update) {
        long[] none = new long[0];
        return new LadderSnapshot(instrument, priceScale, sizeScale, none, none, none, none, update.sequence(),
                Instant.ofEpochMilli(update.receivedMillis()), status, events);
    }

    private LadderSnapshot copy(BookUpdate update) {
        OrderBookView book = update.book();
        int asks = Math.min(depth, book.levels(Side.SELL));
        int bids = Math.min(depth, book.levels(Side.BUY));
        long[] askPrices = new long[asks];
        long[] askSizes = new long[asks];
        long[] bidPrices = new long[bids];
        long[] bidSizes = new long[bids];
        copySide(book, Side.SELL, askPrices, askSizes);
        copySide(book, Side.BUY, bidPrices, bidSizes);
        int ps = shownScale(askPrices, bidPrices, book.priceScale(), priceScale);
        int ss = shownScale(askSizes, bidSizes, book.sizeScale(), sizeScale);
        rescale(askPrices, book.priceScale(), ps);
        rescale(bidPrices, book.priceScale(), ps);
        rescale(askSizes, book.sizeScale(), ss);
        rescale(bidSizes, book.sizeScale(), ss);
        return new LadderSnapshot(instrument, ps, ss, askPrices, askSizes, bidPrices, bidSizes, update.sequence(),
                Instant.ofEpochMilli(update.receivedMillis()), status, events);
    }

    /**
     * Copies the best levels of a side in the book's units, checking what the ladder relies on:
     * prices strictly worse level by level and sizes above zero. A crossed book is shown (the
     * spread row says so): exchanges do send one for a moment.
     */
    private static void copySide(OrderBookView book, Side side, long[] prices, long[] sizes) {
        String name = side == Side.BUY ? "bid" : "ask";
        for (int i = 0; i < prices.length; i++) {
            long price = book.price(side, i);
            long size = book.size(side, i);
            if (size <= 0) {
                throw new IllegalStateException(name + " level " + i + " has size "
                        + book.sizeDecimal(side, i).toPlainString());
            }
            if (i > 0 && (side == Side.BUY ? price >= prices[i - 1] : price <= prices[i - 1])) {
                throw new IllegalStateException(name + "s out of order: level " + i + " at "
                        + book.priceDecimal(side, i).toPlainString() + " after "
                        + book.priceDecimal(side, i - 1).toPlainString());
            }
            prices[i] = price;
            sizes[i] = size;
        }
    }

    /**
     * The scale to show values held at {@code scale} with: at least {@code min}, and more only as far
     * as one of the values needs.
     */
    private static int shownScale(long[] a, long[] b, int scale, int min) {
        if (scale <= min) {
            return min;
        }
        int droppable = scale - min;
        droppable = Math.min(droppable, commonTrailingZeros(a, droppable));
        droppable = Math.min(droppable, commonTrailingZeros(b, droppable));
        return scale - droppable;
    }

    private static int commonTrailingZeros(long[] values, int max) {
        int zeros = max;
        for (int i = 0; i < values.length && zeros > 0; i++) {
            long v = values[i];
            int n = 0;
            while (n < zeros && v % 10 == 0) {
                v /= 10;
                n++;
            }
            zeros = n;
        }
        return zeros;
    }

    /** Changes the scale of values; going down only drops zeros ({@link #shownScale} made sure). */
    private static void rescale(long[] values, int from, int to) {
        if (to > from) {
            long factor = pow10(to - from);
            for (int i = 0; i < values.length; i++) {
                values[i] = Math.multiplyExact(values[i], factor);
            }
        } else if (to < from) {
            long factor = pow10(from - to);
            for (int i = 0; i < values.length; i++) {
                values[i] /= factor;
            }
        }
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    /**
     * The latest snapshot. Any thread.
     *
     * @return the snapshot
     */
    public LadderSnapshot latest() {
        return latest;
    }

    /**
     * Whether the stream delivered a book this model cannot show, so the subscription should be
     * replaced to get a fresh snapshot. Any thread.
     *
     * @return true after a broken update
     */
    public boolean isBroken() {
        return broken;
    }

    /**
     * Whether the stream failed ({@link DataState#FAILED}): no data will come, and subscribing again
     * at once would fail again. Any thread.
     *
     * @return true after a FAILED health
     */
    public boolean isFailed() {
        return failed;
    }

    /** @return the instrument */
    public InstrumentId instrument() {
        return instrument;
    }

    /** @return levels per side kept */
    public int depth() {
        return depth;
    }
}
