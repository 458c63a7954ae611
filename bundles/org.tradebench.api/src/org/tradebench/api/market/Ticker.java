package org.tradebench.api.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import org.tradebench.api.Decimals;
import org.tradebench.api.instrument.InstrumentId;

/**
 * A ticker: any of the best bid and ask ({@link Quote}), the last price and the 24-hour statistics
 * ({@link DayStats}), as the exchange sends them. Exchanges differ: Bitfinex sends all three in one
 * message, Binance USD-M {@code @ticker} and Backpack {@code ticker} carry no bid or ask, a
 * book-ticker stream carries only the quote. Absent parts are null, never invented.
 *
 * <pre>{@code
 * Ticker t = ...;
 * if (t.quote() != null) spread.setText(t.quote().spread().toPlainString());
 * if (t.last() != null) last.setText(t.last().toPlainString());
 * }</pre>
 *
 * @param instrument the instrument
 * @param time exchange time (receive time when the exchange gives none)
 * @param received local receive time
 * @param quote best bid and ask, nullable
 * @param last last traded price, nullable
 * @param day 24-hour statistics, nullable
 */
public record Ticker(InstrumentId instrument, Instant time, Instant received, Quote quote, BigDecimal last,
        DayStats day) {

    /** Validates and normalises. */
    public Ticker {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(received, "received");
        last = Decimals.normalizeNullable(last);
        if (quote == null && last == null && day == null) {
            throw new IllegalArgumentException("a ticker of " + instrument + " needs a quote, a last price or day statistics");
        }
    }

    /**
     * A complete ticker from flat values (Bitfinex's shape).
     *
     * @param instrument the instrument
     * @param time exchange time
     * @param received receive time
     * @param bid best bid
     * @param bidSize size at the best bid
     * @param ask best ask
     * @param askSize size at the best ask
     * @param last last price
     * @param volume 24-hour base volume
     * @param high 24-hour high, nullable
     * @param low 24-hour low, nullable
     * @param change 24-hour change, nullable
     * @param changeRatio 24-hour relative change, nullable
     * @return the ticker
     */
    public static Ticker of(InstrumentId instrument, Instant time, Instant received, BigDecimal bid, BigDecimal bidSize,
            BigDecimal ask, BigDecimal askSize, BigDecimal last, BigDecimal volume, BigDecimal high, BigDecimal low,
            BigDecimal change, BigDecimal changeRatio) {
        return new Ticker(instrument, time, received, new Quote(bid, bidSize, ask, askSize), last,
                new DayStats(volume, null, high, low, null, change, changeRatio));
    }

    /**
     * The best bid.
     *
     * @return the bid, or null without a quote
     */
    public BigDecimal bid() {
        return quote == null ? null : quote.bid();
    }

    /**
     * The best ask.
     *
     * @return the ask, or null without a quote
     */
    public BigDecimal ask() {
        return quote == null ? null : quote.ask();
    }

    /**
     * The mid price.
     *
     * @return (bid + ask) / 2, or null without a quote
     */
    public BigDecimal mid() {
        return quote == null ? null : quote.mid();
    }

    /**
     * The 24-hour base volume.
     *
     * @return the volume, or null when not given
     */
    public BigDecimal volume() {
        return day == null ? null : day.volume();
    }
}
