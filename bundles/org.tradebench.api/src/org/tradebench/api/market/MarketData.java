package org.tradebench.api.market;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;
import org.tradebench.api.Subscription;
import org.tradebench.api.instrument.InstrumentId;

/**
 * Market data streams of one connector. Every method returns at once; data arrives on the listener.
 * Subscribing twice to the same stream is allowed: the connector shares one exchange channel
 * (reference counted; the channel is unsubscribed when the last subscription closes).
 *
 * <pre>{@code
 * MarketData md = connector.marketData();
 * Subscription book = md.subscribeBook(new BookRequest(btc, 25), update -> view.apply(update.book()));
 * Subscription ticks = md.subscribeTicker(btc, ticker -> view.setTicker(ticker));
 * ...
 * book.close();
 * }</pre>
 *
 * <p>A stream this connector cannot serve (an instrument it does not list, a stream the exchange
 * does not offer for it, a subscription the exchange refuses) is not an exception: the subscription
 * ends {@link org.tradebench.api.health.DataState#FAILED} with a cause a person can read, pushed to
 * the listener's {@code onHealth}. Only a malformed argument (null, an instrument of another
 * connector) throws {@link IllegalArgumentException}.
 *
 * <p>Implemented by connectors.
 */
@ProviderType
public interface MarketData {

    /**
     * Streams tickers (conflated to the latest for a slow listener).
     *
     * @param instrument the instrument
     * @param listener receives each ticker
     * @return the subscription
     */
    Subscription subscribeTicker(InstrumentId instrument, TickerListener listener);

    /**
     * Streams public trades, each once, in exchange order (never dropped).
     *
     * @param instrument the instrument
     * @param listener receives each trade
     * @return the subscription
     */
    Subscription subscribeTrades(InstrumentId instrument, TradeListener listener);

    /**
     * Streams the order book.
     *
     * @param request instrument, depth, per-order or aggregated, grouping, update interval
     * @param listener receives a snapshot, then deltas (and reset + snapshot on resync)
     * @return the subscription
     */
    Subscription subscribeBook(BookRequest request, BookListener listener);

    /**
     * The books the exchange offers for an instrument.
     *
     * @param instrument the instrument
     * @return depths, groupings, update intervals, per-order and order counts
     */
    BookOptions bookOptions(InstrumentId instrument);

    /**
     * Streams candles: the last {@code history} closed candles first, then the forming candle on
     * every change and each candle once more when it closes.
     *
     * @param request instrument, interval and history length
     * @param listener receives candles
     * @return the subscription
     */
    Subscription subscribeCandles(CandleRequest request, CandleListener listener);

    /**
     * The candle intervals this connector streams natively (others can be built from trades with
     * {@code org.tradebench.core}'s candle aggregator).
     *
     * @return an immutable list, shortest first
     */
    List<CandleInterval> candleIntervals();

    /**
     * Fetches closed candles in a range (REST where the exchange has it), for paging back.
     *
     * @param request instrument, interval, range and limit
     * @return the candles, oldest first; completes exceptionally with a message for people when
     *         the exchange cannot answer
     */
    CompletionStage<List<Candle>> candleHistory(CandleHistoryRequest request);

    /**
     * Fetches public trades before a time, for paging back.
     *
     * @param request instrument, end and limit
     * @return the trades, oldest first; completes exceptionally with a message for people when the
     *         exchange cannot answer
     */
    CompletionStage<List<Trade>> tradeHistory(TradeHistoryRequest request);

    /**
     * Streams mark price, index price, funding rate, next funding time and open interest of a
     * derivative, as far as the exchange sends them.
     *
     * @param instrument the instrument
     * @param listener receives each update (conflated for a slow listener)
     * @return the subscription (FAILED for an instrument without these data)
     */
    Subscription subscribeMarkPrice(InstrumentId instrument, MarkPriceListener listener);

    /**
     * Streams liquidations of an instrument.
     *
     * @param instrument the instrument
     * @param listener receives each liquidation
     * @return the subscription (FAILED when the exchange publishes none)
     */
    Subscription subscribeLiquidations(InstrumentId instrument, LiquidationListener listener);
}
