package org.tradebench.api.spi;

import org.osgi.annotation.versioning.ConsumerType;
import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.Liquidation;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.OrderBookView;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.Trade;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.Order;

/**
 * Receives what a {@link StreamDecoder} made of raw frames: API values, the results of book
 * checksums, and status changes the frames announce. Methods default to doing nothing.
 *
 * <p>Runs on the thread calling {@link StreamDecoder#decode}; book updates are valid during the
 * call only.
 */
@ConsumerType
public interface DecodedEvents {

    /**
     * A ticker.
     *
     * @param ticker the ticker
     */
    default void onTicker(Ticker ticker) {
    }

    /**
     * A public trade (each once).
     *
     * @param trade the trade
     */
    default void onTrade(Trade trade) {
    }

    /**
     * A book update.
     *
     * @param update snapshot, delta or reset, valid during the call
     */
    default void onBook(BookUpdate update) {
    }

    /**
     * The exchange sent a book checksum and the decoder compared it.
     *
     * @param instrument the book's instrument
     * @param ok whether the local book matched
     */
    default void onChecksum(InstrumentId instrument, boolean ok) {
    }

    /**
     * A candle.
     *
     * @param candle the candle
     */
    default void onCandle(Candle candle) {
    }

    /**
     * A mark price event.
     *
     * @param mark the values
     */
    default void onMarkPrice(MarkPrice mark) {
    }

    /**
     * A liquidation.
     *
     * @param liquidation the liquidation
     */
    default void onLiquidation(Liquidation liquidation) {
    }

    /**
     * The frames announced a state (maintenance, a restart, ...).
     *
     * @param state the state
     * @param reason what the exchange said
     */
    default void onStatus(ConnectionState state, String reason) {
    }

    /**
     * An order of the account stream.
     *
     * @param order the order
     */
    default void onOrder(Order order) {
    }

    /**
     * A fill of the account stream.
     *
     * @param fill the fill
     */
    default void onFill(Fill fill) {
    }

    /**
     * A balance of the account stream.
     *
     * @param balance the balance
     */
    default void onBalance(Balance balance) {
    }

    /**
     * A position of the account stream.
     *
     * @param position the position
     */
    default void onPosition(Position position) {
    }

    /**
     * The final state of a book, when {@link StreamDecoder#finish()} is called.
     *
     * @param instrument the instrument
     * @param book the book, valid during the call
     */
    default void onFinalBook(InstrumentId instrument, OrderBookView book) {
    }
}
