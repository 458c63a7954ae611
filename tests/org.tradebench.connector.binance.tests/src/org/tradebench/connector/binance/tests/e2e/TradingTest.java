package org.tradebench.connector.binance.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.account.Position;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.TradingListener;
import org.tradebench.connector.binance.internal.BinanceConnector;
import org.tradebench.connector.binance.internal.trading.BinanceTradingAccount;
import org.tradebench.connector.conformance.Await;

/**
 * Binance trading end to end against the simulator: rejections with Binance's code and text, a
 * WebSocket API connection that drops mid-order (the order is found again, never sent twice),
 * Ed25519 keys with session.logon, fills over the account stream, and a USD-M listenKey that
 * expires during an open position (renewed, reconciled, shown in health).
 */
class TradingTest {

    private BinanceTradingTarget target;
    private BinanceConnector connector;

    @AfterEach
    void stop() {
        if (connector != null) {
            connector.close();
        }
        if (target != null) {
            target.close();
        }
    }

    private BinanceTradingAccount start(boolean usdm, boolean ed25519) {
        target = new BinanceTradingTarget(usdm);
        target.useEd25519 = ed25519;
        connector = target.connect(Map.of());
        BinanceTradingAccount a = connector.account();
        Await.until(() -> connector.catalog().loaded(), () -> "instruments");
        Await.until(() -> a.health().state() == ConnectionState.LIVE && a.accountLive(),
                () -> "order entry and account stream live: " + a.health());
        return a;
    }

    private static Order get(java.util.concurrent.CompletionStage<Order> s) {
        try {
            return s.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private OrderRequest resting(String id) {
        BigDecimal bid = target.sim.liveBook(target.raw()).bids().get(0).price();
        BigDecimal tick = target.usdm ? new BigDecimal("0.1") : new BigDecimal("0.01");
        BigDecimal price = bid.multiply(new BigDecimal("0.97")).divide(tick, 0, RoundingMode.DOWN).multiply(tick);
        return OrderRequest.limit(id, target.primary(), Side.BUY, target.quantity(), price);
    }

    @Test
    void aRejectionCarriesBinancesCodeAndText() {
        BinanceTradingAccount a = start(false, false);
        target.sim.rejectNextOrder(-2010, "Account has insufficient balance for requested action.");
        Order o = get(a.place(resting("rej-1")));
        assertEquals(OrderStatus.REJECTED, o.status(), o.toString());
        assertEquals("-2010", o.errorCode());
        assertEquals("Binance rejected the order: Account has insufficient balance for requested action. (code -2010)",
                o.reason());
    }

    @Test
    void a429IsShownInHealthAndNothingIsSentUntilItsRetryAfter() {
        BinanceTradingAccount a = start(false, false);
        // Binance's 429 says Retry-After to the end of the weight minute: start early in a minute of
        // the simulator's clock, so the back-off still runs when the second order is placed
        Await.until(java.time.Duration.ofSeconds(20), () -> target.sim.now().toEpochMilli() % 60_000 < 45_000,
                () -> "the start of a minute");
        // the order itself meets the 429: a background request (time sync, reconciliation) meeting
        // it first would hold the order locally instead, which is right but not what this checks
        target.sim.rateLimitOrders(1);
        Order limited = get(a.place(resting("rl-1")));
        assertEquals(OrderStatus.REJECTED, limited.status(), limited.toString());
        assertEquals("-1003", limited.errorCode(), limited.toString());
        Await.until(() -> {
            SessionHealth s = a.health().sessions().get(SessionHealth.TRADING);
            return s != null && s.cause().matches("rate limited until \\d\\d:\\d\\d:\\d\\d \\(429\\)");
        }, () -> "the back-off in health: " + a.health().sessions());

        // during the back-off nothing leaves: sending anyway would get the IP banned (418)
        Order held = get(a.place(resting("rl-2")));
        assertEquals(OrderStatus.REJECTED, held.status(), held.toString());
        assertTrue(held.reason().startsWith("not sent: Binance rate limited until "), held.reason());
        assertEquals(0, target.sim.newOrderRequests("rl-2"), "never reached Binance");
    }

    @Test
    void aWebSocketApiDropMidOrderFindsTheOrderAndNeverSendsItTwice() {
        for (boolean usdm : new boolean[] { false, true }) {
            if (connector != null) {
                connector.close();
                target.close();
            }
            BinanceTradingAccount a = start(usdm, false);
            target.sim.dropWebSocketApiMidOrder(1);
            OrderRequest r = resting("drop-1");
            Order o = get(a.place(r));
            assertEquals(OrderStatus.OPEN, o.status(), (usdm ? "USD-M " : "spot ") + o);
            assertEquals(1, target.sim.newOrderRequests("drop-1"));
            assertEquals(o.status(), get(a.place(r)).status());
            assertEquals(1, target.sim.newOrderRequests("drop-1"), "never sent twice");
            Order c = get(a.cancel("drop-1"));
            assertEquals(OrderStatus.CANCELLED, c.status(), c.toString());
        }
    }

    @Test
    void ed25519KeysLogOnAndTradeWithFillsOverTheAccountStream() {
        BinanceTradingAccount a = start(false, true);
        List<Fill> fills = new CopyOnWriteArrayList<>();
        a.subscribe(new TradingListener() {
            @Override
            public void onFill(Fill fill) {
                fills.add(fill);
            }
        });
        Order o = get(a.place(OrderRequest.market("ed-1", target.primary(), Side.BUY, target.quantity())));
        Await.until(() -> a.openOrders().isEmpty() && !fills.isEmpty(), () -> "the fill: " + o + " " + fills);
        assertEquals("ed-1", fills.get(0).clientOrderId());
        assertEquals(0, target.sim.signatureFailures());
        Await.until(() -> a.balances().stream().anyMatch(b -> b.currency().equals("BTC")
                && b.total().signum() > 0), () -> "the bought BTC: " + a.balances());
    }

    @Test
    void anExpiredListenKeyDuringAnOpenPositionIsRenewedAndReconciled() {
        BinanceTradingAccount a = start(true, false);
        BigDecimal q = target.quantity();
        get(a.place(OrderRequest.market("pos-1", target.primary(), Side.BUY, q.add(q))));
        Await.until(() -> a.positions().stream().anyMatch(p -> p.side() == PositionSide.LONG
                && p.quantity().compareTo(q.add(q)) == 0), () -> "the long position: " + a.positions());
        target.sim.expireListenKey();
        Await.until(() -> a.listenKeyRenewals() >= 1 && a.accountLive() && target.sim.listenKey() != null,
                () -> "the listenKey renewed: " + a.health().sessions().get(SessionHealth.ACCOUNT));
        // the position changes after the renewal: the new stream (or the reconciliation) shows it
        get(a.place(OrderRequest.market("pos-2", target.primary(), Side.SELL, q)));
        Await.until(() -> {
            Position p = a.positions().stream().filter(x -> x.side() == PositionSide.LONG).findFirst().orElse(null);
            return p != null && p.quantity().compareTo(q) == 0 && p.entryPrice() != null && p.leverage() != null;
        }, () -> "the reduced position: " + a.positions());
        assertTrue(a.health().sessions().containsKey(SessionHealth.ACCOUNT));
    }

    @Test
    void theAccountIsPolledWhileItsStreamIsDownAndHealthSaysSo() {
        BinanceTradingAccount a = start(true, false);
        target.sim.refuseConnections(503);
        target.sim.dropConnections();
        Await.until(() -> {
            SessionHealth s = a.health().sessions().get(SessionHealth.ACCOUNT);
            return s != null && s.state() == ConnectionState.REST_FALLBACK && s.cause().contains("account: polling");
        }, () -> "account: polling: " + a.health().sessions());
        target.sim.acceptConnections();
        Await.until(() -> a.accountLive() && a.health().sessions().get(SessionHealth.ACCOUNT).state()
                == ConnectionState.LIVE, () -> "the stream back: " + a.health().sessions());
    }
}
