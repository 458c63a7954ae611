package org.tradebench.ui.tape.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
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
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Trade;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.core.format.ClockFormat;
import org.tradebench.ui.core.widgets.TradeColors;
import org.tradebench.ui.testing.Ui;
import org.tradebench.ui.testing.FakeConnector;

class TradeTapeTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Instant T0 = Instant.parse("2026-12-04T14:03:07.125Z");
    private static int groups;

    private Shell shell;
    private TradeTapePanel panel;
    private ConnectorTracker tracker;
    private TradeTapeBinding binding;
    private FakeConnector exchange;
    private InstrumentLinkGroup group;

    @BeforeEach
    void open() {
        shell = Ui.shell("Trades", 520, 420);
        panel = new TradeTapePanel(shell, SWT.NONE);
        shell.open();
        tracker = ConnectorTracker.open(TradeTapeTest.class);
        exchange = new FakeConnector("fake", "Fake Exchange").register(0);
        group = InstrumentLinkGroup.named("tape-test-" + groups++);
    }

    @AfterEach
    void close() {
        if (binding != null) {
            binding.close();
        }
        tracker.close();
        shell.dispose();
        exchange.shutdown();
        Ui.flush();
    }

    private static Trade trade(InstrumentId id, int n, String price, String size, Side side) {
        Instant time = T0.plusMillis(n);
        return new Trade(id, "t" + n, time, time, new BigDecimal(price), new BigDecimal(size), side);
    }

    private void bind(InstrumentId initial, Map<InstrumentId, BigDecimal> thresholds) {
        binding = new TradeTapeBinding(panel, tracker, group, initial, thresholds);
        Ui.spinUntil("the trade subscription", () -> !exchange.open("trades").isEmpty(), WAIT,
                () -> exchange.subscriptions().toString());
    }

    private void awaitRows(int n) {
        Ui.spinUntil(n + " rows", () -> panel.table().getItemCount() == n, WAIT,
                () -> panel.table().getItemCount() + " rows");
    }

    @Test
    void showsTradesNewestFirstWithTimePriceSizeAndSideColours() throws Exception {
        InstrumentId btc = exchange.id("BTC/USD");
        bind(btc, Map.of());
        assertEquals("BTC/USD", panel.instrument().id().symbol());
        exchange.push(trade(btc, 0, "65000.25", "0.15", Side.BUY));
        exchange.push(trade(btc, 1, "64999.9", "2", Side.SELL));
        exchange.push(trade(btc, 2, "65001", "0.0042", Side.BUY));
        awaitRows(3);

        // newest first; price with the tick's one decimal (half-even), size with the lot's four
        assertEquals(List.of(
                List.of(ClockFormat.format(T0.plusMillis(2)), "65,001.0", "0.0042", "Buy"),
                List.of(ClockFormat.format(T0.plusMillis(1)), "64,999.9", "2.0000", "Sell"),
                List.of(ClockFormat.format(T0), "65,000.2", "0.1500", "Buy")), panel.rows());
        TableItem buy = panel.table().getItem(0);
        TableItem sell = panel.table().getItem(1);
        assertEquals(TradeColors.BID, buy.getForeground(1));
        assertEquals(TradeColors.BID, buy.getForeground(3));
        assertEquals(TradeColors.ASK, sell.getForeground(1));
        assertEquals(TradeColors.ASK, sell.getForeground(3));
        assertTrue(panel.isLive());
        assertEquals("Trades live  \u00b7  3 trades", panel.streamStatus());
        assertEquals("Highlight: off", panel.thresholdText());
        assertEquals(null, panel.notLiveNotice());
    }

    @Test
    void highlightsTradesAtOrAboveTheThresholdOfTheInstrument() throws Exception {
        InstrumentId btc = exchange.id("BTC/USD");
        bind(btc, Map.of(btc, new BigDecimal("1.5")));
        assertEquals("Highlight \u2265 1.5", panel.thresholdText());
        String[] sizes = { "0.5", "1.4999", "1.5", "7.25", "0.01" };
        for (int i = 0; i < sizes.length; i++) {
            exchange.push(trade(btc, i, "65000", sizes[i], i % 2 == 0 ? Side.BUY : Side.SELL));
        }
        awaitRows(5);
        panel.rows(); // materialise the virtual rows
        // newest first: 0.01, 7.25, 1.5, 1.4999, 0.5
        boolean[] expected = { false, true, true, false, false };
        for (int row = 0; row < expected.length; row++) {
            TableItem item = panel.table().getItem(row);
            assertEquals(expected[row], TradeTapePanel.HIGHLIGHT.equals(item.getBackground()),
                    "highlight of row " + row + " (" + item.getText(2) + ")");
        }

        // a new threshold applies to the rows shown and is kept for the instrument
        binding.setThreshold(new BigDecimal("0.5"));
        Ui.flush();
        panel.rows();
        assertTrue(TradeTapePanel.HIGHLIGHT.equals(panel.table().getItem(4).getBackground()), "0.5 >= 0.5");
        assertFalse(TradeTapePanel.HIGHLIGHT.equals(panel.table().getItem(0).getBackground()), "0.01 < 0.5");
        assertEquals(Map.of(btc, new BigDecimal("0.5")), binding.thresholds());
    }

    @Test
    void screenshotOfABusyTape() throws Exception {
        InstrumentId btc = exchange.id("BTC/USD");
        bind(btc, Map.of(btc, BigDecimal.ONE));
        String[] sizes = { "0.0150", "0.2500", "1.2000", "0.0031", "0.5000", "3.7500", "0.0800", "0.0100", "0.4200",
                "0.0020", "1.0000", "0.1800", "0.0450", "0.6600" };
        for (int i = 0; i < sizes.length; i++) {
            Side side = (i * 7 % 3) == 0 ? Side.SELL : Side.BUY;
            exchange.push(trade(btc, i * 137, "6499" + (i % 10) + "." + (i * 3 % 10), sizes[i], side));
        }
        awaitRows(sizes.length);
        Ui.spinFor(Duration.ofMillis(200));
        Path file = Ui.screenshot(shell, "trade-tape");
        assertTrue(Files.size(file) > 0);
        assertEquals(3, panel.shownTrades().stream().filter(t -> t.quantity().compareTo(BigDecimal.ONE) >= 0).count());
    }

    @Test
    void keepsOnlyTheLatest500Trades() {
        InstrumentId btc = exchange.id("BTC/USD");
        bind(btc, Map.of());
        exchange.onConnectorThread(() -> {
            for (int i = 0; i < 1200; i++) {
                panel.offer(trade(btc, i, "65000." + (i % 10), "0.001", Side.BUY));
            }
        });
        Ui.spinUntil("the last trade", () -> panel.shownTrades().size() == TradeRing.DEFAULT_CAPACITY
                && panel.shownTrades().get(0).id().equals("t1199"), WAIT);
        assertEquals(TradeRing.DEFAULT_CAPACITY, panel.table().getItemCount());
        assertEquals("t700", panel.shownTrades().get(TradeRing.DEFAULT_CAPACITY - 1).id(), "the oldest kept");
        assertEquals(1200, panel.ring().added());
        List<String> last = panel.rows().get(TradeRing.DEFAULT_CAPACITY - 1);
        assertEquals(ClockFormat.format(T0.plusMillis(700)), last.get(0));
        assertEquals("65,000.0", last.get(1));
        assertTrue(panel.throttler().runs() < 100, "refreshes merged, not one per trade: " + panel.throttler().runs());
    }

    @Test
    void followsTheLinkGroupToAnotherInstrument() {
        InstrumentId btc = exchange.id("BTC/USD");
        InstrumentId eth = exchange.id("ETH/USD");
        bind(btc, Map.of(eth, BigDecimal.TEN));
        exchange.push(trade(btc, 0, "65000", "1", Side.BUY));
        awaitRows(1);

        group.select(eth);
        Ui.spinUntil("the ETH subscription", () -> exchange.open("trades").size() == 1
                && exchange.open("trades").get(0).instrument.equals(eth), WAIT, () -> exchange.subscriptions().toString());
        Ui.flush();
        assertEquals(0, panel.table().getItemCount(), "BTC trades are not shown as ETH trades");
        assertEquals("ETH/USD", panel.instrument().id().symbol());
        assertEquals("Highlight \u2265 10", panel.thresholdText());
        exchange.push(trade(eth, 1, "3120.456", "12", Side.SELL));
        awaitRows(1);
        assertEquals(List.of(List.of(ClockFormat.format(T0.plusMillis(1)), "3,120.46", "12.000", "Sell")),
                panel.rows());
        assertEquals(TradeTapePanel.HIGHLIGHT, panel.table().getItem(0).getBackground());

        // a BTC trade the closed stream was still delivering is not shown as an ETH trade
        exchange.onConnectorThread(() -> panel.offer(trade(btc, 2, "65000", "1", Side.BUY)));
        Ui.spinFor(Duration.ofMillis(100));
        assertEquals(1, panel.table().getItemCount());
        assertEquals(1, panel.ring().added());
    }

    @Test
    void saysWhenTheTradesAreNotLiveWithTheCause() throws Exception {
        InstrumentId btc = exchange.id("BTC/USD");
        bind(btc, Map.of());
        exchange.push(trade(btc, 0, "65000", "1", Side.BUY));
        awaitRows(1);
        assertTrue(panel.isLive());

        Instant last = T0.plusSeconds(1);
        exchange.pushHealth("trades", btc, new DataHealth(DataState.STALE, last, 1, 0, "no trade for 30 s", last));
        Ui.spinUntil("stale", () -> !panel.isLive(), WAIT);
        assertEquals("Not live: no trade received since " + ClockFormat.format(last)
                + " (no trade for 30 s). Trades may be missing.", panel.notLiveNotice());
        assertEquals("Trades stale  \u00b7  1 trade", panel.streamStatus());
        panel.rows();
        assertEquals(TradeColors.MUTED, panel.table().getItem(0).getForeground(1), "stale prices are greyed");

        exchange.pushHealth("trades", btc, new DataHealth(DataState.FAILED, last, 1, 0,
                "Fake: symbol: invalid (10300)", last));
        Ui.spinUntil("failed", () -> panel.streamStatus().startsWith("Trades failed"), WAIT);
        assertEquals("Not live: the trade stream failed (Fake: symbol: invalid (10300)). The trades shown are the"
                + " last received.", panel.notLiveNotice());
        assertEquals(1, panel.table().getItemCount(), "the last trades stay visible");
        Ui.screenshot(shell, "trade-tape-failed");

        exchange.pushHealth("trades", btc, new DataHealth(DataState.REST_FALLBACK, last, 2, 0, "socket down", last));
        Ui.spinUntil("REST", () -> panel.streamStatus().startsWith("Trades via REST"), WAIT);
        assertEquals("Trades polled over REST while the stream is down (socket down): they arrive late.",
                panel.notLiveNotice());

        exchange.pushHealth("trades", btc, new DataHealth(DataState.LIVE, last, 2, 0));
        Ui.spinUntil("live again", () -> panel.isLive(), WAIT);
        assertEquals(null, panel.notLiveNotice());
        exchange.setHealth(ConnectionHealth.of(ConnectionState.RECONNECTING, "socket closed"));
        Ui.spinUntil("the connection state", () -> panel.healthBadge().getState() == ConnectionState.RECONNECTING,
                WAIT);
        Ui.spinUntil("not live", () -> !panel.isLive(), WAIT);
        assertEquals("Not live: market data reconnecting. The trades shown are the last received.",
                panel.notLiveNotice());
    }

    @Test
    void aConnectorRemovedAtRuntimeIsSaidAndComesBack() {
        InstrumentId btc = exchange.id("BTC/USD");
        bind(btc, Map.of());
        exchange.push(trade(btc, 0, "65000", "1", Side.BUY));
        awaitRows(1);

        exchange.unregister();
        Ui.spinUntil("the tape to notice", () -> panel.instrument() == null, WAIT);
        assertEquals(0, panel.table().getItemCount());
        assertEquals("Fake Exchange unavailable: its connector is not running. The trades of BTC/USD come back"
                + " when it does.", panel.notLiveNotice());
        assertTrue(exchange.open("trades").isEmpty(), "the subscription is closed");

        exchange.register(0);
        Ui.spinUntil("the tape to come back", () -> panel.instrument() != null, WAIT);
        assertEquals(btc, panel.instrument().id());
        assertEquals(1, exchange.open("trades").size());
        assertNotEquals(null, binding.shown().orElse(null));
    }

    @Test
    void ringKeepsTheNewestAndCountsEveryTrade() {
        TradeRing ring = new TradeRing(3);
        InstrumentId btc = new InstrumentId("x", "BTC/USD");
        for (int i = 0; i < 5; i++) {
            ring.add(trade(btc, i, "1", "1", Side.BUY));
        }
        assertEquals(List.of("t4", "t3", "t2"), ring.newestFirst().stream().map(Trade::id).toList());
        assertEquals(5, ring.added());
        ring.clear();
        assertEquals(List.of(), ring.newestFirst());
    }
}
