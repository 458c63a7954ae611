package org.tradebench.examples.skeleton.simulator;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A loopback Skeleton Exchange for tests and for trying the connector without a network: BTC-USD,
 * ETH-USD and SOL-USD, each a seeded random book of 25 levels a side with trades against it, served
 * over {@code ws://127.0.0.1:PORT/ws} in the example's toy protocol.
 *
 * <pre>{@code
 * try (SkeletonSimulator sim = SkeletonSimulator.start(SkeletonSimulator.Config.defaults())) {
 *     URI ws = sim.webSocketUri();           // give it to the connector as ws.url
 *     sim.pause();                           // the market stands still (heartbeats go on)
 *     List<SkeletonSimulator.Level> bids = sim.bids("BTC-USD");
 *     sim.dropConnections();                 // every socket drops without a close frame
 * }
 * }</pre>
 *
 * <p>Thread-safe: every method runs its work on the simulator thread ({@code skeleton-sim}) and
 * returns once it is done.
 */
public final class SkeletonSimulator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SkeletonSimulator.class.getName());

    /**
     * How the simulator runs.
     *
     * @param seed the market's seed (the same seed gives the same market)
     * @param port the port, 0 for any free one
     * @param step how often the market moves (each symbol changes once per step)
     * @param tickerEvery a ticker per symbol every this many steps
     * @param heartbeat how often every connection gets a heartbeat
     */
    public record Config(long seed, int port, Duration step, int tickerEvery, Duration heartbeat) {

        /** Validates. */
        public Config {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(heartbeat, "heartbeat");
            if (tickerEvery < 1) {
                throw new IllegalArgumentException("tickerEvery must be at least 1");
            }
        }

        /**
         * Seed 7, any free port, a step every 20 ms, a ticker every 5 steps, heartbeats every second.
         *
         * @return the configuration
         */
        public static Config defaults() {
            return new Config(7, 0, Duration.ofMillis(20), 5, Duration.ofSeconds(1));
        }

        /**
         * The same on another port.
         *
         * @param newPort the port
         * @return the configuration
         */
        public Config withPort(int newPort) {
            return new Config(seed, newPort, step, tickerEvery, heartbeat);
        }
    }

    /**
     * One price level of the simulator's book.
     *
     * @param price the price
     * @param size the size, above 0
     */
    public record Level(BigDecimal price, BigDecimal size) {
    }

    private final Config config;
    private final ScheduledExecutorService thread;
    private final Server server;
    private final ServerConnector connector;
    private final Map<String, SimMarket> markets = new LinkedHashMap<>();

    // owned by the simulator thread
    private final List<SimConnection> connections = new ArrayList<>();
    private final Set<String> delisted = new HashSet<>();
    private final Set<String> corruptNext = new HashSet<>();
    private boolean paused;
    private boolean maintenance;
    private volatile long silentUntilNanos;
    private long steps;
    private int connectionIds;

    private SkeletonSimulator(Config config) {
        this.config = config;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "skeleton-sim");
            t.setDaemon(true);
            return t;
        });
        long seed = config.seed();
        markets.put("BTC-USD", new SimMarket("BTC-USD", "BTC", "USD", "0.1", "0.0001", "65000", seed));
        markets.put("ETH-USD", new SimMarket("ETH-USD", "ETH", "USD", "0.01", "0.001", "3200", seed + 1));
        markets.put("SOL-USD", new SimMarket("SOL-USD", "SOL", "USD", "0.001", "0.01", "150", seed + 2));

        QueuedThreadPool pool = new QueuedThreadPool(32, 4);
        pool.setName("skeleton-sim-jetty");
        pool.setDaemon(true);
        server = new Server(pool);
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(config.port());
        server.addConnector(connector);
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(64 * 1024);
            container.setIdleTimeout(Duration.ofMinutes(10));
            container.addMapping("/ws", (request, response, callback) -> newConnection());
        });
        ws.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Response.writeError(request, response, callback, 404, "the Skeleton Exchange speaks WebSocket on /ws");
                return true;
            }
        });
        server.setHandler(ws);
        server.setStopTimeout(1000);
    }

    /**
     * Starts a simulator.
     *
     * @param config seed, port and pace
     * @return the running simulator
     * @throws IllegalStateException when the server cannot start (the port is taken)
     */
    public static SkeletonSimulator start(Config config) {
        SkeletonSimulator s = new SkeletonSimulator(Objects.requireNonNull(config, "config"));
        try {
            s.server.start();
        } catch (Exception e) {
            s.close();
            throw new IllegalStateException("cannot start the Skeleton Exchange simulator on 127.0.0.1:" + config.port()
                    + ": " + e, e);
        }
        s.thread.scheduleAtFixedRate(() -> s.run(s::step), config.step().toNanos(), config.step().toNanos(),
                TimeUnit.NANOSECONDS);
        s.thread.scheduleAtFixedRate(() -> s.run(s::heartbeat), config.heartbeat().toNanos(),
                config.heartbeat().toNanos(), TimeUnit.NANOSECONDS);
        return s;
    }

    /** @return {@code ws://127.0.0.1:PORT/ws} */
    public URI webSocketUri() {
        return URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/ws");
    }

    // ---------------------------------------------------------------- what tests look at

    /**
     * The market stands still: no book changes, trades or tickers until {@link #resume()}
     * (heartbeats and answers go on). Once this returns, nothing more of the market is sent.
     */
    public void pause() {
        call(() -> paused = true);
    }

    /** The market moves again. */
    public void resume() {
        call(() -> paused = false);
    }

    /**
     * A book's bids as the simulator holds them (and, with the market paused, as it last sent them).
     *
     * @param symbol for example {@code "BTC-USD"}
     * @return the bids, best first
     */
    public List<Level> bids(String symbol) {
        return call(() -> market(symbol).levels(true));
    }

    /**
     * A book's asks.
     *
     * @param symbol for example {@code "BTC-USD"}
     * @return the asks, best first
     */
    public List<Level> asks(String symbol) {
        return call(() -> market(symbol).levels(false));
    }

    /**
     * How many subscriptions the open connections hold.
     *
     * @return the count over every connection
     */
    public int subscriptions() {
        return call(() -> connections.stream().mapToInt(c -> c.subscriptions.size()).sum());
    }

    /**
     * Whether some open connection subscribes a channel of a symbol.
     *
     * @param channel {@code "book"}, {@code "trades"} or {@code "ticker"}
     * @param symbol the symbol
     * @return true when subscribed
     */
    public boolean subscribed(String channel, String symbol) {
        return call(() -> connections.stream().anyMatch(c -> c.subscriptions.contains(channel + " " + symbol)));
    }

    /** @return how many connections are open */
    public int connections() {
        return call(connections::size);
    }

    // ---------------------------------------------------------------- faults

    /** Every socket drops without a close frame. */
    public void dropConnections() {
        call(() -> {
            for (SimConnection c : List.copyOf(connections)) {
                closed(c);
                if (c.session != null) {
                    c.session.disconnect();
                }
            }
            return null;
        });
    }

    /** Announces a restart, then closes every connection politely (1012, service restart). */
    public void restart() {
        call(() -> {
            for (SimConnection c : List.copyOf(connections)) {
                c.send("restart", "\"message\":\"the server restarts; connect again\"");
                closed(c);
                if (c.session != null) {
                    c.session.close(1012, "service restart", org.eclipse.jetty.websocket.api.Callback.NOOP);
                }
            }
            return null;
        });
    }

    /**
     * The next book update of a symbol carries a wrong checksum (its levels are right).
     *
     * @param symbol the symbol
     */
    public void corruptNextChecksum(String symbol) {
        call(() -> corruptNext.add(market(symbol).symbol));
    }

    /** Every connection's next message skips a sequence number. */
    public void skipSequence() {
        call(() -> {
            connections.forEach(c -> c.skipNext = true);
            return null;
        });
    }

    /**
     * Sends nothing (no data, no heartbeats, no answers) for a while; what it held back goes out
     * afterwards, in order, on the connections still open. Requests are still taken meanwhile.
     *
     * @param duration how long
     */
    public void goSilent(Duration duration) {
        call(() -> silentUntilNanos = System.nanoTime() + duration.toNanos());
        thread.schedule(() -> run(() -> {
            if (!silent()) {
                connections.forEach(SimConnection::release);
            }
        }), duration.toNanos() + 1_000_000, TimeUnit.NANOSECONDS);
    }

    /**
     * Maintenance starts (the market stops for everyone) or ends (it moves again; clients take
     * their books afresh).
     *
     * @param starts true to start, false to end
     */
    public void maintenance(boolean starts) {
        call(() -> {
            maintenance = starts;
            for (SimConnection c : connections) {
                c.send("maintenance", "\"status\":\"" + (starts ? "start" : "end") + "\",\"message\":\""
                        + (starts ? "scheduled maintenance" : "maintenance is over; take your books afresh") + "\"");
            }
            return null;
        });
    }

    /**
     * Sends a frame as it is, with no sequence number, to every connection.
     *
     * @param text the frame, for example {@code "not json"}
     */
    public void sendMalformed(String text) {
        call(() -> {
            connections.forEach(c -> c.write(text));
            return null;
        });
    }

    /**
     * The exchange no longer lists a symbol: new subscriptions of it are refused (404).
     *
     * @param symbol the symbol
     */
    public void delist(String symbol) {
        call(() -> delisted.add(symbol));
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "the simulator's server stopped with " + e);
        }
        thread.shutdownNow();
    }

    // ---------------------------------------------------------------- the simulator thread

    private synchronized SimConnection newConnection() {
        return new SimConnection(this, ++connectionIds);
    }

    boolean silent() {
        return System.nanoTime() < silentUntilNanos;
    }

    void opened(SimConnection c) {
        connections.add(c);
        StringBuilder sb = new StringBuilder("\"instruments\":[");
        boolean first = true;
        for (SimMarket m : markets.values()) {
            if (!delisted.contains(m.symbol)) {
                sb.append(first ? "" : ",").append(m.instrumentJson());
                first = false;
            }
        }
        c.send("welcome", sb.append(']').toString());
    }

    void closed(SimConnection c) {
        c.closed = true;
        connections.remove(c);
    }

    void input(SimConnection c, String text) {
        if (c.closed) {
            return; // while silent, requests are still taken: their answers wait with the rest
        }
        long req = 0;
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException("a request is a JSON object");
            }
            JsonObject o = e.getAsJsonObject();
            req = o.has("req") ? o.get("req").getAsLong() : 0;
            String op = o.has("op") ? o.get("op").getAsString() : "";
            String symbol = o.has("symbol") ? o.get("symbol").getAsString() : "";
            String channel = o.has("channel") ? o.get("channel").getAsString() : "";
            switch (op) {
                case "ping" -> c.send("pong", "\"req\":" + req + ",\"time\":" + System.currentTimeMillis());
                case "subscribe" -> subscribe(c, req, channel, symbol);
                case "unsubscribe" -> {
                    c.subscriptions.remove(channel + " " + symbol);
                    c.send("unsubscribed", "\"req\":" + req + ",\"channel\":\"" + channel + "\",\"symbol\":\"" + symbol
                            + "\"");
                }
                case "snapshot" -> {
                    if (!c.subscriptions.contains("book " + symbol)) {
                        error(c, req, 409, "not subscribed to book " + symbol);
                    } else {
                        snapshot(c, markets.get(symbol));
                    }
                }
                default -> error(c, req, 400, "unknown op '" + op + "'");
            }
        } catch (RuntimeException e) {
            error(c, req, 400, "malformed request: " + e.getMessage());
        }
    }

    private void subscribe(SimConnection c, long req, String channel, String symbol) {
        if (!channel.equals("book") && !channel.equals("trades") && !channel.equals("ticker")) {
            error(c, req, 400, "unknown channel '" + channel + "'");
            return;
        }
        SimMarket m = markets.get(symbol);
        if (m == null || delisted.contains(symbol)) {
            error(c, req, 404, "unknown symbol " + symbol);
            return;
        }
        c.subscriptions.add(channel + " " + symbol);
        c.send("subscribed", "\"req\":" + req + ",\"channel\":\"" + channel + "\",\"symbol\":\"" + symbol + "\"");
        if (channel.equals("book")) {
            snapshot(c, m);
        }
    }

    private static void snapshot(SimConnection c, SimMarket m) {
        c.send("snapshot", "\"symbol\":\"" + m.symbol + "\",\"time\":" + System.currentTimeMillis() + "," + m.bookJson()
                + ",\"checksum\":" + m.checksum());
    }

    private static void error(SimConnection c, long req, int code, String message) {
        c.send("error", "\"req\":" + req + ",\"code\":" + code + ",\"message\":\"" + message.replace("\"", "'")
                .replace("\\", "/") + "\"");
    }

    private void step() {
        if (paused || maintenance) {
            return;
        }
        steps++;
        long now = System.currentTimeMillis();
        for (SimMarket m : markets.values()) {
            SimMarket.Step s = m.step(now);
            if (!s.bidRows().isEmpty() || !s.askRows().isEmpty()) {
                int checksum = m.checksum();
                if (corruptNext.remove(m.symbol)) {
                    checksum = ~checksum;
                }
                String update = "\"symbol\":\"" + m.symbol + "\",\"time\":" + now + ",\"bids\":" + rows(s.bidRows())
                        + ",\"asks\":" + rows(s.askRows()) + ",\"checksum\":" + checksum;
                toSubscribers("book " + m.symbol, "update", update);
            }
            if (s.tradeJson() != null) {
                toSubscribers("trades " + m.symbol, "trade", s.tradeJson());
            }
            if (steps % config.tickerEvery() == 0) {
                toSubscribers("ticker " + m.symbol, "ticker", m.tickerJson(now));
            }
        }
    }

    private void toSubscribers(String subscription, String type, String fields) {
        for (SimConnection c : connections) {
            if (c.subscriptions.contains(subscription)) {
                c.send(type, fields);
            }
        }
    }

    private static String rows(List<String[]> rows) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < rows.size(); i++) {
            sb.append(i == 0 ? "" : ",").append("[\"").append(rows.get(i)[0]).append("\",\"").append(rows.get(i)[1])
                    .append("\"]");
        }
        return sb.append(']').toString();
    }

    private void heartbeat() {
        long now = System.currentTimeMillis();
        for (SimConnection c : connections) {
            c.send("heartbeat", "\"time\":" + now);
        }
    }

    private SimMarket market(String symbol) {
        SimMarket m = markets.get(symbol);
        if (m == null) {
            throw new IllegalArgumentException("the simulator lists BTC-USD, ETH-USD and SOL-USD, not " + symbol);
        }
        return m;
    }

    void post(Runnable r) {
        try {
            thread.execute(() -> run(r));
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void run(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a simulator task failed", e);
        }
    }

    private <T> T call(Callable<T> c) {
        Future<T> f = thread.submit(c);
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the simulator thread did not answer within 10 s");
        }
    }
}
