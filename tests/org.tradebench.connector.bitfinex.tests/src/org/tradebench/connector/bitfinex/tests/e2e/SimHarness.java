package org.tradebench.connector.bitfinex.tests.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;

import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.connector.bitfinex.BitfinexConfig;
import org.tradebench.connector.bitfinex.BitfinexCredentialsSource;
import org.tradebench.connector.bitfinex.internal.BitfinexConnector;
import org.tradebench.connector.bitfinex.internal.market.BitfinexMarketData;
import org.tradebench.connector.simulated.SimulatedExchangeConfig;
import org.tradebench.venues.bitfinex.BitfinexSimulator;
import org.tradebench.venues.bitfinex.BitfinexSimulatorConfig;

/**
 * A Bitfinex simulator on loopback with a manual clock that a pump thread keeps in step with real
 * time (so the market can be frozen while a test compares books), and a connector pointed at it
 * with short heartbeat, back-off and fallback timings.
 */
final class SimHarness implements AutoCloseable {

    static final String KEY = "test-key";
    static final String SECRET = "test-secret-do-not-log";

    final BitfinexSimulator sim;
    final BitfinexConnector connector;
    final BitfinexMarketData md;
    final List<ConnectionHealth> health = new CopyOnWriteArrayList<>();
    private final Thread pump;
    private volatile boolean running = true;
    private volatile boolean paused;
    private final Object pumpLock = new Object();

    private SimHarness(BitfinexSimulator sim, BitfinexConfig config) {
        this.sim = sim;
        this.pump = new Thread(this::pumpLoop, "bitfinex-sim-clock");
        pump.setDaemon(true);
        pump.start();
        this.connector = BitfinexConnector.start(config);
        this.md = connector.bitfinexMarketData();
        connector.subscribeHealth(health::add);
    }

    static SimHarness start() {
        return start(false, false, 1, 40);
    }

    /**
     * @param credentials whether the connector gets keys
     * @param deadManSwitch whether it asks for dms:4
     * @param platformStatus the platform status at start
     * @param eventsPerSecond the venue's order flow
     */
    static SimHarness start(boolean credentials, boolean deadManSwitch, int platformStatus, double eventsPerSecond) {
        BitfinexSimulator sim = BitfinexSimulator.start(BitfinexSimulatorConfig.defaults()
                .withManualClock(Instant.now().truncatedTo(ChronoUnit.MILLIS)).withCredentials(KEY, SECRET)
                .withHeartbeat(Duration.ofMillis(400)).withTickerInterval(Duration.ofMillis(100))
                .withMarket(SimulatedExchangeConfig.DEFAULTS.withEventsPerSecond(eventsPerSecond)));
        if (platformStatus != 1) {
            sim.setPlatformStatus(platformStatus);
        }
        BitfinexConfig config = BitfinexConfig.defaults()
                .withEndpoints(sim.webSocketUri(), sim.webSocketUri(), sim.restUri().resolve("v2/"),
                        sim.restUri().resolve("v2/"))
                .withHeartbeat(Duration.ofMillis(400), Duration.ofMillis(600))
                .withTimings(Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofMillis(600), Duration.ofSeconds(8))
                .withRestFallback(Duration.ofMillis(300), Duration.ofMillis(200), Duration.ofMillis(1200))
                .withDeadManSwitch(deadManSwitch);
        if (credentials) {
            config = config.withCredentials(BitfinexCredentialsSource.of(KEY, SECRET.toCharArray()));
        }
        return new SimHarness(sim, config);
    }

    private void pumpLoop() {
        long last = System.nanoTime();
        while (running) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (pumpLock) {
                long now = System.nanoTime();
                if (!paused && running) {
                    try {
                        sim.advance(Duration.ofNanos(now - last));
                    } catch (RuntimeException e) {
                        if (running) {
                            throw e;
                        }
                        return;
                    }
                }
                last = now;
            }
        }
    }

    /** Freezes venue time: no market events, no heartbeats. */
    void pause() {
        synchronized (pumpLock) {
            paused = true;
        }
    }

    void resume() {
        synchronized (pumpLock) {
            paused = false;
        }
    }

    /** Waits until the connector's listener-built book equals the simulator's book of the channel. */
    void assertConverges(String topicKey, BookModel model) {
        pause();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            String last = "";
            while (System.nanoTime() < deadline) {
                OptionalInt chan = md.channelId(topicKey);
                if (chan.isPresent()) {
                    try {
                        BitfinexSimulator.BookState s = sim.bookState(chan.getAsInt());
                        String diff = model.differenceFrom(s);
                        Integer mine = md.withBook(topicKey, b -> b == null ? null : b.checksum());
                        if (diff == null && mine != null && mine == s.checksum()) {
                            return;
                        }
                        last = diff != null ? diff : "checksum " + mine + " vs " + s.checksum();
                    } catch (IllegalArgumentException e) {
                        last = e.getMessage(); // channel replaced meanwhile
                    }
                } else {
                    last = "not subscribed";
                }
                sleep(20);
            }
            fail(topicKey + " did not converge to the simulator's book: " + last + "; events " + model.kinds().subList(
                    Math.max(0, model.kinds().size() - 8), model.kinds().size()));
        } finally {
            resume();
        }
    }

    void awaitState(ConnectionState state) {
        Await.until(Duration.ofSeconds(10), () -> health.stream().anyMatch(h -> h.state() == state),
                () -> "connection state " + state + "; seen " + states());
    }

    void awaitCurrent(ConnectionState state) {
        Await.until(Duration.ofSeconds(10), () -> connector.health().state() == state,
                () -> "connection state now " + state + "; it is " + connector.health() + ", seen " + states());
    }

    List<ConnectionState> states() {
        List<ConnectionState> out = new ArrayList<>();
        for (ConnectionHealth h : health) {
            if (out.isEmpty() || out.get(out.size() - 1) != h.state()) {
                out.add(h.state());
            }
        }
        return out;
    }

    int chanId(String topicKey) {
        Await.until(() -> md.channelId(topicKey).isPresent(), () -> topicKey + " subscribed");
        return md.channelId(topicKey).getAsInt();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            connector.close();
        } finally {
            synchronized (pumpLock) {
                sim.close();
            }
            pump.interrupt();
        }
    }
}
