package org.tradebench.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.tradebench.cli.json.EventJsonWriter;

/** The JSON lines writer is exact: escaping, plain decimals, millisecond UTC times, commit/discard. */
class EventJsonWriterTest {

    private final StringBuilder out = new StringBuilder();
    private final EventJsonWriter json = new EventJsonWriter(out);

    @Test
    void decimalsArePlainWithoutExponentOrTrailingZeros() throws IOException {
        json.begin("t", "x").decimal("a", new BigDecimal("7e-7")).decimal("b", new BigDecimal("1E+3"))
                .decimal("c", new BigDecimal("103950.50")).decimal("d", new BigDecimal("-0.000")).decimal("e", null)
                .decimal("f", new BigDecimal("1.2345678901234567890123E+25")).end();
        json.commit();
        assertEquals("{\"type\":\"t\",\"exchange\":\"x\",\"a\":\"0.0000007\",\"b\":\"1000\",\"c\":\"103950.5\",\"d\":\"0\","
                + "\"f\":\"12345678901234567890123000\"}\n", out.toString());
    }

    @Test
    void stringsAreEscaped() throws IOException {
        json.begin("t", "x").string("s", "q\" b\\ n\n r\r t\t c\u0001 ls\u2028 é €").end();
        json.commit();
        assertEquals("{\"type\":\"t\",\"exchange\":\"x\",\"s\":\"q\\\" b\\\\ n\\n r\\r t\\t c\\u0001 ls\\u2028 é €\"}\n",
                out.toString());
    }

    @Test
    void timesAreUtcWithMilliseconds() throws IOException {
        json.begin("t", "x").time("time", 1737972930000L).time("unknown", -1).time("epoch", 0).end();
        json.commit();
        assertEquals("{\"type\":\"t\",\"exchange\":\"x\",\"time\":\"2025-01-27T10:15:30.000Z\",\"epoch\":\"1970-01-01T00:00:00.000Z\"}\n",
                out.toString());
    }

    @Test
    void arraysOfLevelsAndNumbersAndBooleans() throws IOException {
        json.begin("book", "x").number("sequence", 42).beginArray("bids").tuple("1", "2").tuple("3", "4", "99").endArray()
                .beginArray("asks").endArray().bool("ok", false).end();
        json.commit();
        assertEquals("{\"type\":\"book\",\"exchange\":\"x\",\"sequence\":42,\"bids\":[[\"1\",\"2\"],[\"3\",\"4\",\"99\"]],"
                + "\"asks\":[],\"ok\":false}\n", out.toString());
    }

    @Test
    void discardDropsUncommittedLines() throws IOException {
        json.begin("a", "x").end();
        json.begin("b", "x").string("half", "way");
        json.discard();
        json.begin("c", "x").end();
        json.commit();
        assertEquals("{\"type\":\"c\",\"exchange\":\"x\"}\n", out.toString());
        json.begin("d", "x");
        assertThrows(IllegalStateException.class, json::commit);
    }
}
