package org.tradebench.cli.live;

import java.util.Objects;

import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.OrderBookView;
import org.tradebench.api.market.Side;
import org.tradebench.cli.json.EventJson;
import org.tradebench.cli.json.EventJsonWriter;

/**
 * The top {@value EventJson#FINAL_DEPTH} levels per side of a streamed book, copied from each
 * update (the update's view is valid during the callback only), for the {@code "kind":"final"} line
 * of {@code stream --summary}. Copying reuses its arrays: no allocation per update.
 *
 * <pre>{@code
 * BookCopy copy = new BookCopy(id);
 * md.subscribeBook(request, update -> copy.copy(update));     // delivery thread
 * copy.writeFinal(format, json);                              // at the end, another thread
 * }</pre>
 *
 * <p>Thread-safe: copying and writing are synchronized. As an {@link OrderBookView} it is read
 * inside {@link #writeFinal} only.
 */
public final class BookCopy implements OrderBookView {

    private static final int DEPTH = EventJson.FINAL_DEPTH;

    private final InstrumentId instrument;
    private final long[][] prices = new long[2][DEPTH];
    private final long[][] sizes = new long[2][DEPTH];
    private final int[][] counts = new int[2][DEPTH];
    private final long[][] orderIds = new long[2][DEPTH];
    private final int[] levels = new int[2];
    private int priceScale;
    private int sizeScale;
    private boolean perOrder;
    private long sequence;
    private long timeMillis = -1;
    private long receivedMillis = -1;
    private boolean seen;

    /**
     * Creates an empty copy.
     *
     * @param instrument the book's instrument
     */
    public BookCopy(InstrumentId instrument) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
    }

    /**
     * Copies the book after an update (empty after a reset).
     *
     * @param update the update, read during the call only
     */
    public synchronized void copy(BookUpdate update) {
        OrderBookView book = update.book();
        priceScale = book.priceScale();
        sizeScale = book.sizeScale();
        perOrder = book.perOrder();
        sequence = update.sequence();
        timeMillis = update.timeMillis();
        receivedMillis = update.receivedMillis();
        for (Side side : Side.values()) {
            int s = side.ordinal();
            int n = Math.min(DEPTH, book.levels(side));
            for (int i = 0; i < n; i++) {
                prices[s][i] = book.price(side, i);
                sizes[s][i] = book.size(side, i);
                counts[s][i] = book.orderCount(side, i);
                orderIds[s][i] = perOrder ? book.orderId(side, i) : 0;
            }
            levels[s] = n;
        }
        seen = true;
    }

    /**
     * Writes the {@code "kind":"final"} line, when an update was copied.
     *
     * @param format the formatter
     * @param json where to write
     * @return whether a line was written
     */
    public synchronized boolean writeFinal(EventJson format, EventJsonWriter json) {
        if (!seen) {
            return false;
        }
        format.finalBook(json, instrument, this, timeMillis, receivedMillis);
        return true;
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
        return levels[side.ordinal()];
    }

    @Override
    public long price(Side side, int index) {
        return prices[side.ordinal()][check(side, index)];
    }

    @Override
    public long size(Side side, int index) {
        return sizes[side.ordinal()][check(side, index)];
    }

    @Override
    public int orderCount(Side side, int index) {
        return counts[side.ordinal()][check(side, index)];
    }

    @Override
    public long orderId(Side side, int index) {
        return orderIds[side.ordinal()][check(side, index)];
    }

    @Override
    public boolean perOrder() {
        return perOrder;
    }

    @Override
    public long sequence() {
        return sequence;
    }

    private int check(Side side, int index) {
        if (index < 0 || index >= levels[side.ordinal()]) {
            throw new IndexOutOfBoundsException(side + " level " + index + " of " + levels[side.ordinal()]);
        }
        return index;
    }
}
