package org.tradebench.connector.bitfinex.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.tradebench.connector.support.json.FrameFormatException;
import org.tradebench.connector.support.json.JsonScanner;
import org.tradebench.core.book.ScaledDecimal;

/**
 * Decodes Bitfinex WebSocket v2 frames, given as bytes exactly as received, into calls on a
 * {@link BitfinexSink}, remembering the channels that {@code subscribed} events announce so that
 * data frames ({@code [chanId, ...]}) resolve.
 *
 * <p>Two paths. Book channels carry almost all the traffic: their frames are read in place by
 * {@link BitfinexBookReader} with no allocation. Every other frame (events, tickers, trades,
 * candles, status, the account channel) is read by {@link BitfinexMessages} with Gson's streaming
 * reader, keeping every number's wire text.
 *
 * <pre>{@code
 * BitfinexFrameDecoder decoder = new BitfinexFrameDecoder(sink);
 * byte[] f = "{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":17,\"symbol\":\"tBTCUSD\",\"prec\":\"P0\"}"
 *         .getBytes(StandardCharsets.UTF_8);
 * decoder.decode(f, 0, f.length);
 * decoder.decode(bytes, offset, length);   // [17,[103950.5,3,1.25]] -> sink.onBookUpdate(...)
 * }</pre>
 *
 * <p>Not thread-safe: one thread at a time (the connection's reader) owns a decoder. A malformed
 * frame throws {@link BitfinexProtocolException} before any sink call for it and leaves the decoder
 * usable.
 */
public final class BitfinexFrameDecoder {

    /** Decimal places of book prices and funding rates: prices up to about 9.2e8. */
    public static final int DEFAULT_PRICE_SCALE = 10;

    /** Decimal places of book amounts (Bitfinex amounts have at most 8): up to about 9.2e10. */
    public static final int DEFAULT_AMOUNT_SCALE = 8;

    private final BitfinexTrailer trailer = new BitfinexTrailer();
    private final BitfinexChannels channels;
    private final BitfinexBookReader books;
    private final BitfinexMessages messages;
    private final JsonScanner scan = new JsonScanner();

    /**
     * Creates a decoder with the default scales.
     *
     * @param sink receives what is decoded
     */
    public BitfinexFrameDecoder(BitfinexSink sink) {
        this(sink, TrailerCheck.NONE, DEFAULT_PRICE_SCALE, DEFAULT_AMOUNT_SCALE);
    }

    /**
     * Creates a decoder with the default scales and a check of every data frame's trailer.
     *
     * @param sink receives what is decoded
     * @param check sees each data frame's trailing numbers before the sink sees the frame
     */
    public BitfinexFrameDecoder(BitfinexSink sink, TrailerCheck check) {
        this(sink, check, DEFAULT_PRICE_SCALE, DEFAULT_AMOUNT_SCALE);
    }

    /**
     * Creates a decoder.
     *
     * @param sink receives what is decoded
     * @param check sees each data frame's trailing numbers before the sink sees the frame
     * @param priceScale decimal places book prices (and funding rates) are parsed at
     * @param amountScale decimal places book amounts are parsed at
     */
    public BitfinexFrameDecoder(BitfinexSink sink, TrailerCheck check, int priceScale, int amountScale) {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(check, "check");
        ScaledDecimal.unitsPerWhole(priceScale); // validates the scales
        ScaledDecimal.unitsPerWhole(amountScale);
        this.channels = new BitfinexChannels(priceScale, amountScale);
        this.books = new BitfinexBookReader(sink, trailer, check);
        this.messages = new BitfinexMessages(sink, trailer, channels, check);
    }

    /**
     * Sees each data frame's trailing numbers (sequence numbers, timestamp) after the frame was
     * read and before the sink hears of it: the socket checks the connection's sequence there.
     */
    @FunctionalInterface
    public interface TrailerCheck {
        /** A check that does nothing. */
        TrailerCheck NONE = (channel, trailer) -> {
        };

        /**
         * A data frame was read.
         *
         * @param channel its channel
         * @param trailer its trailing numbers
         */
        void check(BitfinexChannel channel, BitfinexTrailer trailer);
    }

    /**
     * Decodes one frame.
     *
     * @param frame the bytes holding the frame
     * @param offset its first byte
     * @param length its length
     * @throws BitfinexProtocolException when the frame does not match the protocol; nothing was
     *         passed to the sink for it
     */
    public void decode(byte[] frame, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, frame.length);
        trailer.clear();
        int n = offset + length;
        int p = JsonScanner.skipWhitespace(frame, n, offset);
        if (p == n) {
            throw new BitfinexProtocolException("empty frame");
        }
        byte first = frame[p];
        if (first == '{') {
            messages.event(new String(frame, offset, length, StandardCharsets.UTF_8));
            return;
        }
        if (first != '[') {
            throw new BitfinexProtocolException("not a Bitfinex frame: expected '[' or '{' at the start");
        }
        p = JsonScanner.skipWhitespace(frame, n, p + 1);
        long chanId;
        try {
            chanId = scan.readInteger(frame, n, p, "the channel id");
            p = JsonScanner.expect(frame, n, JsonScanner.skipWhitespace(frame, n, scan.end()), ',',
                    "after the channel id");
        } catch (BitfinexProtocolException e) {
            throw e;
        } catch (FrameFormatException e) {
            throw new BitfinexProtocolException(e.getMessage(), e);
        }
        BitfinexChannel channel = chanId == 0 ? BitfinexChannel.ACCOUNT : channels.find(chanId);
        if (channel == null) {
            throw new BitfinexProtocolException("data for unknown channel " + chanId
                    + ": no subscribed event was seen for it");
        }
        if (channel.type().isBook()) {
            books.decode(frame, n, p, channel);
        } else {
            messages.data(new String(frame, offset, length, StandardCharsets.UTF_8), channel);
        }
    }

    /**
     * Decodes one frame given as text (tests and tools).
     *
     * @param frame the frame
     */
    public void decode(String frame) {
        byte[] b = frame.getBytes(StandardCharsets.UTF_8);
        decode(b, 0, b.length);
    }

    /**
     * Looks up a subscribed channel.
     *
     * @param chanId the channel id
     * @return the channel, or empty when no {@code subscribed} event announced it
     */
    public Optional<BitfinexChannel> channel(int chanId) {
        return Optional.ofNullable(channels.find(chanId));
    }

    /**
     * The subscribed channels, in subscription order.
     *
     * @return an immutable list
     */
    public List<BitfinexChannel> channels() {
        return channels.all();
    }

    /**
     * The flags the exchange confirmed with its last {@code conf} answer.
     *
     * @return the flags, 0 before any
     */
    public int flags() {
        return channels.flags();
    }

    /** Forgets channels and flags: call on every new connection. */
    public void reset() {
        channels.clear();
    }

    /**
     * Own trades as {@code POST /v2/auth/r/trades[/SYMBOL]/hist} answers them (rows shaped like
     * {@code te}/{@code tu}). A pure function.
     *
     * @param body the REST body
     * @return the trades in the order sent
     * @throws BitfinexProtocolException when the body is not such an array
     */
    public static List<BitfinexOwnTrade> ownTrades(CharSequence body) {
        return BitfinexMessages.ownTrades(body);
    }
}
