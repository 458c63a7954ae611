package org.tradebench.ui.watchlist.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.DayStats;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.Quote;
import org.tradebench.api.market.Ticker;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.core.widgets.TradeColors;
import org.tradebench.ui.testing.Ui;
import org.tradebench.ui.testing.FakeConnector;

class WatchlistTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Instant T0 = Instant.parse("2026-12-04T14:03:07.125Z");
    private static final String DASH = "\u2013";
    private static int groups;

    private Shell shell;
    private WatchlistPanel panel;
    private ConnectorTracker tracker;
    private WatchlistBinding binding;
    private FakeConnector alpha;
    private FakeConnector beta;
    private InstrumentLinkGroup group;
    private InstrumentId btc;
    private InstrumentId perp;
    private InstrumentId eth;

    @BeforeEach
    void open() {
        shell = Ui.shell("Watchlist", 1100, 300);
        panel = new WatchlistPanel(shell, SWT.NONE);
        shell.open();
        tracker = ConnectorTracker.open(WatchlistTest.class);
        alpha = new FakeConnector("alpha", "Alpha").register(10);
        beta = new FakeConnector("beta", "Beta Exchange").register(0);
        group = InstrumentLinkGroup.named("watchlist-test-" + groups++);
        btc = alpha.id("BTC/USD");
        perp = alpha.id("BTC/USD:USD");
        eth = beta.id("ETH/USD");
    }

    @AfterEach
    void close() {
        if (binding != null) {
            binding.close();
        }
        tracker.close();
        shell.dispose();
        alpha.shutdown();
        beta.shutdown();
        Ui.flush();
    }

    private static BigDecimal d(String s) {
        return s == null ? null : new BigDecimal(s);
    }

    private static Ticker ticker(InstrumentId id, String bid, String ask, String last, String volume, String open,
            String changeRatio) {
        Quote quote = bid == null ? null : new Quote(d(bid), BigDecimal.ONE, d(ask), BigDecimal.ONE);
        return new Ticker(id, T0, T0, quote, d(last), new DayStats(d(volume), null, null, null, d(open), null,
                d(changeRatio)));
    }

    private void bindExplicit() {
        binding = new WatchlistBinding(panel, tracker, group, List.of(btc, perp, eth));
        Ui.spinUntil("three rows", () -> panel.instruments().size() == 3, WAIT,
                () -> panel.rowTexts().toString());
        Ui.spinUntil("the ticker subscriptions", () -> alpha.open("ticker").size() == 2 && beta.open("ticker").size() == 1,
                WAIT);
    }

    private void awaitCell(int row, int column, String text) {
        Ui.spinUntil("row " + row + " column " + column + " = " + text,
                () -> panel.rowTexts().get(row).get(column).equals(text), WAIT, () -> panel.rowTexts().toString());
    }

    @Test
    void showsLastChangeBidAskSpreadAndVolumeOfEveryConnector() throws Exception {
        bindExplicit();
        assertEquals(List.of("BTC/USD", "Alpha", DASH, DASH, DASH, DASH, DASH, DASH, "", "", ""), panel.rowTexts().get(0),
                "nothing received yet: dashes; spot: no mark, no funding");

        alpha.push(ticker(btc, "64990.1", "65000.3", "64995.5", "1234.5678", null, "0.0123"));
        // no ratio from the exchange: from the open 24 hours ago, (3150 - 3000) / 3000 = +5.00%
        beta.push(ticker(eth, "3149.99", "3150.02", "3150", "12345678.9", "3000", null));
        awaitCell(2, WatchlistPanel.LAST, "3,150.00");
        awaitCell(0, WatchlistPanel.LAST, "64,995.5");
        assertEquals(List.of("BTC/USD", "Alpha", "64,995.5", "+1.23%", "64,990.1", "65,000.3", "10.2", "1,234.57", "",
                "", ""), panel.rowTexts().get(0));
        assertEquals(List.of("ETH/USD", "Beta Exchange", "3,150.00", "+5.00%", "3,149.99", "3,150.02", "0.03",
                "12.35M", "", "", ""), panel.rowTexts().get(2));
        assertEquals("ask \u2212 bid = 65000.3 \u2212 64990.1 = 10.2 (1.57 bps of the mid)",
                panel.cellTip(0, WatchlistPanel.SPREAD));
        assertEquals("A spot market has no mark price", panel.cellTip(0, WatchlistPanel.MARK));
        assertEquals("A spot market has no funding", panel.cellTip(0, WatchlistPanel.FUNDING));
        TableItem first = panel.table().getItem(0);
        assertEquals(TradeColors.BID, first.getForeground(WatchlistPanel.CHANGE), "a rise is green");

        alpha.push(ticker(btc, "64990.1", "65000.3", "64995.5", "1234.5678", null, "-0.00456"));
        awaitCell(0, WatchlistPanel.CHANGE, "-0.46%");
        assertEquals(TradeColors.ASK, panel.table().getItem(0).getForeground(WatchlistPanel.CHANGE), "a fall is red");
    }

    @Test
    void showsMarkAndFundingOfAPerpetualAndBlanksWhatTheTickerLacks() throws Exception {
        bindExplicit();
        Ui.spinUntil("the mark subscription", () -> alpha.open("mark").size() == 1, WAIT);
        assertEquals(perp, alpha.open("mark").get(0).instrument);
        assertTrue(alpha.subscriptions().stream().noneMatch(s -> s.kind.equals("mark") && s.instrument.equals(btc)),
                "no mark price subscription for a spot pair");

        // a USD-M style ticker: last and day statistics, no best bid and ask
        alpha.push(new Ticker(perp, T0, T0, null, d("64987.5"), new DayStats(d("987"), null, null, null, null, null,
                d("0"))));
        alpha.push(new MarkPrice(perp, T0, T0, d("64988.25"), d("64990"), d("0.0001"), T0.plusSeconds(3600), null));
        // shown with the tick's one decimal, half-even
        awaitCell(1, WatchlistPanel.MARK, "64,988.2");
        assertEquals(List.of("BTC/USD:USD", "Alpha", "64,987.5", "0.00%", "", "", "", "987.00", "64,988.2",
                "+0.0100%", ""), panel.rowTexts().get(1));
        assertEquals("Alpha sends no best bid and ask in this market's ticker", panel.cellTip(1, WatchlistPanel.BID));

        alpha.push(new MarkPrice(perp, T0, T0, d("64988.75"), null, d("-0.000375"), null, null));
        awaitCell(1, WatchlistPanel.FUNDING, "-0.0375%");
        assertEquals("64,988.8", panel.rowTexts().get(1).get(WatchlistPanel.MARK));
    }

    @Test
    void greysAStaleRowAndSaysWhy() throws Exception {
        bindExplicit();
        alpha.push(ticker(btc, "64990.1", "65000.3", "64995.5", "1234.5678", null, "0.0123"));
        beta.push(ticker(eth, "3149.99", "3150.02", "3150", "100", null, "0.01"));
        awaitCell(2, WatchlistPanel.LAST, "3,150.00");
        assertFalse(panel.isStale(0));

        Instant since = T0.plusSeconds(30);
        alpha.pushHealth("ticker", btc, new DataHealth(DataState.STALE, T0, 5, 0, "no ticker for 30 s", since));
        Ui.spinUntil("the stale row", () -> panel.isStale(0), WAIT);
        assertEquals("Ticker stale since " + org.tradebench.ui.core.format.ClockFormat.format(since)
                + ": no ticker for 30 s. Values are the last received.", panel.rowStatus(0));
        TableItem item = panel.table().getItem(0);
        assertEquals(TradeColors.MUTED, item.getForeground(WatchlistPanel.LAST));
        assertTrue((item.getFont().getFontData()[0].getStyle() & SWT.ITALIC) != 0, "italic");
        assertEquals("64,995.5", panel.rowTexts().get(0).get(WatchlistPanel.LAST), "the last value stays");
        assertEquals("stale", panel.rowTexts().get(0).get(WatchlistPanel.DATA));
        assertFalse(panel.isStale(2), "another exchange's row stays live");

        alpha.pushHealth("ticker", perp, new DataHealth(DataState.REST_FALLBACK, T0, 5, 0, "socket down", since));
        Ui.spinUntil("the REST row", () -> panel.rowTexts().get(1).get(WatchlistPanel.DATA).equals("via REST"), WAIT);
        assertFalse(panel.isStale(1), "polled data is current, and says how it comes");
        assertEquals("Polled over REST while the stream is down: socket down", panel.cellTip(1, WatchlistPanel.DATA));

        beta.setHealth(ConnectionHealth.of(ConnectionState.RECONNECTING, "socket closed by peer"));
        Ui.spinUntil("beta's rows", () -> panel.isStale(2), WAIT);
        assertEquals("Market data reconnecting: socket closed by peer. Values are the last received.",
                panel.rowStatus(2));
        assertEquals("reconnecting", panel.rowTexts().get(2).get(WatchlistPanel.DATA));
        panel.table().deselectAll();
        Ui.spinFor(Duration.ofMillis(150));
        Ui.screenshot(shell, "watchlist-stale");
    }

    @Test
    void doubleClickSelectsTheInstrumentInTheLinkGroup() {
        bindExplicit();
        assertEquals(Optional.empty(), group.selected());
        panel.table().setSelection(2);
        panel.table().notifyListeners(SWT.DefaultSelection, new Event());
        assertEquals(Optional.of(eth), group.selected());
        panel.table().setSelection(1);
        panel.table().notifyListeners(SWT.DefaultSelection, new Event());
        assertEquals(Optional.of(perp), group.selected());
    }

    @Test
    void aConnectorRemovedAtRuntimeDisappearsAndComesBack() {
        bindExplicit();
        beta.push(ticker(eth, "3149.99", "3150.02", "3150", "100", null, "0.01"));
        awaitCell(2, WatchlistPanel.LAST, "3,150.00");

        beta.unregister();
        Ui.spinUntil("beta's row to go", () -> panel.instruments().size() == 2, WAIT, () -> panel.rowTexts().toString());
        assertEquals(List.of("BTC/USD", "BTC/USD:USD"), panel.rowTexts().stream().map(r -> r.get(0)).toList());
        assertTrue(beta.open("ticker").isEmpty(), "its ticker subscription is closed");
        assertTrue(beta.open("health").isEmpty(), "its health subscription is closed");
        assertEquals(Optional.of(List.of(btc, perp, eth)), binding.entries(), "it stays in the list");

        beta.register(0);
        Ui.spinUntil("beta's row to come back", () -> panel.instruments().size() == 3, WAIT);
        assertEquals("ETH/USD", panel.rowTexts().get(2).get(0));
        assertEquals(DASH, panel.rowTexts().get(2).get(WatchlistPanel.LAST), "no old price carried over");
        Ui.spinUntil("a new ticker subscription", () -> beta.open("ticker").size() == 1, WAIT);
    }

    @Test
    void startsWithTheDefaultListAndKeepsWhatTheUserAddsAndRemoves() {
        binding = new WatchlistBinding(panel, tracker, group, null);
        Ui.spinUntil("six rows", () -> panel.instruments().size() == 6, WAIT, () -> panel.rowTexts().toString());
        assertEquals(List.of("Alpha", "Alpha", "Alpha", "Beta Exchange", "Beta Exchange", "Beta Exchange"),
                panel.rowTexts().stream().map(r -> r.get(1)).toList(), "best-ranked connector first");
        assertEquals(Optional.empty(), binding.entries());

        binding.remove(alpha.id("ETH/USD"));
        binding.remove(beta.id("BTC/USD:USD"));
        assertEquals(4, panel.instruments().size());
        assertEquals(Optional.of(List.of(btc, perp, beta.id("BTC/USD"), eth)), binding.entries());
        binding.add(beta.id("BTC/USD:USD"));
        binding.add(btc); // already there: no duplicate
        assertEquals(Optional.of(List.of(btc, perp, beta.id("BTC/USD"), eth, beta.id("BTC/USD:USD"))),
                binding.entries());
        assertEquals(5, panel.instruments().size());
        assertEquals(6, binding.available().size(), "the three instruments of each of the two connectors");
    }

    @Test
    void screenshotOfAFilledWatchlist() throws Exception {
        binding = new WatchlistBinding(panel, tracker, group, List.of(btc, alpha.id("ETH/USD"), perp, eth,
                beta.id("BTC/USD:USD")));
        Ui.spinUntil("five rows", () -> panel.instruments().size() == 5, WAIT);
        Ui.spinUntil("subscriptions", () -> alpha.open("ticker").size() == 3 && beta.open("mark").size() == 1, WAIT);
        alpha.push(ticker(btc, "64990.1", "65000.3", "64995.5", "1234.5678", null, "0.0123"));
        alpha.push(ticker(alpha.id("ETH/USD"), "3149.99", "3150.02", "3150", "45678.9", null, "-0.0071"));
        alpha.push(new Ticker(perp, T0, T0, null, d("64987.5"), new DayStats(d("987"), null, null, null, null, null,
                d("0.0098"))));
        alpha.push(new MarkPrice(perp, T0, T0, d("64988.25"), null, d("0.0001"), null, null));
        beta.push(ticker(eth, "3149.5", "3150.5", "3150", "12345678.9", "3000", null));
        beta.push(ticker(beta.id("BTC/USD:USD"), "64980", "64981", "64980.5", "2500", null, "0.011"));
        beta.push(new MarkPrice(beta.id("BTC/USD:USD"), T0, T0, d("64981.5"), null, d("-0.00025"), null, null));
        beta.pushHealth("ticker", eth, new DataHealth(DataState.STALE, T0, 5, 0, "no ticker for 30 s", T0));
        Ui.spinUntil("all values", () -> panel.isStale(3)
                && panel.rowTexts().get(4).get(WatchlistPanel.FUNDING).equals("-0.0250%"), WAIT,
                () -> panel.rowTexts().toString());
        assertNull(panel.rowStatus(0));
        panel.table().deselectAll();
        Ui.spinFor(Duration.ofMillis(200));
        Ui.screenshot(shell, "watchlist");
    }
}
