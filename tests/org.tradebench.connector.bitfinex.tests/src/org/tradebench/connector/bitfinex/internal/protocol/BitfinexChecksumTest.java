package org.tradebench.connector.bitfinex.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** The book checksum against checksum_vectors.json (bitfinex-api-go TestOrderbook, bfx-api-node-models). */
class BitfinexChecksumTest {

    private static final JsonObject VECTORS = TestVectors.load("checksum_vectors.json");

    /** Keeps the book of every book channel and the checksums the exchange sent. */
    private static final class Books implements BitfinexSink {
        BitfinexBookState book;
        final List<Integer> expected = new ArrayList<>();
        final List<Integer> computed = new ArrayList<>();

        @Override
        public void onSubscribed(BitfinexChannel channel) {
            book = new BitfinexBookState(channel);
        }

        @Override
        public void onBookSnapshot(BitfinexChannel channel, BitfinexBookRows rows, BitfinexTrailer trailer) {
            book.applySnapshot(rows);
        }

        @Override
        public void onBookUpdate(BitfinexChannel channel, BitfinexBookRow row, BitfinexTrailer trailer) {
            book.apply(row);
        }

        @Override
        public void onChecksum(BitfinexChannel channel, int checksum, BitfinexTrailer trailer) {
            expected.add(checksum);
            computed.add(book.checksum());
        }
    }

    @Test
    void recordedXrpBtcBookMatchesTheExchangeChecksumAfterTheUpdate() {
        Books books = new Books();
        BitfinexFrameDecoder decoder = new BitfinexFrameDecoder(books);
        decoder.decode(VECTORS.get("conf_ack").getAsString());
        decoder.decode(VECTORS.get("subscribed").getAsString());
        decoder.decode(VECTORS.get("snapshot").getAsString());
        int beforeUpdate = books.book.checksum();
        decoder.decode(VECTORS.get("update").getAsString());
        decoder.decode(VECTORS.get("checksum_msg").getAsString());

        assertEquals(List.of(-1175357890), books.expected);
        assertEquals(List.of(-1175357890), books.computed);
        assertEquals(VECTORS.get("expected_checksum").getAsInt(), books.book.checksum());
        assertEquals(VECTORS.get("checksum_string").getAsString(), books.book.checksumText());
        assertNotEquals(-1175357890, beforeUpdate);
        assertEquals(BitfinexFlags.OB_CHECKSUM, decoder.flags());
    }

    @Test
    void theChecksumOnlyMatchesWithWireNumberText() {
        String wire = VECTORS.get("checksum_string").getAsString();
        assertEquals(-1175357890, BitfinexChecksum.crc32(wire));
        // The same book with 7e-7 and friends rendered fixed-point gives the value the vectors name.
        String fixed = wire.replace(":7e-7:", ":0.0000007:").replace(":6.6e-7:", ":0.00000066:")
                .replace(":6e-7:", ":0.0000006:").replace(":4.9e-7:", ":0.00000049:")
                .replace(":2.5e-7:", ":0.00000025:").replace(":6e-8:", ":0.00000006:")
                .replace(":5e-8:", ":0.00000005:").replace(":1e-8:", ":0.00000001:");
        assertEquals(1293492257, BitfinexChecksum.crc32(fixed));
    }

    @Test
    void nodeModelsChecksumStrings() {
        for (JsonElement c : VECTORS.getAsJsonObject("node_models_cases").getAsJsonArray("cases")) {
            JsonObject test = c.getAsJsonObject();
            assertEquals(test.get("crc32_signed").getAsInt(), BitfinexChecksum.crc32(test.get("string").getAsString()),
                    test.get("desc").getAsString());
        }
    }

    @Test
    void nodeModelsAggregatedAndRawBooksThroughTheState() {
        JsonObject books = VECTORS.getAsJsonObject("node_models_cases").getAsJsonObject("books");
        assertEquals("6000:1:6100:-3:5900:2:6200:-4", checksumText(books.getAsJsonObject("normal"), "P0"));
        assertEquals(1756193398, checksum(books.getAsJsonObject("normal"), "P0"));
        // Raw: both bids at 6000 and both asks at 6100; ties go by order id, and ids replace prices.
        assertEquals("100:1:102:-3:101:2:103:-4", checksumText(books.getAsJsonObject("raw"), "R0"));
        assertEquals(1841538801, checksum(books.getAsJsonObject("raw"), "R0"));
    }

    private static int checksum(JsonObject book, String prec) {
        return state(book, prec).checksum();
    }

    private static String checksumText(JsonObject book, String prec) {
        return state(book, prec).checksumText();
    }

    private static BitfinexBookState state(JsonObject book, String prec) {
        Books books = new Books();
        BitfinexFrameDecoder decoder = new BitfinexFrameDecoder(books);
        decoder.decode("{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":1,\"symbol\":\"tBTCUSD\",\"prec\":\"" + prec + "\"}");
        List<String> rows = new ArrayList<>();
        // Asks first, reversed: the state must sort, not trust the order rows come in.
        for (JsonElement row : book.getAsJsonArray("asks").asList().reversed()) {
            rows.add(row.toString());
        }
        for (JsonElement row : book.getAsJsonArray("bids")) {
            rows.add(row.toString());
        }
        decoder.decode("[1,[" + String.join(",", rows) + "]]");
        return books.book;
    }
}
