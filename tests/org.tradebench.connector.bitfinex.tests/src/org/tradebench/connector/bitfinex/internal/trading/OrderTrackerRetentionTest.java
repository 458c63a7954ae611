package org.tradebench.connector.bitfinex.internal.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.connector.bitfinex.internal.BitfinexAdapters;
import org.tradebench.connector.bitfinex.internal.BitfinexCatalog;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexCid;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexConf;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.orders.OrderRegistry;
import org.tradebench.connector.support.stream.TradingStream;

/** Finished Bitfinex orders leave memory after the retention's bounds; their ids stay used. */
class OrderTrackerRetentionTest {

    private final ConnectorRuntime runtime = ConnectorRuntime.inline("retention-test");
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final Instrument btc = BitfinexCatalog.build(List.of(new BitfinexConf.BitfinexPairInfo("tBTCUSD",
            new BigDecimal("0.00004"), new BigDecimal("2000"), false))).get(0);
    private final OrderTracker orders = new OrderTracker(new TradingStream(runtime, "test", List::of),
            runtime.delivery(), raw -> Optional.of(btc), new OrderRegistry.Retention(Duration.ofMinutes(1), 2, 100),
            clock::get);

    private TrackedOrder place(String id, long exchangeId) {
        Instant now = Instant.ofEpochMilli(clock.get());
        OrderRequest r = OrderRequest.limit(id, btc.id(), Side.BUY, new BigDecimal("0.01"), new BigDecimal("60000"));
        TrackedOrder t = new TrackedOrder(id, btc, BitfinexCid.of(id), BitfinexCid.date(now),
                Order.pending(r, BitfinexAdapters.ACCOUNT_ID, now));
        orders.register(t);
        orders.identified(t, exchangeId);
        orders.update(t, OrderStatus.OPEN, BigDecimal.ZERO, null, "", now);
        return t;
    }

    @Test
    void finishedOrdersBeyondTheCountLeaveMemoryWithATombstone() {
        for (int i = 0; i < 5; i++) {
            TrackedOrder t = place("c" + i, 1000 + i);
            orders.update(t, OrderStatus.CANCELLED, BigDecimal.ZERO, null, "cancelled", Instant.now());
            clock.incrementAndGet();
        }
        assertNull(orders.get("c0"), "the oldest finished orders left");
        assertNull(orders.byId(1000));
        assertNull(orders.byCid(BitfinexCid.of("c0")));
        assertTrue(orders.isTombstoned("c0"), "its client order id stays used");
        assertNotNull(orders.get("c4"), "the newest two stay");
        assertNotNull(orders.byId(1004));
        assertTrue(orders.openOrders().isEmpty());
        assertEquals(List.of(), orders.live());
    }

    @Test
    void finishedOrdersLeaveAfterTheRetentionTimeWorkingOrdersStay() {
        TrackedOrder working = place("w", 1);
        TrackedOrder done = place("d", 2);
        orders.update(done, OrderStatus.FILLED, new BigDecimal("0.01"), new BigDecimal("60000"), "", Instant.now());
        clock.addAndGet(Duration.ofMinutes(1).toMillis());
        orders.expire();
        assertNull(orders.get("d"));
        assertTrue(orders.isTombstoned("d"));
        assertEquals(List.of(working), orders.live());
        assertEquals(1, orders.openOrders().size());
    }
}
