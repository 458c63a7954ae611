package org.tradebench.api;

/**
 * What a connector (or one of its instruments or trading accounts) can do, as data. A view hides
 * or disables what the connector of its instrument does not offer; no API method throws "not
 * implemented": a stream that is not offered ends {@link org.tradebench.api.health.DataState#FAILED}
 * with a cause, a request that is not offered completes with a value that says so.
 *
 * <pre>{@code
 * if (connector.capabilities().contains(Capability.ORDER_STOP)) {
 *     showStopOrderControls();
 * }
 * }</pre>
 */
public enum Capability {
    /** Best bid/ask, last price and daily statistics. */
    TICKER,
    /** Public trades. */
    TRADES,
    /** Public trades before a time, paged ({@code MarketData.tradeHistory}). */
    TRADE_HISTORY,
    /** Aggregated (price level) order book. */
    ORDER_BOOK,
    /** Per-order (raw) order book. */
    ORDER_BOOK_RAW,
    /** Book levels carry the number of orders resting there. */
    ORDER_BOOK_COUNTS,
    /** Candles streamed live. */
    CANDLES,
    /** Candle history for back-filling a chart, paged by time. */
    CANDLE_HISTORY,
    /** Mark price (and index price) of derivatives. */
    MARK_PRICE,
    /** Funding rate and next funding time of perpetual swaps. */
    FUNDING,
    /** Open interest of derivatives. */
    OPEN_INTEREST,
    /** Liquidations. */
    LIQUIDATIONS,
    /** Placing and cancelling orders. */
    TRADING,
    /** Limit orders. */
    ORDER_LIMIT,
    /** Market orders. */
    ORDER_MARKET,
    /** Stop (stop-market) orders. */
    ORDER_STOP,
    /** Stop-limit orders. */
    ORDER_STOP_LIMIT,
    /** Take-profit (market) orders. */
    ORDER_TAKE_PROFIT,
    /** Take-profit-limit orders. */
    ORDER_TAKE_PROFIT_LIMIT,
    /**
     * Take-profit and stop-loss legs attached to an entry order. Without {@link #ORDER_EXITS_NATIVE}
     * the order gateway emulates them.
     */
    ORDER_ATTACHED_TP_SL,
    /**
     * The exchange itself holds the take-profit and stop-loss legs ("exchange" exits): attached to
     * the entry with {@link #ORDER_ATTACHED_TP_SL}, else as take-profit and stop orders of their
     * own that the order gateway sends on each fill of the entry and links (one cancels the other).
     */
    ORDER_EXITS_NATIVE,
    /** Trigger prices may follow the mark price (not only the last trade). */
    ORDER_TRIGGER_MARK,
    /** Post-only flag. */
    ORDER_POST_ONLY,
    /** Reduce-only flag. */
    ORDER_REDUCE_ONLY,
    /** Close-position flag (the order closes whatever position is open). */
    ORDER_CLOSE_POSITION,
    /** Hidden orders. */
    ORDER_HIDDEN,
    /** Immediate-or-cancel and fill-or-kill time in force. */
    ORDER_IOC_FOK,
    /** Amending price, quantity or trigger of an open order. */
    ORDER_AMEND,
    /** Querying one order by client order id. */
    ORDER_QUERY,
    /** Order history. */
    ORDER_HISTORY,
    /** Own fills history. */
    FILL_HISTORY,
    /** Balances stream. */
    BALANCES,
    /** Positions stream (derivatives). */
    POSITIONS,
    /** Own fills stream. */
    FILLS,
    /** Hedge mode: a long and a short position on one instrument at once. */
    HEDGE_MODE,
    /** Setting the leverage of an instrument. */
    LEVERAGE,
    /** Choosing cross or isolated margin per instrument. */
    MARGIN_MODE,
    /** Dead-man switch: the exchange cancels orders when the session drops. */
    DEAD_MAN_SWITCH
}
