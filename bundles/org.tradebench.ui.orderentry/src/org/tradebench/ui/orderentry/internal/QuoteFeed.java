package org.tradebench.ui.orderentry.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.OrderBookView;
import org.tradebench.api.market.Side;

/**
 * The top of one book for the order entry form: the best levels of each side copied on the
 * connector's delivery thread into preallocated arrays (nothing allocated per update), read by the
 * display thread as a snapshot when it repaints. Whether the book is live comes from the stream's
 * health and from resets.
 *
 * <p>{@link #onBook} and {@link #onHealth} on the delivery thread; {@link #snapshot()} on any
 * thread. {@code changed} is called after each update (it schedules the throttled repaint).
 */
public final class QuoteFeed implements BookListener {

    /** Levels per side kept: enough to see how deep an order would walk. */
    public static final int LEVELS = 20;

    private final Runnable changed;
    private final long[] bidPrice = new long[LEVELS];
    private final long[] bidSize = new long[LEVELS];
    private final long[] askPrice = new long[LEVELS];
    private final long[] askSize = new long[LEVELS];
    private int bids;
    private int asks;
    private int priceScale;
    private int sizeScale;
    private boolean reset = true;
    private String cause = "waiting for the book";
    private DataState state = DataState.PENDING;

    /**
     * @param changed called after every update, on the delivery thread; must not block
     */
    public QuoteFeed(Runnable changed) {
        this.changed = changed;
    }

    @Override
    public void onBook(BookUpdate update) {
        synchronized (this) {
            if (update.kind() == BookUpdate.Kind.RESET) {
                reset = true;
                bids = 0;
                asks = 0;
                cause = "resyncing: " + update.resetReason();
            } else {
                OrderBookView b = update.book();
                priceScale = b.priceScale();
                sizeScale = b.sizeScale();
                bids = Math.min(LEVELS, b.levels(Side.BUY));
                asks = Math.min(LEVELS, b.levels(Side.SELL));
                for (int i = 0; i < bids; i++) {
                    bidPrice[i] = b.price(Side.BUY, i);
                    bidSize[i] = b.size(Side.BUY, i);
                }
                for (int i = 0; i < asks; i++) {
                    askPrice[i] = b.price(Side.SELL, i);
                    askSize[i] = b.size(Side.SELL, i);
                }
                reset = false;
            }
        }
        changed.run();
    }

    @Override
    public void onHealth(DataHealth health) {
        synchronized (this) {
            state = health.state();
            if (health.state() != DataState.LIVE) {
                cause = health.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + (health.cause() == null || health.cause().isEmpty() ? "" : ": " + health.cause());
            }
        }
        changed.run();
    }

    /**
     * The book's top as decimals.
     *
     * @param bidPrices best first
     * @param bidSizes their sizes
     * @param askPrices best first
     * @param askSizes their sizes
     * @param live whether the book is live (not reset, the stream live)
     * @param cause why not, empty when live
     */
    public record Snapshot(List<BigDecimal> bidPrices, List<BigDecimal> bidSizes, List<BigDecimal> askPrices,
            List<BigDecimal> askSizes, boolean live, String cause) {
        /** Nothing yet. */
        public static final Snapshot NONE = new Snapshot(List.of(), List.of(), List.of(), List.of(), false,
                "no book");
    }

    /**
     * A copy of the top of the book.
     *
     * @return the snapshot
     */
    public synchronized Snapshot snapshot() {
        boolean live = !reset && (state == DataState.LIVE || state == DataState.PENDING) && bids + asks > 0;
        return new Snapshot(decimals(bidPrice, bids, priceScale), decimals(bidSize, bids, sizeScale),
                decimals(askPrice, asks, priceScale), decimals(askSize, asks, sizeScale), live, live ? "" : cause);
    }

    private static List<BigDecimal> decimals(long[] values, int n, int scale) {
        List<BigDecimal> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(BigDecimal.valueOf(values[i], scale));
        }
        return out;
    }
}
