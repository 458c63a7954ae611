package org.tradebench.examples.skeleton.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.tradebench.api.market.Side;
import org.tradebench.connector.support.json.FrameFormatException;
import org.tradebench.examples.skeleton.internal.protocol.SkeletonFrameReader;
import org.tradebench.examples.skeleton.internal.protocol.SkeletonMessage;
import org.tradebench.examples.skeleton.internal.protocol.SkeletonMessage.Type;

/** The frame reader on frames as the exchange sends them, and on frames it must refuse. */
class SkeletonFrameReaderTest {

    private final SkeletonFrameReader reader = new SkeletonFrameReader();

    private SkeletonMessage read(String frame) {
        // the frame in the middle of a larger buffer, as a socket's read buffer holds it
        byte[] b = ("xx" + frame + "yy").getBytes(StandardCharsets.UTF_8);
        return reader.read(b, 2, b.length - 4);
    }

    @Test
    void anUpdateGivesItsRowsWithTheirWireTextAndTheChecksum() {
        String frame = Frames.update(7, new String[][] {{"64999.9", "0.0150"}, {"64999.5", "0"}},
                new String[][] {{"65000.1", "0.2500"}}, -123456789);
        SkeletonMessage m = read(frame);
        assertEquals(Type.UPDATE, m.type());
        assertEquals(7, m.seq());
        assertEquals("BTC-USD", m.symbol());
        assertEquals(1764921600050L, m.time());
        assertEquals(3, m.rows());
        assertEquals(Side.BUY, m.rowSide(0));
        assertEquals(6_499_990_000_000L, m.rowPrice(0));
        assertEquals(1_500_000L, m.rowSize(0));
        assertEquals(0, m.rowSize(1), "size 0 removes the level");
        assertEquals(Side.SELL, m.rowSide(2));
        assertEquals("65000.1", new String(m.frame(), m.rowPriceStart(2), m.rowPriceEnd(2) - m.rowPriceStart(2),
                StandardCharsets.US_ASCII));
        assertEquals("0.2500", new String(m.frame(), m.rowSizeStart(2), m.rowSizeEnd(2) - m.rowSizeStart(2),
                StandardCharsets.US_ASCII), "the size's text as sent, trailing zeros kept");
        assertTrue(m.hasChecksum());
        assertEquals(-123456789, m.checksum());
    }

    @Test
    void aTickerATradeAnErrorAndAWelcomeReadAsTheyWereSent() {
        SkeletonMessage t = read(Frames.TICKER);
        assertEquals(Type.TICKER, t.type());
        assertEquals(6_499_990_000_000L, t.bid());
        assertEquals(1_234_560_000L, t.volume());

        SkeletonMessage trade = read(Frames.TRADE);
        assertEquals("1001", trade.tradeId());
        assertEquals(Side.BUY, trade.side());
        assertEquals(200_000L, trade.size());

        SkeletonMessage e = read(Frames.ERROR);
        assertEquals(Type.ERROR, e.type());
        assertEquals(4, e.req());
        assertEquals(404, e.code());
        assertEquals("unknown symbol SOL-USD", e.message());

        SkeletonMessage w = read(Frames.WELCOME);
        assertEquals(2, w.instruments().size());
        assertEquals(new SkeletonMessage.ListedInstrument("ETH-USD", "ETH", "USD", "0.01", "0.001"),
                w.instruments().get(1));
    }

    @Test
    void fieldsComeInAnyOrderAndUnknownOnesAreSkipped() {
        SkeletonMessage m = read("{ \"extra\" : {\"a\":[1,{\"b\":\"]\"}]}, \"seq\" : 3 ,\"flag\":true,"
                + "\"type\":\"heartbeat\",\"n\":-1.5e3,\"time\":17}");
        assertEquals(Type.HEARTBEAT, m.type());
        assertEquals(3, m.seq());
        assertEquals(17, m.time());
    }

    @Test
    void anUnknownTypeIsReadWithItsNumberSoTheSequenceStaysWhole() {
        SkeletonMessage m = read("{\"type\":\"funding\",\"seq\":12}");
        assertEquals(Type.UNKNOWN, m.type());
        assertEquals("funding", m.unknownType());
        assertEquals(12, m.seq());
    }

    @Test
    void malformedFramesSayWhatWasExpectedAndWhere() {
        assertEquals("expected '{' at the start of a message, found 'n' at byte 2",
                assertThrows(FrameFormatException.class, () -> read("not json")).getMessage());
        assertEquals("a \"update\" message without a \"seq\" of at least 1",
                assertThrows(FrameFormatException.class, () -> read("{\"type\":\"update\",\"symbol\":\"BTC-USD\"}"))
                        .getMessage());
        assertEquals("a \"trade\" message without a valid \"id\"", assertThrows(FrameFormatException.class,
                () -> read("{\"type\":\"trade\",\"seq\":2,\"symbol\":\"BTC-USD\",\"price\":\"1\"}")).getMessage());
        assertEquals("the side is \"buy\" or \"sell\", not \"up\"", assertThrows(FrameFormatException.class,
                () -> read("{\"type\":\"trade\",\"seq\":2,\"side\":\"up\"}")).getMessage());
        assertTrue(assertThrows(FrameFormatException.class, () -> read("{\"type\":\"update\",\"seq\":"))
                .getMessage().contains("the sequence number"));
        assertTrue(assertThrows(FrameFormatException.class,
                () -> read("{\"type\":\"update\",\"seq\":4,\"symbol\":\"BTC-USD\",\"bids\":[[\"1\",\"-2\"]]}"))
                .getMessage().contains("must not be negative"));
        assertTrue(assertThrows(FrameFormatException.class, () -> read("{\"type\":\"heartbeat\",\"seq\":1} x"))
                .getMessage().startsWith("something follows the message"));
    }

    @Test
    void theReaderStaysUsableAfterABadFrame() {
        assertThrows(FrameFormatException.class, () -> read("{\"type\":\"snapshot\",\"seq\":5,\"bids\":[[\"1\""));
        SkeletonMessage m = read(Frames.TRADE);
        assertEquals(Type.TRADE, m.type());
        assertFalse(m.hasChecksum(), "nothing of the bad frame is left");
        assertEquals(0, m.rows());
    }
}
