package org.tradebench.connector.support.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.Subscription;
import org.tradebench.connector.support.Await;
import org.tradebench.connector.support.ConnectorRuntime;

/**
 * Latest-value streams (tickers, mark prices, health): a newcomer gets the latest value at once, a
 * slow listener skips intermediate values but never the latest, values never go backwards.
 */
class ValueStreamTest {

    private final ConnectorRuntime runtime = ConnectorRuntime.start("vstest");
    private final RecordingOwner owner = new RecordingOwner(runtime);
    private final ValueStream<Recorder, String> stream = new ValueStream<>(runtime, "ticker BTC/USD", owner);

    @AfterEach
    void close() {
        runtime.close();
        assertEquals(List.of(), owner.problems());
    }

    private Subscription subscribe(Recorder r) {
        return stream.attach(stream.subscription(r, Recorder.ON_EVENT));
    }

    private void publish(String value) {
        synchronized (runtime.lock()) {
            stream.publish(value, System.nanoTime());
        }
    }

    @Test
    void newcomerGetsTheLatestValueAtOnce() {
        assertNull(stream.latest());
        Recorder early = new Recorder("vstest");
        Subscription se = subscribe(early);
        Await.quiet(runtime);
        assertEquals(List.of(), early.lines(), "no value yet");

        publish("65000.1");
        publish("65000.2");
        Await.quiet(runtime);
        assertEquals("65000.2", stream.latest());

        Recorder late = new Recorder("vstest");
        Subscription sl = subscribe(late);
        Await.quiet(runtime);
        assertEquals(List.of("event 65000.2"), late.lines());

        synchronized (runtime.lock()) {
            stream.clear(); // void after a loss
        }
        assertNull(stream.latest());
        Recorder afterLoss = new Recorder("vstest");
        Subscription sa = subscribe(afterLoss);
        Await.quiet(runtime);
        assertEquals(List.of(), afterLoss.lines(), "nothing stale for a newcomer");
        assertEquals(List.of("first"), owner.calls());
        se.close();
        sl.close();
        sa.close();
    }

    @Test
    void slowListenerSkipsIntermediateValuesButAlwaysGetsTheLatest() {
        Recorder slow = new Recorder("vstest");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        slow.onEvent = v -> {
            if (v.equals("0")) {
                inside.countDown();
                Await.latch(release, "the test");
            }
        };
        Recorder fast = new Recorder("vstest");
        Subscription ss = subscribe(slow);
        Subscription sf = subscribe(fast);
        Await.quiet(runtime);
        publish("0");
        Await.latch(inside, "the first value");
        for (int i = 1; i <= 1_000; i++) {
            publish(Integer.toString(i));
        }
        release.countDown();
        Await.until(() -> slow.lines().contains("event 1000"), () -> "the latest value: " + slow.lines());
        Await.quiet(runtime);

        List<String> got = slow.lines();
        assertEquals(List.of("event 0", "event 1000"), got, "the listener was busy for all of 1..999");
        List<String> fastGot = fast.lines();
        assertEquals("event 1000", fastGot.get(fastGot.size() - 1));
        int previous = -1;
        for (String line : fastGot) {
            int v = Integer.parseInt(line.substring("event ".length()));
            assertTrue(v > previous, "values in order: " + v + " after " + previous);
            previous = v;
        }
        assertEquals(List.of(), slow.problems());
        assertEquals(List.of(), fast.problems());
        assertEquals(2, ss.health().messages());
        ss.close();
        sf.close();
    }

    @Test
    void callbacksStopWhenTheSubscriptionIsClosed() {
        Recorder r = new Recorder("vstest");
        Subscription s = subscribe(r);
        publish("1");
        Await.until(() -> r.size() == 1, () -> "the first value");
        s.close();
        publish("2");
        Await.quiet(runtime);
        assertEquals(new ArrayList<>(List.of("event 1")), r.lines());
        assertEquals(List.of("first", "last"), owner.calls());
    }

    @Test
    void onAnInlineRuntimeListenersAreCalledBeforePublishReturns() {
        ConnectorRuntime inline = ConnectorRuntime.inline("replay");
        RecordingOwner inlineOwner = new RecordingOwner(inline);
        ValueStream<Recorder, String> replayed = new ValueStream<>(inline, "ticker BTC/USD", inlineOwner);
        Recorder r = new Recorder("main"); // the caller's thread delivers
        Subscription s = replayed.attach(replayed.subscription(r, Recorder.ON_EVENT));
        assertEquals(List.of("first"), inlineOwner.calls(), "joined at once");
        replayed.publish("65000.1", System.nanoTime());
        assertEquals(List.of("event 65000.1"), r.lines(), "delivered before publish returned");
        replayed.publish("65000.2", System.nanoTime());
        assertEquals(List.of("event 65000.1", "event 65000.2"), r.lines());
        s.close();
        assertEquals(List.of("first", "last"), inlineOwner.calls());
        assertEquals(List.of(), inlineOwner.problems());
    }
}
