package org.tradebench.connector.bitfinex.internal.protocol;

import java.nio.charset.StandardCharsets;

import org.tradebench.connector.support.json.FrameFormatException;
import org.tradebench.connector.support.json.JsonScanner;

/**
 * The hot path: book channel frames ({@code [ch,[p,c,a]]}, snapshots {@code [ch,[[..],..]]},
 * {@code [ch,"hb"]}, {@code [ch,"cs",N]}, each with the trailing numbers the conf flags add) read
 * in one pass over the frame's bytes, in place. Plain numbers become scaled {@code long}s as their
 * digits are read; any other number text (exponents, more digits) goes through
 * {@link org.tradebench.core.book.ScaledDecimal}; each number's position stays in the row for the
 * checksum's wire text. Decoding an update allocates nothing.
 *
 * <p>Not thread-safe: it belongs to one {@link BitfinexFrameDecoder}.
 */
final class BitfinexBookReader {

    private static final int MAX_ROW_FIELDS = 8;

    private final BitfinexSink sink;
    private final BitfinexTrailer trailer;
    private final BitfinexFrameDecoder.TrailerCheck check;
    private final JsonScanner scan = new JsonScanner();
    private final BitfinexBookRow updateRow = new BitfinexBookRow();
    private final BitfinexBookRows snapshotRows = new BitfinexBookRows();
    private final int[] fieldStart = new int[MAX_ROW_FIELDS];
    private final int[] fieldEnd = new int[MAX_ROW_FIELDS];

    BitfinexBookReader(BitfinexSink sink, BitfinexTrailer trailer, BitfinexFrameDecoder.TrailerCheck check) {
        this.sink = sink;
        this.trailer = trailer;
        this.check = check;
    }

    /**
     * Decodes a book channel frame whose channel id was read.
     *
     * @param b the bytes
     * @param n the end of the frame
     * @param start after the comma following the channel id
     * @param ch the channel
     */
    void decode(byte[] b, int n, int start, BitfinexChannel ch) {
        int p = JsonScanner.skipWhitespace(b, n, start);
        if (p == n) {
            throw new BitfinexProtocolException(ch.describe() + ": frame ends after the channel id");
        }
        byte c = b[p];
        if (c == '"') {
            int close = JsonScanner.stringEnd(b, n, p);
            if (JsonScanner.isWord(b, p + 1, close, "hb")) {
                readTrailer(b, n, close + 1, ch);
                sink.onHeartbeat(ch, trailer);
            } else if (JsonScanner.isWord(b, p + 1, close, "cs")) {
                int q = JsonScanner.expect(b, n, JsonScanner.skipWhitespace(b, n, close + 1), ',', "after \"cs\"");
                q = JsonScanner.skipWhitespace(b, n, q);
                long checksum = readInteger(b, n, q, "the checksum");
                if (checksum < Integer.MIN_VALUE || checksum > Integer.MAX_VALUE) {
                    throw new BitfinexProtocolException(ch.describe() + ": checksum " + checksum
                            + " is not a signed 32-bit integer");
                }
                readTrailer(b, n, scan.end(), ch);
                sink.onChecksum(ch, (int) checksum, trailer);
            } else {
                throw new BitfinexProtocolException(ch.describe() + ": unexpected message type "
                        + new String(b, p, close + 1 - p, StandardCharsets.UTF_8) + " on a book channel");
            }
            return;
        }
        if (c != '[') {
            throw new BitfinexProtocolException(ch.describe() + ": expected a book row or snapshot");
        }
        int inner = JsonScanner.skipWhitespace(b, n, p + 1);
        if (inner < n && b[inner] == '[') {
            snapshotRows.clear();
            int q = inner;
            while (true) {
                q = readRow(b, n, q, ch, snapshotRows.add(), snapshotRows.size());
                q = JsonScanner.skipWhitespace(b, n, q);
                if (q < n && b[q] == ',') {
                    q = JsonScanner.skipWhitespace(b, n, q + 1);
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
            int q = readRow(b, n, p, ch, updateRow, 0);
            readTrailer(b, n, q, ch);
            sink.onBookUpdate(ch, updateRow, trailer);
        }
    }

    /** Reads {@code [n,n,n(,n)]} at {@code p} into {@code row}; returns the index after it. */
    private int readRow(byte[] b, int n, int p, BitfinexChannel ch, BitfinexBookRow row, int rowNumber) {
        if (!ch.isFunding()) {
            int q = readTradingRow(b, n, p, ch, row);
            if (q >= 0) {
                return q;
            }
        }
        return readAnyRow(b, n, p, ch, row, rowNumber);
    }

    /**
     * The common case in one pass: a trading row of exactly three plain numbers ({@code [p,c,a]} or
     * {@code [id,p,a]}) that pass every check. Anything else returns -1 having set nothing, and
     * {@link #readAnyRow} reads the row again, accepting or rejecting it exactly.
     */
    private int readTradingRow(byte[] b, int n, int p, BitfinexChannel ch, BitfinexBookRow row) {
        if (p >= n || b[p] != '[') {
            return -1;
        }
        boolean raw = ch.type() == BitfinexChannelType.RAW_BOOK;
        int s0 = JsonScanner.skipWhitespace(b, n, p + 1);
        long v0 = raw ? scan.plainInteger(b, n, s0) : scan.plainUnits(b, n, s0, ch.priceScale());
        int e0 = scan.end();
        if (e0 < 0) {
            return -1;
        }
        int s1 = JsonScanner.afterComma(b, n, e0);
        if (s1 < 0) {
            return -1;
        }
        long v1 = raw ? scan.plainUnits(b, n, s1, ch.priceScale()) : scan.plainInteger(b, n, s1);
        int e1 = scan.end();
        if (e1 < 0) {
            return -1;
        }
        int s2 = JsonScanner.afterComma(b, n, e1);
        if (s2 < 0) {
            return -1;
        }
        long amount = scan.plainUnits(b, n, s2, ch.amountScale());
        int e2 = scan.end();
        if (e2 < 0) {
            return -1;
        }
        int q = JsonScanner.skipWhitespace(b, n, e2);
        if (q >= n || b[q] != ']') {
            return -1;
        }
        long price = raw ? v1 : v0;
        int count = raw ? 0 : (int) v1;
        if (amount == 0 || price < 0 || count < 0 || (!raw && v1 > Integer.MAX_VALUE)) {
            return -1;
        }
        if (raw) {
            row.set(ch, b, v0, s0, e0, price, s1, e1, 0, 0, amount, s2, e2);
        } else {
            row.set(ch, b, 0, 0, 0, price, s0, e0, count, 0, amount, s2, e2);
        }
        return q + 1;
    }

    /** Reads {@code [n,n,n(,n)]} at {@code p} into {@code row}, any shape and form. */
    private int readAnyRow(byte[] b, int n, int p, BitfinexChannel ch, BitfinexBookRow row, int rowNumber) {
        int q = expect(b, n, p, '[', "at the start of a book row");
        int fields = 0;
        q = JsonScanner.skipWhitespace(b, n, q);
        if (q < n && b[q] == ']') {
            q++;
        } else {
            while (true) {
                q = JsonScanner.skipWhitespace(b, n, q);
                int e = numberEnd(b, n, q, "a number in a book row");
                if (fields < MAX_ROW_FIELDS) {
                    fieldStart[fields] = q;
                    fieldEnd[fields] = e;
                }
                fields++;
                q = JsonScanner.skipWhitespace(b, n, e);
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
            throw new BitfinexProtocolException(rowContext(ch, rowNumber) + ": expected " + needed + " numbers "
                    + rowShape(raw, funding) + ", got " + fields);
        }
        try {
            long orderId = 0;
            int count = 0;
            int period = 0;
            int idField = -1;
            int priceField;
            int amountField = funding ? 3 : 2;
            if (raw) {
                idField = 0;
                orderId = JsonScanner.parseInteger(b, fieldStart[0], fieldEnd[0], "the order id");
                priceField = funding ? 2 : 1;
            } else {
                priceField = 0;
                long c = JsonScanner.parseInteger(b, fieldStart[funding ? 2 : 1], fieldEnd[funding ? 2 : 1], "the count");
                if (c > Integer.MAX_VALUE) {
                    throw new BitfinexProtocolException(rowContext(ch, rowNumber) + ": count " + c + " is absurd");
                }
                count = (int) c;
            }
            if (funding) {
                period = (int) JsonScanner.parseInteger(b, fieldStart[1], fieldEnd[1], "the period");
            }
            long price = scan.readUnits(b, fieldEnd[priceField], fieldStart[priceField], ch.priceScale(), "the price");
            long amount = scan.readUnits(b, fieldEnd[amountField], fieldStart[amountField], ch.amountScale(),
                    "the amount");
            if (amount == 0) {
                throw new BitfinexProtocolException(rowContext(ch, rowNumber) + ": amount "
                        + ascii(b, fieldStart[amountField], fieldEnd[amountField])
                        + " has no side (it must be > 0 or < 0)");
            }
            if (price < 0 || count < 0 || period < 0) {
                throw new BitfinexProtocolException(rowContext(ch, rowNumber) + ": negative price, count or period in "
                        + rowShape(raw, funding));
            }
            row.set(ch, b, orderId, idField < 0 ? 0 : fieldStart[idField], idField < 0 ? 0 : fieldEnd[idField], price,
                    fieldStart[priceField], fieldEnd[priceField], count, period, amount, fieldStart[amountField],
                    fieldEnd[amountField]);
        } catch (BitfinexProtocolException e) {
            throw e;
        } catch (FrameFormatException e) {
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

    /** Reads {@code (,integer)* ]} and the end of the frame into the trailer. */
    private void readTrailer(byte[] b, int n, int p, BitfinexChannel ch) {
        int q = JsonScanner.skipWhitespace(b, n, p);
        while (q < n && b[q] == ',') {
            q = JsonScanner.skipWhitespace(b, n, q + 1);
            trailer.add(readInteger(b, n, q, "a trailing sequence number or timestamp"));
            q = JsonScanner.skipWhitespace(b, n, scan.end());
        }
        q = expect(b, n, q, ']', "at the end of the frame");
        if (JsonScanner.skipWhitespace(b, n, q) != n) {
            throw new BitfinexProtocolException(ch.describe() + ": unexpected text after the end of the frame");
        }
        check.check(ch, trailer);
    }

    private long readInteger(byte[] b, int n, int p, String what) {
        try {
            return scan.readInteger(b, n, p, what);
        } catch (BitfinexProtocolException e) {
            throw e;
        } catch (FrameFormatException e) {
            throw new BitfinexProtocolException(e.getMessage(), e);
        }
    }

    private static int expect(byte[] b, int n, int p, char c, String where) {
        try {
            return JsonScanner.expect(b, n, p, c, where);
        } catch (FrameFormatException e) {
            throw new BitfinexProtocolException(e.getMessage());
        }
    }

    private static int numberEnd(byte[] b, int n, int p, String what) {
        try {
            return JsonScanner.numberEnd(b, n, p, what);
        } catch (FrameFormatException e) {
            throw new BitfinexProtocolException(e.getMessage());
        }
    }

    private static String ascii(byte[] b, int start, int end) {
        return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
    }
}
