package org.tradebench.benchmarks;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * How a Bitfinex book client is commonly written: every message parsed into a Gson tree
 * ({@link JsonParser#parseString}), levels in two {@code TreeMap<BigDecimal, ...>} (price to level),
 * and a {@code cs} frame verified by rendering the top 25 levels per side back to Bitfinex's number
 * text and taking the CRC32 of the joined string; sequence numbers checked for gaps. It does the
 * connector's checks, not its work beyond them (no delivery thread, no listener).
 *
 * <pre>{@code
 * NaiveBook book = new NaiveBook();
 * book.decode("{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":17,...}");
 * book.decode("[17,[[103949,2,0.41],...],1,1737972930000]");
 * book.checksumsVerified();
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class NaiveBook {

    /** One level: count and signed amount. */
    private record Level(int count, BigDecimal amount) {
    }

    private final NavigableMap<BigDecimal, Level> bids = new TreeMap<>(Comparator.reverseOrder());
    private final NavigableMap<BigDecimal, Level> asks = new TreeMap<>();
    private int chanId = -1;
    private long lastSequence = Long.MIN_VALUE;
    private long checksumsVerified;
    private long checksumMismatches;
    private long sequenceGaps;

    /** Creates an empty book. */
    public NaiveBook() {
    }

    /**
     * Parses and applies one message.
     *
     * @param message the text as received
     */
    public void decode(String message) {
        JsonElement root = JsonParser.parseString(message);
        if (root.isJsonObject()) {
            JsonObject event = root.getAsJsonObject();
            if ("subscribed".equals(event.get("event").getAsString()) && "book".equals(event.get("channel").getAsString())) {
                chanId = event.get("chanId").getAsInt();
            }
            return;
        }
        JsonArray data = root.getAsJsonArray();
        if (data.get(0).getAsInt() != chanId) {
            return;
        }
        JsonElement payload = data.get(1);
        if (payload.isJsonPrimitive()) {
            String type = payload.getAsString();
            if (type.equals("cs")) {
                int expected = data.get(2).getAsInt();
                sequence(data, 3);
                if (checksum() == expected) {
                    checksumsVerified++;
                } else {
                    checksumMismatches++;
                }
            } else if (type.equals("hb")) {
                sequence(data, 2);
            }
            return;
        }
        JsonArray rows = payload.getAsJsonArray();
        sequence(data, 2);
        if (!rows.isEmpty() && rows.get(0).isJsonArray()) {
            bids.clear();
            asks.clear();
            for (JsonElement row : rows) {
                apply(row.getAsJsonArray());
            }
        } else {
            apply(rows);
        }
    }

    private void apply(JsonArray row) {
        BigDecimal price = row.get(0).getAsBigDecimal();
        int count = row.get(1).getAsInt();
        BigDecimal amount = row.get(2).getAsBigDecimal();
        NavigableMap<BigDecimal, Level> side = amount.signum() > 0 ? bids : asks;
        if (count == 0) {
            side.remove(price);
        } else {
            side.put(price, new Level(count, amount));
        }
    }

    private void sequence(JsonArray data, int index) {
        // SEQ_ALL and TIMESTAMP trail every data frame; a timestamp is at least 10^12.
        for (int i = index; i < data.size(); i++) {
            long value = data.get(i).getAsLong();
            if (value >= 1_000_000_000_000L) {
                continue;
            }
            if (lastSequence != Long.MIN_VALUE && value != lastSequence + 1) {
                sequenceGaps++;
            }
            lastSequence = value;
        }
    }

    private int checksum() {
        StringBuilder text = new StringBuilder(1024);
        Iterator<Map.Entry<BigDecimal, Level>> b = bids.entrySet().iterator();
        Iterator<Map.Entry<BigDecimal, Level>> a = asks.entrySet().iterator();
        for (int i = 0; i < BitfinexBookRecording.DEPTH; i++) {
            if (b.hasNext()) {
                append(text, b.next());
            }
            if (a.hasNext()) {
                append(text, a.next());
            }
        }
        return BitfinexText.crc32(text.toString());
    }

    private static void append(StringBuilder text, Map.Entry<BigDecimal, Level> level) {
        if (!text.isEmpty()) {
            text.append(':');
        }
        text.append(BitfinexText.number(level.getKey())).append(':')
                .append(BitfinexText.number(level.getValue().amount()));
    }

    /** @return checksum frames that matched */
    public long checksumsVerified() {
        return checksumsVerified;
    }

    /** @return checksum frames that did not match */
    public long checksumMismatches() {
        return checksumMismatches;
    }

    /** @return frames whose sequence number did not follow the previous one */
    public long sequenceGaps() {
        return sequenceGaps;
    }

    /**
     * What differs from a book, or null when equal.
     *
     * @param expectedBids bids best first
     * @param expectedAsks asks best first
     * @return the first difference, for people
     */
    public String difference(List<BitfinexBookRecording.Level> expectedBids,
            List<BitfinexBookRecording.Level> expectedAsks) {
        String d = difference("bids", bids, expectedBids);
        return d != null ? d : difference("asks", asks, expectedAsks);
    }

    private static String difference(String name, NavigableMap<BigDecimal, Level> side,
            List<BitfinexBookRecording.Level> expected) {
        if (side.size() != expected.size()) {
            return name + ": " + side.size() + " levels, the server has " + expected.size();
        }
        Iterator<Map.Entry<BigDecimal, Level>> it = side.entrySet().iterator();
        for (BitfinexBookRecording.Level l : expected) {
            Map.Entry<BigDecimal, Level> e = it.next();
            if (e.getKey().compareTo(l.price()) != 0 || e.getValue().amount().compareTo(l.amount()) != 0
                    || e.getValue().count() != l.count()) {
                return name + ": " + e.getKey() + " x " + e.getValue() + ", the server has " + l;
            }
        }
        return null;
    }
}
