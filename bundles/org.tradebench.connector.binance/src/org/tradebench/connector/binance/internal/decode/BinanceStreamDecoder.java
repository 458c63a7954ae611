package org.tradebench.connector.binance.internal.decode;

import java.util.Objects;

import org.tradebench.api.spi.DecodedEvents;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.api.spi.StreamDecoder;
import org.tradebench.connector.binance.internal.BinanceConfig;
import org.tradebench.connector.binance.internal.BinanceMarket;
import org.tradebench.connector.binance.internal.market.BinanceMarketData;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.health.HealthModel;

/**
 * Recorded Binance frames to API values through the live pipeline: the same
 * {@link BinanceMarketData} (frame routing, topics, adapters, the toolkit's book synchroniser and
 * streams) without sockets, on an inline runtime, with every stream the frames carry subscribed
 * passively.
 *
 * <p>Books need their REST snapshots: the live connector hands each one it feeds to the frame tap
 * as session {@code depth <SYMBOL>}, so a recording replays the same book. On standard input (no
 * sessions) a line that is a depth answer ({@code {"lastUpdateId":...}}) goes to the one book that
 * waits for a snapshot.
 */
public final class BinanceStreamDecoder implements StreamDecoder {

    private static final String SNAPSHOT_SESSION = "depth ";

    private final ConnectorRuntime runtime;
    private final BinanceMarketData marketData;
    private final DecodedEvents events;

    /**
     * Creates a decoder.
     *
     * @param market spot or USD-M
     * @param events where values go
     */
    public BinanceStreamDecoder(BinanceMarket market, DecodedEvents events) {
        this.events = Objects.requireNonNull(events, "events");
        this.runtime = ConnectorRuntime.inline(market.id() + "-decode");
        HealthModel health = new HealthModel(runtime);
        this.marketData = new BinanceMarketData(BinanceConfig.defaults(market), null, runtime, health, null, null,
                FrameTap.NONE);
        synchronized (runtime.lock()) {
            marketData.passive(events);
        }
    }

    @Override
    public void decode(String session, byte[] frame, int offset, int length, long receivedMillis) {
        Objects.requireNonNull(frame, "frame");
        long received = receivedMillis >= 0 ? receivedMillis : 0;
        synchronized (runtime.lock()) {
            if (session != null && session.startsWith(SNAPSHOT_SESSION)) {
                marketData.passiveSnapshot(session.substring(SNAPSHOT_SESSION.length()), frame, offset, length, received);
            } else if (isSnapshot(frame, offset, length)) {
                marketData.passiveSnapshot(null, frame, offset, length, received);
            } else {
                marketData.passiveFrame(session, frame, offset, length, received);
            }
        }
    }

    private static boolean isSnapshot(byte[] b, int off, int len) {
        byte[] key = "\"lastUpdateId\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int n = Math.min(off + len, off + 64);
        outer: for (int i = off; i + key.length <= n; i++) {
            for (int j = 0; j < key.length; j++) {
                if (b[i + j] != key[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public void flush() {
        // nothing waits for a later frame
    }

    @Override
    public void finish() {
        synchronized (runtime.lock()) {
            marketData.finalBooks(events);
        }
    }
}
