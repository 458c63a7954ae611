package org.tradebench.api.instrument;

import java.util.Objects;

/**
 * Identifies an instrument on one exchange by its unified symbol.
 *
 * <p>Unified symbols are {@code BASE/QUOTE} for spot and {@code BASE/QUOTE:SETTLE} for perpetual
 * swaps, with exchange aliases resolved ({@code BTC/USDT}, {@code BTC/USD:USD}).
 *
 * <pre>{@code
 * InstrumentId id = new InstrumentId("simulated", "BTC/USD");
 * InstrumentId parsed = InstrumentId.parse("simulated:BTC/USD");
 * }</pre>
 *
 * @param exchangeId the connector id, for example {@code "bitfinex"}
 * @param symbol the unified symbol
 */
public record InstrumentId(String exchangeId, String symbol) {

    /** Validates both parts. */
    public InstrumentId {
        Objects.requireNonNull(exchangeId, "exchangeId");
        Objects.requireNonNull(symbol, "symbol");
        if (exchangeId.isBlank() || exchangeId.contains(" ")) {
            throw new IllegalArgumentException("exchange id must be a non-blank word: '" + exchangeId + "'");
        }
        int slash = symbol.indexOf('/');
        if (slash <= 0 || slash == symbol.length() - 1) {
            throw new IllegalArgumentException("symbol must be BASE/QUOTE or BASE/QUOTE:SETTLE: '" + symbol + "'");
        }
    }

    /**
     * Parses {@code exchange:BASE/QUOTE[:SETTLE]}, the form of {@link #toString()}.
     *
     * @param text the text
     * @return the id
     * @throws IllegalArgumentException when the text has no exchange part
     */
    public static InstrumentId parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected exchange:BASE/QUOTE, got '" + text + "'");
        }
        return new InstrumentId(text.substring(0, colon), text.substring(colon + 1));
    }

    /**
     * The base currency.
     *
     * @return {@code BTC} for {@code BTC/USD:USD}
     */
    public String base() {
        return symbol.substring(0, symbol.indexOf('/'));
    }

    /**
     * The quote currency.
     *
     * @return {@code USD} for {@code BTC/USD:USD}
     */
    public String quote() {
        int slash = symbol.indexOf('/');
        int colon = symbol.indexOf(':', slash);
        return colon < 0 ? symbol.substring(slash + 1) : symbol.substring(slash + 1, colon);
    }

    @Override
    public String toString() {
        return exchangeId + ":" + symbol;
    }
}
