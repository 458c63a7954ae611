package org.tradebench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderGateway;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.core.risk.StandardRiskCheck;
import org.tradebench.core.trading.DefaultOrderGateway;
import org.tradebench.core.trading.RiskLimitsStore;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.GatewayTracker;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.core.TradingPreferences;
import org.tradebench.ui.orderbook.internal.DepthCanvas;
import org.tradebench.ui.orderbook.internal.LadderCanvas.Kind;
import org.tradebench.ui.orderbook.internal.LadderCanvas.Row;
import org.tradebench.ui.orderbook.internal.LadderCanvas;
import org.tradebench.ui.orderbook.internal.LadderSnapshot;
import org.tradebench.ui.orderbook.internal.OneClick;
import org.tradebench.ui.orderbook.internal.OrderBookBinding;
import org.tradebench.ui.orderbook.internal.OrderBookPanel;
import org.tradebench.ui.testing.Ui;

/**
 * The order book's size flashes, its depth chart and one-click trading: a changed or new level
 * flashes in the direction of the change and fades, an unchanged one does not, nothing flashes when
 * turned off; the depth chart's cumulative sizes are the book's; with one-click trading off a click
 * sends nothing, turned on it places a limit order at the clicked level through the order gateway on
 * the embedded exchange, and a refused one shows the gateway's reason.
 */
class OrderBookExtrasTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final InstrumentId BTC = new InstrumentId("simulated", "BTC/USD");

    private Shell shell;
    private ConnectorTracker tracker;
    private GatewayTracker gateways;
    private DefaultOrderGateway gateway;
    private ServiceRegistration<OrderGateway> registration;
    private OrderBookBinding book;
    private boolean simulated;

    @AfterEach
    void stop() throws Exception {
        TradingPreferences.setOneClickTrading(false);
        InstanceScope.INSTANCE.getNode("org.tradebench.ui.orderentry").remove(TradingPreferences.DEFAULT_QUANTITIES);
        if (book != null) {
            book.close();
        }
        if (gateways != null) {
            gateways.close();
        }
        if (registration != null) {
            registration.unregister();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (tracker != null) {
            tracker.close();
        }
        if (shell != null) {
            shell.dispose();
        }
        if (simulated) {
            SimulatedConnectorBundle.stop();
        }
        Ui.flush();
    }

    private static LadderSnapshot snapshot(long[] askPrices, long[] askSizes, long[] bidPrices, long[] bidSizes) {
        return new LadderSnapshot(BTC, 0, 0, askPrices, askSizes, bidPrices, bidSizes, 1, Instant.now(), null, 1);
    }

    @Test
    void aChangedOrNewLevelFlashesInTheDirectionOfTheChangeAndFades() throws Exception {
        shell = Ui.shell("Flashes", 420, 600);
        shell.setLayout(new FillLayout());
        LadderCanvas ladder = new LadderCanvas(shell, SWT.NONE);
        shell.open();
        AtomicLong now = new AtomicLong(1_000_000_000L);
        setClock(ladder, now);
        ladder.setSnapshot(snapshot(new long[] {101, 102}, new long[] {5, 7}, new long[] {100, 99}, new long[] {4, 3}));
        assertEquals(0, ladder.flash(true, 0), "the first book shown does not flash");

        // bid 100 grows, bid 99 unchanged, a new bid 98; ask 101 shrinks, ask 102 unchanged
        ladder.setSnapshot(snapshot(new long[] {101, 102}, new long[] {2, 7}, new long[] {100, 99, 98},
                new long[] {6, 3, 1}));
        assertEquals(1.0, ladder.flash(true, 0), 1e-9, "a grown size flashes up");
        assertEquals(0, ladder.flash(true, 1), "an unchanged size does not flash");
        assertEquals(1.0, ladder.flash(true, 2), 1e-9, "a new level flashes");
        assertEquals(-1.0, ladder.flash(false, 0), 1e-9, "a shrunk size flashes down");
        assertEquals(0, ladder.flash(false, 1));
        Ui.spinFor(Duration.ofMillis(50));
        Ui.screenshot(shell, "ladder-flash");

        now.addAndGet(300_000_000L);
        // bid 100 unchanged since: it keeps fading; a level that moved to another index keeps its flash
        ladder.setSnapshot(snapshot(new long[] {101, 102}, new long[] {2, 7}, new long[] {100, 99, 98},
                new long[] {6, 3, 1}));
        assertEquals(0.5, ladder.flash(true, 0), 1e-9, "half faded after half the time");
        now.addAndGet(400_000_000L);
        assertEquals(0, ladder.flash(true, 0), "faded out");

        ladder.setFlashing(false);
        ladder.setSnapshot(snapshot(new long[] {101}, new long[] {9}, new long[] {100}, new long[] {1}));
        assertEquals(0, ladder.flash(true, 0), "off: nothing flashes");
        assertEquals(0, ladder.flash(false, 0));
    }

    private static void setClock(LadderCanvas ladder, AtomicLong now) throws Exception {
        var m = LadderCanvas.class.getDeclaredMethod("setClock", java.util.function.LongSupplier.class);
        m.setAccessible(true);
        m.invoke(ladder, (java.util.function.LongSupplier) now::get);
    }

    @Test
    void theDepthChartAddsUpTheBookAndSaysWhyWhenItIsNotValid() throws Exception {
        LadderSnapshot s = snapshot(new long[] {101, 102, 105}, new long[] {1, 4, 2}, new long[] {100, 99, 97},
                new long[] {2, 3, 1});
        assertEquals(2, DepthCanvas.cumulativeAt(s, 100));
        assertEquals(5, DepthCanvas.cumulativeAt(s, 99));
        assertEquals(5, DepthCanvas.cumulativeAt(s, 98), "between two bid levels: the bids above it");
        assertEquals(6, DepthCanvas.cumulativeAt(s, 97));
        assertEquals(0, DepthCanvas.cumulativeAt(s, 100) - 2, "the best bid alone");
        assertEquals(1, DepthCanvas.cumulativeAt(s, 101));
        assertEquals(5, DepthCanvas.cumulativeAt(s, 103));
        assertEquals(7, DepthCanvas.cumulativeAt(s, 105));
        // inside the spread there is nothing to take: prices in units, so 100 < p < 101 has none here;
        // a wider book shows it
        LadderSnapshot wide = snapshot(new long[] {110}, new long[] {1}, new long[] {100}, new long[] {1});
        assertEquals(0, DepthCanvas.cumulativeAt(wide, 105));

        // the chart of a live book, then of one being resynchronised
        startSimulated();
        shell = Ui.shell("Depth", 520, 700);
        shell.setLayout(new FillLayout());
        OrderBookPanel panel = new OrderBookPanel(shell, SWT.NONE);
        shell.open();
        book = new OrderBookBinding(panel, tracker, InstrumentLinkGroup.named("depth-test"), BTC);
        panel.showDepth(true);
        assertTrue(panel.depthShown());
        Ui.spinUntil("a depth chart of a full book", () -> panel.depth().getSnapshot() != null
                && panel.depth().getSnapshot().bidCount() >= 10 && panel.depth().getMessage() == null, WAIT);
        LadderSnapshot shown = panel.depth().getSnapshot();
        assertEquals(shown.bidTotal(shown.bidCount() - 1), DepthCanvas.cumulativeAt(shown, shown.bidPrice(shown.bidCount() - 1)));
        Event move = new Event();
        move.x = panel.depth().getClientArea().width / 3;
        move.y = panel.depth().getClientArea().height / 2;
        panel.depth().notifyListeners(SWT.MouseMove, move);
        Ui.spinFor(Duration.ofMillis(300));
        Ui.screenshot(shell, "orderbook-depth");

        panel.depth().setSnapshot(LadderSnapshot.empty(BTC, 0, 0, "resyncing: sequence gap"));
        assertEquals("resyncing: sequence gap", panel.depth().getMessage());
        panel.showDepth(false);
        assertFalse(panel.depthShown());
    }

    private void startSimulated() throws Exception {
        SimulatedConnectorBundle.start();
        simulated = true;
        tracker = ConnectorTracker.open(OrderBookExtrasTest.class);
        Ui.spinUntil("the simulated connector service", () -> tracker.connector("simulated").isPresent(), WAIT);
    }

    private Row bidRow(OrderBookPanel panel, int level) {
        return panel.ladder().visibleRows().stream().filter(r -> r.kind() == Kind.BID && r.level() == level)
                .findFirst().orElseThrow();
    }

    private static void click(LadderCanvas ladder, Row row) {
        Event down = new Event();
        down.button = 1;
        down.x = 20;
        down.y = row.y() + ladder.rowHeight() / 2;
        ladder.notifyListeners(SWT.MouseDown, down);
    }

    @Test
    void oneClickTradingIsOffByDefaultAndWhenOnPlacesALimitOrderAtTheClickedLevelThroughTheGateway()
            throws Exception {
        startSimulated();
        ExchangeConnector c = tracker.connector("simulated").orElseThrow();
        TradingAccount account = c.trading().orElseThrow();
        Path state = Files.createTempDirectory("tradebench-one-click");
        gateway = new DefaultOrderGateway(new StandardRiskCheck(), new RiskLimitsStore(state.resolve("limits")), state,
                Duration.ofSeconds(5));
        gateway.addConnector(c);
        BundleContext context = FrameworkUtil.getBundle(OrderBookExtrasTest.class).getBundleContext();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, Integer.MAX_VALUE); // above core's own DS gateway, if it runs
        registration = context.registerService(OrderGateway.class, gateway, props);
        gateways = GatewayTracker.open(OrderBookExtrasTest.class);

        shell = Ui.shell("One-click", 420, 860);
        shell.setLayout(new FillLayout());
        OrderBookPanel panel = new OrderBookPanel(shell, SWT.NONE);
        shell.open();
        InstrumentLinkGroup group = InstrumentLinkGroup.named("one-click-test");
        book = new OrderBookBinding(panel, tracker, group, BTC);
        book.useOneClick(new OneClick(panel, gateways, TradingPreferences::oneClickTrading,
                TradingPreferences::defaultQuantity));
        Ui.spinUntil("a full ladder", () -> panel.ladder().visibleRows().size() >= 21, WAIT,
                () -> panel.ladder().visibleRows().toString());
        AtomicReference<BigDecimal> picked = new AtomicReference<>();
        group.addPriceListener((id, side, price) -> picked.set(price));

        // off (the default): a click picks the price for the order entry and sends nothing
        assertFalse(TradingPreferences.oneClickTrading(), "one-click trading is off by default");
        panel.setOneClick(TradingPreferences.oneClickTrading());
        assertFalse(panel.oneClickShown());
        Row level = bidRow(panel, 3);
        click(panel.ladder(), level);
        Ui.spinUntil("the price picked", () -> picked.get() != null, WAIT);
        Ui.spinFor(Duration.ofMillis(300));
        assertEquals(List.of(), gateway.localOrders(org.tradebench.api.trading.AccountRef.of(account)),
                "nothing sent with one-click off");
        assertEquals(List.of(), account.openOrders());

        // on, with a default quantity for BTC/USD: the click buys at that level
        TradingPreferences.setOneClickTrading(true);
        InstanceScope.INSTANCE.getNode("org.tradebench.ui.orderentry").put(TradingPreferences.DEFAULT_QUANTITIES,
                "BTC/USD=0.0123");
        panel.setOneClick(true);
        assertTrue(panel.oneClickShown(), "the header says one-click is on");
        level = bidRow(panel, 3);
        BigDecimal price = new BigDecimal(level.price().replace(",", ""));
        click(panel.ladder(), level);
        Ui.spinUntil("the order resting at the level", () -> account.openOrders().stream()
                .anyMatch(o -> o.request().side() == Side.BUY && o.request().price().compareTo(price) == 0
                        && o.request().quantity().compareTo(new BigDecimal("0.0123")) == 0), WAIT, panel::tradeText);
        Ui.spinUntil("the header line says it is open", () -> panel.tradeText().endsWith(": open"), WAIT,
                panel::tradeText);
        assertTrue(panel.tradeText().startsWith("Buy 0.0123 BTC/USD @ "), panel.tradeText());
        Ui.screenshot(shell, "orderbook-one-click");
        for (Order o : account.openOrders()) {
            gateway.cancel(org.tradebench.api.trading.AccountRef.of(account), o.clientOrderId()).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        }

        // a quantity the paper balance cannot pay: refused, with the reason, nothing resting
        InstanceScope.INSTANCE.getNode("org.tradebench.ui.orderentry").put(TradingPreferences.DEFAULT_QUANTITIES,
                "BTC/USD=500");
        click(panel.ladder(), bidRow(panel, 2));
        Ui.spinUntil("the refusal shown", () -> panel.tradeText().contains("rejected"), WAIT, panel::tradeText);
        assertTrue(panel.tradeText().startsWith("Buy 500 BTC/USD @ "), panel.tradeText());
        assertEquals(List.of(), account.openOrders());

        // no default quantity: nothing sent, and the line says where to set one
        InstanceScope.INSTANCE.getNode("org.tradebench.ui.orderentry").remove(TradingPreferences.DEFAULT_QUANTITIES);
        click(panel.ladder(), bidRow(panel, 2));
        assertTrue(panel.tradeText().startsWith("not sent: no default quantity for BTC/USD"), panel.tradeText());
    }
}
