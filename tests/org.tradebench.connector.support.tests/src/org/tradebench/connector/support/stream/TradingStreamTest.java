package org.tradebench.connector.support.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.Subscription;
import org.tradebench.api.account.Balance;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.Reconciliation;
import org.tradebench.api.trading.TradingListener;
import org.tradebench.connector.support.Await;
import org.tradebench.connector.support.ConnectorRuntime;

/**
 * A trading account's stream: a newcomer first gets the account's current state (asked for under
 * the lock, on the control thread), then every order, fill, balance and reconciliation in order,
 * each through the listener method for its type; the data state reaches every listener; closing
 * the account ends every subscription CLOSED.
 */
class TradingStreamTest {

    private static final InstrumentId BTC = new InstrumentId("bitfinex", "BTC/USD");
    private static final Instant T = Instant.parse("2026-01-27T10:00:00Z");

    private final ConnectorRuntime runtime = ConnectorRuntime.start("tstest");

    @AfterEach
    void close() {
        runtime.close();
    }

    /** Records each callback as a line. */
    private static final class Lines implements TradingListener {
        final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void onOrder(Order order) {
            lines.add("order " + order.clientOrderId() + " " + order.status());
        }

        @Override
        public synchronized void onFill(Fill fill) {
            lines.add("fill " + fill.id() + " " + fill.quantity().toPlainString());
        }

        @Override
        public synchronized void onBalance(Balance balance) {
            lines.add("balance " + balance.currency() + " " + balance.total().toPlainString());
        }

        @Override
        public synchronized void onReconciliation(Reconciliation r) {
            lines.add("reconciliation " + r.cause());
        }

        @Override
        public synchronized void onHealth(DataHealth h) {
            lines.add("health " + h.state().wireName() + (h.cause().isEmpty() ? "" : ": " + h.cause()));
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }
    }

    private static Balance usd(String total) {
        return new Balance("bitfinex", "main", Balance.EXCHANGE, "USD", new BigDecimal(total), new BigDecimal(total),
                null, T);
    }

    @Test
    void newcomerGetsTheCurrentStateFirstThenEveryEventInOrder() {
        Order open = Order.pending(OrderRequest.limit("c1", BTC, Side.BUY, new BigDecimal("0.5"),
                new BigDecimal("65000")), "main", T);
        AtomicReference<List<Object>> current = new AtomicReference<>(List.of(open, usd("1000")));
        List<String> askedOn = new ArrayList<>();
        TradingStream stream = new TradingStream(runtime, "bitfinex account main", () -> {
            askedOn.add(Thread.currentThread().getName() + " locked=" + Thread.holdsLock(runtime.lock()));
            return current.get();
        });

        Lines first = new Lines();
        Subscription s1 = stream.subscribe(first);
        Await.quiet(runtime);
        assertEquals(List.of("order c1 PENDING_NEW", "balance USD 1000"), first.lines());
        assertEquals(List.of("tstest-connector locked=true"), askedOn);

        synchronized (runtime.lock()) {
            stream.fill(new Fill(BTC, "o1", "c1", "f1", Side.BUY, new BigDecimal("65000"), new BigDecimal("0.2"),
                    BigDecimal.ZERO, "USD", true, T, "main"));
            stream.balance(usd("987"));
            current.set(List.of(usd("987")));
            stream.reconciliation(new Reconciliation("main", T, "reconnect", List.of(), List.of()));
        }
        Lines second = new Lines();
        Subscription s2 = stream.subscribe(second);
        Await.quiet(runtime);
        assertEquals(List.of("order c1 PENDING_NEW", "balance USD 1000", "fill f1 0.2", "balance USD 987",
                "reconciliation reconnect"), first.lines());
        assertEquals(List.of("balance USD 987"), second.lines(), "the state now, not the history");

        synchronized (runtime.lock()) {
            stream.state(DataState.RESYNCING, "reconnecting the account stream");
            stream.order(open);
        }
        Await.quiet(runtime);
        assertEquals(List.of("balance USD 987", "health resyncing: reconnecting the account stream",
                "order c1 PENDING_NEW"), second.lines());

        synchronized (runtime.lock()) {
            stream.close();
        }
        Await.quiet(runtime);
        assertEquals("health closed: connector closed", second.lines().get(second.lines().size() - 1));
        assertFalse(s1.isActive());
        assertFalse(s2.isActive());
    }
}
