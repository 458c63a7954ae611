package org.tradebench.connector.bitfinex.tests.e2e;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;

import org.tradebench.api.credentials.ApiCredentials;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.connector.bitfinex.internal.BitfinexConfig;
import org.tradebench.connector.bitfinex.internal.BitfinexConnector;
import org.tradebench.connector.bitfinex.internal.market.BitfinexMarketData;
import org.tradebench.connector.bitfinex.internal.market.MarketDiagnostics;
import org.tradebench.connector.conformance.Await;
import org.tradebench.connector.conformance.BookModel;
import org.tradebench.connector.conformance.ReferenceBook;
import org.tradebench.connector.simulated.SimulatedExchangeConfig;
import org.tradebench.venues.bitfinex.BitfinexSimulator;
import org.tradebench.venues.bitfinex.BitfinexSimulatorConfig;

/**
 * A Bitfinex simulator on loopback with a manual clock that a pump thread keeps in step with real
 * time (so the market can be frozen while a test compares books), and connectors pointed at it
 * with short heartbeat, back-off and fallback timings.
 *
 * <pre>{@code
 * try (SimHarness h = SimHarness.start()) {
 *     BitfinexConnector c = h.connect();              // market data only
 *     ...
 *     h.assertConverges(c, SimHarness.bookKey("tBTCUSD", "P0", 25), model);
 * }
 * }</pre>
 */
final class SimHarness implements AutoCloseable {

    static final String KEY = "tbKEY-7c41e9a2d05f6b83";
    static final String SECRET = "tbSECRET-3f9d82c6a1e04b57-do-not-log";

    final BitfinexSimulator sim;
    private final Thread pump;
    private final List<BitfinexConnector> connectors = new CopyOnWriteArrayList<>();
    private final Map<BitfinexConnector, List<ConnectionHealth>> health = new HashMap<>();
    private volatile boolean running = true;
    private volatile boolean paused;
    private final Object pumpLock = new Object();

    private SimHarness(BitfinexSimulator sim) {
        this.sim = sim;
        this.pump = new Thread(this::pumpLoop, "bitfinex-sim-clock");
        pump.setDaemon(true);
        pump.start();
    }

    static SimHarness start() {
        return start(1, 40);
    }

    /**
     * @param platformStatus the platform status at start
     * @param eventsPerSecond the venue's order flow
     */
    static SimHarness start(int platformStatus, double eventsPerSecond) {
        BitfinexSimulator sim = BitfinexSimulator.start(BitfinexSimulatorConfig.defaults()
                .withManualClock(Instant.now().truncatedTo(ChronoUnit.MILLIS)).withCredentials(KEY, SECRET)
                .withHeartbeat(Duration.ofMillis(400)).withTickerInterval(Duration.ofMillis(100))
                .withMarket(SimulatedExchangeConfig.DEFAULTS.withEventsPerSecond(eventsPerSecond)));
        if (platformStatus != 1) {
            sim.setPlatformStatus(platformStatus);
        }
        return new SimHarness(sim);
    }

    /** The connector's settings for this simulator, short timings included (what a tool passes). */
    Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        s.put("ws.url", sim.webSocketUri().toString());
        s.put("ws.auth.url", sim.webSocketUri().toString());
        s.put("rest.url", sim.restUri().resolve("v2/").toString());
        s.put("rest.auth.url", sim.restUri().resolve("v2/").toString());
        s.put("heartbeat.ms", "400");
        s.put("stale.margin.ms", "600");
        s.put("ping.ms", "200");
        s.put("reconnect.ms", "100");
        s.put("reconnect.max.ms", "600");
        s.put("silence.reconnect.ms", "8000");
        s.put("rest.fallback.ms", "300");
        s.put("rest.poll.ms", "200");
        s.put("rest.blocked.ms", "1200");
        return s;
    }

    /** The configuration of {@link #settings()}. */
    BitfinexConfig config() {
        return BitfinexConfig.fromSettings(settings());
    }

    /** A market-data connector. */
    BitfinexConnector connect() {
        return connect(config(), null, FrameTap.NONE);
    }

    /**
     * A connector with the simulator's key (trading), with or without the dead-man switch. Its
     * channels go stale after 5 s instead of 1 s: trading tests freeze the market (and with it the
     * simulator's heartbeats) for a second or two, which must not look like a silent connection.
     */
    BitfinexConnector connectWithKeys(boolean deadManSwitch) {
        Map<String, String> s = settings();
        s.put("stale.margin.ms", "4600");
        return connect(BitfinexConfig.fromSettings(s).withDeadManSwitch(deadManSwitch), keys(), FrameTap.NONE);
    }

    static ApiCredentials keys() {
        return new ApiCredentials("bitfinex", "main", KEY, SECRET.toCharArray(), null);
    }

    BitfinexConnector connect(BitfinexConfig config, ApiCredentials keys, FrameTap tap) {
        BitfinexConnector c = BitfinexConnector.start(config, keys, tap);
        List<ConnectionHealth> seen = new CopyOnWriteArrayList<>();
        synchronized (health) {
            health.put(c, seen);
        }
        c.subscribeHealth(seen::add);
        connectors.add(c);
        return c;
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

    static MarketDiagnostics diagnostics(BitfinexConnector c) {
        return c.bitfinexMarketData().diagnostics();
    }

    static String bookKey(String raw, String precision, int length) {
        return MarketDiagnostics.bookKey(raw, precision, length);
    }

    /** The simulator's book of a connector's book channel, as it last sent it. */
    Optional<ReferenceBook> reference(BitfinexConnector c, String topicKey) {
        OptionalInt chan = diagnostics(c).channelId(topicKey);
        if (chan.isEmpty()) {
            return Optional.empty();
        }
        try {
            BitfinexSimulator.BookState s = sim.bookState(chan.getAsInt());
            boolean raw = s.prec().equals("R0");
            return Optional.of(new ReferenceBook(levels(s.bids(), raw), levels(s.asks(), raw), raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the channel was replaced meanwhile
        }
    }

    private static List<ReferenceBook.Level> levels(List<BitfinexSimulator.BookRow> rows, boolean raw) {
        List<ReferenceBook.Level> out = new ArrayList<>();
        for (BitfinexSimulator.BookRow r : rows) {
            out.add(new ReferenceBook.Level(r.price(), r.amount().abs(), raw ? Long.parseLong(r.key()) : 0));
        }
        return out;
    }

    /** Freezes the market and waits until the listener-built book equals the simulator's and the checksums agree. */
    void assertConverges(BitfinexConnector c, String topicKey, BookModel model, int depth) {
        pause();
        try {
            String[] last = {""};
            Await.until(Duration.ofSeconds(10), () -> {
                Optional<ReferenceBook> ref = reference(c, topicKey);
                last[0] = ref.isEmpty() ? "not subscribed" : model.differenceFrom(ref.get(), depth);
                return last[0] == null;
            }, () -> topicKey + " equal to the simulator's book: " + last[0] + "; " + model);
        } finally {
            resume();
        }
    }

    void assertConverges(BitfinexConnector c, String topicKey, BookModel model) {
        assertConverges(c, topicKey, model, 25);
    }

    List<ConnectionHealth> health(BitfinexConnector c) {
        synchronized (health) {
            return health.get(c);
        }
    }

    void awaitState(BitfinexConnector c, ConnectionState state) {
        Await.until(() -> health(c).stream().anyMatch(h -> h.state() == state),
                () -> "connection state " + state + "; seen " + states(c));
    }

    void awaitCurrent(BitfinexConnector c, ConnectionState state) {
        Await.until(() -> c.health().state() == state,
                () -> "connection state now " + state + "; it is " + c.health() + ", seen " + states(c));
    }

    List<ConnectionState> states(BitfinexConnector c) {
        List<ConnectionState> out = new ArrayList<>();
        for (ConnectionHealth h : health(c)) {
            if (out.isEmpty() || out.get(out.size() - 1) != h.state()) {
                out.add(h.state());
            }
        }
        return out;
    }

    int chanId(BitfinexConnector c, String topicKey) {
        Await.until(() -> diagnostics(c).channelId(topicKey).isPresent(), () -> topicKey + " subscribed");
        return diagnostics(c).channelId(topicKey).getAsInt();
    }

    static BigDecimal bd(String text) {
        return new BigDecimal(text);
    }

    @Override
    public void close() {
        running = false;
        try {
            for (BitfinexConnector c : connectors) {
                c.close();
            }
        } finally {
            synchronized (pumpLock) {
                sim.close();
            }
            pump.interrupt();
        }
    }

    static BitfinexMarketData md(BitfinexConnector c) {
        return c.bitfinexMarketData();
    }
}
