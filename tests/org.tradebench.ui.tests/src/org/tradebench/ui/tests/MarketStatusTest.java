package org.tradebench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataSource;
import org.tradebench.api.health.DataState;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.DayStats;
import org.tradebench.api.market.Quote;
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

    private static BigDecimal d(String s) {
        return s == null ? null : new BigDecimal(s);
    }

    /** A complete ticker: quote, last price and day statistics (Bitfinex's shape). */
    private static Ticker ticker(InstrumentId id, String bid, String ask, String last, String volume, String high,
            String low, String changeRatio) {
        return Ticker.of(id, Books.T0, Books.T0, d(bid), BigDecimal.ONE, d(ask), BigDecimal.ONE, d(last), d(volume),
                d(high), d(low), null, d(changeRatio));
    }

    @Test
    void showsNoConnectorUntilOneIsRegistered() {
        binding = new MarketStatusBinding(panel, tracker, InstrumentLinkGroup.named("status-test-0"));
        assertEquals("No exchange connector", panel.connectorName());
        assertEquals(List.of(), panel.rows());
        assertEquals(MarketStatusPanel.COLUMNS,
                List.of(panel.table().getColumns()).stream().map(c -> c.getText()).limit(9).toList());
    }

    @Test
    void fillsOneRowPerInstrumentFromTickersOnTheConnectorThread() throws Exception {
        binding = new MarketStatusBinding(panel, tracker, InstrumentLinkGroup.named("status-test-1"));
        simulated = new FakeConnector("simulated", "Simulated Exchange").register(-1000);
        Ui.spinUntil("the connector", () -> panel.rows().size() == 4, WAIT, () -> panel.rows().toString());
        assertEquals("Simulated Exchange", panel.connectorName());
        assertEquals(List.of("BTC/USD", DASH, DASH, DASH, DASH, DASH, DASH, DASH, ""), panel.rows().get(0));
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
                "63,000.0", ""), panel.rows().get(0));
        assertEquals(List.of("ETH/USD", DASH, DASH, DASH, DASH, DASH, DASH, DASH, ""), panel.rows().get(1));
        assertEquals(List.of("SOL/USD", "151.234", "151.236", "151.235", "-0.46%", "12.35M", DASH, DASH, ""),
                panel.rows().get(2));
        assertEquals(List.of("BTC/USD:USD", "64,989.5", "64,990.0", "64,990.0", "0.00%", "987.00", "65,500.0",
                "64,000.5", ""), panel.rows().get(3));
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
        assertEquals("Market data reconnecting: prices are the last received", panel.table().getToolTipText());

        simulated.setHealth(ConnectionHealth.of(ConnectionState.LIVE, ""));
        Ui.spinUntil("current prices", panel::pricesCurrent, WAIT, panel.healthBadge()::getText);
        assertEquals(TradeColors.BID, panel.table().getItem(0).getForeground(4));
        assertTrue(!TradeColors.MUTED.equals(panel.table().getItem(0).getForeground(1)));
        assertEquals(null, panel.table().getToolTipText());
    }

    @Test
    void tickersShowWhatTheyHaveAndADashForWhatTheyHaveNot() {
        binding = new MarketStatusBinding(panel, tracker, InstrumentLinkGroup.named("status-test-5"));
        simulated = new FakeConnector("simulated", "Simulated Exchange").register(-1000);
        Ui.spinUntil("the connector", () -> panel.rows().size() == 4, WAIT);
        InstrumentId btc = new InstrumentId("simulated", "BTC/USD");
        InstrumentId eth = new InstrumentId("simulated", "ETH/USD");
        InstrumentId perp = new InstrumentId("simulated", "BTC/USD:USD");

        // Binance USD-M @ticker and Backpack: last price and day statistics, no bid or ask
        simulated.push(new Ticker(perp, Books.T0, Books.T0, null, d("64990.5"),
                new DayStats(d("987.5"), d("64000000"), d("65500"), d("64000.5"), d("64100"), d("890.5"), d("0.0139"))));
        // a book-ticker stream: the quote only
        simulated.push(new Ticker(eth, Books.T0, Books.T0, new Quote(d("3150.12"), d("4"), d("3150.15"), d("2.5")),
                null, null));
        // a ticker with a last price and nothing else
        simulated.push(new Ticker(btc, Books.T0, Books.T0, null, d("64995"), null));

        Ui.spinUntil("the tickers", () -> !panel.rows().get(3).get(3).equals(DASH)
                && !panel.rows().get(1).get(1).equals(DASH) && !panel.rows().get(0).get(3).equals(DASH), WAIT,
                () -> panel.rows().toString());
        assertEquals(List.of("BTC/USD:USD", DASH, DASH, "64,990.5", "+1.39%", "987.50", "65,500.0", "64,000.5", ""),
                panel.rows().get(3));
        assertEquals(List.of("ETH/USD", "3,150.12", "3,150.15", DASH, DASH, DASH, DASH, DASH, ""),
                panel.rows().get(1));
        assertEquals(List.of("BTC/USD", DASH, DASH, "64,995.0", DASH, DASH, DASH, DASH, ""), panel.rows().get(0));

        // a full ticker followed by one without a quote: the old bid and ask are not kept
        simulated.push(ticker(btc, "64990", "65000", "64995", "10", "66000", "63000", "0.01"));
        Ui.spinUntil("the full ticker", () -> panel.rows().get(0).get(1).equals("64,990.0"), WAIT);
        simulated.push(new Ticker(btc, Books.T0, Books.T0, null, d("64996"), null));
        Ui.spinUntil("the last-only ticker", () -> panel.rows().get(0).get(3).equals("64,996.0"), WAIT,
                () -> panel.rows().toString());
        assertEquals(List.of("BTC/USD", DASH, DASH, "64,996.0", DASH, DASH, DASH, DASH, ""), panel.rows().get(0));
    }

    @Test
    void aFailedTickerStreamShowsItsCauseInItsRowAndGreysIt() throws Exception {
        binding = new MarketStatusBinding(panel, tracker, InstrumentLinkGroup.named("status-test-6"));
        simulated = new FakeConnector("simulated", "Simulated Exchange").register(-1000);
        Ui.spinUntil("the connector", () -> panel.rows().size() == 4, WAIT);
        InstrumentId sol = new InstrumentId("simulated", "SOL/USD");
        InstrumentId btc = new InstrumentId("simulated", "BTC/USD");
        simulated.push(ticker(btc, "64990", "65000", "64995", "10", "66000", "63000", "0.01"));
        simulated.push(ticker(sol, "151.234", "151.236", "151.2351", "12345678.9", null, null, "-0.00456"));
        Ui.spinUntil("the tickers", () -> panel.rows().get(2).get(1).equals("151.234"), WAIT);

        simulated.pushHealth(simulated.openTicker(sol), new DataHealth(DataState.FAILED, Books.T0, 1, 0,
                "Simulated Exchange: symbol delisted (10300)", Instant.now()));
        simulated.pushHealth(simulated.openTicker(btc), new DataHealth(DataState.STALE, Books.T0, 1, 0,
                "no ticker for 30 s", Instant.now()));
        Ui.spinUntil("the failed row", () -> !panel.rows().get(2).get(8).isEmpty(), WAIT, () -> panel.rows().toString());
        assertEquals("failed", panel.rows().get(2).get(8));
        assertEquals("failed: Simulated Exchange: symbol delisted (10300)", panel.streamStatus(2), "the row's tooltip");
        assertEquals("151.234", panel.rows().get(2).get(1), "the last values stay, greyed");
        assertEquals(TradeColors.MUTED, panel.table().getItem(2).getForeground(1));
        assertEquals(TradeColors.ASK, panel.table().getItem(2).getForeground(8));
        Ui.spinUntil("the stale row", () -> panel.rows().get(0).get(8).equals("stale"), WAIT);
        assertEquals("stale: no ticker for 30 s", panel.streamStatus(0));
        assertEquals("", panel.streamStatus(1));
        assertEquals(TradeColors.MUTED, panel.table().getItem(0).getForeground(4));
        assertTrue(panel.pricesCurrent(), "the connection itself has data");
        assertTrue(panel.rowCurrent(1) && panel.rowCurrent(3) && !panel.rowCurrent(0) && !panel.rowCurrent(2));

        Path file = Ui.screenshot(shell, "market-status-failed-stream");
        simulated.pushHealth(simulated.openTicker(btc), new DataHealth(DataState.LIVE, Books.T0, 2, 0));
        Ui.spinUntil("live again", () -> panel.rows().get(0).get(8).isEmpty(), WAIT);
        assertEquals(TradeColors.BID, panel.table().getItem(0).getForeground(4));
        System.out.println("Market status with a failed stream: " + file.toAbsolutePath());
    }

    @Test
    void theBadgeShowsMarketDataAndHintsAtOtherSessionsAndOnlyMarketDataGreysPrices() throws Exception {
        binding = new MarketStatusBinding(panel, tracker, InstrumentLinkGroup.named("status-test-7"));
        simulated = new FakeConnector("simulated", "Simulated Exchange").register(-1000);
        Ui.spinUntil("the connector", () -> panel.rows().size() == 4, WAIT);
        simulated.push(ticker(new InstrumentId("simulated", "BTC/USD"), "64990", "65000", "64995", "10", "66000",
                "63000", "0.01"));
        Instant since = Instant.parse("2026-11-22T10:00:00Z");
        // the overall state is the worst session's; the market data session is live
        simulated.setHealth(new ConnectionHealth(ConnectionState.FAILED, "order entry: invalid API key (10100)",
                since, Duration.ofMillis(12), 345.6, 1, 2, Map.of(
                        SessionHealth.MARKET_DATA, new SessionHealth(SessionHealth.MARKET_DATA, ConnectionState.LIVE, "",
                                since, DataSource.WEBSOCKET, Duration.ofMillis(12), 340, 1, 0),
                        SessionHealth.TRADING, new SessionHealth(SessionHealth.TRADING, ConnectionState.FAILED,
                                "invalid API key (10100)", since, DataSource.WEBSOCKET, null, 0, 0, 2)),
                Duration.ofMillis(3), 0));
        Ui.spinUntil("the session hint", () -> panel.healthBadge().getText().contains("order entry"), WAIT,
                panel.healthBadge()::getText);
        assertEquals("Live  \u00b7  12 ms  \u00b7  340 msg/s  \u00b7  1 reconnect  \u00b7  2 errors  \u00b7  order entry down",
                panel.healthBadge().getText());
        assertTrue(panel.pricesCurrent(), "order entry being down does not make prices old");
        Ui.spinUntil("the ticker", () -> panel.rows().get(0).get(1).equals("64,990.0"), WAIT);
        assertEquals(TradeColors.BID, panel.table().getItem(0).getForeground(4));
        Path file = Ui.screenshot(shell, "market-status-sessions");
        System.out.println("Market status with order entry down: " + file.toAbsolutePath());
    }

    @Test
    void instrumentsListedLaterGetRows() {
        binding = new MarketStatusBinding(panel, tracker, InstrumentLinkGroup.named("status-test-8"));
        simulated = new FakeConnector("simulated", "Simulated Exchange");
        simulated.setInstruments(List.of());
        simulated.register(-1000);
        Ui.spinUntil("the connector", () -> "Simulated Exchange".equals(panel.connectorName()), WAIT);
        assertEquals(List.of(), panel.rows());

        simulated.setInstruments(simulated.defaultInstruments().subList(0, 2));
        Ui.spinUntil("two rows", () -> panel.rows().size() == 2, WAIT, () -> panel.rows().toString());
        assertEquals(2, simulated.subscriptions().stream().filter(s -> s.request instanceof InstrumentId && !s.closed)
                .count(), "one ticker subscription per listed instrument");
        simulated.setInstruments(simulated.defaultInstruments());
        Ui.spinUntil("four rows", () -> panel.rows().size() == 4, WAIT, () -> panel.rows().toString());
        assertEquals(4, simulated.subscriptions().stream().filter(s -> s.request instanceof InstrumentId && !s.closed)
                .count());
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
