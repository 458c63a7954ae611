package org.tradebench.connector.bitfinex.internal.market;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.tradebench.connector.bitfinex.internal.protocol.BitfinexBookRow;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexBookRows;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannel;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChecksum;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexFlags;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexFrameDecoder;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSink;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrailer;
import org.tradebench.connector.support.book.BookTarget;
import org.tradebench.connector.support.book.ChecksumBookSync;
import org.tradebench.connector.support.book.InterleavedCrc32;
import org.tradebench.core.book.OrderBook;

/** Decodes frames into a synchroniser over a published book, the way {@link BookTopic} does. */
final class SyncHarness implements BitfinexSink, BookTarget {

    static final InterleavedCrc32 CRC = new InterleavedCrc32(BitfinexChecksum.DEPTH);

    final BitfinexFrameDecoder decoder = new BitfinexFrameDecoder(this);
    OrderBook published;
    ChecksumBookSync sync;
    boolean perOrder;
    int commits;
    /** Whether checks are listed (off where allocations are measured). */
    boolean record = true;
    final List<String> resets = new ArrayList<>();
    final List<Boolean> checks = new ArrayList<>();
    final List<Integer> mismatches = new ArrayList<>();

    static SyncHarness subscribed(String prec, boolean checksums) {
        SyncHarness h = new SyncHarness();
        if (checksums) {
            h.decode("{\"event\":\"conf\",\"status\":\"OK\",\"flags\":131072}");
        }
        h.decode("{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":1,\"symbol\":\"tBTCUSD\",\"prec\":\""
                + prec + "\",\"freq\":\"F0\",\"len\":\"25\"}");
        return h;
    }

    void decode(String frame) {
        byte[] bytes = ("  " + frame + " ").getBytes(StandardCharsets.UTF_8); // not at offset 0
        decoder.decode(bytes, 2, bytes.length - 3);
    }

    @Override
    public void onSubscribed(BitfinexChannel channel) {
        perOrder = "R0".equals(channel.precision());
        published = new OrderBook(BitfinexFrameDecoder.DEFAULT_PRICE_SCALE,
                BitfinexFrameDecoder.DEFAULT_AMOUNT_SCALE, 64, perOrder);
        sync = new ChecksumBookSync(this, CRC, perOrder, (expected, mine) -> mismatches.add(expected));
        sync.checksums((decoder.flags() & BitfinexFlags.OB_CHECKSUM) != 0);
    }

    @Override
    public void onBookSnapshot(BitfinexChannel channel, BitfinexBookRows rows, BitfinexTrailer trailer) {
        sync.snapshotStart();
        for (int i = 0; i < rows.size(); i++) {
            BookTopic.row(sync, rows.get(i), perOrder);
        }
        sync.snapshotEnd(1, 2, 3);
    }

    @Override
    public void onBookUpdate(BitfinexChannel channel, BitfinexBookRow row, BitfinexTrailer trailer) {
        if (sync.isValid()) {
            BookTopic.row(sync, row, perOrder);
            sync.updateEnd(1, 2, 3);
        }
    }

    @Override
    public void onChecksum(BitfinexChannel channel, int checksum, BitfinexTrailer trailer) {
        boolean ok = sync.checksum(checksum, 1, 2, 3);
        if (record) {
            checks.add(ok);
        }
    }

    @Override
    public OrderBook book() {
        return published;
    }

    @Override
    public void committed(long exchangeTimeMillis, long receivedMillis, long receivedNanos) {
        commits++;
    }

    @Override
    public void reset(String reason) {
        resets.add(reason);
    }

    String text() {
        return CRC.text(sync.workingBook(), sync.texts());
    }

    int checksum() {
        return CRC.checksum(sync.workingBook(), sync.texts());
    }
}
