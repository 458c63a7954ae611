package org.tradebench.connector.bitfinex.internal.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.market.BookDelta;
import org.tradebench.api.market.BookEvent;
import org.tradebench.api.market.BookLevel;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookReset;
import org.tradebench.api.market.BookSnapshot;
import org.tradebench.api.market.Side;
import org.tradebench.connector.bitfinex.internal.StreamHandle;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexBookRow;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexBookRows;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexBookState;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannel;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexFlags;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrailer;
import org.tradebench.core.book.ScaledDecimal;

/**
 * One book channel ({@code P0}..{@code P4} or raw {@code R0}, one length) and its state with the
 * wire texts, so every {@code cs} checksum is verified.
 *
 * <p>Events: a {@link BookSnapshot} of the whole channel after subscribing; row updates are
 * collected and delivered as one {@link BookDelta} once the checksum that follows them matched
 * (without {@code OB_CHECKSUM} each row is delivered at once). A mismatch, a sequence gap, a lost
 * socket, a stale channel or the end of maintenance delivers a {@link BookReset} with the reason
 * and resubscribes; the fresh snapshot follows. While the socket is down, REST polls
 * ({@code GET /v2/book/SYM/PREC?len=}) are delivered as {@link BookSnapshot}s (each one replaces
 * the book). Sequence numbers are this topic's own, increasing over its whole life.
 *
 * <p>Levels: aggregated books give price and total size per level, a size of zero removes it. Raw
 * books give one level per order with its id; a removal carries the order's last price and size
 * zero. Connector thread.
 */
final class BookTopic extends Topic<BookListener> {

    final String precision;
    final int length;
    final boolean raw;
    private BitfinexBookState book;
    private boolean haveSnapshot;
    private boolean delivered;
    private long sequence;
    private final List<BookLevel> pendingBids = new ArrayList<>();
    private final List<BookLevel> pendingAsks = new ArrayList<>();
    private long checksums;
    private long mismatches;

    BookTopic(Instrument instrument, String precision, int length, BitfinexMarketData md) {
        super(key(instrument.rawSymbol(), precision, length), instrument, md);
        this.precision = precision;
        this.length = length;
        this.raw = precision.equals("R0");
    }

    static String key(String raw, String precision, int length) {
        return "book " + raw + " " + precision + " " + length;
    }

    @Override
    String subscribeMessage() {
        return "{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"" + instrument.rawSymbol() + "\",\"prec\":\""
                + precision + "\",\"freq\":\"F0\",\"len\":\"" + length + "\"}";
    }

    @Override
    boolean matches(BitfinexChannel ch) {
        return ch.type().isBook() && isForPair(ch)
                && precision.equals(ch.precision()) && (ch.length() == length || ch.length() == 0);
    }

    @Override
    void welcome(StreamHandle<BookListener> h) {
        if (haveSnapshot) {
            Instant now = Instant.now();
            BookSnapshot s = snapshotOfState(now, now);
            h.deliver(l -> l.onBook(s));
        }
    }

    /** Checksums verified so far. */
    long checksums() {
        return checksums;
    }

    /** Checksum mismatches so far. */
    long mismatches() {
        return mismatches;
    }

    /** The state (tests and diagnostics), or null before the first subscription. */
    BitfinexBookState state() {
        return haveSnapshot ? book : null;
    }

    @Override
    void bound(BitfinexChannel channel) {
        book = new BitfinexBookState(channel);
        haveSnapshot = false;
        pendingBids.clear();
        pendingAsks.clear();
    }

    @Override
    void unbound(String reason) {
        reset(reason);
    }

    /** Delivers a reset (once per loss of state) and forgets the state. */
    void reset(String reason) {
        haveSnapshot = false;
        pendingBids.clear();
        pendingAsks.clear();
        if (delivered) {
            delivered = false;
            Instant now = Instant.now();
            BookReset r = new BookReset(instrument.id(), ++sequence, now, now, reason);
            for (StreamHandle<BookListener> h : List.copyOf(subs)) {
                h.countReset();
                h.deliver(l -> l.onBook(r));
            }
        }
        if (state != DataState.STALE && state != DataState.REST_FALLBACK) {
            state(DataState.RESYNCING);
        }
    }

    @Override
    public void onBookSnapshot(BitfinexChannel channel, BitfinexBookRows rows, BitfinexTrailer trailer) {
        Instant received = Instant.now();
        book.applySnapshot(rows);
        haveSnapshot = true;
        pendingBids.clear();
        pendingAsks.clear();
        BookSnapshot s = snapshotOfState(time(trailer, received), received);
        publish(s);
        state(DataState.LIVE);
    }

    @Override
    public void onBookUpdate(BitfinexChannel channel, BitfinexBookRow row, BitfinexTrailer trailer) {
        if (!haveSnapshot) {
            return;
        }
        if (!book.apply(row)) {
            return; // removal of something not in the book: nothing changed
        }
        BookLevel level = level(row);
        if (level != null) {
            (row.side() == Side.BUY ? pendingBids : pendingAsks).add(level);
        }
        if ((conn.socket.decoder().flags() & BitfinexFlags.OB_CHECKSUM) == 0) {
            Instant received = Instant.now();
            flush(time(trailer, received), received);
        }
    }

    @Override
    public void onChecksum(BitfinexChannel channel, int checksum, BitfinexTrailer trailer) {
        if (!haveSnapshot) {
            return;
        }
        checksums++;
        int mine = book.checksum();
        if (mine != checksum) {
            mismatches++;
            md.checksumMismatch(this, checksum, mine);
            return;
        }
        Instant received = Instant.now();
        flush(time(trailer, received), received);
    }

    private void flush(Instant time, Instant received) {
        if (pendingBids.isEmpty() && pendingAsks.isEmpty()) {
            return;
        }
        BookDelta d = new BookDelta(instrument.id(), ++sequence, time, received, pendingBids, pendingAsks);
        pendingBids.clear();
        pendingAsks.clear();
        deliver(l -> l.onBook(d));
        updateContext();
    }

    private BookLevel level(BitfinexBookRow row) {
        if (!raw) {
            return new BookLevel(row.priceDecimal(), row.isRemoval() ? BigDecimal.ZERO : row.quantityDecimal());
        }
        if (row.isRemoval()) {
            long previous = book.previousPrice();
            return previous <= 0 ? null
                    : new BookLevel(ScaledDecimal.fromUnits(previous, book.priceScale()), BigDecimal.ZERO,
                            row.orderIdText());
        }
        return new BookLevel(row.priceDecimal(), row.quantityDecimal(), row.orderIdText());
    }

    private BookSnapshot snapshotOfState(Instant time, Instant received) {
        return new BookSnapshot(instrument.id(), ++sequence, time, received, levels(Side.BUY), levels(Side.SELL));
    }

    private List<BookLevel> levels(Side side) {
        int n = book.levels(side);
        List<BookLevel> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new BookLevel(book.priceDecimal(side, i), book.quantityDecimal(side, i),
                    raw ? Long.toString(book.orderId(side, i)) : null));
        }
        return out;
    }

    private void publish(BookEvent e) {
        delivered = true;
        deliver(l -> l.onBook(e));
        updateContext();
    }

    private void updateContext() {
        if (book != null && haveSnapshot && book.levels(Side.BUY) > 0 && book.levels(Side.SELL) > 0) {
            md.context(instrument.id(), book.priceDecimal(Side.BUY, 0), book.priceDecimal(Side.SELL, 0), null);
        }
    }

    @Override
    void poll() {
        // REST books have at most 100 levels per side.
        int restLength = Math.min(length, 100);
        md.restPoll(this, "book/" + instrument.rawSymbol() + "/" + precision + "?len=" + restLength, body -> {
            List<BookLevel> bids = new ArrayList<>();
            List<BookLevel> asks = new ArrayList<>();
            md.payloads().book(instrument.rawSymbol(), precision, restLength, body, rows -> {
                for (int i = 0; i < rows.size(); i++) {
                    BitfinexBookRow r = rows.get(i);
                    if (r.isRemoval()) {
                        continue;
                    }
                    (r.side() == Side.BUY ? bids : asks).add(new BookLevel(r.priceDecimal(), r.quantityDecimal(),
                            raw ? r.orderIdText() : null));
                }
            });
            bids.sort(Comparator.comparing(BookLevel::price).reversed());
            asks.sort(Comparator.comparing(BookLevel::price));
            Instant now = Instant.now();
            haveSnapshot = false; // the socket's state is void; the next socket snapshot replaces this one
            publish(new BookSnapshot(instrument.id(), ++sequence, now, now, bids, asks));
            if (!bids.isEmpty() && !asks.isEmpty()) {
                md.context(instrument.id(), bids.get(0).price(), asks.get(0).price(), null);
            }
        });
    }
}
