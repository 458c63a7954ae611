package org.tradebench.connector.support.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.tradebench.api.market.Side;
import org.tradebench.core.book.OrderBook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The Bitfinex/OKX checksum: CRC32 of the best {@code depth} bids and asks interleaved, each as
 * its wire text, compared as a signed int; checked against bfx-api-node-models' strings and
 * against CRC32 of the string it says it hashes, for uneven sides and shallow depths.
 */
class InterleavedCrc32Test {

    private final OrderBook book = new OrderBook(10, 10);
    private final WireTextArena arena = new WireTextArena();

    private void level(Side side, long price, String key, String amount) {
        int at = book.set(side, price, 1, 1);
        byte[] b = (key + "," + amount).getBytes(StandardCharsets.US_ASCII);
        book.setTag(side, at, arena.store(book, b, 0, key.length(), key.length() + 1, b.length));
    }

    @Test
    void matchesBfxApiNodeModelsChecksumStrings() {
        JsonObject cases = ChecksumBookSyncTest.VECTORS.getAsJsonObject("node_models_cases");
        int checked = 0;
        for (JsonElement e : cases.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            String string = c.get("string").getAsString();
            assertEquals(c.get("crc32_signed").getAsInt(), ChecksumBookSyncTest.crc(string), c.get("desc").getAsString());
            checked++;
        }
        assertEquals(5, checked);

        // "checksum normal OB": bids 6000:1, 5900:2; asks 6100:-3, 6200:-4
        level(Side.BUY, 6000, "6000", "1");
        level(Side.BUY, 5900, "5900", "2");
        level(Side.SELL, 6100, "6100", "-3");
        level(Side.SELL, 6200, "6200", "-4");
        InterleavedCrc32 crc = new InterleavedCrc32(25);
        assertEquals("6000:1:6100:-3:5900:2:6200:-4", crc.text(book, arena));
        assertEquals(1_756_193_398, crc.checksum(book, arena));
    }

    @Test
    void highPrecisionPricesHashAsSent() {
        // prices in units of 10^-10; the texts are what the exchange sent
        level(Side.BUY, 10, "0.000000001", "1");
        level(Side.BUY, 1, "0.0000000001", "0.0000000002");
        level(Side.SELL, 20, "0.000000002", "-3");
        level(Side.SELL, 30, "0.000000003", "-4");
        // node-models case 2: "0.000000001:1:0.000000002:-3:0.0000000001:0.0000000002:0.000000003:-4"
        InterleavedCrc32 crc = new InterleavedCrc32(25);
        assertEquals("0.000000001:1:0.000000002:-3:0.0000000001:0.0000000002:0.000000003:-4", crc.text(book, arena));
        assertEquals(-2_030_111_072, crc.checksum(book, arena));
    }

    @Test
    void unevenSidesAndDepthCutTheString() {
        level(Side.BUY, 100, "1.00", "10");
        level(Side.BUY, 99, "0.99", "20.123456789012345678");
        level(Side.BUY, 98, "0.98", "30");
        level(Side.SELL, 101, "1.01", "-1");
        InterleavedCrc32 deep = new InterleavedCrc32(25);
        String all = "1.00:10:1.01:-1:0.99:20.123456789012345678:0.98:30";
        assertEquals(all, deep.text(book, arena));
        assertEquals(ChecksumBookSyncTest.crc(all), deep.checksum(book, arena));
        InterleavedCrc32 two = new InterleavedCrc32(2);
        assertEquals("1.00:10:1.01:-1:0.99:20.123456789012345678", two.text(book, arena));
        assertEquals(ChecksumBookSyncTest.crc("1.00:10:1.01:-1:0.99:20.123456789012345678"), two.checksum(book, arena));
        InterleavedCrc32 one = new InterleavedCrc32(1);
        assertEquals(ChecksumBookSyncTest.crc("1.00:10:1.01:-1"), one.checksum(book, arena));
    }

    @Test
    void anEmptyBookHashesTheEmptyString() {
        InterleavedCrc32 crc = new InterleavedCrc32(25);
        assertEquals("", crc.text(book, arena));
        assertEquals(0, crc.checksum(book, arena));
    }

    @Test
    void aDeepBookOfLongTextsGrowsTheBuffer() {
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            String bidKey = "0." + "9".repeat(30) + i;
            String askKey = "1." + "0".repeat(30) + i;
            level(Side.BUY, 1_000 - i, bidKey, "123456789.123456789");
            level(Side.SELL, 1_001 + i, askKey, "-987654321.987654321");
            expected.append(expected.length() == 0 ? "" : ":").append(bidKey).append(":123456789.123456789:")
                    .append(askKey).append(":-987654321.987654321");
        }
        InterleavedCrc32 crc = new InterleavedCrc32(100);
        assertEquals(expected.toString(), crc.text(book, arena));
        assertEquals(ChecksumBookSyncTest.crc(expected.toString()), crc.checksum(book, arena));
    }

    @Test
    void depthMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InterleavedCrc32(0));
        assertEquals("checksum depth must be >= 1, was 0", e.getMessage());
    }
}
