package org.tradebench.venues.bitfinex;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.market.BookDelta;
import org.tradebench.api.market.BookEvent;
import org.tradebench.api.market.BookLevel;
import org.tradebench.api.market.BookSnapshot;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.Ticker;

/**
 * The simulator's copy of one instrument's market, fed by the venue's full-depth book, trade,
 * ticker and candle streams: what every Bitfinex channel and REST answer is computed from.
 *
 * <p>The venue publishes aggregated levels only, so per-order data (Bitfinex's {@code COUNT} and
 * raw {@code R0} books) is synthesised here: each increase of a level's size is a new order with
 * a fresh id at the back of the level, each decrease takes from the front (what fills and the
 * oldest cancels do under price-time priority), and an emptied level drops its orders. This keeps
 * counts and raw books consistent with the aggregated book at every step.
 *
 * <p>Owned by the simulator thread.
 */
final class MarketMirror {

    /** How many public trades are kept for snapshots and {@code /trades/hist}. */
    static final int TRADE_HISTORY = 1000;

    /** One synthetic resting order. */
    static final class RestingOrder {
        final long id;
        BigDecimal amount;

        RestingOrder(long id, BigDecimal amount) {
            this.id = id;
            this.amount = amount;
        }
    }

    /** One price level with its synthetic orders, oldest first. */
    static final class Level {
        final BigDecimal price;
        BigDecimal total = BigDecimal.ZERO;
        final ArrayDeque<RestingOrder> orders = new ArrayDeque<>();

        Level(BigDecimal price) {
            this.price = price;
        }
    }

    /** A public trade as Bitfinex lists it. */
    record PublicTrade(long id, long mts, BigDecimal amount, BigDecimal price) {
    }

    final Instrument instrument;
    final String symbol;
    final String pair;
    final int index;
    final NavigableMap<BigDecimal, Level> bids = new TreeMap<>(Comparator.reverseOrder());
    final NavigableMap<BigDecimal, Level> asks = new TreeMap<>();
    final ArrayDeque<PublicTrade> trades = new ArrayDeque<>();
    final Map<BaseInterval, Candle> forming = new EnumMap<>(BaseInterval.class);
    Ticker ticker;
    /** The venue's latest mark price, index and funding (perpetuals only). */
    MarkPrice mark;
    long bookVersion;
    private final long[] nextOrderId;

    MarketMirror(Instrument instrument, String symbol, int index, long[] nextOrderId) {
        this.instrument = instrument;
        this.symbol = symbol;
        this.pair = symbol.substring(1);
        this.index = index;
        this.nextOrderId = nextOrderId;
    }

    /** Applies a venue book event; returns whether anything changed. */
    boolean apply(BookEvent event) {
        if (event instanceof BookSnapshot s) {
            bids.clear();
            asks.clear();
            s.bids().forEach(l -> set(bids, l));
            s.asks().forEach(l -> set(asks, l));
        } else if (event instanceof BookDelta d) {
            d.bids().forEach(l -> set(bids, l));
            d.asks().forEach(l -> set(asks, l));
        } else {
            return false;
        }
        bookVersion++;
        return true;
    }

    private void set(NavigableMap<BigDecimal, Level> side, BookLevel l) {
        BigDecimal price = l.price();
        if (l.quantity().signum() == 0) {
            side.remove(price);
            return;
        }
        Level level = side.computeIfAbsent(price, Level::new);
        int cmp = l.quantity().compareTo(level.total);
        if (cmp > 0) {
            level.orders.addLast(new RestingOrder(++nextOrderId[0], l.quantity().subtract(level.total)));
        } else if (cmp < 0) {
            BigDecimal remove = level.total.subtract(l.quantity());
            while (remove.signum() > 0 && !level.orders.isEmpty()) {
                RestingOrder head = level.orders.peekFirst();
                if (head.amount.compareTo(remove) <= 0) {
                    remove = remove.subtract(head.amount);
                    level.orders.pollFirst();
                } else {
                    head.amount = head.amount.subtract(remove);
                    remove = BigDecimal.ZERO;
                }
            }
        }
        level.total = l.quantity();
    }

    NavigableMap<BigDecimal, Level> side(Side side) {
        return side == Side.BUY ? bids : asks;
    }

    void addTrade(PublicTrade t) {
        trades.addFirst(t);
        while (trades.size() > TRADE_HISTORY) {
            trades.pollLast();
        }
    }

    /** Newest first. */
    List<PublicTrade> recentTrades(int limit) {
        List<PublicTrade> out = new ArrayList<>(Math.min(limit, trades.size()));
        for (PublicTrade t : trades) {
            if (out.size() >= limit) {
                break;
            }
            out.add(t);
        }
        return Collections.unmodifiableList(out);
    }
}
