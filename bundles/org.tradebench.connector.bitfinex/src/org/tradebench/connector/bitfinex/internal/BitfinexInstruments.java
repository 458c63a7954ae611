package org.tradebench.connector.bitfinex.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentSpec;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSymbol;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSymbols;

/**
 * The instruments the connector offers, with their trading rules. Bitfinex quotes prices with five
 * significant digits; the tick sizes here are those digits at today's price levels, and lots and
 * minimum sizes follow the exchange's published minimums (the {@code conf} endpoints that list them
 * are not used yet: see the connector documentation).
 *
 * <pre>{@code
 * Instrument btc = BitfinexInstruments.bySymbol("BTC/USD").orElseThrow();
 * btc.rawSymbol();   // "tBTCUSD"
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class BitfinexInstruments {

    private static final List<Instrument> ALL = build();

    private BitfinexInstruments() {
    }

    /** Every instrument, spot first. */
    public static List<Instrument> all() {
        return ALL;
    }

    /**
     * Looks up an instrument by unified symbol.
     *
     * @param symbol for example {@code BTC/USD}
     * @return the instrument, or empty
     */
    public static Optional<Instrument> bySymbol(String symbol) {
        return ALL.stream().filter(i -> i.id().symbol().equals(symbol)).findFirst();
    }

    /**
     * Looks up an instrument by Bitfinex symbol.
     *
     * @param raw for example {@code tBTCUSD}
     * @return the instrument, or empty
     */
    public static Optional<Instrument> byRaw(String raw) {
        return ALL.stream().filter(i -> i.rawSymbol().equals(raw)).findFirst();
    }

    /**
     * Requires an instrument of this connector.
     *
     * @param id the instrument id
     * @return the instrument
     * @throws IllegalArgumentException naming the instrument when it is not one of Bitfinex's
     */
    public static Instrument require(InstrumentId id) {
        if (!BitfinexSymbols.EXCHANGE_ID.equals(id.exchangeId())) {
            throw new IllegalArgumentException(id + " is not a Bitfinex instrument (exchange id "
                    + BitfinexSymbols.EXCHANGE_ID + ")");
        }
        return bySymbol(id.symbol()).orElseThrow(() -> new IllegalArgumentException("Bitfinex has no instrument "
                + id.symbol() + "; known: " + ALL.stream().map(i -> i.id().symbol()).toList()));
    }

    private static List<Instrument> build() {
        List<Instrument> out = new ArrayList<>();
        add(out, "tBTCUSD", "1", "0.0001", "5");
        add(out, "tETHUSD", "0.1", "0.001", "5");
        add(out, "tSOLUSD", "0.01", "0.01", "5");
        add(out, "tXRPUSD", "0.0001", "1", "5");
        add(out, "tLTCUSD", "0.01", "0.01", "5");
        add(out, "tETHBTC", "0.000001", "0.001", "0.0001");
        add(out, "tBTCUST", "1", "0.0001", "5");
        add(out, "tETHUST", "0.1", "0.001", "5");
        add(out, "tBTCEUR", "1", "0.0001", "5");
        add(out, "tBTCF0:USTF0", "1", "0.0001", "5");
        add(out, "tETHF0:USTF0", "0.1", "0.001", "5");
        return List.copyOf(out);
    }

    private static void add(List<Instrument> out, String raw, String tick, String lot, String minNotional) {
        BitfinexSymbol s = BitfinexSymbols.parse(raw);
        out.add(new Instrument(s.instrumentId(), s.instrumentKind(),
                new InstrumentSpec(new BigDecimal(tick), new BigDecimal(lot), new BigDecimal(minNotional)), raw));
    }
}
