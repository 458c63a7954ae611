package org.tradebench.api.market;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.tradebench.api.Subscription;
import org.tradebench.api.instrument.InstrumentId;

/**
 * Market data streams of one connector. Every method returns at once; data arrives on the listener.
 * Subscribing twice to the same stream is allowed: the connector shares one exchange channel.
 *
 * <pre>{@code
 * MarketData md = connector.marketData();
 * Subscription book = md.subscribeBook(new BookRequest(btc, 25), event -> view.apply(event));
 * Subscription ticks = md.subscribeTicker(btc, ticker -> view.setTicker(ticker));
 * ...
 * book.close();
 * }</pre>
 *
 * <p>Implemented by connectors.
 */
public interface MarketData {

    /**
     * Streams tickers.
     *
     * @param instrument the instrument
     * @param listener receives each ticker
     * @return the subscription
     * @throws IllegalArgumentException when the instrument is not one of this connector's
     */
    Subscription subscribeTicker(InstrumentId instrument, TickerListener listener);

    /**
     * Streams public trades.
     *
     * @param instrument the instrument
     * @param listener receives each trade once
     * @return the subscription
     * @throws IllegalArgumentException when the instrument is not one of this connector's
     */
    Subscription subscribeTrades(InstrumentId instrument, TradeListener listener);

    /**
     * Streams the order book.
     *
     * @param request instrument and depth
     * @param listener receives a snapshot, then deltas (and reset + snapshot on resync)
     * @return the subscription
     * @throws IllegalArgumentException when the instrument is not one of this connector's
     */
    Subscription subscribeBook(BookRequest request, BookListener listener);

    /**
     * Streams candles, history first.
     *
     * @param request instrument, interval and history length
     * @param listener receives candles
     * @return the subscription
     * @throws IllegalArgumentException when the instrument or interval is not supported
     */
    Subscription subscribeCandles(CandleRequest request, CandleListener listener);

    /**
     * The candle intervals this connector streams natively.
     *
     * @return an immutable list, shortest first
     */
    List<CandleInterval> candleIntervals();

    /**
     * Fetches closed candles ending at or before now (REST where the exchange has it).
     *
     * @param request instrument, interval and how many candles
     * @return the candles, oldest first
     */
    CompletionStage<List<Candle>> candleHistory(CandleRequest request);
}
