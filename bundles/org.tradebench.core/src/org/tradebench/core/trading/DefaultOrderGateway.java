package org.tradebench.core.trading;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.tradebench.api.Capability;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.risk.PreTradeRiskCheck;
import org.tradebench.api.risk.RiskLimits;
import org.tradebench.api.risk.RiskVerdict;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.api.trading.AmendRequest;
import org.tradebench.api.trading.ExitLeg;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderFlag;
import org.tradebench.api.trading.OrderGateway;
import org.tradebench.api.trading.OrderProgress;
import org.tradebench.api.trading.OrderProgressListener;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderRole;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.OrderStep;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.Placement;
import org.tradebench.api.trading.Reconciliation;
import org.tradebench.api.trading.TimeInForce;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.api.trading.TradingListener;
import org.tradebench.api.trading.TriggerSource;

/**
 * The order gateway: the one path by which an order leaves the workbench.
 *
 * <h2>Placing</h2>
 * <ol>
 * <li>A client order id the journal knows is never sent again: the order as known (or as the
 * exchange reports it) is returned.</li>
 * <li>The account must be running ("&lt;exchange&gt; unavailable" otherwise) and list the
 * instrument.</li>
 * <li>The pre-trade risk check (the {@link PreTradeRiskCheck} service) runs with the user's limits for
 * the account ({@link RiskLimitsStore}) against the gateway's view of the market (best bid/ask and
 * last from the ticker, waiting up to {@value #PRICE_WAIT_MS} ms for a first price), the account's
 * available quote balance and its working orders; it rounds to the instrument's grid. A refusal
 * completes REJECTED with code {@value #RISK_CHECK} and the reasons.</li>
 * <li>The id is written to the journal, then the request is sent. The answer completes the stage;
 * no answer within the timeout completes UNKNOWN_AFTER_DISCONNECT and the order is asked for
 * again.</li>
 * </ol>
 *
 * <h2>Exits</h2>
 * An account with {@link Capability#ORDER_EXITS_NATIVE} and {@link Capability#ORDER_ATTACHED_TP_SL}
 * gets the entry with its take-profit and stop-loss attached: the exchange holds them ("exchange").
 * An account with {@link Capability#ORDER_EXITS_NATIVE} only gets them as orders of their own
 * (take-profit and stop types, reduce-only on derivatives), sent in parallel on each fill of the
 * entry for that fill's quantity, each through the risk check; when one of a pair fills the gateway
 * cancels the other ("exchange" exits the gateway links). A leg the exchange refuses ends the
 * entry's progress FAILED, and the entry's reason says which leg, the exchange's text, the quantity
 * left without it and which leg stays; "TP/SL placed" is only said when both stand. Otherwise the
 * gateway holds them
 * ("local", {@link Placement#LOCAL}): on each fill of the entry,
 * partial fills included, it arms a take-profit and a stop-loss for that fill's quantity (each
 * through the risk check; a refused leg is shown on the entry); it watches the trigger price (trades
 * or ticker for LAST, the mark price for MARK); when one leg triggers it sends it as a market order
 * (or a limit order at the leg's limit price), reduce-only on derivatives, through the risk check,
 * and cancels its sibling. Armed legs are in the journal and are re-armed when the workbench starts
 * again; while it is closed nothing watches them.
 *
 * <h2>Threading</h2>
 * One gateway thread owns all state; connector callbacks hop onto it. Stages complete on it.
 */
@Component(service = OrderGateway.class, immediate = true)
public final class DefaultOrderGateway implements OrderGateway {

    /** Code of an order the risk check refused. */
    public static final String RISK_CHECK = "RISK_CHECK";
    /** Code of an order for an exchange whose connector is not running. */
    public static final String UNAVAILABLE = "UNAVAILABLE";
    /** Code of an order for an instrument the exchange does not list. */
    public static final String UNKNOWN_INSTRUMENT = "UNKNOWN_INSTRUMENT";
    /** Code of an order the gateway could not journal. */
    public static final String JOURNAL = "JOURNAL";
    /** How long the gateway waits for a first price before checking without one. */
    static final long PRICE_WAIT_MS = 3000;

    private static final System.Logger LOG = System.getLogger(DefaultOrderGateway.class.getName());
    private static final Duration RETENTION = Duration.ofDays(7);
    private static final Duration FINISHED_IN_MEMORY = Duration.ofMinutes(10);
    private static final int FINISHED_MAX = 1000;
    private static final int RECONCILE_ATTEMPTS = 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tradebench-order-gateway");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, ExchangeConnector> connectors = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<AccountRef, AccountWatch> accounts = new java.util.concurrent.ConcurrentHashMap<>();
    private PreTradeRiskCheck risk;
    private RiskLimitsStore limits;
    private OrderJournal journal;
    private Duration answerTimeout = Duration.ofSeconds(15);
    private long idCounter;
    private boolean closed;

    /** For DS. */
    public DefaultOrderGateway() {
    }

    /**
     * A gateway outside OSGi (tests, headless commands).
     *
     * @param risk the risk check
     * @param limits the limits per account
     * @param stateDirectory where the journal lives
     * @param answerTimeout how long to wait for an exchange's answer
     * @throws IOException when the journal cannot be opened
     */
    public DefaultOrderGateway(PreTradeRiskCheck risk, RiskLimitsStore limits, Path stateDirectory,
            Duration answerTimeout) throws IOException {
        this.risk = risk;
        this.limits = limits;
        this.answerTimeout = answerTimeout;
        open(stateDirectory);
    }

    @Reference
    void setRisk(PreTradeRiskCheck check) {
        this.risk = check;
    }

    @Reference
    void setLimits(RiskLimitsStore store) {
        this.limits = store;
    }

    @Activate
    void activate(BundleContext context) throws IOException {
        String timeout = context.getProperty("tradebench.gateway.answerTimeoutMs");
        if (timeout != null) {
            answerTimeout = Duration.ofMillis(Long.parseLong(timeout));
        }
        open(StateDirectory.resolve(context::getProperty));
    }

    void open(Path dir) throws IOException {
        call(() -> {
            try {
                journal = new OrderJournal(dir.resolve(OrderJournal.FILE), RETENTION, Instant.now());
            } catch (IOException e) {
                throw new CompletionException(e);
            }
            // DS binds connectors before it activates the component: resume those now.
            for (ExchangeConnector c : List.copyOf(connectors.values())) {
                resume(c);
            }
            return null;
        });
        thread.scheduleWithFixedDelay(() -> accounts.values().forEach(a -> a.purge(Instant.now())), 30, 30,
                TimeUnit.SECONDS);
    }

    /**
     * Stops: armed local exits stay in the journal and are re-armed on the next start.
     */
    @Deactivate
    public void close() {
        try {
            call(() -> {
                closed = true;
                int armed = 0;
                for (AccountWatch a : accounts.values()) {
                    armed += a.armedLegs();
                    a.close();
                }
                if (armed > 0) {
                    LOG.log(Level.WARNING, armed + " local exit(s) are not watched while Tradebench is closed;"
                            + " they are re-armed when it starts again");
                }
                if (journal != null) {
                    journal.close();
                }
                return null;
            });
        } finally {
            thread.shutdown();
        }
    }

    // ------------------------------------------------------------------ connectors

    /**
     * A connector arrived: its accounts can trade; orders sent before a restart are asked for and
     * local exits re-armed.
     *
     * @param connector the connector
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addConnector(ExchangeConnector connector) {
        post(() -> {
            connectors.put(connector.id(), connector);
            for (TradingAccount a : connector.tradingAccounts()) {
                AccountWatch w = accounts.get(AccountRef.of(a));
                if (w != null) {
                    w.attach(connector, a);
                }
            }
            if (journal != null) {
                resume(connector); // else open() does it once the journal is read
            }
        });
    }

    /**
     * A connector went away: its accounts are unavailable; local exits wait, armed, for its return.
     *
     * @param connector the connector
     */
    public void removeConnector(ExchangeConnector connector) {
        post(() -> {
            if (connectors.get(connector.id()) == connector) {
                connectors.remove(connector.id());
                for (AccountWatch w : accounts.values()) {
                    if (w.ref.exchangeId().equals(connector.id())) {
                        w.detach();
                    }
                }
            }
        });
    }

    /** Finds journal entries and legs of this connector's accounts again. */
    private void resume(ExchangeConnector connector) {
        Map<AccountRef, List<OrderJournal.Entry>> open = new LinkedHashMap<>();
        for (OrderJournal.Entry e : journal.entries()) {
            if (e.finalStatus == null && e.account.exchangeId().equals(connector.id())) {
                open.computeIfAbsent(e.account, k -> new ArrayList<>()).add(e);
            }
        }
        Map<AccountRef, List<OrderJournal.StoredLeg>> legs = new LinkedHashMap<>();
        for (OrderJournal.StoredLeg l : journal.legs()) {
            if (l.state().equals("ARMED") && l.account().exchangeId().equals(connector.id())) {
                legs.computeIfAbsent(l.account(), k -> new ArrayList<>()).add(l);
            }
        }
        for (AccountRef ref : union(open.keySet(), legs.keySet())) {
            AccountWatch w = watch(ref);
            if (w == null || w.resumed) {
                continue;
            }
            w.resumed = true;
            w.resume(open.getOrDefault(ref, List.of()), legs.getOrDefault(ref, List.of()));
        }
    }

    private static List<AccountRef> union(java.util.Set<AccountRef> a, java.util.Set<AccountRef> b) {
        java.util.LinkedHashSet<AccountRef> all = new java.util.LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** The watch of an account, made when its connector runs; null when it does not. */
    private AccountWatch watch(AccountRef ref) {
        AccountWatch w = accounts.get(ref);
        if (w != null && w.account != null) {
            return w;
        }
        ExchangeConnector c = connectors.get(ref.exchangeId());
        Optional<TradingAccount> a = c == null ? Optional.empty() : c.tradingAccount(ref.accountId());
        if (a.isEmpty()) {
            return null;
        }
        if (w == null) {
            w = new AccountWatch(ref);
            accounts.put(ref, w);
        }
        w.attach(c, a.get());
        return w;
    }

    // ------------------------------------------------------------------ OrderGateway

    @Override
    public String newClientOrderId() {
        synchronized (this) {
            // Time, a counter and randomness: unique across restarts without asking the journal.
            idCounter++;
            return "tb" + Long.toString(System.currentTimeMillis(), 36) + Long.toString(idCounter % 1296, 36)
                    + Integer.toString(RANDOM.nextInt(46656), 36);
        }
    }

    @Override
    public RiskVerdict preview(AccountRef account, OrderRequest request) {
        return call(() -> {
            AccountWatch w = watch(account);
            if (w == null) {
                return new RiskVerdict(false, request, List.of(unavailable(account)));
            }
            Optional<Instrument> instrument = w.instrument(request.instrument());
            if (instrument.isEmpty()) {
                return new RiskVerdict(false, request, List.of(noInstrument(account, request.instrument())));
            }
            return w.check(request, instrument.get());
        });
    }

    @Override
    public CompletionStage<Order> place(AccountRef account, OrderRequest request, OrderProgressListener progress) {
        CompletableFuture<Order> result = new CompletableFuture<>();
        if (!post(() -> place(account, request, progress, result))) {
            result.complete(Order.pending(request, account.accountId(), Instant.now()).rejected(UNAVAILABLE,
                    "the order gateway has stopped; order not sent", Instant.now()));
        }
        return result;
    }

    private void place(AccountRef ref, OrderRequest request, OrderProgressListener progress,
            CompletableFuture<Order> result) {
        Progress p = new Progress(request.clientOrderId(), progress);
        p.step(OrderStep.CHECKING, "checking " + describe(request), null);
        AccountWatch w = watch(ref);
        if (journal.knows(request.clientOrderId())) {
            p.step(OrderStep.ACCEPTED, "client order id " + request.clientOrderId()
                    + " was sent before; it is not sent again", null);
            if (w == null) {
                result.complete(Order.pending(request, ref.accountId(), Instant.now())
                        .withStatus(OrderStatus.UNKNOWN_AFTER_DISCONNECT, unavailable(ref)
                                + "; client order id " + request.clientOrderId() + " was sent before", Instant.now()));
            } else {
                w.existing(request, result);
            }
            return;
        }
        if (w == null) {
            reject(null, ref, request, UNAVAILABLE, unavailable(ref), p, result);
            return;
        }
        Optional<Instrument> instrument = w.instrument(request.instrument());
        if (instrument.isEmpty()) {
            reject(w, ref, request, UNKNOWN_INSTRUMENT, noInstrument(ref, request.instrument()), p, result);
            return;
        }
        MarketWatch market = w.market(instrument.get());
        boolean[] done = { false };
        Runnable go = () -> {
            if (done[0]) {
                return;
            }
            done[0] = true;
            RiskVerdict verdict = w.check(request, instrument.get());
            if (!verdict.accepted()) {
                reject(w, ref, request, RISK_CHECK, "refused by the pre-trade risk check: " + verdict.summary(), p,
                        result);
                return;
            }
            w.send(verdict, instrument.get(), p, result);
        };
        market.whenPriced(go);
        if (!done[0]) {
            thread.schedule(() -> {
                if (!done[0]) {
                    go.run();
                }
            }, PRICE_WAIT_MS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public CompletionStage<Order> cancel(AccountRef account, String clientOrderId) {
        CompletableFuture<Order> result = new CompletableFuture<>();
        if (!post(() -> {
            AccountWatch w = watch(account);
            if (w == null) {
                result.completeExceptionally(new IllegalStateException(unavailable(account)
                        + "; cannot cancel " + clientOrderId));
            } else {
                w.cancel(clientOrderId, result);
            }
        })) {
            result.completeExceptionally(new IllegalStateException("the order gateway has stopped"));
        }
        return result;
    }

    @Override
    public CompletionStage<Order> amend(AccountRef account, AmendRequest request) {
        CompletableFuture<Order> result = new CompletableFuture<>();
        if (!post(() -> {
            AccountWatch w = watch(account);
            if (w == null) {
                result.completeExceptionally(new IllegalStateException(unavailable(account)
                        + "; cannot amend " + request.clientOrderId()));
            } else {
                w.amend(request, result);
            }
        })) {
            result.completeExceptionally(new IllegalStateException("the order gateway has stopped"));
        }
        return result;
    }

    @Override
    public CompletionStage<Integer> cancelAll(AccountRef account, Optional<InstrumentId> instrument) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        if (!post(() -> {
            AccountWatch w = watch(account);
            if (w == null) {
                result.completeExceptionally(new IllegalStateException(unavailable(account)));
            } else {
                w.cancelAll(instrument, result);
            }
        })) {
            result.completeExceptionally(new IllegalStateException("the order gateway has stopped"));
        }
        return result;
    }

    @Override
    public Subscription subscribe(AccountRef account, TradingListener listener) {
        GatewaySubscription s = new GatewaySubscription(account, listener);
        post(() -> {
            AccountWatch w = accounts.get(account);
            if (w == null) {
                w = watch(account);
            }
            if (w == null) {
                w = new AccountWatch(account);
                accounts.put(account, w);
            }
            w.subscribers.add(s);
            w.replay(s);
        });
        return s;
    }

    @Override
    public List<Order> localOrders(AccountRef account) {
        return call(() -> {
            AccountWatch w = accounts.get(account);
            return w == null ? List.of() : w.localOrders();
        });
    }

    // ------------------------------------------------------------------ helpers

    private void reject(AccountWatch w, AccountRef ref, OrderRequest request, String code, String reason,
            Progress p, CompletableFuture<Order> result) {
        Instant now = Instant.now();
        Order o = Order.pending(request, ref.accountId(), now).rejected(code, reason, now);
        LOG.log(Level.INFO, "order " + request.clientOrderId() + " for " + ref + " not sent: " + reason);
        p.step(OrderStep.REJECTED, reason, o);
        if (w != null) {
            w.publish(o);
        }
        result.complete(o);
    }

    private String unavailable(AccountRef ref) {
        ExchangeConnector c = connectors.get(ref.exchangeId());
        if (c != null) {
            return c.displayName() + " has no trading account " + ref.accountId()
                    + " (are its API keys set in Window > Preferences > Exchange Accounts?)";
        }
        return ref.exchangeId() + " unavailable: its connector is not running (account " + ref.accountId() + ")";
    }

    private static String noInstrument(AccountRef ref, InstrumentId id) {
        return ref.exchangeId() + " lists no instrument " + id.symbol() + "; order not sent";
    }

    static String describe(OrderRequest r) {
        return r.side().wireName() + " " + r.quantity().toPlainString() + " " + r.instrument().symbol() + " "
                + r.type().wireName() + (r.price() == null ? "" : " at " + r.price().toPlainString())
                + (r.triggerPrice() == null ? "" : " trigger " + r.triggerPrice().toPlainString());
    }

    private boolean post(Runnable r) {
        try {
            thread.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "order gateway: " + e, e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private <T> T call(Supplier<T> s) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    f.complete(s.get());
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the order gateway has stopped", e);
        }
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause() instanceof CompletionException ce && ce.getCause() != null ? ce.getCause()
                    : e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c.getMessage(), c);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the order gateway did not answer within 30 s", e);
        }
    }

    /** Reports steps to one placement's listener; a failing listener is logged, never fatal. */
    private static final class Progress {
        final String clientOrderId;
        final OrderProgressListener listener;

        Progress(String clientOrderId, OrderProgressListener listener) {
            this.clientOrderId = clientOrderId;
            this.listener = listener;
        }

        void step(OrderStep step, String message, Order order) {
            if (listener == null) {
                return;
            }
            try {
                listener.onProgress(new OrderProgress(clientOrderId, step, message, order, Instant.now()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "order progress listener failed: " + e, e);
            }
        }
    }

    /** A subscriber to an account through the gateway. */
    private final class GatewaySubscription implements Subscription {
        final AccountRef account;
        final TradingListener listener;
        volatile boolean active = true;

        GatewaySubscription(AccountRef account, TradingListener listener) {
            this.account = account;
            this.listener = listener;
        }

        @Override
        public org.tradebench.api.health.DataHealth health() {
            AccountWatch w = accounts.get(account);
            Subscription s = w == null ? null : w.stream;
            return s != null ? s.health()
                    : new org.tradebench.api.health.DataHealth(org.tradebench.api.health.DataState.FAILED, null, 0, 0,
                            unavailable(account), Instant.now());
        }

        @Override
        public boolean isActive() {
            return active;
        }

        @Override
        public void close() {
            active = false;
            post(() -> {
                AccountWatch w = accounts.get(account);
                if (w != null) {
                    w.subscribers.remove(this);
                }
            });
        }

        void deliver(java.util.function.Consumer<TradingListener> event) {
            if (!active) {
                return;
            }
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "trading listener of " + account + " failed: " + e, e);
            }
        }
    }

    // ------------------------------------------------------------------ one account

    /** What the gateway knows of one account. Owned by the gateway thread. */
    private final class AccountWatch {
        final AccountRef ref;
        ExchangeConnector connector;
        TradingAccount account;
        Subscription stream;
        boolean resumed;
        final List<GatewaySubscription> subscribers = new ArrayList<>();
        /** Working orders the gateway sent, and finished ones until purged, by client order id. */
        final Map<String, Order> orders = new HashMap<>();
        final Map<String, Progress> progress = new HashMap<>();
        final LinkedHashMap<String, Instant> finished = new LinkedHashMap<>();
        final Map<String, LocalLeg> legs = new LinkedHashMap<>();
        final Map<String, List<LocalLeg>> legsByEntry = new HashMap<>();
        final Map<InstrumentId, MarketWatch> markets = new HashMap<>();
        final Map<String, Integer> legPairs = new HashMap<>();
        /** The other leg of each exchange exit the gateway sent, until one of them ends. */
        final Map<String, String> siblings = new HashMap<>();
        /**
         * The entry's progress per exchange exit leg until the leg is final: a refusal reaches the
         * trader's order entry even after the entry itself completed (a filled market order).
         */
        final Map<String, Progress> legProgress = new HashMap<>();
        /** Exit legs whose refusal was reported (bounded by the legs of this session). */
        final java.util.Set<String> reportedLegs = new java.util.HashSet<>();

        AccountWatch(AccountRef ref) {
            this.ref = ref;
        }

        void attach(ExchangeConnector c, TradingAccount a) {
            if (account == a) {
                return;
            }
            boolean restarted = account != null || connector == null && !orders.isEmpty();
            detach();
            connector = c;
            account = a;
            stream = a.subscribe(new TradingListener() {
                @Override
                public void onOrder(org.tradebench.api.trading.Order order) {
                    post(() -> AccountWatch.this.onOrder(order));
                }

                @Override
                public void onFill(org.tradebench.api.trading.Fill fill) {
                    post(() -> fanOut(l -> l.onFill(fill)));
                }

                @Override
                public void onBalance(org.tradebench.api.account.Balance balance) {
                    post(() -> fanOut(l -> l.onBalance(balance)));
                }

                @Override
                public void onPosition(org.tradebench.api.account.Position position) {
                    post(() -> fanOut(l -> l.onPosition(position)));
                }

                @Override
                public void onReconciliation(Reconciliation reconciliation) {
                    post(() -> fanOut(l -> l.onReconciliation(reconciliation)));
                }

                @Override
                public void onHealth(org.tradebench.api.health.DataHealth health) {
                    post(() -> fanOut(l -> l.onHealth(health)));
                }
            });
            for (LocalLeg leg : legs.values()) {
                if (leg.armed()) {
                    arm(leg);
                    if (!leg.order.reason().isEmpty()) {
                        leg.set(OrderStatus.OPEN, "", Instant.now()); // watched again
                        publish(leg.order);
                    }
                }
            }
            if (restarted) {
                refreshWorkingOrders();
            }
        }

        /** The connector was replaced: what the gateway knows of working orders is asked again. */
        private void refreshWorkingOrders() {
            for (Order known : List.copyOf(orders.values())) {
                if (known.status().isFinal()) {
                    continue;
                }
                String cid = known.clientOrderId();
                account.queryOrder(cid).toCompletableFuture().orTimeout(answerTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .whenComplete((o, e) -> post(() -> {
                            Order now = orders.get(cid);
                            if (o != null && o.isPresent()) {
                                onOrder(o.get());
                            } else if (now != null && !now.status().isFinal()
                                    && now.status() != OrderStatus.UNKNOWN_AFTER_DISCONNECT) {
                                onOrder(now.withStatus(OrderStatus.UNKNOWN_AFTER_DISCONNECT, ref.exchangeId()
                                        + (e == null ? " does not know the order since its connector restarted"
                                                : " could not be asked after its connector restarted ("
                                                        + message(e) + ")"),
                                        Instant.now()));
                            }
                        }));
            }
        }

        void detach() {
            if (stream != null) {
                stream.close();
            }
            stream = null;
            markets.values().forEach(MarketWatch::close);
            markets.clear();
            if (account != null && armedLegs() > 0 && !closed) {
                LOG.log(Level.WARNING, armedLegs() + " local exit(s) of " + ref
                        + " are not watched while its connector is unavailable");
                Instant now = Instant.now();
                for (LocalLeg l : legs.values()) {
                    if (l.armed()) {
                        l.set(OrderStatus.OPEN, "not watched: " + ref.exchangeId() + " unavailable", now);
                        publish(l.order);
                    }
                }
            }
            account = null;
            connector = null;
        }

        void close() {
            detach();
            subscribers.clear();
        }

        int armedLegs() {
            int n = 0;
            for (LocalLeg l : legs.values()) {
                n += l.armed() ? 1 : 0;
            }
            return n;
        }

        Optional<Instrument> instrument(InstrumentId id) {
            return connector == null ? Optional.empty()
                    : connector.instruments().stream().filter(i -> i.id().equals(id)).findFirst();
        }

        MarketWatch market(Instrument instrument) {
            MarketWatch m = markets.get(instrument.id());
            if (m == null) {
                m = new MarketWatch(instrument, connector.marketData(), connector.capabilities(),
                        DefaultOrderGateway.this::post, this::onPrice);
                markets.put(instrument.id(), m);
            }
            m.watchTicker();
            return m;
        }

        RiskVerdict check(OrderRequest request, Instrument instrument) {
            MarketWatch m = market(instrument);
            RiskLimits l = limits.limits(ref);
            return risk.check(request, instrument, m.context(availableQuote(instrument), workingOrders()), l);
        }

        private BigDecimal availableQuote(Instrument instrument) {
            String quote = instrument.id().quote();
            BigDecimal sum = null;
            for (org.tradebench.api.account.Balance b : account.balances()) {
                if (b.currency().equals(quote) && b.available() != null) {
                    sum = sum == null ? b.available() : sum.add(b.available());
                }
            }
            return sum;
        }

        private int workingOrders() {
            return account.openOrders().size() + armedLegs();
        }

        /** The exchange takes the exits attached to the entry and holds them itself. */
        boolean nativeExits() {
            java.util.Set<Capability> caps = account.capabilities();
            return caps.contains(Capability.ORDER_EXITS_NATIVE) && caps.contains(Capability.ORDER_ATTACHED_TP_SL);
        }

        /**
         * The exchange holds take-profit and stop orders but not attached to an entry: the gateway
         * sends them as orders of their own on each fill ("exchange" exits it links itself).
         */
        boolean exchangeLegs() {
            java.util.Set<Capability> caps = account.capabilities();
            return caps.contains(Capability.ORDER_EXITS_NATIVE) && !caps.contains(Capability.ORDER_ATTACHED_TP_SL);
        }

        // ---------------------------------------------------------- sending

        void send(RiskVerdict verdict, Instrument instrument, Progress p, CompletableFuture<Order> result) {
            OrderRequest rounded = verdict.request();
            OrderRequest wire = rounded.hasExits() && !nativeExits()
                    ? rounded.withTakeProfit(null).withStopLoss(null) : rounded;
            if (rounded.hasExits() && !nativeExits()) {
                String problem = exchangeLegs() ? legProblem(rounded) : exitProblem(rounded, instrument);
                if (problem != null) {
                    reject(this, ref, rounded, RISK_CHECK, problem, p, result);
                    return;
                }
            }
            Instant now = Instant.now();
            try {
                journal.sent(ref, rounded, now);
            } catch (IOException e) {
                reject(this, ref, rounded, JOURNAL, "cannot write the order journal (" + e.getMessage()
                        + "); order not sent, because it could not be kept from being sent twice", p, result);
                return;
            }
            Order pending = Order.pending(rounded, ref.accountId(), now);
            orders.put(rounded.clientOrderId(), pending);
            progress.put(rounded.clientOrderId(), p);
            String notes = verdict.messages().isEmpty() ? "" : " (" + verdict.summary() + ")";
            p.step(OrderStep.SENDING, "sending " + describe(wire) + " to " + connector.displayName() + notes, pending);
            dispatch(account.place(wire), rounded, "the order", p, result);
        }

        /** Why the exchange cannot take this request's exits as orders of their own, or null. */
        private String legProblem(OrderRequest r) {
            java.util.Set<Capability> caps = account.capabilities();
            if (r.takeProfit() != null && !caps.contains(r.takeProfit().limitPrice() == null
                    ? Capability.ORDER_TAKE_PROFIT : Capability.ORDER_TAKE_PROFIT_LIMIT)) {
                return connector.displayName() + " takes no take-profit" + (r.takeProfit().limitPrice() == null ? ""
                        : "-limit") + " orders for the exit; order not sent";
            }
            if (r.stopLoss() != null && !caps.contains(r.stopLoss().limitPrice() == null ? Capability.ORDER_STOP
                    : Capability.ORDER_STOP_LIMIT)) {
                return connector.displayName() + " takes no stop" + (r.stopLoss().limitPrice() == null ? "" : "-limit")
                        + " orders for the exit; order not sent";
            }
            return null;
        }

        /** Why local exits cannot be held for this request, or null. */
        private String exitProblem(OrderRequest r, Instrument instrument) {
            for (ExitLeg leg : new ExitLeg[] { r.takeProfit(), r.stopLoss() }) {
                if (leg == null) {
                    continue;
                }
                MarketWatch m = market(instrument);
                if (!m.watchFor(leg.triggerSource())) {
                    return connector.displayName() + " gives no " + leg.triggerSource().name().toLowerCase()
                            + " price for " + instrument.id().symbol() + " to watch a local exit; order not sent";
                }
            }
            return null;
        }

        private void dispatch(CompletionStage<Order> sent, OrderRequest request, String what, Progress p,
                CompletableFuture<Order> result) {
            sent.toCompletableFuture().orTimeout(answerTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((o, e) -> post(() -> answered(request, what, o, e, p, result)));
        }

        private void answered(OrderRequest request, String what, Order answer, Throwable error, Progress p,
                CompletableFuture<Order> result) {
            Instant now = Instant.now();
            Order o;
            if (error != null) {
                Throwable c = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                        : error;
                String why = c instanceof TimeoutException
                        ? "no answer from " + ref.exchangeId() + " within " + answerTimeout.toSeconds() + " s"
                        : c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
                Order known = orders.getOrDefault(request.clientOrderId(), Order.pending(request, ref.accountId(), now));
                o = known.status().isFinal() ? known
                        : known.withStatus(OrderStatus.UNKNOWN_AFTER_DISCONNECT, why
                                + "; its state follows when the exchange reports it", now);
                onOrder(o);
                p.step(OrderStep.FAILED, what + ": " + o.reason(), o);
                result.complete(o);
                thread.schedule(() -> reconcile(request.clientOrderId()), answerTimeout.toMillis(),
                        TimeUnit.MILLISECONDS);
                return;
            }
            Order latest = orders.get(request.clientOrderId());
            o = latest != null && newer(latest, answer) ? latest : answer;
            onOrder(o);
            switch (o.status()) {
                case REJECTED -> p.step(OrderStep.REJECTED, o.reason(), o);
                case FILLED -> p.step(OrderStep.FILLED, what + " filled", o);
                case CANCELLED -> p.step(OrderStep.CANCELLED, o.reason().isEmpty() ? what + " cancelled" : o.reason(),
                        o);
                default -> p.step(OrderStep.ACCEPTED, what + " accepted by " + ref.exchangeId(), o);
            }
            result.complete(o);
        }

        private boolean newer(Order a, Order b) {
            return a.filledQuantity().compareTo(b.filledQuantity()) > 0
                    || (a.status().isFinal() && !b.status().isFinal());
        }

        /** Asks the exchange for an order whose answer never came. */
        private void reconcile(String clientOrderId) {
            reconcile(clientOrderId, 1);
        }

        /**
         * Asks again, with a growing pause (15 s, 30 s, 60 s, ... at most 6
         * times), until the exchange knows the order: a connector that is reconnecting cannot say yet.
         */
        private void reconcile(String clientOrderId, int attempt) {
            post(() -> {
                Order known = orders.get(clientOrderId);
                if (known != null && known.status() != OrderStatus.UNKNOWN_AFTER_DISCONNECT
                        && known.status() != OrderStatus.PENDING_NEW) {
                    return;
                }
                if (account == null) {
                    again(clientOrderId, attempt);
                    return;
                }
                account.queryOrder(clientOrderId).toCompletableFuture()
                        .orTimeout(answerTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .whenComplete((o, e) -> post(() -> {
                            if (o != null && o.isPresent()) {
                                onOrder(o.get());
                            } else {
                                again(clientOrderId, attempt);
                            }
                        }));
            });
        }

        private void again(String clientOrderId, int attempt) {
            if (attempt < RECONCILE_ATTEMPTS && !closed) {
                thread.schedule(() -> reconcile(clientOrderId, attempt + 1),
                        answerTimeout.toMillis() << Math.min(attempt, 6), TimeUnit.MILLISECONDS);
            }
        }

        /** A client order id the journal knows: answer with what is known, send nothing. */
        void existing(OrderRequest request, CompletableFuture<Order> result) {
            Order known = orders.get(request.clientOrderId());
            LocalLeg leg = legs.get(request.clientOrderId());
            if (known != null) {
                result.complete(known);
            } else if (leg != null) {
                result.complete(leg.order);
            } else {
                account.queryOrder(request.clientOrderId()).toCompletableFuture()
                        .orTimeout(answerTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .whenComplete((o, e) -> post(() -> {
                            if (o != null && o.isPresent()) {
                                onOrder(o.get());
                                result.complete(o.get());
                            } else {
                                Instant now = Instant.now();
                                result.complete(Order.pending(request, ref.accountId(), now).withStatus(
                                        OrderStatus.UNKNOWN_AFTER_DISCONNECT, "client order id "
                                                + request.clientOrderId() + " was sent before and "
                                                + (e != null ? "the exchange could not be asked (" + e.getMessage() + ")"
                                                        : "the exchange has no record of it")
                                                + "; it is not sent again",
                                        now));
                            }
                        }));
            }
        }

        // ---------------------------------------------------------- the account's stream

        void onOrder(Order o) {
            String cid = o.clientOrderId();
            Order before = orders.get(cid);
            boolean ours = before != null || journal.entry(cid) != null;
            if (ours) {
                if (before != null && before.status().isFinal() && !o.status().isFinal()) {
                    return; // a late echo of an older state
                }
                orders.put(cid, o);
                // Subscribers see the order before what follows from it (exits armed, a leg that failed).
                fanOut(l -> l.onOrder(o));
                if (o.status().isFinal()) {
                    try {
                        journal.finished(cid, o.status());
                    } catch (IOException e) {
                        LOG.log(Level.WARNING, "order journal: " + e.getMessage());
                    }
                    finished.put(cid, Instant.now());
                }
                OrderJournal.Entry entry = journal.entry(cid);
                if (entry != null && entry.request.hasExits() && !nativeExits()
                        && o.filledQuantity().compareTo(entry.protectedQuantity) > 0) {
                    protect(entry, o);
                }
                if (o.request().role().isExit()) {
                    legAnswered(o);
                }
                if (o.status().isFinal()) {
                    progress.remove(cid);
                }
                return;
            }
            fanOut(l -> l.onOrder(o));
        }

        void publish(Order o) {
            fanOut(l -> l.onOrder(o));
        }

        private void fanOut(java.util.function.Consumer<TradingListener> event) {
            for (GatewaySubscription s : List.copyOf(subscribers)) {
                s.deliver(event);
            }
        }

        void replay(GatewaySubscription s) {
            if (account != null) {
                account.openOrders().forEach(o -> s.deliver(l -> l.onOrder(o)));
                account.balances().forEach(b -> s.deliver(l -> l.onBalance(b)));
                account.positions().forEach(p -> s.deliver(l -> l.onPosition(p)));
            }
            for (LocalLeg leg : legs.values()) {
                if (leg.armed()) {
                    s.deliver(l -> l.onOrder(leg.order));
                }
            }
        }

        List<Order> localOrders() {
            List<Order> out = new ArrayList<>();
            for (LocalLeg l : legs.values()) {
                if (l.armed()) {
                    out.add(l.order);
                }
            }
            return List.copyOf(out);
        }

        void purge(Instant now) {
            var it = finished.entrySet().iterator();
            while (it.hasNext()) {
                var e = it.next();
                if (finished.size() <= FINISHED_MAX && e.getValue().plus(FINISHED_IN_MEMORY).isAfter(now)) {
                    break;
                }
                orders.remove(e.getKey());
                LocalLeg leg = legs.get(e.getKey());
                if (leg != null && !leg.armed()) {
                    removeLeg(leg);
                }
                it.remove();
            }
        }

        // ---------------------------------------------------------- local exits

        /** Arms a take-profit and a stop-loss for the part of the entry's fills not yet protected. */
        private void protect(OrderJournal.Entry entry, Order o) {
            BigDecimal quantity = o.filledQuantity().subtract(entry.protectedQuantity);
            try {
                journal.protectedUpTo(entry.request.clientOrderId(), o.filledQuantity());
            } catch (IOException e) {
                LOG.log(Level.WARNING, "order journal: " + e.getMessage());
            }
            OrderRequest r = entry.request;
            Progress p = progress.getOrDefault(r.clientOrderId(), new Progress(r.clientOrderId(), null));
            if (exchangeLegs()) {
                sendLegs(entry, o, quantity, p);
                return;
            }
            p.step(OrderStep.PLACING_EXITS, "arming local TP/SL for " + quantity.toPlainString() + " filled", o);
            Optional<Instrument> instrument = instrument(r.instrument());
            int pair = legPairs.merge(r.clientOrderId(), 1, Integer::sum);
            List<LocalLeg> made = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (OrderRole role : new OrderRole[] { OrderRole.TAKE_PROFIT, OrderRole.STOP_LOSS }) {
                ExitLeg leg = role == OrderRole.TAKE_PROFIT ? r.takeProfit() : r.stopLoss();
                if (leg == null) {
                    continue;
                }
                OrderRequest legRequest = legRequest(r, role, leg, quantity, pair, instrument);
                Instant now = Instant.now();
                String problem = null;
                if (instrument.isEmpty()) {
                    problem = noInstrument(ref, r.instrument());
                } else {
                    RiskVerdict v = check(legRequest, instrument.get());
                    if (!v.accepted()) {
                        problem = "refused by the pre-trade risk check: " + v.summary();
                    } else {
                        legRequest = v.request();
                    }
                }
                LocalLeg l = new LocalLeg(ref, legRequest, now, problem == null ? OrderStatus.OPEN : OrderStatus.REJECTED,
                        problem == null ? "" : problem);
                addLeg(l);
                store(l, problem == null ? "ARMED" : "REJECTED");
                if (problem == null) {
                    made.add(l);
                    arm(l);
                } else {
                    failures.add(role.wireName() + " " + legRequest.clientOrderId() + ": " + problem);
                }
                publish(l.order);
            }
            if (made.size() == 2) {
                made.get(0).sibling = made.get(1);
                made.get(1).sibling = made.get(0);
            }
            if (failures.isEmpty()) {
                p.step(OrderStep.EXITS_PLACED, "local TP/SL armed for " + quantity.toPlainString(), o);
            } else {
                legFailed(r.clientOrderId(), String.join("; ", failures));
            }
        }

        /**
         * Sends a take-profit and a stop-loss for one fill as exchange orders, in parallel, each
         * through the risk check; when one of the pair fills, the gateway cancels the other.
         */
        private void sendLegs(OrderJournal.Entry entry, Order o, BigDecimal quantity, Progress p) {
            OrderRequest r = entry.request;
            p.step(OrderStep.PLACING_EXITS, "placing TP/SL on " + ref.exchangeId() + " for "
                    + quantity.toPlainString() + " filled", o);
            Optional<Instrument> instrument = instrument(r.instrument());
            int pair = legPairs.merge(r.clientOrderId(), 1, Integer::sum);
            List<String> sent = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            List<CompletableFuture<Order>> answers = new ArrayList<>();
            for (OrderRole role : new OrderRole[] { OrderRole.TAKE_PROFIT, OrderRole.STOP_LOSS }) {
                ExitLeg leg = role == OrderRole.TAKE_PROFIT ? r.takeProfit() : r.stopLoss();
                if (leg == null) {
                    continue;
                }
                OrderRequest legRequest = legRequest(r, role, leg, quantity, pair, instrument);
                Instant now = Instant.now();
                String problem = instrument.isEmpty() ? noInstrument(ref, r.instrument()) : null;
                if (problem == null) {
                    RiskVerdict v = check(legRequest, instrument.get());
                    if (v.accepted()) {
                        legRequest = v.request();
                    } else {
                        problem = "refused by the pre-trade risk check: " + v.summary();
                    }
                }
                if (problem == null) {
                    try {
                        journal.sent(ref, legRequest, now);
                    } catch (IOException e) {
                        problem = "cannot write the order journal (" + e.getMessage() + ")";
                    }
                }
                if (problem != null) {
                    Order rejected = Order.pending(legRequest, ref.accountId(), now).rejected(RISK_CHECK, problem, now);
                    orders.put(legRequest.clientOrderId(), rejected);
                    publish(rejected);
                    failures.add(role.wireName() + " " + legRequest.clientOrderId() + ": " + problem);
                    continue;
                }
                Order pending = Order.pending(legRequest, ref.accountId(), now);
                orders.put(legRequest.clientOrderId(), pending);
                publish(pending);
                sent.add(legRequest.clientOrderId());
                CompletableFuture<Order> answer = new CompletableFuture<>();
                answers.add(answer);
                legProgress.put(legRequest.clientOrderId(), p);
                dispatch(account.place(legRequest), legRequest, "the " + role.wireName(), new Progress(
                        legRequest.clientOrderId(), null), answer);
            }
            if (sent.size() == 2) {
                siblings.put(sent.get(0), sent.get(1));
                siblings.put(sent.get(1), sent.get(0));
            }
            if (!failures.isEmpty()) {
                legFailed(r.clientOrderId(), String.join("; ", failures));
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> post(() -> {
                boolean allOpen = answers.stream().allMatch(a -> a.join().status().isWorking()
                        || a.join().status() == OrderStatus.FILLED);
                if (allOpen && failures.isEmpty()) {
                    p.step(OrderStep.EXITS_PLACED, "TP/SL placed on " + ref.exchangeId() + " for "
                            + quantity.toPlainString(), orders.get(r.clientOrderId()));
                }
            }));
        }

        private OrderRequest legRequest(OrderRequest entry, OrderRole role, ExitLeg leg, BigDecimal quantity, int pair,
                Optional<Instrument> instrument) {
            boolean limit = leg.limitPrice() != null;
            OrderType type = role == OrderRole.TAKE_PROFIT ? (limit ? OrderType.TAKE_PROFIT_LIMIT : OrderType.TAKE_PROFIT)
                    : (limit ? OrderType.STOP_LIMIT : OrderType.STOP);
            java.util.Set<OrderFlag> flags = java.util.EnumSet.noneOf(OrderFlag.class);
            if (instrument.isPresent() && instrument.get().kind() != InstrumentKind.SPOT
                    && account.capabilities().contains(Capability.ORDER_REDUCE_ONLY)) {
                flags.add(OrderFlag.REDUCE_ONLY);
            }
            String base = entry.clientOrderId().length() > 30 ? entry.clientOrderId().substring(0, 30)
                    : entry.clientOrderId();
            String id = base + (role == OrderRole.TAKE_PROFIT ? "-tp" : "-sl") + pair;
            for (int n = 2; journal.knows(id) || legs.containsKey(id); n++) {
                id = base + (role == OrderRole.TAKE_PROFIT ? "-tp" : "-sl") + pair + "x" + n;
            }
            return new OrderRequest(id, entry.instrument(), entry.side().opposite(), type, quantity,
                    limit ? leg.limitPrice() : null, leg.triggerPrice(), TimeInForce.GTC, flags, null, null,
                    leg.triggerSource(), entry.positionSide(), entry.clientOrderId(), role);
        }

        private void addLeg(LocalLeg l) {
            legs.put(l.request.clientOrderId(), l);
            legsByEntry.computeIfAbsent(l.parent(), k -> new ArrayList<>()).add(l);
        }

        private void removeLeg(LocalLeg l) {
            legs.remove(l.request.clientOrderId());
            List<LocalLeg> siblings = legsByEntry.get(l.parent());
            if (siblings != null) {
                siblings.remove(l);
                if (siblings.isEmpty()) {
                    legsByEntry.remove(l.parent());
                }
            }
        }

        private void store(LocalLeg l, String state) {
            try {
                journal.leg(ref, l.request, l.created, state);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "order journal: local exit " + l.request.clientOrderId()
                        + " is held but could not be written (" + e.getMessage() + "); it is lost on a restart");
            }
        }

        private void arm(LocalLeg l) {
            if (account == null) {
                return;
            }
            instrument(l.request.instrument()).ifPresent(i -> market(i).watchFor(l.request.triggerSource()));
        }

        private void onPrice(MarketWatch market, TriggerSource source, BigDecimal price) {
            if (account == null || legs.isEmpty()) {
                return;
            }
            for (LocalLeg l : List.copyOf(legs.values())) {
                if (l.armed() && l.request.triggerSource() == source
                        && l.request.instrument().equals(market.instrument.id()) && l.hitBy(price)) {
                    trigger(l, price, market);
                }
            }
        }

        private void trigger(LocalLeg l, BigDecimal price, MarketWatch market) {
            Instant now = Instant.now();
            LocalLeg sibling = l.sibling;
            l.set(OrderStatus.FILLED, "triggered at " + price.toPlainString(), now);
            // The leg is done as a local order; what follows is the exchange order of the same id.
            store(l, "TRIGGERED");
            if (sibling != null && sibling.armed()) {
                sibling.set(OrderStatus.CANCELLED, "its " + l.request.role().wireName() + " sibling triggered", now);
                store(sibling, "CANCELLED");
                publish(sibling.order);
            }
            OrderRequest order = l.triggered();
            Progress p = progress.getOrDefault(l.parent(), new Progress(l.parent(), null));
            RiskVerdict v = risk.check(order, market.instrument,
                    market.context(availableQuote(market.instrument), workingOrders()), limits.limits(ref));
            if (!v.accepted()) {
                Order rejected = Order.pending(order, ref.accountId(), now).rejected(RISK_CHECK,
                        "refused by the pre-trade risk check: " + v.summary(), now);
                orders.put(order.clientOrderId(), rejected);
                publish(rejected);
                legFailed(l.parent(), l.request.role().wireName() + " " + l.request.clientOrderId()
                        + " triggered but was " + rejected.reason());
                return;
            }
            try {
                journal.sent(ref, v.request(), now);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "order journal: " + e.getMessage() + " (sending the triggered exit anyway)");
            }
            Order pending = Order.pending(v.request(), ref.accountId(), now);
            orders.put(order.clientOrderId(), pending);
            publish(pending);
            dispatch(account.place(v.request()), v.request(), "the " + l.request.role().wireName(), p,
                    new CompletableFuture<>());
        }

        /** An exit leg's order changed on the exchange. */
        private void legAnswered(Order o) {
            Progress entryProgress = o.status().isFinal() ? legProgress.remove(o.clientOrderId()) : null;
            if (o.status() == OrderStatus.REJECTED && reportedLegs.add(o.clientOrderId())) {
                // once per leg (the answer and the stream both tell): which leg, the exchange's text,
                // what it leaves unprotected and what stays
                String role = o.request().role().wireName();
                String sibling = siblings.get(o.clientOrderId());
                Order other = sibling == null ? null : orders.get(sibling);
                legFailed(o.request().parentClientOrderId(), role + " " + o.clientOrderId() + " rejected by "
                        + ref.exchangeId() + ": " + o.reason() + " (" + o.request().quantity().toPlainString()
                        + " of the fill has no " + role + (other != null && !other.status().isFinal() ? "; the "
                                + other.request().role().wireName() + " " + sibling + " stays" : "") + ")",
                        entryProgress);
            }
            String sibling = o.status().isFinal() ? siblings.remove(o.clientOrderId()) : null;
            if (sibling != null) {
                siblings.remove(sibling);
                Order other = orders.get(sibling);
                if (o.status() == OrderStatus.FILLED && other != null && other.status().isWorking()) {
                    // one-cancels-other, kept by the gateway for exits the exchange does not link
                    account.cancel(sibling).toCompletableFuture()
                            .orTimeout(answerTimeout.toMillis(), TimeUnit.MILLISECONDS)
                            .whenComplete((c, e) -> post(() -> {
                                if (e != null) {
                                    legFailed(o.request().parentClientOrderId(), "the "
                                            + other.request().role().wireName() + " " + sibling
                                            + " could not be cancelled after " + o.clientOrderId() + " filled: "
                                            + message(e));
                                } else {
                                    onOrder(c);
                                }
                            }));
                }
            }
        }

        /** Shows a failed leg on its entry: the entry again with the reason, and a FAILED step. */
        private void legFailed(String entryId, String text) {
            legFailed(entryId, text, null);
        }

        /**
         * Shows a failed leg on its entry: the entry again with the reason, and a FAILED step on the
         * entry's progress ({@code entryProgress}, else the entry's while it is in flight).
         */
        private void legFailed(String entryId, String text, Progress entryProgress) {
            LOG.log(Level.WARNING, "exit of " + entryId + " on " + ref + " failed: " + text);
            Order entry = orders.get(entryId);
            if (entry != null) {
                Order shown = withReason(entry, "exit failed: " + text);
                orders.put(entryId, shown);
                publish(shown);
                Progress p = entryProgress != null ? entryProgress
                        : progress.getOrDefault(entryId, new Progress(entryId, null));
                p.step(OrderStep.FAILED, "exit failed: " + text, shown);
            }
        }

        // ---------------------------------------------------------- cancel, amend

        void cancel(String clientOrderId, CompletableFuture<Order> result) {
            LocalLeg leg = legs.get(clientOrderId);
            if (leg != null && leg.armed()) {
                leg.set(OrderStatus.CANCELLED, "cancelled by the user", Instant.now());
                store(leg, "CANCELLED");
                if (leg.sibling != null) {
                    leg.sibling.sibling = null;
                }
                publish(leg.order);
                result.complete(leg.order);
                return;
            }
            Order known = orders.get(clientOrderId);
            account.cancel(clientOrderId).toCompletableFuture()
                    .orTimeout(answerTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((o, e) -> post(() -> {
                        if (e == null) {
                            onOrder(o);
                            result.complete(o);
                        } else if (known != null) {
                            result.complete(withReason(orders.getOrDefault(clientOrderId, known),
                                    "cancel failed: " + message(e)));
                        } else {
                            result.completeExceptionally(new IllegalStateException("cannot cancel " + clientOrderId
                                    + " on " + ref + ": " + message(e)));
                        }
                    }));
        }

        void amend(AmendRequest a, CompletableFuture<Order> result) {
            LocalLeg leg = legs.get(a.clientOrderId());
            Order known = leg != null && leg.armed() ? leg.order : orders.get(a.clientOrderId());
            if (known == null) {
                account.openOrders().stream().filter(o -> o.clientOrderId().equals(a.clientOrderId())).findFirst()
                        .ifPresent(o -> orders.put(o.clientOrderId(), o));
                known = orders.get(a.clientOrderId());
            }
            if (known == null) {
                result.completeExceptionally(new IllegalArgumentException("no working order " + a.clientOrderId()
                        + " on " + ref));
                return;
            }
            OrderRequest r = known.request();
            OrderRequest changed;
            try {
                changed = r.withAmounts(a.quantity() != null ? a.quantity() : r.quantity(),
                        a.price() != null ? a.price() : r.price(),
                        a.triggerPrice() != null ? a.triggerPrice() : r.triggerPrice());
            } catch (IllegalArgumentException e) {
                result.complete(withReason(known, "amend refused: " + e.getMessage()));
                return;
            }
            Optional<Instrument> instrument = instrument(r.instrument());
            if (instrument.isEmpty()) {
                result.complete(withReason(known, "amend refused: " + noInstrument(ref, r.instrument())));
                return;
            }
            RiskVerdict v = check(changed, instrument.get());
            if (!v.accepted()) {
                result.complete(withReason(known, "amend refused by the pre-trade risk check: " + v.summary()));
                return;
            }
            OrderRequest checked = v.request();
            if (leg != null && leg.armed()) {
                LocalLeg amended = new LocalLeg(ref, checked, leg.created, OrderStatus.OPEN, "");
                amended.sibling = leg.sibling;
                if (leg.sibling != null) {
                    leg.sibling.sibling = amended;
                }
                removeLeg(leg);
                addLeg(amended);
                store(amended, "ARMED");
                publish(amended.order);
                result.complete(amended.order);
                return;
            }
            AmendRequest rounded = new AmendRequest(a.clientOrderId(), a.price() == null ? null : checked.price(),
                    a.quantity() == null ? null : checked.quantity(),
                    a.triggerPrice() == null ? null : checked.triggerPrice());
            Order before = known;
            account.amend(rounded).toCompletableFuture().orTimeout(answerTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((o, e) -> post(() -> {
                        if (e == null) {
                            onOrder(o);
                            result.complete(o);
                        } else {
                            result.complete(withReason(orders.getOrDefault(a.clientOrderId(), before),
                                    "amend failed: " + message(e)));
                        }
                    }));
        }

        void cancelAll(Optional<InstrumentId> instrument, CompletableFuture<Integer> result) {
            int local = 0;
            for (LocalLeg leg : List.copyOf(legs.values())) {
                if (leg.armed() && instrument.map(i -> i.equals(leg.request.instrument())).orElse(true)) {
                    leg.set(OrderStatus.CANCELLED, "cancel all", Instant.now());
                    store(leg, "CANCELLED");
                    publish(leg.order);
                    local++;
                }
            }
            int cancelledLocally = local;
            account.cancelAll(instrument).toCompletableFuture()
                    .orTimeout(answerTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((n, e) -> post(() -> {
                        if (e == null) {
                            result.complete(n + cancelledLocally);
                        } else {
                            result.completeExceptionally(new IllegalStateException("cancel all on " + ref + ": "
                                    + message(e) + (cancelledLocally > 0 ? " (" + cancelledLocally
                                            + " local exit(s) were cancelled)" : "")));
                        }
                    }));
        }

        // ---------------------------------------------------------- after a restart

        void resume(List<OrderJournal.Entry> open, List<OrderJournal.StoredLeg> stored) {
            Instant now = Instant.now();
            for (OrderJournal.StoredLeg s : stored) {
                LocalLeg l = new LocalLeg(ref, s.request(), s.created(), OrderStatus.OPEN, "");
                addLeg(l);
            }
            for (List<LocalLeg> pair : legsByEntry.values()) {
                pairUp(pair);
            }
            for (LocalLeg l : legs.values()) {
                arm(l);
                publish(l.order);
            }
            if (!stored.isEmpty()) {
                LOG.log(Level.WARNING, stored.size() + " local exit(s) of " + ref
                        + " were re-armed; nothing watched them while Tradebench was closed");
            }
            if (open.isEmpty()) {
                if (!stored.isEmpty()) {
                    fanOut(x -> x.onReconciliation(new Reconciliation(ref.accountId(), now, stored.size()
                            + " local exit(s) re-armed after a restart; they were not watched while Tradebench was"
                            + " closed", localOrders(), List.of())));
                }
                return;
            }
            List<CompletableFuture<Optional<Order>>> queries = new ArrayList<>();
            for (OrderJournal.Entry e : open) {
                queries.add(account.queryOrder(e.request.clientOrderId()).toCompletableFuture()
                        .orTimeout(answerTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .exceptionally(x -> Optional.empty()));
            }
            CompletableFuture.allOf(queries.toArray(CompletableFuture[]::new)).whenComplete((v, x) -> post(() -> {
                List<Order> found = new ArrayList<>();
                for (int i = 0; i < open.size(); i++) {
                    OrderJournal.Entry e = open.get(i);
                    Optional<Order> o = queries.get(i).join();
                    if (o.isPresent()) {
                        found.add(o.get());
                        onOrder(o.get());
                    } else {
                        Order unknown = Order.pending(e.request, ref.accountId(), e.sentAt).withStatus(
                                OrderStatus.UNKNOWN_AFTER_DISCONNECT, "sent before the restart; " + ref.exchangeId()
                                        + " could not say what became of it yet",
                                now);
                        orders.put(e.request.clientOrderId(), unknown);
                        found.add(unknown);
                        publish(unknown);
                        thread.schedule(() -> reconcile(e.request.clientOrderId()), answerTimeout.toMillis(),
                                TimeUnit.MILLISECONDS);
                    }
                }
                List<Order> shown = new ArrayList<>(found);
                shown.addAll(localOrders());
                fanOut(l -> l.onReconciliation(new Reconciliation(ref.accountId(), Instant.now(), found.size()
                        + " order(s) sent before the restart found again"
                        + (stored.isEmpty() ? "" : "; " + stored.size()
                                + " local exit(s) re-armed, not watched while Tradebench was closed"),
                        shown, List.of())));
            }));
        }

        private void pairUp(List<LocalLeg> entryLegs) {
            Map<String, LocalLeg> byPair = new HashMap<>();
            for (LocalLeg l : entryLegs) {
                String id = l.request.clientOrderId();
                String key = id.replace("-tp", "-xx").replace("-sl", "-xx");
                LocalLeg other = byPair.put(key, l);
                if (other != null) {
                    other.sibling = l;
                    l.sibling = other;
                }
            }
        }
    }

    private static Order withReason(Order o, String reason) {
        return new Order(o.id(), o.clientOrderId(), o.request(), o.status(), o.filledQuantity(), o.averagePrice(),
                reason, o.created(), Instant.now(), o.accountId(), o.errorCode(), o.placement());
    }

    private static String message(Throwable e) {
        Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (c instanceof TimeoutException) {
            return "no answer in time";
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
