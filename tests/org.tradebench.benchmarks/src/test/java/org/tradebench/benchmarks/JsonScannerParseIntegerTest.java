package org.tradebench.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.tradebench.connector.support.json.FrameFormatException;
import org.tradebench.connector.support.json.JsonScanner;

/**
 * {@link JsonScanner#parseInteger} reads in place what {@link Long#parseLong} accepts, rejects what
 * it rejects, and allocates nothing: it runs for every Bitfinex book row that is not plain (an
 * exponent in the amount, about one row in 200), which the end-to-end benchmark showed as the
 * connector's only allocation per message. (It lives here, beside the benchmark that found it, until
 * the toolkit's test bundle has a JSON scanner test.)
 */
class JsonScannerParseIntegerTest {

    private static final String[] CASES = {"0", "-0", "+0", "7", "-7", "+7", "0012", "103951", "-1",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
        "99999999999999999999", "", "-", "+", "--1", "+-1", "1-", "1.5", "1e3", " 1", "1 ", "x", "\u00b2"};

    @Test
    void acceptsAndRejectsExactlyWhatLongParseLongDoes() {
        for (String c : CASES) {
            check(c);
        }
        Random random = new Random(7);
        String alphabet = "0123456789-+.e ";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(22);
            for (int j = 0; j < length; j++) {
                b.append(j > 0 && random.nextInt(8) > 0 ? (char) ('0' + random.nextInt(10))
                        : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            check(b.toString());
        }
    }

    @Test
    void readsBetweenTheGivenPositionsOnly() {
        byte[] b = "[103951,12,-5]".getBytes(StandardCharsets.US_ASCII);
        assertEquals(103951, JsonScanner.parseInteger(b, 1, 7, "the price"));
        assertEquals(12, JsonScanner.parseInteger(b, 8, 10, "the count"));
        assertEquals(-5, JsonScanner.parseInteger(b, 11, 13, "the amount"));
        FrameFormatException e = assertThrows(FrameFormatException.class,
                () -> JsonScanner.parseInteger(b, 0, 7, "the price"));
        assertTrue(e.getMessage().startsWith("the price") && e.getMessage().endsWith(" is not an integer: '[103951'"),
                e.getMessage());
    }

    @Test
    void allocatesNothingOnceCompiled() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] b = "[103951,12,5.1e-7,-9223372036854775808]".getBytes(StandardCharsets.US_ASCII);
        long sum = 0;
        for (int i = 0; i < 200_000; i++) { // compile
            sum += JsonScanner.parseInteger(b, 1, 7, "x") + JsonScanner.parseInteger(b, 18, 38, "y");
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            sum += JsonScanner.parseInteger(b, 1, 7, "x") + JsonScanner.parseInteger(b, 18, 38, "y");
        }
        long bytes = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(bytes < 1024, bytes + " bytes for 200,000 integers (" + sum + ")");
    }

    private static void check(String text) {
        byte[] b = ("[" + text + "]").getBytes(StandardCharsets.ISO_8859_1);
        Long expected;
        try {
            // what the previous implementation did: the bytes as ISO-8859-1 text, Long.parseLong
            expected = Long.parseLong(new String(b, 1, b.length - 2, StandardCharsets.ISO_8859_1));
        } catch (NumberFormatException e) {
            expected = null;
        }
        try {
            long got = JsonScanner.parseInteger(b, 1, b.length - 1, "the count");
            if (expected == null) {
                fail("'" + text + "' accepted as " + got + "; Long.parseLong rejects it");
            }
            assertEquals(expected.longValue(), got, text);
        } catch (FrameFormatException e) {
            if (expected != null) {
                fail("'" + text + "' rejected (" + e.getMessage() + "); Long.parseLong reads " + expected);
            }
            assertTrue(e.getMessage().startsWith("the count") && e.getMessage().endsWith(" is not an integer: '" + text
                    + "'"), e.getMessage());
        }
    }
}
