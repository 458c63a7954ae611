package org.tradebench.ui.heatmap.internal;

import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.OrderBookView;
import org.tradebench.api.market.Side;

/** A book the test sets level by level, delivered as a snapshot (or a reset) to a listener. */
final class TestBook implements BookUpdate, OrderBookView {

    private final InstrumentId instrument;
    private final int priceScale;
    private final int sizeScale;
    private long[] bidPx = {};
    private long[] bidSz = {};
    private long[] askPx = {};
    private long[] askSz = {};
    private Kind kind = Kind.SNAPSHOT;
    private String reason;
    private long sequence;

    TestBook(InstrumentId instrument, int priceScale, int sizeScale) {
        this.instrument = instrument;
        this.priceScale = priceScale;
        this.sizeScale = sizeScale;
    }

    /** Sets the levels (best first) and makes this a snapshot. */
    TestBook set(long[] bidPrices, long[] bidSizes, long[] askPrices, long[] askSizes) {
        bidPx = bidPrices.clone();
        bidSz = bidSizes.clone();
        askPx = askPrices.clone();
        askSz = askSizes.clone();
        kind = Kind.SNAPSHOT;
        sequence++;
        return this;
    }

    /** Makes this a reset. */
    TestBook reset(String why) {
        kind = Kind.RESET;
        reason = why;
        sequence++;
        return this;
    }

    @Override
    public InstrumentId instrument() {
        return instrument;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public long sequence() {
        return sequence;
    }

    @Override
    public long timeMillis() {
        return 0;
    }

    @Override
    public long receivedMillis() {
        return 0;
    }

    @Override
    public long receivedNanoTime() {
        return 0;
    }

    @Override
    public String resetReason() {
        return reason;
    }

    @Override
    public int changes(Side side) {
        return levels(side);
    }

    @Override
    public long changePrice(Side side, int index) {
        return price(side, index);
    }

    @Override
    public long changeSize(Side side, int index) {
        return size(side, index);
    }

    @Override
    public int changeOrderCount(Side side, int index) {
        return -1;
    }

    @Override
    public long changeOrderId(Side side, int index) {
        return 0;
    }

    @Override
    public OrderBookView book() {
        return this;
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
        return kind == Kind.RESET ? 0 : side == Side.BUY ? bidPx.length : askPx.length;
    }

    @Override
    public long price(Side side, int index) {
        return side == Side.BUY ? bidPx[index] : askPx[index];
    }

    @Override
    public long size(Side side, int index) {
        return side == Side.BUY ? bidSz[index] : askSz[index];
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
}
