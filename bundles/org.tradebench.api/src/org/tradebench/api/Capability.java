package org.tradebench.api;

/**
 * What a connector can do, as data. A view hides or disables what the connector of its instrument
 * does not offer; no API method throws "not implemented".
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
    /** Aggregated (price level) order book. */
    ORDER_BOOK,
    /** Per-order (raw) order book. */
    ORDER_BOOK_RAW,
    /** Candles streamed live. */
    CANDLES,
    /** Candle history for back-filling a chart. */
    CANDLE_HISTORY,
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
    /** Take-profit orders. */
    ORDER_TAKE_PROFIT,
    /** Take-profit and stop-loss attached to an entry order. */
    ORDER_ATTACHED_TP_SL,
    /** Post-only flag. */
    ORDER_POST_ONLY,
    /** Reduce-only flag. */
    ORDER_REDUCE_ONLY,
    /** Hidden orders. */
    ORDER_HIDDEN,
    /** Immediate-or-cancel and fill-or-kill time in force. */
    ORDER_IOC_FOK,
    /** Amending price or quantity of an open order. */
    ORDER_AMEND,
    /** Balances stream. */
    BALANCES,
    /** Positions stream (derivatives). */
    POSITIONS,
    /** Own fills stream. */
    FILLS,
    /** Dead-man switch: the exchange cancels orders when the session drops. */
    DEAD_MAN_SWITCH
}
