package org.tradebench.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.tradebench.app.tests.Ui.activePage;
import static org.tradebench.app.tests.Ui.activeShell;
import static org.tradebench.app.tests.Ui.find;
import static org.tradebench.app.tests.Ui.findByClassName;
import static org.tradebench.app.tests.Ui.onUi;
import static org.tradebench.app.tests.Ui.screenshot;
import static org.tradebench.app.tests.Ui.waitFor;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.tradebench.api.ConnectionControl;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.ui.connections.ConnectionsView;
import org.tradebench.ui.connections.internal.ConnectionDots;
import org.tradebench.ui.connections.internal.ConnectionsPanel;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.core.widgets.HealthBadge;
import org.tradebench.ui.orderbook.internal.LadderSnapshot;
import org.tradebench.ui.orderbook.internal.OrderBookPanel;
import org.tradebench.venues.bitfinex.BitfinexSimulator;
import org.tradebench.venues.bitfinex.BitfinexSimulatorConfig;

/**
 * The workbench views on a real connector: the Bitfinex connector, enabled by system properties and
 * pointed at a {@link BitfinexSimulator} on loopback, becomes the default connector (ranking 0 over
 * the simulated exchange's -1000); the order book follows {@code bitfinex:BTC/USD} through the link
 * group and shows the simulator's book, the Market Status view shows Bitfinex live, and a dropped
 * connection shows as a resync and converges again. Bitfinex is disabled again afterwards, so the
 * workbench is back on the simulated exchange whatever test runs next.
 */
class BitfinexWorkbenchTest {

    private static final String CONNECTOR_BUNDLE = "org.tradebench.connector.bitfinex";
    private static final String PREFIX = "tradebench.bitfinex.";
    private static final String[] KEYS = {"ws.public", "ws.auth", "rest.public", "rest.auth", "enabled"};
    private static final String FILTER = "(" + ExchangeConnector.PROPERTY_EXCHANGE_ID + "=bitfinex)";
    private static final InstrumentId BITFINEX_BTC = new InstrumentId("bitfinex", "BTC/USD");
    private static final InstrumentId SIMULATED_BTC = new InstrumentId("simulated", "BTC/USD");
    private static final String SIM_SYMBOL = "tBTCUSD";
    /** Levels per side compared between the ladder and the simulator. */
    private static final int COMPARED_LEVELS = 5;

    private BitfinexSimulator sim;

    @AfterEach
    void disableBitfinex() throws Exception {
        clearProperties();
        try {
            BundleContext context = restartConnector();
            awaitNoService(context);
            onUi(() -> {
                InstrumentLinkGroup.DEFAULT.select(SIMULATED_BTC);
                return null;
            });
            // back where WorkbenchSmokeTest expects the workbench: on the embedded exchange
            waitFor(Duration.ofSeconds(20), Duration.ofMillis(200), "the order book back on the simulated exchange",
                    () -> {
                        OrderBookPanel p = orderBookPanel();
                        return p != null && "Simulated Exchange".equals(p.exchangeName()) && pricedLevels(p) > 0
                                ? p
                                : null;
                    });
        } finally {
            if (sim != null) {
                sim.close();
                sim = null;
            }
        }
    }

    @Test
    void viewsFollowTheBitfinexConnectorThroughAConnectionDrop() throws Exception {
        waitFor("the Trading perspective to open", () -> {
            var page = activePage();
            return page != null && page.findView(Ui.ORDER_BOOK_VIEW) != null
                    && page.findView(Ui.STATUS_VIEW) != null ? page : null;
        });

        sim = BitfinexSimulator.start(BitfinexSimulatorConfig.defaults());
        System.setProperty(PREFIX + "ws.public", sim.webSocketUri().toString());
        System.setProperty(PREFIX + "ws.auth", sim.webSocketUri().toString());
        System.setProperty(PREFIX + "rest.public", sim.restUri().resolve("v2/").toString());
        System.setProperty(PREFIX + "rest.auth", sim.restUri().resolve("v2/").toString());
        System.setProperty(PREFIX + "enabled", "true");
        BundleContext context = restartConnector();
        ServiceReference<ExchangeConnector> ref = awaitService(context);
        assertEquals("Bitfinex", ref.getProperty(ExchangeConnector.PROPERTY_DISPLAY_NAME));
        assertEquals(0, ((Number) ref.getProperty("service.ranking")).intValue(), "Bitfinex's ranking");

        onUi(() -> {
            InstrumentLinkGroup.DEFAULT.select(BITFINEX_BTC);
            return null;
        });

        // The order book: Bitfinex's BTC/USD, live, with the simulator's levels.
        OrderBookPanel panel = waitFor(Duration.ofSeconds(20), Duration.ofMillis(200),
                "the order book to show Bitfinex BTC/USD live", () -> {
                    OrderBookPanel p = orderBookPanel();
                    return p != null && "Bitfinex".equals(p.exchangeName()) && "BTC/USD".equals(p.selectedSymbol())
                            && state(p.healthBadge()) == ConnectionState.LIVE && pricedLevels(p) >= 10 ? p : null;
                });
        String match = awaitLadderMatchesSimulator(panel, "the ladder to show the simulator's book");

        // The Market Status view shows the default connector, which now is Bitfinex.
        String statusRow = waitFor(Duration.ofSeconds(20), Duration.ofMillis(200),
                "the Market Status view to show Bitfinex live with a BTC/USD bid", () -> {
                    Composite status = statusPanel();
                    if (status == null || !"Bitfinex".equals(firstLabel(status))
                            || find(status, HealthBadge.class).isEmpty()
                            || state(find(status, HealthBadge.class).get(0)) != ConnectionState.LIVE) {
                        return null;
                    }
                    for (Table table : find(status, Table.class)) {
                        for (TableItem item : table.getItems()) {
                            if ("BTC/USD".equals(item.getText(0)) && item.getText(1).matches("[0-9][0-9,]*(\\.[0-9]+)?")) {
                                return item.getText(0) + " " + item.getText(1) + " / " + item.getText(2);
                            }
                        }
                    }
                    return null;
                });
        System.out.println("Bitfinex in the workbench: " + match + "; status " + statusRow);

        Thread.sleep(1500); // a few throttled repaints: a settled, live picture
        Path png = screenshot("workbench-bitfinex.png");
        assertTrue(Files.size(png) > 10_000, "screenshot too small: " + png);

        // Drop every socket and refuse new ones for a moment: the ladder must say it is resyncing
        // instead of showing a book that no longer follows the exchange.
        long reconnectsBefore = health(panel).reconnects();
        sim.refuseConnections(503);
        sim.dropConnections();
        String resync = waitFor(Duration.ofSeconds(10), Duration.ofMillis(20), "the ladder to show a resync", () -> {
            String message = panel.ladder().getMessage();
            return message != null && message.startsWith("resyncing") && panel.ladder().visibleRows().isEmpty()
                    ? message + " / badge " + panel.healthBadge().getText()
                    : null;
        });
        // both badges follow the connector's health: neither may still say Live
        String badges = waitFor(Duration.ofSeconds(5), Duration.ofMillis(50), "both health badges to leave Live",
                () -> {
                    Composite status = statusPanel();
                    HealthBadge book = panel.healthBadge();
                    HealthBadge market = find(status, HealthBadge.class).get(0);
                    return down(state(book)) && down(state(market))
                            ? "order book: " + book.getText() + "; market status: " + market.getText()
                            : null;
                });
        Thread.sleep(300); // still refused: let the throttled repaints land before the picture
        screenshot("workbench-bitfinex-resync.png");
        System.out.println("Bitfinex down: " + badges);
        System.out.println("Bitfinex dropped: " + resync);

        sim.acceptConnections();
        waitFor(Duration.ofSeconds(20), Duration.ofMillis(200), "the order book live again after the drop", () -> {
            return panel.ladder().getMessage() == null && state(panel.healthBadge()) == ConnectionState.LIVE
                    && pricedLevels(panel) >= 10 ? panel : null;
        });
        String again = awaitLadderMatchesSimulator(panel, "the ladder to converge on the simulator's book again");
        assertTrue(health(panel).reconnects() > reconnectsBefore, "a reconnect was counted: " + health(panel));
        assertEquals("Bitfinex", onUi(panel::exchangeName));
        System.out.println("Bitfinex after the drop: " + again);

        userSwitchesFromTheConnectionsView(panel);
    }

    /**
     * The Connections view and the status bar dot on the real connector: Disconnect closes its
     * market data (the order book says so, the simulator serves nothing), Connect brings the book
     * back equal to the simulator's, REST only polls with the socket closed, and back.
     */
    private void userSwitchesFromTheConnectionsView(OrderBookPanel book) throws Exception {
        ConnectionsPanel connections = onUi(() -> {
            try {
                return ((ConnectionsView) activePage().showView(ConnectionsView.ID)).panel();
            } catch (org.eclipse.ui.PartInitException e) {
                throw new IllegalStateException(e);
            }
        });
        waitFor("the Connections view to list Bitfinex", () -> onUi(() -> connections.select("bitfinex")) ? connections
                : null);
        String dot = waitFor("a Bitfinex dot in the status bar", () -> onUi(() -> {
            for (Control c : findByClassName(activeShell(), "ConnectionDots")) {
                for (ConnectionDots.Dot d : ((ConnectionDots) c).dots()) {
                    if (d.name().equals("Bitfinex") && d.state() == ConnectionState.LIVE) {
                        return d.toString();
                    }
                }
            }
            return null;
        }));
        System.out.println("status bar: " + dot);

        onUi(() -> {
            connections.disconnectSelected();
            return null;
        });
        String disconnected = waitFor(Duration.ofSeconds(10), Duration.ofMillis(50),
                "market data disconnected in the Connections view and the order book", () -> {
                    List<String> row = marketRow(connections);
                    return row != null && "disconnected".equals(row.get(2)) && state(book.healthBadge()) ==
                            ConnectionState.DISCONNECTED ? row.toString() : null;
                });
        assertEquals(ConnectionControl.DISCONNECTED_CAUSE, marketRow(connections).get(3));
        Thread.sleep(400);
        screenshot("workbench-bitfinex-disconnected.png");
        System.out.println("Bitfinex disconnected: " + disconnected);

        onUi(() -> {
            connections.connectSelected();
            return null;
        });
        waitFor(Duration.ofSeconds(20), Duration.ofMillis(200), "the order book live again after Connect",
                () -> book.ladder().getMessage() == null && state(book.healthBadge()) == ConnectionState.LIVE
                        && pricedLevels(book) >= 10 ? book : null);
        awaitLadderMatchesSimulator(book, "the ladder equal to the simulator's book after Connect");

        onUi(() -> {
            connections.chooseMode(ConnectionControl.TransportMode.REST);
            return null;
        });
        String rest = waitFor(Duration.ofSeconds(10), Duration.ofMillis(50), "market data over REST",
                () -> {
                    List<String> row = marketRow(connections);
                    return row != null && "rest-fallback".equals(row.get(2)) && "rest".equals(row.get(6))
                            ? row.toString() : null;
                });
        System.out.println("Bitfinex over REST: " + rest);
        Thread.sleep(400);
        screenshot("workbench-bitfinex-rest.png");
        onUi(() -> {
            connections.chooseMode(ConnectionControl.TransportMode.AUTO);
            return null;
        });
        waitFor(Duration.ofSeconds(20), Duration.ofMillis(100), "market data on the socket again",
                () -> {
                    List<String> row = marketRow(connections);
                    return row != null && "live".equals(row.get(2)) && "websocket".equals(row.get(6)) ? row : null;
                });
        // the Positions tab in front again, as the other workbench tests expect it
        onUi(() -> {
            try {
                activePage().showView("org.tradebench.ui.positions.view");
            } catch (org.eclipse.ui.PartInitException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    private static List<String> marketRow(ConnectionsPanel connections) {
        return onUi(() -> {
            for (List<String> row : connections.rows()) {
                if (row.get(0).equals("Bitfinex") && row.get(1).equals(SessionHealth.MARKET_DATA)) {
                    return row;
                }
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- the views

    /** Call on the UI thread. */
    private static OrderBookPanel orderBookPanel() {
        List<OrderBookPanel> panels = find(activeShell(), OrderBookPanel.class);
        return panels.isEmpty() ? null : panels.get(0);
    }

    /** The Market Status view's panel (its class is internal to a bundle this one does not import). */
    private static Composite statusPanel() {
        List<Control> panels = findByClassName(activeShell(), "MarketStatusPanel");
        return panels.isEmpty() ? null : (Composite) panels.get(0);
    }

    private static String firstLabel(Composite root) {
        List<Label> labels = find(root, Label.class);
        return labels.isEmpty() ? null : labels.get(0).getText();
    }

    /** What the badge shows: the market data session's state (order entry may be down without keys). */
    private static ConnectionState state(HealthBadge badge) {
        return badge.getState();
    }

    private static boolean down(ConnectionState state) {
        return state == ConnectionState.RECONNECTING || state == ConnectionState.REST_FALLBACK;
    }

    private static ConnectionHealth health(OrderBookPanel panel) {
        return onUi(() -> panel.healthBadge().getHealth());
    }

    /** Call on the UI thread: the levels a valid book shows (asks plus bids). */
    private static int pricedLevels(OrderBookPanel panel) {
        LadderSnapshot s = panel.ladder().getSnapshot();
        if (s == null || panel.ladder().getMessage() != null) {
            return 0;
        }
        return s.askCount() + s.bidCount();
    }

    // ---------------------------------------------------------------- against the simulator

    private record Level(BigDecimal price, BigDecimal size) {
        @Override
        public String toString() {
            return size.toPlainString() + "@" + price.toPlainString();
        }
    }

    /**
     * Waits until the top levels of the ladder (price and size) equal the simulator's current
     * BTC/USD book as it last sent it. The market moves, so both are read again until they agree.
     */
    private String awaitLadderMatchesSimulator(OrderBookPanel panel, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String last = "nothing compared";
        while (System.nanoTime() < deadline) {
            Optional<BitfinexSimulator.BookState> book = simulatorBook();
            List<List<Level>> ladder = onUi(() -> ladderLevels(panel));
            if (book.isPresent() && ladder != null) {
                List<Level> asks = levels(book.get().asks());
                List<Level> bids = levels(book.get().bids());
                if (ladder.get(0).equals(asks) && ladder.get(1).equals(bids)) {
                    return "asks " + asks + " bids " + bids + " (" + book.get().prec() + ")";
                }
                last = "ladder asks " + ladder.get(0) + " bids " + ladder.get(1) + ", simulator asks " + asks
                        + " bids " + bids;
            }
            Thread.sleep(50);
        }
        Path picture = screenshot("timeout.png");
        fail("timed out waiting for " + what + ": " + last + " (screenshot: " + picture + ")");
        return null;
    }

    /** Call on the UI thread: the ladder's best levels, asks then bids, or null without a book. */
    private static List<List<Level>> ladderLevels(OrderBookPanel panel) {
        LadderSnapshot s = panel.ladder().getSnapshot();
        if (s == null || panel.ladder().getMessage() != null || s.askCount() < COMPARED_LEVELS
                || s.bidCount() < COMPARED_LEVELS) {
            return null;
        }
        List<Level> asks = new ArrayList<>();
        List<Level> bids = new ArrayList<>();
        for (int i = 0; i < COMPARED_LEVELS; i++) {
            asks.add(new Level(BigDecimal.valueOf(s.askPrice(i), s.priceScale()).stripTrailingZeros(),
                    BigDecimal.valueOf(s.askSize(i), s.sizeScale()).stripTrailingZeros()));
            bids.add(new Level(BigDecimal.valueOf(s.bidPrice(i), s.priceScale()).stripTrailingZeros(),
                    BigDecimal.valueOf(s.bidSize(i), s.sizeScale()).stripTrailingZeros()));
        }
        return List.of(asks, bids);
    }

    /** The simulator's rows of one side, summed per price (raw books have one row per order). */
    private static List<Level> levels(List<BitfinexSimulator.BookRow> rows) {
        List<Level> out = new ArrayList<>();
        for (BitfinexSimulator.BookRow r : rows) {
            BigDecimal price = r.price().stripTrailingZeros();
            BigDecimal size = r.amount().abs();
            if (!out.isEmpty() && out.get(out.size() - 1).price().compareTo(price) == 0) {
                Level prev = out.remove(out.size() - 1);
                size = size.add(prev.size());
            } else if (out.size() == COMPARED_LEVELS) {
                break;
            }
            out.add(new Level(price, size.stripTrailingZeros()));
        }
        return out;
    }

    /** The BTC/USD book channel of the simulator's current connection (channel ids count up from 101). */
    private Optional<BitfinexSimulator.BookState> simulatorBook() {
        BitfinexSimulator.BookState found = null;
        for (int chanId = 101; chanId < 400; chanId++) {
            try {
                BitfinexSimulator.BookState s = sim.bookState(chanId);
                if (SIM_SYMBOL.equals(s.symbol())) {
                    found = s; // the highest one: after a reconnect the channels are new
                }
            } catch (IllegalArgumentException notABook) {
                // a ticker, trades or candles channel, or one of a dropped connection
            }
        }
        return Optional.ofNullable(found);
    }

    // ---------------------------------------------------------------- the connector bundle

    private static void clearProperties() {
        Arrays.stream(KEYS).forEach(k -> System.clearProperty(PREFIX + k));
    }

    private static Bundle connectorBundle() {
        Bundle self = FrameworkUtil.getBundle(BitfinexWorkbenchTest.class);
        assertNotNull(self, "running in OSGi");
        for (Bundle b : self.getBundleContext().getBundles()) {
            if (CONNECTOR_BUNDLE.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError(CONNECTOR_BUNDLE + " is not installed in the test runtime");
    }

    /**
     * Stops the connector bundle and starts it again, so its DS component reads the system
     * properties now set (as EnablementTest does).
     */
    private static BundleContext restartConnector() throws BundleException {
        Bundle bundle = connectorBundle();
        if (bundle.getState() == Bundle.ACTIVE || bundle.getState() == Bundle.STARTING) {
            bundle.stop(Bundle.STOP_TRANSIENT);
        }
        bundle.start(Bundle.START_TRANSIENT);
        BundleContext context = bundle.getBundleContext();
        assertNotNull(context, CONNECTOR_BUNDLE + " started");
        return context;
    }

    private static Collection<ServiceReference<ExchangeConnector>> bitfinexServices(BundleContext context) {
        try {
            return context.getServiceReferences(ExchangeConnector.class, FILTER);
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static ServiceReference<ExchangeConnector> awaitService(BundleContext context) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            Collection<ServiceReference<ExchangeConnector>> refs = bitfinexServices(context);
            if (!refs.isEmpty()) {
                return refs.iterator().next();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no ExchangeConnector service with exchange.id=bitfinex within 15 s");
    }

    private static void awaitNoService(BundleContext context) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (bitfinexServices(context).isEmpty()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the exchange.id=bitfinex service is still registered after 15 s");
    }
}
