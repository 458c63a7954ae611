package org.tradebench.connector.bitfinex.internal.protocol;

import java.util.Objects;

import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentKind;

/**
 * A parsed Bitfinex symbol: a trading pair (spot or perpetual) or a funding currency.
 *
 * <pre>{@code
 * BitfinexSymbol s = BitfinexSymbols.parse("tBTCF0:USTF0");
 * s.kind();      // PERPETUAL
 * s.unified();   // "BTC/USDT:USDT"
 * BitfinexSymbols.parse("fUSD").isFunding(); // true: a funding currency, not a pair
 * }</pre>
 *
 * @param raw the exchange's symbol exactly as sent, for example {@code tETHUST}
 * @param kind spot, perpetual or funding
 * @param base the unified base currency (aliases resolved: {@code UST} is {@code USDT}); for
 *        funding, the currency
 * @param quote the unified quote currency, which perpetuals also settle in; null for funding
 */
public record BitfinexSymbol(String raw, Kind kind, String base, String quote) {

    /** What a symbol names. */
    public enum Kind {
        /** A spot trading pair ({@code t} prefix). */
        SPOT,
        /** A perpetual swap ({@code t} prefix, both currencies with the {@code F0} suffix). */
        PERPETUAL,
        /** A funding currency ({@code f} prefix): not a trading pair. */
        FUNDING
    }

    /** Validates. */
    public BitfinexSymbol {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(base, "base");
        if ((kind == Kind.FUNDING) != (quote == null)) {
            throw new IllegalArgumentException("a funding symbol has no quote and a pair has one: " + raw);
        }
    }

    /**
     * Whether this is a funding currency rather than a trading pair.
     *
     * @return true for {@code f} symbols
     */
    public boolean isFunding() {
        return kind == Kind.FUNDING;
    }

    /**
     * The unified symbol: {@code BASE/QUOTE} for spot, {@code BASE/QUOTE:QUOTE} for perpetuals.
     *
     * @return for example {@code "BTC/USDT:USDT"}
     * @throws IllegalStateException for a funding currency, which has no unified pair symbol
     */
    public String unified() {
        return switch (kind) {
            case SPOT -> base + "/" + quote;
            case PERPETUAL -> base + "/" + quote + ":" + quote;
            case FUNDING -> throw new IllegalStateException(raw + " is a funding currency, not a trading pair");
        };
    }

    /**
     * The instrument kind of a trading pair.
     *
     * @return SPOT or PERPETUAL
     * @throws IllegalStateException for a funding currency
     */
    public InstrumentKind instrumentKind() {
        return switch (kind) {
            case SPOT -> InstrumentKind.SPOT;
            case PERPETUAL -> InstrumentKind.PERPETUAL;
            case FUNDING -> throw new IllegalStateException(raw + " is a funding currency, not a trading pair");
        };
    }

    /**
     * The API instrument id of a trading pair.
     *
     * @return {@code bitfinex:BASE/QUOTE[:QUOTE]}
     * @throws IllegalStateException for a funding currency
     */
    public InstrumentId instrumentId() {
        return new InstrumentId(BitfinexSymbols.EXCHANGE_ID, unified());
    }
}
