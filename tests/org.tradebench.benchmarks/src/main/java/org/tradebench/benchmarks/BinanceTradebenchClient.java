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
import org.tradebench.connector.binance.internal.BinanceConfig;
import org.tradebench.connector.binance.internal.BinanceConnector;

/**
 * The product on Binance: the spot connector ({@link BinanceConnector}, its transport, the in-place
 * depth decoder, the update-id synchroniser with its REST snapshot, the delivery thread) subscribed
 * to the {@code BTCUSDT} book with a listener that does next to nothing: per update it notes the
 * frame behind it (from the event time {@code E}), the call time and the transport's receive time
 * in preallocated arrays, and at the last frame it copies the book for the final comparison.
 *
 * <p>The connector publishes every applied diff (there are no checksums), so the listener hears up
 * to one update per frame; one that lags gets the changes merged. Progress is the frame behind the
 * listener's latest update.
 */
public final class BinanceTradebenchClient extends BookClient implements ConnectorClient {

    /** The instrument of the recording. */
    public static final InstrumentId INSTRUMENT = new InstrumentId("binance", "BTC/USDT");

    private static final int MAX_LEVELS = 256;

    private final BinanceDepthRecording binance;
    private final Listener listener;
    private BinanceConnector connector;
    private Subscription subscription;

    /**
     * @param recording what the server streams
     */
    public BinanceTradebenchClient(BinanceDepthRecording recording) {
        super(recording);
        this.binance = recording;
        this.listener = new Listener(recording.frameCount() - 1, recording.commits() + 16);
    }

    @Override
    public String name() {
        return "tradebench";
    }

    @Override
    public String description() {
        return "BinanceConnector (spot) → no-op BookListener (update ids checked, REST snapshot, delivery thread)";
    }

    @Override
    public String[] threadPrefixes() {
        return new String[] {"binance-"};
    }

    /**
     * The connector's settings against the benchmark server.
     *
     * @param server the server
     * @return {@code ws.url}, {@code rest.url}, {@code depth.limit}
     */
    static BinanceConfig config(BlastServer server) {
        return BinanceConfig.fromSettings(Map.of("ws.url", server.binanceStreamUri().toString(), "rest.url",
                server.binanceRestUri().toString(), "depth.limit", Integer.toString(BinanceDepthRecording.DEPTH_LIMIT),
                "stale.ms", "60000"));
    }

    @Override
    public void start(BlastServer server) {
        connector = BinanceConnector.start(config(server), FrameTap.NONE);
        subscription = connector.marketData().subscribeBook(new BookRequest(INSTRUMENT,
                BinanceDepthRecording.DEPTH_LIMIT), listener);
    }

    @Override
    public long progress() {
        return Math.max(0, listener.frame - BinanceDepthRecording.PRELUDE);
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
    public BinanceConnector connector() {
        return connector;
    }

    @Override
    public Verification verification() {
        long at = connector.runtime().call(() -> connector.binanceMarketData().bookUpdateId(INSTRUMENT));
        long expected = binance.frameCount() - BinanceDepthRecording.SNAPSHOT_AFTER - 1;
        boolean last = at == binance.lastUpdateId();
        String difference = listener.difference(binance);
        String detail = difference != null ? difference
                : !last ? "the book stands at update id " + at + ", the server's last is " + binance.lastUpdateId()
                        : String.format("%,d updates heard for %,d diffs applied", listener.updates, expected);
        return new Verification(last ? expected : 0, expected, 0, listener.resets, difference == null && last, detail,
                "diffs in sequence");
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
        private final long[][] prices = new long[2][MAX_LEVELS];
        private final long[][] sizes = new long[2][MAX_LEVELS];
        private final int[] levels = new int[2];
        private int priceScale;
        private int sizeScale;
        volatile int frame;
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
                // one snapshot per subscription is served consistently: a reset means a gap or a
                // refused snapshot, and the run ends here (with the reason)
                resets++;
                failed(new IllegalStateException("the book was reset: " + update.resetReason()));
                return;
            }
            updates++;
            int f = BinanceDepthRecording.frameOf(update.timeMillis());
            if (f < 0 || f > lastFrameIndex) {
                return; // the snapshot's own time
            }
            frame = f;
            samples.add(f, now, update.receivedNanoTime());
            if (f == lastFrameIndex) {
                copy(update.book());
                finished(now);
            }
        }

        private void copy(OrderBookView book) {
            priceScale = book.priceScale();
            sizeScale = book.sizeScale();
            for (Side side : Side.values()) {
                int s = side.ordinal();
                levels[s] = book.levels(side);
                for (int i = 0, n = Math.min(levels[s], MAX_LEVELS); i < n; i++) {
                    prices[s][i] = book.price(side, i);
                    sizes[s][i] = book.size(side, i);
                }
            }
        }

        String difference(BinanceDepthRecording r) {
            String bids = difference(Side.BUY, r.finalBids());
            return bids != null ? bids : difference(Side.SELL, r.finalAsks());
        }

        private String difference(Side side, List<BinanceDepthRecording.Level> expected) {
            int s = side.ordinal();
            if (levels[s] != expected.size()) {
                return side + ": " + levels[s] + " levels, the server has " + expected.size();
            }
            for (int i = 0; i < expected.size(); i++) {
                BinanceDepthRecording.Level l = expected.get(i);
                long price = BigDecimal.valueOf(l.price(), 8).movePointRight(priceScale).longValueExact();
                long size = BigDecimal.valueOf(l.quantity(), 8).movePointRight(sizeScale).longValueExact();
                if (prices[s][i] != price || sizes[s][i] != size) {
                    return side + " level " + i + ": " + BigDecimal.valueOf(prices[s][i], priceScale).toPlainString()
                            + " x " + BigDecimal.valueOf(sizes[s][i], sizeScale).toPlainString() + ", the server has "
                            + l;
                }
            }
            return null;
        }
    }
}
