package org.tradebench.benchmarks;

import java.math.BigDecimal;
import java.util.ArrayList;
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
 * How a Binance diff-depth client is commonly written: every message parsed into a Gson tree
 * ({@link JsonParser#parseString}), levels in two {@code TreeMap<BigDecimal, BigDecimal>}, and
 * Binance's local-book procedure: diffs buffered until the REST snapshot is in, those with
 * {@code u <= lastUpdateId} dropped, the first applied one must have
 * {@code U <= lastUpdateId + 1 <= u}, every later one {@code U == previous u + 1} (a gap is counted).
 *
 * <p>Thread-safe: diffs come from the reading thread, the snapshot from an HTTP thread; each
 * message is handled under the book's lock.
 */
public final class NaiveBinanceBook {

    private final NavigableMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
    private final NavigableMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
    private final List<JsonObject> buffered = new ArrayList<>();
    private boolean synced;
    private long lastUpdateId = -1;
    private long applied;
    private long dropped;
    private long gaps;

    /**
     * Parses one combined-stream message and applies (or buffers) its diff; the subscribe answer
     * and other messages are ignored.
     *
     * @param message the text as received
     */
    public synchronized void decode(String message) {
        JsonObject root = JsonParser.parseString(message).getAsJsonObject();
        if (!root.has("data")) {
            return;
        }
        JsonObject data = root.getAsJsonObject("data");
        if (!"depthUpdate".equals(data.get("e").getAsString())) {
            return;
        }
        if (!synced) {
            buffered.add(data);
        } else {
            diff(data);
        }
    }

    /**
     * The REST snapshot: the book, then the buffered diffs that are newer.
     *
     * @param text {@code {"lastUpdateId":..,"bids":[..],"asks":[..]}}
     */
    public synchronized void snapshot(String text) {
        JsonObject o = JsonParser.parseString(text).getAsJsonObject();
        bids.clear();
        asks.clear();
        lastUpdateId = o.get("lastUpdateId").getAsLong();
        apply(bids, o.getAsJsonArray("bids"));
        apply(asks, o.getAsJsonArray("asks"));
        synced = true;
        boolean first = true;
        for (JsonObject d : buffered) {
            long u = d.get("u").getAsLong();
            if (u <= lastUpdateId) {
                dropped++;
                continue;
            }
            if (first && d.get("U").getAsLong() > lastUpdateId + 1) {
                gaps++; // the snapshot is too old for the buffered diffs
            }
            first = false;
            diff(d);
        }
        buffered.clear();
    }

    private void diff(JsonObject d) {
        long first = d.get("U").getAsLong();
        long last = d.get("u").getAsLong();
        if (last <= lastUpdateId) {
            dropped++;
            return;
        }
        if (applied > 0 && first != lastUpdateId + 1) {
            gaps++;
        }
        apply(bids, d.getAsJsonArray("b"));
        apply(asks, d.getAsJsonArray("a"));
        lastUpdateId = last;
        applied++;
    }

    private static void apply(NavigableMap<BigDecimal, BigDecimal> side, JsonArray levels) {
        for (JsonElement e : levels) {
            JsonArray l = e.getAsJsonArray();
            BigDecimal price = new BigDecimal(l.get(0).getAsString());
            BigDecimal qty = new BigDecimal(l.get(1).getAsString());
            if (qty.signum() == 0) {
                side.remove(price);
            } else {
                side.put(price, qty);
            }
        }
    }

    /** Diffs applied. */
    public synchronized long applied() {
        return applied;
    }

    /** Diffs dropped as older than the snapshot. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Diffs that did not continue the previous one. */
    public synchronized long gaps() {
        return gaps;
    }

    /** The last applied {@code u}. */
    public synchronized long lastUpdateId() {
        return lastUpdateId;
    }

    /**
     * What differs from a book, or null when equal.
     *
     * @param expectedBids bids best first
     * @param expectedAsks asks best first
     * @return the first difference, for people
     */
    public synchronized String difference(List<BinanceDepthRecording.Level> expectedBids,
            List<BinanceDepthRecording.Level> expectedAsks) {
        String d = difference("bids", bids, expectedBids);
        return d != null ? d : difference("asks", asks, expectedAsks);
    }

    private static String difference(String name, NavigableMap<BigDecimal, BigDecimal> side,
            List<BinanceDepthRecording.Level> expected) {
        if (side.size() != expected.size()) {
            return name + ": " + side.size() + " levels, the server has " + expected.size();
        }
        Iterator<Map.Entry<BigDecimal, BigDecimal>> it = side.entrySet().iterator();
        for (BinanceDepthRecording.Level l : expected) {
            Map.Entry<BigDecimal, BigDecimal> e = it.next();
            if (e.getKey().compareTo(new BigDecimal(l.priceText())) != 0
                    || e.getValue().compareTo(new BigDecimal(l.quantityText())) != 0) {
                return name + ": " + e.getKey() + " x " + e.getValue() + ", the server has " + l;
            }
        }
        return null;
    }
}
