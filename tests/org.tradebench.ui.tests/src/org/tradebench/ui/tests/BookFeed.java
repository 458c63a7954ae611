package org.tradebench.ui.tests;

import java.util.List;

import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookDelta;
import org.tradebench.api.market.BookEvent;
import org.tradebench.api.market.BookLevel;
import org.tradebench.api.market.BookReset;
import org.tradebench.api.market.BookSnapshot;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.OrderBookView;
import org.tradebench.api.market.Side;
import org.tradebench.core.book.OrderBook;
import org.tradebench.core.book.ScaledDecimal;

/**
 * What a connector does for one book subscription, for tests: keeps the book (core's
 * {@link OrderBook}) and turns each {@link BookEvent} into the {@link BookUpdate} a listener
 * receives, valid until the next one.
 *
 * <pre>{@code
 * BookFeed feed = new BookFeed(1, 4);                          // BTC/USD: tick 0.1, lot 0.0001
 * model.onBook(feed.apply(Books.snapshot(BTC, 1, bids, asks)));
 * model.onBook(BookFeed.over(BTC, BookUpdate.Kind.SNAPSHOT, 2, someView)); // any book, even a broken one
 * }</pre>
 *
 * <p>One thread at a time, like a subscription's delivery thread.
 */
final class BookFeed {

    private final OrderBook book;

    /**
     * A feed keeping its book at the given scales.
     *
     * @param priceScale decimals of prices
     * @param sizeScale decimals of sizes
     */
    BookFeed(int priceScale, int sizeScale) {
        this.book = new OrderBook(priceScale, sizeScale);
    }

    /**
     * Applies an event to the book and returns the update a listener receives for it.
     *
     * @param event snapshot, delta or reset
     * @return the update, over this feed's book
     */
    BookUpdate apply(BookEvent event) {
        book.apply(event);
        return switch (event) {
            case BookSnapshot s -> new Update(s.instrument(), BookUpdate.Kind.SNAPSHOT, s, null, s.bids(), s.asks(),
                    book);
            case BookDelta d -> new Update(d.instrument(), BookUpdate.Kind.DELTA, d, null, d.bids(), d.asks(), book);
            case BookReset r -> new Update(r.instrument(), BookUpdate.Kind.RESET, r, r.reason(), List.of(), List.of(),
                    book);
        };
    }

    /**
     * An update over any book view (one that breaks the invariants, say), with no change list.
     *
     * @param instrument the instrument
     * @param kind the kind
     * @param sequence its sequence
     * @param view the whole book after the update
     * @return the update
     */
    static BookUpdate over(InstrumentId instrument, BookUpdate.Kind kind, long sequence, OrderBookView view) {
        BookSnapshot stamp = new BookSnapshot(instrument, sequence, Books.T0.plusMillis(sequence),
                Books.T0.plusMillis(sequence), List.of(), List.of());
        return new Update(instrument, kind, stamp, kind == BookUpdate.Kind.RESET ? "test" : null, List.of(), List.of(),
                view);
    }

    /** A book view over plain arrays, best first as given (so a test can hand over an unsorted one). */
    record ArrayBook(int priceScale, int sizeScale, long[] bidPrices, long[] bidSizes, long[] askPrices,
            long[] askSizes) implements OrderBookView {

        @Override
        public int levels(Side side) {
            return side == Side.BUY ? bidPrices.length : askPrices.length;
        }

        @Override
        public long price(Side side, int index) {
            return side == Side.BUY ? bidPrices[index] : askPrices[index];
        }

        @Override
        public long size(Side side, int index) {
            return side == Side.BUY ? bidSizes[index] : askSizes[index];
        }

        @Override
        public int orderCount(Side side, int index) {
            return -1;
        }

        @Override
        public long orderId(Side side, int index) {
            return 0;
        }

        @Override
        public boolean perOrder() {
            return false;
        }

        @Override
        public long sequence() {
            return 0;
        }
    }

    private record Update(InstrumentId instrument, BookUpdate.Kind kind, BookEvent event, String resetReason,
            List<BookLevel> bids, List<BookLevel> asks, OrderBookView book) implements BookUpdate {

        @Override
        public long sequence() {
            return event.sequence();
        }

        @Override
        public long timeMillis() {
            return event.time().toEpochMilli();
        }

        @Override
        public long receivedMillis() {
            return event.received().toEpochMilli();
        }

        @Override
        public long receivedNanoTime() {
            return System.nanoTime();
        }

        @Override
        public int changes(Side side) {
            return levels(side).size();
        }

        @Override
        public long changePrice(Side side, int index) {
            return ScaledDecimal.toUnits(levels(side).get(index).price(), book.priceScale());
        }

        @Override
        public long changeSize(Side side, int index) {
            return ScaledDecimal.toUnits(levels(side).get(index).quantity(), book.sizeScale());
        }

        @Override
        public int changeOrderCount(Side side, int index) {
            return levels(side).get(index).orderCount();
        }

        @Override
        public long changeOrderId(Side side, int index) {
            return 0;
        }

        private List<BookLevel> levels(Side side) {
            return side == Side.BUY ? bids : asks;
        }
    }
}
