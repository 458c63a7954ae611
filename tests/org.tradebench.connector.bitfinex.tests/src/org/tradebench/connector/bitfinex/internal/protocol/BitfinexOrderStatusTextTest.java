package org.tradebench.connector.bitfinex.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOrderStatusText.Execution;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOrderStatusText.Kind;

/** Order status texts in the shapes Bitfinex sends, to kinds, executions, API statuses and reasons. */
class BitfinexOrderStatusTextTest {

    @Test
    void executedWithEarlierPartialFillsListsEveryExecution() {
        BitfinexOrderStatusText s = BitfinexOrderStatusText
                .parse("EXECUTED @ 9181.0(0.001): was PARTIALLY FILLED @ 9180.9(0.002), PARTIALLY FILLED @ 9181.0(0.003)");
        assertEquals(Kind.EXECUTED, s.kind());
        assertEquals("EXECUTED", s.code());
        assertEquals("", s.detail());
        assertEquals("PARTIALLY FILLED @ 9180.9(0.002), PARTIALLY FILLED @ 9181.0(0.003)", s.previous());
        assertEquals(List.of(new Execution(new BigDecimal("9181.0"), new BigDecimal("0.001")),
                new Execution(new BigDecimal("9180.9"), new BigDecimal("0.002")),
                new Execution(new BigDecimal("9181.0"), new BigDecimal("0.003"))), s.executions());
        assertEquals(OrderStatus.FILLED, s.orderStatus(true, BigDecimal.ZERO, new BigDecimal("0.006")));
        assertEquals("", s.reason());
    }

    @Test
    void detailsAndEarlierStatesAreSeparatedFromTheCode() {
        BitfinexOrderStatusText dust = BitfinexOrderStatusText.parse("RSN_DUST was: ACTIVE (note: POSCLOSE)");
        assertEquals("RSN_DUST", dust.code());
        assertEquals("", dust.detail());
        assertEquals("ACTIVE (note: POSCLOSE)", dust.previous());
        assertTrue(dust.wasWorking());
        BitfinexOrderStatusText pause = BitfinexOrderStatusText.parse("RSN_PAUSE (trading is paused due to AMPL rebase event)");
        assertEquals("RSN_PAUSE", pause.code());
        assertEquals("trading is paused due to AMPL rebase event", pause.detail());
        assertFalse(pause.wasWorking());
        assertEquals("trading is paused (RSN_PAUSE: trading is paused due to AMPL rebase event)", pause.reason());
        BitfinexOrderStatusText cancelled = BitfinexOrderStatusText.parse("CANCELED was: PARTIALLY FILLED @ 0.1(1.0)");
        assertEquals(Kind.CANCELED, cancelled.kind());
        assertEquals(List.of(new Execution(new BigDecimal("0.1"), new BigDecimal("1.0"))), cancelled.executions());
    }

    /** text, closed, remaining, original, expected status, expected reason. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ACTIVE                                                 | false | 0.5   | 0.5   | OPEN             | ",
        "PARTIALLY FILLED @ 103950.5(0.1)                       | false | 0.4   | 0.5   | PARTIALLY_FILLED | ",
        "EXECUTED @ 107.6(-0.2)                                 | true  | 0     | -0.2  | FILLED           | ",
        "FORCED EXECUTED @ 107.6(-0.2)                          | true  | 0     | -0.2  | FILLED           | ",
        "CANCELED                                               | true  | 0.5   | 0.5   | CANCELLED        | ",
        "CANCELED was: PARTIALLY FILLED @ 0.1(1.0)              | true  | 1     | 2     | CANCELLED        | ",
        "IOC CANCELED                                           | true  | 0.3   | 0.5   | CANCELLED        | immediate-or-cancel order: what could not fill at once was cancelled (IOC CANCELED)",
        "FILLORKILL CANCELED                                    | true  | -1    | -1    | CANCELLED        | fill-or-kill order could not fill completely at once (FILLORKILL CANCELED)",
        "POSTONLY CANCELED                                      | true  | 0.1   | 0.1   | REJECTED         | post-only order would have taken liquidity (POSTONLY CANCELED)",
        "INSUFFICIENT BALANCE (U1)                              | true  | 0.1   | 0.1   | REJECTED         | insufficient balance (INSUFFICIENT BALANCE: U1)",
        "INSUFFICIENT BALANCE (G1)                              | true  | 0.04  | 0.1   | CANCELLED        | insufficient balance (INSUFFICIENT BALANCE: G1)",
        "INSUFFICIENT MARGIN was: PARTIALLY FILLED @ 103900(-0.2) | true | -0.3 | -0.5  | CANCELLED        | insufficient margin (INSUFFICIENT MARGIN)",
        "INSUFFICIENT MARGIN                                    | true  | -0.5  | -0.5  | REJECTED         | insufficient margin (INSUFFICIENT MARGIN)",
        "RSN_DUST (amount is less than 0.00000001)              | true  | 0.000000001 | 0.000000001 | REJECTED | amount too small to keep (dust) (RSN_DUST: amount is less than 0.00000001)",
        "RSN_DUST was: ACTIVE (note: POSCLOSE)                  | true  | 0.5   | 0.5   | CANCELLED        | amount too small to keep (dust) (RSN_DUST)",
        "RSN_BOOK_SLIP was: PARTIALLY FILLED @ 140.0(0.01)      | true  | 0.01  | 0.02  | CANCELLED        | the price would have slipped too far through the book (RSN_BOOK_SLIP)",
        "RSN_POS_REDUCE_FLIP                                    | true  | -1    | -1    | REJECTED         | reduce-only order would have flipped the position (RSN_POS_REDUCE_FLIP)",
        "RSN_POS_REDUCE_INCR                                    | true  | 1     | 1     | REJECTED         | reduce-only order would have increased the position (RSN_POS_REDUCE_INCR)",
        "RSN_POS_NOTFOUND                                       | true  | 1     | 1     | REJECTED         | reduce-only order without a position to reduce (RSN_POS_NOTFOUND)",
        "SOMETHING NEW                                          | false | 0.2   | 0.5   | PARTIALLY_FILLED | SOMETHING NEW",
        "SOMETHING NEW                                          | true  | 0     | 0.5   | FILLED           | SOMETHING NEW",
        "SOMETHING NEW                                          | true  | 0.5   | 0.5   | CANCELLED        | SOMETHING NEW",
        "'  active '                                            | false | 0.5   | 0.5   | OPEN             | ",
    })
    void statusTextsMapToTheApiStateMachineWithAReason(String text, boolean closed, String remaining, String original,
            OrderStatus expected, String reason) {
        BitfinexOrderStatusText s = BitfinexOrderStatusText.parse(text);
        assertEquals(expected, s.orderStatus(closed, new BigDecimal(remaining), new BigDecimal(original)), text);
        assertEquals(reason == null ? "" : reason, s.reason(), text);
    }

    @Test
    void aRejectedOrderWasNeverWorkingSoTheStateMachineAllowsEveryMapping() {
        // REJECTED only comes from PENDING_NEW (or after a disconnect), never from OPEN or
        // PARTIALLY_FILLED: an order that had worked is cancelled instead.
        for (String text : List.of("INSUFFICIENT MARGIN was: PARTIALLY FILLED @ 1(1)", "RSN_DUST was: ACTIVE",
                "POSTONLY CANCELED")) {
            OrderStatus s = BitfinexOrderStatusText.parse(text).orderStatus(true, new BigDecimal("1"), new BigDecimal("2"));
            assertTrue(OrderStatus.PARTIALLY_FILLED.canBecome(s), text + " -> " + s);
        }
    }

    @Test
    void anEmptyStatusIsUnknownAndFollowsTheAmounts() {
        BitfinexOrderStatusText s = BitfinexOrderStatusText.parse("");
        assertEquals(Kind.UNKNOWN, s.kind());
        assertEquals(OrderStatus.OPEN, s.orderStatus(false, BigDecimal.ONE, BigDecimal.ONE));
    }
}
