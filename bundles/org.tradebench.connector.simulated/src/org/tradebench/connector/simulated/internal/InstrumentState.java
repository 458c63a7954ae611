package org.tradebench.connector.simulated.internal;

import java.util.ArrayList;
import java.util.List;

import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleListener;
import org.tradebench.api.market.Liquidation;
import org.tradebench.api.market.LiquidationListener;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.MarkPriceListener;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.TickerListener;
import org.tradebench.api.market.Trade;
import org.tradebench.api.market.TradeListener;
import org.tradebench.connector.support.stream.EventStream;
import org.tradebench.connector.support.stream.ValueStream;
import org.tradebench.core.candle.CandleAggregator;

/**
 * Everything the venue keeps about one instrument: its book, its synthetic fair price, its last
 * trade, candle aggregators, 24-hour statistics, recent trades, the user's waiting trigger orders
 * and the market-data streams being fed (each list holds the streams that have subscribers; usually
 * one or none). A plain holder; the behaviour lives in {@link SimulatedVenue} and
 * {@link TradingEngine}. Owned by the venue's thread (under the runtime lock).
 */
final class InstrumentState {

    final int index;
    final InstrumentProfile profile;
    final MatchingBook book;
    final FairPrice fair;
    final DayWindow dayStats = new DayWindow();
    final TradeTape tape = new TradeTape(TradeTape.CAPACITY);
    final CandleAggregator[] aggregators;

    /** Last trade price in price units; 0 before the first trade. */
    long lastPrice;
    long tradeSequence;

    /** The user's trigger orders (stop, take-profit) not yet triggered, in placement order. */
    final List<UserOrder> triggers = new ArrayList<>();

    final List<VenueBook> books = new ArrayList<>();
    final List<ValueStream<TickerListener, Ticker>> tickers = new ArrayList<>();
    final List<EventStream<TradeListener, Trade>> trades = new ArrayList<>();
    final List<List<EventStream<CandleListener, Candle>>> candles = new ArrayList<>();
    final List<ValueStream<MarkPriceListener, MarkPrice>> marks = new ArrayList<>();
    final List<EventStream<LiquidationListener, Liquidation>> liquidations = new ArrayList<>();

    // The ticker values last published, to send a ticker only when something changed.
    long publishedBid;
    long publishedBidSize;
    long publishedAsk;
    long publishedAskSize;
    long publishedLast;

    InstrumentState(int index, InstrumentProfile profile, FairPrice fair, int intervals) {
        this.index = index;
        this.profile = profile;
        this.fair = fair;
        this.book = new MatchingBook(profile.priceScale(), profile.sizeScale());
        this.aggregators = new CandleAggregator[intervals];
        for (int i = 0; i < intervals; i++) {
            candles.add(new ArrayList<>());
        }
    }
}
