package org.tradebench.venues.bitfinex;

import java.util.TreeMap;

import org.tradebench.api.market.Candle;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.Ticker;

/**
 * One subscribed public channel of one connection. Owned by the simulator thread.
 */
abstract class Channel {

    final int chanId;
    final String kind;
    final MarketMirror market;
    /** Identifies the subscription for duplicate detection (10301). */
    final String identity;
    /** Venue time of the last frame sent on the channel (for heartbeats). */
    long lastSentNanos;

    Channel(int chanId, String kind, MarketMirror market, String identity) {
        this.chanId = chanId;
        this.kind = kind;
        this.market = market;
        this.identity = identity;
    }

    /** A trades channel. */
    static final class Trades extends Channel {
        Trades(int chanId, MarketMirror market) {
            super(chanId, "trades", market, "trades:" + market.symbol);
        }
    }

    /** A ticker channel, throttled to one update per ticker interval. */
    static final class Tickers extends Channel {
        Ticker sent;
        long sentNanos = Long.MIN_VALUE / 2;

        Tickers(int chanId, MarketMirror market) {
            super(chanId, "ticker", market, "ticker:" + market.symbol);
        }
    }

    /** A candles channel: its timeframe and the venue candles of its current bucket. */
    static final class Candles extends Channel {
        final Timeframe timeframe;
        final String key;
        long bucket = Long.MIN_VALUE;
        final TreeMap<Long, Candle> parts = new TreeMap<>();

        Candles(int chanId, MarketMirror market, Timeframe timeframe, String key) {
            super(chanId, "candles", market, "candles:" + key);
            this.timeframe = timeframe;
            this.key = key;
        }
    }

    /** A book channel (the state lives in {@link BookChannel}). */
    static final class Book extends Channel {
        final BookChannel book;

        Book(BookChannel book) {
            super(book.chanId, "book", book.market,
                    "book:" + book.market.symbol + ":" + book.prec + ":" + book.freq + ":" + book.len);
            this.book = book;
        }
    }

    /** A derivatives status channel ({@code status}, key {@code deriv:SYMBOL}). */
    static final class Status extends Channel {
        MarkPrice sent;
        long sentNanos = Long.MIN_VALUE / 2;

        Status(int chanId, MarketMirror market) {
            super(chanId, "status", market, "status:deriv:" + market.symbol);
        }
    }

    /** The liquidation feed ({@code status}, key {@code liq:global}): every derivative at once. */
    static final class Liquidations extends Channel {
        Liquidations(int chanId) {
            super(chanId, "status", null, "status:liq:global");
        }
    }
}
