package org.tradebench.venues.binance;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.Ticker;

/**
 * The simulator's copy of one symbol's market: the full book with Binance's order book update id,
 * the pending diff-depth batches per update speed, recent aggregate trades, the forming klines, the
 * ticker and (perpetual) the mark price. Owned by the simulator thread.
 */
final class BinanceMarket {

    /** Aggregate trades kept for {@code /aggTrades}. */
    static final int TRADE_HISTORY = 1000;

    /** An aggregate trade as Binance lists it. */
    record AggTrade(long id, BigDecimal price, BigDecimal quantity, long firstId, long lastId, long time,
            boolean buyerIsMaker) {
    }

    /** The trade ids and taker-buy volumes of the kline bucket now forming, per interval. */
    static final class KlineExtras {
        long bucket = Long.MIN_VALUE;
        long firstTradeId = -1;
        long lastTradeId = -1;
        BigDecimal takerBuyBase = BigDecimal.ZERO;
        BigDecimal takerBuyQuote = BigDecimal.ZERO;
        BigDecimal quoteVolume = BigDecimal.ZERO;
    }

    /**
     * Book changes not yet sent on one diff-depth speed: the first update id of the batch and the
     * latest quantity per changed price.
     */
    static final class DepthBatch {
        final long periodMillis;
        long firstId = -1;
        /** The final update id of the last event made (the next event's {@code pu}). */
        long lastFinalId = -1;
        final Map<BigDecimal, BigDecimal> bids = new LinkedHashMap<>();
        final Map<BigDecimal, BigDecimal> asks = new LinkedHashMap<>();
        long lastEmitMillis = Long.MIN_VALUE;
        // Pending fault injections for the next event(s) of this speed.
        int drop;
        int duplicate;
        int reorder;
        String heldBack;

        DepthBatch(long periodMillis) {
            this.periodMillis = periodMillis;
        }
    }

    final Instrument instrument;
    /** Upper-case Binance symbol, for example {@code BTCUSDT}. */
    final String symbol;
    final NavigableMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
    final NavigableMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
    /** The book as of the last {@code @depth@100ms} event made: what a correct client holds. */
    final NavigableMap<BigDecimal, BigDecimal> sentBids = new TreeMap<>(Comparator.reverseOrder());
    final NavigableMap<BigDecimal, BigDecimal> sentAsks = new TreeMap<>();
    long sentUpdateId;
    /** The order book update id: that of the last change applied to {@link #bids}/{@link #asks}. */
    long updateId;
    final Map<Long, DepthBatch> depth = new HashMap<>();
    final ArrayDeque<AggTrade> trades = new ArrayDeque<>();
    final Map<CandleInterval, Candle> forming = new HashMap<>();
    final Map<CandleInterval, KlineExtras> extras = new HashMap<>();
    Ticker ticker;
    MarkPrice mark;
    long tradeCount;
    long firstTradeId = -1;
    /** Best bid and ask last reported on {@code @bookTicker}. */
    BigDecimal topBid;
    BigDecimal topAsk;
    BigDecimal topBidSize;
    BigDecimal topAskSize;

    BinanceMarket(Instrument instrument, String symbol, long firstUpdateId) {
        this.instrument = instrument;
        this.symbol = symbol;
        this.updateId = firstUpdateId;
        this.sentUpdateId = firstUpdateId;
    }

    /** Lower-case symbol as stream names use it. */
    String streamSymbol() {
        return symbol.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Applies a venue book event under a new update id and records the changes in every depth batch.
     *
     * @return whether anything changed
     */
    boolean apply(BookEvent event, long newUpdateId) {
        if (event instanceof BookSnapshot s) {
            // The venue's first event: the book the market starts with, before any client.
            bids.clear();
            asks.clear();
            s.bids().forEach(l -> bids.put(l.price(), l.quantity()));
            s.asks().forEach(l -> asks.put(l.price(), l.quantity()));
            sentBids.clear();
            sentBids.putAll(bids);
            sentAsks.clear();
            sentAsks.putAll(asks);
            return true;
        }
        if (!(event instanceof BookDelta d) || (d.bids().isEmpty() && d.asks().isEmpty())) {
            return false;
        }
        updateId = newUpdateId;
        for (DepthBatch b : depth.values()) {
            if (b.firstId < 0) {
                b.firstId = newUpdateId;
            }
        }
        for (BookLevel l : d.bids()) {
            set(bids, l);
            depth.values().forEach(b -> b.bids.put(l.price(), l.quantity()));
        }
        for (BookLevel l : d.asks()) {
            set(asks, l);
            depth.values().forEach(b -> b.asks.put(l.price(), l.quantity()));
        }
        return true;
    }

    private static void set(NavigableMap<BigDecimal, BigDecimal> side, BookLevel l) {
        if (l.quantity().signum() == 0) {
            side.remove(l.price());
        } else {
            side.put(l.price(), l.quantity());
        }
    }

    /** The batch of a depth speed, created (empty, starting now) on first use. */
    DepthBatch batch(long periodMillis) {
        return depth.computeIfAbsent(periodMillis, p -> {
            DepthBatch b = new DepthBatch(p);
            b.lastFinalId = updateId;
            return b;
        });
    }

    /** Applies the changes of a 100 ms batch to the sent book. */
    void publish(DepthBatch b, long finalId) {
        b.bids.forEach((p, q) -> put(sentBids, p, q));
        b.asks.forEach((p, q) -> put(sentAsks, p, q));
        sentUpdateId = finalId;
    }

    private static void put(NavigableMap<BigDecimal, BigDecimal> side, BigDecimal p, BigDecimal q) {
        if (q.signum() == 0) {
            side.remove(p);
        } else {
            side.put(p, q);
        }
    }

    void addTrade(AggTrade t) {
        trades.addLast(t);
        while (trades.size() > TRADE_HISTORY) {
            trades.pollFirst();
        }
    }

    /** The first {@code limit} levels of a side, best first. */
    static List<Map.Entry<BigDecimal, BigDecimal>> top(NavigableMap<BigDecimal, BigDecimal> side, int limit) {
        List<Map.Entry<BigDecimal, BigDecimal>> out = new ArrayList<>(Math.min(limit, side.size()));
        for (Map.Entry<BigDecimal, BigDecimal> e : side.entrySet()) {
            if (out.size() >= limit) {
                break;
            }
            out.add(Map.entry(e.getKey(), e.getValue()));
        }
        return out;
    }
}
