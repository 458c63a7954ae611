package org.tradebench.examples.skeleton.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * One symbol's market: a book of at most {@link #DEPTH} price levels a side that moves at random,
 * trades against it, and what each step changed, formatted as the protocol sends it. Owned by the
 * simulator thread.
 */
final class SimMarket {

    /** Levels a side; the checksum covers them all. */
    static final int DEPTH = 25;

    final String symbol;
    final String base;
    final String quote;
    final BigDecimal tick;
    final BigDecimal lot;
    private final int priceScale;
    private final int sizeScale;
    private final SplittableRandom random;
    private final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Collections.reverseOrder());
    private final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
    private long tradeIds = 1000;
    private BigDecimal last;
    private BigDecimal volume = BigDecimal.ZERO;

    /**
     * What one step changed.
     *
     * @param bidRows price and size text of each changed bid ("0" removes)
     * @param askRows the same for asks
     * @param tradeJson the trade's fields, or null
     */
    record Step(List<String[]> bidRows, List<String[]> askRows, String tradeJson) {
    }

    SimMarket(String symbol, String base, String quote, String tick, String lot, String mid, long seed) {
        this.symbol = symbol;
        this.base = base;
        this.quote = quote;
        this.tick = new BigDecimal(tick);
        this.lot = new BigDecimal(lot);
        this.priceScale = Math.max(0, this.tick.stripTrailingZeros().scale());
        this.sizeScale = Math.max(0, this.lot.stripTrailingZeros().scale());
        this.random = new SplittableRandom(seed);
        BigDecimal m = new BigDecimal(mid);
        for (int i = 1; i <= DEPTH; i++) {
            bids.put(m.subtract(this.tick.multiply(BigDecimal.valueOf(i))), randomSize());
            asks.put(m.add(this.tick.multiply(BigDecimal.valueOf(i))), randomSize());
        }
        this.last = m;
    }

    /** One random change: a level set or removed, or a trade that takes from the best level. */
    Step step(long timeMillis) {
        List<String[]> b = new ArrayList<>();
        List<String[]> a = new ArrayList<>();
        String trade = null;
        int kind = random.nextInt(10);
        if (kind < 2 && !bids.isEmpty() && !asks.isEmpty()) {
            boolean buy = random.nextBoolean();
            TreeMap<BigDecimal, BigDecimal> side = buy ? asks : bids;
            Map.Entry<BigDecimal, BigDecimal> best = side.firstEntry();
            BigDecimal qty = lot.multiply(BigDecimal.valueOf(1 + random.nextInt(20))).min(best.getValue());
            set(buy ? a : b, side, best.getKey(), best.getValue().subtract(qty));
            last = best.getKey();
            volume = volume.add(qty);
            trade = "\"symbol\":\"" + symbol + "\",\"id\":\"" + (++tradeIds) + "\",\"time\":" + timeMillis
                    + ",\"price\":\"" + price(best.getKey()) + "\",\"size\":\"" + size(qty) + "\",\"side\":\""
                    + (buy ? "buy" : "sell") + "\"";
        } else {
            boolean bid = random.nextBoolean();
            TreeMap<BigDecimal, BigDecimal> side = bid ? bids : asks;
            int away = 1 + random.nextInt(DEPTH + 3);
            BigDecimal mid = mid();
            BigDecimal p = bid ? mid.subtract(tick.multiply(BigDecimal.valueOf(away)))
                    : mid.add(tick.multiply(BigDecimal.valueOf(away)));
            p = p.divide(tick, 0, bid ? RoundingMode.FLOOR : RoundingMode.CEILING).multiply(tick);
            boolean crosses = bid ? !asks.isEmpty() && p.compareTo(asks.firstKey()) >= 0
                    : !bids.isEmpty() && p.compareTo(bids.firstKey()) <= 0;
            if (!crosses && p.signum() > 0) {
                BigDecimal size = side.containsKey(p) && random.nextInt(3) == 0 ? BigDecimal.ZERO : randomSize();
                set(bid ? b : a, side, p, size);
                if (side.size() > DEPTH) {
                    set(bid ? b : a, side, side.lastKey(), BigDecimal.ZERO);
                }
            }
        }
        return new Step(b, a, trade);
    }

    private void set(List<String[]> rows, TreeMap<BigDecimal, BigDecimal> side, BigDecimal p, BigDecimal size) {
        if (size.signum() == 0) {
            if (side.remove(p) != null) {
                rows.add(new String[] {price(p), "0"});
            }
        } else {
            side.put(p, size);
            rows.add(new String[] {price(p), size(size)});
        }
    }

    private BigDecimal randomSize() {
        return lot.multiply(BigDecimal.valueOf(1 + random.nextInt(500)));
    }

    private BigDecimal mid() {
        if (bids.isEmpty() || asks.isEmpty()) {
            return last;
        }
        return bids.firstKey().add(asks.firstKey()).divide(BigDecimal.TWO);
    }

    /** A price as the exchange writes it: the tick's decimals. */
    String price(BigDecimal p) {
        return p.setScale(priceScale, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** A size as the exchange writes it: the lot's decimals. */
    String size(BigDecimal s) {
        return s.setScale(sizeScale, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** {@code "bids":[...],"asks":[...]} of the whole book. */
    String bookJson() {
        StringBuilder sb = new StringBuilder("\"bids\":");
        rows(sb, bids);
        sb.append(",\"asks\":");
        rows(sb, asks);
        return sb.toString();
    }

    private void rows(StringBuilder sb, TreeMap<BigDecimal, BigDecimal> side) {
        sb.append('[');
        boolean first = true;
        for (Map.Entry<BigDecimal, BigDecimal> e : side.entrySet()) {
            sb.append(first ? "" : ",").append("[\"").append(price(e.getKey())).append("\",\"").append(size(e.getValue()))
                    .append("\"]");
            first = false;
        }
        sb.append(']');
    }

    /** The protocol's checksum: CRC32 of "price:size" of bid 0, ask 0, bid 1, ask 1, ... joined by ':'. */
    int checksum() {
        List<Map.Entry<BigDecimal, BigDecimal>> b = new ArrayList<>(bids.entrySet());
        List<Map.Entry<BigDecimal, BigDecimal>> a = new ArrayList<>(asks.entrySet());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < DEPTH; i++) {
            for (List<Map.Entry<BigDecimal, BigDecimal>> side : List.of(b, a)) {
                if (i < side.size()) {
                    if (sb.length() > 0) {
                        sb.append(':');
                    }
                    sb.append(price(side.get(i).getKey())).append(':').append(size(side.get(i).getValue()));
                }
            }
        }
        CRC32 crc = new CRC32();
        crc.update(sb.toString().getBytes(StandardCharsets.US_ASCII));
        return (int) crc.getValue();
    }

    /** {@code "symbol":..,"time":..,"bid":..,...} of a ticker. */
    String tickerJson(long timeMillis) {
        StringBuilder sb = new StringBuilder("\"symbol\":\"").append(symbol).append("\",\"time\":").append(timeMillis);
        if (!bids.isEmpty() && !asks.isEmpty()) {
            sb.append(",\"bid\":\"").append(price(bids.firstKey())).append("\",\"bidSize\":\"")
                    .append(size(bids.firstEntry().getValue())).append("\",\"ask\":\"").append(price(asks.firstKey()))
                    .append("\",\"askSize\":\"").append(size(asks.firstEntry().getValue())).append('"');
        }
        return sb.append(",\"last\":\"").append(price(last)).append("\",\"volume\":\"").append(size(volume)).append('"')
                .toString();
    }

    /** The book, best first. */
    List<SkeletonSimulator.Level> levels(boolean bidSide) {
        List<SkeletonSimulator.Level> out = new ArrayList<>();
        for (Map.Entry<BigDecimal, BigDecimal> e : (bidSide ? bids : asks).entrySet()) {
            out.add(new SkeletonSimulator.Level(e.getKey(), e.getValue()));
        }
        return List.copyOf(out);
    }

    /** {@code {"symbol":..,"base":..,"quote":..,"tick":..,"lot":..}}. */
    String instrumentJson() {
        return "{\"symbol\":\"" + symbol + "\",\"base\":\"" + base + "\",\"quote\":\"" + quote + "\",\"tick\":\""
                + tick.toPlainString() + "\",\"lot\":\"" + lot.toPlainString() + "\"}";
    }
}
