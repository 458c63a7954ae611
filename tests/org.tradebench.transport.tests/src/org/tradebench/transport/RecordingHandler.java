package org.tradebench.transport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link WebSocketHandler} that records every callback for assertions: messages as text (the
 * bytes are only valid during {@code onFrame}, so they are copied), their raw bytes and their
 * receive stamps.
 */
class RecordingHandler implements WebSocketHandler {

    final AtomicInteger opens = new AtomicInteger();
    final BlockingQueue<Long> openTimes = new LinkedBlockingQueue<>();
    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> bytes = new LinkedBlockingQueue<>();
    final BlockingQueue<long[]> stamps = new LinkedBlockingQueue<>();
    final BlockingQueue<WebSocketDisconnect> disconnects = new LinkedBlockingQueue<>();
    final List<Long> disconnectTimes = new CopyOnWriteArrayList<>();
    final BlockingQueue<Duration> stale = new LinkedBlockingQueue<>();
    final BlockingQueue<Duration> latencies = new LinkedBlockingQueue<>();

    @Override
    public void onOpen(ReconnectingWebSocket socket) {
        opens.incrementAndGet();
        openTimes.add(System.nanoTime());
    }

    @Override
    public void onFrame(ReconnectingWebSocket socket, byte[] buffer, int offset, int length, long receivedNanos) {
        byte[] copy = Arrays.copyOfRange(buffer, offset, offset + length);
        bytes.add(copy);
        stamps.add(new long[] {receivedNanos, System.nanoTime()});
        texts.add(new String(copy, StandardCharsets.UTF_8));
    }

    @Override
    public void onDisconnect(ReconnectingWebSocket socket, WebSocketDisconnect disconnect) {
        disconnectTimes.add(System.nanoTime());
        disconnects.add(disconnect);
    }

    @Override
    public void onStale(ReconnectingWebSocket socket, Duration silence) {
        stale.add(silence);
    }

    @Override
    public void onLatency(ReconnectingWebSocket socket, Duration roundTrip) {
        latencies.add(roundTrip);
    }

    static <T> T next(BlockingQueue<T> queue, String what) throws InterruptedException {
        T t = queue.poll(5, TimeUnit.SECONDS);
        if (t == null) {
            throw new AssertionError("timed out waiting for " + what);
        }
        return t;
    }
}
