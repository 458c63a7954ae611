package org.tradebench.connector.bitfinex.internal.protocol;

import java.math.BigDecimal;

import org.tradebench.api.market.Side;
import org.tradebench.core.book.ScaledDecimal;

/**
 * One book row as it stands in a frame, decoded without allocation: numbers as scaled {@code long}
 * units (see {@link ScaledDecimal}) plus the position of each number's wire text in the frame, which
 * the checksum needs verbatim ({@code 7e-7} must stay {@code 7e-7}).
 *
 * <p>Row shapes: aggregated trading {@code [PRICE,COUNT,AMOUNT]}; raw trading
 * {@code [ORDER_ID,PRICE,AMOUNT]}; aggregated funding {@code [RATE,PERIOD,COUNT,AMOUNT]}; raw funding
 * {@code [OFFER_ID,PERIOD,RATE,AMOUNT]}. For funding rows {@link #price()} is the rate.
 *
 * <pre>{@code
 * public void onBookUpdate(BitfinexChannel ch, BitfinexBookRow row, BitfinexTrailer t) {
 *     if (row.isRemoval()) { ... } else { book.set(row.side(), row.price(), Math.abs(row.amount())); }
 * }
 * }</pre>
 *
 * <p>A flyweight, reused by the decoder for the next frame: read it during the callback. Not
 * thread-safe.
 */
public final class BitfinexBookRow {

    private boolean raw;
    private boolean funding;
    private int priceScale;
    private int amountScale;
    private byte[] frame = new byte[0];
    private long orderId;
    private int orderIdStart;
    private int orderIdEnd;
    private long price;
    private int priceStart;
    private int priceEnd;
    private int count;
    private int period;
    private long amount;
    private int amountStart;
    private int amountEnd;

    /** Creates an empty row (filled by the decoder; tests fill rows with {@link #set}). */
    public BitfinexBookRow() {
    }

    /**
     * Fills this row.
     *
     * @param channel the book channel (raw or aggregated, funding or trading, scales)
     * @param frame the frame text holding the numbers
     * @param orderId the order or offer id (raw books), else ignored
     * @param orderIdStart start of the id text (raw books)
     * @param orderIdEnd end of the id text (raw books)
     * @param price price (funding: rate) units at the channel's price scale; 0 removes a raw order
     * @param priceStart start of the price text
     * @param priceEnd end of the price text
     * @param count orders at the level (aggregated books; 0 removes the level), else ignored
     * @param period funding period in days (funding books), else ignored
     * @param amount signed amount units at the channel's amount scale
     * @param amountStart start of the amount text
     * @param amountEnd end of the amount text
     * @return this
     */
    public BitfinexBookRow set(BitfinexChannel channel, byte[] frame, long orderId, int orderIdStart,
            int orderIdEnd, long price, int priceStart, int priceEnd, int count, int period, long amount,
            int amountStart, int amountEnd) {
        this.raw = channel.type() == BitfinexChannelType.RAW_BOOK;
        this.funding = channel.isFunding();
        this.priceScale = channel.priceScale();
        this.amountScale = channel.amountScale();
        this.frame = frame;
        this.orderId = raw ? orderId : 0;
        this.orderIdStart = raw ? orderIdStart : 0;
        this.orderIdEnd = raw ? orderIdEnd : 0;
        this.price = price;
        this.priceStart = priceStart;
        this.priceEnd = priceEnd;
        this.count = raw ? -1 : count;
        this.period = funding ? period : -1;
        this.amount = amount;
        this.amountStart = amountStart;
        this.amountEnd = amountEnd;
        return this;
    }

    /**
     * Whether this is a raw (per-order) row.
     *
     * @return true for R0 books
     */
    public boolean isRaw() {
        return raw;
    }

    /**
     * Whether this is a funding row.
     *
     * @return true for funding books
     */
    public boolean isFunding() {
        return funding;
    }

    /**
     * Whether this row removes a level (aggregated: COUNT 0) or an order (raw: PRICE 0).
     *
     * @return true for a removal
     */
    public boolean isRemoval() {
        return raw ? price == 0 : count == 0;
    }

    /**
     * The book side. Trading: AMOUNT &gt; 0 is a bid, &lt; 0 an ask. Funding: AMOUNT &lt; 0 is a bid
     * (a loan demand), &gt; 0 an ask (an offer).
     *
     * @return BUY for bids, SELL for asks
     */
    public Side side() {
        boolean positive = amount > 0;
        return positive != funding ? Side.BUY : Side.SELL;
    }

    /**
     * The order (or offer) id of a raw row.
     *
     * @return the id, 0 for aggregated rows
     */
    public long orderId() {
        return orderId;
    }

    /**
     * The price (funding: rate) in units at {@link #priceScale()}; 0 when a raw row removes an order.
     *
     * @return the price units
     */
    public long price() {
        return price;
    }

    /**
     * The number of orders at an aggregated level.
     *
     * @return the count, -1 for raw rows
     */
    public int count() {
        return count;
    }

    /**
     * The funding period in days.
     *
     * @return the period, -1 for trading rows
     */
    public int period() {
        return period;
    }

    /**
     * The signed amount in units at {@link #amountScale()}.
     *
     * @return the amount units (negative for trading asks)
     */
    public long amount() {
        return amount;
    }

    /**
     * Decimal places of {@link #price()}.
     *
     * @return the scale
     */
    public int priceScale() {
        return priceScale;
    }

    /**
     * Decimal places of {@link #amount()}.
     *
     * @return the scale
     */
    public int amountScale() {
        return amountScale;
    }

    /**
     * The frame's bytes, which the wire-text positions refer to (valid while the frame is decoded).
     *
     * @return the bytes
     */
    public byte[] frame() {
        return frame;
    }

    /** @return start of the order id's wire text in {@link #frame()} (raw rows) */
    public int orderIdStart() {
        return orderIdStart;
    }

    /** @return end of the order id's wire text in {@link #frame()} (raw rows) */
    public int orderIdEnd() {
        return orderIdEnd;
    }

    /** @return start of the price's wire text in {@link #frame()} */
    public int priceStart() {
        return priceStart;
    }

    /** @return end of the price's wire text in {@link #frame()} */
    public int priceEnd() {
        return priceEnd;
    }

    /** @return start of the amount's wire text in {@link #frame()} */
    public int amountStart() {
        return amountStart;
    }

    /** @return end of the amount's wire text in {@link #frame()} */
    public int amountEnd() {
        return amountEnd;
    }

    /**
     * The price as a normalised decimal (allocates; not for the hot path).
     *
     * @return the price
     */
    public BigDecimal priceDecimal() {
        return ScaledDecimal.fromUnits(price, priceScale);
    }

    /**
     * The absolute amount as a normalised decimal (allocates; not for the hot path).
     *
     * @return the quantity
     */
    public BigDecimal quantityDecimal() {
        return ScaledDecimal.fromUnits(Math.abs(amount), amountScale);
    }

    /**
     * The price's wire text (allocates; for diagnostics and tests).
     *
     * @return for example {@code "7e-7"}
     */
    public String priceText() {
        return ascii(priceStart, priceEnd);
    }

    /**
     * The amount's wire text (allocates; for diagnostics and tests).
     *
     * @return for example {@code "-4847.13"}
     */
    public String amountText() {
        return ascii(amountStart, amountEnd);
    }

    /**
     * The order id's wire text of a raw row (allocates; for diagnostics and tests).
     *
     * @return the id text, empty for aggregated rows
     */
    public String orderIdText() {
        return ascii(orderIdStart, orderIdEnd);
    }

    private String ascii(int start, int end) {
        return new String(frame, start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return raw ? "[" + orderIdText() + "," + priceText() + "," + amountText() + "]"
                : "[" + priceText() + "," + count + "," + amountText() + "]";
    }
}
