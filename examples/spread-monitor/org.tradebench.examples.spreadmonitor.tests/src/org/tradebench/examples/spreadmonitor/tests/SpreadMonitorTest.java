package org.tradebench.examples.spreadmonitor.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Quote;
import org.tradebench.api.market.Ticker;
import org.tradebench.connector.simulated.SimulatedExchange;
import org.tradebench.connector.simulated.SimulatedExchangeConfig;
import org.tradebench.examples.spreadmonitor.SpreadModel;
import org.tradebench.examples.spreadmonitor.SpreadMonitorPanel;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.testing.FakeConnector;
import org.tradebench.ui.testing.Ui;

/**
 * The spread monitor on connectors found in the service registry: scripted ones for exact
 * numbers, and the embedded simulated exchange for real ticks.
 */
class SpreadMonitorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private Shell shell;
    private ConnectorTracker tracker;
    private SpreadMonitorPanel panel;
    private FakeConnector alpha;
    private FakeConnector beta;

    @BeforeEach
    void open() {
        alpha = new FakeConnector("alpha", "Alpha").register(0);
        beta = new FakeConnector("beta", "Beta").register(0);
        shell = Ui.shell("Spread Monitor", 640, 460);
        tracker = ConnectorTracker.open(SpreadMonitorTest.class);
        panel = new SpreadMonitorPanel(shell, tracker);
        shell.open();
        shell.layout(true, true);
        Ui.flush();
    }

    @AfterEach
    void close() {
        shell.dispose();
        tracker.close();
        alpha.unregister();
        beta.unregister();
        alpha.shutdown();
        beta.shutdown();
    }

    @Test
    void theTwoSpreadsComeFromTheTwoQuotesInPriceAndBasisPoints() {
        assertTrue(panel.watch("alpha", "BTC/USD", "beta", "BTC/USD"));
        alpha.push(ticker(alpha.id("BTC/USD"), "100", "101"));
        beta.push(ticker(beta.id("BTC/USD"), "102", "103"));
        // mid (100.5 + 102.5) / 2 = 101.5; sell A at 100, buy B at 103: -3; sell B at 102, buy A at 101: +1
        Ui.spinUntil("the spreads", () -> text("Sell B, buy A").equals("Sell B, buy A: 1  (98.5 bps)"), WAIT,
                this::texts);
        assertEquals("Sell A, buy B: -3  (-295.6 bps)", text("Sell A, buy B"));
        assertEquals("", status());
        SpreadModel.Spread s = panel.model().spread().orElseThrow();
        assertEquals(new BigDecimal("1"), s.best());
        assertArrayEquals(new String[] {"alpha", "BTC/USD", "beta", "BTC/USD"}, panel.watched().orElseThrow());
    }

    @Test
    void aStaleSideShowsNoSpreadAndSaysWhichAndWhy() {
        panel.watch("alpha", "BTC/USD", "beta", "BTC/USD");
        alpha.push(ticker(alpha.id("BTC/USD"), "100", "101"));
        beta.push(ticker(beta.id("BTC/USD"), "102", "103"));
        Ui.spinUntil("a spread shown", () -> text("Sell B, buy A").startsWith("Sell B, buy A: 1 "), WAIT, this::texts);
        beta.pushHealth("ticker", beta.id("BTC/USD"),
                new DataHealth(DataState.STALE, Instant.now(), 2, 0, "no ticker for 20 s", Instant.now()));
        Ui.spinUntil("no spread", () -> status().equals("No spread: Beta BTC/USD is stale: no ticker for 20 s"), WAIT,
                this::texts);
        assertEquals("Sell A, buy B: \u2013", text("Sell A, buy B"));
        assertTrue(texts().contains("bid 102   ask 103   (stale)"), "the last quote stays visible, flagged: " + texts());
        // live again: the spread is back
        beta.pushHealth("ticker", beta.id("BTC/USD"), new DataHealth(DataState.LIVE, Instant.now(), 3, 0, "", Instant.now()));
        Ui.spinUntil("the spread again", () -> text("Sell B, buy A").startsWith("Sell B, buy A: 1 "), WAIT, this::texts);
    }

    @Test
    void aConnectorThatGoesAwayEndsTheWatchAndClosesItsSubscriptions() {
        panel.watch("alpha", "BTC/USD", "beta", "BTC/USD");
        Ui.spinUntil("subscribed", () -> alpha.open("ticker").size() == 1 && beta.open("ticker").size() == 1, WAIT);
        beta.unregister();
        Ui.spinUntil("the watch ended", () -> status().equals("Beta is no longer installed"), WAIT, this::texts);
        assertTrue(alpha.open("ticker").isEmpty(), "alpha's ticker subscription is closed");
        assertFalse(panel.watched().isPresent());
    }

    @Test
    void disposingThePanelClosesBothSubscriptions() {
        panel.watch("alpha", "BTC/USD", "beta", "BTC/USD");
        Ui.spinUntil("subscribed", () -> alpha.open("ticker").size() == 1 && beta.open("ticker").size() == 1, WAIT);
        panel.dispose();
        assertTrue(alpha.open("ticker").isEmpty() && beta.open("ticker").isEmpty());
    }

    @Test
    void unknownExchangesOrAMissingSymbolWatchNothingAndSaySo() {
        assertFalse(panel.watch("nowhere", "BTC/USD", "beta", "BTC/USD"));
        assertEquals("nowhere is not installed; choose two installed exchanges", status());
        assertFalse(panel.watch("alpha", " ", "beta", "BTC/USD"));
        assertEquals("Enter the symbol on both sides, e.g. BTC/USD", status());
        assertTrue(alpha.open("ticker").isEmpty());
    }

    @Test
    void theEmbeddedSimulatedExchangeAgainstAnotherVenue() throws Exception {
        SimulatedExchange sim = SimulatedExchange.start(SimulatedExchangeConfig.DEFAULTS.withEventsPerSecond(200));
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(ExchangeConnector.PROPERTY_EXCHANGE_ID, sim.id());
        props.put(ExchangeConnector.PROPERTY_DISPLAY_NAME, sim.displayName());
        ServiceRegistration<ExchangeConnector> reg = FrameworkUtil.getBundle(SpreadMonitorTest.class).getBundleContext()
                .registerService(ExchangeConnector.class, sim, props);
        try {
            Ui.spinUntil("the simulated exchange is listed", () -> tracker.connector(sim.id()).isPresent(), WAIT);
            assertTrue(panel.watch(sim.id(), "BTC/USD", "beta", "BTC/USD"));
            Ui.spinUntil("a simulated quote", () -> panel.model().quoteOf(true).isPresent(), WAIT, this::texts);
            Quote a = panel.model().quoteOf(true).orElseThrow();
            // the other venue quotes 10 above the simulated bid
            BigDecimal bBid = a.bid().add(BigDecimal.TEN);
            beta.push(ticker(beta.id("BTC/USD"), bBid.toPlainString(), bBid.add(BigDecimal.ONE).toPlainString()));
            Ui.spinUntil("a spread", () -> panel.model().spread().isPresent(), WAIT, this::texts);
            for (int i = 0; i < 3; i++) {
                SpreadModel.Spread s = panel.model().spread().orElseThrow();
                Quote now = panel.model().quoteOf(true).orElseThrow();
                Quote other = panel.model().quoteOf(false).orElseThrow();
                assertEquals(now.bid().subtract(other.ask()), s.aBidMinusBAsk());
                assertEquals(other.bid().subtract(now.ask()), s.bBidMinusAAsk());
                Ui.spinFor(Duration.ofMillis(600));
            }
            Ui.spinUntil("a history", () -> panel.model().history().size() >= 2, WAIT, this::texts);
            Ui.screenshot(shell, "spread-monitor");
        } finally {
            reg.unregister();
            sim.close();
        }
    }

    // ------------------------------------------------------------------------------------------

    private static Ticker ticker(InstrumentId id, String bid, String ask) {
        Instant now = Instant.now();
        return new Ticker(id, now, now, new Quote(new BigDecimal(bid), BigDecimal.ONE, new BigDecimal(ask), BigDecimal.ONE),
                null, null);
    }

    private List<String> labels() {
        List<String> out = new ArrayList<>();
        for (Control c : panel.getChildren()) {
            if (c instanceof Label l) {
                out.add(l.getText());
            }
        }
        return out;
    }

    private String text(String prefix) {
        return labels().stream().filter(t -> t.startsWith(prefix)).findFirst().orElse("");
    }

    /** The status line: the last label. */
    private String status() {
        List<String> all = labels();
        return all.get(all.size() - 1);
    }

    private String texts() {
        return String.join(" | ", labels());
    }
}
