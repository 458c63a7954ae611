package org.tradebench.connector.bitfinex.internal.trading;

import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.connector.bitfinex.internal.BitfinexAdapters;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChange;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOrder;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOwnTrade;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexProtocolException;
import org.tradebench.connector.bitfinex.internal.rest.BitfinexRest;
import org.tradebench.connector.bitfinex.internal.rest.RestPayloads;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.health.HealthModel;
import org.tradebench.connector.support.stream.TradingStream;
import org.tradebench.transport.HttpResult;

/**
 * After every (re)authentication and after an account sequence gap: the account is compared with
 * the exchange over REST. Wallets ({@code /v2/auth/r/wallets}) and positions
 * ({@code /positions}) replace what was known; the own trades since the loss
 * ({@code /v2/auth/r/trades/hist}, {@link OwnTradeRecovery}) become fills, oldest first, ahead of
 * the order updates they led to (the socket's order and trade messages wait meanwhile,
 * {@link #inOrder}); open orders ({@code /v2/auth/r/orders}) update their orders; orders that were
 * live before the loss and are no longer open are looked up in {@code /v2/auth/r/orders/hist}, so a
 * fill or cancel that happened while disconnected is shown. What changed is published as one
 * {@link org.tradebench.api.trading.Reconciliation}.
 *
 * <p>Runtime lock held for everything.
 */
final class Reconciliation {

    private static final System.Logger LOG = System.getLogger(Reconciliation.class.getName());

    private final ConnectorRuntime runtime;
    private final BitfinexRest rest;
    private final RestPayloads payloads;
    private final OrderTracker orders;
    private final AccountState account;
    private final TradingStream events;
    private final HealthModel.Session session;

    /** Account messages held while the own trades missed are fetched, so fills precede order updates. */
    private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();
    private boolean recoveringTrades;
    /** Bitfinex's timestamp of the last account frame (TIMESTAMP flag), 0 before the first. */
    long lastExchangeMts;
    /** Local epoch ms of the loss (or sequence gap) whose own trades are still to fetch, 0 when none. */
    private long tradesMissedSince;
    private long tradesMissedSinceExchange;
    // what the run in progress found
    private final List<Order> changed = new ArrayList<>();
    private final List<Fill> recovered = new ArrayList<>();
    private String cause = "start";
    /** Counts the sessions lost: an answer to a request of an earlier session is not applied. */
    private long generation;

    Reconciliation(ConnectorRuntime runtime, BitfinexRest rest, RestPayloads payloads, OrderTracker orders,
            AccountState account, TradingStream events, HealthModel.Session session) {
        this.runtime = runtime;
        this.rest = rest;
        this.payloads = payloads;
        this.orders = orders;
        this.account = account;
        this.events = events;
        this.session = session;
    }

    /** Remembers that own trades may have been missed from now on (kept until they were fetched). */
    void markTradesMissed(long nowMillis) {
        if (tradesMissedSince == 0) {
            tradesMissedSince = nowMillis;
            tradesMissedSinceExchange = lastExchangeMts;
        }
    }

    /** Runs an account message now, or after the own trade recovery in progress. */
    void inOrder(Runnable r) {
        if (recoveringTrades) {
            deferred.add(r);
        } else {
            r.run();
        }
    }

    /**
     * The authenticated session was lost: answers to requests sent before are stale (an order
     * list read before the loss must not turn an order the loss made unknown back into open).
     */
    void sessionLost() {
        generation++;
    }

    /** Compares the account with the exchange. */
    void reconcile(String why) {
        cause = why;
        changed.clear();
        recovered.clear();
        long gen = generation;
        // A REST answer is what was true when it was asked: the stream may have moved on since.
        long asked = account.streamSequence();
        rest.authPost("auth/r/wallets", "{}").thenAccept(r -> runtime.execute(() -> {
            if (gen != generation) {
                return;
            }
            if (r instanceof HttpResult.Success ok) {
                decode(() -> payloads.wallets(ok.body()).forEach(w -> account.onRestWallet(w, asked)));
            } else {
                LOG.log(Level.WARNING, "Bitfinex wallet reconciliation failed: " + ((HttpResult.Failure) r).describe());
            }
        }));
        rest.authPost("auth/r/positions", "{}").thenAccept(r -> runtime.execute(() -> {
            if (gen != generation) {
                return;
            }
            if (r instanceof HttpResult.Success ok) {
                decode(() -> account.onRestPositions(payloads.positions(ok.body()), asked));
            } else {
                LOG.log(Level.WARNING, "Bitfinex position reconciliation failed: " + ((HttpResult.Failure) r).describe());
            }
        }));
        if (tradesMissedSince != 0) {
            recoverTrades(() -> reconcileOrders(gen));
        } else {
            reconcileOrders(gen);
        }
    }

    /**
     * Fetches the own trades since the loss and emits a fill for each one not emitted before,
     * oldest first, paging until the history has nothing older left; then runs {@code then}.
     */
    private void recoverTrades(Runnable then) {
        long start = OwnTradeRecovery.since(account.lastOwnTradeMts, tradesMissedSinceExchange, tradesMissedSince,
                OwnTradeRecovery.MARGIN);
        recoveringTrades = true;
        fetchTrades(start, then);
    }

    private void fetchTrades(long start, Runnable then) {
        rest.authPost(OwnTradeRecovery.PATH, OwnTradeRecovery.requestBody(start, OwnTradeRecovery.LIMIT))
                .whenComplete((r, e) -> runtime.execute(() -> {
                    boolean more = false;
                    long nextStart = start;
                    try {
                        if (r instanceof HttpResult.Success ok) {
                            List<BitfinexOwnTrade> page = new ArrayList<>();
                            decode(() -> page.addAll(RestPayloads.ownTrades(ok.body())));
                            List<BitfinexOwnTrade> missed = OwnTradeRecovery.missing(page, account::filled);
                            for (BitfinexOwnTrade t : missed) {
                                Fill f = account.emitFill(t);
                                if (f != null) {
                                    recovered.add(f);
                                }
                            }
                            if (!missed.isEmpty()) {
                                LOG.log(Level.INFO, "Bitfinex: " + missed.size()
                                        + " own trade(s) executed while disconnected recovered from the trade history");
                            }
                            // Oldest first from the start: a page may be capped below the limit asked
                            // for, so ask again from the newest trade of this page (inclusive; trades
                            // seen already are skipped) until a page brings nothing newer.
                            if (!page.isEmpty()) {
                                long newest = page.stream().mapToLong(BitfinexOwnTrade::time).max().orElse(start);
                                long oldest = page.stream().mapToLong(BitfinexOwnTrade::time).min().orElse(start);
                                if (newest > oldest) {
                                    more = newest > start;
                                    nextStart = newest;
                                } else {
                                    // a whole page in one millisecond: step past it (the only way on)
                                    more = true;
                                    nextStart = newest + 1;
                                }
                            }
                            if (!more) {
                                tradesMissedSince = 0;
                            }
                        } else {
                            LOG.log(Level.WARNING, "Bitfinex own trade history lookup failed: "
                                    + (r instanceof HttpResult.Failure f ? f.describe() : String.valueOf(e)));
                        }
                    } finally {
                        if (more) {
                            fetchTrades(nextStart, then);
                        } else {
                            recoveringTrades = false;
                            while (!deferred.isEmpty() && !recoveringTrades) {
                                deferred.poll().run();
                            }
                            then.run();
                        }
                    }
                }));
    }

    /** Open orders from REST; orders no longer open are looked up in the history. */
    private void reconcileOrders(long gen) {
        if (gen != generation) {
            return; // the session was lost meanwhile: the next one reconciles
        }
        rest.authPost("auth/r/orders", "{}").thenAccept(r -> runtime.execute(() -> {
            if (gen != generation) {
                return;
            }
            if (!(r instanceof HttpResult.Success ok)) {
                LOG.log(Level.WARNING, "Bitfinex order reconciliation failed: " + ((HttpResult.Failure) r).describe());
                finish();
                return;
            }
            Set<Long> open = new HashSet<>();
            decode(() -> {
                for (BitfinexOrder o : payloads.orders(ok.body())) {
                    open.add(o.id());
                    noteChange(o.id(), () -> orders.onExchangeOrder(BitfinexChange.UPDATE, o));
                }
            });
            settleClosed(open, gen);
        }));
    }

    /** Orders live before the loss and no longer open: their end is in the order history. */
    private void settleClosed(Set<Long> open, long gen) {
        List<TrackedOrder> missing = new ArrayList<>();
        for (TrackedOrder t : orders.live()) {
            if (t.order.status() == OrderStatus.UNKNOWN_AFTER_DISCONNECT && !open.contains(t.id)) {
                missing.add(t);
            }
        }
        if (missing.isEmpty()) {
            finish();
            return;
        }
        List<Long> ids = new ArrayList<>();
        long oldestUnacknowledged = Long.MAX_VALUE;
        for (TrackedOrder t : missing) {
            if (t.id != 0) {
                ids.add(t.id);
            } else {
                oldestUnacknowledged = Math.min(oldestUnacknowledged, t.order.created().toEpochMilli());
            }
        }
        long since = oldestUnacknowledged;
        lookUpClosed(ids, 0, gen, () -> lookUpUnacknowledged(since, gen, () -> settleMissing(missing)));
    }

    /** Orders per order-history request by id (Bitfinex answers at most {@code limit} rows). */
    static final int IDS_PER_REQUEST = 100;

    /** The known ids in the order history, {@link #IDS_PER_REQUEST} at a time. */
    private void lookUpClosed(List<Long> ids, int from, long gen, Runnable then) {
        if (from >= ids.size()) {
            then.run();
            return;
        }
        List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_REQUEST));
        StringBuilder body = new StringBuilder("{\"id\":[");
        for (int i = 0; i < chunk.size(); i++) {
            body.append(i == 0 ? "" : ",").append(chunk.get(i));
        }
        body.append("],\"limit\":").append(chunk.size()).append('}');
        rest.authPost("auth/r/orders/hist", body.toString()).thenAccept(r -> runtime.execute(() -> {
            if (gen != generation) {
                return;
            }
            applyClosed(r, true);
            lookUpClosed(ids, from + chunk.size(), gen, then);
        }));
    }

    /**
     * Orders sent but never acknowledged (no id yet) may have been placed and closed meanwhile:
     * their rows in the order history since they were sent are found by cid.
     */
    private void lookUpUnacknowledged(long since, long gen, Runnable then) {
        if (since == Long.MAX_VALUE) {
            then.run();
            return;
        }
        String body = "{\"start\":" + (since - OwnTradeRecovery.MARGIN.toMillis()) + ",\"limit\":2500}";
        rest.authPost("auth/r/orders/hist", body).thenAccept(r -> runtime.execute(() -> {
            if (gen != generation) {
                return;
            }
            applyClosed(r, false);
            then.run();
        }));
    }

    private void applyClosed(HttpResult r, boolean byId) {
        if (r instanceof HttpResult.Success ok) {
            decode(() -> {
                for (BitfinexOrder o : payloads.orders(ok.body())) {
                    TrackedOrder t = byId ? orders.byId(o.id())
                            : o.clientOrderId() == null ? null : orders.byCid(o.clientOrderId());
                    if (t != null && (byId || t.id == 0)) {
                        orders.identified(t, o.id());
                        noteChange(o.id(), () -> orders.onExchangeOrder(BitfinexChange.CLOSE, o));
                    }
                }
            });
        } else {
            LOG.log(Level.WARNING, "Bitfinex order history lookup failed: " + ((HttpResult.Failure) r).describe());
        }
    }

    /** What is still unknown after the lookups: never acknowledged means never placed. */
    private void settleMissing(List<TrackedOrder> missing) {
        Instant now = Instant.now();
        for (TrackedOrder t : missing) {
            if (t.order.status() == OrderStatus.UNKNOWN_AFTER_DISCONNECT && t.id == 0) {
                // Never acknowledged and not on the exchange: it was not placed.
                orders.update(t, OrderStatus.REJECTED, BigDecimal.ZERO, null,
                        "the connection dropped before Bitfinex acknowledged the order; it is not on the exchange",
                        now);
                changed.add(t.order);
            } else if (t.order.status() == OrderStatus.UNKNOWN_AFTER_DISCONNECT) {
                LOG.log(Level.WARNING, "Bitfinex " + t + " is neither open nor in the order history");
            }
        }
        finish();
    }

    /** Applies an order message and remembers the order when its state changed. */
    private void noteChange(long id, Runnable apply) {
        TrackedOrder t = orders.byId(id);
        Order before = t == null ? null : t.order;
        apply.run();
        TrackedOrder after = orders.byId(id);
        if (after != null && (before == null || before.status() != after.order.status()
                || before.filledQuantity().compareTo(after.order.filledQuantity()) != 0)) {
            changed.add(after.order);
        }
    }

    private void finish() {
        org.tradebench.api.trading.Reconciliation result = new org.tradebench.api.trading.Reconciliation(
                BitfinexAdapters.ACCOUNT_ID, Instant.now(), cause, changed, recovered);
        events.reconciliation(result);
        changed.clear();
        recovered.clear();
    }

    private void decode(Runnable r) {
        try {
            r.run();
        } catch (BitfinexProtocolException e) {
            session.error();
            LOG.log(Level.WARNING, "Bitfinex REST answer could not be read: " + e.getMessage());
        }
    }
}
