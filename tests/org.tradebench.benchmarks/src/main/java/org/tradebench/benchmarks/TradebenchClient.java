package org.tradebench.benchmarks;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.tradebench.api.Subscription;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.OrderBookView;
import org.tradebench.api.market.Side;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.connector.bitfinex.internal.BitfinexConfig;
import org.tradebench.connector.bitfinex.internal.BitfinexConnector;
import org.tradebench.connector.bitfinex.internal.market.MarketDiagnostics;
import org.tradebench.transport.ReconnectingWebSocket;

/**
 * The product: the Bitfinex connector ({@link BitfinexConnector}, its transport, decoder, checksum
 * synchroniser and delivery thread) subscribed to the book with a listener that does next to
 * nothing: per update it notes the frame behind it, the call time and the transport's receive time
 * ({@link BookUpdate#receivedNanoTime()}) in preallocated arrays, and at the last frame it copies
 * the book for the final comparison. Nothing allocates per update.
 *
 * <p>The connector publishes a book change only once the {@code cs} checksum after it matched, so
 * its listener hears one update per committed batch (about one in seven frames); the exchange
 * timestamp of an update says which frame committed it ({@link BitfinexBookRecording#frameOf(long)}).
 * A listener that falls behind gets the changes merged (conflated); the count of updates says
 * whether that happened. Progress is the reader's count of frames taken from the socket.
 *
 * <pre>{@code
 * try (TradebenchClient c = new TradebenchClient(recording)) {
 *     c.start(server);
 *     c.awaitEnd(Duration.ofMinutes(1));
 *     c.verification().ok();
 * }
 * }</pre>
 */
public final class TradebenchClient extends BookClient implements ConnectorClient {

    /** The instrument of the recording. */
    public static final InstrumentId INSTRUMENT = new InstrumentId(BitfinexConnector.ID, "BTC/USD");

    private final BitfinexBookRecording bitfinex;
    private final Listener listener;
    private BitfinexConnector connector;
    private Subscription subscription;
    private volatile ReconnectingWebSocket socket;

    /**
     * @param recording what the server streams
     */
    public TradebenchClient(BitfinexBookRecording recording) {
        super(recording);
        this.bitfinex = recording;
        this.listener = new Listener(recording.frameCount() - 1, recording.commits() + 16);
    }

    @Override
    public String name() {
        return "tradebench";
    }

    @Override
    public String description() {
        return "BitfinexConnector → no-op BookListener (checksums verified, delivery thread)";
    }

    @Override
    public String[] threadPrefixes() {
        return new String[] {BitfinexConnector.ID + "-"};
    }

    @Override
    public void start(BlastServer server) {
        String ws = server.webSocketUri().toString();
        String rest = server.restUri().toString();
        BitfinexConfig config = BitfinexConfig.fromSettings(Map.of("ws.url", ws, "ws.auth.url", ws, "rest.url", rest,
                "rest.auth.url", rest));
        connector = BitfinexConnector.start(config, null, FrameTap.NONE);
        subscription = connector.marketData().subscribeBook(new BookRequest(INSTRUMENT, BitfinexBookRecording.DEPTH),
                listener);
    }

    /**
     * Frames the connector's reader has taken from the socket (the events before the data not
     * counted): the reader leads, the listener follows (and may skip commits when it lags).
     */
    @Override
    public long progress() {
        ReconnectingWebSocket ws = socket;
        if (ws == null) {
            ws = primarySocket();
            if (ws == null) {
                return 0;
            }
            socket = ws;
        }
        return Math.max(0, ws.framesReceived() - 3); // info, conf, subscribed
    }

    private ReconnectingWebSocket primarySocket() {
        try {
            MarketDiagnostics d = connector.bitfinexMarketData().diagnostics();
            return d.socketCount() == 0 ? null : d.primarySocket().webSocket();
        } catch (RuntimeException e) {
            return null; // not connected yet
        }
    }

    @Override
    public LatencySamples samples() {
        return listener.samples;
    }

    @Override
    public long updates() {
        return listener.updates;
    }

    /** The connector (diagnostics). */
    public BitfinexConnector connector() {
        return connector;
    }

    @Override
    public Verification verification() {
        String key = MarketDiagnostics.bookKey(BitfinexBookRecording.SYMBOL, "P0", BitfinexBookRecording.DEPTH);
        MarketDiagnostics md = connector.bitfinexMarketData().diagnostics();
        long verified = md.checksumsVerified(key);
        long mismatches = md.checksumMismatches(key);
        long badFrames = md.primarySocket().badFrames();
        BitfinexBookRecording recording = bitfinex;
        String difference = listener.difference(recording);
        String detail = difference != null ? difference
                : badFrames > 0 ? badFrames + " frames could not be decoded"
                        : String.format("%,d updates heard for %,d commits", listener.updates, recording.commits());
        return new Verification(verified, recording.composition().checksums(), mismatches, listener.resets,
                difference == null && badFrames == 0, detail);
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
        if (connector != null) {
            connector.close();
        }
    }

    /** The no-op listener: a few stores per update, a copy of the book at the end. */
    private final class Listener implements BookListener {
        private final int lastFrameIndex;
        private final LatencySamples samples;
        private final long[][] prices = new long[2][BitfinexBookRecording.DEPTH + 8];
        private final long[][] sizes = new long[2][BitfinexBookRecording.DEPTH + 8];
        private final int[][] counts = new int[2][BitfinexBookRecording.DEPTH + 8];
        private final int[] levels = new int[2];
        private int priceScale;
        private int sizeScale;
        long updates;
        long resets;

        Listener(int lastFrameIndex, int capacity) {
            this.lastFrameIndex = lastFrameIndex;
            this.samples = new LatencySamples(capacity);
        }

        @Override
        public void onBook(BookUpdate update) {
            long now = System.nanoTime();
            if (update.kind() == BookUpdate.Kind.RESET) {
                // The server sends one snapshot per subscription: after a reset the book cannot
                // come back, so the run ends here (with the reason) rather than at its timeout.
                resets++;
                failed(new IllegalStateException("the book was reset: " + update.resetReason()));
                return;
            }
            updates++;
            int frame = BitfinexBookRecording.frameOf(update.timeMillis());
            samples.add(frame, now, update.receivedNanoTime());
            if (frame == lastFrameIndex) {
                copy(update.book());
                finished(now);
            }
        }

        private void copy(OrderBookView book) {
            priceScale = book.priceScale();
            sizeScale = book.sizeScale();
            for (Side side : Side.values()) {
                int s = side.ordinal();
                int n = Math.min(book.levels(side), prices[s].length);
                levels[s] = book.levels(side);
                for (int i = 0; i < n; i++) {
                    prices[s][i] = book.price(side, i);
                    sizes[s][i] = book.size(side, i);
                    counts[s][i] = book.orderCount(side, i);
                }
            }
        }

        /** What differs between the copied book and the recording's final book, or null. */
        String difference(BitfinexBookRecording r) {
            String bids = difference(Side.BUY, r.finalBids());
            return bids != null ? bids : difference(Side.SELL, r.finalAsks());
        }

        private String difference(Side side, List<BitfinexBookRecording.Level> expected) {
            int s = side.ordinal();
            if (levels[s] != expected.size()) {
                return side + ": " + levels[s] + " levels, the server has " + expected.size();
            }
            for (int i = 0; i < expected.size(); i++) {
                BitfinexBookRecording.Level l = expected.get(i);
                long price = l.price().movePointRight(priceScale).longValueExact();
                long size = l.amount().abs().movePointRight(sizeScale).setScale(0).longValueExact();
                if (prices[s][i] != price || sizes[s][i] != size || counts[s][i] != l.count()) {
                    return side + " level " + i + ": " + BigDecimal.valueOf(prices[s][i], priceScale).stripTrailingZeros()
                            .toPlainString() + " x " + BigDecimal.valueOf(sizes[s][i], sizeScale).stripTrailingZeros()
                            .toPlainString() + " (" + counts[s][i] + "), the server has " + l.priceText() + " x "
                            + l.amountText() + " (" + l.count() + ")";
                }
            }
            return null;
        }
    }
}
