package org.tradebench.examples.skeleton.internal.protocol;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.instrument.InstrumentSpec;
import org.tradebench.api.market.DayStats;
import org.tradebench.api.market.Quote;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.Trade;
import org.tradebench.core.book.ScaledDecimal;
import org.tradebench.examples.skeleton.internal.protocol.SkeletonMessage.ListedInstrument;

/**
 * Pure functions from the Skeleton Exchange's values to API values: symbols, instruments, tickers,
 * trades, refusals. Tested against recorded frames in the example's test bundle.
 *
 * <pre>{@code
 * InstrumentId btc = SkeletonAdapters.instrumentId("skeleton", "BTC-USD");   // skeleton BTC/USD
 * String raw = SkeletonAdapters.raw(btc);                                    // BTC-USD
 * Ticker t = SkeletonAdapters.ticker(btc, message, receivedMillis);
 * }</pre>
 *
 * <p><b>REPLACE</b> with your exchange's mapping. Thread-safe (no state).
 */
public final class SkeletonAdapters {

    private SkeletonAdapters() {
    }

    /**
     * The exchange's symbol of an instrument: {@code BTC/USD} is {@code BTC-USD}.
     *
     * @param instrument the unified id
     * @return the exchange's symbol
     * @throws IllegalArgumentException when the symbol is not {@code BASE/QUOTE}
     */
    public static String raw(InstrumentId instrument) {
        String s = instrument.symbol();
        int slash = s.indexOf('/');
        if (slash <= 0 || slash == s.length() - 1 || s.indexOf(':') >= 0 || s.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("the Skeleton Exchange lists spot pairs BASE/QUOTE only, not " + s);
        }
        return s.replace('/', '-');
    }

    /**
     * The unified id of an exchange symbol: {@code BTC-USD} is {@code BTC/USD}.
     *
     * @param exchangeId the connector id
     * @param raw the exchange's symbol
     * @return the id
     * @throws IllegalArgumentException when the symbol is not {@code BASE-QUOTE}
     */
    public static InstrumentId instrumentId(String exchangeId, String raw) {
        int dash = raw.indexOf('-');
        if (dash <= 0 || dash == raw.length() - 1 || raw.indexOf('-', dash + 1) >= 0) {
            throw new IllegalArgumentException("a Skeleton Exchange symbol is BASE-QUOTE, not '" + raw + "'");
        }
        return new InstrumentId(exchangeId, raw.replace('-', '/'));
    }

    /**
     * The instruments of a welcome message.
     *
     * @param exchangeId the connector id
     * @param listed what the exchange listed
     * @return spot instruments with the exchange's tick and lot (the lot is also the minimum
     *         quantity; no minimum notional)
     * @throws IllegalArgumentException when a tick or lot is not a positive decimal
     */
    public static List<Instrument> instruments(String exchangeId, List<ListedInstrument> listed) {
        List<Instrument> out = new ArrayList<>(listed.size());
        for (ListedInstrument l : listed) {
            InstrumentSpec spec = new InstrumentSpec(decimal(l.tick(), "tick of " + l.symbol()),
                    decimal(l.lot(), "lot of " + l.symbol()), BigDecimal.ZERO);
            out.add(new Instrument(instrumentId(exchangeId, l.symbol()), InstrumentKind.SPOT, spec, l.symbol()));
        }
        return List.copyOf(out);
    }

    /**
     * A ticker message as an API ticker: the quote when bid and ask are both there, the last price,
     * and the 24 h volume; what the message lacks stays null.
     *
     * @param instrument the instrument
     * @param m a {@link SkeletonMessage.Type#TICKER} message
     * @param receivedMillis when it arrived
     * @return the ticker
     */
    public static Ticker ticker(InstrumentId instrument, SkeletonMessage m, long receivedMillis) {
        Quote quote = null;
        if (m.bid() != SkeletonMessage.ABSENT && m.ask() != SkeletonMessage.ABSENT) {
            quote = new Quote(units(m.bid()), orZero(m.bidSize()), units(m.ask()), orZero(m.askSize()));
        }
        BigDecimal last = m.last() == SkeletonMessage.ABSENT ? null : units(m.last());
        DayStats day = m.volume() == SkeletonMessage.ABSENT ? null
                : new DayStats(units(m.volume()), null, null, null, null, null, null);
        return new Ticker(instrument, Instant.ofEpochMilli(m.time()), Instant.ofEpochMilli(receivedMillis), quote, last,
                day);
    }

    /**
     * A trade message as an API trade.
     *
     * @param instrument the instrument
     * @param m a {@link SkeletonMessage.Type#TRADE} message
     * @param receivedMillis when it arrived
     * @return the trade, with the taker's side as the exchange says
     */
    public static Trade trade(InstrumentId instrument, SkeletonMessage m, long receivedMillis) {
        return new Trade(instrument, m.tradeId(), Instant.ofEpochMilli(m.time()), Instant.ofEpochMilli(receivedMillis),
                units(m.price()), units(m.size()), m.side());
    }

    /**
     * What a refused subscription says: the exchange's text and code.
     *
     * @param what the stream, for example {@code "book SOL-USD"}
     * @param m an {@link SkeletonMessage.Type#ERROR} message
     * @return for example {@code "Skeleton Exchange refused book SOL-USD: unknown symbol SOL-USD (code 404)"}
     */
    public static String refusal(String what, SkeletonMessage m) {
        return "Skeleton Exchange refused " + what + ": " + (m.message().isBlank() ? "no reason given" : m.message())
                + (m.code() != 0 ? " (code " + m.code() + ")" : "");
    }

    /**
     * Units of {@link SkeletonFrameReader#SCALE} as a decimal.
     *
     * @param units the units
     * @return the value
     */
    public static BigDecimal units(long units) {
        return ScaledDecimal.fromUnits(units, SkeletonFrameReader.SCALE);
    }

    private static BigDecimal orZero(long units) {
        return units == SkeletonMessage.ABSENT ? BigDecimal.ZERO : units(units);
    }

    private static BigDecimal decimal(String text, String what) {
        try {
            BigDecimal d = new BigDecimal(text);
            if (d.signum() <= 0) {
                throw new IllegalArgumentException("the " + what + " must be above 0, was " + text);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the " + what + " is not a decimal: '" + text + "'", e);
        }
    }
}
