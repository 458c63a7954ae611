package org.tradebench.api.tests;

import org.tradebench.api.market.OrderBookView;
import org.tradebench.api.market.Side;

/**
 * The smallest {@link OrderBookView}: levels best first in arrays of rows
 * {@code {price units, size units, order count, order id}}. Written here so that the API tests
 * need no implementation bundle (core's order book implements the same interface).
 */
final class ArrayBook implements OrderBookView {

    private static final long[][] NONE = new long[0][];

    private final int priceScale;
    private final int sizeScale;
    private final boolean perOrder;
    private final long sequence;
    private final long[][] bids;
    private final long[][] asks;

    ArrayBook(int priceScale, int sizeScale, boolean perOrder, long sequence, long[][] bids, long[][] asks) {
        this.priceScale = priceScale;
        this.sizeScale = sizeScale;
        this.perOrder = perOrder;
        this.sequence = sequence;
        this.bids = bids;
        this.asks = asks;
    }

    static ArrayBook empty(int priceScale, int sizeScale, long sequence) {
        return new ArrayBook(priceScale, sizeScale, false, sequence, NONE, NONE);
    }

    private long[][] rows(Side side) {
        return side == Side.BUY ? bids : asks;
    }

    @Override
    public int priceScale() {
        return priceScale;
    }

    @Override
    public int sizeScale() {
        return sizeScale;
    }

    @Override
    public int levels(Side side) {
        return rows(side).length;
    }

    @Override
    public long price(Side side, int index) {
        return rows(side)[index][0];
    }

    @Override
    public long size(Side side, int index) {
        return rows(side)[index][1];
    }

    @Override
    public int orderCount(Side side, int index) {
        return (int) rows(side)[index][2];
    }

    @Override
    public long orderId(Side side, int index) {
        return rows(side)[index][3];
    }

    @Override
    public boolean perOrder() {
        return perOrder;
    }

    @Override
    public long sequence() {
        return sequence;
    }
}
