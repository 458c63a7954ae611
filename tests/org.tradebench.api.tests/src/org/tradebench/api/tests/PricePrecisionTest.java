package org.tradebench.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradebench.api.tests.TestValues.d;

import java.math.RoundingMode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tradebench.api.instrument.PricePrecision;
import org.tradebench.api.instrument.PricePrecision.SignificantDigits;
import org.tradebench.api.instrument.PricePrecision.TickSize;

class PricePrecisionTest {

    /** Bitfinex: five significant digits, at most eight decimals. */
    private static final PricePrecision BITFINEX = new SignificantDigits(5, 8);

    @ParameterizedTest(name = "at {0} the step is {1}")
    @CsvSource({
            "65000, 1",
            "65000.5, 1",
            "99999, 1",
            "104000, 10",
            "104250, 10",
            "1040000, 100",
            "6.5E+4, 1",
            "1.2345, 0.0001",
            "0.5, 0.00001",
            "0.00012345, 0.00000001",
            "0.0000012345, 0.00000001" })
    void significantDigitsStepFollowsThePriceMagnitude(String price, String step) {
        assertEquals(d(step), BITFINEX.step(d(price)));
    }

    @Test
    void significantDigitsStepIsNormalisedAboveTenToTheDigits() {
        // 10, not 1E+1: the step is shown to people and compared with equals
        assertEquals("10", BITFINEX.step(d("104000")).toString());
        assertEquals("100", BITFINEX.step(d("1040000")).toString());
    }

    @ParameterizedTest(name = "{0} rounded {1} is {2}")
    @CsvSource({
            "104257, DOWN, 104250",
            "104257, UP, 104260",
            "104257, HALF_UP, 104260",
            "104255, HALF_UP, 104260",
            "104255, HALF_DOWN, 104250",
            "104265, HALF_EVEN, 104260",
            "104255, HALF_EVEN, 104260",
            "104251, CEILING, 104260",
            "104259, FLOOR, 104250",
            "65000.5, DOWN, 65000",
            "65000.5, HALF_UP, 65001",
            "99999.5, HALF_UP, 100000",
            "0.000123456, HALF_UP, 0.00012346",
            "0.000123454, HALF_UP, 0.00012345",
            "0.0000001234567, DOWN, 0.00000012",
            "0.0000001294567, HALF_UP, 0.00000013",
            // rounded once, at 8 decimals: not to 5 digits first (0.000012345) and then up
            "0.0000123449, HALF_UP, 0.00001234",
            "0.0000123451, HALF_UP, 0.00001235" })
    void significantDigitsRoundToFiveDigitsAndEightDecimals(String price, RoundingMode mode, String rounded) {
        assertEquals(d(rounded), BITFINEX.round(d(price), mode));
    }

    @Test
    void significantDigitsValidityIsWhatRoundingLeavesUnchanged() {
        assertTrue(BITFINEX.isValid(d("65000")));
        assertTrue(BITFINEX.isValid(d("65001")));
        assertFalse(BITFINEX.isValid(d("65000.5")), "six digits");
        assertTrue(BITFINEX.isValid(d("104250")));
        assertFalse(BITFINEX.isValid(d("104255")));
        assertTrue(BITFINEX.isValid(d("0.00012345")));
        assertFalse(BITFINEX.isValid(d("0.000123456")));
        assertFalse(BITFINEX.isValid(d("0.000000123")), "nine decimals");
        assertTrue(BITFINEX.isValid(d("104250.000")), "trailing zeros are not digits");
    }

    @Test
    void significantDigitsDescribeScaleAndSmallestStep() {
        assertEquals(8, BITFINEX.maxScale());
        assertEquals(d("0.00000001"), BITFINEX.smallestStep());
        assertEquals("5 significant digits", BITFINEX.describe());
        assertEquals(d("1"), new SignificantDigits(3, 0).smallestStep());
    }

    @Test
    void significantDigitsRefuseOutOfRangeParameters() {
        assertEquals("significant digits must be 1..18, was 0",
                assertThrows(IllegalArgumentException.class, () -> new SignificantDigits(0, 8)).getMessage());
        assertEquals("significant digits must be 1..18, was 19",
                assertThrows(IllegalArgumentException.class, () -> new SignificantDigits(19, 8)).getMessage());
        assertEquals("max scale must be 0..18, was -1",
                assertThrows(IllegalArgumentException.class, () -> new SignificantDigits(5, -1)).getMessage());
        assertEquals("price must be > 0, was 0",
                assertThrows(IllegalArgumentException.class, () -> BITFINEX.step(d("0"))).getMessage());
    }

    @ParameterizedTest(name = "{0} on a tick of 0.5 rounded {1} is {2}")
    @CsvSource({
            "100.26, HALF_UP, 100.5",
            "100.24, HALF_UP, 100",
            "100.25, HALF_UP, 100.5",
            "100.25, HALF_DOWN, 100",
            "100.24, UP, 100.5",
            "100.49, DOWN, 100",
            "100.5, DOWN, 100.5" })
    void tickSizeRoundsToWholeTicks(String price, RoundingMode mode, String rounded) {
        assertEquals(d(rounded), new TickSize(d("0.5")).round(d(price), mode));
    }

    @Test
    void tickSizeIsNormalisedAndTheSameStepEverywhere() {
        TickSize cent = new TickSize(d("0.010"));
        assertEquals(d("0.01"), cent.tick());
        assertEquals(d("0.01"), cent.step(d("0.05")));
        assertEquals(d("0.01"), cent.step(d("104000")));
        assertEquals(d("0.01"), cent.smallestStep());
        assertEquals(2, cent.maxScale());
        assertEquals("tick 0.01", cent.describe());
        assertEquals(0, new TickSize(d("25")).maxScale());
        assertEquals(new TickSize(d("0.01")), cent, "records compare the normalised tick");
    }

    @Test
    void tickSizeValidityIsBeingOnTheGrid() {
        TickSize cent = new TickSize(d("0.01"));
        assertTrue(cent.isValid(d("65000.12")));
        assertTrue(cent.isValid(d("65000.120")));
        assertFalse(cent.isValid(d("65000.125")));
        assertTrue(new TickSize(d("5")).isValid(d("65005")));
        assertFalse(new TickSize(d("5")).isValid(d("65007")));
    }

    @Test
    void tickSizeMustBePositive() {
        assertEquals("tick size must be > 0, was 0",
                assertThrows(IllegalArgumentException.class, () -> new TickSize(d("0"))).getMessage());
        assertEquals("tick size must be > 0, was -0.01",
                assertThrows(IllegalArgumentException.class, () -> new TickSize(d("-0.01"))).getMessage());
    }
}
