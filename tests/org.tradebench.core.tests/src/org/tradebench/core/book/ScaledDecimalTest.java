package org.tradebench.core.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tradebench.core.tests.AllocationMeter;

class ScaledDecimalTest {

    @ParameterizedTest(name = "\"{0}\" at scale {1} is {2} units")
    @CsvSource({
            "7e-7, 8, 70",
            "7e-7, 7, 7",
            "7E-7, 9, 700",
            "-4847.13, 2, -484713",
            "-4847.13, 4, -48471300",
            "0.00000111, 8, 111",
            "0.00000111, 10, 11100",
            "1.5E+3, 0, 1500",
            "1.5E+3, 2, 150000",
            "1.5e3, 1, 15000",
            "+2.50, 1, 25",
            "65000.5, 1, 650005",
            ".5, 1, 5",
            "5., 0, 5",
            "000123, 0, 123",
            "0, 8, 0",
            "-0.000, 2, 0",
            "0e999, 0, 0",
            "0.00000111000000000000000000000, 8, 111",
            "1000000000000000000000e-21, 0, 1",
            "9223372036854775807, 0, 9223372036854775807",
            "-9223372036854775807, 0, -9223372036854775807",
            "92233720.36854775807, 11, 9223372036854775807",
            "1.00000000000000000000000000, 18, 1000000000000000000",
    })
    void parsesPlainSignedAndExponentForms(String text, int scale, long expected) {
        assertEquals(expected, ScaledDecimal.parseUnits(text, scale));
        assertEquals(expected, ScaledDecimal.parseUnits(text, 0, text.length(), scale));
    }

    @Test
    void parsesARangeInsideLargerText() {
        String json = "[\"65000.5\",\"0.25\",\"7e-7\"]";
        assertEquals(650005, ScaledDecimal.parseUnits(json, 2, 9, 1));
        assertEquals(25, ScaledDecimal.parseUnits(json, 12, 16, 2));
        assertEquals(70, ScaledDecimal.parseUnits(json, 19, 23, 8));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "-", "+", ".", "1.2.3", "abc", "1e", "1e+", "1e-", "1,5", " 1", "1 ", "--1", "1e5.5",
            "e5", "0x10", "1f", "NaN", "Infinity" })
    void malformedTextIsRefusedNamingTheText(String text) {
        NumberFormatException e = assertThrows(NumberFormatException.class, () -> ScaledDecimal.parseUnits(text, 4));
        assertEquals("not a decimal number: '" + text + "'", e.getMessage());
    }

    @Test
    void moreDecimalsThanTheScaleIsRefusedNamingTextAndScale() {
        NumberFormatException e = assertThrows(NumberFormatException.class,
                () -> ScaledDecimal.parseUnits("7e-7", 6));
        assertEquals("'7e-7' has more decimals than scale 6 allows", e.getMessage());
        e = assertThrows(NumberFormatException.class, () -> ScaledDecimal.parseUnits("0.123", 2));
        assertEquals("'0.123' has more decimals than scale 2 allows", e.getMessage());
        e = assertThrows(NumberFormatException.class,
                () -> ScaledDecimal.parseUnits("1.0000000000000000000000001", 8));
        assertEquals("'1.0000000000000000000000001' has more decimals than scale 8 allows", e.getMessage());
    }

    @Test
    void overflowIsRefusedNamingTextAndScale() {
        NumberFormatException e = assertThrows(NumberFormatException.class,
                () -> ScaledDecimal.parseUnits("9223372036854775808", 0));
        assertEquals("'9223372036854775808' does not fit a long at scale 0", e.getMessage());
        e = assertThrows(NumberFormatException.class, () -> ScaledDecimal.parseUnits("1e400", 0));
        assertEquals("'1e400' does not fit a long at scale 0", e.getMessage());
        e = assertThrows(NumberFormatException.class, () -> ScaledDecimal.parseUnits("100000000000", 8));
        assertEquals("'100000000000' does not fit a long at scale 8", e.getMessage());
    }

    @Test
    void parseAgreesWithBigDecimalOnRandomNumbers() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            int scale = random.nextInt(0, 10);
            long units = random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L);
            BigDecimal value = BigDecimal.valueOf(units, scale);
            for (String text : new String[] { value.toPlainString(), value.toString(),
                    value.stripTrailingZeros().toString(), value.toEngineeringString() }) {
                assertEquals(units, ScaledDecimal.parseUnits(text, scale), text);
                assertEquals(units * 10, ScaledDecimal.parseUnits(text, scale + 1), text);
            }
        }
    }

    @Test
    void toUnitsIsExact() {
        assertEquals(6500050, ScaledDecimal.toUnits(new BigDecimal("65000.5"), 2));
        assertEquals(15, ScaledDecimal.toUnits(new BigDecimal("1.500"), 1));
        assertEquals(70, ScaledDecimal.toUnits(new BigDecimal("7e-7"), 8));
        assertEquals(-484713, ScaledDecimal.toUnits(new BigDecimal("-4847.13"), 2));
        assertEquals(1500, ScaledDecimal.toUnits(new BigDecimal("1.5E+3"), 0));
    }

    @Test
    void toUnitsRefusesValuesItCannotHoldExactly() {
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> ScaledDecimal.toUnits(new BigDecimal("0.123"), 2));
        assertEquals("0.123 has more decimals than scale 2 allows", e.getMessage());
        e = assertThrows(ArithmeticException.class, () -> ScaledDecimal.toUnits(new BigDecimal("1E+19"), 0));
        assertEquals("10000000000000000000 does not fit a long at scale 0", e.getMessage());
        e = assertThrows(ArithmeticException.class, () -> ScaledDecimal.toUnits(new BigDecimal("1E+1000000"), 2));
        assertEquals("1E+1000000 does not fit a long at scale 2", e.getMessage());
        e = assertThrows(ArithmeticException.class,
                () -> ScaledDecimal.toUnits(new BigDecimal("92233720368547758.08"), 2));
        assertEquals("92233720368547758.08 does not fit a long at scale 2", e.getMessage());
    }

    @Test
    void fromUnitsIsNormalised() {
        assertEquals(new BigDecimal("65000.5"), ScaledDecimal.fromUnits(6500050, 2));
        assertEquals(BigDecimal.ONE, ScaledDecimal.fromUnits(100, 2));
        assertEquals(new BigDecimal("0.0000007"), ScaledDecimal.fromUnits(70, 8));
        assertEquals(BigDecimal.ZERO, ScaledDecimal.fromUnits(0, 8));
        assertEquals(new BigDecimal("-4847.13"), ScaledDecimal.fromUnits(-484713, 2));
    }

    @Test
    void scaleOutOfRangeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScaledDecimal.parseUnits("1", 19));
        assertEquals("scale must be 0..18, was 19", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScaledDecimal.toUnits(BigDecimal.ONE, -1));
        assertThrows(IllegalArgumentException.class, () -> ScaledDecimal.fromUnits(1, 19));
        assertEquals(1_000_000_000_000_000_000L, ScaledDecimal.unitsPerWhole(18));
    }

    @Test
    void parsingAllocatesNothing() {
        AllocationMeter meter = new AllocationMeter();
        assumeTrue(meter.isSupported(), "per-thread allocation not measurable");
        String json = "[[\"65000.5\",\"0.00000111\"],[\"1.5E+3\",\"-4847.13\"]]";
        long[] sink = new long[1];
        Runnable parse = () -> {
            for (int i = 0; i < 100_000; i++) {
                sink[0] += ScaledDecimal.parseUnits(json, 3, 10, 2) + ScaledDecimal.parseUnits(json, 13, 23, 8)
                        + ScaledDecimal.parseUnits(json, 28, 34, 1) + ScaledDecimal.parseUnits(json, 37, 45, 2);
            }
        };
        parse.run();
        long bytes = meter.measure(parse);
        assertEquals(0, bytes / 1024, "400,000 parses allocated " + bytes + " bytes");
    }
}
