package org.tradebench.verification.tests;

import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.OrderBookView;
import org.tradebench.api.market.Side;
import org.tradebench.core.book.OrderBook;

/** Book updates for the probe, over core's book or over a broken one. */
final class Updates {

    private Updates() {
    }

    /** A book of two decimals of price and four of size with the given levels (price, size pairs). */
    static OrderBook book(double[] bids, double[] asks) {
        OrderBook b = new OrderBook(2, 4);
        for (int i = 0; i < bids.length; i += 2) {
            b.set(Side.BUY, Math.round(bids[i] * 100), Math.round(bids[i + 1] * 10_000));
        }
        for (int i = 0; i < asks.length; i += 2) {
            b.set(Side.SELL, Math.round(asks[i] * 100), Math.round(asks[i + 1] * 10_000));
        }
        return b;
    }

    static BookUpdate of(InstrumentId id, BookUpdate.Kind kind, long seq, long exchangeMillis, long receivedMillis,
            String reason, OrderBookView view) {
        return new BookUpdate() {
            @Override
            public InstrumentId instrument() {
                return id;
            }

            @Override
            public Kind kind() {
                return kind;
            }

            @Override
            public long sequence() {
                return seq;
            }

            @Override
            public long timeMillis() {
                return exchangeMillis;
            }

            @Override
            public long receivedMillis() {
                return receivedMillis;
            }

            @Override
            public long receivedNanoTime() {
                return System.nanoTime() - 50_000; // received 50 µs before the listener
            }

            @Override
            public String resetReason() {
                return reason;
            }

            @Override
            public int changes(Side side) {
                return 0;
            }

            @Override
            public long changePrice(Side side, int index) {
                throw new IndexOutOfBoundsException(index);
            }

            @Override
            public long changeSize(Side side, int index) {
                throw new IndexOutOfBoundsException(index);
            }

            @Override
            public int changeOrderCount(Side side, int index) {
                throw new IndexOutOfBoundsException(index);
            }

            @Override
            public long changeOrderId(Side side, int index) {
                throw new IndexOutOfBoundsException(index);
            }

            @Override
            public OrderBookView book() {
                return view;
            }
        };
    }
}
