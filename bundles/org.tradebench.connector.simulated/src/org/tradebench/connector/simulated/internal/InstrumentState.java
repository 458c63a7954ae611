package org.tradebench.connector.simulated.internal;

import java.util.ArrayList;
import java.util.List;

import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.CandleListener;
import org.tradebench.api.market.TickerListener;
import org.tradebench.api.market.TradeListener;
import org.tradebench.core.candle.CandleAggregator;

/**
 * Everything the venue keeps about one instrument: its book, its synthetic fair price, its last
 * trade, candle aggregators, 24-hour statistics, the user's waiting trigger orders and the
 * market-data subscriptions. A plain holder; the behaviour lives in {@link SimulatedVenue} and
 * {@link TradingEngine}. Owned by the venue thread.
 */
final class InstrumentState {

    final int index;
    final InstrumentProfile profile;
    final MatchingBook book;
    final FairPrice fair;
    final DayStats dayStats = new DayStats();
    final CandleAggregator[] aggregators;

    /** Last trade price in price units; 0 before the first trade. */
    long lastPrice;
    long tradeSequence;
    long bookSequence;

    /** The user's trigger orders (stop, take-profit) not yet triggered, in placement order. */
    final List<UserOrder> triggers = new ArrayList<>();

    final List<VenueSubscription<TickerListener>> tickerSubscriptions = new ArrayList<>();
    final List<VenueSubscription<TradeListener>> tradeSubscriptions = new ArrayList<>();
    final List<BookGroup> bookGroups = new ArrayList<>();
    final List<List<VenueSubscription<CandleListener>>> candleSubscriptions = new ArrayList<>();

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
            candleSubscriptions.add(new ArrayList<>());
        }
    }

    /** The subscribers of one book depth and what they were last sent. */
    static final class BookGroup {
        final DepthView view;
        final List<VenueSubscription<BookListener>> subscriptions = new ArrayList<>();

        BookGroup(DepthView view) {
            this.view = view;
        }
    }
}
