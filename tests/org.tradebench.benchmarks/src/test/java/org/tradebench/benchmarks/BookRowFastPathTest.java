package org.tradebench.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexBookRow;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexBookRows;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannel;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexFrameDecoder;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexProtocolException;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSink;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrailer;
import org.tradebench.core.book.ScaledDecimal;

/**
 * The decoder reads common book rows in one pass ({@code BitfinexFrameDecoder.readTradingRow})
 * and everything else with the strict reader. Differential check: for random number texts, plain
 * and not (exponents, signs, leading and trailing zeros, too many digits or decimals, malformed),
 * a decoded update row must hold exactly what {@link ScaledDecimal#parseUnits} and the strict
 * integer rules give, with the same wire-text positions, and a row they reject must be rejected.
 */
class BookRowFastPathTest {

    private static final String[] PIECES = {"0", "1", "9", "00", "103951", "123456789", "1234567890123456789",
        ".", "-", "+", "e", "E", "e-7", "e+3", "5", "50", "000000", "x", ""};

    private static final class LastRow implements BitfinexSink {
        BitfinexBookRow row;
        BitfinexTrailer trailer;

        @Override
        public void onBookUpdate(BitfinexChannel channel, BitfinexBookRow r, BitfinexTrailer t) {
            row = r;
            trailer = t;
        }

        @Override
        public void onBookSnapshot(BitfinexChannel channel, BitfinexBookRows rows, BitfinexTrailer t) {
            row = rows.size() > 0 ? rows.get(0) : null;
            trailer = t;
        }
    }

    @Test
    void decodedRowsMatchTheStrictParsers() {
        Random random = new Random(42);
        LastRow sink = new LastRow();
        BitfinexFrameDecoder decoder = new BitfinexFrameDecoder(sink);
        decoder.decode("{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":17,\"symbol\":\"tBTCUSD\",\"prec\":\"P0\",\"len\":\"25\"}");
        decoder.decode("{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":18,\"symbol\":\"tBTCUSD\",\"prec\":\"R0\",\"len\":\"25\"}");
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            boolean raw = random.nextInt(4) == 0;
            String a = number(random);
            String b = random.nextBoolean() ? integer(random) : number(random);
            String c = number(random);
            String rowText = raw ? "[" + b + "," + a + "," + c + "]" : "[" + a + "," + b + "," + c + "]";
            String frame = (raw ? "[18," : "[17,")
                    + (random.nextInt(10) == 0 ? "[" + rowText + "]" : rowText) // 1 in 10 a snapshot
                    + ",7,1737972930123]";
            if (random.nextInt(20) == 0) {
                frame = frame.replace(",", " , ");
            }
            Long price = units(a, BitfinexFrameDecoder.DEFAULT_PRICE_SCALE);
            Long amount = units(c, BitfinexFrameDecoder.DEFAULT_AMOUNT_SCALE);
            Long middle = strictInteger(b);
            boolean valid = price != null && amount != null && middle != null && amount != 0 && price >= 0
                    && (raw || (int) (long) middle >= 0);
            sink.row = null;
            try {
                decoder.decode(frame);
            } catch (BitfinexProtocolException e) {
                if (valid) {
                    fail(frame + " rejected: " + e.getMessage());
                }
                continue;
            }
            if (!valid) {
                fail(frame + " accepted");
            }
            accepted++;
            BitfinexBookRow row = sink.row;
            assertNotNull(row, frame);
            assertEquals(price, row.price(), frame);
            assertEquals(amount, row.amount(), frame);
            assertEquals(a, row.priceText(), frame);
            assertEquals(c, row.amountText(), frame);
            if (raw) {
                assertEquals(middle, row.orderId(), frame);
                assertEquals(b, row.orderIdText(), frame);
            } else {
                assertEquals((int) (long) middle, row.count(), frame);
            }
        }
        // Enough of both kinds to mean something.
        if (accepted < 10_000 || accepted > 190_000) {
            fail(accepted + " of 200000 accepted");
        }
    }

    private static String number(Random random) {
        StringBuilder b = new StringBuilder();
        if (random.nextInt(3) == 0) {
            b.append('-');
        }
        int pieces = 1 + random.nextInt(3);
        for (int i = 0; i < pieces; i++) {
            b.append(random.nextInt(3) == 0 ? PIECES[random.nextInt(PIECES.length)] : PIECES[random.nextInt(7)]);
            if (i == 0 && random.nextBoolean()) {
                b.append('.');
            }
        }
        return b.toString();
    }

    private static String integer(Random random) {
        return (random.nextInt(5) == 0 ? "-" : "") + PIECES[random.nextInt(7)]
                + (random.nextBoolean() ? PIECES[random.nextInt(7)] : "");
    }

    /** {@link ScaledDecimal#parseUnits}, null when it rejects the text (or it is not number text). */
    private static Long units(String text, int scale) {
        if (!isNumberText(text)) {
            return null;
        }
        try {
            return ScaledDecimal.parseUnits(text, scale);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The decoder's integer rules: an optional '-' and digits, fitting a long. */
    private static Long strictInteger(String text) {
        if (!text.matches("-?[0-9]+")) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** What the decoder takes as one number token: digits, signs, '.', 'e', 'E'; not empty. */
    private static boolean isNumberText(String text) {
        return text.matches("[0-9+\\-.eE]+");
    }
}
