package org.tradebench.benchmarks;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.tradebench.api.credentials.ApiCredentials;
import org.tradebench.api.credentials.KeyType;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.market.Side;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.TimeInForce;
import org.tradebench.benchmarks.EndToEndBenchmark.Report;
import org.tradebench.benchmarks.LatencySamples.Percentiles;
import org.tradebench.connector.binance.internal.BinanceConnector;
import org.tradebench.connector.binance.internal.BinanceMarket;
import org.tradebench.connector.binance.internal.trading.BinanceTradingAccount;
import org.tradebench.connector.binance.internal.trading.BinanceTradingConfig;
import org.tradebench.connector.binance.internal.trading.BinanceTradingRest;
import org.tradebench.core.risk.StandardRiskCheck;
import org.tradebench.core.trading.DefaultOrderGateway;
import org.tradebench.core.trading.RiskLimitsStore;

/**
 * The order path's local overhead: from the order call to the moment its frame was written to the
 * socket, against {@link BinanceOrderEntry} (Binance's WebSocket API on loopback, HMAC key).
 *
 * <ul>
 * <li><b>tradebench</b>: {@link BinanceConnector#start} with keys, then
 * {@link BinanceTradingAccount#place} per order (limit IOC {@code BTCUSDT}, answered EXPIRED).
 * <i>Call</i> is just before {@code place} on the benchmark thread; <i>written</i> is when the
 * connector's WebSocket API session handed the signed frame to the transport, which writes it to
 * the socket on the calling thread ({@code WsApiSession.lastSendNanos()}, read in the account's
 * {@code onFrameSent} hook); <i>acknowledged</i> is when the stage completed with Binance's
 * answer applied. What lies between call and written: the hop to the connector's control thread,
 * the order's checks (instrument, rate limits), the parameters, the HMAC signature, the JSON and
 * the frame's encoding.</li>
 * <li><b>string</b> (baseline): the same parameters in a {@code TreeMap}, the query string signed with
 * a {@code javax.crypto.Mac} (made once), the same JSON built with a {@code StringBuilder} and sent
 * with Jetty's standard client ({@code Session.sendText}); <i>written</i> is when Jetty's write
 * callback succeeded; acknowledged when the answer's text arrived.</li>
 * </ul>
 *
 * <p>One order at a time: each is sent after the previous one was acknowledged and a pause of
 * 0.2 ms, as a trader's orders come, so no order waits behind another. Warm-up orders come first
 * and are not counted. The connector's threads' allocation and CPU time over the measured orders
 * are reported per order.
 */
public final class OrderEntryBenchmark {

    /** The measured order's pause after the previous acknowledgement. */
    static final long PAUSE_NANOS = 200_000;

    private OrderEntryBenchmark() {
    }

    /**
     * What one client measured.
     *
     * @param client the name
     * @param orders measured orders
     * @param callToWritten call to frame written
     * @param callToAck call to acknowledgement
     * @param acknowledged orders answered as Binance answers an accepted IOC order (EXPIRED: the connector shows CANCELLED)
     * @param window the connector's threads over the measured orders (null for the baseline)
     */
    public record Result(String client, int orders, Percentiles callToWritten, Percentiles callToAck,
            int acknowledged, EndToEndBenchmark.Window window) {
    }

    /**
     * Runs both clients and prints the table.
     *
     * @param server the server (its {@code /ws-api/v3} and REST)
     * @param orders measured orders per client
     * @param out the report
     * @return whether every order was acknowledged and every signature valid
     * @throws Exception when a client cannot start
     */
    public static boolean run(BlastServer server, int orders, Report out) throws Exception {
        int warmup = Math.max(500, Math.min(5_000, orders));
        long failuresBefore = server.orderEntry().signatureFailures();
        Result ours = tradebench(server, warmup, orders, false);
        out.line("orders tradebench " + describe(ours));
        Result ed = tradebench(server, warmup, orders, true);
        out.line("orders tradebench (Ed25519) " + describe(ed));
        Result gateway = gateway(server, warmup, orders);
        out.line("orders gateway " + describe(gateway));
        Result base = string(server, warmup, orders);
        out.line("orders string     " + describe(base));
        long badSignatures = server.orderEntry().signatureFailures() - failuresBefore;
        out.line("");
        out.line(String.format("=== Orders (binance): call → frame written, %,d orders after %,d warm-up, one at a time"
                + " (limit IOC; HMAC key unless said) ===", orders, warmup));
        out.line(String.format("%-21s %-58s %-58s %s", "client", "call → frame written p50 / p99 / p99.9 / max",
                "call → acknowledged p50 / p99 / p99.9 / max", "acked"));
        for (Result r : new Result[] {ours, ed, gateway, base}) {
            out.line(String.format("%-21s %-58s %-58s %,d/%,d", r.client(), r.callToWritten(), r.callToAck(),
                    r.acknowledged(), r.orders()));
        }
        out.line(String.format("tradebench / string: p50 %.2f×, p99 %.2f× (call → frame written)",
                (double) ours.callToWritten().p50() / base.callToWritten().p50(),
                (double) ours.callToWritten().p99() / base.callToWritten().p99()));
        out.line(String.format("Target call → frame written p99 < 200 µs: %s (HMAC %s; Ed25519 %s)",
                ours.callToWritten().p99() < 200_000 && ed.callToWritten().p99() < 200_000 ? "met" : "NOT met",
                Percentiles.micros(ours.callToWritten().p99()), Percentiles.micros(ed.callToWritten().p99())));
        if (ours.window() != null) {
            EndToEndBenchmark.Window w = ours.window();
            out.line(String.format("tradebench threads over the measured orders: %,d bytes = %,.0f B/order, %,.0f ns"
                    + " CPU/order", w.totalBytes(), w.bytesPerMessage(), w.cpuNanosPerMessage()));
            w.threads().stream().filter(u -> u.bytes() > 0 || u.cpuNanos() > 0).forEach(u -> out.line(String.format(
                    "    %-28s %,14d B %10.0f B/order %8.0f ns CPU/order", u.name(), u.bytes(),
                    (double) u.bytes() / w.frames(), (double) u.cpuNanos() / w.frames())));
        }
        out.line("Invalid signatures seen by the server: " + badSignatures);
        if (gateway.window() != null) {
            EndToEndBenchmark.Window w = gateway.window();
            out.line(String.format("gateway + connector threads over the measured orders: %,d bytes = %,.0f B/order,"
                    + " %,.0f ns CPU/order", w.totalBytes(), w.bytesPerMessage(), w.cpuNanosPerMessage()));
        }
        return ours.acknowledged() == orders && ed.acknowledged() == orders && gateway.acknowledged() == orders
                && base.acknowledged() == orders && badSignatures == 0;
    }

    private static String describe(Result r) {
        return String.format("%,d orders: call→written %s; call→ack %s; %,d acknowledged", r.orders(), r.callToWritten(),
                r.callToAck(), r.acknowledged());
    }

    /**
     * The connector: starts it with the benchmark's key, places warm-up and measured orders.
     *
     * @param server the server
     * @param warmup orders not counted
     * @param orders measured orders
     * @param ed25519 an Ed25519 key ({@code session.logon}, then requests signed by the session)
     *        instead of the HMAC key
     * @return the figures
     */
    public static Result tradebench(BlastServer server, int warmup, int orders, boolean ed25519) {
        Map<String, Object> settings = Map.of("ws.api.url", server.binanceOrderEntryUri().toString(), "ws.private.url",
                server.binanceStreamUri().toString(), "account.poll.ms", "60000");
        BinanceTradingConfig trading = BinanceTradingConfig.from(BinanceMarket.SPOT, settings, new Properties());
        ApiCredentials keys = ed25519 ? new ApiCredentials("binance", "bench", KeyType.ED25519,
                BinanceOrderEntry.ED25519_API_KEY, server.orderEntry().ed25519Private().toCharArray(), null)
                : ApiCredentials.of("binance", "bench", BinanceOrderEntry.API_KEY, BinanceOrderEntry.SECRET.toCharArray());
        try (BinanceConnector connector = BinanceConnector.start(BinanceTradebenchClient.config(server), trading, keys,
                FrameTap.NONE)) {
            BinanceTradingAccount account = connector.account();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(connector.catalog().loaded() && account.health().state() == ConnectionState.LIVE)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Binance account did not come up: " + account.health());
                }
                LockSupport.parkNanos(5_000_000);
            }
            // The benchmark venue allows a million orders per 10 s (BinanceOrderEntry); the connector
            // keeps Binance's published 100 per 10 s until told otherwise.
            account.limits().define(BinanceTradingRest.ORDERS, 1_000_000, Duration.ofSeconds(10));
            int total = warmup + orders;
            long[] call = new long[total];
            long[] written = new long[total];
            long[] ack = new long[total];
            OrderRequest[] requests = new OrderRequest[total];
            for (int i = 0; i < total; i++) {
                requests[i] = OrderRequest.of("tb-" + i, BinanceTradebenchClient.INSTRUMENT, i % 2 == 0 ? Side.BUY
                        : Side.SELL, OrderType.LIMIT, new BigDecimal("0.00100"), new BigDecimal(i % 2 == 0 ? "50000.00"
                                : "200000.00"), null, TimeInForce.IOC);
            }
            AtomicInteger current = new AtomicInteger();
            account.onFrameSent(id -> written[current.get()] = account.orderEntry().lastSendNanos());
            int acknowledged = 0;
            ThreadCounters.Sample before = null;
            long beforeNanos = 0;
            for (int i = 0; i < total; i++) {
                if (i == warmup) {
                    before = ThreadCounters.sample("binance-");
                    beforeNanos = System.nanoTime();
                }
                current.set(i);
                long t0 = System.nanoTime();
                CompletableFuture<Order> stage = account.place(requests[i]).toCompletableFuture();
                call[i] = t0;
                Order o = stage.join();
                ack[i] = System.nanoTime();
                if (o.status() == OrderStatus.CANCELLED && i >= warmup) {
                    acknowledged++;
                }
                LockSupport.parkNanos(PAUSE_NANOS);
            }
            ThreadCounters.Sample after = ThreadCounters.sample("binance-");
            EndToEndBenchmark.Window window = new EndToEndBenchmark.Window(orders, System.nanoTime() - beforeNanos,
                    after.minus(before));
            account.onFrameSent(id -> {
            });
            return new Result(ed25519 ? "tradebench (Ed25519)" : "tradebench", orders, percentiles(call, written, warmup),
                    percentiles(call, ack, warmup), acknowledged, window);
        }
    }

    /**
     * The product's order path: the core order gateway ({@link DefaultOrderGateway}: journal,
     * pre-trade risk check against the ticker and the balance with the default limits) in front of
     * the connector's account (HMAC key). Limit IOC orders within the risk check's price band
     * (100,000 to buy, 108,000 to sell against a book ticker at 103,950).
     *
     * @param server the server
     * @param warmup orders not counted
     * @param orders measured orders
     * @return the figures
     * @throws Exception when the gateway cannot open its journal
     */
    public static Result gateway(BlastServer server, int warmup, int orders) throws Exception {
        Map<String, Object> settings = Map.of("ws.api.url", server.binanceOrderEntryUri().toString(), "ws.private.url",
                server.binanceStreamUri().toString(), "account.poll.ms", "60000");
        BinanceTradingConfig trading = BinanceTradingConfig.from(BinanceMarket.SPOT, settings, new Properties());
        ApiCredentials keys = ApiCredentials.of("binance", "bench", BinanceOrderEntry.API_KEY,
                BinanceOrderEntry.SECRET.toCharArray());
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("tradebench-bench-gateway");
        DefaultOrderGateway gateway = new DefaultOrderGateway(new StandardRiskCheck(), new RiskLimitsStore(), dir,
                Duration.ofSeconds(15));
        try (BinanceConnector connector = BinanceConnector.start(BinanceTradebenchClient.config(server), trading, keys,
                FrameTap.NONE)) {
            BinanceTradingAccount account = connector.account();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(connector.catalog().loaded() && account.health().state() == ConnectionState.LIVE
                    && !account.balances().isEmpty())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Binance account did not come up: " + account.health());
                }
                LockSupport.parkNanos(5_000_000);
            }
            account.limits().define(BinanceTradingRest.ORDERS, 1_000_000, Duration.ofSeconds(10));
            gateway.addConnector(connector);
            AccountRef ref = AccountRef.of(account);
            int total = warmup + orders;
            long[] call = new long[total];
            long[] written = new long[total];
            long[] ack = new long[total];
            OrderRequest[] requests = new OrderRequest[total];
            for (int i = 0; i < total; i++) {
                requests[i] = OrderRequest.of("gw-" + i, BinanceTradebenchClient.INSTRUMENT, i % 2 == 0 ? Side.BUY
                        : Side.SELL, OrderType.LIMIT, new BigDecimal("0.00100"), new BigDecimal(i % 2 == 0 ? "100000.00"
                                : "108000.00"), null, TimeInForce.IOC);
            }
            AtomicInteger current = new AtomicInteger();
            account.onFrameSent(id -> written[current.get()] = account.orderEntry().lastSendNanos());
            int acknowledged = 0;
            String refused = null;
            ThreadCounters.Sample before = null;
            long beforeNanos = 0;
            for (int i = 0; i < total; i++) {
                if (i == warmup) {
                    before = ThreadCounters.sample("binance-", "tradebench-order-gateway");
                    beforeNanos = System.nanoTime();
                }
                current.set(i);
                long t0 = System.nanoTime();
                CompletableFuture<Order> stage = gateway.place(ref, requests[i], p -> {
                }).toCompletableFuture();
                call[i] = t0;
                Order o = stage.get(30, TimeUnit.SECONDS);
                ack[i] = System.nanoTime();
                if (o.status() == OrderStatus.CANCELLED && i >= warmup) {
                    acknowledged++;
                } else if (o.status() != OrderStatus.CANCELLED && refused == null) {
                    refused = o.toString();
                }
                LockSupport.parkNanos(PAUSE_NANOS);
            }
            ThreadCounters.Sample after = ThreadCounters.sample("binance-", "tradebench-order-gateway");
            EndToEndBenchmark.Window window = new EndToEndBenchmark.Window(orders, System.nanoTime() - beforeNanos,
                    after.minus(before));
            account.onFrameSent(id -> {
            });
            if (refused != null) {
                System.err.println("OrderEntryBenchmark: an order through the gateway was not answered EXPIRED: "
                        + refused);
            }
            return new Result("gateway + tradebench", orders, percentiles(call, written, warmup),
                    percentiles(call, ack, warmup), acknowledged, window);
        } finally {
            gateway.close();
        }
    }

    /**
     * The baseline: a String frame, {@code javax.crypto} HMAC, Jetty's standard client.
     *
     * @param server the server
     * @param warmup orders not counted
     * @param orders measured orders
     * @return the figures
     * @throws Exception when it cannot connect
     */
    public static Result string(BlastServer server, int warmup, int orders) throws Exception {
        int total = warmup + orders;
        long[] call = new long[total];
        long[] written = new long[total];
        long[] ack = new long[total];
        String[] answers = new String[total];
        QueuedThreadPool pool = new QueuedThreadPool(8, 2);
        pool.setName("orders-string-client");
        pool.setDaemon(true);
        HttpClient http = new HttpClient();
        http.setExecutor(pool);
        WebSocketClient client = new WebSocketClient(http);
        client.start();
        try {
            AtomicInteger current = new AtomicInteger();
            AtomicInteger answered = new AtomicInteger();
            Thread caller = Thread.currentThread();
            Session session = client.connect(new Answers(current, answered, ack, answers, caller),
                    server.binanceOrderEntryUri()).get(30, TimeUnit.SECONDS);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(BinanceOrderEntry.SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "HmacSHA256"));
            int acknowledged = 0;
            for (int i = 0; i < total; i++) {
                current.set(i);
                int index = i;
                long t0 = System.nanoTime();
                call[i] = t0;
                String frame = frame(mac, i);
                session.sendText(frame, Callback.from(() -> written[index] = System.nanoTime(), x -> {
                }));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (answered.get() <= i) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("order " + i + " of the String client was not answered");
                    }
                    LockSupport.parkNanos(1_000_000);
                }
                if (i >= warmup && answers[i].contains("\"status\":\"EXPIRED\"")) {
                    acknowledged++;
                }
                LockSupport.parkNanos(PAUSE_NANOS);
            }
            session.close();
            return new Result("string", orders, percentiles(call, written, warmup), percentiles(call, ack, warmup),
                    acknowledged, null);
        } finally {
            client.stop();
            http.stop();
        }
    }

    /** The baseline's answers: notes when each arrived and wakes the caller. Public: Jetty calls it by method handle. */
    public static final class Answers implements Session.Listener.AutoDemanding {
        private final AtomicInteger current;
        private final AtomicInteger answered;
        private final long[] ack;
        private final String[] answers;
        private final Thread caller;

        Answers(AtomicInteger current, AtomicInteger answered, long[] ack, String[] answers, Thread caller) {
            this.current = current;
            this.answered = answered;
            this.ack = ack;
            this.answers = answers;
            this.caller = caller;
        }

        @Override
        public void onWebSocketText(String text) {
            int i = current.get();
            ack[i] = System.nanoTime();
            answers[i] = text;
            answered.incrementAndGet();
            LockSupport.unpark(caller);
        }
    }

    /** The order frame the connector sends, built the plain way. */
    static String frame(Mac mac, int i) {
        TreeMap<String, String> p = new TreeMap<>();
        p.put("symbol", BinanceDepthRecording.SYMBOL);
        p.put("side", i % 2 == 0 ? "BUY" : "SELL");
        p.put("type", "LIMIT");
        p.put("timeInForce", "IOC");
        p.put("quantity", "0.00100");
        p.put("price", i % 2 == 0 ? "50000.00" : "200000.00");
        p.put("newClientOrderId", "st-" + i);
        p.put("newOrderRespType", "RESULT");
        p.put("timestamp", Long.toString(System.currentTimeMillis()));
        p.put("recvWindow", "5000");
        p.put("apiKey", BinanceOrderEntry.API_KEY);
        StringBuilder query = new StringBuilder(256);
        for (Map.Entry<String, String> e : p.entrySet()) {
            query.append(query.isEmpty() ? "" : "&").append(e.getKey()).append('=').append(e.getValue());
        }
        byte[] sig = mac.doFinal(query.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        p.put("signature", java.util.HexFormat.of().formatHex(sig));
        StringBuilder json = new StringBuilder(512).append("{\"id\":\"").append(i + 1)
                .append("\",\"method\":\"order.place\",\"params\":{");
        boolean first = true;
        for (Map.Entry<String, String> e : p.entrySet()) {
            json.append(first ? "\"" : ",\"").append(e.getKey()).append("\":");
            boolean number = e.getKey().equals("timestamp") || e.getKey().equals("recvWindow");
            json.append(number ? "" : "\"").append(e.getValue()).append(number ? "" : "\"");
            first = false;
        }
        return json.append("}}").toString();
    }

    private static Percentiles percentiles(long[] from, long[] to, int skip) {
        long[] v = new long[from.length - skip];
        for (int i = skip; i < from.length; i++) {
            v[i - skip] = to[i] == 0 ? Long.MAX_VALUE : to[i] - from[i];
        }
        return Percentiles.of(v);
    }
}
