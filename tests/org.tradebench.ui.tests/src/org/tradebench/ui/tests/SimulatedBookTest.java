package org.tradebench.ui.tests;

import java.time.Duration;

import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.orderbook.internal.OrderBookBinding;
import org.tradebench.ui.testing.Ui;

/**
 * What the order book tests on the embedded simulated exchange share: the exchange's bundle
 * started and its connector tracked before each test, the binding, shell and bundle gone after.
 */
abstract class SimulatedBookTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    ConnectorTracker tracker;
    Shell shell;
    OrderBookBinding book;

    @BeforeEach
    void startSimulatedExchange() throws Exception {
        SimulatedConnectorBundle.start();
        tracker = ConnectorTracker.open(getClass());
        Ui.spinUntil("the simulated connector service", () -> tracker.connector("simulated").isPresent(), WAIT);
    }

    @AfterEach
    void stopSimulatedExchange() throws Exception {
        if (book != null) {
            book.close();
        }
        tracker.close();
        if (shell != null) {
            shell.dispose();
        }
        SimulatedConnectorBundle.stop();
        Ui.flush();
    }
}
