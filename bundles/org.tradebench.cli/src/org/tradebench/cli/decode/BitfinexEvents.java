package org.tradebench.cli.decode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tradebench.api.market.Side;
import org.tradebench.cli.json.EventJsonWriter;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexAuthReply;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexBookRow;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexBookRows;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexBookState;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexCandle;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannel;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChange;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannelType;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChecksum;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexFlags;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexFrameDecoder;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexNotification;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOrder;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOwnTrade;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexPosition;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSink;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTicker;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrade;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTradeEvent;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrailer;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexWallet;
import org.tradebench.core.book.ScaledDecimal;

/**
 * Bitfinex frames to normalised events: a {@link BitfinexSink} on top of the connector's
 * {@link BitfinexFrameDecoder} that keeps, per channel, what the events need (the book with its
 * wire texts for the checksum, trade ids already printed, the latest candle).
 *
 * <ul>
 * <li>books: a {@code snapshot}, then one {@code delta} per update; {@code checksum} events where
 * the exchange sends {@code cs}; on a mismatch a {@code reset} ("checksum mismatch") and no deltas
 * until the next snapshot. {@code sequence} is the exchange's when {@code SEQ_ALL} is on, else a
 * counter per channel starting at 1 with the snapshot.</li>
 * <li>trades: snapshot oldest first, then {@code te}/{@code tu}, each trade id once.</li>
 * <li>candles: snapshot oldest first, the newest not closed; a candle for a newer bucket closes the
 * previous one (printed again with {@code "closed":true}).</li>
 * <li>status: platform status and info codes 20051, 20060, 20061; error events for exchange
 * errors, failed authentication, and once per channel whose data has no normalised events
 * (funding, status).</li>
 * <li>account (channel 0), through {@link BitfinexAccountEvents}: {@code os}/{@code on}/{@code ou}/
 * {@code oc} orders, {@code ws}/{@code wu} balances, {@code ps}/{@code pn}/{@code pu}/{@code pc}
 * positions, one fill per own trade id: a {@code te} is held until its {@code tu} (which carries
 * the fee) arrives and printed then, or without the fee at the end of the input
 * ({@link #flush()}) or when more than {@value #PENDING_FILLS} are waiting. Failed order requests
 * ({@code n} on-req ERROR) print a rejected order; other failed requests an error event.</li>
 * </ul>
 *
 * <pre>{@code
 * BitfinexEvents events = new BitfinexEvents(json);
 * events.decode(line, -1);
 * json.commit();
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class BitfinexEvents implements BitfinexSink, ExchangeDecoder {

    /** The exchange id. */
    public static final String EXCHANGE = "bitfinex";

    private static final int SEEN_TRADES = 10_000;

    /** At most this many {@code te} own trades wait for their {@code tu}. */
    public static final int PENDING_FILLS = 1_000;

    private final EventJsonWriter json;
    private final BitfinexFrameDecoder decoder = new BitfinexFrameDecoder(this);
    private final Map<Integer, View> views = new LinkedHashMap<>();
    private final Map<Long, PendingFill> pendingFills = new LinkedHashMap<>();
    private final Map<Long, Boolean> printedFills = new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > SEEN_TRADES;
        }
    };
    private long received = -1;
    private String frame = "";

    /**
     * Creates the decoder.
     *
     * @param json where events go
     */
    public BitfinexEvents(EventJsonWriter json) {
        this.json = json;
    }

    @Override
    public void decode(String frame, long receivedMillis) {
        this.frame = frame;
        this.received = receivedMillis;
        decoder.decode(frame);
    }

    @Override
    public void flush() {
        for (PendingFill p : List.copyOf(pendingFills.values())) {
            printFill(p.trade(), p.received());
        }
        pendingFills.clear();
    }

    @Override
    public void finish() {
        for (View v : views.values()) {
            if (v.book != null && v.bookValid) {
                BitfinexBookState b = v.book;
                json.begin("book", EXCHANGE).string("symbol", v.symbol).time("time", v.lastTime)
                        .string("kind", "final").number("sequence", v.sequence);
                levels(b, Side.BUY, BitfinexChecksum.DEPTH);
                levels(b, Side.SELL, BitfinexChecksum.DEPTH);
                json.time("received", v.lastReceived).end();
            }
        }
    }

    // --- events -----------------------------------------------------------------------------

    @Override
    public void onInfo(int version, int platformStatus) {
        if (platformStatus < 0) {
            return;
        }
        String api = version < 0 ? "" : " (API version " + version + ")";
        status(platformStatus == 1 ? "live" : "maintenance",
                (platformStatus == 1 ? "platform operative" : "platform in maintenance") + api);
    }

    @Override
    public void onInfoCode(int code, String message) {
        String state = switch (code) {
            case BitfinexFlags.INFO_RECONNECT -> "reconnecting";
            case BitfinexFlags.INFO_MAINTENANCE_START -> "maintenance";
            case BitfinexFlags.INFO_MAINTENANCE_END -> "live";
            default -> null;
        };
        if (state != null) {
            status(state, BitfinexFlags.describe(code) + " (" + code + ")" + (message.isEmpty() ? "" : ": " + message));
        }
    }

    @Override
    public void onSubscribed(BitfinexChannel channel) {
        View view = new View(channel);
        views.put(channel.chanId(), view);
        if (view.skipped) {
            error(channel.describe() + (channel.isFunding() ? " is a funding channel" : " is a " + channel.name()
                    + " channel") + ": it has no normalised events, its messages are skipped");
        } else if (channel.type().isBook()) {
            view.book = new BitfinexBookState(channel);
        }
    }

    @Override
    public void onUnsubscribed(BitfinexChannel channel, int chanId, String status) {
        views.remove(chanId);
    }

    @Override
    public void onError(int code, String message) {
        error("bitfinex error " + code + " (" + BitfinexFlags.describe(code) + ")"
                + (message.isEmpty() ? "" : ": " + message));
    }

    @Override
    public void onAuth(BitfinexAuthReply reply) {
        if (!reply.isOk()) {
            error("authentication failed" + (reply.code() == 0 ? "" : " with code " + reply.code() + " ("
                    + BitfinexFlags.describe(reply.code()) + ")") + (reply.message().isEmpty() ? "" : ": " + reply.message()));
        }
    }

    @Override
    public void onTicker(BitfinexChannel channel, BitfinexTicker t, BitfinexTrailer trailer) {
        View v = live(channel);
        if (v == null) {
            return;
        }
        json.begin("ticker", EXCHANGE).string("symbol", v.symbol).time("time", time(trailer))
                .decimal("bid", t.bid()).decimal("bidSize", abs(t.bidSize())).decimal("ask", t.ask())
                .decimal("askSize", abs(t.askSize())).decimal("last", t.lastPrice()).decimal("volume", t.volume())
                .decimal("high", t.high()).decimal("low", t.low()).decimal("change", t.dailyChange())
                .decimal("changeRatio", t.dailyChangeRelative()).time("received", received).end();
    }

    @Override
    public void onTradeSnapshot(BitfinexChannel channel, List<BitfinexTrade> trades, BitfinexTrailer trailer) {
        View v = live(channel);
        if (v == null) {
            return;
        }
        for (int i = trades.size() - 1; i >= 0; i--) { // the wire has newest first
            trade(v, trades.get(i));
        }
    }

    @Override
    public void onTrade(BitfinexChannel channel, BitfinexTradeEvent event, BitfinexTrade trade, BitfinexTrailer trailer) {
        View v = live(channel);
        if (v != null) {
            trade(v, trade);
        }
    }

    private void trade(View v, BitfinexTrade t) {
        if (v.seenTrades.put(t.id(), Boolean.TRUE) != null) {
            return;
        }
        v.lastTime = t.time();
        json.begin("trade", EXCHANGE).string("symbol", v.symbol).time("time", t.time())
                .string("id", Long.toString(t.id())).decimal("price", t.price()).decimal("quantity", t.quantity())
                .string("side", t.takerSide().wireName()).time("received", received).end();
    }

    @Override
    public void onBookSnapshot(BitfinexChannel channel, BitfinexBookRows rows, BitfinexTrailer trailer) {
        View v = live(channel);
        if (v == null) {
            return;
        }
        v.book.applySnapshot(rows);
        v.bookValid = true;
        v.sequence = trailer.hasSequence() ? trailer.sequence() : 1;
        touch(v, trailer);
        json.begin("book", EXCHANGE).string("symbol", v.symbol).time("time", time(trailer))
                .string("kind", "snapshot").number("sequence", v.sequence);
        levels(v.book, Side.BUY, Integer.MAX_VALUE);
        levels(v.book, Side.SELL, Integer.MAX_VALUE);
        json.time("received", received).end();
    }

    @Override
    public void onBookUpdate(BitfinexChannel channel, BitfinexBookRow row, BitfinexTrailer trailer) {
        View v = live(channel);
        if (v == null || !v.bookValid) {
            return; // nothing to apply a delta to before the (next) snapshot
        }
        BitfinexBookState book = v.book;
        boolean changed = book.apply(row);
        if (book.isRaw() && !changed) {
            return; // removal of an order that is not in the book
        }
        v.sequence = trailer.hasSequence() ? trailer.sequence() : v.sequence + 1;
        touch(v, trailer);
        json.begin("book", EXCHANGE).string("symbol", v.symbol).time("time", time(trailer))
                .string("kind", "delta").number("sequence", v.sequence);
        for (Side side : Side.values()) {
            json.beginArray(side == Side.BUY ? "bids" : "asks");
            if (row.side() == side) {
                String quantity = row.isRemoval() ? "0" : plain(Math.abs(row.amount()), row.amountScale());
                if (!book.isRaw()) {
                    json.tuple(plain(row.price(), row.priceScale()), quantity);
                } else {
                    String id = Long.toString(row.orderId());
                    long previous = book.previousPrice();
                    if (previous != 0 && previous != row.price()) {
                        json.tuple(plain(previous, row.priceScale()), "0", id); // the order left this price
                    }
                    if (!row.isRemoval()) {
                        json.tuple(plain(row.price(), row.priceScale()), quantity, id);
                    }
                }
            }
            json.endArray();
        }
        json.time("received", received).end();
    }

    @Override
    public void onChecksum(BitfinexChannel channel, int checksum, BitfinexTrailer trailer) {
        View v = live(channel);
        if (v == null || !v.bookValid) {
            return; // no book to compare with yet
        }
        touch(v, trailer);
        boolean ok = v.book.checksum() == checksum;
        json.begin("checksum", EXCHANGE).string("symbol", v.symbol).time("time", time(trailer)).bool("ok", ok)
                .time("received", received).end();
        if (!ok) {
            v.book.clear();
            v.bookValid = false;
            json.begin("book", EXCHANGE).string("symbol", v.symbol).time("time", time(trailer))
                    .string("kind", "reset").string("reason", "checksum mismatch").time("received", received).end();
        }
    }

    @Override
    public void onCandleSnapshot(BitfinexChannel channel, List<BitfinexCandle> candles, BitfinexTrailer trailer) {
        View v = live(channel);
        if (v == null) {
            return;
        }
        List<BitfinexCandle> oldestFirst = new ArrayList<>(candles);
        oldestFirst.sort(Comparator.comparingLong(BitfinexCandle::start));
        for (int i = 0; i < oldestFirst.size(); i++) {
            candle(v, oldestFirst.get(i), i < oldestFirst.size() - 1);
        }
        v.latestCandle = oldestFirst.isEmpty() ? null : oldestFirst.get(oldestFirst.size() - 1);
    }

    @Override
    public void onCandle(BitfinexChannel channel, BitfinexCandle candle, BitfinexTrailer trailer) {
        View v = live(channel);
        if (v == null) {
            return;
        }
        BitfinexCandle latest = v.latestCandle;
        if (latest != null && candle.start() < latest.start()) {
            candle(v, candle, true); // a late correction of a closed bucket
            return;
        }
        if (latest != null && candle.start() > latest.start()) {
            candle(v, latest, true); // a newer bucket closes the previous one
        }
        candle(v, candle, false);
        v.latestCandle = candle;
    }

    private void candle(View v, BitfinexCandle c, boolean closed) {
        json.begin("candle", EXCHANGE).string("symbol", v.symbol).string("interval", v.channel.timeframe())
                .decimal("open", c.open()).decimal("high", c.high()).decimal("low", c.low())
                .decimal("close", c.close()).decimal("volume", c.volume()).time("time", c.start())
                .bool("closed", closed).time("received", received).end();
    }

    // --- account (channel 0) ----------------------------------------------------------------

    @Override
    public void onOrderSnapshot(List<BitfinexOrder> orders, BitfinexTrailer trailer) {
        for (BitfinexOrder o : orders) {
            BitfinexAccountEvents.order(json, o, false, received);
        }
    }

    @Override
    public void onOrder(BitfinexChange change, BitfinexOrder order, BitfinexTrailer trailer) {
        BitfinexAccountEvents.order(json, order, change == BitfinexChange.CLOSE, received);
    }

    @Override
    public void onWalletSnapshot(List<BitfinexWallet> wallets, BitfinexTrailer trailer) {
        for (BitfinexWallet w : wallets) {
            BitfinexAccountEvents.balance(json, w, received);
        }
    }

    @Override
    public void onWallet(BitfinexWallet wallet, BitfinexTrailer trailer) {
        BitfinexAccountEvents.balance(json, wallet, received);
    }

    @Override
    public void onPositionSnapshot(List<BitfinexPosition> positions, BitfinexTrailer trailer) {
        for (BitfinexPosition p : positions) {
            BitfinexAccountEvents.position(json, p, false, received);
        }
    }

    @Override
    public void onPosition(BitfinexChange change, BitfinexPosition position, BitfinexTrailer trailer) {
        BitfinexAccountEvents.position(json, position, change == BitfinexChange.CLOSE, received);
    }

    @Override
    public void onOwnTrade(BitfinexTradeEvent event, BitfinexOwnTrade trade, BitfinexTrailer trailer) {
        if (printedFills.containsKey(trade.id())) {
            return;
        }
        if (event == BitfinexTradeEvent.UPDATED) {
            pendingFills.remove(trade.id());
            printFill(trade, received);
            return;
        }
        // te comes first, without the fee: wait for tu, which repeats it with the fee.
        pendingFills.putIfAbsent(trade.id(), new PendingFill(trade, received));
        if (pendingFills.size() > PENDING_FILLS) {
            PendingFill eldest = pendingFills.remove(pendingFills.keySet().iterator().next());
            printFill(eldest.trade(), eldest.received());
        }
    }

    private void printFill(BitfinexOwnTrade trade, long receivedMillis) {
        BitfinexAccountEvents.fill(json, trade, receivedMillis);
        printedFills.put(trade.id(), Boolean.TRUE);
    }

    /** A {@code te} waiting for its {@code tu}, with the time it was received. */
    private record PendingFill(BitfinexOwnTrade trade, long received) {
    }

    @Override
    public void onNotification(BitfinexNotification n, BitfinexTrailer trailer) {
        if (!n.isFailure()) {
            return; // successes are followed by the order, wallet or position stream itself
        }
        if (n.type().equals("on-req") && n.order() != null) {
            BitfinexAccountEvents.rejectedOrder(json, n, received);
            return;
        }
        error("bitfinex " + n.type() + " " + n.status() + (n.code() == null ? "" : " (code " + n.code() + ")")
                + (n.text().isEmpty() ? "" : ": " + n.text()));
    }

    // --- helpers ----------------------------------------------------------------------------

    /** The view of a channel whose data becomes events, or null for skipped channels. */
    private View live(BitfinexChannel channel) {
        View v = views.get(channel.chanId());
        return v == null || v.skipped ? null : v;
    }

    private void touch(View v, BitfinexTrailer trailer) {
        if (trailer.hasTimestamp()) {
            v.lastTime = trailer.timestamp();
        }
        if (received >= 0) {
            v.lastReceived = received;
        }
    }

    private static long time(BitfinexTrailer trailer) {
        return trailer.hasTimestamp() ? trailer.timestamp() : -1;
    }

    private void levels(BitfinexBookState book, Side side, int max) {
        json.beginArray(side == Side.BUY ? "bids" : "asks");
        int n = Math.min(max, book.levels(side));
        for (int i = 0; i < n; i++) {
            String price = plain(book.price(side, i), book.priceScale());
            String quantity = plain(Math.abs(book.amount(side, i)), book.amountScale());
            if (book.isRaw()) {
                json.tuple(price, quantity, Long.toString(book.orderId(side, i)));
            } else {
                json.tuple(price, quantity);
            }
        }
        json.endArray();
    }

    private void status(String state, String reason) {
        json.begin("status", EXCHANGE).string("state", state).string("reason", reason).time("received", received).end();
    }

    private void error(String message) {
        json.begin("error", EXCHANGE).string("message", message).string("input", FrameRunner.cut(frame))
                .time("received", received).end();
    }

    private static String plain(long units, int scale) {
        return EventJsonWriter.plain(ScaledDecimal.fromUnits(units, scale));
    }

    private static BigDecimal abs(BigDecimal value) {
        return value == null ? null : value.abs();
    }

    /** What one channel's events need. */
    private static final class View {

        final BitfinexChannel channel;
        final String symbol;
        final boolean skipped;
        final Map<Long, Boolean> seenTrades = new LinkedHashMap<>(64, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                return size() > SEEN_TRADES;
            }
        };
        BitfinexBookState book;
        boolean bookValid;
        long sequence;
        long lastTime = -1;
        long lastReceived = -1;
        BitfinexCandle latestCandle;

        View(BitfinexChannel channel) {
            this.channel = channel;
            this.skipped = channel.isFunding() || channel.symbol() == null
                    || channel.type() == BitfinexChannelType.STATUS || channel.type() == BitfinexChannelType.UNKNOWN;
            this.symbol = skipped ? null : channel.symbol().unified();
        }
    }
}
