package org.tradebench.examples.skeleton.internal;

import java.util.Objects;

import org.tradebench.api.spi.DecodedEvents;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.api.spi.StreamDecoder;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.health.HealthModel;
import org.tradebench.connector.support.stream.InstrumentDirectory;

/**
 * Recorded frames through the live pipeline: the same {@link SkeletonMarketData} (reader, topics,
 * checksummed books, streams, adapters) without a socket, on an inline runtime, so every event
 * reaches the {@link DecodedEvents} during {@link #decode}. Every stream the frames carry is
 * decoded; a frame that cannot be decoded throws an {@link IllegalArgumentException} and the
 * decoder goes on with the next.
 */
public final class SkeletonStreamDecoder implements StreamDecoder {

    private final ConnectorRuntime runtime = ConnectorRuntime.inline(SkeletonConnector.ID + "-decode");
    private final DecodedEvents events;
    private final SkeletonMarketData marketData;

    /**
     * Creates a decoder.
     *
     * @param events where the values go
     */
    public SkeletonStreamDecoder(DecodedEvents events) {
        this.events = Objects.requireNonNull(events, "events");
        HealthModel health = new HealthModel(runtime);
        this.marketData = new SkeletonMarketData(SkeletonConfig.defaults(), null, runtime, health,
                new InstrumentDirectory(runtime, SkeletonConnector.ID), FrameTap.NONE);
        synchronized (runtime.lock()) {
            marketData.passive(events);
        }
    }

    @Override
    public void decode(String session, byte[] frame, int offset, int length, long receivedMillis) {
        Objects.requireNonNull(frame, "frame");
        synchronized (runtime.lock()) {
            marketData.decode(frame, offset, length, receivedMillis >= 0 ? receivedMillis : 0, System.nanoTime());
        }
    }

    @Override
    public void flush() {
        // nothing is held back: every message stands alone
    }

    @Override
    public void finish() {
        synchronized (runtime.lock()) {
            marketData.finalBooks(events);
        }
    }
}
