package org.tradebench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Ticker;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.core.widgets.TradeColors;
import org.tradebench.ui.status.internal.MarketStatusBinding;
import org.tradebench.ui.status.internal.MarketStatusPanel;
import org.tradebench.ui.testing.Ui;

class MarketStatusTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String DASH = "\u2013";

    @BeforeAll
    static void withoutTheSimulatedConnector() throws Exception {
        SimulatedConnectorBundle.stop(); // only the connectors these tests register
    }

    private Shell shell;
    private MarketStatusPanel panel;
    private ConnectorTracker tracker;
    private MarketStatusBinding binding;
    private FakeConnector simulated;

    @BeforeEach
    void open() {
        shell = Ui.shell("Market Status", 900, 260);
        panel = new MarketStatusPanel(shell, SWT.NONE);
        shell.open();
        tracker = ConnectorTracker.open(MarketStatusTest.class);
    }

    @AfterEach
    void close() {
        if (binding != null) {
            binding.close();
        }
        tracker.close();
        shell.dispose();
        if (simulated != null) {
            simulated.shutdown();
        }
        Ui.flush();
    }

    private static Ticker ticker(InstrumentId id, String bid, String ask, String last, String volume, String high,
            String low, String changeRatio) {
        return new Ticker(id, Books.T0, Books.T0, new BigDecimal(bid), BigDecimal.ONE, new BigDecimal(ask),
                BigDecimal.ONE, new BigDecimal(last), new BigDecimal(volume), high == null ? null : new BigDecimal(high),
                low == null ? null : new BigDecimal(low), null, changeRatio == null ? null : new BigDecimal(changeRatio));
    }

    @Test
    void showsNoConnectorUntilOneIsRegistered() {
        binding = new MarketStatusBinding(panel, tracker, InstrumentLinkGroup.named("status-test-0"));
        assertEquals("No exchange connector", panel.connectorName());
        assertEquals(List.of(), panel.rows());
        assertEquals(MarketStatusPanel.COLUMNS,
                List.of(panel.table().getColumns()).stream().map(c -> c.getText()).limit(8).toList());
    }

    @Test
    void fillsOneRowPerInstrumentFromTickersOnTheConnectorThread() throws Exception {
        binding = new MarketStatusBinding(panel, tracker, InstrumentLinkGroup.named("status-test-1"));
        simulated = new FakeConnector("simulated", "Simulated Exchange").register(-1000);
        Ui.spinUntil("the connector", () -> panel.rows().size() == 4, WAIT, () -> panel.rows().toString());
        assertEquals("Simulated Exchange", panel.connectorName());
        assertEquals(List.of("BTC/USD", DASH, DASH, DASH, DASH, DASH, DASH, DASH), panel.rows().get(0));
        assertEquals(4, simulated.subscriptions().stream().filter(s -> s.request instanceof InstrumentId).count(),
                "one ticker subscription per instrument");

        InstrumentId btc = new InstrumentId("simulated", "BTC/USD");
        InstrumentId sol = new InstrumentId("simulated", "SOL/USD");
        InstrumentId perp = new InstrumentId("simulated", "BTC/USD:USD");
        for (int i = 0; i < 500; i++) {
            simulated.push(ticker(btc, "64990", "65000." + (i % 10), "64995.5", "1234.5678", "66000", "63000",
                    "0.0123"));
        }
        simulated.push(ticker(sol, "151.234", "151.236", "151.2351", "12345678.9", null, null, "-0.00456"));
        simulated.push(ticker(perp, "64989.5", "64990", "64990", "987", "65500", "64000.5", "0"));

        Ui.spinUntil("the tickers", () -> panel.rows().get(3).get(1).equals("64,989.5")
                && panel.rows().get(0).get(2).equals("65,000.9"), WAIT, () -> panel.rows().toString());
        assertEquals(List.of("BTC/USD", "64,990.0", "65,000.9", "64,995.5", "+1.23%", "1,234.57", "66,000.0",
                "63,000.0"), panel.rows().get(0));
        assertEquals(List.of("ETH/USD", DASH, DASH, DASH, DASH, DASH, DASH, DASH), panel.rows().get(1));
        assertEquals(List.of("SOL/USD", "151.234", "151.236", "151.235", "-0.46%", "12.35M", DASH, DASH),
                panel.rows().get(2));
        assertEquals(List.of("BTC/USD:USD", "64,989.5", "64,990.0", "64,990.0", "0.00%", "987.00", "65,500.0",
                "64,000.5"), panel.rows().get(3));
        assertEquals(TradeColors.BID, panel.table().getItem(0).getForeground(4));
        assertEquals(TradeColors.ASK, panel.table().getItem(2).getForeground(4));
        assertTrue(panel.throttler().runs() < 60, "500 tickers caused " + panel.throttler().runs() + " refreshes");

        Ui.spinUntil("the health badge", () -> panel.healthBadge().getText().startsWith("Live"), WAIT,
                panel.healthBadge()::getText);
        assertEquals("Live  \u00b7  12 ms  \u00b7  346 msg/s  \u00b7  1 reconnect  \u00b7  0 errors",
                panel.healthBadge().getText());

        Path file = Ui.screenshot(shell, "market-status");
        assertTrue(Files.size(file) > 3_000, file.toString());
        System.out.println("Market status screenshot: " + file.toAbsolutePath());
    }

    @Test
    void pricesAreGreyedWhileTheConnectionHasNoDataAndColouredAgainWhenItReturns() {
        binding = new MarketStatusBinding(panel, tracker, InstrumentLinkGroup.named("status-test-4"));
        simulated = new FakeConnector("simulated", "Simulated Exchange").register(-1000);
        Ui.spinUntil("the connector", () -> panel.rows().size() == 4, WAIT);
        InstrumentId btc = new InstrumentId("simulated", "BTC/USD");
        simulated.push(ticker(btc, "64990", "65000", "64995", "10", "66000", "63000", "0.01"));
        Ui.spinUntil("the ticker", () -> panel.rows().get(0).get(1).equals("64,990.0"), WAIT);
        Ui.spinUntil("live", () -> panel.healthBadge().getText().startsWith("Live"), WAIT, panel.healthBadge()::getText);
        assertTrue(panel.pricesCurrent());
        assertEquals(TradeColors.BID, panel.table().getItem(0).getForeground(4));

        simulated.setHealth(ConnectionHealth.of(ConnectionState.RECONNECTING, "connection lost"));
        Ui.spinUntil("the greyed prices", () -> !panel.pricesCurrent(), WAIT, panel.healthBadge()::getText);
        assertEquals("64,990.0", panel.rows().get(0).get(1), "the last prices stay visible");
        assertEquals(TradeColors.MUTED, panel.table().getItem(0).getForeground(1));
        assertEquals(TradeColors.MUTED, panel.table().getItem(0).getForeground(4));
        assertEquals("Connection reconnecting: prices are the last received", panel.table().getToolTipText());

        simulated.setHealth(ConnectionHealth.of(ConnectionState.LIVE, ""));
        Ui.spinUntil("current prices", panel::pricesCurrent, WAIT, panel.healthBadge()::getText);
        assertEquals(TradeColors.BID, panel.table().getItem(0).getForeground(4));
        assertTrue(!TradeColors.MUTED.equals(panel.table().getItem(0).getForeground(1)));
        assertEquals(null, panel.table().getToolTipText());
    }

    @Test
    void connectorGoingAwayClosesTickerSubscriptionsAndEmptiesTheTable() {
        binding = new MarketStatusBinding(panel, tracker, InstrumentLinkGroup.named("status-test-2"));
        simulated = new FakeConnector("simulated", "Simulated Exchange").register(-1000);
        Ui.spinUntil("the connector", () -> panel.rows().size() == 4, WAIT);
        simulated.unregister();
        Ui.spinUntil("no connector", () -> panel.rows().isEmpty(), WAIT);
        assertEquals("No exchange connector", panel.connectorName());
        assertTrue(simulated.subscriptions().stream().allMatch(s -> s.closed), simulated.subscriptions()::toString);
    }

    @Test
    void doubleClickingARowSelectsItsInstrumentInTheLinkGroup() {
        InstrumentLinkGroup group = InstrumentLinkGroup.named("status-test-3");
        binding = new MarketStatusBinding(panel, tracker, group);
        simulated = new FakeConnector("simulated", "Simulated Exchange").register(-1000);
        Ui.spinUntil("the connector", () -> panel.rows().size() == 4, WAIT);
        panel.table().setSelection(1);
        panel.table().notifyListeners(SWT.DefaultSelection, new org.eclipse.swt.widgets.Event());
        assertEquals(Optional.of(new InstrumentId("simulated", "ETH/USD")), group.selected());
    }
}
