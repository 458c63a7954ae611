package org.tradebench.benchmarks;

import org.tradebench.api.market.Side;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexBookRow;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexBookRows;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexBookState;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannel;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexFrameDecoder;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSink;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrailer;
import org.tradebench.core.book.OrderBook;

/**
 * What the Bitfinex connector does with a book frame: {@link BitfinexFrameDecoder} scans it in
 * place, {@link BitfinexBookState} applies it keeping the wire texts, every {@code cs} frame is
 * verified against the book's CRC32, and the {@code SEQ_ALL} sequence is checked for gaps.
 * Optionally the levels are mirrored into core's {@link OrderBook} too (the book the API's views
 * read).
 *
 * <pre>{@code
 * TradebenchBookPipeline p = new TradebenchBookPipeline(false);
 * recording.preamble().forEach(p::decode);
 * recording.frames().forEach(p::decode);
 * assert p.checksumMismatches() == 0;
 * }</pre>
 *
 * <p>Handles one book channel (the last one subscribed). Decoding a data frame allocates nothing
 * once the book's arrays have grown to its size. Not thread-safe.
 */
public final class TradebenchBookPipeline implements BitfinexSink {

    private final BitfinexFrameDecoder decoder = new BitfinexFrameDecoder(this);
    private final OrderBook coreBook;
    private BitfinexBookState book;
    private int chanId = -1;
    private long lastSequence = Long.MIN_VALUE;
    private long checksumsVerified;
    private long checksumMismatches;
    private long sequenceGaps;

    /**
     * Creates the pipeline.
     *
     * @param withCoreBook also apply every level to a core {@link OrderBook}
     */
    public TradebenchBookPipeline(boolean withCoreBook) {
        this.coreBook = withCoreBook
                ? new OrderBook(BitfinexFrameDecoder.DEFAULT_PRICE_SCALE, BitfinexFrameDecoder.DEFAULT_AMOUNT_SCALE)
                : null;
    }

    /**
     * Decodes and applies one frame.
     *
     * @param frame the frame as received
     */
    public void decode(CharSequence frame) {
        decoder.decode(frame);
    }

    @Override
    public void onSubscribed(BitfinexChannel channel) {
        if (channel.type().isBook()) {
            chanId = channel.chanId();
            book = new BitfinexBookState(channel);
        }
    }

    @Override
    public void onBookSnapshot(BitfinexChannel channel, BitfinexBookRows rows, BitfinexTrailer trailer) {
        if (channel.chanId() != chanId) {
            return;
        }
        book.applySnapshot(rows);
        if (coreBook != null) {
            coreBook.clear();
            for (int i = 0; i < rows.size(); i++) {
                BitfinexBookRow row = rows.get(i);
                coreBook.set(row.side(), row.price(), Math.abs(row.amount()));
            }
        }
        // A snapshot starts the stream again (a new subscription or connection).
        lastSequence = trailer.hasSequence() ? trailer.sequence() : Long.MIN_VALUE;
    }

    @Override
    public void onBookUpdate(BitfinexChannel channel, BitfinexBookRow row, BitfinexTrailer trailer) {
        if (channel.chanId() != chanId) {
            return;
        }
        sequence(trailer);
        book.apply(row);
        if (coreBook != null) {
            coreBook.set(row.side(), row.price(), row.isRemoval() ? 0 : Math.abs(row.amount()));
        }
    }

    @Override
    public void onChecksum(BitfinexChannel channel, int checksum, BitfinexTrailer trailer) {
        if (channel.chanId() != chanId) {
            return;
        }
        sequence(trailer);
        if (book.checksum() == checksum) {
            checksumsVerified++;
        } else {
            checksumMismatches++;
        }
    }

    @Override
    public void onHeartbeat(BitfinexChannel channel, BitfinexTrailer trailer) {
        if (channel.chanId() == chanId) {
            sequence(trailer);
        }
    }

    private void sequence(BitfinexTrailer trailer) {
        if (!trailer.hasSequence()) {
            return;
        }
        long seq = trailer.sequence();
        if (lastSequence != Long.MIN_VALUE && seq != lastSequence + 1) {
            sequenceGaps++;
        }
        lastSequence = seq;
    }

    /**
     * The book state.
     *
     * @return the book, null before the {@code subscribed} event
     */
    public BitfinexBookState book() {
        return book;
    }

    /**
     * The core book mirror.
     *
     * @return the book, null when created without one
     */
    public OrderBook coreBook() {
        return coreBook;
    }

    /**
     * Checksum frames that matched the book.
     *
     * @return the count
     */
    public long checksumsVerified() {
        return checksumsVerified;
    }

    /**
     * Checksum frames that did not match the book.
     *
     * @return the count (0 unless something is broken)
     */
    public long checksumMismatches() {
        return checksumMismatches;
    }

    /**
     * Frames whose sequence number did not follow the previous one.
     *
     * @return the count
     */
    public long sequenceGaps() {
        return sequenceGaps;
    }

    /**
     * A value that depends on the whole book state, for the benchmark to return (so the JIT cannot
     * drop the work).
     *
     * @return best bid price units plus best ask amount units
     */
    public long fingerprint() {
        long bid = book.levels(Side.BUY) == 0 ? 0 : book.price(Side.BUY, 0);
        long ask = book.levels(Side.SELL) == 0 ? 0 : book.amount(Side.SELL, 0);
        return bid + ask + book.levels(Side.BUY) + checksumMismatches;
    }
}
