package org.tradebench.connector.support.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.ConnectionControl;
import org.tradebench.api.ConnectionControl.TransportMode;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.connector.support.Await;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.LogCapture;
import org.tradebench.connector.support.health.HealthModel;

/**
 * REST in place of a socket that is down: polling starts once the socket has been down for the
 * delay (not if it came back before), polls every registered stream each round on the control
 * thread, stops when the socket is back, and keeps the session's health truthful meanwhile.
 */
class RestFallbackTest {

    private static final Duration AFTER = Duration.ofMillis(20);
    private static final Duration INTERVAL = Duration.ofMillis(10);

    private final ConnectorRuntime runtime = ConnectorRuntime.start("rftest");
    private final HealthModel health = new HealthModel(runtime);
    private final HealthModel.Session md = health.session(SessionHealth.MARKET_DATA);
    private final RestFallback fallback = new RestFallback(runtime, "bitfinex public 0", AFTER, INTERVAL, md);
    private final AtomicInteger book = new AtomicInteger();
    private final AtomicInteger ticker = new AtomicInteger();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final RestFallback.Poll bookPoll = () -> poll(book);
    private final RestFallback.Poll tickerPoll = () -> poll(ticker);
    private final LogCapture log = LogCapture.of(RestFallback.class);

    private void poll(AtomicInteger counter) {
        if (!runtime.isControlThread() || !Thread.holdsLock(runtime.lock())) {
            problems.add("polled on " + Thread.currentThread().getName() + " without the control thread's lock");
        }
        counter.incrementAndGet();
    }

    @AfterEach
    void close() {
        runtime.close();
        log.close();
        assertEquals(List.of(), problems);
    }

    private SessionHealth session() {
        return runtime.call(md::health);
    }

    /** Waits until the control thread ran whatever was due within three intervals from now. */
    private void waitThreeIntervals() {
        CountDownLatch later = new CountDownLatch(1);
        runtime.schedule(INTERVAL.multipliedBy(3).plus(AFTER), later::countDown);
        Await.latch(later, "three intervals");
    }

    @Test
    void restModePollsAtOnceAndStaysWhenTheSocketComesBackAutoThenLeaves() {
        runtime.call(() -> {
            fallback.add(bookPoll);
            md.started();
            md.opened();
            fallback.mode(TransportMode.REST);
            assertTrue(fallback.active(), "REST chosen: polling at once, no delay");
            return null;
        });
        assertTrue(book.get() >= 1, "polled at once");
        SessionHealth h = session();
        assertEquals(ConnectionState.LIVE, h.state(), "the socket is still open until the connector closes it");
        runtime.call(() -> {
            md.lost("paused: REST chosen by the user");
            fallback.down();
            return null;
        });
        h = session();
        assertEquals(ConnectionState.REST_FALLBACK, h.state());
        assertEquals("REST chosen by the user; data polled over REST", h.cause());
        runtime.call(() -> {
            fallback.up(); // a socket reporting back does not end a chosen REST mode
            assertTrue(fallback.active());
            fallback.down();
            fallback.mode(TransportMode.AUTO); // the socket is still down: keep polling until it is up
            assertTrue(fallback.active());
            md.opened();
            fallback.up();
            assertFalse(fallback.active());
            return null;
        });
        assertEquals(ConnectionState.LIVE, session().state());
    }

    @Test
    void websocketModeAndDisconnectedNeverPoll() {
        runtime.call(() -> {
            fallback.add(bookPoll);
            md.started();
            md.opened();
            fallback.mode(TransportMode.WEBSOCKET);
            md.lost("connection reset");
            fallback.down();
            return null;
        });
        waitThreeIntervals();
        assertEquals(0, book.get(), "WebSocket only: never polled");
        assertEquals(ConnectionState.RECONNECTING, session().state());
        runtime.call(() -> {
            fallback.mode(TransportMode.AUTO); // down for a while already: polling after the delay
            return null;
        });
        waitThreeIntervals();
        assertTrue(runtime.call(fallback::active), "AUTO polls while the socket is down");
        runtime.call(() -> {
            fallback.mode(null);
            md.disconnected(ConnectionControl.DISCONNECTED_CAUSE);
            assertFalse(fallback.active(), "disconnected: polling stops");
            return null;
        });
        int polled = book.get();
        waitThreeIntervals();
        assertEquals(polled, book.get(), "no poll while disconnected");
        SessionHealth h = session();
        assertEquals(ConnectionState.DISCONNECTED, h.state());
        assertEquals(ConnectionControl.DISCONNECTED_CAUSE, h.cause());
    }

    @Test
    void pollsEveryStreamEachRoundAfterTheDelayUntilTheSocketIsBack() {
        runtime.call(() -> {
            fallback.add(bookPoll);
            fallback.add(tickerPoll);
            md.started();
            md.opened();
            md.lost("connection reset");
            fallback.down();
            fallback.down(); // a second loss report changes nothing
            assertFalse(fallback.active(), "not before the delay");
            return null;
        });
        Await.until(() -> book.get() >= 3 && ticker.get() >= 3, () -> "three polling rounds: " + book + "/" + ticker);
        assertTrue(runtime.call(fallback::active));
        SessionHealth h = session();
        assertEquals(ConnectionState.REST_FALLBACK, h.state());
        assertEquals("stream down (connection reset); data polled over REST", h.cause());

        int[] atUp = runtime.call(() -> {
            fallback.up();
            md.opened();
            return new int[] {book.get(), ticker.get()};
        });
        assertFalse(runtime.call(fallback::active));
        waitThreeIntervals();
        assertEquals(atUp[0], book.get(), "no poll once the socket is back");
        assertEquals(atUp[1], ticker.get());
        assertEquals(ConnectionState.LIVE, session().state());
        assertEquals(List.of("INFO bitfinex public 0: socket down for 20 ms; polling REST",
                "INFO bitfinex public 0: socket back; leaving REST fallback"), log.lines());
    }

    @Test
    void aSocketBackBeforeTheDelayNeverStartsPolling() {
        runtime.call(() -> {
            fallback.add(bookPoll);
            md.started();
            md.opened();
            md.lost("connection reset");
            fallback.down();
            fallback.up();
            md.opened();
            return null;
        });
        waitThreeIntervals();
        assertEquals(0, book.get());
        assertFalse(runtime.call(fallback::active));

        // and a later loss starts its own delay
        runtime.call(() -> {
            md.lost("connection reset");
            fallback.down();
            return null;
        });
        Await.until(() -> book.get() >= 1, () -> "polling after the second loss");
    }

    @Test
    void aStreamAddedDuringTheFallbackIsPolledAtOnceAndARemovedOneNoMore() {
        runtime.call(() -> {
            fallback.add(bookPoll);
            md.started();
            md.lost("connection refused");
            fallback.down();
            return null;
        });
        Await.until(() -> runtime.call(fallback::active), () -> "the fallback");
        int tickersAtAdd = runtime.call(() -> {
            fallback.add(tickerPoll);
            int now = ticker.get();
            fallback.remove(bookPoll);
            return now;
        });
        assertEquals(1, tickersAtAdd, "polled while being added");
        int booksAtRemove = book.get();
        waitThreeIntervals();
        assertEquals(booksAtRemove, book.get());
        assertTrue(ticker.get() > 1);
    }

    @Test
    void restProblemsShowInTheHealthUntilRestAnswersAgain() {
        runtime.call(() -> {
            fallback.add(bookPoll);
            md.started();
            md.opened();
            md.lost("connection reset");
            fallback.problem("HTTP 500"); // not polling yet: nothing to say about REST
            fallback.down();
            return null;
        });
        assertEquals(ConnectionState.RECONNECTING, session().state());
        assertEquals("connection reset", session().cause());
        Await.until(() -> runtime.call(fallback::active), () -> "the fallback");
        runtime.call(() -> {
            fallback.problem("HTTP 429 Too Many Requests");
            return null;
        });
        assertEquals(ConnectionState.RECONNECTING, session().state());
        assertEquals("connection reset; REST: HTTP 429 Too Many Requests", session().cause());
        runtime.call(() -> {
            fallback.answered();
            return null;
        });
        assertEquals(ConnectionState.REST_FALLBACK, session().state());
    }

    @Test
    void anInlineRuntimeNeverFallsBack() {
        try (ConnectorRuntime inline = ConnectorRuntime.inline("replay")) {
            HealthModel.Session s = new HealthModel(inline).session(SessionHealth.MARKET_DATA);
            RestFallback f = new RestFallback(inline, "replay", Duration.ZERO, INTERVAL, s);
            f.add(bookPoll);
            f.down();
            assertFalse(f.active());
            assertEquals(0, book.get());
        }
    }
}
