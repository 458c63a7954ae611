package org.tradebench.connector.bitfinex.tests.e2e;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleListener;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.TickerListener;
import org.tradebench.api.market.Trade;
import org.tradebench.api.market.TradeListener;

/** Listeners that record what they get, thread-safely, with the thread it came on. */
final class Recorders {

    private Recorders() {
    }

    static final class Trades implements TradeListener {
        private final List<Trade> trades = new ArrayList<>();
        private final Set<String> ids = new HashSet<>();
        private final List<String> duplicates = new ArrayList<>();
        private final Set<String> threads = new HashSet<>();

        @Override
        public synchronized void onTrade(Trade t) {
            threads.add(Thread.currentThread().getName());
            trades.add(t);
            if (!ids.add(t.id())) {
                duplicates.add(t.id());
            }
        }

        synchronized int count() {
            return trades.size();
        }

        synchronized List<String> duplicates() {
            return List.copyOf(duplicates);
        }

        synchronized Set<String> threads() {
            return Set.copyOf(threads);
        }

        synchronized List<Trade> all() {
            return List.copyOf(trades);
        }
    }

    static final class Tickers implements TickerListener {
        private final List<Ticker> tickers = new ArrayList<>();

        @Override
        public synchronized void onTicker(Ticker t) {
            tickers.add(t);
        }

        synchronized int count() {
            return tickers.size();
        }

        synchronized Ticker last() {
            return tickers.isEmpty() ? null : tickers.get(tickers.size() - 1);
        }
    }

    static final class Candles implements CandleListener {
        private final List<Candle> candles = new ArrayList<>();
        private final List<String> backwards = new ArrayList<>();

        @Override
        public synchronized void onCandle(Candle c) {
            if (!candles.isEmpty() && c.start().isBefore(candles.get(candles.size() - 1).start())) {
                backwards.add(c.start() + " after " + candles.get(candles.size() - 1).start());
            }
            candles.add(c);
        }

        synchronized int count() {
            return candles.size();
        }

        synchronized List<Candle> all() {
            return List.copyOf(candles);
        }

        synchronized List<String> backwards() {
            return List.copyOf(backwards);
        }
    }
}
