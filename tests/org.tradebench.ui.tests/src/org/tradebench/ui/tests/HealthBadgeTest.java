package org.tradebench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.ui.core.widgets.HealthBadge;
import org.tradebench.ui.testing.Ui;

class HealthBadgeTest {

    private Shell shell;
    private HealthBadge badge;
    private FakeConnector connector;

    @BeforeEach
    void open() {
        shell = Ui.shell("badge", 600, 80);
        badge = new HealthBadge(shell, SWT.NONE);
        shell.open();
    }

    @AfterEach
    void close() {
        shell.dispose();
        if (connector != null) {
            connector.shutdown();
        }
        Ui.flush();
    }

    @Test
    void showsNoConnectionUntilGivenHealth() {
        assertEquals("No connection", badge.getText());
        assertEquals("No exchange connector is available", badge.getToolTipText());
    }

    @Test
    void showsStateLatencyAndRateWithTheCauseInTheTooltip() {
        badge.setHealth(new ConnectionHealth(ConnectionState.RECONNECTING, "socket closed by peer (1006)",
                Instant.now(), Duration.ofMillis(42), 1234.4, 3, 1));
        assertEquals("Reconnecting  \u00b7  42 ms  \u00b7  1,234 msg/s", badge.getText());
        assertTrue(badge.getToolTipText().contains("socket closed by peer (1006)"), badge.getToolTipText());

        badge.setShowCounters(true);
        assertEquals("Reconnecting  \u00b7  42 ms  \u00b7  1,234 msg/s  \u00b7  3 reconnects  \u00b7  1 error",
                badge.getText());
        Point size = badge.computeSize(SWT.DEFAULT, SWT.DEFAULT);
        assertTrue(size.x > 200 && size.y >= 10, "badge too small for its text: " + size);
    }

    @Test
    void unmeasuredLatencyIsADash() {
        badge.setHealth(ConnectionHealth.of(ConnectionState.CONNECTING, ""));
        assertEquals("Connecting  \u00b7  \u2013  \u00b7  0 msg/s", badge.getText());
    }

    @Test
    void followingAConnectorShowsItsHealthChangesAndStopsOnNull() {
        connector = new FakeConnector("simulated", "Simulated");
        badge.follow(connector);
        assertEquals("Live  \u00b7  12 ms  \u00b7  346 msg/s", badge.getText());
        connector.setHealth(new ConnectionHealth(ConnectionState.STALE, "no message for 5 s", Instant.now(),
                Duration.ofMillis(80), 0, 1, 0));
        Ui.spinUntil("the stale state", () -> badge.getText().startsWith("Stale"), Duration.ofSeconds(5),
                badge::getText);
        assertEquals("Stale  \u00b7  80 ms  \u00b7  0 msg/s", badge.getText());

        badge.follow(null);
        assertEquals("No connection", badge.getText());
        assertTrue(connector.subscriptions().stream().allMatch(s -> s.closed), "health subscription left open");
    }
}
