package org.tradebench.connector.bitfinex.internal.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.tradebench.api.market.Side;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChecksum;
import org.tradebench.core.book.OrderBook;
import org.tradebench.core.book.ScaledDecimal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Bitfinex book frames through the decoder and the book topic's row mapping into the toolkit's
 * checksum synchroniser, as the connector runs them: the recorded vectors of bitfinex-api-go and
 * bfx-api-node-models (see ../protocol/VECTORS.md), raw books, publication only after a matching
 * checksum, resets on a mismatch, and thousands of random frames against a reference book.
 */
class BookSyncTest {

    private static final JsonObject VECTORS = load("checksum_vectors.json");

    @Test
    void recordedXrpBtcBookMatchesTheExchangeChecksumAfterTheUpdate() {
        SyncHarness h = new SyncHarness();
        h.decode(VECTORS.get("conf_ack").getAsString());
        h.decode(VECTORS.get("subscribed").getAsString());
        h.decode(VECTORS.get("snapshot").getAsString());
        int beforeUpdate = h.checksum();
        assertEquals(1, h.commits, "the snapshot is published at once");
        h.decode(VECTORS.get("update").getAsString());
        assertEquals(1, h.commits, "the update waits for its checksum");
        assertEquals(new BigDecimal("271510.49"), size(h.published, Side.BUY, 0));
        h.decode(VECTORS.get("checksum_msg").getAsString());

        assertEquals(List.of(true), h.checks);
        assertEquals(2, h.commits);
        assertEquals(new BigDecimal("266122.94"), size(h.published, Side.BUY, 0));
        assertEquals(new BigDecimal("0.0000011"), price(h.published, Side.BUY, 0));
        assertEquals(VECTORS.get("expected_checksum").getAsInt(), h.checksum());
        assertEquals(VECTORS.get("checksum_string").getAsString(), h.text());
        assertTrue(beforeUpdate != -1175357890);
        assertEquals(1, h.sync.verified());
        assertEquals(List.of(), h.resets);
    }

    @Test
    void theChecksumOnlyMatchesWithWireNumberText() {
        String wire = VECTORS.get("checksum_string").getAsString();
        assertEquals(-1175357890, BitfinexChecksum.crc32(wire));
        // The same book with 7e-7 and friends rendered fixed-point gives another value.
        String fixed = wire.replace(":7e-7:", ":0.0000007:").replace(":6.6e-7:", ":0.00000066:")
                .replace(":6e-7:", ":0.0000006:").replace(":4.9e-7:", ":0.00000049:")
                .replace(":2.5e-7:", ":0.00000025:").replace(":6e-8:", ":0.00000006:")
                .replace(":5e-8:", ":0.00000005:").replace(":1e-8:", ":0.00000001:");
        assertEquals(1293492257, BitfinexChecksum.crc32(fixed));
    }

    @Test
    void nodeModelsChecksumStrings() {
        int checked = 0;
        for (JsonElement c : VECTORS.getAsJsonObject("node_models_cases").getAsJsonArray("cases")) {
            JsonObject test = c.getAsJsonObject();
            assertEquals(test.get("crc32_signed").getAsInt(), BitfinexChecksum.crc32(test.get("string").getAsString()),
                    test.get("desc").getAsString());
            checked++;
        }
        assertTrue(checked > 0);
    }

    @Test
    void nodeModelsAggregatedAndRawBooks() {
        JsonObject books = VECTORS.getAsJsonObject("node_models_cases").getAsJsonObject("books");
        SyncHarness normal = snapshotOf(books.getAsJsonObject("normal"), "P0");
        assertEquals("6000:1:6100:-3:5900:2:6200:-4", normal.text());
        assertEquals(1756193398, normal.checksum());
        // Raw: both bids at 6000 and both asks at 6100; ties go by order id, and ids replace prices.
        SyncHarness raw = snapshotOf(books.getAsJsonObject("raw"), "R0");
        assertEquals("100:1:102:-3:101:2:103:-4", raw.text());
        assertEquals(1841538801, raw.checksum());
        assertEquals(2, raw.published.levels(Side.BUY));
    }

    private static SyncHarness snapshotOf(JsonObject book, String prec) {
        SyncHarness h = SyncHarness.subscribed(prec, true);
        List<String> rows = new ArrayList<>();
        // Asks first, reversed: the book must sort, not trust the order rows come in.
        for (JsonElement row : book.getAsJsonArray("asks").asList().reversed()) {
            rows.add(row.toString());
        }
        for (JsonElement row : book.getAsJsonArray("bids")) {
            rows.add(row.toString());
        }
        h.decode("[1,[" + String.join(",", rows) + "]]");
        return h;
    }

    @Test
    void rawOrdersMoveBetweenPricesAndPriceZeroRemoves() {
        SyncHarness h = SyncHarness.subscribed("R0", true);
        h.decode("[1,[[11,100,1],[12,100,2],[10,100,0.5],[20,101,-1]]]");
        assertEquals("10:0.5:20:-1:11:1:12:2", h.text());
        h.decode("[1,[11,99.5,1]]");
        assertEquals("10:0.5:20:-1:12:2:11:1", h.text());
        h.decode("[1,[20,0,-1]]");
        h.decode("[1,[21,0,-1]]"); // an order the book never had: nothing changes
        h.decode("[1,\"cs\"," + BitfinexChecksum.crc32("10:0.5:12:2:11:1") + "]");
        assertEquals(List.of(true), h.checks);
        assertEquals(0, h.published.levels(Side.SELL));
        assertEquals(3, h.published.levels(Side.BUY));
        assertEquals(11, h.published.orderId(Side.BUY, 2));
        assertEquals(new BigDecimal("99.5"), price(h.published, Side.BUY, 2));
    }

    @Test
    void countZeroRemovesALevel() {
        SyncHarness h = SyncHarness.subscribed("P0", false);
        h.decode("[1,[[100,1,1],[101,1,-1]]]");
        h.decode("[1,[100,0,1]]");
        h.decode("[1,[99,0,1]]");
        assertEquals(0, h.published.levels(Side.BUY), "without OB_CHECKSUM updates publish at once");
        assertEquals(3, h.commits);
        assertEquals("101:-1", h.text());
    }

    @Test
    void aMismatchResetsAndIgnoresRowsUntilTheNextSnapshot() {
        SyncHarness h = SyncHarness.subscribed("P0", true);
        h.decode("[1,[[100,1,1],[101,1,-1]]]");
        h.decode("[1,[100,2,3]]");
        h.decode("[1,\"cs\",12345]");
        assertEquals(List.of(false), h.checks);
        assertEquals(List.of(12345), h.mismatches);
        assertEquals(1, h.resets.size());
        assertEquals(0, h.published.levels(Side.BUY), "a reset clears what subscribers see");
        h.decode("[1,[100,4,5]]");
        assertEquals(1, h.commits, "rows after a mismatch wait for a snapshot");
        h.decode("[1,[[100,4,5],[101,1,-1]]]");
        assertEquals(2, h.commits);
        assertEquals(new BigDecimal("5"), size(h.published, Side.BUY, 0));
    }

    /**
     * Thousands of random frames (enough to compact the wire-text arena many times), with numbers
     * in every form the exchange sends (exponents, trailing digits), each followed by the checksum
     * of a reference TreeMap book: every checksum must match and the published book must equal the
     * reference.
     */
    @Test
    void randomFramesMatchAReferenceBookThroughArenaCompactions() {
        Random random = new Random(7);
        SyncHarness h = SyncHarness.subscribed("P0", true);
        h.decode("[1,[]]");
        TreeMap<BigDecimal, String> bids = new TreeMap<>(Comparator.reverseOrder());
        TreeMap<BigDecimal, String> asks = new TreeMap<>();
        int checksums = 0;
        for (int step = 0; step < 20_000; step++) {
            boolean bid = random.nextBoolean();
            int tick = bid ? 1000 - random.nextInt(60) : 1001 + random.nextInt(60);
            String price = tick % 7 == 0 ? new BigDecimal(tick).movePointLeft(3).toPlainString() + "e2" // 99.4 as 0.994e2
                    : new BigDecimal(tick).movePointLeft(1).toPlainString();
            BigDecimal key = new BigDecimal(price);
            TreeMap<BigDecimal, String> side = bid ? bids : asks;
            if (random.nextInt(4) == 0) {
                h.decode("[1,[" + price + ",0," + (bid ? "1" : "-1") + "]]");
                side.remove(key);
            } else {
                String amount = (bid ? "" : "-") + (1 + random.nextInt(5000)) / 1000.0;
                if (random.nextInt(9) == 0) {
                    amount = (bid ? "" : "-") + (1 + random.nextInt(9)) + "e-7";
                }
                h.decode("[1,[" + price + "," + (1 + random.nextInt(5)) + "," + amount + "]," + step + ",1737972930000]");
                side.put(key, price + ":" + amount);
            }
            if (step % 7 == 0) {
                h.decode("[1,\"cs\"," + BitfinexChecksum.crc32(reference(bids, asks)) + "]");
                checksums++;
            }
            if (step % 97 == 0) {
                assertEquals(reference(bids, asks), h.text(), "after step " + step);
            }
        }
        h.decode("[1,\"cs\"," + BitfinexChecksum.crc32(reference(bids, asks)) + "]");
        checksums++;
        assertEquals(checksums, h.sync.verified());
        assertEquals(0, h.sync.mismatches());
        assertEquals(bids.size(), h.published.levels(Side.BUY));
        assertEquals(asks.size(), h.published.levels(Side.SELL));
        int i = 0;
        for (BigDecimal p : bids.keySet()) {
            assertEquals(0, p.compareTo(price(h.published, Side.BUY, i++)));
        }
    }

    private static String reference(TreeMap<BigDecimal, String> bids, TreeMap<BigDecimal, String> asks) {
        List<String> parts = new ArrayList<>();
        List<String> b = new ArrayList<>(bids.values());
        List<String> a = new ArrayList<>(asks.values());
        for (int i = 0; i < BitfinexChecksum.DEPTH; i++) {
            if (i < b.size()) {
                parts.add(b.get(i));
            }
            if (i < a.size()) {
                parts.add(a.get(i));
            }
        }
        return String.join(":", parts);
    }

    @Test
    void frameBytesDecodeTheSameAsTheirText() {
        SyncHarness h = SyncHarness.subscribed("P0", true);
        assertFalse(h.sync.isValid());
        h.decode("[1,[[103900,1,1.5],[103901,2,-2.25]]]");
        assertTrue(h.sync.isValid());
        assertEquals("103900:1.5:103901:-2.25", h.text());
    }

    private static BigDecimal price(OrderBook book, Side side, int index) {
        return ScaledDecimal.fromUnits(book.price(side, index), book.priceScale()).stripTrailingZeros();
    }

    private static BigDecimal size(OrderBook book, Side side, int index) {
        return ScaledDecimal.fromUnits(book.size(side, index), book.sizeScale()).stripTrailingZeros();
    }

    private static JsonObject load(String name) {
        try (InputStream in = BitfinexChecksum.class.getClassLoader()
                .getResourceAsStream("org/tradebench/connector/bitfinex/internal/protocol/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test vector file " + name + " is not on the test classpath");
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
