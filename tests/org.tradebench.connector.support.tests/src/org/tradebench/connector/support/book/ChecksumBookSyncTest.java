package org.tradebench.connector.support.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.tradebench.api.market.BookReset;
import org.tradebench.api.market.Side;
import org.tradebench.core.book.OrderBook;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Checksum-verified books (Bitfinex {@code cs}): the worked example from bitfinex-api-go matches
 * only over the numbers' wire texts; rows reach the target's book only once the checksum after
 * them matched; a mismatch resets the target and tells the listener, and rows are ignored until
 * the next snapshot; {@code lost} resets a valid book once; without checksums every update
 * publishes at once; raw books checksum their order ids.
 */
class ChecksumBookSyncTest {

    static final JsonObject VECTORS = load("bitfinex_checksum_vectors.json");

    private final RecordingTarget target = new RecordingTarget(new OrderBook(8, 8));
    private final List<String> mismatches = new ArrayList<>();
    private final ChecksumBookSync sync = new ChecksumBookSync(target, new InterleavedCrc32(25), false,
            (expected, actual) -> mismatches.add(expected + " != " + actual));
    private final BitfinexRows rows = new BitfinexRows(sync, false);

    static JsonObject load(String name) {
        try (InputStream in = ChecksumBookSyncTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not next to the test");
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }

    private static String vector(String name) {
        return VECTORS.get(name).getAsString();
    }

    static int crc(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.US_ASCII));
        return (int) crc.getValue();
    }

    @Test
    void bitfinexWorkedExampleMatchesAndPublishesTheUpdateOnlyAfterTheChecksum() {
        rows.snapshot(vector("snapshot"), 1_000);
        assertTrue(sync.isValid());
        assertEquals(1, target.commits, "a snapshot publishes at once");
        OrderBook book = target.book();
        assertEquals(18, book.levels(Side.BUY));
        assertEquals(25, book.levels(Side.SELL));
        assertEquals(110, book.price(Side.BUY, 0));
        assertEquals(27_151_049_000_000L, book.size(Side.BUY, 0));
        assertEquals(13, book.orderCount(Side.BUY, 0));
        assertEquals(111, book.price(Side.SELL, 0));

        rows.update(vector("update"), 2_000);
        assertEquals(1, target.commits, "not before its checksum");
        assertEquals(27_151_049_000_000L, book.size(Side.BUY, 0), "subscribers still see the confirmed book");
        assertEquals(26_612_294_000_000L, sync.workingBook().size(Side.BUY, 0));

        assertEquals(vector("checksum_string"), new InterleavedCrc32(25).text(sync.workingBook(), sync.texts()));
        assertTrue(sync.checksum(-1_175_357_890, 1_500, 3_000, 3_000_000L));
        assertEquals(2, target.commits);
        assertEquals(26_612_294_000_000L, book.size(Side.BUY, 0));
        assertEquals(12, book.orderCount(Side.BUY, 0));
        assertEquals(2_000, target.lastTime, "the newest change's time, not the older checksum frame's");
        assertEquals(3_000, target.lastReceivedMillis, "published when the checksum arrived");
        assertEquals(3_000_000L, target.lastReceivedNanos);
        assertEquals(1, sync.verified());
        assertEquals(0, sync.mismatches());
        assertEquals(List.of(), mismatches);

        assertTrue(sync.checksum(-1_175_357_890, 4_000, 4_000, 4_000_000L), "a checksum with nothing new");
        assertEquals(2, target.commits, "nothing new to publish");
        assertEquals(2, sync.verified());
    }

    @Test
    void numbersRewrittenAsFixedPointGiveAnotherChecksum() {
        // what a decoder that parses 7e-7 and prints 0.0000007 would compute (bfx-api-node-models issue #70)
        Matcher m = Pattern.compile("-?[0-9.]+e-[0-9]+").matcher(vector("snapshot"));
        StringBuilder fixed = new StringBuilder();
        int rewritten = 0;
        while (m.find()) {
            m.appendReplacement(fixed, new BigDecimal(m.group()).toPlainString());
            rewritten++;
        }
        m.appendTail(fixed);
        assertEquals(8, rewritten);
        rows.snapshot(fixed.toString(), 1_000);
        rows.update(vector("update"), 2_000);
        assertFalse(sync.checksum(-1_175_357_890, 2_000, 2_000, 2L));
        assertEquals(List.of("-1175357890 != 1293492257"), mismatches);
    }

    @Test
    void mismatchResetsTheTargetAndRowsAreIgnoredUntilTheNextSnapshot() {
        rows.snapshot(vector("snapshot"), 1_000);
        rows.update(vector("update"), 2_000);
        assertFalse(sync.checksum(12_345, 2_000, 2_000, 2L));
        assertEquals(List.of("12345 != -1175357890"), mismatches);
        assertEquals(1, target.resets);
        assertEquals(BookReset.CHECKSUM_MISMATCH, target.lastReason);
        assertFalse(sync.isValid());
        assertEquals(1, sync.mismatches());
        assertEquals(1, target.commits, "the unconfirmed update never reached the target");
        assertTrue(sync.workingBook().isEmpty());

        // until a new snapshot: rows and checksums change nothing
        rows.update("[81757,[0.0000012,1,5]]", 3_000);
        assertFalse(sync.checksum(crc("0.0000012:5"), 3_000, 3_000, 3L), "no checksum before a snapshot");
        assertEquals(1, target.commits);
        assertEquals(1, target.resets);
        assertEquals(List.of("12345 != -1175357890"), mismatches);
        assertEquals(0, sync.verified());

        rows.snapshot("[81757,[[0.0000012,1,5],[0.0000013,2,-7.5]]]", 4_000);
        assertTrue(sync.isValid());
        assertEquals(2, target.commits);
        assertEquals("b120=500000000 | a130=750000000", RecordingTarget.render(target.book()));
        assertTrue(sync.checksum(crc("0.0000012:5:0.0000013:-7.5"), 4_000, 4_000, 4L));
    }

    @Test
    void lostResetsAValidBookOnceAndIgnoresRowsUntilTheNextSnapshot() {
        sync.lost(BookReset.RECONNECT);
        assertEquals(0, target.resets, "nothing valid to lose yet");
        rows.snapshot("[1,[[100,1,1],[101,1,-1]]]", 1);
        sync.lost(BookReset.RECONNECT);
        sync.lost(BookReset.RECONNECT);
        assertEquals(1, target.resets);
        assertEquals(BookReset.RECONNECT, target.lastReason);
        rows.update("[1,[99,1,2]]", 2);
        assertFalse(sync.checksum(crc("99:2"), 2, 2, 2));
        assertEquals(1, target.commits);
        assertEquals(List.of(), mismatches, "a checksum while invalid is no mismatch");
    }

    @Test
    void withoutChecksumsEveryUpdatePublishesAtOnce() {
        sync.checksums(false);
        rows.snapshot("[1,[[100,1,1],[101,1,-1]]]", 1);
        rows.update("[1,[99,2,3]]", 7);
        assertEquals(2, target.commits);
        assertEquals(7, target.lastTime);
        assertEquals("b10000000000=100000000 b9900000000=300000000 | a10100000000=100000000",
                RecordingTarget.render(target.book()));
        rows.update("[1,[100,0,1]]", 8);
        assertEquals(3, target.commits);
        assertEquals("b9900000000=300000000 | a10100000000=100000000", RecordingTarget.render(target.book()));
        assertEquals(99_00000000L, target.book().price(Side.BUY, 0));
        assertEquals(2, target.book().orderCount(Side.BUY, 0));
    }

    @Test
    void aLevelRemovedAndAddedAgainBeforeTheChecksumIsPublishedAsItEnds() {
        rows.snapshot("[1,[[100,1,1],[101,1,-1]]]", 1);
        rows.update("[1,[100,0,1]]", 2);
        rows.update("[1,[100,3,4]]", 3);
        rows.update("[1,[102,1,-2]]", 4);
        rows.update("[1,[102,0,-1]]", 5);
        assertTrue(sync.checksum(crc("100:4:101:-1"), 5, 5, 5));
        assertEquals(2, target.commits);
        assertEquals("b10000000000=400000000 | a10100000000=100000000", RecordingTarget.render(target.book()));
        assertEquals(3, target.book().orderCount(Side.BUY, 0));
    }

    @Test
    void rawBooksChecksumTheirOrderIdsAndRemoveOrdersByPriceZero() {
        RecordingTarget raw = new RecordingTarget(OrderBook.perOrder(8, 8));
        List<String> heard = new ArrayList<>();
        ChecksumBookSync rawSync = new ChecksumBookSync(raw, new InterleavedCrc32(25), true,
                (e, a) -> heard.add(e + " != " + a));
        BitfinexRows rawRows = new BitfinexRows(rawSync, true);
        JsonObject rawCase = VECTORS.getAsJsonObject("node_models_cases").getAsJsonArray("cases").get(3)
                .getAsJsonObject();
        assertEquals("100:1:102:-3:101:2:103:-4", rawCase.get("string").getAsString());
        rawRows.snapshot("[7,[[100,6000,1],[101,6000,2],[102,6100,-3],[103,6100,-4]]]", 1);
        assertEquals(rawCase.get("crc32_signed").getAsInt(), new InterleavedCrc32(25).checksum(rawSync.workingBook(),
                rawSync.texts()));
        assertTrue(rawSync.checksum(rawCase.get("crc32_signed").getAsInt(), 1, 1, 1));

        rawRows.update("[7,[100,0,1]]", 2); // order 100 deleted
        rawRows.update("[7,[103,6050,-4]]", 3); // order 103 moved to a better ask
        assertEquals(1, raw.commits);
        assertEquals(2, raw.book().levels(Side.BUY), "not before the checksum");
        assertTrue(rawSync.checksum(crc("101:2:103:-4:102:-3"), 3, 3, 3));
        assertEquals(2, raw.commits);
        OrderBook book = raw.book();
        assertEquals(1, book.levels(Side.BUY));
        assertEquals(101, book.orderId(Side.BUY, 0));
        assertEquals(103, book.orderId(Side.SELL, 0));
        assertEquals(6050_00000000L, book.price(Side.SELL, 0));
        assertEquals(102, book.orderId(Side.SELL, 1));
        assertEquals(List.of(), heard);
    }

    @Test
    void theBookKindsMustAgree() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ChecksumBookSync(target, new InterleavedCrc32(25), true, (x, y) -> {
                }));
        assertEquals("the target's book is aggregated", e.getMessage());
        RecordingTarget raw = new RecordingTarget(OrderBook.perOrder(8, 8));
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> new ChecksumBookSync(raw, new InterleavedCrc32(25), false, (x, y) -> {
                }));
        assertEquals("the target's book is per-order", f.getMessage());
    }
}
