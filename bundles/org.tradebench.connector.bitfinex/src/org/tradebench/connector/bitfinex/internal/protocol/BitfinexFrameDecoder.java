package org.tradebench.connector.bitfinex.internal.protocol;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.tradebench.core.book.ScaledDecimal;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * Decodes Bitfinex WebSocket v2 frames into calls on a {@link BitfinexSink}, remembering the
 * channels that {@code subscribed} events announce so that data frames ({@code [chanId, ...]})
 * resolve.
 *
 * <p>Two paths. Book channels carry almost all the traffic, so their frames ({@code [ch,[p,c,a]]},
 * snapshots, {@code hb}, {@code cs}) are copied once into a reused {@code char[]} and scanned there
 * in one pass: plain numbers become scaled {@code long}s as their digits are read (exactly what
 * {@link ScaledDecimal#parseUnits(CharSequence, int, int, int)} gives), any other number text
 * (exponents, more digits) goes through {@code parseUnits} itself, and the wire text stays as
 * positions in the frame for the checksum; decoding an update allocates nothing. Every other frame
 * (events, tickers, trades, candles, the account channel) is read with Gson's streaming
 * {@link JsonReader} (no tree); numbers are kept as their exact wire text ({@code nextString()} on a
 * NUMBER token returns the literal) and become {@link BigDecimal}s.
 *
 * <p>Frames are never assumed to have a fixed length: trailing numbers that the {@code TIMESTAMP}
 * and {@code SEQ_ALL} flags append land in a {@link BitfinexTrailer}, and rows may carry more fields
 * than read here.
 *
 * <pre>{@code
 * BitfinexFrameDecoder decoder = new BitfinexFrameDecoder(sink);
 * decoder.decode("{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":17,\"symbol\":\"tBTCUSD\",\"prec\":\"P0\"}");
 * decoder.decode("[17,[103950.5,3,1.25]]");   // sink.onBookUpdate(channel 17, row, trailer)
 * decoder.decode("[17,\"cs\",-1175357890]");  // sink.onChecksum(channel 17, -1175357890, trailer)
 * }</pre>
 *
 * <p>Not thread-safe: one thread (the connection's reader) owns a decoder. A malformed frame throws
 * {@link BitfinexProtocolException} before any sink call for it and leaves the decoder usable.
 */
public final class BitfinexFrameDecoder {

    /** Default decimal places of book prices and funding rates: prices up to about 9.2e8. */
    public static final int DEFAULT_PRICE_SCALE = 10;

    /** Default decimal places of book amounts (Bitfinex amounts have at most 8): up to about 9.2e10. */
    public static final int DEFAULT_AMOUNT_SCALE = 8;

    private static final int MAX_ROW_FIELDS = 8;

    /** {@code Long.MAX_VALUE / 10}: integers at least this large may overflow with one more digit. */
    private static final long LONG_TENTH = Long.MAX_VALUE / 10;

    /** The last digit of {@code Long.MAX_VALUE}. */
    private static final int LONG_LAST_DIGIT = (int) (Long.MAX_VALUE % 10);

    /** POW10[k] = 10^k; FITS[k]: the largest value that can be multiplied by 10^k (k = 0..18). */
    private static final long[] POW10 = new long[19];
    private static final long[] FITS = new long[19];

    static {
        long p = 1;
        for (int k = 0; k < POW10.length; k++) {
            POW10[k] = p;
            FITS[k] = Long.MAX_VALUE / p;
            p *= 10;
        }
    }

    private final BitfinexSink sink;
    private final int priceScale;
    private final int amountScale;
    private final BitfinexTrailer trailer = new BitfinexTrailer();
    private final BitfinexBookRow updateRow = new BitfinexBookRow();
    private final BitfinexBookRows snapshotRows = new BitfinexBookRows();
    private final int[] fieldStart = new int[MAX_ROW_FIELDS];
    private final int[] fieldEnd = new int[MAX_ROW_FIELDS];

    // The frame being decoded, copied (see decode), and the end of the last number scanned in it
    // (-1: not a plain number).
    private char[] chars = new char[512];
    private int scanEnd;

    // A connection has at most a few dozen channels: a linear scan beats a map and allocates nothing.
    private BitfinexChannel[] channels = new BitfinexChannel[16];
    private int channelCount;
    private int flags;

    /**
     * Creates a decoder with the default scales.
     *
     * @param sink receives what is decoded
     */
    public BitfinexFrameDecoder(BitfinexSink sink) {
        this(sink, DEFAULT_PRICE_SCALE, DEFAULT_AMOUNT_SCALE);
    }

    /**
     * Creates a decoder.
     *
     * @param sink receives what is decoded
     * @param priceScale decimal places book prices (and funding rates) are parsed at
     * @param amountScale decimal places book amounts are parsed at
     */
    public BitfinexFrameDecoder(BitfinexSink sink, int priceScale, int amountScale) {
        this.sink = Objects.requireNonNull(sink, "sink");
        ScaledDecimal.unitsPerWhole(priceScale); // validates the scales
        ScaledDecimal.unitsPerWhole(amountScale);
        this.priceScale = priceScale;
        this.amountScale = amountScale;
    }

    /**
     * Decodes one frame.
     *
     * @param frame the frame text exactly as received
     * @throws BitfinexProtocolException when the frame does not match the protocol; nothing was
     *         passed to the sink for it
     */
    public void decode(CharSequence frame) {
        Objects.requireNonNull(frame, "frame");
        trailer.clear();
        // The frame is copied once into a reused char[] (String.getChars: an array copy, exact for
        // any text), which the book path scans without String.charAt's per-character checks.
        int n = frame.length();
        char[] b = chars;
        if (n > b.length) {
            b = new char[Math.max(n, b.length * 2)];
            chars = b;
        }
        if (frame instanceof String s) {
            s.getChars(0, n, b, 0);
        } else {
            for (int i = 0; i < n; i++) {
                b[i] = frame.charAt(i);
            }
        }
        int p = skipWhitespace(b, n, 0);
        if (p == n) {
            throw new BitfinexProtocolException("empty frame");
        }
        char first = b[p];
        if (first == '{') {
            decodeEvent(frame);
            return;
        }
        if (first != '[') {
            throw new BitfinexProtocolException("not a Bitfinex frame: expected '[' or '{' at the start");
        }
        p = skipWhitespace(b, n, p + 1);
        long chanId = scanInteger(b, n, p, "a channel id", "the channel id");
        p = expect(b, n, skipWhitespace(b, n, scanEnd), ',', "after the channel id");
        BitfinexChannel channel = chanId == 0 ? BitfinexChannel.ACCOUNT : find(chanId);
        if (channel == null) {
            throw new BitfinexProtocolException("data for unknown channel " + chanId
                    + ": no subscribed event was seen for it");
        }
        if (channel.type().isBook()) {
            decodeBookFrame(frame, b, n, p, channel);
        } else {
            decodeDataFrame(frame, channel);
        }
    }

    /**
     * Looks up a subscribed channel.
     *
     * @param chanId the channel id
     * @return the channel, or empty when no {@code subscribed} event announced it
     */
    public Optional<BitfinexChannel> channel(int chanId) {
        return Optional.ofNullable(find(chanId));
    }

    /**
     * The subscribed channels, in subscription order.
     *
     * @return an immutable list
     */
    public List<BitfinexChannel> channels() {
        return List.copyOf(Arrays.asList(channels).subList(0, channelCount));
    }

    /**
     * The flags the exchange confirmed with its last {@code conf} answer.
     *
     * @return the flags, 0 before any
     */
    public int flags() {
        return flags;
    }

    /** Forgets channels and flags: call on every new connection. */
    public void reset() {
        Arrays.fill(channels, null);
        channelCount = 0;
        flags = 0;
    }

    // ---------------------------------------------------------------------------------------------
    // Book frames: scanned in place, no allocation unless the frame is malformed. The scan works on
    // the frame's copy in chars[] (n characters); positions in it are positions in the frame, which
    // rows refer to and which the slow paths (ScaledDecimal on the frame itself, error messages)
    // use.

    private void decodeBookFrame(CharSequence f, char[] b, int n, int start, BitfinexChannel ch) {
        int p = skipWhitespace(b, n, start);
        if (p == n) {
            throw new BitfinexProtocolException(ch.describe() + ": frame ends after the channel id");
        }
        char c = b[p];
        if (c == '"') {
            int close = stringEnd(b, n, p);
            if (isWord(b, p + 1, close, 'h', 'b')) {
                readTrailer(b, n, close + 1, ch);
                sink.onHeartbeat(ch, trailer);
            } else if (isWord(b, p + 1, close, 'c', 's')) {
                int q = expect(b, n, skipWhitespace(b, n, close + 1), ',', "after \"cs\"");
                q = skipWhitespace(b, n, q);
                long checksum = scanInteger(b, n, q, "a checksum", "the checksum");
                if (checksum < Integer.MIN_VALUE || checksum > Integer.MAX_VALUE) {
                    throw new BitfinexProtocolException(ch.describe() + ": checksum " + checksum
                            + " is not a signed 32-bit integer");
                }
                readTrailer(b, n, scanEnd, ch);
                sink.onChecksum(ch, (int) checksum, trailer);
            } else {
                throw new BitfinexProtocolException(ch.describe() + ": unexpected message type "
                        + new String(b, p, close + 1 - p) + " on a book channel");
            }
            return;
        }
        if (c != '[') {
            throw new BitfinexProtocolException(ch.describe() + ": expected a book row or snapshot");
        }
        int inner = skipWhitespace(b, n, p + 1);
        if (inner < n && b[inner] == '[') {
            snapshotRows.clear();
            int q = inner;
            while (true) {
                q = readBookRow(f, b, n, q, ch, snapshotRows.add(), snapshotRows.size());
                q = skipWhitespace(b, n, q);
                if (q < n && b[q] == ',') {
                    q = skipWhitespace(b, n, q + 1);
                } else {
                    q = expect(b, n, q, ']', "after the last snapshot row");
                    break;
                }
            }
            readTrailer(b, n, q, ch);
            sink.onBookSnapshot(ch, snapshotRows, trailer);
        } else if (inner < n && b[inner] == ']') {
            snapshotRows.clear();
            readTrailer(b, n, inner + 1, ch);
            sink.onBookSnapshot(ch, snapshotRows, trailer);
        } else {
            int q = readBookRow(f, b, n, p, ch, updateRow, 0);
            readTrailer(b, n, q, ch);
            sink.onBookUpdate(ch, updateRow, trailer);
        }
    }

    /** Reads {@code [n,n,n(,n)]} at {@code p} into {@code row}; returns the index after it. */
    private int readBookRow(CharSequence f, char[] b, int n, int p, BitfinexChannel ch, BitfinexBookRow row,
            int rowNumber) {
        if (!ch.isFunding()) {
            int q = readTradingRow(f, b, n, p, ch, row);
            if (q >= 0) {
                return q;
            }
        }
        return readAnyBookRow(f, b, n, p, ch, row, rowNumber);
    }

    /**
     * The common case in one pass: a trading row of exactly three plain numbers ({@code [p,c,a]} or
     * {@code [id,p,a]}; digits, a sign, a decimal point) that pass every check. Anything else
     * (exponents, more fields, values out of range, malformed text) returns -1 having set nothing,
     * and {@link #readAnyBookRow} reads the row again, accepting or rejecting it exactly.
     */
    private int readTradingRow(CharSequence f, char[] b, int n, int p, BitfinexChannel ch, BitfinexBookRow row) {
        if (p >= n || b[p] != '[') {
            return -1;
        }
        boolean raw = ch.type() == BitfinexChannelType.RAW_BOOK;
        int s0 = skipWhitespace(b, n, p + 1);
        long v0 = raw ? plainInteger(b, n, s0) : plainUnits(b, n, s0, ch.priceScale());
        int e0 = scanEnd;
        if (e0 < 0) {
            return -1;
        }
        int s1 = afterComma(b, n, e0);
        if (s1 < 0) {
            return -1;
        }
        long v1 = raw ? plainUnits(b, n, s1, ch.priceScale()) : plainInteger(b, n, s1);
        int e1 = scanEnd;
        if (e1 < 0) {
            return -1;
        }
        int s2 = afterComma(b, n, e1);
        if (s2 < 0) {
            return -1;
        }
        long amount = plainUnits(b, n, s2, ch.amountScale());
        int e2 = scanEnd;
        if (e2 < 0) {
            return -1;
        }
        int q = skipWhitespace(b, n, e2);
        if (q >= n || b[q] != ']') {
            return -1;
        }
        long price = raw ? v1 : v0;
        int count = raw ? 0 : (int) v1;
        if (amount == 0 || price < 0 || count < 0) {
            return -1;
        }
        if (raw) {
            row.set(ch, f, v0, s0, e0, price, s1, e1, 0, 0, amount, s2, e2);
        } else {
            row.set(ch, f, 0, 0, 0, price, s0, e0, count, 0, amount, s2, e2);
        }
        return q + 1;
    }

    /** After a number ending at {@code e}: the start of the next one after a ',', else -1. */
    private static int afterComma(char[] b, int n, int e) {
        int q = skipWhitespace(b, n, e);
        if (q >= n || b[q] != ',') {
            return -1;
        }
        return skipWhitespace(b, n, q + 1);
    }

    /** Reads {@code [n,n,n(,n)]} at {@code p} into {@code row}, any shape and form; returns the index after it. */
    private int readAnyBookRow(CharSequence f, char[] b, int n, int p, BitfinexChannel ch, BitfinexBookRow row,
            int rowNumber) {
        int q = expect(b, n, p, '[', "at the start of a book row");
        int fields = 0;
        q = skipWhitespace(b, n, q);
        if (q < n && b[q] == ']') {
            q++;
        } else {
            while (true) {
                q = skipWhitespace(b, n, q);
                int e = numberEnd(b, n, q, "a number in a book row");
                if (fields < MAX_ROW_FIELDS) {
                    fieldStart[fields] = q;
                    fieldEnd[fields] = e;
                }
                fields++;
                q = skipWhitespace(b, n, e);
                if (q < n && b[q] == ',') {
                    q++;
                } else {
                    q = expect(b, n, q, ']', "at the end of a book row");
                    break;
                }
            }
        }
        boolean raw = ch.type() == BitfinexChannelType.RAW_BOOK;
        boolean funding = ch.isFunding();
        int needed = funding ? 4 : 3;
        if (fields < needed) {
            throw new BitfinexProtocolException(rowContext(ch, rowNumber) + ": expected " + needed
                    + " numbers " + rowShape(raw, funding) + ", got " + fields);
        }
        try {
            long orderId = 0;
            long price;
            int count = 0;
            int period = 0;
            int idField = -1;
            int priceField;
            int amountField = funding ? 3 : 2;
            if (raw) {
                idField = 0;
                orderId = parseInteger(b, fieldStart[0], fieldEnd[0], "the order id");
                priceField = funding ? 2 : 1;
            } else {
                priceField = 0;
                count = (int) parseInteger(b, fieldStart[funding ? 2 : 1], fieldEnd[funding ? 2 : 1], "the count");
            }
            if (funding) {
                period = (int) parseInteger(b, fieldStart[1], fieldEnd[1], "the period");
            }
            price = ScaledDecimal.parseUnits(f, fieldStart[priceField], fieldEnd[priceField], ch.priceScale());
            long amount = ScaledDecimal.parseUnits(f, fieldStart[amountField], fieldEnd[amountField], ch.amountScale());
            if (amount == 0) {
                throw new BitfinexProtocolException(rowContext(ch, rowNumber) + ": amount "
                        + f.subSequence(fieldStart[amountField], fieldEnd[amountField]) + " has no side (it must be > 0 or < 0)");
            }
            if (price < 0 || count < 0 || period < 0) {
                throw new BitfinexProtocolException(rowContext(ch, rowNumber) + ": negative price, count or period in "
                        + rowShape(raw, funding));
            }
            row.set(ch, f, orderId, idField < 0 ? 0 : fieldStart[idField], idField < 0 ? 0 : fieldEnd[idField], price,
                    fieldStart[priceField], fieldEnd[priceField], count, period, amount, fieldStart[amountField],
                    fieldEnd[amountField]);
        } catch (NumberFormatException e) {
            throw new BitfinexProtocolException(rowContext(ch, rowNumber) + ": " + e.getMessage(), e);
        }
        return q;
    }

    private static String rowContext(BitfinexChannel ch, int rowNumber) {
        return rowNumber == 0 ? ch.describe() + " update" : ch.describe() + " snapshot row " + rowNumber;
    }

    private static String rowShape(boolean raw, boolean funding) {
        if (funding) {
            return raw ? "[OFFER_ID,PERIOD,RATE,AMOUNT]" : "[RATE,PERIOD,COUNT,AMOUNT]";
        }
        return raw ? "[ORDER_ID,PRICE,AMOUNT]" : "[PRICE,COUNT,AMOUNT]";
    }

    /** Reads {@code (,integer)* ]} and the end of the frame into {@link #trailer}. */
    private void readTrailer(char[] b, int n, int p, BitfinexChannel ch) {
        int q = skipWhitespace(b, n, p);
        while (q < n && b[q] == ',') {
            q = skipWhitespace(b, n, q + 1);
            trailer.add(scanInteger(b, n, q, "a trailing sequence number or timestamp",
                    "a trailing sequence number or timestamp"));
            q = skipWhitespace(b, n, scanEnd);
        }
        q = expect(b, n, q, ']', "at the end of the frame");
        if (skipWhitespace(b, n, q) != n) {
            throw new BitfinexProtocolException(ch.describe() + ": unexpected text after the end of the frame");
        }
    }

    /**
     * Reads the integer at {@code p} in one pass and sets {@link #scanEnd} to its end. Plain
     * integers of up to 18 digits take the fast path; anything else is read as before: its end
     * found by {@link #numberEnd}, then {@link #parseInteger}, with their checks and messages.
     */
    private long scanInteger(char[] b, int n, int p, String what, String name) {
        long value = plainInteger(b, n, p);
        if (scanEnd >= 0) {
            return value;
        }
        int e = numberEnd(b, n, p, what);
        scanEnd = e;
        return parseInteger(b, p, e, name);
    }

    /**
     * A plain integer ({@code -?[0-9]{1,18}}) at {@code p} followed by a character that cannot
     * continue a number: its value, {@link #scanEnd} at its end. Otherwise {@link #scanEnd} is -1.
     */
    private long plainInteger(char[] b, int n, int p) {
        int q = p;
        boolean negative = q < n && b[q] == '-';
        if (negative) {
            q++;
        }
        int digits = q;
        long value = 0;
        while (q < n) {
            int d = b[q] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            value = value * 10 + d;
            q++;
        }
        int count = q - digits;
        if (count == 0 || count > 18 || q < n && isNumberChar(b[q])) {
            scanEnd = -1;
            return 0;
        }
        scanEnd = q;
        return negative ? -value : value;
    }

    /**
     * A plain decimal ({@code -?[0-9]*(\.[0-9]*)?}, 1 to 18 digits in all, at most {@code scale}
     * of them after the point) at {@code p} followed by a character that cannot continue a number:
     * its value in units at {@code scale} (the same as
     * {@link ScaledDecimal#parseUnits(CharSequence, int, int, int)} gives), {@link #scanEnd} at its
     * end. Otherwise (exponents, more digits, overflow, malformed text) {@link #scanEnd} is -1.
     */
    private long plainUnits(char[] b, int n, int p, int scale) {
        int q = p;
        boolean negative = q < n && b[q] == '-';
        if (negative) {
            q++;
        }
        long mantissa = 0;
        int digitsStart = q;
        while (q < n) {
            int d = b[q] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            mantissa = mantissa * 10 + d;
            q++;
        }
        int digits = q - digitsStart;
        int decimals = 0;
        if (q < n && b[q] == '.') {
            q++;
            int fractionStart = q;
            while (q < n) {
                int d = b[q] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                mantissa = mantissa * 10 + d;
                q++;
            }
            decimals = q - fractionStart;
            digits += decimals;
        }
        if (digits == 0 || digits > 18 || decimals > scale || q < n && isNumberChar(b[q])) {
            scanEnd = -1;
            return 0;
        }
        int shift = scale - decimals;
        if (mantissa > FITS[shift]) {
            scanEnd = -1;
            return 0;
        }
        scanEnd = q;
        long units = mantissa * POW10[shift];
        return negative ? -units : units;
    }

    // ---------------------------------------------------------------------------------------------
    // Other data frames: Gson streaming reader, values kept as wire text.

    private void decodeDataFrame(CharSequence frame, BitfinexChannel ch) {
        List<Object> top = readTopArray(frame, ch.describe());
        if (top.size() < 2) {
            throw new BitfinexProtocolException(ch.describe() + ": frame has no payload");
        }
        Object head = top.get(1);
        int payloadIndex = 1;
        String type = null;
        if (head instanceof String s) {
            type = s;
            if ("hb".equals(type)) {
                readTrailer(top, 2, ch);
                sink.onHeartbeat(ch, trailer);
                return;
            }
            payloadIndex = 2;
            // Older frames put a string sequence id ("1234-BTCUSD") before the payload: skip strings.
            while (payloadIndex < top.size() && top.get(payloadIndex) instanceof String extra && !isInteger(extra)) {
                payloadIndex++;
            }
            if (payloadIndex >= top.size() || !(top.get(payloadIndex) instanceof List)) {
                if (ch.type() == BitfinexChannelType.ACCOUNT) {
                    readTrailer(top, payloadIndex, ch);
                    sink.onUnhandled("account message " + type);
                    return;
                }
                throw new BitfinexProtocolException(ch.describe() + ": message \"" + type + "\" has no array payload");
            }
        } else if (!(head instanceof List)) {
            throw new BitfinexProtocolException(ch.describe() + ": expected an array or a message type after the channel id");
        }
        List<?> payload = (List<?>) top.get(payloadIndex);
        readTrailer(top, payloadIndex + 1, ch);
        switch (ch.type()) {
            case TICKER -> ticker(ch, type, payload);
            case TRADES -> trades(ch, type, payload);
            case CANDLES -> candles(ch, type, payload);
            case ACCOUNT -> account(type, payload);
            default -> sink.onUnhandled(ch.describe() + (type == null ? " data" : " message " + type));
        }
    }

    private void readTrailer(List<Object> top, int from, BitfinexChannel ch) {
        for (int i = from; i < top.size(); i++) {
            Object v = top.get(i);
            if (!(v instanceof String s) || !isInteger(s)) {
                throw new BitfinexProtocolException(ch.describe() + ": unexpected trailing value " + v
                        + " (expected a sequence number or timestamp)");
            }
            trailer.add(parseInteger(s, 0, s.length(), "a trailing number"));
        }
    }

    private void ticker(BitfinexChannel ch, String type, List<?> payload) {
        requireNoType(ch, type);
        Row r = new Row(payload, ch.describe() + " ticker");
        if (ch.isFunding()) {
            r.requireSize(13, "[FRR,BID,BID_PERIOD,BID_SIZE,ASK,ASK_PERIOD,ASK_SIZE,DAILY_CHANGE,DAILY_CHANGE_RELATIVE,LAST_PRICE,VOLUME,HIGH,LOW,...]");
            sink.onFundingTicker(ch, new BitfinexFundingTicker(r.decimal(0, "FRR"), r.decimal(1, "BID"),
                    r.integer(2, "BID_PERIOD"), r.decimal(3, "BID_SIZE"), r.decimal(4, "ASK"), r.integer(5, "ASK_PERIOD"),
                    r.decimal(6, "ASK_SIZE"), r.decimal(7, "DAILY_CHANGE"), r.decimal(8, "DAILY_CHANGE_RELATIVE"),
                    r.decimal(9, "LAST_PRICE"), r.decimal(10, "VOLUME"), r.decimal(11, "HIGH"), r.decimal(12, "LOW"),
                    r.decimal(15, "FRR_AMOUNT_AVAILABLE")), trailer);
        } else {
            r.requireSize(10, "[BID,BID_SIZE,ASK,ASK_SIZE,DAILY_CHANGE,DAILY_CHANGE_RELATIVE,LAST_PRICE,VOLUME,HIGH,LOW]");
            sink.onTicker(ch, new BitfinexTicker(r.decimal(0, "BID"), r.decimal(1, "BID_SIZE"), r.decimal(2, "ASK"),
                    r.decimal(3, "ASK_SIZE"), r.decimal(4, "DAILY_CHANGE"), r.decimal(5, "DAILY_CHANGE_RELATIVE"),
                    r.decimal(6, "LAST_PRICE"), r.decimal(7, "VOLUME"), r.decimal(8, "HIGH"), r.decimal(9, "LOW")),
                    trailer);
        }
    }

    private void trades(BitfinexChannel ch, String type, List<?> payload) {
        if (type == null) {
            List<BitfinexTrade> trades = new ArrayList<>(payload.size());
            for (int i = 0; i < payload.size(); i++) {
                trades.add(trade(ch, rowAt(ch, payload, i, "trade snapshot"), "trade snapshot row " + (i + 1)));
            }
            sink.onTradeSnapshot(ch, Collections.unmodifiableList(trades), trailer);
            return;
        }
        BitfinexTradeEvent event = switch (type) {
            case "te", "fte" -> BitfinexTradeEvent.EXECUTED;
            case "tu", "ftu" -> BitfinexTradeEvent.UPDATED;
            default -> throw new BitfinexProtocolException(ch.describe() + ": unexpected message type \"" + type + "\"");
        };
        sink.onTrade(ch, event, trade(ch, payload, "trade " + type), trailer);
    }

    private static BitfinexTrade trade(BitfinexChannel ch, List<?> values, String what) {
        Row r = new Row(values, ch.describe() + " " + what);
        if (ch.isFunding()) {
            r.requireSize(5, "[ID,MTS,AMOUNT,RATE,PERIOD]");
            return new BitfinexTrade(r.requiredLong(0, "ID"), r.requiredLong(1, "MTS"), r.requiredDecimal(2, "AMOUNT"),
                    r.requiredDecimal(3, "RATE"), (int) r.requiredLong(4, "PERIOD"));
        }
        r.requireSize(4, "[ID,MTS,AMOUNT,PRICE]");
        return new BitfinexTrade(r.requiredLong(0, "ID"), r.requiredLong(1, "MTS"), r.requiredDecimal(2, "AMOUNT"),
                r.requiredDecimal(3, "PRICE"), -1);
    }

    private void candles(BitfinexChannel ch, String type, List<?> payload) {
        requireNoType(ch, type);
        if (payload.isEmpty() || payload.get(0) instanceof List) {
            List<BitfinexCandle> candles = new ArrayList<>(payload.size());
            for (int i = 0; i < payload.size(); i++) {
                candles.add(candle(ch, rowAt(ch, payload, i, "candle snapshot"), "candle snapshot row " + (i + 1)));
            }
            sink.onCandleSnapshot(ch, Collections.unmodifiableList(candles), trailer);
        } else {
            sink.onCandle(ch, candle(ch, payload, "candle"), trailer);
        }
    }

    private static BitfinexCandle candle(BitfinexChannel ch, List<?> values, String what) {
        Row r = new Row(values, ch.describe() + " " + what);
        r.requireSize(6, "[MTS,OPEN,CLOSE,HIGH,LOW,VOLUME]");
        return new BitfinexCandle(r.requiredLong(0, "MTS"), r.requiredDecimal(1, "OPEN"), r.requiredDecimal(2, "CLOSE"),
                r.requiredDecimal(3, "HIGH"), r.requiredDecimal(4, "LOW"), r.requiredDecimal(5, "VOLUME"));
    }

    private void account(String type, List<?> payload) {
        if (type == null) {
            sink.onUnhandled("account data without a message type");
            return;
        }
        switch (type) {
            case "os" -> sink.onOrderSnapshot(rows(payload, "os", BitfinexFrameDecoder::order), trailer);
            case "on" -> sink.onOrder(BitfinexChange.NEW, order(new Row(payload, "account on")), trailer);
            case "ou" -> sink.onOrder(BitfinexChange.UPDATE, order(new Row(payload, "account ou")), trailer);
            case "oc" -> sink.onOrder(BitfinexChange.CLOSE, order(new Row(payload, "account oc")), trailer);
            case "ps" -> sink.onPositionSnapshot(rows(payload, "ps", BitfinexFrameDecoder::position), trailer);
            case "pn" -> sink.onPosition(BitfinexChange.NEW, position(new Row(payload, "account pn")), trailer);
            case "pu" -> sink.onPosition(BitfinexChange.UPDATE, position(new Row(payload, "account pu")), trailer);
            case "pc" -> sink.onPosition(BitfinexChange.CLOSE, position(new Row(payload, "account pc")), trailer);
            case "ws" -> sink.onWalletSnapshot(rows(payload, "ws", BitfinexFrameDecoder::wallet), trailer);
            case "wu" -> sink.onWallet(wallet(new Row(payload, "account wu")), trailer);
            case "te" -> sink.onOwnTrade(BitfinexTradeEvent.EXECUTED, ownTrade(new Row(payload, "account te")), trailer);
            case "tu" -> sink.onOwnTrade(BitfinexTradeEvent.UPDATED, ownTrade(new Row(payload, "account tu")), trailer);
            case "n" -> sink.onNotification(notification(new Row(payload, "account notification")), trailer);
            default -> sink.onUnhandled("account message " + type);
        }
    }

    private static <T> List<T> rows(List<?> payload, String type, java.util.function.Function<Row, T> mapper) {
        List<T> out = new ArrayList<>(payload.size());
        for (int i = 0; i < payload.size(); i++) {
            if (!(payload.get(i) instanceof List<?> row)) {
                throw new BitfinexProtocolException("account " + type + " row " + (i + 1) + " is not an array");
            }
            out.add(mapper.apply(new Row(row, "account " + type + " row " + (i + 1))));
        }
        return Collections.unmodifiableList(out);
    }

    private static BitfinexOrder order(Row r) {
        r.requireSize(14, "[ID,GID,CID,SYMBOL,MTS_CREATE,MTS_UPDATE,AMOUNT,AMOUNT_ORIG,ORDER_TYPE,TYPE_PREV,MTS_TIF,_,FLAGS,ORDER_STATUS,...]");
        Integer flags = r.integer(12, "FLAGS");
        return new BitfinexOrder(r.requiredLong(0, "ID"), r.optionalLong(1, "GID"), r.optionalLong(2, "CID"),
                r.requiredString(3, "SYMBOL"), r.requiredLong(4, "MTS_CREATE"), r.requiredLong(5, "MTS_UPDATE"),
                r.requiredDecimal(6, "AMOUNT"), r.requiredDecimal(7, "AMOUNT_ORIG"), r.requiredString(8, "ORDER_TYPE"),
                r.string(9), flags == null ? 0 : flags, r.requiredString(13, "ORDER_STATUS"), r.decimal(16, "PRICE"),
                r.decimal(17, "PRICE_AVG"), r.decimal(18, "PRICE_TRAILING"), r.decimal(19, "PRICE_AUX_LIMIT"));
    }

    private static BitfinexPosition position(Row r) {
        r.requireSize(3, "[SYMBOL,STATUS,AMOUNT,...]");
        return new BitfinexPosition(r.requiredString(0, "SYMBOL"), r.requiredString(1, "STATUS"),
                r.requiredDecimal(2, "AMOUNT"), r.decimal(3, "BASE_PRICE"), r.decimal(4, "MARGIN_FUNDING"),
                r.decimal(6, "PL"), r.decimal(7, "PL_PERC"), r.decimal(8, "PRICE_LIQ"), r.decimal(9, "LEVERAGE"),
                r.optionalLong(11, "POSITION_ID"), r.optionalLong(12, "MTS_CREATE"), r.optionalLong(13, "MTS_UPDATE"),
                r.decimal(17, "COLLATERAL"));
    }

    private static BitfinexWallet wallet(Row r) {
        r.requireSize(3, "[WALLET_TYPE,CURRENCY,BALANCE,...]");
        return new BitfinexWallet(r.requiredString(0, "WALLET_TYPE"), r.requiredString(1, "CURRENCY"),
                r.requiredDecimal(2, "BALANCE"), r.decimal(3, "UNSETTLED_INTEREST"), r.decimal(4, "BALANCE_AVAILABLE"));
    }

    /**
     * Own trades as {@code POST /v2/auth/r/trades[/SYMBOL]/hist} answers them: an array of rows with
     * the shape of {@code te}/{@code tu}, {@code [ID,SYMBOL,MTS,ORDER_ID,EXEC_AMOUNT,EXEC_PRICE,
     * ORDER_TYPE,ORDER_PRICE,MAKER,FEE,FEE_CURRENCY,CID,...]} (MAKER 1 maker, -1 taker; FEE negative
     * when charged). A pure function: no decoder state.
     *
     * @param body the REST body
     * @return the trades in the order sent
     * @throws BitfinexProtocolException when the body is not such an array
     */
    public static List<BitfinexOwnTrade> ownTrades(CharSequence body) {
        Objects.requireNonNull(body, "body");
        return rows(readTopArray(body, "own trades history"), "trades hist", BitfinexFrameDecoder::ownTrade);
    }

    private static BitfinexOwnTrade ownTrade(Row r) {
        r.requireSize(6, "[ID,SYMBOL,MTS_CREATE,ORDER_ID,EXEC_AMOUNT,EXEC_PRICE,...]");
        Integer maker = r.integer(8, "MAKER");
        return new BitfinexOwnTrade(r.requiredLong(0, "ID"), r.requiredString(1, "SYMBOL"),
                r.requiredLong(2, "MTS_CREATE"), r.requiredLong(3, "ORDER_ID"), r.requiredDecimal(4, "EXEC_AMOUNT"),
                r.requiredDecimal(5, "EXEC_PRICE"), r.string(6), r.decimal(7, "ORDER_PRICE"),
                maker != null && maker == 1, r.decimal(9, "FEE"), r.string(10), r.optionalLong(11, "CID"));
    }

    private static BitfinexNotification notification(Row r) {
        r.requireSize(7, "[MTS,TYPE,MESSAGE_ID,_,NOTIFY_INFO,CODE,STATUS,TEXT]");
        String type = r.requiredString(1, "TYPE");
        BitfinexOrder order = null;
        if (type.equals("on-req") || type.equals("ou-req") || type.equals("oc-req")) {
            List<?> info = r.list(4);
            if (info != null && !info.isEmpty() && !(info.get(0) instanceof List)) {
                order = requestedOrder(new Row(info, "notification " + type + " order"));
            }
        }
        String text = r.string(7);
        return new BitfinexNotification(r.requiredLong(0, "MTS"), type, r.optionalLong(2, "MESSAGE_ID"), order,
                r.integer(5, "CODE"), r.requiredString(6, "STATUS"), text == null ? "" : text);
    }

    /**
     * The order echoed in a request notification. A refused {@code on-req} echoes the request before
     * the order existed: {@code [null,null,CID,SYMBOL,MTS,MTS,AMOUNT,AMOUNT,TYPE,null,...,null(STATUS),...]},
     * so ID, times and STATUS may be null here (ID and times become 0, STATUS empty); the CID is
     * what ties the refusal to the request.
     */
    private static BitfinexOrder requestedOrder(Row r) {
        r.requireSize(14, "[ID,GID,CID,SYMBOL,MTS_CREATE,MTS_UPDATE,AMOUNT,AMOUNT_ORIG,ORDER_TYPE,TYPE_PREV,MTS_TIF,_,FLAGS,ORDER_STATUS,...]");
        Long id = r.optionalLong(0, "ID");
        Long created = r.optionalLong(4, "MTS_CREATE");
        Long updated = r.optionalLong(5, "MTS_UPDATE");
        BigDecimal amount = r.decimal(6, "AMOUNT");
        BigDecimal original = r.decimal(7, "AMOUNT_ORIG");
        Integer flags = r.integer(12, "FLAGS");
        String type = r.string(8);
        String status = r.string(13);
        return new BitfinexOrder(id == null ? 0 : id, r.optionalLong(1, "GID"), r.optionalLong(2, "CID"),
                r.requiredString(3, "SYMBOL"), created == null ? 0 : created, updated == null ? 0 : updated,
                amount == null ? BigDecimal.ZERO : amount, original == null ? BigDecimal.ZERO : original,
                type == null ? "" : type, r.string(9), flags == null ? 0 : flags, status == null ? "" : status,
                r.decimal(16, "PRICE"), r.decimal(17, "PRICE_AVG"), r.decimal(18, "PRICE_TRAILING"),
                r.decimal(19, "PRICE_AUX_LIMIT"));
    }

    private static List<?> rowAt(BitfinexChannel ch, List<?> payload, int i, String what) {
        if (!(payload.get(i) instanceof List<?> row)) {
            throw new BitfinexProtocolException(ch.describe() + " " + what + " row " + (i + 1) + " is not an array");
        }
        return row;
    }

    private static void requireNoType(BitfinexChannel ch, String type) {
        if (type != null) {
            throw new BitfinexProtocolException(ch.describe() + ": unexpected message type \"" + type + "\"");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Events: {"event":...}

    private void decodeEvent(CharSequence frame) {
        Map<String, Object> e = readTopObject(frame);
        Object name = e.get("event");
        if (!(name instanceof String event)) {
            throw new BitfinexProtocolException("an object frame without an \"event\" field");
        }
        switch (event) {
            case "info" -> {
                if (e.containsKey("code")) {
                    sink.onInfoCode(intField(e, "code", 0), stringField(e, "msg"));
                } else {
                    int status = -1;
                    if (e.get("platform") instanceof Map<?, ?> platform && platform.get("status") instanceof String s) {
                        status = (int) parseInteger(s, 0, s.length(), "the platform status");
                    }
                    sink.onInfo(intField(e, "version", -1), status);
                }
            }
            case "conf" -> {
                String status = stringField(e, "status");
                int confirmed = intField(e, "flags", 0);
                if ("OK".equals(status)) {
                    flags = confirmed;
                }
                sink.onConf(status, confirmed);
            }
            case "subscribed" -> {
                BitfinexChannel channel = channelOf(e);
                register(channel);
                sink.onSubscribed(channel);
            }
            case "unsubscribed" -> {
                int chanId = intField(e, "chanId", -1);
                BitfinexChannel removed = unregister(chanId);
                sink.onUnsubscribed(removed, chanId, stringField(e, "status"));
            }
            case "error" -> sink.onError(intField(e, "code", 0), stringField(e, "msg"));
            case "auth" -> sink.onAuth(new BitfinexAuthReply(stringField(e, "status"), longField(e, "userId", -1),
                    intField(e, "code", 0), stringField(e, "msg")));
            case "pong" -> sink.onPong(longField(e, "ts", -1), longField(e, "cid", -1));
            default -> sink.onUnhandled("event " + event);
        }
    }

    private BitfinexChannel channelOf(Map<String, Object> e) {
        int chanId = intField(e, "chanId", -1);
        if (chanId <= 0) {
            throw new BitfinexProtocolException("subscribed event without a valid chanId");
        }
        String name = stringField(e, "channel");
        String rawSymbol = stringField(e, "symbol");
        if (rawSymbol.isEmpty() && !stringField(e, "pair").isEmpty()) {
            rawSymbol = "t" + stringField(e, "pair");
        } else if (rawSymbol.isEmpty() && !stringField(e, "currency").isEmpty()) {
            rawSymbol = "f" + stringField(e, "currency");
        }
        String key = e.get("key") instanceof String k ? k : null;
        String timeframe = null;
        BitfinexChannelType type;
        String precision = null;
        switch (name) {
            case "book" -> {
                precision = e.get("prec") instanceof String prec ? prec : "P0";
                type = precision.equals("R0") ? BitfinexChannelType.RAW_BOOK : BitfinexChannelType.BOOK;
            }
            case "ticker" -> type = BitfinexChannelType.TICKER;
            case "trades" -> type = BitfinexChannelType.TRADES;
            case "candles" -> {
                type = BitfinexChannelType.CANDLES;
                if (key == null) {
                    throw new BitfinexProtocolException("candles subscription " + chanId + " without a key");
                }
                String[] parts = candleKey(key);
                timeframe = parts[0];
                rawSymbol = parts[1];
            }
            case "status" -> type = BitfinexChannelType.STATUS;
            default -> type = BitfinexChannelType.UNKNOWN;
        }
        BitfinexSymbol symbol = null;
        if (!rawSymbol.isEmpty() && type != BitfinexChannelType.STATUS && type != BitfinexChannelType.UNKNOWN) {
            try {
                symbol = BitfinexSymbols.parse(rawSymbol);
            } catch (IllegalArgumentException ex) {
                throw new BitfinexProtocolException(name + " subscription " + chanId + ": " + ex.getMessage(), ex);
            }
        } else if (type != BitfinexChannelType.STATUS && type != BitfinexChannelType.UNKNOWN) {
            throw new BitfinexProtocolException(name + " subscription " + chanId + " without a symbol");
        }
        String frequency = e.get("freq") instanceof String freq ? freq : null;
        int length = intField(e, "len", 0);
        return new BitfinexChannel(chanId, type, name, symbol, key, precision, frequency, length, timeframe, priceScale,
                amountScale);
    }

    /** {@code trade:1m:tBTCUSD} or {@code trade:1m:fUSD:p30} to {timeframe, raw symbol}. */
    private static String[] candleKey(String key) {
        String[] parts = key.split(":", 3);
        if (parts.length < 3 || !parts[0].equals("trade") || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new BitfinexProtocolException("candle key '" + key + "' is not trade:TIMEFRAME:SYMBOL");
        }
        String symbol = parts[2];
        if (symbol.startsWith("f") && symbol.indexOf(':') > 0) {
            symbol = symbol.substring(0, symbol.indexOf(':')); // funding keys add :a30:p2:p30 or :p30
        }
        return new String[] {parts[1], symbol};
    }

    private void register(BitfinexChannel channel) {
        for (int i = 0; i < channelCount; i++) {
            if (channels[i].chanId() == channel.chanId()) {
                channels[i] = channel;
                return;
            }
        }
        if (channelCount == channels.length) {
            channels = Arrays.copyOf(channels, channels.length * 2);
        }
        channels[channelCount++] = channel;
    }

    private BitfinexChannel unregister(int chanId) {
        for (int i = 0; i < channelCount; i++) {
            if (channels[i].chanId() == chanId) {
                BitfinexChannel removed = channels[i];
                System.arraycopy(channels, i + 1, channels, i, channelCount - i - 1);
                channels[--channelCount] = null;
                return removed;
            }
        }
        return null;
    }

    private BitfinexChannel find(long chanId) {
        for (int i = 0; i < channelCount; i++) {
            if (channels[i].chanId() == chanId) {
                return channels[i];
            }
        }
        return null;
    }

    private static String stringField(Map<String, Object> e, String name) {
        return e.get(name) instanceof String s ? s : "";
    }

    private static int intField(Map<String, Object> e, String name, int absent) {
        long v = longField(e, name, absent);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new BitfinexProtocolException("field \"" + name + "\" is out of range: " + v);
        }
        return (int) v;
    }

    private static long longField(Map<String, Object> e, String name, long absent) {
        Object v = e.get(name);
        if (v == null) {
            return absent;
        }
        if (!(v instanceof String s) || !isInteger(s)) {
            throw new BitfinexProtocolException("field \"" + name + "\" is not an integer: " + v);
        }
        return parseInteger(s, 0, s.length(), "field \"" + name + "\"");
    }

    // ---------------------------------------------------------------------------------------------
    // Gson reading: numbers and strings as their text, arrays as lists, objects as maps.

    private static List<Object> readTopArray(CharSequence frame, String context) {
        Object value = readTop(frame);
        if (!(value instanceof List<?> list)) {
            throw new BitfinexProtocolException(context + ": expected an array frame");
        }
        @SuppressWarnings("unchecked")
        List<Object> top = (List<Object>) list;
        return top;
    }

    private static Map<String, Object> readTopObject(CharSequence frame) {
        Object value = readTop(frame);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return map;
    }

    private static Object readTop(CharSequence frame) {
        try (JsonReader reader = new JsonReader(new StringReader(frame.toString()))) {
            Object value = readValue(reader, 0);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new BitfinexProtocolException("unexpected text after the end of the frame");
            }
            return value;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new BitfinexProtocolException("not valid JSON: " + gsonMessage(e), e);
        }
    }

    private static Object readValue(JsonReader reader, int depth) throws IOException {
        if (depth > 16) {
            throw new BitfinexProtocolException("frame nested deeper than 16 levels");
        }
        switch (reader.peek()) {
            case BEGIN_ARRAY -> {
                List<Object> list = new ArrayList<>();
                reader.beginArray();
                while (reader.hasNext()) {
                    list.add(readValue(reader, depth + 1));
                }
                reader.endArray();
                return list;
            }
            case BEGIN_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                reader.beginObject();
                while (reader.hasNext()) {
                    map.put(reader.nextName(), readValue(reader, depth + 1));
                }
                reader.endObject();
                return map;
            }
            case STRING, NUMBER -> {
                return reader.nextString(); // a NUMBER's exact wire text
            }
            case BOOLEAN -> {
                return Boolean.toString(reader.nextBoolean());
            }
            case NULL -> {
                reader.nextNull();
                return null;
            }
            default -> throw new IllegalStateException("unexpected " + reader.peek() + " at " + reader.getPath());
        }
    }

    /** Gson's messages point at its troubleshooting page; keep the part that says where. */
    static String gsonMessage(Exception e) {
        String m = String.valueOf(e.getMessage());
        int see = m.indexOf("\nSee ");
        if (see >= 0) {
            m = m.substring(0, see);
        }
        return m.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON")
                .replace("End of input", "the frame ends early");
    }

    // ---------------------------------------------------------------------------------------------
    // Scanning helpers (allocation-free unless they throw).

    private static boolean isNumberChar(char c) {
        return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
    }

    private static int skipWhitespace(char[] b, int n, int p) {
        while (p < n) {
            char c = b[p];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            p++;
        }
        return p;
    }

    private static int expect(char[] b, int n, int p, char c, String where) {
        if (p >= n || b[p] != c) {
            throw new BitfinexProtocolException("expected '" + c + "' " + where + " at index " + p
                    + (p < n ? ", found '" + b[p] + "'" : ", found the end of the frame"));
        }
        return p + 1;
    }

    private static int numberEnd(char[] b, int n, int p, String what) {
        int q = p;
        while (q < n && isNumberChar(b[q])) {
            q++;
        }
        if (q == p) {
            throw new BitfinexProtocolException("expected " + what + " at index " + p
                    + (p < n ? ", found '" + b[p] + "'" : ", found the end of the frame"));
        }
        return q;
    }

    private static int stringEnd(char[] b, int n, int open) {
        for (int q = open + 1; q < n; q++) {
            char c = b[q];
            if (c == '"') {
                return q;
            }
            if (c == '\\') {
                throw new BitfinexProtocolException("unexpected escaped string in a book frame at index " + open);
            }
        }
        throw new BitfinexProtocolException("unterminated string at index " + open);
    }

    private static boolean isWord(char[] b, int start, int end, char c0, char c1) {
        return end - start == 2 && b[start] == c0 && b[start + 1] == c1;
    }

    private static long parseInteger(char[] b, int start, int end, String what) {
        int p = start;
        boolean negative = p < end && b[p] == '-';
        if (negative) {
            p++;
        }
        if (p == end) {
            throw new BitfinexProtocolException("expected an integer for " + what + ", got '"
                    + new String(b, start, end - start) + "'");
        }
        long value = 0;
        for (; p < end; p++) {
            char c = b[p];
            if (c < '0' || c > '9') {
                throw new BitfinexProtocolException("expected an integer for " + what + ", got '"
                        + new String(b, start, end - start) + "'");
            }
            if (value >= LONG_TENTH && (value > LONG_TENTH || c - '0' > LONG_LAST_DIGIT)) {
                throw new BitfinexProtocolException(what + " does not fit a long: '" + new String(b, start, end - start)
                        + "'");
            }
            value = value * 10 + (c - '0');
        }
        return negative ? -value : value;
    }

    private static boolean isInteger(String s) {
        int start = s.startsWith("-") ? 1 : 0;
        if (s.length() == start || s.length() > 20) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static long parseInteger(CharSequence f, int start, int end, String what) {
        int p = start;
        boolean negative = p < end && f.charAt(p) == '-';
        if (negative) {
            p++;
        }
        if (p == end) {
            throw new BitfinexProtocolException("expected an integer for " + what + ", got '" + f.subSequence(start, end) + "'");
        }
        long value = 0;
        for (; p < end; p++) {
            char c = f.charAt(p);
            if (c < '0' || c > '9') {
                throw new BitfinexProtocolException("expected an integer for " + what + ", got '"
                        + f.subSequence(start, end) + "'");
            }
            // value * 10 + digit overflows only from LONG_TENTH on; testing that first keeps a
            // division (tens of cycles) out of the per-digit loop, which every frame runs.
            if (value >= LONG_TENTH && (value > LONG_TENTH || c - '0' > LONG_LAST_DIGIT)) {
                throw new BitfinexProtocolException(what + " does not fit a long: '" + f.subSequence(start, end) + "'");
            }
            value = value * 10 + (c - '0');
        }
        return negative ? -value : value;
    }

    /** Typed access to one array of wire texts, with messages that name the field. */
    private static final class Row {

        private final List<?> values;
        private final String context;

        Row(List<?> values, String context) {
            this.values = values;
            this.context = context;
        }

        void requireSize(int size, String shape) {
            if (values.size() < size) {
                throw new BitfinexProtocolException(context + ": expected at least " + size + " fields " + shape
                        + ", got " + values.size());
            }
        }

        private Object get(int i) {
            return i < values.size() ? values.get(i) : null;
        }

        String string(int i) {
            return get(i) instanceof String s ? s : null;
        }

        String requiredString(int i, String name) {
            String s = string(i);
            if (s == null) {
                throw missing(i, name);
            }
            return s;
        }

        List<?> list(int i) {
            return get(i) instanceof List<?> l ? l : null;
        }

        BigDecimal decimal(int i, String name) {
            Object v = get(i);
            if (v == null) {
                return null;
            }
            if (v instanceof String s) {
                try {
                    return new BigDecimal(s);
                } catch (NumberFormatException e) {
                    // fall through to the error below
                }
            }
            throw new BitfinexProtocolException(context + ": field " + name + " (index " + i + ") is not a number: " + v);
        }

        BigDecimal requiredDecimal(int i, String name) {
            BigDecimal d = decimal(i, name);
            if (d == null) {
                throw missing(i, name);
            }
            return d;
        }

        Long optionalLong(int i, String name) {
            Object v = get(i);
            if (v == null) {
                return null;
            }
            if (!(v instanceof String s) || !isInteger(s)) {
                throw new BitfinexProtocolException(context + ": field " + name + " (index " + i
                        + ") is not an integer: " + v);
            }
            return parseInteger(s, 0, s.length(), name);
        }

        long requiredLong(int i, String name) {
            Long v = optionalLong(i, name);
            if (v == null) {
                throw missing(i, name);
            }
            return v;
        }

        Integer integer(int i, String name) {
            Long v = optionalLong(i, name);
            if (v == null) {
                return null;
            }
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new BitfinexProtocolException(context + ": field " + name + " (index " + i + ") is out of range: " + v);
            }
            return v.intValue();
        }

        private BitfinexProtocolException missing(int i, String name) {
            return new BitfinexProtocolException(context + ": field " + name + " (index " + i + ") is missing");
        }
    }
}
