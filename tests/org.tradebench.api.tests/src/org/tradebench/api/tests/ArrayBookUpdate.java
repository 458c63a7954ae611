package org.tradebench.api.tests;

import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.OrderBookView;
import org.tradebench.api.market.Side;

/**
 * The smallest {@link BookUpdate}: changed levels in arrays of rows
 * {@code {price units, size units, order count, order id}} over an {@link ArrayBook}.
 */
record ArrayBookUpdate(InstrumentId instrument, Kind kind, long sequence, long timeMillis, long receivedMillis,
        String resetReason, long[][] bidChanges, long[][] askChanges, OrderBookView book) implements BookUpdate {

    private long[][] rows(Side side) {
        return side == Side.BUY ? bidChanges : askChanges;
    }

    @Override
    public long receivedNanoTime() {
        return receivedMillis * 1_000_000;
    }

    @Override
    public int changes(Side side) {
        return rows(side).length;
    }

    @Override
    public long changePrice(Side side, int index) {
        return rows(side)[index][0];
    }

    @Override
    public long changeSize(Side side, int index) {
        return rows(side)[index][1];
    }

    @Override
    public int changeOrderCount(Side side, int index) {
        return (int) rows(side)[index][2];
    }

    @Override
    public long changeOrderId(Side side, int index) {
        return rows(side)[index][3];
    }
}
