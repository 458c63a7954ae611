package org.tradebench.connector.bitfinex.internal.protocol;

import java.util.Objects;

/**
 * One subscribed public channel, as confirmed by a {@code subscribed} event, or the account
 * channel 0 after authentication.
 *
 * <pre>{@code
 * // {"event":"subscribed","channel":"book","chanId":81757,"symbol":"tXRPBTC","prec":"P0","freq":"F0","len":"25"}
 * BitfinexChannel ch = decoder.channel(81757).orElseThrow();
 * ch.type();               // BOOK
 * ch.symbol().unified();   // "XRP/BTC"
 * }</pre>
 *
 * @param chanId the channel id the exchange assigned for this connection
 * @param type what the channel carries
 * @param name the channel name as sent ({@code book}, {@code ticker}, ...)
 * @param symbol the parsed symbol; null for channels without one (status, account, unknown)
 * @param key the key of candle and status channels ({@code trade:1m:tBTCUSD}); null otherwise
 * @param precision book precision ({@code P0}..{@code P4}, {@code R0}); null for other channels
 * @param frequency book frequency ({@code F0}, {@code F1}); null when not sent
 * @param length book length (1, 25, 100, 250); 0 when not sent
 * @param timeframe candle timeframe from the key ({@code 1m} .. {@code 1M}); null for other channels
 * @param priceScale decimal places book prices (funding: rates) are parsed at
 * @param amountScale decimal places book amounts are parsed at
 */
public record BitfinexChannel(int chanId, BitfinexChannelType type, String name, BitfinexSymbol symbol, String key,
        String precision, String frequency, int length, String timeframe, int priceScale, int amountScale) {

    /** The account channel (id 0) of an authenticated connection. */
    public static final BitfinexChannel ACCOUNT = new BitfinexChannel(0, BitfinexChannelType.ACCOUNT, "account", null,
            null, null, null, 0, null, 0, 0);

    /** Validates. */
    public BitfinexChannel {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        if (chanId < 0) {
            throw new IllegalArgumentException("channel id must be >= 0, was " + chanId);
        }
        if (type.isBook() && symbol == null) {
            throw new IllegalArgumentException("book channel " + chanId + " needs a symbol");
        }
    }

    /**
     * Whether this channel carries funding data (an {@code f} symbol).
     *
     * @return true for funding channels
     */
    public boolean isFunding() {
        return symbol != null && symbol.isFunding();
    }

    /**
     * A short description for messages: {@code "book tXRPBTC P0 (chanId 81757)"}.
     *
     * @return the description
     */
    public String describe() {
        StringBuilder b = new StringBuilder(name);
        if (symbol != null) {
            b.append(' ').append(symbol.raw());
        } else if (key != null) {
            b.append(' ').append(key);
        }
        if (precision != null) {
            b.append(' ').append(precision);
        }
        return b.append(" (chanId ").append(chanId).append(')').toString();
    }
}
