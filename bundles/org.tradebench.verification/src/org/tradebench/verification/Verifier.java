package org.tradebench.verification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.tradebench.api.Capability;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.CandleRequest;
import org.tradebench.api.market.MarketData;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.verification.internal.Checks;
import org.tradebench.verification.internal.Probe;

/**
 * Runs a plan against a live connector: subscribes every stream of the plan's instruments and the
 * connector's health, samples its ping once a second, reports progress once a second, and after the
 * plan's duration (or when cancelled) judges what it saw.
 *
 * <pre>{@code
 * Verifier v = new Verifier(plan);
 * OpenConnector open = provider.open(settings, v.frameTap());      // frames per connection, optional
 * VerificationReport r = v.run(open.connector(), p -> err.println(p.line()), () -> false);
 * }</pre>
 *
 * <p>{@link #run} blocks the calling thread (a job's, the command's) for the plan's duration;
 * listeners run on the connector's threads and only count.
 */
public final class Verifier {

    /** How long {@link #run} waits for a connector's instrument list. */
    public static final Duration INSTRUMENT_WAIT = Duration.ofSeconds(15);

    private final VerificationPlan plan;
    private final Probe probe;
    private org.tradebench.api.trading.OrderGateway gateway;
    private org.tradebench.api.trading.AccountRef orderAccount;

    /**
     * Creates a verifier for a plan.
     *
     * @param plan the plan
     */
    public Verifier(VerificationPlan plan) {
        this(plan, new Probe(plan.thresholds(), System::currentTimeMillis));
    }

    private Verifier(VerificationPlan plan, Probe probe) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.probe = probe;
    }

    /**
     * The same verifier (its frame tap keeps counting) for other symbols: for a caller that opens
     * the connector with {@link #frameTap()} before it knows which instruments to verify.
     *
     * @param symbols unified symbols
     * @return a verifier with the plan's symbols replaced
     */
    public Verifier withSymbols(List<String> symbols) {
        VerificationPlan p = new VerificationPlan(plan.exchangeId(), symbols, plan.duration(), plan.kind(),
                plan.bookDepth(), plan.thresholds());
        Verifier v = new Verifier(p, probe);
        v.gateway = gateway;
        v.orderAccount = orderAccount;
        return v;
    }

    /**
     * Also measures the order round trip: every 3 s a limit buy of the smallest quantity, 5 % under
     * the first instrument's best bid (so that it rests, within the risk check's price band), is placed through the order gateway and
     * cancelled again; placed-to-acknowledged and cancel-to-acknowledged are measured, a refusal or
     * an order left open fails the check. Only for the simulated exchange or a testnet account: it
     * sends real orders.
     *
     * @param orders the order gateway (the only way an order leaves)
     * @param account the account to trade on
     * @return this verifier
     */
    public Verifier withOrders(org.tradebench.api.trading.OrderGateway orders,
            org.tradebench.api.trading.AccountRef account) {
        this.gateway = Objects.requireNonNull(orders, "orders");
        this.orderAccount = Objects.requireNonNull(account, "account");
        return this;
    }

    /**
     * A tap that counts raw frames per connection: give it to the connector provider when opening a
     * connector of its own, for the per-connection throughput.
     *
     * @return the tap
     */
    public FrameTap frameTap() {
        return probe;
    }

    /**
     * Runs the plan.
     *
     * @param connector the connector, running
     * @param progress told once a second, on the calling thread
     * @param cancelled polled several times a second; true ends the run early (the report says so)
     * @return the report
     * @throws IllegalArgumentException naming the symbols the connector does not list
     * @throws InterruptedException when the calling thread is interrupted
     */
    public VerificationReport run(ExchangeConnector connector, Consumer<Progress> progress, BooleanSupplier cancelled)
            throws InterruptedException {
        if (plan.kind() == VerificationPlan.Kind.CHAOS) {
            throw new IllegalArgumentException("the chaos plan needs a ChaosDriver for the connector's simulator");
        }
        return run(connector, null, progress, cancelled);
    }

    /**
     * Runs the plan; the chaos plan with a driver that injects the faults into the connector's
     * loopback simulator: after the plan's duration of warm-up, each fault in turn, waiting after
     * each for its effect and the connector's recovery (at most the recovery threshold plus 10 s),
     * then a second of calm.
     *
     * @param connector the connector, running against the driver's simulator
     * @param driver the fault injector; required by the chaos plan, ignored by the standard plan
     * @param progress told once a second, on the calling thread
     * @param cancelled polled several times a second; true ends the run early
     * @return the report
     * @throws IllegalArgumentException naming the symbols the connector does not list
     * @throws InterruptedException when the calling thread is interrupted
     */
    public VerificationReport run(ExchangeConnector connector, ChaosDriver driver, Consumer<Progress> progress,
            BooleanSupplier cancelled) throws InterruptedException {
        Objects.requireNonNull(connector, "connector");
        if (plan.kind() == VerificationPlan.Kind.CHAOS && driver == null) {
            throw new IllegalArgumentException("the chaos plan needs a ChaosDriver for the connector's simulator");
        }
        List<VerificationReport.ChaosResult> chaosResults = new ArrayList<>();
        List<VerificationReport.AccountState> accounts = new ArrayList<>();
        List<Instrument> instruments = resolve(connector);
        List<Subscription> subscriptions = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        MarketData md = connector.marketData();
        probe.start();
        boolean stopped = false;
        try {
            subscriptions.add(connector.subscribeHealth(probe::health));
            for (Instrument i : instruments) {
                InstrumentId id = i.id();
                subscriptions.add(md.subscribeBook(new BookRequest(id, plan.bookDepth()), probe.book(id)));
                if (offers(connector, i, Capability.TRADES)) {
                    subscriptions.add(md.subscribeTrades(id, probe.trades(id)));
                } else {
                    notes.add(id.symbol() + ": the connector streams no trades");
                }
                if (offers(connector, i, Capability.TICKER)) {
                    subscriptions.add(md.subscribeTicker(id, probe.ticker(id)));
                } else {
                    notes.add(id.symbol() + ": the connector streams no ticker");
                }
                if (offers(connector, i, Capability.CANDLES)) {
                    subscriptions.add(md.subscribeCandles(new CandleRequest(id, CandleInterval.M1, 0), probe.candles(id)));
                } else {
                    notes.add(id.symbol() + ": the connector streams no candles");
                }
            }
            long start = System.nanoTime();
            long end = start + plan.duration().toNanos();
            long nextSecond = start + 1_000_000_000L;
            long nextOrder = start + 2_000_000_000L;
            while (System.nanoTime() < end) {
                if (cancelled.getAsBoolean()) {
                    stopped = true;
                    break;
                }
                Thread.sleep(Math.max(1, Math.min(200, (Math.min(end, nextSecond) - System.nanoTime()) / 1_000_000)));
                if (System.nanoTime() >= nextSecond) {
                    samplePing(connector.health());
                    progress.accept(probe.progress(plan.duration()));
                    nextSecond += 1_000_000_000L;
                }
                if (gateway != null && System.nanoTime() >= nextOrder && end - System.nanoTime() > 1_000_000_000L) {
                    roundTrip(instruments.get(0));
                    nextOrder = System.nanoTime() + 3_000_000_000L;
                }
            }
            if (!stopped && plan.kind() == VerificationPlan.Kind.CHAOS) {
                stopped = chaos(connector, driver, chaosResults, progress, cancelled);
            }
            accounts.addAll(diagnose(connector));
        } finally {
            for (Subscription s : subscriptions) {
                try {
                    s.close();
                } catch (RuntimeException e) {
                    notes.add("closing a subscription failed: " + e);
                }
            }
        }
        Probe.Measurements m = probe.measurements(System.currentTimeMillis());
        return assemble(plan, connector.id(), connector.displayName(), "live", m, true,
                connector.tradingAccounts().size(), notes, stopped, chaosResults, accounts);
    }

    private boolean chaos(ExchangeConnector connector, ChaosDriver driver, List<VerificationReport.ChaosResult> out,
            Consumer<Progress> progress, BooleanSupplier cancelled) throws InterruptedException {
        long limit = plan.thresholds().recoveryFail().toMillis() + 10_000;
        for (ChaosDriver.Fault fault : java.util.EnumSet.copyOf(driver.faults())) {
            if (cancelled.getAsBoolean()) {
                return true;
            }
            Probe.Mark mark = probe.mark();
            long injected = probe.clockMillis();
            try {
                driver.inject(fault);
            } catch (Exception e) {
                out.add(new VerificationReport.ChaosResult(fault.wireName(), java.time.Instant.ofEpochMilli(injected), "",
                        -1, -1, "the simulator could not inject it: " + e.getMessage()));
                continue;
            }
            String effect = null;
            long effectAt = -1;
            String missing = "no effect seen";
            long recovered = -1;
            long nextProgress = System.nanoTime() + 1_000_000_000L;
            while (probe.clockMillis() - injected < limit) {
                Thread.sleep(20);
                if (System.nanoTime() >= nextProgress) {
                    samplePing(connector.health());
                    progress.accept(probe.progress(plan.duration()));
                    nextProgress += 1_000_000_000L;
                }
                if (effect == null) {
                    effect = probe.effectSince(mark, fault);
                    if (effect != null) {
                        effectAt = probe.clockMillis();
                    }
                    continue;
                }
                missing = probe.notRecovered(mark, effectAt);
                if (missing == null) {
                    recovered = probe.clockMillis() - injected;
                    break;
                }
            }
            String problem = "";
            if (effect == null) {
                problem = "the connector did not show " + fault.effect() + " within " + limit / 1000 + " s";
            } else if (recovered < 0) {
                problem = "not recovered within " + limit / 1000 + " s: " + missing;
            }
            out.add(new VerificationReport.ChaosResult(fault.wireName(), java.time.Instant.ofEpochMilli(injected),
                    effect == null ? "" : effect, effect == null ? -1 : effectAt - injected, recovered, problem));
            Thread.sleep(1000); // calm between faults
        }
        return false;
    }

    /**
     * Builds a report from measurements: the live run's and the command line's replay's last step.
     *
     * @param plan the plan
     * @param exchangeId the connector id
     * @param exchangeName its name for people
     * @param mode {@code "live"} or {@code "replay"}
     * @param m the measurements
     * @param live whether a connection was measured
     * @param tradingAccounts trading accounts of the connector
     * @param notes remarks
     * @param cancelled whether the run was stopped early
     * @return the report
     */
    public static VerificationReport assemble(VerificationPlan plan, String exchangeId, String exchangeName, String mode,
            Probe.Measurements m, boolean live, int tradingAccounts, List<String> notes, boolean cancelled) {
        return assemble(plan, exchangeId, exchangeName, mode, m, live, tradingAccounts, notes, cancelled, List.of(),
                List.of());
    }

    /**
     * Builds a report from measurements and the chaos plan's results.
     *
     * @param plan the plan
     * @param exchangeId the connector id
     * @param exchangeName its name for people
     * @param mode {@code "live"} or {@code "replay"}
     * @param m the measurements
     * @param live whether a connection was measured
     * @param tradingAccounts trading accounts of the connector
     * @param notes remarks
     * @param cancelled whether the run was stopped early
     * @param chaos the chaos plan's results (empty for the standard plan)
     * @param accounts what the trading accounts said about their keys and limits
     * @return the report
     */
    public static VerificationReport assemble(VerificationPlan plan, String exchangeId, String exchangeName, String mode,
            Probe.Measurements m, boolean live, int tradingAccounts, List<String> notes, boolean cancelled,
            List<VerificationReport.ChaosResult> chaos, List<VerificationReport.AccountState> accounts) {
        List<CheckResult> checks = Checks.judge(m, plan.thresholds(), live, tradingAccounts, plan.symbols(), accounts);
        if (plan.kind() == VerificationPlan.Kind.CHAOS) {
            checks = Checks.chaos(checks, chaos, plan.thresholds());
        }
        Verdict verdict = Verdict.SKIP;
        for (CheckResult c : checks) {
            verdict = verdict.worse(c.verdict());
        }
        if (verdict == Verdict.SKIP) {
            verdict = Verdict.FAIL; // nothing could be judged: not a pass
        }
        List<String> allNotes = new ArrayList<>(notes);
        if (cancelled) {
            allNotes.add(0, "stopped by the user after " + Duration.between(m.started(), m.ended()).toSeconds() + " of "
                    + plan.duration().toSeconds() + " s");
        }
        return new VerificationReport(exchangeId, exchangeName, mode, plan, m.started(), m.ended(), cancelled, verdict,
                checks, m.stability(), m.quality(), m.latency(), m.throughput(), m.errors(), chaos, accounts, allNotes);
    }

    private void roundTrip(Instrument i) throws InterruptedException {
        java.math.BigDecimal bid = probe.bestBid(i.id());
        if (bid == null) {
            return; // no book yet: the next round
        }
        org.tradebench.api.instrument.InstrumentSpec spec = i.spec();
        java.math.BigDecimal price = spec.roundPrice(bid.multiply(new java.math.BigDecimal("0.95")),
                java.math.RoundingMode.DOWN);
        java.math.BigDecimal qty = spec.minQuantity() != null && spec.minQuantity().signum() > 0 ? spec.minQuantity()
                : spec.lotSize();
        if (spec.minNotional() != null && price.multiply(qty).compareTo(spec.minNotional()) < 0) {
            qty = spec.roundQuantity(spec.minNotional().divide(price, 18, java.math.RoundingMode.UP),
                    java.math.RoundingMode.UP);
        }
        String what = i.id().symbol() + " buy " + qty.toPlainString() + " at " + price.toPlainString();
        String cid = gateway.newClientOrderId();
        long t0 = System.nanoTime();
        org.tradebench.api.trading.Order placed;
        try {
            placed = gateway.place(orderAccount, org.tradebench.api.trading.OrderRequest.limit(cid, i.id(),
                    org.tradebench.api.market.Side.BUY, qty, price)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            probe.orderFailed(what + ": no answer within 10 s");
            return;
        } catch (java.util.concurrent.ExecutionException e) {
            probe.orderFailed(what + ": " + e.getCause().getMessage());
            return;
        }
        long t1 = System.nanoTime();
        if (placed.status() == org.tradebench.api.trading.OrderStatus.REJECTED) {
            probe.orderFailed(what + ": rejected: " + placed.reason());
            return;
        }
        long t2 = System.nanoTime();
        org.tradebench.api.trading.Order cancelled;
        try {
            cancelled = gateway.cancel(orderAccount, cid).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            probe.orderFailed(what + ": the cancel had no answer within 10 s");
            return;
        } catch (java.util.concurrent.ExecutionException e) {
            probe.orderFailed(what + ": the cancel failed: " + e.getCause().getMessage());
            return;
        }
        long t3 = System.nanoTime();
        if (cancelled.status() != org.tradebench.api.trading.OrderStatus.CANCELLED
                && cancelled.status() != org.tradebench.api.trading.OrderStatus.FILLED) {
            probe.orderFailed(what + ": still " + cancelled.status().wireName() + " after the cancel");
            return;
        }
        probe.order(t1 - t0, t3 - t2);
    }

    private static List<VerificationReport.AccountState> diagnose(ExchangeConnector connector)
            throws InterruptedException {
        List<VerificationReport.AccountState> out = new ArrayList<>();
        for (org.tradebench.api.trading.TradingAccount a : connector.tradingAccounts()) {
            try {
                org.tradebench.api.trading.AccountDiagnostics d = a.diagnose().toCompletableFuture().get(10,
                        TimeUnit.SECONDS);
                out.add(new VerificationReport.AccountState(a.accountId(),
                        d.clockOffset() == null ? null : d.clockOffset().toMillis(), d.withdrawalsEnabled(),
                        d.permissions(), d.rateLimitUsed(), d.rateLimit(), ""));
            } catch (java.util.concurrent.TimeoutException e) {
                out.add(new VerificationReport.AccountState(a.accountId(), null, null, List.of(), null, "",
                        "no answer within 10 s"));
            } catch (java.util.concurrent.ExecutionException | RuntimeException e) {
                Throwable c = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
                out.add(new VerificationReport.AccountState(a.accountId(), null, null, List.of(), null, "",
                        "it could not answer: " + c.getMessage()));
            }
        }
        return out;
    }

    private void samplePing(ConnectionHealth h) {
        Optional<SessionHealth> md = h.session(SessionHealth.MARKET_DATA);
        Duration latency = md.map(SessionHealth::latency).orElse(h.latency());
        if (latency != null && !latency.isNegative()) {
            probe.ping(latency);
        }
    }

    private static boolean offers(ExchangeConnector c, Instrument i, Capability cap) {
        return c.capabilities().contains(cap) && (i.capabilities().isEmpty() || i.capabilities().contains(cap));
    }

    private List<Instrument> resolve(ExchangeConnector c) throws InterruptedException {
        List<Instrument> listed = c.instruments();
        if (listed.isEmpty()) {
            AtomicReference<List<Instrument>> list = new AtomicReference<>(List.of());
            CountDownLatch loaded = new CountDownLatch(1);
            Subscription s = c.subscribeInstruments(change -> {
                if (!change.instruments().isEmpty()) {
                    list.set(change.instruments());
                    loaded.countDown();
                }
            });
            try {
                loaded.await(INSTRUMENT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                s.close();
            }
            listed = list.get();
        }
        List<Instrument> out = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String symbol : plan.symbols()) {
            Optional<Instrument> found = listed.stream().filter(i -> i.id().symbol().equals(symbol)).findFirst();
            if (found.isPresent()) {
                out.add(found.get());
            } else {
                unknown.add(symbol);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException((unknown.size() == 1 ? "unknown symbol " : "unknown symbols ")
                    + String.join(", ", unknown) + " on " + c.id() + " (it lists " + listed.size() + " instruments"
                    + (listed.isEmpty() ? "" : ", e.g. " + listed.get(0).id().symbol()) + ")");
        }
        return out;
    }

    /**
     * The plan.
     *
     * @return the plan
     */
    public VerificationPlan plan() {
        return plan;
    }
}
