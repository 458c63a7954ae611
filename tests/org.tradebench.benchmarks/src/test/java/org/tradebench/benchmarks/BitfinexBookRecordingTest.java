package org.tradebench.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * The recording is deterministic, is what Bitfinex sends with {@code TIMESTAMP|SEQ_ALL|OB_CHECKSUM},
 * is framed right on the wire, and its checksums and final book are right (checked by the naive
 * client's independent code).
 */
class BitfinexBookRecordingTest {

    private static final BitfinexBookRecording RECORDING = BitfinexBookRecording.generate(
            BitfinexBookRecording.DEFAULT_SEED, 20_000);
    private static final Pattern DATA = Pattern.compile("\\[17,(.*),(\\d+),(\\d{13})\\]");

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() {
        BitfinexBookRecording again = BitfinexBookRecording.generate(BitfinexBookRecording.DEFAULT_SEED, 20_000);
        assertArrayEquals(RECORDING.wire(), again.wire());
        assertFalse(Arrays.equals(RECORDING.wire(), BitfinexBookRecording.generate(1, 20_000).wire()));
    }

    @Test
    void theRecordingHasEveryKindOfBookMessageAndEndsWithACommittedBatch() {
        BitfinexBookRecording.Composition c = RECORDING.composition();
        int n = RECORDING.frameCount();
        assertTrue(n >= 20_000 && n < 20_000 + 20, "frames " + n);
        assertEquals(n, c.total());
        assertEquals(1, c.snapshots());
        assertTrue(c.updates() > 15_000, c.toString());
        assertTrue(c.removals() > 1_000, c.toString());
        assertTrue(c.checksums() > 2_000, c.toString());
        assertTrue(c.heartbeats() > 10, c.toString());
        assertTrue(RECORDING.frame(0).startsWith("[17,[[103949,"), RECORDING.frame(0));
        assertTrue(RECORDING.frame(n - 1).matches("\\[17,\"cs\",-?\\d+,\\d+,\\d+\\]"), RECORDING.frame(n - 1));
        assertTrue(RECORDING.frame(n - 2).matches("\\[17,\\[\\d+,\\d+,-?[0-9.e-]+\\],\\d+,\\d+\\]"),
                "the last checksum follows an update: " + RECORDING.frame(n - 2));
        assertTrue(IntStream.range(0, n).mapToObj(RECORDING::frame)
                .anyMatch(f -> f.matches("\\[17,\\[\\d+,\\d+,-?\\d(\\.\\d+)?e-\\d\\],.*")),
                "some amounts below 1e-6 have exponential wire text");
        assertEquals(BitfinexBookRecording.DEPTH, RECORDING.finalBids().size());
        assertEquals(BitfinexBookRecording.DEPTH, RECORDING.finalAsks().size());
    }

    @Test
    void everyDataFrameCarriesItsSequenceNumberAndTimestamp() {
        for (int i = 0; i < RECORDING.frameCount(); i++) {
            Matcher m = DATA.matcher(RECORDING.frame(i));
            assertTrue(m.matches(), RECORDING.frame(i));
            assertEquals(i + 1, Long.parseLong(m.group(2)), "sequence of frame " + i);
            assertEquals(BitfinexBookRecording.timestamp(i), Long.parseLong(m.group(3)), "timestamp of frame " + i);
            assertEquals(i, BitfinexBookRecording.frameOf(Long.parseLong(m.group(3))));
        }
    }

    @Test
    void theWireHoldsUnmaskedTextFramesBackToBack() {
        byte[] wire = RECORDING.wire();
        int p = 0;
        for (int i = 0; i < RECORDING.frameCount(); i++) {
            assertEquals(p, RECORDING.frameStart(i), "frame " + i + " starts where the previous ended");
            assertEquals(0x81, wire[p] & 0xFF, "FIN + text");
            int length = wire[p + 1] & 0x7F;
            assertEquals(0, wire[p + 1] & 0x80, "a server frame is not masked");
            int header = 2;
            if (length == 126) {
                length = (wire[p + 2] & 0xFF) << 8 | wire[p + 3] & 0xFF;
                header = 4;
                assertTrue(length >= 126);
            }
            assertEquals(p + header, RECORDING.payloadStart(i));
            assertEquals(p + header + length, RECORDING.frameEnd(i));
            assertEquals(RECORDING.frame(i), new String(wire, p + header, length, StandardCharsets.UTF_8));
            p = RECORDING.frameEnd(i);
        }
        assertEquals(wire.length, p);
        assertTrue(RECORDING.frameEnd(0) - RECORDING.payloadStart(0) > 125, "the snapshot needs a 16-bit length");
    }

    @Test
    void everyChecksumMatchesAnIndependentBookAndTheFinalBookIsTheRecordedOne() {
        NaiveBook book = new NaiveBook();
        book.decode(BitfinexBookRecording.INFO);
        book.decode(BitfinexBookRecording.CONF_OK);
        book.decode(BitfinexBookRecording.SUBSCRIBED);
        for (int i = 0; i < RECORDING.frameCount(); i++) {
            book.decode(RECORDING.frame(i));
        }
        assertEquals(RECORDING.composition().checksums(), book.checksumsVerified());
        assertEquals(0, book.checksumMismatches());
        assertEquals(0, book.sequenceGaps());
        assertNull(book.difference(RECORDING.finalBids(), RECORDING.finalAsks()));
    }

    @Test
    void commitsCountTheSnapshotAndEveryChecksumAfterAnUpdate() {
        int commits = 1;
        boolean pending = false;
        for (int i = 1; i < RECORDING.frameCount(); i++) {
            String f = RECORDING.frame(i);
            if (f.startsWith("[17,[")) {
                pending = true;
            } else if (f.startsWith("[17,\"cs\"") && pending) {
                commits++;
                pending = false;
            }
        }
        assertEquals(commits, RECORDING.commits());
    }

    @Test
    void numbersAreWrittenAsJavaScriptWritesThem() {
        assertEquals("7e-7", BitfinexText.number(new java.math.BigDecimal("0.00000070")));
        assertEquals("5.1e-7", BitfinexText.number(new java.math.BigDecimal("-0.00000051").negate()));
        assertEquals("0.000001", BitfinexText.number(new java.math.BigDecimal("0.000001")));
        assertEquals("65000.5", BitfinexText.number(new java.math.BigDecimal("65000.50")));
        assertEquals("-0.25", BitfinexText.number(new java.math.BigDecimal("-0.250")));
        assertEquals("103950", BitfinexText.number(new java.math.BigDecimal("103950")));
    }
}
