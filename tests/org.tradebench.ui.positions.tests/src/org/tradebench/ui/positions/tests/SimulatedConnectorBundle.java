package org.tradebench.ui.positions.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;

/**
 * Starts and stops the simulated exchange's bundle in the test runtime, so that its DS component
 * registers (or withdraws) the {@code simulated} connector service. Tests with in-test connectors
 * stop it first: they need a registry that holds only what they register.
 */
final class SimulatedConnectorBundle {

    static final String SYMBOLIC_NAME = "org.tradebench.connector.simulated";

    private SimulatedConnectorBundle() {
    }

    private static Bundle find() {
        BundleContext context = FrameworkUtil.getBundle(SimulatedConnectorBundle.class).getBundleContext();
        for (Bundle b : context.getBundles()) {
            if (SYMBOLIC_NAME.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    /**
     * Withdraws the simulated connector service. Without the bundle in the runtime there is nothing
     * to withdraw, so tests with in-test connectors also run where the simulated exchange is not
     * built.
     */
    static void stop() throws BundleException {
        Bundle b = find();
        if (b != null && (b.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
            b.stop();
        }
    }

    /** Lets DS register the simulated connector service. */
    static void start() throws BundleException {
        Bundle b = find();
        assertNotNull(b, SYMBOLIC_NAME + " is not in the test runtime (build.properties additional.bundles)");
        b.start();
    }
}
