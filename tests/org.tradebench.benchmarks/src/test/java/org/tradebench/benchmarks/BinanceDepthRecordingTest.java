package org.tradebench.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The generated Binance stream is what the benchmark says it is: deterministic, framed as
 * WebSocket text frames, update ids in sequence and event times one millisecond apart, and its
 * snapshot consistent with the diffs (an independent book built from the snapshot and the diffs by
 * Binance's rules ends with the recording's final book).
 */
class BinanceDepthRecordingTest {

    private static final int FRAMES = 20_000;

    @Test
    void theSameSeedGivesTheSameBytes() {
        BinanceDepthRecording a = BinanceDepthRecording.generate(7, 2_000);
        BinanceDepthRecording b = BinanceDepthRecording.generate(7, 2_000);
        assertArrayEquals(a.wire(), b.wire());
        assertEquals(a.snapshotJson(1000), b.snapshotJson(1000));
    }

    @Test
    void framesAreTextFramesWithUpdateIdsInSequenceAndOneMillisecondApart() {
        BinanceDepthRecording r = BinanceDepthRecording.generate(BinanceDepthRecording.DEFAULT_SEED, FRAMES);
        assertEquals(FRAMES, r.frameCount());
        long previous = -1;
        for (int i = 0; i < r.frameCount(); i++) {
            assertEquals((byte) 0x81, r.wire()[r.frameStart(i)], "FIN + text");
            if (i > 0) {
                assertEquals(r.frameEnd(i - 1), r.frameStart(i), "back to back");
            }
            JsonObject o = JsonParser.parseString(r.frame(i)).getAsJsonObject();
            assertEquals(BinanceDepthRecording.STREAM, o.get("stream").getAsString());
            JsonObject d = o.getAsJsonObject("data");
            assertEquals("depthUpdate", d.get("e").getAsString());
            assertEquals(BinanceDepthRecording.timestamp(i), d.get("E").getAsLong());
            long first = d.get("U").getAsLong();
            long last = d.get("u").getAsLong();
            assertTrue(last >= first);
            if (previous >= 0) {
                assertEquals(previous + 1, first, "frame " + i + " continues the previous one");
            }
            previous = last;
            int levels = d.getAsJsonArray("b").size() + d.getAsJsonArray("a").size();
            assertTrue(levels >= 1 && levels <= 8, "frame " + i + ": " + levels + " levels");
        }
        assertEquals(previous, r.lastUpdateId());
        assertEquals(r.wire().length, r.frameEnd(r.frameCount() - 1));
    }

    @Test
    void theSnapshotAndTheDiffsGiveTheFinalBookByBinancesRules() {
        BinanceDepthRecording r = BinanceDepthRecording.generate(BinanceDepthRecording.DEFAULT_SEED, FRAMES);
        NaiveBinanceBook book = new NaiveBinanceBook();
        for (int i = 0; i < BinanceDepthRecording.PRELUDE; i++) {
            book.decode(r.frame(i));
        }
        book.snapshot(r.snapshotJson(BinanceDepthRecording.DEPTH_LIMIT));
        for (int i = BinanceDepthRecording.PRELUDE; i < r.frameCount(); i++) {
            book.decode(r.frame(i));
        }
        assertEquals(BinanceDepthRecording.SNAPSHOT_AFTER + 1, book.dropped(), "the diffs up to the snapshot");
        assertEquals(r.frameCount() - BinanceDepthRecording.SNAPSHOT_AFTER - 1, book.applied());
        assertEquals(0, book.gaps());
        assertEquals(r.lastUpdateId(), book.lastUpdateId());
        assertNull(book.difference(r.finalBids(), r.finalAsks()));
        assertTrue(r.finalBids().get(0).price() < r.finalAsks().get(0).price(), "never crossed");
        assertTrue(new String(r.wire(), StandardCharsets.UTF_8).contains("\"0.00000000\""), "removals");
    }
}
