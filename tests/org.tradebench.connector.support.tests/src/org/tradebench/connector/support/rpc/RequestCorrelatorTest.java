package org.tradebench.connector.support.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradebench.connector.support.Await;
import org.tradebench.connector.support.ConnectorRuntime;

/**
 * Replies matched to requests by id: each future completes exactly once, on the delivery thread,
 * with its own reply (whatever order replies come in), with the timeout's value (an answer that
 * says no answer came, not an exception), or with the disconnect's value; a reply after the
 * timeout is ignored.
 */
class RequestCorrelatorTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    private final ConnectorRuntime runtime = ConnectorRuntime.start("rctest");
    private final RequestCorrelator<String> pending = new RequestCorrelator<>(runtime, "bitfinex orders");

    @AfterEach
    void close() {
        runtime.close();
    }

    private CompletableFuture<String> expect(String id, Duration timeout) {
        return runtime.call(() -> pending.expect(id, timeout, () -> id + ": no answer within " + timeout.toMillis()
                + " ms"));
    }

    private boolean reply(String id, String reply) {
        // the reader thread, holding the lock, as a frame arrives
        synchronized (runtime.lock()) {
            return pending.complete(id, reply);
        }
    }

    @Test
    void repliesCompleteTheirOwnRequestsInWhateverOrderTheyCome() throws Exception {
        CompletableFuture<String> a = expect("101", LONG);
        CompletableFuture<String> b = expect("102", LONG);
        CompletableFuture<String> c = expect("103", LONG);
        AtomicReference<String> aThread = new AtomicReference<>();
        a.whenComplete((v, e) -> aThread.set(Thread.currentThread().getName()));
        assertEquals(List.of("101", "102", "103"), runtime.call(pending::pendingIds), "oldest first");

        assertTrue(reply("103", "ack 103"));
        assertTrue(reply("101", "ack 101"));
        assertFalse(reply("999", "ack 999"), "an unknown reply");
        // wait for the dependent first: a thread blocked in get() may run a future's dependents itself
        Await.until(() -> aThread.get() != null, () -> "the completion");
        assertEquals("rctest-delivery", aThread.get(), "completed on the delivery thread, not the reader");
        assertEquals("ack 103", c.get(10, TimeUnit.SECONDS));
        assertEquals("ack 101", a.get(10, TimeUnit.SECONDS));
        assertFalse(b.isDone());
        assertTrue(runtime.call(() -> pending.isPending("102")));
        assertEquals(1, (int) runtime.call(pending::size));

        assertFalse(reply("101", "ack 101 again"), "a second reply is a late one");
        assertEquals("ack 101", a.join());
        reply("102", "ack 102");
        assertEquals("ack 102", b.get(10, TimeUnit.SECONDS));
        assertEquals(0, (int) runtime.call(pending::size));
    }

    @Test
    void timeoutCompletesWithItsValueOnTheDeliveryThreadAndALateReplyIsIgnored() throws Exception {
        // the delivery thread waits until the test listens to the future, however fast the timeout
        CountDownLatch listening = new CountDownLatch(1);
        runtime.delivery().execute(() -> Await.latch(listening, "the test to listen"));
        CompletableFuture<String> f = expect("7", Duration.ofMillis(20));
        AtomicReference<String> completedOn = new AtomicReference<>();
        f.whenComplete((v, e) -> completedOn.set(Thread.currentThread().getName()));
        listening.countDown();
        Await.until(() -> completedOn.get() != null, () -> "the completion");
        assertEquals("rctest-delivery", completedOn.get());
        assertEquals("7: no answer within 20 ms", f.get(10, TimeUnit.SECONDS));
        assertFalse(f.isCompletedExceptionally(), "a timeout is an answer, not an exception");
        assertFalse(runtime.call(() -> pending.isPending("7")));
        assertFalse(reply("7", "ack 7"), "too late");
        assertEquals("7: no answer within 20 ms", f.join());

        // the id is free again
        CompletableFuture<String> again = expect("7", LONG);
        assertTrue(reply("7", "ack 7"));
        assertEquals("ack 7", again.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aReplyInTimeCancelsTheTimeout() throws Exception {
        AtomicInteger timeouts = new AtomicInteger();
        CompletableFuture<String> f = runtime.call(() -> pending.expect("8", Duration.ofMillis(30), () -> {
            timeouts.incrementAndGet();
            return "timeout";
        }));
        assertTrue(reply("8", "ack 8"));
        assertEquals("ack 8", f.get(10, TimeUnit.SECONDS));
        CountDownLatch later = new CountDownLatch(1);
        runtime.schedule(Duration.ofMillis(60), later::countDown);
        Await.latch(later, "past the timeout");
        assertEquals(0, timeouts.get());
    }

    @Test
    void aSecondRequestWithAWaitingIdIsRefusedWithTheId() {
        expect("42", LONG);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> expect("42", LONG));
        assertEquals("bitfinex orders: a request 42 is already waiting for its reply", e.getMessage());
    }

    @Test
    void completeAllGivesEveryWaitingRequestItsDisconnectValue() throws Exception {
        CompletableFuture<String> a = expect("1", LONG);
        CompletableFuture<String> b = expect("2", Duration.ofMillis(50));
        AtomicReference<String> aThread = new AtomicReference<>();
        a.whenComplete((v, e) -> aThread.set(Thread.currentThread().getName()));
        int count = runtime.call(() -> pending.completeAll(id -> "order " + id + " unknown after disconnect"));
        assertEquals(2, count);
        Await.until(() -> aThread.get() != null, () -> "the completion");
        assertEquals("rctest-delivery", aThread.get());
        assertEquals("order 1 unknown after disconnect", a.get(10, TimeUnit.SECONDS));
        assertEquals("order 2 unknown after disconnect", b.get(10, TimeUnit.SECONDS));
        assertEquals(0, (int) runtime.call(pending::size));
        assertEquals(0, (int) runtime.call(() -> pending.completeAll(id -> "none")));
        assertFalse(reply("1", "ack 1"), "after the disconnect a reply is late");
    }
}
