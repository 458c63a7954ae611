package org.tradebench.ui.orderbook.internal;

import java.util.Arrays;
import java.util.Objects;

import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookDelta;
import org.tradebench.api.market.BookEvent;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookReset;
import org.tradebench.api.market.BookSnapshot;
import org.tradebench.api.market.Side;
import org.tradebench.core.book.OrderBook;

/**
 * The order book view model: the latest state of one book subscription and nothing else.
 *
 * <p>{@link #onBook} runs on the connector thread (one call at a time, in order): it applies the
 * event to a core {@link OrderBook}, copies the top {@code depth} levels into a fresh immutable
 * {@link LadderSnapshot}, publishes it through a volatile field and calls the change callback
 * (a {@code UiThrottler::schedule}). The display thread reads {@link #latest()} whenever it
 * repaints; intermediate snapshots are simply replaced. A copy is two small arrays per side, a
 * few hundred bytes: cheaper than any lock the display thread would otherwise wait on.
 *
 * <p>A {@link BookReset} clears the book and shows {@code "resyncing: <reason>"} until the next
 * snapshot. A level that does not fit the instrument's scale clears the book, shows the error and
 * asks for a new subscription ({@link #isBroken()}); deltas are ignored until a snapshot arrives.
 */
public final class BookModel implements BookListener {

    private final InstrumentId instrument;
    private final int depth;
    private final OrderBook book;
    private final Runnable changed;

    // connector thread only
    private final long[] prices;
    private final long[] sizes;
    private boolean awaitingSnapshot = true;
    private String status;
    private long events;

    private volatile LadderSnapshot latest;
    private volatile boolean broken;

    /**
     * A model waiting for its first snapshot.
     *
     * @param instrument the instrument
     * @param priceScale decimals of its prices (tick size)
     * @param sizeScale decimals of its sizes (lot size)
     * @param depth levels per side to keep in snapshots
     * @param changed called on the connector thread after every published change; must not block
     */
    public BookModel(InstrumentId instrument, int priceScale, int sizeScale, int depth, Runnable changed) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be >= 1, was " + depth);
        }
        this.depth = depth;
        this.book = new OrderBook(priceScale, sizeScale, Math.max(64, 2 * depth));
        this.changed = Objects.requireNonNull(changed, "changed");
        this.prices = new long[depth];
        this.sizes = new long[depth];
        this.status = "waiting for the book of " + instrument.symbol() + "\u2026";
        this.latest = LadderSnapshot.empty(instrument, priceScale, sizeScale, status);
    }

    @Override
    public void onBook(BookEvent event) {
        try {
            switch (event) {
                case BookSnapshot s -> {
                    book.apply(s);
                    awaitingSnapshot = false;
                    status = null;
                }
                case BookDelta d -> {
                    if (awaitingSnapshot) {
                        return; // nothing valid to apply it to; the snapshot that follows has it
                    }
                    book.apply(d);
                }
                case BookReset r -> {
                    book.apply(r);
                    awaitingSnapshot = true;
                    status = "resyncing: " + r.reason();
                }
            }
        } catch (RuntimeException bad) {
            // the book is unchanged by a failed apply, but it no longer follows the exchange
            book.clear();
            awaitingSnapshot = true;
            status = "book error: " + bad.getMessage();
            broken = true;
        }
        events++;
        latest = copy(event);
        changed.run();
    }

    private LadderSnapshot copy(BookEvent event) {
        int asks = book.copyTop(Side.SELL, depth, prices, sizes);
        long[] askPrices = Arrays.copyOf(prices, asks);
        long[] askSizes = Arrays.copyOf(sizes, asks);
        int bids = book.copyTop(Side.BUY, depth, prices, sizes);
        long[] bidPrices = Arrays.copyOf(prices, bids);
        long[] bidSizes = Arrays.copyOf(sizes, bids);
        return new LadderSnapshot(instrument, book.priceScale(), book.sizeScale(), askPrices, askSizes, bidPrices,
                bidSizes, book.sequence(), event.received(), status, events);
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
     * Whether the stream delivered data this model cannot apply, so the subscription should be
     * replaced to get a fresh snapshot. Any thread.
     *
     * @return true after a failed event
     */
    public boolean isBroken() {
        return broken;
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
