package org.tradebench.ui.balances.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Ticker;
import org.tradebench.ui.balances.internal.BalancesModel.Rate;

/**
 * The latest ticker price of the pairs that convert balances into the quote currency: a pair
 * {@code CUR/QUOTE} gives its price, {@code QUOTE/CUR} its inverse, on the balance's own exchange.
 * A price older than {@link #FRESH} counts as not live. Thread-safe: tickers arrive on connector
 * threads, look-ups run on the display thread.
 */
public final class PriceBook implements BalancesModel.Rates {

    /** How old a price may be and still count as live. */
    public static final Duration FRESH = Duration.ofSeconds(30);

    private record Price(BigDecimal price, Instant received) {
    }

    private final Map<InstrumentId, Price> prices = new ConcurrentHashMap<>();
    private volatile String quote;

    /**
     * A book valuing in a quote currency.
     *
     * @param quote for example {@code "USD"}
     */
    public PriceBook(String quote) {
        this.quote = quote;
    }

    /**
     * The quote currency.
     *
     * @return for example {@code "USD"}
     */
    public String quote() {
        return quote;
    }

    /**
     * Changes the quote currency.
     *
     * @param newQuote the currency
     */
    public void setQuote(String newQuote) {
        this.quote = newQuote;
    }

    /**
     * Records a ticker: its last price, or the middle of its quote when it has no last.
     *
     * @param t the ticker
     */
    public void ticker(Ticker t) {
        BigDecimal p = t.last();
        if (p == null && t.quote() != null && t.quote().bid() != null && t.quote().ask() != null) {
            p = t.quote().bid().add(t.quote().ask()).divide(BigDecimal.TWO, MathContext.DECIMAL64);
        }
        if (p != null && p.signum() > 0) {
            prices.put(t.instrument(), new Price(p, t.received()));
        }
    }

    /**
     * Records a price directly (tests).
     *
     * @param id the pair
     * @param price the price
     * @param received when it arrived
     */
    public void price(InstrumentId id, BigDecimal price, Instant received) {
        prices.put(id, new Price(price, received));
    }

    /**
     * The pair symbol a currency is priced with, direct first.
     *
     * @param currency the currency
     * @param quoteCurrency the quote
     * @return {@code CUR/QUOTE} and {@code QUOTE/CUR}
     */
    public static String[] pairs(String currency, String quoteCurrency) {
        return new String[] { currency + "/" + quoteCurrency, quoteCurrency + "/" + currency };
    }

    @Override
    public Rate rate(String exchangeId, String currency) {
        String q = quote;
        if (currency.equals(q)) {
            return new Rate(BigDecimal.ONE, "", true);
        }
        String[] pairs = pairs(currency, q);
        Instant now = Instant.now();
        Price direct = prices.get(new InstrumentId(exchangeId, pairs[0]));
        if (direct != null) {
            return new Rate(direct.price(), pairs[0], Duration.between(direct.received(), now).compareTo(FRESH) <= 0);
        }
        Price inverse = prices.get(new InstrumentId(exchangeId, pairs[1]));
        if (inverse != null) {
            return new Rate(BigDecimal.ONE.divide(inverse.price(), MathContext.DECIMAL64), "1 / " + pairs[1],
                    Duration.between(inverse.received(), now).compareTo(FRESH) <= 0);
        }
        return null;
    }
}
