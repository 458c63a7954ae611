package org.tradebench.examples.skeleton.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.tradebench.api.market.Side;
import org.tradebench.connector.support.json.FrameFormatException;
import org.tradebench.connector.support.json.JsonScanner;
import org.tradebench.examples.skeleton.internal.protocol.SkeletonMessage.Channel;
import org.tradebench.examples.skeleton.internal.protocol.SkeletonMessage.ListedInstrument;
import org.tradebench.examples.skeleton.internal.protocol.SkeletonMessage.Type;

/**
 * Reads one Skeleton Exchange frame, in place, into the reader's {@link SkeletonMessage}: one JSON
 * object whose fields may come in any order; unknown fields are skipped. The whole frame is read
 * and checked before the message is returned, so a frame that cannot be decoded throws a
 * {@link FrameFormatException} (an {@link IllegalArgumentException} saying what was expected and
 * where) and nothing of it reaches a book or a stream.
 *
 * <pre>{@code
 * SkeletonFrameReader reader = new SkeletonFrameReader();
 * SkeletonMessage m = reader.read(frame, offset, length);   // valid until the next read
 * if (m.type() == SkeletonMessage.Type.UPDATE) { ... m.rows(), m.rowPrice(i), m.checksum() ... }
 * }</pre>
 *
 * <p>Prices and sizes are decimal strings ({@code "65000.1"}) read as units of {@link #SCALE}
 * decimal places, keeping where their wire text is (the book checksum is computed over it).
 * Nothing is allocated for a book update, a heartbeat or a pong.
 *
 * <p><b>REPLACE</b> with your exchange's frame layout. Not thread-safe: one per socket.
 */
public final class SkeletonFrameReader {

    /** Decimal places of every price and size unit. */
    public static final int SCALE = 8;

    private static final Type[] TYPES = Type.values();
    private static final String[] TYPE_NAMES = new String[TYPES.length];

    static {
        for (Type t : TYPES) {
            TYPE_NAMES[t.ordinal()] = t.name().toLowerCase(Locale.ROOT);
        }
    }

    /** The fields the reader knows, by their wire names; {@link #OTHER} is skipped. */
    private enum Field {
        TYPE("type"), SEQ("seq"), REQ("req"), TIME("time"), CODE("code"), CHECKSUM("checksum"), CHANNEL("channel"),
        SYMBOL("symbol"), MESSAGE("message"), ID("id"), SIDE("side"), STATUS("status"), PRICE("price"), SIZE("size"),
        BID("bid"), BID_SIZE("bidSize"), ASK("ask"), ASK_SIZE("askSize"), LAST("last"), VOLUME("volume"),
        BIDS("bids"), ASKS("asks"), INSTRUMENTS("instruments"), OTHER("");

        private static final Field[] ALL = values();
        private final String wire;

        Field(String wire) {
            this.wire = wire;
        }

        /** The field named by the bytes between {@code s} and {@code e}, without allocating. */
        static Field of(byte[] b, int s, int e) {
            for (Field f : ALL) {
                if (JsonScanner.isWord(b, s, e, f.wire)) {
                    return f;
                }
            }
            return OTHER;
        }
    }

    private final JsonScanner scanner = new JsonScanner();
    private final SkeletonMessage m = new SkeletonMessage();

    /** Creates a reader. */
    public SkeletonFrameReader() {
    }

    /**
     * Reads a frame.
     *
     * @param b the buffer
     * @param off the frame's first byte
     * @param len its length
     * @return the message (this reader's, valid until the next call)
     * @throws FrameFormatException when the frame is not a Skeleton Exchange message
     */
    public SkeletonMessage read(byte[] b, int off, int len) {
        m.clear(b);
        int n = off + len;
        int p = JsonScanner.skipWhitespace(b, n, off);
        p = JsonScanner.expect(b, n, p, '{', "at the start of a message");
        boolean first = true;
        while (true) {
            p = JsonScanner.skipWhitespace(b, n, p);
            if (p < n && b[p] == '}') {
                break;
            }
            if (!first) {
                p = JsonScanner.skipWhitespace(b, n, JsonScanner.expect(b, n, p, ',', "between two fields"));
            }
            first = false;
            if (p >= n || b[p] != '"') {
                throw new FrameFormatException("a field name was expected at byte " + (p - off));
            }
            int ke = JsonScanner.stringEnd(b, n, p);
            int v = JsonScanner.skipWhitespace(b, n,
                    JsonScanner.expect(b, n, JsonScanner.skipWhitespace(b, n, ke + 1), ':', "after a field name"));
            p = field(b, n, Field.of(b, p + 1, ke), v);
        }
        if (JsonScanner.skipWhitespace(b, n, p + 1) != n) {
            throw new FrameFormatException("something follows the message at byte " + (p + 1 - off));
        }
        check();
        return m;
    }

    /** Reads one field's value at {@code v}; returns the index after it. */
    private int field(byte[] b, int n, Field field, int v) {
        switch (field) {
            case TYPE -> {
                int e = string(b, n, v, "the type");
                m.type = type(b, v + 1, e);
                if (m.type == Type.UNKNOWN) {
                    m.unknownType = new String(b, v + 1, e - v - 1, StandardCharsets.UTF_8);
                }
                return e + 1;
            }
            case SEQ -> {
                m.seq = scanner.readInteger(b, n, v, "the sequence number");
                return scanner.end();
            }
            case REQ -> {
                m.req = scanner.readInteger(b, n, v, "the request id");
                return scanner.end();
            }
            case TIME -> {
                m.time = scanner.readInteger(b, n, v, "the time");
                return scanner.end();
            }
            case CODE -> {
                m.code = scanner.readInteger(b, n, v, "the error code");
                return scanner.end();
            }
            case CHECKSUM -> {
                long c = scanner.readInteger(b, n, v, "the checksum");
                if (c < Integer.MIN_VALUE || c > Integer.MAX_VALUE) {
                    throw new FrameFormatException("the checksum " + c + " is not a signed 32-bit number");
                }
                m.checksum = (int) c;
                m.hasChecksum = true;
                return scanner.end();
            }
            case CHANNEL -> {
                int e = string(b, n, v, "the channel");
                m.channel = channel(b, v + 1, e);
                return e + 1;
            }
            case SYMBOL -> {
                int e = string(b, n, v, "the symbol");
                m.symbolStart = v + 1;
                m.symbolEnd = e;
                return e + 1;
            }
            case MESSAGE -> {
                int e = string(b, n, v, "the message");
                m.messageStart = v + 1;
                m.messageEnd = e;
                return e + 1;
            }
            case ID -> {
                int e = string(b, n, v, "the trade id");
                m.tradeIdStart = v + 1;
                m.tradeIdEnd = e;
                return e + 1;
            }
            case SIDE -> {
                int e = string(b, n, v, "the side");
                if (JsonScanner.isWord(b, v + 1, e, "buy")) {
                    m.side = Side.BUY;
                } else if (JsonScanner.isWord(b, v + 1, e, "sell")) {
                    m.side = Side.SELL;
                } else {
                    throw new FrameFormatException("the side is \"buy\" or \"sell\", not \""
                            + new String(b, v + 1, e - v - 1, StandardCharsets.UTF_8) + "\"");
                }
                return e + 1;
            }
            case STATUS -> {
                int e = string(b, n, v, "the status");
                if (JsonScanner.isWord(b, v + 1, e, "start")) {
                    m.maintenanceStarts = Boolean.TRUE;
                } else if (JsonScanner.isWord(b, v + 1, e, "end")) {
                    m.maintenanceStarts = Boolean.FALSE;
                } else {
                    throw new FrameFormatException("the status is \"start\" or \"end\"");
                }
                return e + 1;
            }
            case PRICE -> {
                m.price = decimal(b, n, v, "the price");
                return scanner.end() + 1;
            }
            case SIZE -> {
                m.size = decimal(b, n, v, "the size");
                return scanner.end() + 1;
            }
            case BID -> {
                m.bid = decimal(b, n, v, "the bid");
                return scanner.end() + 1;
            }
            case BID_SIZE -> {
                m.bidSize = decimal(b, n, v, "the bid size");
                return scanner.end() + 1;
            }
            case ASK -> {
                m.ask = decimal(b, n, v, "the ask");
                return scanner.end() + 1;
            }
            case ASK_SIZE -> {
                m.askSize = decimal(b, n, v, "the ask size");
                return scanner.end() + 1;
            }
            case LAST -> {
                m.last = decimal(b, n, v, "the last price");
                return scanner.end() + 1;
            }
            case VOLUME -> {
                m.volume = decimal(b, n, v, "the volume");
                return scanner.end() + 1;
            }
            case BIDS -> {
                return rows(b, n, v, Side.BUY);
            }
            case ASKS -> {
                return rows(b, n, v, Side.SELL);
            }
            case INSTRUMENTS -> {
                return instruments(b, n, v);
            }
            default -> {
                return JsonScanner.skipValue(b, n, v);
            }
        }
    }

    /** Checks that the message has what its type needs. */
    private void check() {
        if (m.type == null) {
            throw new FrameFormatException("a message without a \"type\"");
        }
        if (m.seq < 1) {
            throw new FrameFormatException("a \"" + name() + "\" message without a \"seq\" of at least 1");
        }
        switch (m.type) {
            case SNAPSHOT, UPDATE -> {
                require(m.hasSymbol(), "symbol");
                require(m.hasChecksum, "checksum");
            }
            case TRADE -> {
                require(m.hasSymbol(), "symbol");
                require(m.tradeIdStart >= 0, "id");
                require(m.price != SkeletonMessage.ABSENT && m.price > 0, "price");
                require(m.size != SkeletonMessage.ABSENT && m.size > 0, "size");
                require(m.side != null, "side");
                require(m.time >= 0, "time");
            }
            case TICKER -> {
                require(m.hasSymbol(), "symbol");
                require(m.time >= 0, "time");
                require(m.bid != SkeletonMessage.ABSENT || m.ask != SkeletonMessage.ABSENT
                        || m.last != SkeletonMessage.ABSENT, "bid, ask or last");
            }
            case SUBSCRIBED, UNSUBSCRIBED -> {
                require(m.hasSymbol(), "symbol");
                require(m.channel != null, "channel");
            }
            case MAINTENANCE -> require(m.maintenanceStarts != null, "status");
            default -> {
                // welcome, error, heartbeat, pong, restart and unknown types need nothing more
            }
        }
    }

    private String name() {
        return m.type == Type.UNKNOWN ? m.unknownType : TYPE_NAMES[m.type.ordinal()];
    }

    private void require(boolean present, String field) {
        if (!present) {
            throw new FrameFormatException("a \"" + name() + "\" message without a valid \"" + field + "\"");
        }
    }

    /** {@code [["price","size"], ...]}: every row into the message. */
    private int rows(byte[] b, int n, int v, Side side) {
        int p = JsonScanner.expect(b, n, v, '[', "at the start of the " + (side == Side.BUY ? "bids" : "asks"));
        p = JsonScanner.skipWhitespace(b, n, p);
        if (p < n && b[p] == ']') {
            return p + 1;
        }
        while (true) {
            p = JsonScanner.expect(b, n, p, '[', "at the start of a level");
            p = JsonScanner.skipWhitespace(b, n, p);
            int ps = p + 1;
            long price = decimal(b, n, p, "a level's price");
            int pe = scanner.end();
            p = JsonScanner.skipWhitespace(b, n, JsonScanner.expect(b, n,
                    JsonScanner.skipWhitespace(b, n, pe + 1), ',', "after a level's price"));
            int ss = p + 1;
            long size = decimal(b, n, p, "a level's size");
            int se = scanner.end();
            if (price <= 0) {
                throw new FrameFormatException("a level's price must be above 0, was "
                        + new String(b, ps, pe - ps, StandardCharsets.US_ASCII));
            }
            p = JsonScanner.expect(b, n, JsonScanner.skipWhitespace(b, n, se + 1), ']', "at the end of a level");
            m.row(side, price, size, ps, pe, ss, se);
            p = JsonScanner.skipWhitespace(b, n, p);
            if (p < n && b[p] == ']') {
                return p + 1;
            }
            p = JsonScanner.skipWhitespace(b, n, JsonScanner.expect(b, n, p, ',', "between two levels"));
        }
    }

    /** {@code [{"symbol":"BTC-USD","base":"BTC","quote":"USD","tick":"0.1","lot":"0.0001"}, ...]}. */
    private int instruments(byte[] b, int n, int v) {
        int p = JsonScanner.skipWhitespace(b, n, JsonScanner.expect(b, n, v, '[', "at the start of the instruments"));
        if (p < n && b[p] == ']') {
            return p + 1;
        }
        while (true) {
            p = JsonScanner.skipWhitespace(b, n, JsonScanner.expect(b, n, p, '{', "at the start of an instrument"));
            String symbol = null;
            String base = null;
            String quote = null;
            String tick = null;
            String lot = null;
            boolean first = true;
            while (p >= n || b[p] != '}') {
                if (!first) {
                    p = JsonScanner.skipWhitespace(b, n, JsonScanner.expect(b, n, p, ',', "between two fields"));
                }
                first = false;
                JsonScanner.expect(b, n, p, '"', "at a field name");
                int ke = JsonScanner.stringEnd(b, n, p);
                // welcome messages are rare: a String for each name and value is fine here
                String k = new String(b, p + 1, ke - p - 1, StandardCharsets.UTF_8);
                int vs = JsonScanner.skipWhitespace(b, n,
                        JsonScanner.expect(b, n, JsonScanner.skipWhitespace(b, n, ke + 1), ':', "after a field name"));
                int ve = string(b, n, vs, "an instrument's " + k);
                String value = new String(b, vs + 1, ve - vs - 1, StandardCharsets.UTF_8);
                switch (k) {
                    case "symbol" -> symbol = value;
                    case "base" -> base = value;
                    case "quote" -> quote = value;
                    case "tick" -> tick = value;
                    case "lot" -> lot = value;
                    default -> {
                        // more than the skeleton uses
                    }
                }
                p = JsonScanner.skipWhitespace(b, n, ve + 1);
            }
            if (symbol == null || base == null || quote == null || tick == null || lot == null) {
                throw new FrameFormatException("an instrument needs symbol, base, quote, tick and lot");
            }
            m.instruments.add(new ListedInstrument(symbol, base, quote, tick, lot));
            p = JsonScanner.skipWhitespace(b, n, p + 1);
            if (p < n && b[p] == ']') {
                return p + 1;
            }
            p = JsonScanner.skipWhitespace(b, n, JsonScanner.expect(b, n, p, ',', "between two instruments"));
        }
    }

    /** A decimal in quotes at {@code v} as units; {@link JsonScanner#end()} is its closing quote. */
    private long decimal(byte[] b, int n, int v, String what) {
        JsonScanner.expect(b, n, v, '"', "before " + what + " (a decimal string)");
        long units = scanner.readUnits(b, n, v + 1, SCALE, what);
        JsonScanner.expect(b, n, scanner.end(), '"', "after " + what);
        if (units < 0) {
            throw new FrameFormatException(what + " must not be negative");
        }
        return units;
    }

    /** The closing quote of a string value at {@code v}. */
    private static int string(byte[] b, int n, int v, String what) {
        JsonScanner.expect(b, n, v, '"', "before " + what + " (a string)");
        return JsonScanner.stringEnd(b, n, v);
    }

    private static Type type(byte[] b, int s, int e) {
        for (Type t : TYPES) {
            if (t != Type.UNKNOWN && JsonScanner.isWord(b, s, e, TYPE_NAMES[t.ordinal()])) {
                return t;
            }
        }
        return Type.UNKNOWN;
    }

    private static Channel channel(byte[] b, int s, int e) {
        for (Channel c : Channel.values()) {
            if (JsonScanner.isWord(b, s, e, c.wireName())) {
                return c;
            }
        }
        throw new FrameFormatException("unknown channel \"" + new String(b, s, e - s, StandardCharsets.UTF_8) + "\"");
    }}
