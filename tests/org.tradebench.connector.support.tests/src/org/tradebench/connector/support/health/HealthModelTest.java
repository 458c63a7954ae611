package org.tradebench.connector.support.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataSource;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.Mailbox;

/**
 * Session facts become health: each fact's state, cause and data source; the connection takes its
 * first session's state and sums the counters; a view shows its own sessions; the delivery thread's
 * queue lag and slow listeners show; listeners hear a change of state or cause at once, counters
 * on the tick, and nothing when nothing changed. An inline runtime makes delivery synchronous.
 */
class HealthModelTest {

    private final ConnectorRuntime runtime = ConnectorRuntime.inline("bitfinex");
    private final HealthModel model = new HealthModel(runtime);

    private static String show(SessionHealth h) {
        return h.state().wireName() + " | " + h.cause() + " | " + h.source().wireName();
    }

    @Test
    void sessionFactsBecomeStateCauseAndSource() {
        HealthModel.Session md = model.session(SessionHealth.MARKET_DATA);
        List<String> seen = new ArrayList<>();
        Runnable look = () -> seen.add(show(md.health()));

        look.run();
        md.started();
        look.run();
        md.lost("connection refused");
        look.run();
        md.opened();
        look.run();
        md.stale("no heartbeat on tBTCUSD for 15 s");
        look.run();
        md.stale(null);
        look.run();
        md.lost("connection reset");
        look.run();
        md.fallback(true, null);
        look.run();
        md.fallback(true, "HTTP 429 Too Many Requests");
        look.run();
        md.fallback(false, null);
        md.opened();
        look.run();
        md.maintenance("Bitfinex: maintenance until 12:00 UTC (20060)");
        look.run();
        md.maintenance(null);
        look.run();
        md.failed("Bitfinex: invalid API key (10100)");
        look.run();
        md.failed(null);
        look.run();
        md.stopped();
        look.run();

        assertEquals(List.of(
                "disconnected | not started | none",
                "connecting |  | none",
                "reconnecting | connection refused | none",
                "live |  | websocket",
                "stale | no heartbeat on tBTCUSD for 15 s | websocket",
                "live |  | websocket",
                "reconnecting | connection reset | none",
                "rest-fallback | stream down (connection reset); data polled over REST | rest",
                "reconnecting | connection reset; REST: HTTP 429 Too Many Requests | none",
                "live |  | websocket",
                "maintenance | Bitfinex: maintenance until 12:00 UTC (20060) | websocket",
                "live |  | websocket",
                "failed | Bitfinex: invalid API key (10100) | none",
                "live |  | websocket",
                "disconnected | stopped | none"), seen);
        assertEquals(1, md.health().reconnects(), "the first failed attempt is no reconnect; coming back is");
    }

    @Test
    void maintenanceWhileDownSaysWhetherRestStillAnswers() {
        HealthModel.Session md = model.session(SessionHealth.MARKET_DATA);
        md.started();
        md.opened();
        md.maintenance("maintenance");
        assertTrue(md.inMaintenance());
        md.lost("closed by the exchange for maintenance");
        assertEquals("maintenance | maintenance | none", show(md.health()));
        md.fallback(true, null);
        assertEquals("maintenance | maintenance | rest", show(md.health()));
        md.maintenance(null);
        assertFalse(md.inMaintenance());
    }

    @Test
    void sessionCountsLatencyErrorsMessagesAndKeepsItsSourceAndSince() {
        HealthModel.Session md = model.session(SessionHealth.MARKET_DATA).source(DataSource.SIMULATED);
        assertSame(md, model.session(SessionHealth.MARKET_DATA), "one session per name");
        assertEquals(SessionHealth.MARKET_DATA, md.name());
        md.started();
        md.opened();
        assertTrue(md.isOpen());
        md.latency(Duration.ofMillis(21));
        md.error();
        md.error();
        for (int i = 0; i < 10; i++) {
            md.message();
        }
        SessionHealth h = md.health();
        assertEquals("live |  | simulated", show(h));
        assertEquals(Duration.ofMillis(21), h.latency());
        assertEquals(2, h.errors());
        assertEquals(2, md.errors());
        // 10 messages in a 5 s window (4.75 s to 5 s of it covered)
        assertTrue(h.messagesPerSecond() >= 1.99 && h.messagesPerSecond() <= 2.11, "rate " + h.messagesPerSecond());
        Instant since = h.since();
        md.error();
        assertEquals(since, md.health().since(), "counters do not move the state's start");
        md.lost("connection reset");
        assertFalse(md.isOpen());
        assertFalse(md.health().since().isBefore(since));
    }

    @Test
    void connectionTakesTheFirstSessionsStateAndSumsTheCounters() {
        HealthModel.Session md = model.session(SessionHealth.MARKET_DATA);
        HealthModel.Session trading = model.session(SessionHealth.TRADING);
        md.started();
        md.opened();
        md.latency(Duration.ofMillis(30));
        md.lost("connection reset");
        md.opened();
        md.error();
        trading.started();
        trading.opened();
        trading.latency(Duration.ofMillis(99));
        trading.lost("auth expired");
        trading.opened();
        trading.lost("connection reset");
        trading.error();
        trading.error();
        model.update();

        ConnectionHealth h = model.current();
        assertEquals(ConnectionState.LIVE, h.state(), "market data leads");
        assertEquals("", h.cause());
        assertEquals(Duration.ofMillis(30), h.latency());
        assertEquals(2, h.reconnects());
        assertEquals(3, h.errors());
        assertEquals(List.of(SessionHealth.MARKET_DATA, SessionHealth.TRADING), List.copyOf(h.sessions().keySet()));
        assertEquals(ConnectionState.RECONNECTING, h.session(SessionHealth.TRADING).orElseThrow().state());
        assertEquals("connection reset", h.session(SessionHealth.TRADING).orElseThrow().cause());
        assertEquals(Duration.ZERO, h.queueLag());
        assertEquals(0, h.slowListeners());
    }

    @Test
    void beforeAnySessionTheConnectionIsConnectingAndAfterCloseDisconnected() {
        model.update();
        assertEquals(ConnectionState.CONNECTING, model.current().state());
        assertEquals("starting", model.current().cause());
        HealthModel.Session md = model.session(SessionHealth.MARKET_DATA);
        md.started();
        md.opened();
        model.update();
        assertEquals(ConnectionState.LIVE, model.current().state());
        model.closed();
        assertEquals(ConnectionState.DISCONNECTED, model.current().state());
        assertEquals("closed", model.current().cause());
        assertEquals("disconnected | closed | none", show(model.current().sessions().get(SessionHealth.MARKET_DATA)));
    }

    @Test
    void accountViewShowsItsOwnSessionsLedByTheFirstItNames() {
        HealthModel.Session md = model.session(SessionHealth.MARKET_DATA);
        md.started();
        md.opened();
        HealthModel.View account;
        synchronized (runtime.lock()) {
            account = model.view(SessionHealth.TRADING, SessionHealth.ACCOUNT);
        }
        assertEquals(ConnectionState.CONNECTING, account.current().state(), "none of its sessions exists yet");
        assertEquals("starting", account.current().cause());

        HealthModel.Session acc = model.session(SessionHealth.ACCOUNT);
        acc.started();
        acc.opened();
        HealthModel.Session trading = model.session(SessionHealth.TRADING);
        trading.started();
        trading.failed("Bitfinex: invalid API key (10100)");
        model.update();

        ConnectionHealth h = account.current();
        assertEquals(ConnectionState.FAILED, h.state(), "trading leads the account's view");
        assertEquals("Bitfinex: invalid API key (10100)", h.cause());
        assertEquals(List.of(SessionHealth.ACCOUNT, SessionHealth.TRADING), List.copyOf(h.sessions().keySet()),
                "in the model's session order");
        assertEquals(ConnectionState.LIVE, model.current().state(), "the connector's health is market data's");
        assertEquals(3, model.current().sessions().size());
    }

    @Test
    void listenersHearStateChangesAtOnceCountersOnTheTickAndNothingWhenNothingChanged() {
        HealthModel.Session md = model.session(SessionHealth.MARKET_DATA);
        md.started();
        model.update();
        List<ConnectionHealth> heard = new ArrayList<>();
        Subscription s = model.subscribe(heard::add);
        assertEquals(1, heard.size(), "the current value first");
        assertEquals(ConnectionState.CONNECTING, heard.get(0).state());

        model.update();
        model.tick();
        assertEquals(1, heard.size(), "nothing changed");

        md.opened();
        model.update();
        assertEquals(2, heard.size());
        assertEquals(ConnectionState.LIVE, heard.get(1).state());

        md.error();
        model.update();
        assertEquals(2, heard.size(), "counters wait for the tick");
        assertEquals(1, model.current().errors(), "but the current value has them");
        model.tick();
        assertEquals(3, heard.size());
        assertEquals(1, heard.get(2).errors());
        assertEquals(heard.get(1).since(), heard.get(2).since(), "the state did not change");
        model.tick();
        assertEquals(3, heard.size());

        md.stale("no heartbeat for 15 s");
        model.update();
        assertEquals(4, heard.size());
        assertEquals("no heartbeat for 15 s", heard.get(3).cause());
        assertFalse(heard.get(3).since().isBefore(heard.get(2).since()));

        s.close();
        md.stale(null);
        model.update();
        assertEquals(4, heard.size(), "closed");
    }

    @Test
    void subscribingBeforeTheFirstUpdateGetsTheStartingValueFirst() {
        List<ConnectionHealth> heard = new ArrayList<>();
        model.subscribe(heard::add);
        assertEquals(1, heard.size(), "the current value first, whenever one subscribes");
        assertEquals(ConnectionState.CONNECTING, heard.get(0).state());
        assertEquals("starting", heard.get(0).cause());
        model.update();
        assertEquals(1, heard.size(), "still connecting, still starting: nothing new to say");

        HealthModel.View view;
        synchronized (runtime.lock()) {
            view = model.view(SessionHealth.TRADING);
        }
        List<ConnectionHealth> viewHeard = new ArrayList<>();
        view.subscribe(viewHeard::add);
        assertEquals(1, viewHeard.size());
        assertEquals(ConnectionState.CONNECTING, viewHeard.get(0).state());
    }

    @Test
    void queueLagAndSlowListenersComeFromTheDeliveryThread() {
        long since = System.nanoTime() - 3_000_000_000L; // a message waiting for 3 s
        Mailbox behind = new Mailbox() {
            @Override
            protected void drain() {
                timed(System.nanoTime() - 7_000_000); // a 7 ms listener
            }

            @Override
            protected long oldestUndeliveredNanos() {
                return since;
            }

            @Override
            protected String describe() {
                return "book BTC/USD";
            }
        };
        runtime.delivery().register(behind);
        runtime.delivery().signal(behind);
        model.session(SessionHealth.MARKET_DATA).started();
        model.update();
        ConnectionHealth h = model.current();
        assertEquals(1, h.slowListeners());
        assertTrue(h.queueLag().compareTo(Duration.ofSeconds(3)) >= 0, "lag " + h.queueLag());
        assertTrue(runtime.delivery().lastSlowCallback().startsWith("book BTC/USD listener took "),
                runtime.delivery().lastSlowCallback());
        assertNull(h.latency());
    }
}
