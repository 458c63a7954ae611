package org.tradebench.core.risk;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.tradebench.api.risk.PreTradeRiskCheck;

/** The DS component declared by {@code @Component} is registered by SCR in a running framework. */
class RiskServiceRegistrationTest {

    @Test
    void standardRiskCheckIsRegisteredAsThePreTradeRiskCheckService() throws Exception {
        Bundle core = FrameworkUtil.getBundle(StandardRiskCheck.class);
        assertNotNull(core, "not running in OSGi");
        if (core.getState() != Bundle.ACTIVE) {
            // The bundle is lazy; a product starts it through its configuration, here we do.
            core.start(Bundle.START_TRANSIENT);
        }
        ServiceTracker<PreTradeRiskCheck, PreTradeRiskCheck> tracker = new ServiceTracker<>(core.getBundleContext(),
                PreTradeRiskCheck.class, null);
        tracker.open();
        try {
            PreTradeRiskCheck service = tracker.waitForService(10_000);
            assertInstanceOf(StandardRiskCheck.class, service, "no PreTradeRiskCheck service within 10 s");
        } finally {
            tracker.close();
        }
    }
}
