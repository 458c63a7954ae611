package org.tradebench.venues.bitfinex;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tradebench.api.market.Side;

/**
 * One subscribed book channel: its precision, length and frequency, and the levels (or raw
 * orders) last sent, from which updates are diffed and the checksum computed.
 *
 * <p>Aggregation: P0 to P4 keep 5, 4, 3, 2 and 1 significant digits of the price; a bid is
 * rounded down and an ask up, so an aggregated book is never crossed and every order counts where
 * it can trade. {@code COUNT} is the number of (synthetic) orders in the bucket. R0 lists orders
 * by price priority, oldest first within a price, {@code len} orders per side.
 *
 * <p>Owned by the simulator thread.
 */
final class BookChannel {

    /** One row as sent: the key (price or order id text), price, count, signed amount, wire texts. */
    record Row(String key, BigDecimal price, int count, BigDecimal amount, String priceText, String amountText) {
    }

    final int chanId;
    final MarketMirror market;
    final String prec;
    final String freq;
    final int len;
    final boolean raw;
    private final MathContext bidRounding;
    private final MathContext askRounding;
    List<Row> bids = List.of();
    List<Row> asks = List.of();
    long lastFlushNanos;

    BookChannel(int chanId, MarketMirror market, String prec, String freq, int len) {
        this.chanId = chanId;
        this.market = market;
        this.prec = prec;
        this.freq = freq;
        this.len = len;
        this.raw = prec.equals("R0");
        int digits = raw ? 0 : 5 - (prec.charAt(1) - '0');
        this.bidRounding = raw ? null : new MathContext(digits, RoundingMode.FLOOR);
        this.askRounding = raw ? null : new MathContext(digits, RoundingMode.CEILING);
    }

    /** The view now (without changing what was sent). */
    List<Row> compute(Side side) {
        return raw ? rawRows(side) : aggregatedRows(side);
    }

    private List<Row> aggregatedRows(Side side) {
        MathContext mc = side == Side.BUY ? bidRounding : askRounding;
        List<Row> out = new ArrayList<>(len);
        BigDecimal bucket = null;
        BigDecimal total = BigDecimal.ZERO;
        int count = 0;
        for (MarketMirror.Level level : market.side(side).values()) {
            BigDecimal b = level.price.round(mc).stripTrailingZeros();
            if (bucket != null && b.compareTo(bucket) != 0) {
                out.add(row(side, bucket, count, total));
                if (out.size() == len) {
                    return out;
                }
                total = BigDecimal.ZERO;
                count = 0;
            }
            bucket = b;
            total = total.add(level.total);
            count += Math.max(1, level.orders.size());
        }
        if (bucket != null && out.size() < len) {
            out.add(row(side, bucket, count, total));
        }
        return out;
    }

    private static Row row(Side side, BigDecimal price, int count, BigDecimal total) {
        BigDecimal amount = side == Side.BUY ? total : total.negate();
        String p = BitfinexWire.number(price);
        return new Row(p, price, count, amount, p, BitfinexWire.number(amount));
    }

    private List<Row> rawRows(Side side) {
        List<Row> out = new ArrayList<>(len);
        for (MarketMirror.Level level : market.side(side).values()) {
            for (MarketMirror.RestingOrder o : level.orders) {
                BigDecimal amount = side == Side.BUY ? o.amount : o.amount.negate();
                String id = Long.toString(o.id);
                out.add(new Row(id, level.price, 1, amount, BitfinexWire.number(level.price),
                        BitfinexWire.number(amount)));
                if (out.size() == len) {
                    return out;
                }
            }
        }
        return out;
    }

    /** Makes the view now the sent one; returns it as the snapshot rows (bids, then asks). */
    List<Row> snapshot() {
        bids = compute(Side.BUY);
        asks = compute(Side.SELL);
        List<Row> all = new ArrayList<>(bids);
        all.addAll(asks);
        return all;
    }

    /**
     * Diffs the view now against the sent one and makes it the sent one.
     *
     * @return the update rows as wire text ({@code [PRICE,COUNT,AMOUNT]} or {@code [ID,PRICE,AMOUNT]}),
     *         removals first
     */
    List<String> diff() {
        List<Row> newBids = compute(Side.BUY);
        List<Row> newAsks = compute(Side.SELL);
        List<String> removals = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        diffSide(bids, newBids, Side.BUY, removals, changes);
        diffSide(asks, newAsks, Side.SELL, removals, changes);
        bids = newBids;
        asks = newAsks;
        removals.addAll(changes);
        return removals;
    }

    private void diffSide(List<Row> old, List<Row> now, Side side, List<String> removals, List<String> changes) {
        Map<String, Row> before = new HashMap<>();
        for (Row r : old) {
            before.put(r.key(), r);
        }
        for (Row r : now) {
            Row was = before.remove(r.key());
            if (was == null || was.count() != r.count() || was.amount().compareTo(r.amount()) != 0
                    || was.price().compareTo(r.price()) != 0) {
                changes.add(wire(r));
            }
        }
        String sign = side == Side.BUY ? "1" : "-1";
        for (Row gone : before.values()) {
            removals.add(raw ? "[" + gone.key() + ",0," + sign + "]" : "[" + gone.key() + ",0," + sign + "]");
        }
    }

    String wire(Row r) {
        return raw ? "[" + r.key() + "," + r.priceText() + "," + r.amountText() + "]"
                : "[" + r.priceText() + "," + r.count() + "," + r.amountText() + "]";
    }

    /** The checksum of the sent view: top 25 of each side, bid then ask, {@code key:amount}. */
    int checksum() {
        List<String> parts = new ArrayList<>(50);
        for (int i = 0; i < 25; i++) {
            if (i < bids.size()) {
                parts.add(bids.get(i).key() + ":" + bids.get(i).amountText());
            }
            if (i < asks.size()) {
                parts.add(asks.get(i).key() + ":" + asks.get(i).amountText());
            }
        }
        return BitfinexWire.checksum(parts);
    }
}
