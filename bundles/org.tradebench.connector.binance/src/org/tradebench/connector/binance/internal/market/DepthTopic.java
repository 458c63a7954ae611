package org.tradebench.connector.binance.internal.market;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookReset;
import org.tradebench.api.market.Side;
import org.tradebench.connector.binance.internal.BinanceMarket;
import org.tradebench.connector.support.book.BinanceFuturesBookSync;
import org.tradebench.connector.support.book.BinanceSpotBookSync;
import org.tradebench.connector.support.book.UpdateIdBookSync;
import org.tradebench.connector.support.json.FrameFormatException;
import org.tradebench.connector.support.json.JsonScanner;
import org.tradebench.connector.support.stream.BookStream;
import org.tradebench.core.book.OrderBook;
import org.tradebench.transport.HttpResult;

/**
 * One instrument's order book: {@code <s>@depth@100ms} diffs kept in sync with REST snapshots by the
 * toolkit's {@link BinanceSpotBookSync} or {@link BinanceFuturesBookSync}. Diffs are read in place
 * (levels straight from the frame's bytes into the synchroniser, nothing allocated per diff); the
 * synchroniser asks for a snapshot ({@code /api/v3/depth} or {@code /fapi/v1/depth}) when it needs
 * one, and a gap resets the book with {@link BookReset#SEQUENCE_GAP} and re-snapshots. A dropped
 * socket resets it with {@link BookReset#RECONNECT}.
 *
 * <p>Every snapshot the synchroniser is fed is also handed to the frame tap as session
 * {@code depth <SYMBOL>}, at the moment it is fed, so a recording replays the same book.
 */
final class DepthTopic extends Topic {

    /** Prices and sizes are kept at 8 decimals, Binance's widest. */
    static final int SCALE = 8;
    /** The session name prefix of tapped snapshots. */
    static final String SNAPSHOT_SESSION = "depth ";

    private final BookStream stream;
    private final UpdateIdBookSync sync;
    private final JsonScanner scanner = new JsonScanner();
    private final BinanceMarket market;
    private long snapshotFailures;

    DepthTopic(String key, BinanceMarketData md, InstrumentId instrument, String raw) {
        super(key, md, instrument, raw, raw.toLowerCase(java.util.Locale.ROOT) + "@depth@100ms");
        this.market = md.config().market();
        this.stream = new BookStream(md.runtime(), key, this, instrument, new OrderBook(SCALE, SCALE, 1024));
        this.sync = market == BinanceMarket.SPOT ? new BinanceSpotBookSync(stream, this::requestSnapshot)
                : new BinanceFuturesBookSync(stream, this::requestSnapshot);
    }

    @Override
    BookStream stream() {
        return stream;
    }

    /** The synchroniser (tests read its counters). */
    UpdateIdBookSync sync() {
        return sync;
    }

    // ---------------------------------------------------------------- diffs, in place

    /**
     * {@code {"e":"depthUpdate","E":..,"T":..,"s":"BTCUSDT","U":157,"u":160,"pu":149,"b":[["0.0024","10"]],"a":[...]}}:
     * one pass for the ids (the arrays are remembered), then the levels in order.
     */
    @Override
    void onData(int index, byte[] b, int start, int end, long receivedMillis, long receivedNanos) {
        long first = -1;
        long last = -1;
        long previous = UpdateIdBookSync.NO_UPDATE_ID;
        long time = receivedMillis;
        long tradeTime = -1;
        int bids = -1;
        int asks = -1;
        int n = end;
        int p = start + 1;
        boolean firstField = true;
        while (true) {
            p = JsonScanner.skipWhitespace(b, n, p);
            if (p < n && b[p] == '}') {
                break;
            }
            if (!firstField) {
                p = JsonScanner.skipWhitespace(b, n, JsonScanner.expect(b, n, p, ',', "between depth fields"));
            }
            firstField = false;
            int ke = JsonScanner.stringEnd(b, n, p);
            int v = JsonScanner.skipWhitespace(b, n,
                    JsonScanner.expect(b, n, JsonScanner.skipWhitespace(b, n, ke + 1), ':', "after a depth field"));
            int klen = ke - p - 1;
            byte k0 = b[p + 1];
            if (klen == 1 && k0 == 'U') {
                first = scanner.readInteger(b, n, v, "the first update id U");
                p = scanner.end();
            } else if (klen == 1 && k0 == 'u') {
                last = scanner.readInteger(b, n, v, "the final update id u");
                p = scanner.end();
            } else if (klen == 2 && k0 == 'p' && b[p + 2] == 'u') {
                previous = scanner.readInteger(b, n, v, "the previous final update id pu");
                p = scanner.end();
            } else if (klen == 1 && k0 == 'E') {
                time = scanner.readInteger(b, n, v, "the event time E");
                p = scanner.end();
            } else if (klen == 1 && k0 == 'T') {
                tradeTime = scanner.readInteger(b, n, v, "the transaction time T");
                p = scanner.end();
            } else if (klen == 1 && k0 == 'b') {
                bids = v;
                p = JsonScanner.skipValue(b, n, v);
            } else if (klen == 1 && k0 == 'a') {
                asks = v;
                p = JsonScanner.skipValue(b, n, v);
            } else {
                p = JsonScanner.skipValue(b, n, v);
            }
        }
        if (first < 0 || last < 0 || bids < 0 || asks < 0) {
            throw new FrameFormatException("a depth update needs U, u, b and a");
        }
        if (market == BinanceMarket.USDM && previous < 0) {
            throw new FrameFormatException("a USD-M depth update needs pu");
        }
        // Validate the levels before the synchroniser sees the diff: a bad frame changes nothing.
        levels(b, n, bids, null);
        levels(b, n, asks, null);
        sync.beginDiff(first, last, previous, tradeTime > 0 ? tradeTime : time, receivedMillis, receivedNanos);
        levels(b, n, bids, Side.BUY);
        levels(b, n, asks, Side.SELL);
        sync.endDiff();
    }

    /** Walks {@code [["price","qty"],...]}; with a side, hands each level to the synchroniser. */
    private int levels(byte[] b, int n, int p, Side side) {
        p = JsonScanner.expect(b, n, JsonScanner.skipWhitespace(b, n, p), '[', "at a level list");
        int count = 0;
        while (true) {
            p = JsonScanner.skipWhitespace(b, n, p);
            if (p < n && b[p] == ']') {
                return count;
            }
            if (count > 0) {
                p = JsonScanner.skipWhitespace(b, n, JsonScanner.expect(b, n, p, ',', "between levels"));
            }
            p = JsonScanner.skipWhitespace(b, n, JsonScanner.expect(b, n, p, '[', "at a level"));
            long price = number(b, n, p, "a level's price");
            p = JsonScanner.skipWhitespace(b, n, JsonScanner.expect(b, n, JsonScanner.skipWhitespace(b, n, scanner.end() + quoted(b, p)), ',', "after a level's price"));
            long size = number(b, n, p, "a level's quantity");
            p = JsonScanner.skipWhitespace(b, n, scanner.end() + quoted(b, p));
            p = JsonScanner.expect(b, n, p, ']', "at the end of a level");
            if (price <= 0 || size < 0) {
                throw new FrameFormatException("a level with price " + price + " and size " + size + " (units of 1e-8)");
            }
            if (side != null) {
                sync.level(side, price, size);
            }
            count++;
        }
    }

    private static int quoted(byte[] b, int p) {
        return b[p] == '"' ? 1 : 0;
    }

    /** A decimal string {@code "0.0024"} (or a bare number) at {@code p}, in units of 1e-8. */
    private long number(byte[] b, int n, int p, String what) {
        return scanner.readUnits(b, n, b[p] == '"' ? p + 1 : p, SCALE, what);
    }

    // ---------------------------------------------------------------- snapshots

    private void requestSnapshot() {
        if (md.isPassive()) {
            return; // a recording holds the snapshots the live connector was fed
        }
        String path = "depth?symbol=" + raw + "&limit=" + md.config().depthLimit();
        md.rest(path).thenAccept(r -> md.runtime().execute(() -> {
            if (stream.isEnded() || !acquired) {
                sync.snapshotFailed();
                return;
            }
            if (r instanceof HttpResult.Success ok && ok.status() / 100 == 2) {
                byte[] body = ok.body().getBytes(StandardCharsets.UTF_8);
                md.tap().onFrame(SNAPSHOT_SESSION + raw, body, 0, body.length, System.currentTimeMillis());
                try {
                    snapshot(body, 0, body.length, System.currentTimeMillis(), System.nanoTime());
                    snapshotFailures = 0;
                } catch (IllegalArgumentException e) {
                    md.badFrame(sockets[0].session, e, body, 0, body.length);
                    retryLater();
                }
            } else {
                String why = r instanceof HttpResult.Failure f ? f.describe() : "HTTP " + ((HttpResult.Success) r).status();
                System.getLogger(DepthTopic.class.getName()).log(Level.WARNING, md.config().market().displayName()
                        + " depth snapshot of " + raw + " failed: " + why);
                retryLater();
            }
        }));
    }

    private void retryLater() {
        sync.snapshotFailed();
        long delay = Math.min(30_000, 250L << Math.min(7, snapshotFailures++));
        md.runtime().schedule(java.time.Duration.ofMillis(delay), () -> {
            if (acquired && !sync.isValid() && !sync.isSnapshotRequested() && !stream.isEnded()) {
                requestSnapshot();
            }
        });
    }

    /**
     * A REST depth answer {@code {"lastUpdateId":1027024,"E":..,"T":..,"bids":[["4.0","431.0"]],"asks":[...]}}
     * fed to the synchroniser (runtime lock held).
     */
    void snapshot(byte[] b, int off, int len, long receivedMillis, long receivedNanos) {
        int n = off + len;
        int p = JsonScanner.expect(b, n, JsonScanner.skipWhitespace(b, n, off), '{', "at the start of a depth snapshot");
        long id = -1;
        long time = receivedMillis;
        int bids = -1;
        int asks = -1;
        boolean firstField = true;
        while (true) {
            p = JsonScanner.skipWhitespace(b, n, p);
            if (p < n && b[p] == '}') {
                break;
            }
            if (!firstField) {
                p = JsonScanner.skipWhitespace(b, n, JsonScanner.expect(b, n, p, ',', "between snapshot fields"));
            }
            firstField = false;
            int ke = JsonScanner.stringEnd(b, n, p);
            int v = JsonScanner.skipWhitespace(b, n,
                    JsonScanner.expect(b, n, JsonScanner.skipWhitespace(b, n, ke + 1), ':', "after a snapshot field"));
            if (BinanceJson.key(b, p, ke, "lastUpdateId")) {
                id = scanner.readInteger(b, n, v, "lastUpdateId");
            } else if (BinanceJson.key(b, p, ke, "T") || BinanceJson.key(b, p, ke, "E")) {
                time = scanner.readInteger(b, n, v, "the snapshot time");
            } else if (BinanceJson.key(b, p, ke, "bids")) {
                bids = v;
            } else if (BinanceJson.key(b, p, ke, "asks")) {
                asks = v;
            }
            p = JsonScanner.skipValue(b, n, v);
        }
        if (id < 0 || bids < 0 || asks < 0) {
            throw new FrameFormatException("a depth snapshot needs lastUpdateId, bids and asks");
        }
        levels(b, n, bids, null);
        levels(b, n, asks, null);
        sync.beginSnapshot(id, time, receivedMillis, receivedNanos);
        levels(b, n, bids, Side.BUY);
        levels(b, n, asks, Side.SELL);
        sync.endSnapshot();
    }

    /** Whether the synchroniser waits for a snapshot (a decoder feeds it one from the recording). */
    boolean awaitsSnapshot() {
        return sync.isSnapshotRequested();
    }

    // ---------------------------------------------------------------- REST fallback

    /** Levels per side of a fallback poll: light enough to poll every few seconds within Binance's weights. */
    static final int POLL_LIMIT = 100;

    @Override
    boolean pollable() {
        return true;
    }

    /**
     * While the socket is down the book follows REST: the first answer becomes the book (a
     * snapshot for the subscribers), each later one is turned into the diff from the book to it,
     * numbered to continue the book, so subscribers see deltas and the synchroniser's rule holds.
     */
    @Override
    public void poll() {
        md.rest("depth?symbol=" + raw + "&limit=" + Math.min(POLL_LIMIT, md.config().depthLimit()))
                .thenAccept(r -> md.runtime().execute(() -> {
                    StreamSocket s = sockets[0];
                    if (!acquired || stream.isEnded() || s.isOpen()) {
                        return;
                    }
                    if (r instanceof HttpResult.Success ok && ok.status() == 200) {
                        byte[] body = ok.body().getBytes(StandardCharsets.UTF_8);
                        try {
                            if (stream.state() != DataState.REST_FALLBACK) {
                                stream.state(DataState.REST_FALLBACK, "WebSocket down; book polled over REST");
                            }
                            if (sync.isValid()) {
                                polledDiff(body, System.currentTimeMillis(), System.nanoTime());
                            } else {
                                snapshot(body, 0, body.length, System.currentTimeMillis(), System.nanoTime());
                            }
                            s.fallback.answered();
                        } catch (IllegalArgumentException e) {
                            s.fallback.problem("depth answer unreadable: " + e.getMessage());
                        }
                    } else {
                        s.fallback.problem(TickerTopic.describe(r));
                    }
                }));
    }

    private void polledDiff(byte[] b, long receivedMillis, long receivedNanos) {
        com.google.gson.JsonObject o = JsonTopic.parse(new String(b, StandardCharsets.UTF_8)).getAsJsonObject();
        long id = o.get("lastUpdateId").getAsLong();
        long local = sync.localUpdateId();
        if (id <= local) {
            return; // nothing newer
        }
        java.util.Map<Long, Long> bids = levelsOf(o.getAsJsonArray("bids"));
        java.util.Map<Long, Long> asks = levelsOf(o.getAsJsonArray("asks"));
        OrderBook book = stream.book();
        sync.beginDiff(local + 1, id, market == BinanceMarket.USDM ? local : UpdateIdBookSync.NO_UPDATE_ID,
                receivedMillis, receivedMillis, receivedNanos);
        diffSide(book, Side.BUY, bids);
        diffSide(book, Side.SELL, asks);
        sync.endDiff();
    }

    private void diffSide(OrderBook book, Side side, java.util.Map<Long, Long> next) {
        for (int i = 0, n = book.levels(side); i < n; i++) {
            long price = book.price(side, i);
            if (!next.containsKey(price)) {
                sync.level(side, price, 0);
            }
        }
        for (java.util.Map.Entry<Long, Long> e : next.entrySet()) {
            sync.level(side, e.getKey(), e.getValue());
        }
    }

    private static java.util.Map<Long, Long> levelsOf(com.google.gson.JsonArray rows) {
        java.util.Map<Long, Long> m = new java.util.LinkedHashMap<>();
        for (com.google.gson.JsonElement e : rows) {
            com.google.gson.JsonArray row = e.getAsJsonArray();
            m.put(org.tradebench.core.book.ScaledDecimal.toUnits(row.get(0).getAsBigDecimal(), SCALE),
                    org.tradebench.core.book.ScaledDecimal.toUnits(row.get(1).getAsBigDecimal(), SCALE));
        }
        return m;
    }

    /** The socket is back: a book served from REST starts over from the stream. */
    @Override
    void up(StreamSocket socket) {
        if (stream.state() == DataState.REST_FALLBACK) {
            sync.restart(BookReset.RECONNECT);
            stream.state(DataState.RESYNCING, BookReset.RECONNECT);
        }
    }

    @Override
    void down(StreamSocket socket, String reason) {
        sync.restart(BookReset.RECONNECT);
        if (stream.state() == DataState.LIVE) {
            stream.state(DataState.RESYNCING, BookReset.RECONNECT);
        }
    }

    /** Starts over after the exchange's stream was replaced (a resubscription). */
    void restart(String reason) {
        sync.restart(reason);
    }

    @Override
    void failed(String cause) {
        sync.restart("failed");
        super.failed(cause);
    }
}
