package org.tradebench.connector.bitfinex.internal.protocol;

/** What a Bitfinex channel carries. */
public enum BitfinexChannelType {
    /** Aggregated book, precision {@code P0}..{@code P4}: rows {@code [PRICE,COUNT,AMOUNT]}. */
    BOOK,
    /** Raw (per-order) book, precision {@code R0}: rows {@code [ORDER_ID,PRICE,AMOUNT]}. */
    RAW_BOOK,
    /** Ticker. */
    TICKER,
    /** Public trades. */
    TRADES,
    /** Candles. */
    CANDLES,
    /** Derivatives status ({@code status} channel, key {@code deriv:tBTCF0:USTF0}). */
    DERIVATIVE_STATUS,
    /** Liquidations ({@code status} channel, key {@code liq:global}). */
    LIQUIDATIONS,
    /** The authenticated account channel 0. */
    ACCOUNT,
    /** A channel name this decoder does not know; its data frames are reported as unhandled. */
    UNKNOWN;

    /**
     * Whether this is a book channel.
     *
     * @return true for BOOK and RAW_BOOK
     */
    public boolean isBook() {
        return this == BOOK || this == RAW_BOOK;
    }

    /**
     * Whether this is a {@code status} channel.
     *
     * @return true for DERIVATIVE_STATUS and LIQUIDATIONS
     */
    public boolean isStatus() {
        return this == DERIVATIVE_STATUS || this == LIQUIDATIONS;
    }
}
