package org.tradebench.connector.support.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.tradebench.api.health.DataState;
import org.tradebench.connector.support.ConnectorRuntime;

/** Streams by key: the first request creates, later ones share, an ended stream is replaced. */
class StreamRegistryTest {

    private final ConnectorRuntime runtime = ConnectorRuntime.inline("srtest");
    private final RecordingOwner owner = new RecordingOwner(runtime);
    private final StreamRegistry<String> registry = new StreamRegistry<>();
    private final AtomicInteger created = new AtomicInteger();

    private ValueStream<Recorder, String> create(String description) {
        created.incrementAndGet();
        return new ValueStream<>(runtime, description, owner);
    }

    @Test
    void firstRequestCreatesLaterOnesShareAndEndedStreamsAreReplaced() {
        ValueStream<Recorder, String> a = registry.stream("ticker tBTCUSD", () -> create("ticker BTC/USD"));
        ValueStream<Recorder, String> again = registry.stream("ticker tBTCUSD", () -> create("never"));
        ValueStream<Recorder, String> b = registry.stream("ticker tETHUSD", () -> create("ticker ETH/USD"));
        assertSame(a, again);
        assertEquals(2, created.get());
        assertEquals(2, registry.size());
        assertEquals(List.of(a, b), registry.all(), "in creation order");
        assertSame(b, registry.get("ticker tETHUSD"));

        synchronized (runtime.lock()) {
            a.end(DataState.FAILED, "Bitfinex: unknown pair (10001)");
        }
        ValueStream<Recorder, String> fresh = registry.stream("ticker tBTCUSD", () -> create("ticker BTC/USD"));
        assertNotSame(a, fresh, "an ended stream cannot be joined: a new one is made");
        assertSame(fresh, registry.get("ticker tBTCUSD"));

        assertSame(fresh, registry.remove("ticker tBTCUSD"));
        assertNull(registry.get("ticker tBTCUSD"));
        assertNull(registry.remove("ticker tBTCUSD"));
        assertEquals(List.of(b), registry.all());
        assertThrows(NullPointerException.class, () -> registry.stream(null, () -> create("x")));
    }
}
