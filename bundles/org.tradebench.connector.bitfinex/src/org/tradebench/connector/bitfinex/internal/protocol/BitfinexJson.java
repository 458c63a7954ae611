package org.tradebench.connector.bitfinex.internal.protocol;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * Reads the frames that are not on the hot path (events, tickers, trades, candles, status, the
 * account channel) with Gson's streaming reader, without a tree library: arrays become lists,
 * objects maps, and every number and string stays its exact wire text (a NUMBER's
 * {@code nextString()} is its literal), so nothing is rounded on the way to a {@link BigDecimal}.
 * {@link Row} gives typed access to one array with messages that name the field.
 *
 * <pre>{@code
 * List<Object> top = BitfinexJson.readTopArray("[17,[1,2]]", "ticker tBTCUSD");
 * BitfinexJson.Row r = new BitfinexJson.Row((List<?>) top.get(1), "ticker tBTCUSD");
 * BigDecimal bid = r.requiredDecimal(0, "BID");
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
final class BitfinexJson {

    private BitfinexJson() {
    }

    static List<Object> readTopArray(CharSequence frame, String context) {
        Object value = readTop(frame);
        if (!(value instanceof List<?> list)) {
            throw new BitfinexProtocolException(context + ": expected an array frame");
        }
        @SuppressWarnings("unchecked")
        List<Object> top = (List<Object>) list;
        return top;
    }

    static Map<String, Object> readTopObject(CharSequence frame) {
        Object value = readTop(frame);
        if (!(value instanceof Map<?, ?>)) {
            throw new BitfinexProtocolException("expected an object frame");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return map;
    }

    static Object readTop(CharSequence frame) {
        try (JsonReader reader = new JsonReader(new StringReader(frame.toString()))) {
            Object value = readValue(reader, 0);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new BitfinexProtocolException("unexpected text after the end of the frame");
            }
            return value;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new BitfinexProtocolException("not valid JSON: " + gsonMessage(e), e);
        }
    }

    private static Object readValue(JsonReader reader, int depth) throws IOException {
        if (depth > 16) {
            throw new BitfinexProtocolException("frame nested deeper than 16 levels");
        }
        switch (reader.peek()) {
            case BEGIN_ARRAY -> {
                List<Object> list = new ArrayList<>();
                reader.beginArray();
                while (reader.hasNext()) {
                    list.add(readValue(reader, depth + 1));
                }
                reader.endArray();
                return list;
            }
            case BEGIN_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                reader.beginObject();
                while (reader.hasNext()) {
                    map.put(reader.nextName(), readValue(reader, depth + 1));
                }
                reader.endObject();
                return map;
            }
            case STRING, NUMBER -> {
                return reader.nextString(); // a NUMBER's exact wire text
            }
            case BOOLEAN -> {
                return Boolean.toString(reader.nextBoolean());
            }
            case NULL -> {
                reader.nextNull();
                return null;
            }
            default -> throw new IllegalStateException("unexpected " + reader.peek() + " at " + reader.getPath());
        }
    }

    /** Gson's messages point at its troubleshooting page; keep the part that says where. */
    static String gsonMessage(Exception e) {
        String m = String.valueOf(e.getMessage());
        int see = m.indexOf("\nSee ");
        if (see >= 0) {
            m = m.substring(0, see);
        }
        return m.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON")
                .replace("End of input", "the frame ends early");
    }

    static boolean isInteger(String s) {
        int start = s.startsWith("-") ? 1 : 0;
        if (s.length() == start || s.length() > 20) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static long parseInteger(String s, String what) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new BitfinexProtocolException(what + " is not an integer that fits a long: '" + s + "'");
        }
    }

    static String stringField(Map<String, Object> e, String name) {
        return e.get(name) instanceof String s ? s : "";
    }

    static int intField(Map<String, Object> e, String name, int absent) {
        long v = longField(e, name, absent);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new BitfinexProtocolException("field \"" + name + "\" is out of range: " + v);
        }
        return (int) v;
    }

    static long longField(Map<String, Object> e, String name, long absent) {
        Object v = e.get(name);
        if (v == null) {
            return absent;
        }
        if (!(v instanceof String s) || !isInteger(s)) {
            throw new BitfinexProtocolException("field \"" + name + "\" is not an integer: " + v);
        }
        return parseInteger(s, "field \"" + name + "\"");
    }

    /** Typed access to one array of wire texts, with messages that name the field. */
    static final class Row {

        private final List<?> values;
        private final String context;

        Row(List<?> values, String context) {
            this.values = values;
            this.context = context;
        }

        int size() {
            return values.size();
        }

        void requireSize(int size, String shape) {
            if (values.size() < size) {
                throw new BitfinexProtocolException(context + ": expected at least " + size + " fields " + shape
                        + ", got " + values.size());
            }
        }

        private Object get(int i) {
            return i < values.size() ? values.get(i) : null;
        }

        String string(int i) {
            return get(i) instanceof String s ? s : null;
        }

        String requiredString(int i, String name) {
            String s = string(i);
            if (s == null) {
                throw missing(i, name);
            }
            return s;
        }

        List<?> list(int i) {
            return get(i) instanceof List<?> l ? l : null;
        }

        BigDecimal decimal(int i, String name) {
            Object v = get(i);
            if (v == null) {
                return null;
            }
            if (v instanceof String s) {
                try {
                    return new BigDecimal(s);
                } catch (NumberFormatException e) {
                    // fall through to the error below
                }
            }
            throw new BitfinexProtocolException(context + ": field " + name + " (index " + i + ") is not a number: " + v);
        }

        BigDecimal requiredDecimal(int i, String name) {
            BigDecimal d = decimal(i, name);
            if (d == null) {
                throw missing(i, name);
            }
            return d;
        }

        Long optionalLong(int i, String name) {
            Object v = get(i);
            if (v == null) {
                return null;
            }
            if (!(v instanceof String s) || !isInteger(s)) {
                throw new BitfinexProtocolException(context + ": field " + name + " (index " + i
                        + ") is not an integer: " + v);
            }
            return parseInteger(s, name);
        }

        long requiredLong(int i, String name) {
            Long v = optionalLong(i, name);
            if (v == null) {
                throw missing(i, name);
            }
            return v;
        }

        Integer integer(int i, String name) {
            Long v = optionalLong(i, name);
            if (v == null) {
                return null;
            }
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new BitfinexProtocolException(context + ": field " + name + " (index " + i + ") is out of range: " + v);
            }
            return v.intValue();
        }

        private BitfinexProtocolException missing(int i, String name) {
            return new BitfinexProtocolException(context + ": field " + name + " (index " + i + ") is missing");
        }
    }
}
