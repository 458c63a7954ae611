package org.tradebench.transport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link WebSocketHandler} that records every callback for assertions. */
class RecordingHandler implements WebSocketHandler {

    final AtomicInteger opens = new AtomicInteger();
    final BlockingQueue<Long> openTimes = new LinkedBlockingQueue<>();
    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
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
    public void onText(ReconnectingWebSocket socket, String text) {
        texts.add(text);
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
