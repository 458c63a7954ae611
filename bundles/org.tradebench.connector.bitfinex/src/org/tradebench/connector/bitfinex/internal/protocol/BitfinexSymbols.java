package org.tradebench.connector.bitfinex.internal.protocol;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Maps Bitfinex symbols to unified symbols and back.
 *
 * <p>Bitfinex writes a trading pair as {@code t} + base + quote, with a colon when a currency code
 * is longer than three letters ({@code tDOGE:USD}); perpetual swaps carry an {@code F0} suffix on
 * both currencies ({@code tBTCF0:USTF0}); funding currencies are {@code f} + currency
 * ({@code fUSD}). Several currencies have Bitfinex-only codes ({@code UST} is Tether USDt,
 * {@code UDC} is USD Coin); unified symbols use the common codes.
 *
 * <pre>{@code
 * BitfinexSymbols.parse("tETHUST").unified();      // "ETH/USDT"
 * BitfinexSymbols.parse("tDOGE:USD").unified();    // "DOGE/USD"
 * BitfinexSymbols.parse("tBTCF0:USTF0").unified(); // "BTC/USDT:USDT"
 * BitfinexSymbols.toRaw("BTC/USDT:USDT");          // "tBTCF0:USTF0"
 * BitfinexSymbols.toRaw("ETH/USDC");               // "tETHUDC"
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class BitfinexSymbols {

    /** The connector id used in unified instrument ids and JSON output. */
    public static final String EXCHANGE_ID = "bitfinex";

    private static final String PERPETUAL_SUFFIX = "F0";

    // Bitfinex code -> common code. Only aliases that are unambiguous; anything else passes through.
    private static final Map<String, String> TO_UNIFIED = Map.ofEntries(
            Map.entry("UST", "USDT"),
            Map.entry("UDC", "USDC"),
            Map.entry("TSD", "TUSD"),
            Map.entry("BCHN", "BCH"),
            Map.entry("DSH", "DASH"),
            Map.entry("IOT", "IOTA"),
            Map.entry("QTM", "QTUM"),
            Map.entry("MNA", "MANA"),
            Map.entry("ALG", "ALGO"),
            Map.entry("ATO", "ATOM"),
            Map.entry("DAT", "DATA"),
            Map.entry("STJ", "STORJ"),
            Map.entry("YYW", "YOYOW"),
            Map.entry("EUT", "EURT"),
            Map.entry("EUS", "EURS"),
            Map.entry("QSH", "QASH"));

    private static final Map<String, String> TO_RAW;

    static {
        Map<String, String> reverse = new HashMap<>();
        TO_UNIFIED.forEach((raw, unified) -> reverse.put(unified, raw));
        TO_RAW = Map.copyOf(reverse);
    }

    private BitfinexSymbols() {
    }

    /**
     * Parses a Bitfinex symbol.
     *
     * @param raw for example {@code tBTCUSD}, {@code tDOGE:USD}, {@code tBTCF0:USTF0}, {@code fUSD}
     * @return the parsed symbol
     * @throws IllegalArgumentException naming the symbol when it is not a Bitfinex symbol
     */
    public static BitfinexSymbol parse(String raw) {
        Objects.requireNonNull(raw, "raw");
        if (raw.length() < 2) {
            throw new IllegalArgumentException("not a Bitfinex symbol: '" + raw + "'");
        }
        char prefix = raw.charAt(0);
        String rest = raw.substring(1);
        if (prefix == 'f') {
            requireCode(rest, raw);
            return new BitfinexSymbol(raw, BitfinexSymbol.Kind.FUNDING, currency(rest), null);
        }
        if (prefix != 't') {
            throw new IllegalArgumentException("not a Bitfinex symbol: '" + raw
                    + "' (trading pairs start with t, funding currencies with f)");
        }
        String base;
        String quote;
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            base = rest.substring(0, colon);
            quote = rest.substring(colon + 1);
        } else if (rest.length() == 6) {
            base = rest.substring(0, 3);
            quote = rest.substring(3);
        } else {
            throw new IllegalArgumentException("not a Bitfinex pair: '" + raw
                    + "' (without a colon a pair is two three-letter codes, e.g. tBTCUSD)");
        }
        requireCode(base, raw);
        requireCode(quote, raw);
        if (isPerpetualCode(base) && isPerpetualCode(quote)) {
            return new BitfinexSymbol(raw, BitfinexSymbol.Kind.PERPETUAL, currency(strip(base)), currency(strip(quote)));
        }
        return new BitfinexSymbol(raw, BitfinexSymbol.Kind.SPOT, currency(base), currency(quote));
    }

    /**
     * The unified symbol of a Bitfinex trading pair.
     *
     * @param raw for example {@code tETHUST}
     * @return for example {@code ETH/USDT}
     * @throws IllegalArgumentException when {@code raw} is not a Bitfinex symbol
     * @throws IllegalStateException when {@code raw} is a funding currency
     */
    public static String unified(String raw) {
        return parse(raw).unified();
    }

    /**
     * The Bitfinex symbol of a unified trading pair: the reverse of {@link #parse(String)}.
     *
     * @param unified {@code BASE/QUOTE} or {@code BASE/QUOTE:SETTLE} (Bitfinex perpetuals settle in
     *        their quote currency, so SETTLE must equal QUOTE)
     * @return for example {@code tBTCUSD}, {@code tDOGE:USD}, {@code tBTCF0:USTF0}
     * @throws IllegalArgumentException when the symbol is malformed or the settle currency differs
     */
    public static String toRaw(String unified) {
        Objects.requireNonNull(unified, "unified");
        int slash = unified.indexOf('/');
        if (slash <= 0 || slash == unified.length() - 1) {
            throw new IllegalArgumentException("not a unified symbol: '" + unified + "' (expected BASE/QUOTE[:SETTLE])");
        }
        String base = unified.substring(0, slash);
        String quote = unified.substring(slash + 1);
        String settle = null;
        int colon = quote.indexOf(':');
        if (colon >= 0) {
            settle = quote.substring(colon + 1);
            quote = quote.substring(0, colon);
            if (!settle.equals(quote)) {
                throw new IllegalArgumentException("Bitfinex perpetuals settle in their quote currency: '" + unified
                        + "' settles in " + settle + ", not " + quote);
            }
        }
        String rawBase = rawCurrency(base);
        String rawQuote = rawCurrency(quote);
        requireCode(rawBase, unified);
        requireCode(rawQuote, unified);
        if (settle != null) {
            return "t" + rawBase + PERPETUAL_SUFFIX + ":" + rawQuote + PERPETUAL_SUFFIX;
        }
        if (rawBase.length() == 3 && rawQuote.length() == 3) {
            return "t" + rawBase + rawQuote;
        }
        return "t" + rawBase + ":" + rawQuote;
    }

    /**
     * The Bitfinex funding symbol of a currency.
     *
     * @param currency a unified currency code, for example {@code USDT}
     * @return for example {@code fUST}
     */
    public static String fundingSymbol(String currency) {
        String raw = rawCurrency(currency);
        requireCode(raw, currency);
        return "f" + raw;
    }

    /**
     * Resolves a Bitfinex currency code to the common one.
     *
     * @param rawCode for example {@code UST}
     * @return for example {@code USDT}; codes without an alias are returned unchanged
     */
    public static String currency(String rawCode) {
        return TO_UNIFIED.getOrDefault(rawCode, rawCode);
    }

    /**
     * The Bitfinex code of a common currency code: the reverse of {@link #currency(String)}.
     *
     * @param unifiedCode for example {@code USDT}
     * @return for example {@code UST}; codes without an alias are returned unchanged
     */
    public static String rawCurrency(String unifiedCode) {
        return TO_RAW.getOrDefault(unifiedCode, unifiedCode);
    }

    private static boolean isPerpetualCode(String code) {
        return code.length() > PERPETUAL_SUFFIX.length() && code.endsWith(PERPETUAL_SUFFIX);
    }

    private static String strip(String code) {
        return code.substring(0, code.length() - PERPETUAL_SUFFIX.length());
    }

    private static void requireCode(String code, String symbol) {
        if (code.isEmpty()) {
            throw new IllegalArgumentException("empty currency code in '" + symbol + "'");
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("bad currency code '" + code + "' in '" + symbol
                        + "' (upper-case letters and digits only)");
            }
        }
    }
}
