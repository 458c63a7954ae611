package org.tradebench.connector.support.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The in-place JSON reader: numbers in every form JSON allows (signs, fractions, exponents, negative
 * zero, more digits than the fast path takes) read exactly at a scale, integers up to the long's
 * limits, strings with escapes, nested arrays walked with expect and afterComma, and malformed
 * input reported as a {@link FrameFormatException} that says what was expected and at which byte.
 */
class JsonScannerTest {

    private final JsonScanner scan = new JsonScanner();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} at scale {1}")
    @CsvSource(delimiter = '|', value = {
            "65000.5                      | 2 | 6500050",
            "-4847.13                     | 2 | -484713",
            "0                            | 8 | 0",
            "-0                           | 8 | 0",
            "-0.0                         | 8 | 0",
            "-0e5                         | 2 | 0",
            "0.0000011                    | 8 | 110",
            "7e-7                         | 8 | 70",
            "6.6E-7                       | 8 | 66",
            "1.5E+3                       | 2 | 150000",
            "1e2                          | 0 | 100",
            "-1E-2                        | 2 | -1",
            "271510.49                    | 8 | 27151049000000",
            "0.00000111000000000000000000 | 8 | 111",
            "123456789012345678           | 0 | 123456789012345678",
            "1234567890123456789          | 0 | 1234567890123456789",
            "9223372036854775807          | 0 | 9223372036854775807",
            "-9223372036854775807         | 0 | -9223372036854775807",
            "92233720368.54775807         | 8 | 9223372036854775807"})
    void readsEveryJsonNumberFormExactlyAtTheScale(String text, int scale, long units) {
        String frame = "[1, " + text + "]";
        byte[] b = bytes(frame);
        int p = 4;
        assertEquals(units, scan.readUnits(b, b.length, p, scale, "the amount"));
        assertEquals(p + text.length(), scan.end(), "end() is after the number");
        assertEquals(']', b[scan.end()]);
    }

    static Stream<Arguments> malformedNumbers() {
        return Stream.of(
                Arguments.of("1.234", 2, "the amount at byte 4: '1.234' has more decimals than scale 2 allows"),
                Arguments.of("1e-3", 2, "the amount at byte 4: '1e-3' has more decimals than scale 2 allows"),
                Arguments.of("1.2.3", 2, "the amount at byte 4: not a decimal number: '1.2.3'"),
                Arguments.of("-", 2, "the amount at byte 4: not a decimal number: '-'"),
                Arguments.of("1e", 2, "the amount at byte 4: not a decimal number: '1e'"),
                Arguments.of("1E400", 2, "the amount at byte 4: '1E400' does not fit a long at scale 2"),
                Arguments.of("9223372036854775808", 0,
                        "the amount at byte 4: '9223372036854775808' does not fit a long at scale 0"),
                Arguments.of("x1", 2, "expected the amount at byte 4, found 'x'"),
                Arguments.of("\"1.5\"", 2, "expected the amount at byte 4, found '\"'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedNumbers")
    void malformedNumbersSayWhatAndWhere(String text, int scale, String message) {
        byte[] b = bytes("[1, " + text + "]");
        FrameFormatException e = assertThrows(FrameFormatException.class,
                () -> scan.readUnits(b, b.length, 4, scale, "the amount"));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aNumberCutOffByTheEndOfTheFrameSaysSo() {
        byte[] b = bytes("[1,");
        FrameFormatException e = assertThrows(FrameFormatException.class,
                () -> scan.readUnits(b, b.length, 3, 8, "the price"));
        assertEquals("expected the price at byte 3, found the end of the frame", e.getMessage());
        // a frame that ends inside a longer buffer: n, not the array's length, is the end
        byte[] padded = bytes("[1,2.5]   ");
        assertEquals(250, scan.readUnits(padded, 6, 3, 2, "the price"));
        assertEquals(6, scan.end());
    }

    @Test
    void aScaleBeyondWhatALongHoldsIsRefusedPlainly() {
        for (String text : List.of("1", "1.5", "7e-7")) {
            byte[] b = bytes(text);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> scan.readUnits(b, b.length, 0, 19, "the amount"), text);
            assertEquals("scale must be 0..18, was 19", e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "81757                | 81757",
            "-1                   | -1",
            "+7                   | 7",
            "-0                   | 0",
            "0                    | 0",
            "1700000000123        | 1700000000123",
            "999999999999999999   | 999999999999999999",
            "9223372036854775807  | 9223372036854775807",
            "-9223372036854775808 | -9223372036854775808"})
    void readsIntegersUpToTheLongsLimits(String text, long value) {
        byte[] b = bytes("[" + text + ",\"hb\"]");
        assertEquals(value, scan.readInteger(b, b.length, 1, "the channel id"));
        assertEquals(1 + text.length(), scan.end());
    }

    static Stream<Arguments> notIntegers() {
        return Stream.of(
                Arguments.of("9223372036854775808", "the channel id at byte 1 is not an integer: '9223372036854775808'"),
                Arguments.of("1.5", "the channel id at byte 1 is not an integer: '1.5'"),
                Arguments.of("1e3", "the channel id at byte 1 is not an integer: '1e3'"),
                Arguments.of("--1", "the channel id at byte 1 is not an integer: '--1'"),
                Arguments.of("null", "expected the channel id at byte 1, found 'n'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notIntegers")
    void whatIsNotAnIntegerSaysWhatAndWhere(String text, String message) {
        byte[] b = bytes("[" + text + "]");
        FrameFormatException e = assertThrows(FrameFormatException.class,
                () -> scan.readInteger(b, b.length, 1, "the channel id"));
        assertEquals(message, e.getMessage());
        assertTrue(e instanceof IllegalArgumentException, "bad input is an IllegalArgumentException");
    }

    @Test
    void fastPathsDeclineWhatTheyCannotReadExactly() {
        byte[] b = bytes("[12345678901234567890,1.5,7e-7,12.345,-,42]");
        assertEquals(0, scan.plainInteger(b, b.length, 1));
        assertEquals(-1, scan.end(), "19+ digits");
        scan.plainInteger(b, b.length, 22);
        assertEquals(-1, scan.end(), "a fraction is no integer");
        scan.plainUnits(b, b.length, 26, 8);
        assertEquals(-1, scan.end(), "an exponent");
        scan.plainUnits(b, b.length, 31, 2);
        assertEquals(-1, scan.end(), "more decimals than the scale");
        scan.plainUnits(b, b.length, 38, 2);
        assertEquals(-1, scan.end(), "no digits");
        assertEquals(42, scan.plainInteger(b, b.length, 40));
        assertEquals(42, scan.end());
        assertEquals(150, scan.plainUnits(b, b.length, 22, 2));
        assertEquals(25, scan.end());
        assertEquals("12345678901234567890", new String(b, 1, JsonScanner.numberEnd(b, b.length, 1, "x") - 1,
                StandardCharsets.US_ASCII));
    }

    @Test
    void stringsEndAtTheirClosingQuoteWhateverTheyEscape() {
        byte[] b = bytes("[\"cs\",\"a\\\"b\",\"\\\\\",\"caf\\u00e9\",\"\"]");
        assertEquals(4, JsonScanner.stringEnd(b, b.length, 1));
        assertTrue(JsonScanner.isWord(b, 2, 4, "cs"));
        assertFalse(JsonScanner.isWord(b, 2, 4, "hb"));
        assertFalse(JsonScanner.isWord(b, 2, 4, "c"));
        assertEquals(11, JsonScanner.stringEnd(b, b.length, 6), "an escaped quote does not close it");
        assertEquals(16, JsonScanner.stringEnd(b, b.length, 13), "an escaped backslash does");
        assertEquals(28, JsonScanner.stringEnd(b, b.length, 18));
        assertEquals(31, JsonScanner.stringEnd(b, b.length, 30), "the empty string");

        byte[] open = bytes("[1,\"abc");
        FrameFormatException e = assertThrows(FrameFormatException.class,
                () -> JsonScanner.stringEnd(open, open.length, 3));
        assertEquals("a string starting at byte 3 is not closed", e.getMessage());
        byte[] trailing = bytes("\"abc\\\"");
        assertThrows(FrameFormatException.class, () -> JsonScanner.stringEnd(trailing, trailing.length, 0));
    }

    @Test
    void whitespaceCommasAndExpectedCharacters() {
        byte[] b = bytes(" \t\r\n[ 1 ,\n\t2 ]");
        int p = JsonScanner.skipWhitespace(b, b.length, 0);
        assertEquals(4, p);
        p = JsonScanner.expect(b, b.length, p, '[', "at the start of the frame");
        p = JsonScanner.skipWhitespace(b, b.length, p);
        assertEquals(1, scan.readInteger(b, b.length, p, "the first"));
        p = JsonScanner.afterComma(b, b.length, scan.end());
        assertEquals(2, scan.readInteger(b, b.length, p, "the second"));
        assertEquals(-1, JsonScanner.afterComma(b, b.length, scan.end()), "no comma after the last value");
        assertEquals(b.length, JsonScanner.skipWhitespace(b, b.length, b.length));

        FrameFormatException wrong = assertThrows(FrameFormatException.class,
                () -> JsonScanner.expect(b, b.length, 6, ']', "after the channel id"));
        assertEquals("expected ']' after the channel id, found '1' at byte 6", wrong.getMessage());
        FrameFormatException end = assertThrows(FrameFormatException.class,
                () -> JsonScanner.expect(b, b.length, b.length, ']', "at the end of the frame"));
        assertEquals("expected ']' at the end of the frame, found the end of the frame", end.getMessage());
    }

    @Test
    void numberCharactersAreDigitsSignsPointAndExponent() {
        for (char c : "0123456789-+.eE".toCharArray()) {
            assertTrue(JsonScanner.isNumberChar((byte) c), String.valueOf(c));
        }
        for (char c : " ,]}\"xn".toCharArray()) {
            assertFalse(JsonScanner.isNumberChar((byte) c), String.valueOf(c));
        }
    }

    /** A book snapshot frame, read the way a decoder walks it: arrays in arrays, numbers in place. */
    private List<String> rows(String frame) {
        byte[] b = bytes(frame);
        int n = b.length;
        int p = JsonScanner.expect(b, n, JsonScanner.skipWhitespace(b, n, 0), '[', "at the start of the frame");
        long channel = scan.readInteger(b, n, JsonScanner.skipWhitespace(b, n, p), "the channel id");
        p = JsonScanner.afterComma(b, n, scan.end());
        if (p < 0) {
            throw new FrameFormatException("expected ',' after the channel id");
        }
        p = JsonScanner.expect(b, n, p, '[', "before the rows");
        List<String> rows = new ArrayList<>();
        rows.add("channel " + channel);
        while (true) {
            p = JsonScanner.expect(b, n, JsonScanner.skipWhitespace(b, n, p), '[', "before row " + rows.size());
            long price = scan.readUnits(b, n, JsonScanner.skipWhitespace(b, n, p), 8, "the price");
            long count = scan.readInteger(b, n, JsonScanner.afterComma(b, n, scan.end()), "the count");
            long amount = scan.readUnits(b, n, JsonScanner.afterComma(b, n, scan.end()), 8, "the amount");
            p = JsonScanner.expect(b, n, JsonScanner.skipWhitespace(b, n, scan.end()), ']', "after row " + rows.size());
            rows.add(price + " " + count + " " + amount);
            int q = JsonScanner.afterComma(b, n, p);
            if (q < 0) {
                break;
            }
            p = q;
        }
        p = JsonScanner.expect(b, n, JsonScanner.skipWhitespace(b, n, p), ']', "after the rows");
        p = JsonScanner.expect(b, n, JsonScanner.skipWhitespace(b, n, p), ']', "at the end of the frame");
        if (JsonScanner.skipWhitespace(b, n, p) != n) {
            throw new FrameFormatException("unexpected text after the frame at byte " + p);
        }
        return rows;
    }

    @Test
    void nestedArraysOfABookSnapshotReadTheSameCompactOrPrettyPrinted() {
        String compact = "[81757,[[0.0000011,13,271510.49],[7e-7,1,10000],[0.00000111,1,-4847.13],[6e-8,1,100000]]]";
        List<String> expected = List.of("channel 81757", "110 13 27151049000000", "70 1 1000000000000",
                "111 1 -484713000000", "6 1 10000000000000");
        assertEquals(expected, rows(compact));
        String pretty = "[\n  81757,\n  [\n    [ 0.0000011, 13, 271510.49 ],\n    [7e-7 ,1 ,10000],\r\n"
                + "\t[0.00000111,1,-4847.13], [6e-8,1,100000]\n  ]\n]\n";
        assertEquals(expected, rows(pretty));
    }

    @Test
    void malformedFramesSayWhatWasExpectedAndWhere() {
        FrameFormatException unclosed = assertThrows(FrameFormatException.class,
                () -> rows("[81757,[[0.0000011,13,271510.49]]"));
        assertEquals("expected ']' at the end of the frame, found the end of the frame", unclosed.getMessage());
        FrameFormatException missingField = assertThrows(FrameFormatException.class,
                () -> rows("[81757,[[0.0000011,13]]]"));
        assertEquals("expected ',' before the amount", missingField.getMessage(),
                "afterComma's -1 for a missing comma, passed on as the reader's position");
        FrameFormatException noComma = assertThrows(FrameFormatException.class,
                () -> rows("[81757,[[0.0000011 13,271510.49]]]"));
        assertEquals("expected ',' before the count", noComma.getMessage());
        FrameFormatException text = assertThrows(FrameFormatException.class,
                () -> rows("[81757,[[0.0000011,\"13\",271510.49]]]"));
        assertEquals("expected the count at byte 19, found '\"'", text.getMessage());
        FrameFormatException trailing = assertThrows(FrameFormatException.class,
                () -> rows("[81757,[[1,1,1]]] x"));
        assertEquals("unexpected text after the frame at byte 17", trailing.getMessage());
    }

    @Test
    void excerptCutsLongFramesWithAnEllipsis() {
        byte[] b = bytes("xx[81757,\"hb\"]");
        assertEquals("[81757,\"hb\"]", JsonScanner.excerpt(b, 2, 12, 100));
        assertEquals("[81757\u2026", JsonScanner.excerpt(b, 2, 12, 6));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`\"text, with } and ] and \\\" inside\"`",
            "{\"a\":[1,{\"b\":\"}\"}],\"c\":null}",
            "[[1,2],[3,[4]],\"]\"]",
            "-12.5e+3",
            "true",
            "false",
            "null",
            "{}",
    })
    void skipValueSkipsAWholeValueOfAnyKind(String value) {
        byte[] b = bytes("{\"x\": " + value + " ,\"y\":1}");
        int start = "{\"x\":".length();
        assertEquals(start + 1 + value.length(), JsonScanner.skipValue(b, b.length, start),
                "after the value, whitespace before it skipped");
    }

    @Test
    void skipValueSaysWhatIsWrongAndWhere() {
        byte[] open = bytes("{\"a\":[1,2");
        assertEquals("the [ at byte 5 is not closed",
                assertThrows(FrameFormatException.class, () -> JsonScanner.skipValue(open, open.length, 5)).getMessage());
        byte[] none = bytes("{\"a\":,");
        assertEquals("a value was expected at byte 5, found ','",
                assertThrows(FrameFormatException.class, () -> JsonScanner.skipValue(none, none.length, 5)).getMessage());
        byte[] end = bytes("{\"a\": ");
        assertEquals("a value was expected at byte 6, found the end of the frame",
                assertThrows(FrameFormatException.class, () -> JsonScanner.skipValue(end, end.length, 5)).getMessage());
        byte[] string = bytes("{\"a\":\"abc");
        assertThrows(FrameFormatException.class, () -> JsonScanner.skipValue(string, string.length, 5));
    }
}
