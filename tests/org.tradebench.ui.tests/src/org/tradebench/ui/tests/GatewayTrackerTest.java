package org.tradebench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.tradebench.api.trading.OrderGateway;
import org.tradebench.ui.core.GatewayTracker;

/** The gateway service as views see it: present, changed and gone, with listeners told. */
class GatewayTrackerTest {

    @Test
    void followsTheGatewayServiceAndTellsListeners() {
        BundleContext context = FrameworkUtil.getBundle(GatewayTrackerTest.class).getBundleContext();
        OrderGateway fake = (OrderGateway) Proxy.newProxyInstance(OrderGateway.class.getClassLoader(),
                new Class<?>[] {OrderGateway.class}, (p, m, a) -> m.getName().equals("toString") ? "fake gateway" : null);
        try (GatewayTracker tracker = new GatewayTracker(context).open()) {
            OrderGateway before = tracker.gateway().orElse(null); // the product's, when core runs here
            AtomicInteger told = new AtomicInteger();
            tracker.addListener(t -> told.incrementAndGet());
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("service.ranking", Integer.valueOf(Integer.MAX_VALUE));
            ServiceRegistration<OrderGateway> r = context.registerService(OrderGateway.class, fake, props);
            try {
                assertSame(fake, tracker.gateway().orElseThrow(), "the best-ranked gateway");
                assertTrue(told.get() >= 1, "the listener heard the new gateway");
            } finally {
                r.unregister();
            }
            assertEquals(before, tracker.gateway().orElse(null), "back to what was there");
            assertTrue(told.get() >= 2, "the listener heard it go");
        }
    }
}
