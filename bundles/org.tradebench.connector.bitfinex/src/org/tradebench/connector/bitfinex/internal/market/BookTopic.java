package org.tradebench.connector.bitfinex.internal.market;

import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexBookRow;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexBookRows;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannel;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChecksum;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexError;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexFrameDecoder;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrailer;
import org.tradebench.connector.support.book.ChecksumBookSync;
import org.tradebench.connector.support.book.InterleavedCrc32;
import org.tradebench.connector.support.stream.BookStream;
import org.tradebench.core.book.OrderBook;

/**
 * One book channel ({@code P0}..{@code P4} or raw {@code R0}, one length and frequency): its
 * levels kept by the toolkit's {@link ChecksumBookSync} over the master book of a
 * {@link BookStream}, with each level's wire text so that every {@code cs} checksum is verified.
 *
 * <p>The snapshot after subscribing is published at once; row updates are published when the
 * checksum that follows them matched (without {@code OB_CHECKSUM}, each at once). A mismatch, a
 * sequence gap, a lost socket, a stale channel or the end of maintenance resets the book with the
 * reason and resubscribes; the fresh snapshot follows. While the socket is down, REST polls
 * ({@code GET /v2/book/SYM/PREC?len=}) replace the book as snapshots of their own.
 *
 * <p>Rows with a count of 0 (aggregated) or a price of 0 (raw) remove their level or order. Runtime
 * lock held for everything.
 */
final class BookTopic extends Topic {

    final InstrumentId instrument;
    final String raw;
    final String precision;
    final String frequency;
    final int length;
    final boolean perOrder;
    final BookStream stream;
    private final ChecksumBookSync sync;

    BookTopic(String key, InstrumentId instrument, String raw, String precision, String frequency, int length,
            BitfinexMarketData md) {
        super(key, md);
        this.instrument = instrument;
        this.raw = raw;
        this.precision = precision;
        this.frequency = frequency;
        this.length = length;
        this.perOrder = precision.equals("R0");
        OrderBook master = new OrderBook(BitfinexFrameDecoder.DEFAULT_PRICE_SCALE,
                BitfinexFrameDecoder.DEFAULT_AMOUNT_SCALE, Math.max(64, 2 * length), perOrder);
        this.stream = new BookStream(md.runtime(), "book " + raw + " " + precision + " " + frequency + " " + length,
                this, instrument, master);
        this.sync = new ChecksumBookSync(stream, new InterleavedCrc32(BitfinexChecksum.DEPTH), perOrder,
                (expected, mine) -> md.checksumMismatch(this, expected, mine));
    }

    static String key(String raw, String precision, String frequency, int length) {
        return "book " + raw + " " + precision + " " + frequency + " " + length;
    }

    @Override
    String subscribeMessage() {
        return "{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"" + raw + "\",\"prec\":\"" + precision
                + "\",\"freq\":\"" + frequency + "\",\"len\":\"" + length + "\"}";
    }

    @Override
    boolean matches(BitfinexChannel ch) {
        return ch.type().isBook() && ch.symbol() != null && ch.symbol().raw().equals(raw)
                && precision.equals(ch.precision()) && (ch.length() == length || ch.length() == 0)
                && (ch.frequency() == null || ch.frequency().equals(frequency));
    }

    @Override
    boolean refusedBy(BitfinexError e) {
        return "book".equals(e.channel()) && raw.equals(e.symbol())
                && (e.precision() == null || e.precision().equals(precision));
    }

    /** The synchroniser (diagnostics and tests). */
    ChecksumBookSync sync() {
        return sync;
    }

    @Override
    void bound(BitfinexChannel channel) {
        sync.checksums(conn.checksums());
    }

    @Override
    void lost(String reason) {
        sync.lost(reason);
    }

    @Override
    void state(DataState state, String cause) {
        stream.state(state, cause);
    }

    @Override
    DataState state() {
        return stream.state();
    }

    @Override
    void failed(String cause) {
        stream.end(DataState.FAILED, cause);
    }

    @Override
    void closed() {
        stream.end(DataState.CLOSED, "connector closed");
    }

    @Override
    public void onBookSnapshot(BitfinexChannel channel, BitfinexBookRows rows, BitfinexTrailer trailer) {
        sync.snapshotStart();
        for (int i = 0; i < rows.size(); i++) {
            row(rows.get(i));
        }
        sync.snapshotEnd(timeMillis(trailer), conn.receivedMillis(), receivedNanos());
    }

    @Override
    public void onBookUpdate(BitfinexChannel channel, BitfinexBookRow r, BitfinexTrailer trailer) {
        if (!sync.isValid()) {
            return;
        }
        row(r);
        sync.updateEnd(timeMillis(trailer), conn.receivedMillis(), receivedNanos());
    }

    @Override
    public void onChecksum(BitfinexChannel channel, int checksum, BitfinexTrailer trailer) {
        if (!sync.isValid()) {
            return; // no book to compare: a snapshot is on its way
        }
        boolean ok = sync.checksum(checksum, timeMillis(trailer), conn.receivedMillis(), receivedNanos());
        md.checksumChecked(this, ok);
    }

    private void row(BitfinexBookRow r) {
        row(sync, r, perOrder);
    }

    /**
     * Hands one decoded row to a synchroniser: the size is the absolute amount (the sign says the
     * side), 0 for a removal; the checksum key is the order id of a raw book, else the price.
     *
     * @param sync the synchroniser
     * @param r the row, valid during the call
     * @param perOrder whether the channel is a raw ({@code R0}) book
     */
    static void row(ChecksumBookSync sync, BitfinexBookRow r, boolean perOrder) {
        boolean removal = r.isRemoval();
        long size = removal ? 0 : Math.abs(r.amount());
        int keyStart = perOrder ? r.orderIdStart() : r.priceStart();
        int keyEnd = perOrder ? r.orderIdEnd() : r.priceEnd();
        sync.row(r.side(), r.price(), size, perOrder ? -1 : r.count(), r.orderId(), r.frame(), keyStart, keyEnd,
                r.amountStart(), r.amountEnd());
    }

    @Override
    void poll() {
        // REST books have at most 100 levels per side.
        int restLength = Math.min(length, 100);
        md.restCalls().poll(this, "book/" + raw + "/" + precision + "?len=" + restLength, body -> {
            md.payloads().book(raw, precision, restLength, body, rows -> {
                sync.snapshotStart();
                for (int i = 0; i < rows.size(); i++) {
                    BitfinexBookRow r = rows.get(i);
                    if (!r.isRemoval()) {
                        row(r);
                    }
                }
                long now = System.currentTimeMillis();
                sync.snapshotEnd(now, now, System.nanoTime());
            });
            if (state() != DataState.REST_FALLBACK) {
                state(DataState.REST_FALLBACK, "WebSocket down; book polled over REST");
            }
        });
    }
}
