package org.tradebench.connector.bitfinex.tests.e2e;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tradebench.api.market.BookDelta;
import org.tradebench.api.market.BookEvent;
import org.tradebench.api.market.BookLevel;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookReset;
import org.tradebench.api.market.BookSnapshot;
import org.tradebench.venues.bitfinex.BitfinexSimulator;

/**
 * What a view builds from the API's book events, independent of the connector: levels keyed by
 * price (or by order id for raw books), with the stream's rules checked as it goes (a snapshot
 * before deltas, sequence numbers increasing, resets only with a reason).
 */
final class BookModel implements BookListener {

    private record Level(BigDecimal price, BigDecimal quantity, String key) {
    }

    private final Map<String, Level> bids = new HashMap<>();
    private final Map<String, Level> asks = new HashMap<>();
    private final List<String> kinds = new ArrayList<>();
    private final List<String> resets = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private boolean valid;
    private long lastSequence = Long.MIN_VALUE;
    private int snapshots;
    private String thread;

    @Override
    public synchronized void onBook(BookEvent e) {
        thread = Thread.currentThread().getName();
        if (e.sequence() <= lastSequence) {
            violations.add("sequence " + e.sequence() + " after " + lastSequence);
        }
        lastSequence = e.sequence();
        switch (e) {
            case BookSnapshot s -> {
                kinds.add("snapshot");
                snapshots++;
                bids.clear();
                asks.clear();
                s.bids().forEach(l -> put(bids, l));
                s.asks().forEach(l -> put(asks, l));
                valid = true;
            }
            case BookDelta d -> {
                kinds.add("delta");
                if (!valid) {
                    violations.add("delta without a snapshot");
                }
                d.bids().forEach(l -> put(bids, l));
                d.asks().forEach(l -> put(asks, l));
            }
            case BookReset r -> {
                kinds.add("reset:" + r.reason());
                resets.add(r.reason());
                valid = false;
                bids.clear();
                asks.clear();
            }
        }
    }

    private static void put(Map<String, Level> side, BookLevel l) {
        String key = l.orderId() != null ? l.orderId() : l.price().toPlainString();
        if (l.isRemoval()) {
            side.remove(key);
        } else {
            side.put(key, new Level(l.price(), l.quantity(), key));
        }
    }

    private static List<Level> sorted(Map<String, Level> side, boolean bid) {
        Comparator<Level> byPrice = Comparator.comparing(Level::price);
        if (bid) {
            byPrice = byPrice.reversed();
        }
        List<Level> out = new ArrayList<>(side.values());
        out.sort(byPrice.thenComparing(l -> l.key().length()).thenComparing(Level::key));
        return out;
    }

    /**
     * Compares the top 25 levels of each side with what the simulator last sent on the channel.
     *
     * @return null when equal, else the first difference
     */
    synchronized String differenceFrom(BitfinexSimulator.BookState s) {
        if (!valid) {
            return "no valid book (last events " + tail() + ")";
        }
        boolean raw = s.prec().equals("R0");
        String d = compare("bid", sorted(bids, true), s.bids(), raw);
        return d != null ? d : compare("ask", sorted(asks, false), s.asks(), raw);
    }

    private static String compare(String side, List<Level> mine, List<BitfinexSimulator.BookRow> theirs, boolean raw) {
        int n = Math.min(25, theirs.size());
        if (mine.size() < n) {
            return side + "s: " + mine.size() + " levels, simulator has " + theirs.size();
        }
        for (int i = 0; i < n; i++) {
            Level m = mine.get(i);
            BitfinexSimulator.BookRow t = theirs.get(i);
            boolean same = m.price().compareTo(t.price()) == 0 && m.quantity().compareTo(t.amount().abs()) == 0
                    && (!raw || m.key().equals(t.key()));
            if (!same) {
                return side + " " + i + ": mine " + m + ", simulator " + t;
            }
        }
        return null;
    }

    synchronized List<String> resets() {
        return List.copyOf(resets);
    }

    synchronized List<String> kinds() {
        return List.copyOf(kinds);
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    synchronized int snapshots() {
        return snapshots;
    }

    synchronized boolean valid() {
        return valid;
    }

    synchronized String thread() {
        return thread;
    }

    synchronized BigDecimal bestBid() {
        return sorted(bids, true).stream().findFirst().map(Level::price).orElse(null);
    }

    synchronized BigDecimal bestAsk() {
        return sorted(asks, false).stream().findFirst().map(Level::price).orElse(null);
    }

    synchronized boolean crossed() {
        BigDecimal b = bestBid();
        BigDecimal a = bestAsk();
        return b != null && a != null && b.compareTo(a) >= 0;
    }

    private String tail() {
        return kinds.subList(Math.max(0, kinds.size() - 5), kinds.size()).toString();
    }
}
