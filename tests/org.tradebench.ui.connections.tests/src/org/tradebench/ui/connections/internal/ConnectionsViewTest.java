package org.tradebench.ui.connections.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.ConnectionControl;
import org.tradebench.api.ConnectionControl.TransportMode;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataSource;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.widgets.Palette;
import org.tradebench.ui.testing.FakeConnector;
import org.tradebench.ui.testing.Ui;

/**
 * The Connections view's table and switches, and the status bar dots, over in-test connectors: a
 * row per session with its figures, the switches of the selected connector calling its control,
 * connectors that come and go at runtime, a connector without switches.
 */
class ConnectionsViewTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Instant T0 = Instant.parse("2026-12-05T02:00:00Z");

    private Shell shell;
    private ConnectionsPanel panel;
    private ConnectionDots dots;
    private ConnectorTracker tracker;
    private HealthFeed panelFeed;
    private HealthFeed dotsFeed;
    private FakeConnector alpha;
    private FakeConnector beta;
    private RecordingControl control;

    /** A control that records the calls and reports them in the connector's health, as a connector does. */
    private final class RecordingControl implements ConnectionControl {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        volatile boolean connected = true;
        volatile TransportMode mode = TransportMode.AUTO;

        @Override
        public boolean isConnected() {
            return connected;
        }

        @Override
        public void connect() {
            calls.add("connect");
            connected = true;
            alpha.setHealth(health(ConnectionState.LIVE, ""));
        }

        @Override
        public void disconnect() {
            calls.add("disconnect");
            connected = false;
            alpha.setHealth(health(ConnectionState.DISCONNECTED, DISCONNECTED_CAUSE));
        }

        @Override
        public TransportMode transportMode() {
            return mode;
        }

        @Override
        public Set<TransportMode> transportModes() {
            return Set.copyOf(EnumSet.of(TransportMode.AUTO, TransportMode.REST));
        }

        @Override
        public void transportMode(TransportMode m) {
            if (!transportModes().contains(m)) {
                throw new IllegalArgumentException("Alpha offers the transport modes [auto, rest], not " + m.wireName());
            }
            calls.add("mode " + m.wireName());
            mode = m;
            alpha.setHealth(m == TransportMode.REST
                    ? health(ConnectionState.REST_FALLBACK, "REST chosen by the user; data polled over REST")
                    : health(ConnectionState.LIVE, ""));
        }
    }

    private static ConnectionHealth health(ConnectionState market, String cause) {
        Map<String, SessionHealth> sessions = new LinkedHashMap<>();
        DataSource source = market == ConnectionState.LIVE ? DataSource.WEBSOCKET
                : market == ConnectionState.REST_FALLBACK ? DataSource.REST : DataSource.NONE;
        sessions.put(SessionHealth.MARKET_DATA, new SessionHealth(SessionHealth.MARKET_DATA, market, cause, T0, source,
                Duration.ofMillis(23), 812.5, 2, 1));
        sessions.put(SessionHealth.TRADING, new SessionHealth(SessionHealth.TRADING, ConnectionState.LIVE, "", T0,
                DataSource.WEBSOCKET, Duration.ofMillis(31), 0.4, 0, 0));
        sessions.put(SessionHealth.ACCOUNT, new SessionHealth(SessionHealth.ACCOUNT, ConnectionState.RECONNECTING,
                "connection reset", T0, DataSource.NONE, null, 0, 3, 0));
        return new ConnectionHealth(market == ConnectionState.LIVE ? ConnectionState.LIVE : market, cause, T0,
                Duration.ofMillis(23), 812.9, 5, 1, sessions, null, 0);
    }

    @BeforeEach
    void open() {
        shell = Ui.shell("Connections", 1250, 320);
        shell.setLayout(new GridLayout(1, false));
        panel = new ConnectionsPanel(shell, SWT.NONE);
        panel.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        dots = new ConnectionDots(shell);
        dots.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false));
        tracker = ConnectorTracker.open(ConnectionsViewTest.class);
        alpha = new FakeConnector("alpha", "Alpha");
        control = new RecordingControl();
        alpha.withControl(control);
        alpha.setHealth(health(ConnectionState.LIVE, ""));
        alpha.register(10);
        beta = new FakeConnector("beta", "Beta Exchange").register(0);
        panelFeed = new HealthFeed(tracker, panel::changed);
        panel.setFeed(panelFeed);
        dotsFeed = new HealthFeed(tracker, dots::changed);
        dots.setFeed(dotsFeed);
        shell.open();
    }

    @AfterEach
    void close() {
        panelFeed.close();
        dotsFeed.close();
        tracker.close();
        shell.dispose();
        alpha.shutdown();
        beta.shutdown();
        Ui.flush();
    }

    private List<String> row(String exchange, String session) {
        for (List<String> r : panel.rows()) {
            if (r.get(0).equals(exchange) && r.get(1).equals(session)) {
                return r;
            }
        }
        return List.of();
    }

    private void awaitRow(String exchange, String session, int column, String text) {
        Ui.spinUntil(exchange + " " + session + " column " + column + " = " + text,
                () -> text.equals(row(exchange, session).isEmpty() ? null : row(exchange, session).get(column)), WAIT,
                () -> panel.rows().toString());
    }

    @Test
    void aRowPerSessionWithItsStateCauseLatencyRateSourceReconnectsAndErrors() throws Exception {
        awaitRow("Alpha", SessionHealth.MARKET_DATA, 2, "live");
        assertEquals(List.of("Alpha", "market-data", "live", "", "23 ms", "813 msg/s", "websocket", "2", "1"),
                row("Alpha", SessionHealth.MARKET_DATA));
        List<String> account = row("Alpha", SessionHealth.ACCOUNT);
        assertEquals("reconnecting", account.get(2));
        assertEquals("connection reset", account.get(3));
        assertEquals("none", account.get(6));
        assertEquals("3", account.get(7));
        assertEquals(List.of("Alpha", "Alpha", "Alpha", "Beta Exchange"),
                panel.rows().stream().map(r -> r.get(0)).toList(), "alpha ranks first, one row per session");
        int reconnecting = 2;
        assertEquals(Palette.current().of(ConnectionState.RECONNECTING),
                panel.table().getItem(reconnecting).getForeground(2), "the state cell in the state's colour");
        Ui.screenshot(shell, "connections-view");
    }

    @Test
    void disconnectAndConnectCallTheSelectedConnectorsControlAndTheRowSaysSo() {
        awaitRow("Alpha", SessionHealth.MARKET_DATA, 2, "live");
        assertTrue(panel.select("alpha"));
        assertTrue(panel.disconnectButton().getEnabled());
        assertFalse(panel.connectButton().getEnabled(), "connected already");
        click(panel.disconnectButton());
        assertEquals(List.of("disconnect"), control.calls);
        awaitRow("Alpha", SessionHealth.MARKET_DATA, 2, "disconnected");
        assertEquals(ConnectionControl.DISCONNECTED_CAUSE, row("Alpha", SessionHealth.MARKET_DATA).get(3));
        assertEquals("live", row("Alpha", SessionHealth.TRADING).get(2), "order entry stays connected");
        assertTrue(panel.connectButton().getEnabled());
        assertFalse(panel.disconnectButton().getEnabled());
        assertTrue(panel.note().contains("stale"), panel.note());
        Ui.spinUntil("the dot grey", () -> dots.dots().size() == 2
                && dots.dots().get(0).state() == ConnectionState.DISCONNECTED, WAIT, () -> dots.dots().toString());
        assertTrue(dots.getToolTipText().contains("disconnected by the user"), dots.getToolTipText());

        click(panel.connectButton());
        assertEquals(List.of("disconnect", "connect"), control.calls);
        awaitRow("Alpha", SessionHealth.MARKET_DATA, 2, "live");
        assertTrue(panel.disconnectButton().getEnabled());
    }

    @Test
    void theDataSourceComboChoosesTheModeAndAModeNotOfferedIsExplained() {
        awaitRow("Alpha", SessionHealth.MARKET_DATA, 2, "live");
        panel.select("alpha");
        assertTrue(panel.modeCombo().getEnabled());
        assertEquals(0, panel.modeCombo().getSelectionIndex(), "AUTO shown");
        panel.modeCombo().select(TransportMode.REST.ordinal());
        panel.modeCombo().notifyListeners(SWT.Selection, new Event());
        assertEquals(List.of("mode rest"), control.calls);
        awaitRow("Alpha", SessionHealth.MARKET_DATA, 2, "rest-fallback");
        assertEquals("rest", row("Alpha", SessionHealth.MARKET_DATA).get(6));
        assertEquals(TransportMode.REST.ordinal(), panel.modeCombo().getSelectionIndex());

        panel.chooseMode(TransportMode.WEBSOCKET);
        assertEquals(List.of("mode rest"), control.calls, "refused by the connector");
        assertTrue(panel.note().contains("not websocket"), panel.note());
        assertEquals(TransportMode.REST.ordinal(), panel.modeCombo().getSelectionIndex(), "the combo shows what is");
    }

    @Test
    void aConnectorWithoutSwitchesHasThemDisabledAndSaysSo() {
        Ui.spinUntil("beta shown", () -> !row("Beta Exchange", "").isEmpty(), WAIT, () -> panel.rows().toString());
        assertTrue(panel.select("beta"));
        assertFalse(panel.connectButton().getEnabled());
        assertFalse(panel.disconnectButton().getEnabled());
        assertFalse(panel.modeCombo().getEnabled());
        assertEquals("this connector offers no connection switches", panel.note());
    }

    @Test
    void aConnectorWithASingleSourceShowsNoChoiceOfSource() {
        ConnectionControl single = new ConnectionControl() {
            @Override
            public boolean isConnected() {
                return true;
            }

            @Override
            public void connect() {
            }

            @Override
            public void disconnect() {
            }

            @Override
            public TransportMode transportMode() {
                return TransportMode.AUTO;
            }

            @Override
            public Set<TransportMode> transportModes() {
                return Set.of(TransportMode.AUTO);
            }

            @Override
            public void transportMode(TransportMode m) {
                throw new IllegalArgumentException("one source only");
            }
        };
        FakeConnector gamma = new FakeConnector("gamma", "Gamma").withControl(single).register(5);
        try {
            Ui.spinUntil("gamma shown", () -> panel.rows().stream().anyMatch(r -> r.get(0).equals("Gamma")), WAIT,
                    () -> panel.rows().toString());
            assertTrue(panel.select("gamma"));
            Ui.flush();
            assertFalse(panel.modeCombo().getVisible(), "no data-source choice for a single source");
            assertTrue(panel.disconnectButton().getEnabled());
            assertEquals("its data has a single source", panel.note());
            assertTrue(panel.select("alpha"));
            Ui.flush();
            assertTrue(panel.modeCombo().getVisible(), "shown again for a connector with a choice");
            assertTrue(panel.modeCombo().getEnabled());
        } finally {
            gamma.unregister();
            gamma.shutdown();
        }
    }

    @Test
    void connectorsThatComeAndGoAtRuntimeAppearAndVanish() {
        Ui.spinUntil("two connectors", () -> dots.dots().size() == 2, WAIT, () -> dots.dots().toString());
        FakeConnector gamma = new FakeConnector("gamma", "Gamma");
        try {
            gamma.register(5);
            Ui.spinUntil("gamma shown", () -> !row("Gamma", "").isEmpty() && dots.dots().size() == 3, WAIT,
                    () -> panel.rows() + " " + dots.dots());
            assertEquals(List.of("Alpha", "Gamma", "Beta Exchange"), dots.dots().stream().map(ConnectionDots.Dot::name)
                    .toList(), "in the registry's order");
            gamma.unregister();
            Ui.spinUntil("gamma gone", () -> row("Gamma", "").isEmpty() && dots.dots().size() == 2, WAIT,
                    () -> panel.rows() + " " + dots.dots());
        } finally {
            gamma.shutdown();
        }
        alpha.unregister();
        Ui.spinUntil("alpha gone", () -> row("Alpha", SessionHealth.MARKET_DATA).isEmpty(), WAIT,
                () -> panel.rows().toString());
        assertTrue(panel.select("beta"));
    }

    @Test
    void aClickOnTheDotsRunsTheOpenAction() {
        AtomicInteger opened = new AtomicInteger();
        dots.onOpen(opened::incrementAndGet);
        Ui.spinUntil("two dots", () -> dots.dots().size() == 2, WAIT, () -> dots.dots().toString());
        assertTrue(dots.computeSize(SWT.DEFAULT, SWT.DEFAULT).x > 60, "room for two names");
        dots.notifyListeners(SWT.MouseUp, new Event());
        assertEquals(1, opened.get());
    }

    private static void click(org.eclipse.swt.widgets.Button button) {
        assertTrue(button.getEnabled(), button.getText() + " enabled");
        button.notifyListeners(SWT.Selection, new Event());
        Ui.flush();
    }
}
