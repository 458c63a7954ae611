package org.tradebench.connector.bitfinex.internal.protocol;

import java.util.List;

/**
 * Receives what {@link BitfinexFrameDecoder} decodes, one call per message (a snapshot is one
 * call). Every method has an empty default, so an implementation overrides what it needs.
 *
 * <pre>{@code
 * BitfinexFrameDecoder decoder = new BitfinexFrameDecoder(new BitfinexSink() {
 *     @Override
 *     public void onBookUpdate(BitfinexChannel ch, BitfinexBookRow row, BitfinexTrailer t) {
 *         books.get(ch.chanId()).apply(row);
 *     }
 *     @Override
 *     public void onChecksum(BitfinexChannel ch, int checksum, BitfinexTrailer t) {
 *         if (books.get(ch.chanId()).checksum() != checksum) { resync(ch); }
 *     }
 * });
 * decoder.decode(frame);
 * }</pre>
 *
 * <p>Calls run synchronously on the thread calling {@code decode}, after the whole frame was
 * parsed. Flyweight arguments ({@link BitfinexBookRow}, {@link BitfinexBookRows},
 * {@link BitfinexTrailer}) are only valid during the call; lists and records may be kept.
 * Implemented by consumers of the decoder (the connector, the CLI, tests).
 */
public interface BitfinexSink {

    /**
     * The greeting on connect: {@code {"event":"info","version":2,"platform":{"status":1}}}.
     *
     * @param version the API version, -1 when absent
     * @param platformStatus 1 operative, 0 maintenance, -1 when absent
     */
    default void onInfo(int version, int platformStatus) {
    }

    /**
     * An info message with a code: 20051 reconnect, 20060 maintenance started, 20061 maintenance
     * ended (see {@link BitfinexFlags}).
     *
     * @param code the code
     * @param message the message, empty when absent
     */
    default void onInfoCode(int code, String message) {
    }

    /**
     * The answer to a {@code conf} request.
     *
     * @param status {@code OK} or {@code FAILED}
     * @param flags the flags the exchange confirmed
     */
    default void onConf(String status, int flags) {
    }

    /**
     * A channel was subscribed; its data frames now decode.
     *
     * @param channel the channel
     */
    default void onSubscribed(BitfinexChannel channel) {
    }

    /**
     * A channel was unsubscribed; its id is forgotten.
     *
     * @param channel the channel, or null when its id was not known
     * @param chanId the channel id
     * @param status {@code OK} or another status text
     */
    default void onUnsubscribed(BitfinexChannel channel, int chanId, String status) {
    }

    /**
     * An error event (a refused subscription, an unknown event, ...).
     *
     * @param error the code, the text and what was asked
     */
    default void onError(BitfinexError error) {
    }

    /**
     * The answer to an {@code auth} request.
     *
     * @param reply the reply
     */
    default void onAuth(BitfinexAuthReply reply) {
    }

    /**
     * The answer to a {@code ping}.
     *
     * @param timestamp the exchange time, epoch ms, -1 when absent
     * @param cid the ping's client id, -1 when absent
     */
    default void onPong(long timestamp, long cid) {
    }

    /**
     * A heartbeat {@code [chanId,"hb"]} (every 15 s on a quiet channel).
     *
     * @param channel the channel ({@link BitfinexChannel#ACCOUNT} on channel 0)
     * @param trailer trailing sequence number and timestamp
     */
    default void onHeartbeat(BitfinexChannel channel, BitfinexTrailer trailer) {
    }

    /**
     * A trading-pair ticker.
     *
     * @param channel the ticker channel
     * @param ticker the ticker
     * @param trailer trailing fields
     */
    default void onTicker(BitfinexChannel channel, BitfinexTicker ticker, BitfinexTrailer trailer) {
    }

    /**
     * A funding-currency ticker.
     *
     * @param channel the ticker channel
     * @param ticker the ticker
     * @param trailer trailing fields
     */
    default void onFundingTicker(BitfinexChannel channel, BitfinexFundingTicker ticker, BitfinexTrailer trailer) {
    }

    /**
     * The trade snapshot sent after subscribing, newest first as on the wire.
     *
     * @param channel the trades channel
     * @param trades the trades
     * @param trailer trailing fields
     */
    default void onTradeSnapshot(BitfinexChannel channel, List<BitfinexTrade> trades, BitfinexTrailer trailer) {
    }

    /**
     * A trade ({@code te} or {@code tu}, funding {@code fte}/{@code ftu}); the same trade id comes
     * twice.
     *
     * @param channel the trades channel
     * @param event executed or updated
     * @param trade the trade
     * @param trailer trailing fields
     */
    default void onTrade(BitfinexChannel channel, BitfinexTradeEvent event, BitfinexTrade trade,
            BitfinexTrailer trailer) {
    }

    /**
     * A book snapshot (possibly empty).
     *
     * @param channel the book channel
     * @param rows the rows in frame order
     * @param trailer trailing fields
     */
    default void onBookSnapshot(BitfinexChannel channel, BitfinexBookRows rows, BitfinexTrailer trailer) {
    }

    /**
     * One book row update.
     *
     * @param channel the book channel
     * @param row the row
     * @param trailer trailing fields
     */
    default void onBookUpdate(BitfinexChannel channel, BitfinexBookRow row, BitfinexTrailer trailer) {
    }

    /**
     * A book checksum {@code [chanId,"cs",INT32]} (with the {@code OB_CHECKSUM} flag).
     *
     * @param channel the book channel
     * @param checksum the exchange's CRC32 of its top 25 levels, as a signed int
     * @param trailer trailing fields
     */
    default void onChecksum(BitfinexChannel channel, int checksum, BitfinexTrailer trailer) {
    }

    /**
     * The candle snapshot sent after subscribing, newest first as on the wire (possibly empty).
     *
     * @param channel the candles channel
     * @param candles the candles
     * @param trailer trailing fields
     */
    default void onCandleSnapshot(BitfinexChannel channel, List<BitfinexCandle> candles, BitfinexTrailer trailer) {
    }

    /**
     * A candle update: the forming candle, or a late correction of an older one.
     *
     * @param channel the candles channel
     * @param candle the candle
     * @param trailer trailing fields
     */
    default void onCandle(BitfinexChannel channel, BitfinexCandle candle, BitfinexTrailer trailer) {
    }

        /**
     * A derivatives status update ({@code status} channel, {@code deriv:} key).
     *
     * @param channel the channel
     * @param status the values
     * @param trailer trailing numbers
     */
    default void onDerivativeStatus(BitfinexChannel channel, BitfinexDerivativeStatus status, BitfinexTrailer trailer) {
    }

    /**
     * Liquidations ({@code status} channel, {@code liq:global}); a snapshot or an update, each a list.
     *
     * @param channel the channel
     * @param liquidations the liquidations in the frame
     * @param trailer trailing numbers
     */
    default void onLiquidations(BitfinexChannel channel, List<BitfinexLiquidation> liquidations,
            BitfinexTrailer trailer) {
    }

/**
     * The open orders after authenticating ({@code os}).
     *
     * @param orders the orders
     * @param trailer trailing fields
     */
    default void onOrderSnapshot(List<BitfinexOrder> orders, BitfinexTrailer trailer) {
    }

    /**
     * An order change ({@code on}, {@code ou}, {@code oc}).
     *
     * @param change new, update or close
     * @param order the order
     * @param trailer trailing fields
     */
    default void onOrder(BitfinexChange change, BitfinexOrder order, BitfinexTrailer trailer) {
    }

    /**
     * The open positions after authenticating ({@code ps}).
     *
     * @param positions the positions
     * @param trailer trailing fields
     */
    default void onPositionSnapshot(List<BitfinexPosition> positions, BitfinexTrailer trailer) {
    }

    /**
     * A position change ({@code pn}, {@code pu}, {@code pc}).
     *
     * @param change new, update or close
     * @param position the position
     * @param trailer trailing fields
     */
    default void onPosition(BitfinexChange change, BitfinexPosition position, BitfinexTrailer trailer) {
    }

    /**
     * The wallets after authenticating ({@code ws}).
     *
     * @param wallets the wallets
     * @param trailer trailing fields
     */
    default void onWalletSnapshot(List<BitfinexWallet> wallets, BitfinexTrailer trailer) {
    }

    /**
     * A wallet change ({@code wu}).
     *
     * @param wallet the wallet
     * @param trailer trailing fields
     */
    default void onWallet(BitfinexWallet wallet, BitfinexTrailer trailer) {
    }

    /**
     * One of the user's executions ({@code te}, then {@code tu} with the fee).
     *
     * @param event executed or updated
     * @param trade the execution
     * @param trailer trailing fields
     */
    default void onOwnTrade(BitfinexTradeEvent event, BitfinexOwnTrade trade, BitfinexTrailer trailer) {
    }

    /**
     * A notification ({@code n}); order rejections arrive here.
     *
     * @param notification the notification
     * @param trailer trailing fields
     */
    default void onNotification(BitfinexNotification notification, BitfinexTrailer trailer) {
    }

    /**
     * A well-formed message this decoder has no call for (an unknown event, a status channel frame,
     * an account message such as {@code bu} or {@code fos}). Forward compatible: not an error.
     *
     * @param description what it was, for example {@code "account message bu"}
     */
    default void onUnhandled(String description) {
    }
}
