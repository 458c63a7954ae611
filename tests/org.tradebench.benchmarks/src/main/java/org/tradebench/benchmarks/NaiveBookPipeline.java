package org.tradebench.benchmarks;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.zip.CRC32;

import org.tradebench.venues.bitfinex.BitfinexWire;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The baseline: how a Bitfinex book client is commonly written. Every frame is parsed into a Gson
 * tree ({@link JsonParser#parseString}), levels live in two {@code TreeMap<BigDecimal, BigDecimal>}
 * (price to signed amount), and a {@code cs} frame is verified by rendering the top 25 levels per
 * side back to Bitfinex's number text ({@link BitfinexWire#number}, which reproduces the wire text
 * exactly) and taking the CRC32 of the joined string. It does the same work as
 * {@link TradebenchBookPipeline}: the same checks, the same sequence gap detection.
 *
 * <pre>{@code
 * NaiveBookPipeline p = new NaiveBookPipeline();
 * recording.preamble().forEach(p::decode);
 * recording.frames().forEach(p::decode);
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class NaiveBookPipeline {

    private final NavigableMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
    private final NavigableMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
    private final CRC32 crc = new CRC32();
    private int chanId = -1;
    private long lastSequence = Long.MIN_VALUE;
    private long checksumsVerified;
    private long checksumMismatches;
    private long sequenceGaps;

    /** Creates an empty pipeline. */
    public NaiveBookPipeline() {
    }

    /**
     * Parses and applies one frame.
     *
     * @param frame the frame as received
     */
    public void decode(String frame) {
        JsonElement root = JsonParser.parseString(frame);
        if (root.isJsonObject()) {
            JsonObject event = root.getAsJsonObject();
            if ("subscribed".equals(event.get("event").getAsString()) && "book".equals(event.get("channel").getAsString())) {
                chanId = event.get("chanId").getAsInt();
            }
            return;
        }
        JsonArray message = root.getAsJsonArray();
        if (message.get(0).getAsInt() != chanId) {
            return;
        }
        JsonElement payload = message.get(1);
        if (payload.isJsonPrimitive()) {
            String type = payload.getAsString();
            if (type.equals("cs")) {
                int expected = message.get(2).getAsInt();
                sequence(message, 3);
                if (checksum() == expected) {
                    checksumsVerified++;
                } else {
                    checksumMismatches++;
                }
            } else if (type.equals("hb")) {
                sequence(message, 2);
            }
            return;
        }
        JsonArray rows = payload.getAsJsonArray();
        if (!rows.isEmpty() && rows.get(0).isJsonArray()) {
            bids.clear();
            asks.clear();
            for (JsonElement row : rows) {
                apply(row.getAsJsonArray());
            }
            lastSequence = message.size() > 2 ? message.get(2).getAsLong() : Long.MIN_VALUE;
        } else {
            sequence(message, 2);
            apply(rows);
        }
    }

    private void apply(JsonArray row) {
        BigDecimal price = row.get(0).getAsBigDecimal();
        int count = row.get(1).getAsInt();
        BigDecimal amount = row.get(2).getAsBigDecimal();
        NavigableMap<BigDecimal, BigDecimal> side = amount.signum() > 0 ? bids : asks;
        if (count == 0) {
            side.remove(price);
        } else {
            side.put(price, amount);
        }
    }

    private void sequence(JsonArray message, int index) {
        if (message.size() <= index) {
            return;
        }
        // SEQ_ALL comes before TIMESTAMP; a timestamp is at least 10^12.
        long seq = message.get(index).getAsLong();
        if (seq >= 1_000_000_000_000L) {
            return;
        }
        if (lastSequence != Long.MIN_VALUE && seq != lastSequence + 1) {
            sequenceGaps++;
        }
        lastSequence = seq;
    }

    private int checksum() {
        StringBuilder text = new StringBuilder(1024);
        Iterator<Map.Entry<BigDecimal, BigDecimal>> b = bids.entrySet().iterator();
        Iterator<Map.Entry<BigDecimal, BigDecimal>> a = asks.entrySet().iterator();
        for (int i = 0; i < BitfinexBookRecording.DEPTH; i++) {
            if (b.hasNext()) {
                append(text, b.next());
            }
            if (a.hasNext()) {
                append(text, a.next());
            }
        }
        crc.reset();
        crc.update(text.toString().getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    private static void append(StringBuilder text, Map.Entry<BigDecimal, BigDecimal> level) {
        if (!text.isEmpty()) {
            text.append(':');
        }
        text.append(BitfinexWire.number(level.getKey())).append(':').append(BitfinexWire.number(level.getValue()));
    }

    /**
     * The bids, best first.
     *
     * @return price to signed amount (live view)
     */
    public NavigableMap<BigDecimal, BigDecimal> bids() {
        return bids;
    }

    /**
     * The asks, best first.
     *
     * @return price to signed amount, negative (live view)
     */
    public NavigableMap<BigDecimal, BigDecimal> asks() {
        return asks;
    }

    /** @return checksum frames that matched */
    public long checksumsVerified() {
        return checksumsVerified;
    }

    /** @return checksum frames that did not match */
    public long checksumMismatches() {
        return checksumMismatches;
    }

    /** @return frames whose sequence did not follow the previous one */
    public long sequenceGaps() {
        return sequenceGaps;
    }

    /**
     * A value that depends on the book, for the benchmark to return.
     *
     * @return a number derived from the best levels
     */
    public long fingerprint() {
        long bid = bids.isEmpty() ? 0 : bids.firstKey().longValue();
        long ask = asks.isEmpty() ? 0 : asks.firstKey().longValue();
        return bid + ask + bids.size() + checksumMismatches;
    }
}
