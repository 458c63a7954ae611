package org.tradebench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataSource;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.ui.core.widgets.HealthBadge;
import org.tradebench.ui.core.widgets.TradeColors;
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

    private static final Instant SINCE = Instant.parse("2026-11-22T10:00:00Z");

    private static SessionHealth session(String name, ConnectionState state, String cause, Duration latency,
            double rate) {
        return new SessionHealth(name, state, cause, SINCE, state == ConnectionState.REST_FALLBACK ? DataSource.REST
                : DataSource.WEBSOCKET, latency, rate, 0, 0);
    }

    /** A health with sessions in the order given (market data first), overall state the worst. */
    private static ConnectionHealth withSessions(ConnectionState overall, SessionHealth... sessions) {
        Map<String, SessionHealth> map = new LinkedHashMap<>();
        for (SessionHealth s : sessions) {
            map.put(s.name(), s);
        }
        return new ConnectionHealth(overall, "", SINCE, Duration.ofMillis(99), 500, 2, 3, map, Duration.ofMillis(4), 1);
    }

    @Test
    void failedShowsItsCauseInsteadOfLatencyAndRate() {
        badge.setHealth(new ConnectionHealth(ConnectionState.FAILED, "unknown host api-pub.bitfinex.com", SINCE, null,
                0, 5, 0));
        assertEquals("Failed: unknown host api-pub.bitfinex.com", badge.getText());
        assertEquals(ConnectionState.FAILED, badge.getState());
        assertTrue(badge.getToolTipText().contains("unknown host api-pub.bitfinex.com"), badge.getToolTipText());
    }

    @Test
    void aLongCauseIsShortenedInTheTextAndWholeInTheTooltip() {
        String cause = "handshake refused: HTTP 403 Forbidden from the exchange's edge firewall; this address is not"
                + " allowed to connect (cf-ray 8c1e2a3b4d5e6f70)";
        badge.setHealth(ConnectionHealth.of(ConnectionState.FAILED, cause));
        assertEquals("Failed: " + cause.substring(0, 71) + "\u2026", badge.getText());
        assertTrue(badge.getToolTipText().contains(cause), badge.getToolTipText());
    }

    @Test
    void showsTheMarketDataSessionAndHintsAtOtherSessionsThatAreNotLive() {
        badge.setHealth(withSessions(ConnectionState.FAILED,
                session(SessionHealth.MARKET_DATA, ConnectionState.LIVE, "", Duration.ofMillis(12), 345.6),
                session(SessionHealth.TRADING, ConnectionState.FAILED, "invalid API key (10100)", null, 0),
                session(SessionHealth.ACCOUNT, ConnectionState.RECONNECTING, "socket closed (1006)", null, 0)));
        assertEquals(ConnectionState.LIVE, badge.getState(), "the market data session, not the worst one");
        assertEquals("Live  \u00b7  12 ms  \u00b7  346 msg/s  \u00b7  order entry down  \u00b7  account stream"
                + " reconnecting", badge.getText());
        String tip = badge.getToolTipText();
        assertTrue(tip.startsWith("Market data: Live since "), tip);
        assertTrue(tip.contains("\n  order entry: Failed via websocket \u2013 invalid API key (10100)"), tip);
        assertTrue(tip.contains("\n  account stream: Reconnecting via websocket \u2013 socket closed (1006)"), tip);
        assertTrue(tip.contains("Queue lag: 4.0 ms   Slow listeners: 1"), tip);

        badge.setShowCounters(true);
        assertEquals("Live  \u00b7  12 ms  \u00b7  346 msg/s  \u00b7  2 reconnects  \u00b7  3 errors  \u00b7  order entry"
                + " down  \u00b7  account stream reconnecting", badge.getText());
    }

    @Test
    void otherSessionsThatAreLiveOrOffNeedFewWords() {
        badge.setHealth(withSessions(ConnectionState.LIVE,
                session(SessionHealth.MARKET_DATA, ConnectionState.REST_FALLBACK, "stream down", Duration.ofMillis(80),
                        2),
                session(SessionHealth.TRADING, ConnectionState.LIVE, "", Duration.ofMillis(30), 0),
                session(SessionHealth.ACCOUNT, ConnectionState.DISCONNECTED, "no API key", null, 0),
                session("usdm-market-data", ConnectionState.STALE, "", null, 0)));
        assertEquals("REST fallback  \u00b7  80 ms  \u00b7  2.0 msg/s  \u00b7  account stream off  \u00b7  usdm market data"
                + " stale", badge.getText());
        assertEquals(ConnectionState.REST_FALLBACK, badge.getState());
    }

    @Test
    void aFailedMarketDataSessionShowsItsCause() {
        badge.setHealth(withSessions(ConnectionState.FAILED,
                session(SessionHealth.MARKET_DATA, ConnectionState.FAILED, "Bitfinex: maintenance (20060)", null, 0),
                session(SessionHealth.TRADING, ConnectionState.LIVE, "", null, 0)));
        assertEquals("Failed: Bitfinex: maintenance (20060)", badge.getText());
    }

    @Test
    void modifyIsSentWhenTheMarketDataStateChangesNotWhenAnotherSessionDoes() {
        List<ConnectionState> seen = new ArrayList<>();
        badge.addListener(SWT.Modify, e -> seen.add(badge.getState()));
        SessionHealth md = session(SessionHealth.MARKET_DATA, ConnectionState.LIVE, "", null, 0);
        badge.setHealth(withSessions(ConnectionState.LIVE, md,
                session(SessionHealth.TRADING, ConnectionState.LIVE, "", null, 0)));
        badge.setHealth(withSessions(ConnectionState.FAILED, md,
                session(SessionHealth.TRADING, ConnectionState.FAILED, "invalid key", null, 0)));
        badge.setHealth(withSessions(ConnectionState.RECONNECTING,
                session(SessionHealth.MARKET_DATA, ConnectionState.RECONNECTING, "", null, 0)));
        assertEquals(List.of(ConnectionState.LIVE, ConnectionState.RECONNECTING), seen);
    }

    @Test
    void screenshotOfBadgesInEveryKindOfState() throws Exception {
        shell.dispose();
        shell = Ui.shell("badges", 760, 230);
        shell.setLayout(new GridLayout(1, false));
        new HealthBadge(shell, SWT.NONE).setHealth(withSessions(ConnectionState.FAILED,
                session(SessionHealth.MARKET_DATA, ConnectionState.LIVE, "", Duration.ofMillis(12), 345.6),
                session(SessionHealth.TRADING, ConnectionState.FAILED, "invalid API key (10100)", null, 0)));
        new HealthBadge(shell, SWT.NONE).setHealth(withSessions(ConnectionState.RECONNECTING,
                session(SessionHealth.MARKET_DATA, ConnectionState.RECONNECTING, "socket closed", null, 0)));
        new HealthBadge(shell, SWT.NONE).setHealth(ConnectionHealth.of(ConnectionState.FAILED,
                "unknown host api-pub.bitfinex.com"));
        HealthBadge counters = new HealthBadge(shell, SWT.NONE);
        counters.setShowCounters(true);
        counters.setHealth(withSessions(ConnectionState.LIVE,
                session(SessionHealth.MARKET_DATA, ConnectionState.REST_FALLBACK, "", Duration.ofMillis(80), 2),
                session(SessionHealth.ACCOUNT, ConnectionState.DISCONNECTED, "", null, 0)));
        new HealthBadge(shell, SWT.NONE);
        shell.open();
        shell.layout(true, true);
        Ui.flush();
        Path file = Ui.screenshot(shell, "health-badges");
        ImageData image = new ImageLoader().load(file.toString())[0];
        int warning = 0;
        int failedDots = 0;
        for (int y = 0; y < image.height; y++) {
            for (int x = 0; x < image.width; x++) {
                RGB rgb = image.palette.getRGB(image.getPixel(x, y));
                if (rgb.equals(TradeColors.WARNING.getRGB())) {
                    warning++;
                } else if (rgb.equals(TradeColors.STATE_FAILED.getRGB())) {
                    failedDots++;
                }
            }
        }
        assertTrue(warning > 30, "the session hints are drawn in the warning colour: " + warning + " px");
        assertTrue(failedDots > 20, "a failed badge has a red dot: " + failedDots + " px");
        System.out.println("Health badges screenshot: " + file.toAbsolutePath());
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
