package org.tradebench.cli.tests;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.OrderBookView;
import org.tradebench.api.market.Side;

/**
 * The fake exchange's book: aggregated (by price) or per order (by order id), prices and sizes in
 * units of 10^-8, and the update that last changed it, as the flyweight a connector hands its
 * listeners. Levels are {@code long[] {price, size, orderId}}.
 */
final class FakeBook implements OrderBookView, BookUpdate {

    static final int SCALE = 8;

    private final InstrumentId instrument;
    private final List<long[]> bids = new ArrayList<>();
    private final List<long[]> asks = new ArrayList<>();
    private final List<long[]> changedBids = new ArrayList<>();
    private final List<long[]> changedAsks = new ArrayList<>();
    private boolean perOrder;
    private boolean valid;
    private long sequence;
    private Kind kind;
    private long time;
    private long received;
    private String reason;

    FakeBook(InstrumentId instrument) {
        this.instrument = instrument;
    }

    static long units(String decimal) {
        try {
            return new BigDecimal(decimal).movePointRight(SCALE).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("fake: not a price or size with at most 8 decimals: '" + decimal + "'");
        }
    }

    boolean valid() {
        return valid;
    }

    void snapshot(List<long[]> b, List<long[]> a, boolean raw, long timeMillis, long receivedMillis) {
        perOrder = raw;
        bids.clear();
        asks.clear();
        bids.addAll(b);
        asks.addAll(a);
        sort();
        begin(Kind.SNAPSHOT, timeMillis, receivedMillis);
        changedBids.addAll(bids);
        changedAsks.addAll(asks);
        valid = true;
    }

    void delta(List<long[]> b, List<long[]> a, long timeMillis, long receivedMillis) {
        if (!valid) {
            throw new IllegalArgumentException("fake: a delta of " + instrument.symbol() + " before its snapshot");
        }
        begin(Kind.DELTA, timeMillis, receivedMillis);
        apply(bids, b);
        apply(asks, a);
        sort();
        changedBids.addAll(b);
        changedAsks.addAll(a);
    }

    void reset(String why, long timeMillis, long receivedMillis) {
        begin(Kind.RESET, timeMillis, receivedMillis);
        reason = why;
        bids.clear();
        asks.clear();
        valid = false;
    }

    private void begin(Kind k, long timeMillis, long receivedMillis) {
        kind = k;
        sequence++;
        time = timeMillis;
        received = receivedMillis;
        reason = null;
        changedBids.clear();
        changedAsks.clear();
    }

    private void apply(List<long[]> side, List<long[]> changes) {
        for (long[] c : changes) {
            side.removeIf(l -> perOrder ? l[2] == c[2] : l[0] == c[0]);
            if (c[1] > 0) {
                side.add(c);
            }
        }
    }

    private void sort() {
        bids.sort(Comparator.<long[]>comparingLong(l -> -l[0]).thenComparingLong(l -> l[2]));
        asks.sort(Comparator.<long[]>comparingLong(l -> l[0]).thenComparingLong(l -> l[2]));
    }

    private List<long[]> side(Side side) {
        return side == Side.BUY ? bids : asks;
    }

    private List<long[]> changed(Side side) {
        return side == Side.BUY ? changedBids : changedAsks;
    }

    // --- BookUpdate ----------------------------------------------------------------------------

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
        return time;
    }

    @Override
    public long receivedMillis() {
        return received;
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
        return changed(side).size();
    }

    @Override
    public long changePrice(Side side, int index) {
        return changed(side).get(index)[0];
    }

    @Override
    public long changeSize(Side side, int index) {
        return changed(side).get(index)[1];
    }

    @Override
    public int changeOrderCount(Side side, int index) {
        return -1;
    }

    @Override
    public long changeOrderId(Side side, int index) {
        return changed(side).get(index)[2];
    }

    @Override
    public OrderBookView book() {
        return this;
    }

    // --- OrderBookView -------------------------------------------------------------------------

    @Override
    public int priceScale() {
        return SCALE;
    }

    @Override
    public int sizeScale() {
        return SCALE;
    }

    @Override
    public int levels(Side side) {
        return side(side).size();
    }

    @Override
    public long price(Side side, int index) {
        return side(side).get(index)[0];
    }

    @Override
    public long size(Side side, int index) {
        return side(side).get(index)[1];
    }

    @Override
    public int orderCount(Side side, int index) {
        return -1;
    }

    @Override
    public long orderId(Side side, int index) {
        return side(side).get(index)[2];
    }

    @Override
    public boolean perOrder() {
        return perOrder;
    }
}
