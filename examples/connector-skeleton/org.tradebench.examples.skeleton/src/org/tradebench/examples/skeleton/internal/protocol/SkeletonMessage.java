package org.tradebench.examples.skeleton.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tradebench.api.market.Side;

/**
 * What one frame said, as {@link SkeletonFrameReader#read} found it: the message type, its
 * sequence number, and the fields of that type as values or as positions in the frame's bytes
 * (valid while the frame is). One instance is reused for every frame of a socket, so nothing is
 * allocated per book update; fields a type does not carry keep their "absent" value.
 *
 * <p><b>REPLACE</b> with what your exchange's messages carry.
 */
public final class SkeletonMessage {

    /** A message type ({@code "type"}). */
    public enum Type {
        /** The first message of a connection: the instruments. */
        WELCOME,
        /** A subscription was accepted. */
        SUBSCRIBED,
        /** A subscription was ended. */
        UNSUBSCRIBED,
        /** A request was refused, or the exchange reports a problem. */
        ERROR,
        /** A whole book. */
        SNAPSHOT,
        /** Changed levels of a book. */
        UPDATE,
        /** One public trade. */
        TRADE,
        /** Best bid and ask, last price, 24 h volume. */
        TICKER,
        /** The connection is alive. */
        HEARTBEAT,
        /** The answer to a ping. */
        PONG,
        /** Maintenance starts or ends ({@code "status"}). */
        MAINTENANCE,
        /** The server is about to restart and close every connection. */
        RESTART,
        /** A type this reader does not know (it still carries a sequence number). */
        UNKNOWN
    }

    /** A channel ({@code "channel"}). */
    public enum Channel {
        /** Snapshot and updates of a 25-level book. */
        BOOK("book"),
        /** Public trades. */
        TRADES("trades"),
        /** Tickers. */
        TICKER("ticker");

        private final String wireName;

        Channel(String wireName) {
            this.wireName = wireName;
        }

        /**
         * The channel's name on the wire.
         *
         * @return for example {@code "book"}
         */
        public String wireName() {
            return wireName;
        }
    }

    /**
     * One instrument of a welcome message, as sent.
     *
     * @param symbol the exchange's symbol, {@code BASE-QUOTE}
     * @param base the base currency
     * @param quote the quote currency
     * @param tick the price step
     * @param lot the quantity step
     */
    public record ListedInstrument(String symbol, String base, String quote, String tick, String lot) {
    }

    /** Absent decimal fields (every real value is a non-negative number of units). */
    public static final long ABSENT = Long.MIN_VALUE;

    byte[] frame;
    Type type;
    String unknownType;
    long seq;
    long req;
    long time;
    long code;
    Channel channel;
    int symbolStart;
    int symbolEnd;
    int messageStart;
    int messageEnd;
    int tradeIdStart;
    int tradeIdEnd;
    Side side;
    long price;
    long size;
    long bid;
    long bidSize;
    long ask;
    long askSize;
    long last;
    long volume;
    boolean hasChecksum;
    int checksum;
    Boolean maintenanceStarts;
    final List<ListedInstrument> instruments = new ArrayList<>();

    // book rows, in the order they came (bids and asks as the frame has them)
    int rows;
    Side[] rowSide = new Side[64];
    long[] rowPrice = new long[64];
    long[] rowSize = new long[64];
    int[] rowPriceStart = new int[64];
    int[] rowPriceEnd = new int[64];
    int[] rowSizeStart = new int[64];
    int[] rowSizeEnd = new int[64];

    SkeletonMessage() {
    }

    void clear(byte[] b) {
        frame = b;
        type = null;
        unknownType = null;
        seq = -1;
        req = 0;
        time = -1;
        code = 0;
        channel = null;
        symbolStart = -1;
        symbolEnd = -1;
        messageStart = -1;
        messageEnd = -1;
        tradeIdStart = -1;
        tradeIdEnd = -1;
        side = null;
        price = ABSENT;
        size = ABSENT;
        bid = ABSENT;
        bidSize = ABSENT;
        ask = ABSENT;
        askSize = ABSENT;
        last = ABSENT;
        volume = ABSENT;
        hasChecksum = false;
        checksum = 0;
        maintenanceStarts = null;
        instruments.clear();
        rows = 0;
    }

    void row(Side s, long p, long q, int ps, int pe, int ss, int se) {
        if (rows == rowPrice.length) {
            int n = rows * 2;
            rowSide = Arrays.copyOf(rowSide, n);
            rowPrice = Arrays.copyOf(rowPrice, n);
            rowSize = Arrays.copyOf(rowSize, n);
            rowPriceStart = Arrays.copyOf(rowPriceStart, n);
            rowPriceEnd = Arrays.copyOf(rowPriceEnd, n);
            rowSizeStart = Arrays.copyOf(rowSizeStart, n);
            rowSizeEnd = Arrays.copyOf(rowSizeEnd, n);
        }
        rowSide[rows] = s;
        rowPrice[rows] = p;
        rowSize[rows] = q;
        rowPriceStart[rows] = ps;
        rowPriceEnd[rows] = pe;
        rowSizeStart[rows] = ss;
        rowSizeEnd[rows] = se;
        rows++;
    }

    /** @return the message type */
    public Type type() {
        return type;
    }

    /** @return the type's name when it is {@link Type#UNKNOWN}, else null */
    public String unknownType() {
        return unknownType;
    }

    /** @return the connection's sequence number of this message (1 for the first) */
    public long seq() {
        return seq;
    }

    /** @return the request id an answer refers to, 0 when none */
    public long req() {
        return req;
    }

    /** @return the exchange's time in epoch milliseconds, -1 when absent */
    public long time() {
        return time;
    }

    /** @return an error's code, 0 when absent */
    public long code() {
        return code;
    }

    /** @return the channel of a subscription answer, or null */
    public Channel channel() {
        return channel;
    }

    /** @return whether the message names a symbol */
    public boolean hasSymbol() {
        return symbolStart >= 0;
    }

    /** @return the exchange's symbol (allocates), or null */
    public String symbol() {
        return symbolStart < 0 ? null : text(symbolStart, symbolEnd);
    }

    /**
     * Whether the symbol is the given one, without allocating.
     *
     * @param raw the exchange's symbol as ASCII bytes
     * @return true when equal
     */
    public boolean symbolIs(byte[] raw) {
        if (symbolStart < 0 || symbolEnd - symbolStart != raw.length) {
            return false;
        }
        for (int i = 0; i < raw.length; i++) {
            if (frame[symbolStart + i] != raw[i]) {
                return false;
            }
        }
        return true;
    }

    /** @return the exchange's text of an error, a maintenance or a restart (allocates), "" when absent */
    public String message() {
        return messageStart < 0 ? "" : text(messageStart, messageEnd);
    }

    /** @return a trade's id (allocates), or null */
    public String tradeId() {
        return tradeIdStart < 0 ? null : text(tradeIdStart, tradeIdEnd);
    }

    /** @return a trade's taker side, or null */
    public Side side() {
        return side;
    }

    /** @return a trade's price in units of {@link SkeletonFrameReader#SCALE}, or {@link #ABSENT} */
    public long price() {
        return price;
    }

    /** @return a trade's size in units, or {@link #ABSENT} */
    public long size() {
        return size;
    }

    /** @return a ticker's best bid in units, or {@link #ABSENT} */
    public long bid() {
        return bid;
    }

    /** @return a ticker's size at the best bid in units, or {@link #ABSENT} */
    public long bidSize() {
        return bidSize;
    }

    /** @return a ticker's best ask in units, or {@link #ABSENT} */
    public long ask() {
        return ask;
    }

    /** @return a ticker's size at the best ask in units, or {@link #ABSENT} */
    public long askSize() {
        return askSize;
    }

    /** @return a ticker's last price in units, or {@link #ABSENT} */
    public long last() {
        return last;
    }

    /** @return a ticker's 24 h volume in units, or {@link #ABSENT} */
    public long volume() {
        return volume;
    }

    /** @return whether a book message carries a checksum */
    public boolean hasChecksum() {
        return hasChecksum;
    }

    /** @return the book's checksum after this message (see the protocol) */
    public int checksum() {
        return checksum;
    }

    /** @return for a maintenance message, whether it starts (false: it ends); null otherwise */
    public Boolean maintenanceStarts() {
        return maintenanceStarts;
    }

    /** @return a welcome's instruments (the reader's list: copy it to keep it) */
    public List<ListedInstrument> instruments() {
        return instruments;
    }

    /** @return how many book rows a snapshot or update has */
    public int rows() {
        return rows;
    }

    /**
     * @param i a row
     * @return its side
     */
    public Side rowSide(int i) {
        return rowSide[i];
    }

    /**
     * @param i a row
     * @return its price in units
     */
    public long rowPrice(int i) {
        return rowPrice[i];
    }

    /**
     * @param i a row
     * @return its size in units, 0 to remove the level
     */
    public long rowSize(int i) {
        return rowSize[i];
    }

    /**
     * @param i a row
     * @return where its price's wire text starts in the frame
     */
    public int rowPriceStart(int i) {
        return rowPriceStart[i];
    }

    /**
     * @param i a row
     * @return where its price's wire text ends
     */
    public int rowPriceEnd(int i) {
        return rowPriceEnd[i];
    }

    /**
     * @param i a row
     * @return where its size's wire text starts
     */
    public int rowSizeStart(int i) {
        return rowSizeStart[i];
    }

    /**
     * @param i a row
     * @return where its size's wire text ends
     */
    public int rowSizeEnd(int i) {
        return rowSizeEnd[i];
    }

    /** @return the frame the positions point into */
    public byte[] frame() {
        return frame;
    }

    private String text(int start, int end) {
        return new String(frame, start, end - start, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SkeletonMessage[" + (type == Type.UNKNOWN ? unknownType : type) + " seq " + seq
                + (symbolStart >= 0 ? " " + symbol() : "") + (rows > 0 ? ", " + rows + " rows" : "") + "]";
    }
}
