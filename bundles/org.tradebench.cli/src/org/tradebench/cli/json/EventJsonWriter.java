package org.tradebench.cli.json;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

import org.tradebench.api.Decimals;

/**
 * Builds normalised events as JSON lines and writes them out a frame at a time: the lines one
 * input frame produced are kept until {@link #commit()}, so a frame that fails half way prints only
 * its error event (see {@link #discard()}).
 *
 * <pre>{@code
 * EventJsonWriter json = new EventJsonWriter(System.out);
 * json.begin("trade", "simulated").string("symbol", "BTC/USD").time("time", 1737972930123L)
 *     .string("id", "1597842012").decimal("price", new BigDecimal("103950.50")).end();
 * json.commit();
 * // {"type":"trade","exchange":"simulated","symbol":"BTC/USD","time":"2025-01-27T10:15:30.123Z","id":"1597842012","price":"103950.5"}
 * }</pre>
 *
 * <p>Exact by construction: strings are escaped per RFC 8259 (quote, backslash, control
 * characters, and U+2028/U+2029 so that the output is also valid JavaScript); decimals are plain
 * strings ({@code "0.0000007"}, {@code "2"}); there is no whitespace; every line ends with
 * {@code \n}. Not thread-safe.
 */
public final class EventJsonWriter {

    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Appendable out;
    private final StringBuilder pending = new StringBuilder(512);
    private int depth;

    /**
     * Creates a writer.
     *
     * @param out where committed lines go
     */
    public EventJsonWriter(Appendable out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Starts an event object with its {@code type} and {@code exchange}.
     *
     * @param type for example {@code "book"}
     * @param exchange for example {@code "simulated"}
     * @return this
     * @throws IllegalStateException when the previous event was not ended
     */
    public EventJsonWriter begin(String type, String exchange) {
        if (depth != 0) {
            throw new IllegalStateException("the previous event was not ended: " + pending);
        }
        pending.append('{');
        depth = 1;
        return string("type", type).string("exchange", exchange);
    }

    /**
     * A string field; left out when the value is null.
     *
     * @param name the field name
     * @param value the value, nullable
     * @return this
     */
    public EventJsonWriter string(String name, String value) {
        if (value != null) {
            name(name);
            quote(value, pending);
        }
        return this;
    }

    /**
     * A decimal field as a plain string; left out when the value is null.
     *
     * @param name the field name
     * @param value the value, nullable
     * @return this
     */
    public EventJsonWriter decimal(String name, BigDecimal value) {
        return value == null ? this : string(name, plain(value));
    }

    /**
     * An integer field (a JSON number).
     *
     * @param name the field name
     * @param value the value
     * @return this
     */
    public EventJsonWriter number(String name, long value) {
        name(name);
        pending.append(value);
        return this;
    }

    /**
     * A boolean field.
     *
     * @param name the field name
     * @param value the value
     * @return this
     */
    public EventJsonWriter bool(String name, boolean value) {
        name(name);
        pending.append(value);
        return this;
    }

    /**
     * A time field as ISO-8601 UTC with milliseconds; left out when negative (unknown).
     *
     * @param name the field name
     * @param epochMillis the time, or a negative number for "unknown"
     * @return this
     */
    public EventJsonWriter time(String name, long epochMillis) {
        return epochMillis < 0 ? this : string(name, isoMillis(epochMillis));
    }

    /**
     * Starts an array field.
     *
     * @param name the field name
     * @return this
     */
    public EventJsonWriter beginArray(String name) {
        name(name);
        pending.append('[');
        depth++;
        return this;
    }

    /**
     * Appends an array of strings as an element of the current array: a book level
     * {@code ["price","qty"]} or {@code ["price","qty","orderId"]}.
     *
     * @param values the strings
     * @return this
     */
    public EventJsonWriter tuple(String... values) {
        comma();
        pending.append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                pending.append(',');
            }
            quote(values[i], pending);
        }
        pending.append(']');
        return this;
    }

    /**
     * Ends the current array.
     *
     * @return this
     */
    public EventJsonWriter endArray() {
        if (depth < 2) {
            throw new IllegalStateException("no array to end");
        }
        pending.append(']');
        depth--;
        return this;
    }

    /** Ends the event object and its line. */
    public void end() {
        if (depth != 1) {
            throw new IllegalStateException("unbalanced event: " + pending);
        }
        pending.append("}\n");
        depth = 0;
    }

    /**
     * Writes the lines built since the last commit or discard.
     *
     * @throws IOException when the output fails
     */
    public void commit() throws IOException {
        if (depth != 0) {
            throw new IllegalStateException("an event is still open: " + pending);
        }
        out.append(pending);
        pending.setLength(0);
    }

    /** Drops the lines built since the last commit, including an unfinished event. */
    public void discard() {
        pending.setLength(0);
        depth = 0;
    }

    private void name(String name) {
        if (depth == 0) {
            throw new IllegalStateException("no event started");
        }
        comma();
        quote(name, pending);
        pending.append(':');
    }

    private void comma() {
        char last = pending.charAt(pending.length() - 1);
        if (last != '{' && last != '[') {
            pending.append(',');
        }
    }

    /**
     * A decimal as a plain string without exponent or trailing zeros.
     *
     * @param value the value
     * @return for example {@code "0.0000007"}, {@code "103950.5"}, {@code "2"}
     */
    public static String plain(BigDecimal value) {
        return Decimals.toPlainString(value);
    }

    /**
     * An ISO-8601 UTC time with milliseconds.
     *
     * @param epochMillis milliseconds since the epoch
     * @return for example {@code "2025-01-27T10:15:30.123Z"}
     */
    public static String isoMillis(long epochMillis) {
        return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }

    /**
     * Appends a JSON string literal.
     *
     * @param value the string
     * @param to where to append
     */
    public static void quote(String value, StringBuilder to) {
        to.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> to.append("\\\"");
                case '\\' -> to.append("\\\\");
                case '\n' -> to.append("\\n");
                case '\r' -> to.append("\\r");
                case '\t' -> to.append("\\t");
                case '\b' -> to.append("\\b");
                case '\f' -> to.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        to.append(String.format("\\u%04x", (int) c));
                    } else {
                        to.append(c);
                    }
                }
            }
        }
        to.append('"');
    }
}
