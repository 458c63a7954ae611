package org.tradebench.core.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderGateway;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStatus;

/**
 * SCR registers the order gateway with the risk check and the limits store, its journal lives in
 * the workspace, and an order for an exchange that is not running is refused as unavailable.
 */
class GatewayServiceRegistrationTest {

    @Test
    void theOrderGatewayIsRegisteredAndKeepsItsJournalInTheWorkspace() throws Exception {
        Bundle core = FrameworkUtil.getBundle(DefaultOrderGateway.class);
        assertNotNull(core, "not running in OSGi");
        if (core.getState() != Bundle.ACTIVE) {
            core.start(Bundle.START_TRANSIENT);
        }
        ServiceTracker<OrderGateway, OrderGateway> tracker = new ServiceTracker<>(core.getBundleContext(),
                OrderGateway.class, null);
        tracker.open();
        try {
            OrderGateway gateway = tracker.waitForService(10_000);
            assertInstanceOf(DefaultOrderGateway.class, gateway, "no OrderGateway service within 10 s");
            Order o = gateway.place(new AccountRef("nowhere", "main"), OrderRequest.limit(gateway.newClientOrderId(),
                    new InstrumentId("nowhere", "BTC/USD"), Side.BUY, BigDecimal.ONE, BigDecimal.TEN))
                    .toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(OrderStatus.REJECTED, o.status());
            assertEquals("nowhere unavailable: its connector is not running (account main)", o.reason());
            var dir = StateDirectory.resolve(core.getBundleContext()::getProperty);
            assertTrue(dir.toString().contains(".metadata"), dir.toString());
            assertTrue(Files.isRegularFile(dir.resolve(OrderJournal.FILE)), "journal in " + dir);
        } finally {
            tracker.close();
        }
    }
}
