package org.tradebench.ui.orders.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderGateway;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.core.risk.StandardRiskCheck;
import org.tradebench.core.trading.DefaultOrderGateway;
import org.tradebench.core.trading.RiskLimitsStore;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.GatewayTracker;
import org.tradebench.ui.orders.internal.OrdersBinding;
import org.tradebench.ui.orders.internal.OrdersPanel;
import org.tradebench.ui.testing.Ui;

/**
 * The Orders view against the embedded simulated exchange, found in the registry as in the
 * workbench, with a real {@link DefaultOrderGateway} registered as the order gateway service: an
 * order placed through the gateway shows with the exchange's values; amend (typed into the cell)
 * and cancel go through the view, and the exchange's own open orders agree afterwards.
 */
class OrdersViewSimulatedTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final InstrumentId BTC = new InstrumentId("simulated", "BTC/USD");
    private static final AccountRef MAIN = new AccountRef("simulated", "main");

    private ConnectorTracker connectors;
    private GatewayTracker gateways;
    private DefaultOrderGateway gateway;
    private ServiceRegistration<OrderGateway> registration;
    private OrdersBinding binding;
    private Shell shell;
    private final List<String> questions = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        SimulatedConnectorBundle.start();
        connectors = ConnectorTracker.open(OrdersViewSimulatedTest.class);
        Ui.spinUntil("the simulated connector", () -> connectors.connector("simulated").isPresent(), WAIT);
        Path state = Files.createTempDirectory("tradebench-orders-view");
        gateway = new DefaultOrderGateway(new StandardRiskCheck(), new RiskLimitsStore(state.resolve("limits")), state,
                Duration.ofSeconds(5));
        gateway.addConnector(connectors.connector("simulated").orElseThrow());
        BundleContext context = FrameworkUtil.getBundle(OrdersViewSimulatedTest.class).getBundleContext();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, Integer.MAX_VALUE); // above core's own DS gateway, if it runs
        registration = context.registerService(OrderGateway.class, gateway, props);
        gateways = GatewayTracker.open(OrdersViewSimulatedTest.class);
    }

    @AfterEach
    void stop() throws Exception {
        if (binding != null) {
            binding.close();
        }
        if (shell != null) {
            shell.dispose();
        }
        gateways.close();
        registration.unregister();
        gateway.close();
        connectors.close();
        SimulatedConnectorBundle.stop();
        Ui.flush();
    }

    private TradingAccount account() {
        return connectors.connector("simulated").flatMap(ExchangeConnector::trading).orElseThrow();
    }

    private BigDecimal lastPrice() {
        AtomicReference<BigDecimal> last = new AtomicReference<>();
        ExchangeConnector c = connectors.connector("simulated").orElseThrow();
        try (Subscription s = c.marketData().subscribeTicker(BTC, t -> last.set(t.last()))) {
            Ui.spinUntil("a BTC/USD ticker", () -> last.get() != null, WAIT);
        }
        return last.get();
    }

    private static List<String> row(OrdersPanel panel, String clientOrderId) {
        return panel.openRows().stream().filter(r -> r.get(1 + OrdersPanel.COL_ORDER).equals(clientOrderId)).findFirst()
                .orElse(null);
    }

    private static String cell(List<String> row, int column) {
        return row.get(1 + column);
    }

    private Order exchangeOrder(String clientOrderId) {
        return account().openOrders().stream().filter(o -> o.clientOrderId().equals(clientOrderId)).findFirst()
                .orElse(null);
    }

    private void type(OrdersPanel panel, String clientOrderId, int column, String value) {
        Text editor = panel.edit(MAIN, clientOrderId, column);
        assertNotNull(editor, "no editor on " + clientOrderId + " column " + column);
        editor.setText(value);
        editor.notifyListeners(SWT.DefaultSelection, new org.eclipse.swt.widgets.Event());
    }

    @Test
    void placeAmendCancelThroughTheViewAgreeWithTheExchange() throws Exception {
        shell = Ui.shell("Orders (simulated)", 1500, 420);
        OrdersPanel panel = new OrdersPanel(shell, SWT.NONE);
        panel.setConfirm(q -> questions.add(q));
        shell.open();
        binding = new OrdersBinding(panel, connectors, gateways);

        Ui.spinUntil("the simulated account, live", () -> panel.openRows().stream()
                .anyMatch(r -> r.get(2).equals("simulated/main") && r.get(1 + OrdersPanel.COL_STATUS).equals("Live")),
                WAIT, () -> panel.openRows().toString());

        BigDecimal last = lastPrice();
        BigDecimal price = last.multiply(new BigDecimal("0.97")).setScale(0, RoundingMode.DOWN);
        String first = gateway.newClientOrderId();
        Order placed = gateway.place(MAIN, OrderRequest.limit(first, BTC, Side.BUY, new BigDecimal("0.01"), price))
                .toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertEquals(OrderStatus.OPEN, placed.status(), placed.reason());

        Ui.spinUntil("the order in the tree", () -> row(panel, first) != null, WAIT, () -> panel.openRows().toString());
        List<String> r = row(panel, first);
        assertEquals("1", r.get(0), "an order sits under its account");
        assertEquals("BTC/USD", cell(r, 1));
        assertEquals("buy", cell(r, 2));
        assertEquals("limit", cell(r, 3));
        assertEquals("primary", cell(r, 4));
        assertEquals("exchange", cell(r, 5));
        assertEquals(new BigDecimal("0.01"), new BigDecimal(cell(r, OrdersPanel.COL_QUANTITY)));
        assertEquals(0, price.compareTo(new BigDecimal(cell(r, OrdersPanel.COL_PRICE))));
        assertEquals("open", cell(r, OrdersPanel.COL_STATUS));

        // amend the price in place: typed, confirmed, sent through the gateway
        BigDecimal lower = price.subtract(new BigDecimal("50"));
        type(panel, first, OrdersPanel.COL_PRICE, lower.toPlainString());
        assertTrue(questions.get(questions.size() - 1).contains("price from " + price.toPlainString() + " to "
                + lower.toPlainString()), questions.toString());
        Ui.spinUntil("the amended price", () -> row(panel, first) != null
                && lower.compareTo(new BigDecimal(cell(row(panel, first), OrdersPanel.COL_PRICE))) == 0, WAIT,
                () -> row(panel, first) + " " + panel.message());
        assertEquals(0, lower.compareTo(exchangeOrder(first).request().price()), "the exchange has the new price");
        Ui.spinUntil("the amend's result", () -> panel.message().startsWith("Amended " + first), WAIT, panel::message);

        // amend the quantity in place
        type(panel, first, OrdersPanel.COL_QUANTITY, "0.02");
        Ui.spinUntil("the amended quantity", () -> new BigDecimal("0.02")
                .compareTo(new BigDecimal(cell(row(panel, first), OrdersPanel.COL_QUANTITY))) == 0, WAIT,
                () -> row(panel, first) + " " + panel.message());
        assertEquals(0, new BigDecimal("0.02").compareTo(exchangeOrder(first).request().quantity()));

        // an amend the risk check refuses: the message carries the reason, the order stays as it was
        type(panel, first, OrdersPanel.COL_PRICE, price.divide(new BigDecimal("2"), 0, RoundingMode.DOWN).toPlainString());
        Ui.spinUntil("the refusal", () -> panel.message().startsWith("Amend of " + first), WAIT, panel::message);
        assertTrue(panel.message().length() > ("Amend of " + first + " refused: ").length(), panel.message());
        assertEquals(0, lower.compareTo(exchangeOrder(first).request().price()), "refused amend changed the order");

        // a second order, then cancel the first one through the view
        String second = gateway.newClientOrderId();
        gateway.place(MAIN, OrderRequest.limit(second, BTC, Side.BUY, new BigDecimal("0.01"), price))
                .toCompletableFuture().get(20, TimeUnit.SECONDS);
        Ui.spinUntil("the second order", () -> row(panel, second) != null, WAIT);
        Ui.spinFor(Duration.ofMillis(300));
        Path picture = Ui.screenshot(shell, "orders-view-simulated");
        System.out.println("Orders view screenshot: " + picture.toAbsolutePath());

        assertTrue(panel.select(MAIN, first));
        panel.cancelSelected();
        assertTrue(questions.get(questions.size() - 1).startsWith("Cancel " + first), questions.toString());
        Ui.spinUntil("the first order gone from the open orders", () -> row(panel, first) == null, WAIT,
                () -> panel.openRows() + " " + panel.message());
        assertEquals(null, exchangeOrder(first), "the exchange still has the cancelled order");
        Ui.spinUntil("the cancel's result", () -> panel.message().equals("Cancel of " + first + ": cancelled"), WAIT,
                panel::message);
        panel.showTab(1);
        Ui.spinUntil("the cancelled order in the history", () -> panel.tableRows(false).stream()
                .anyMatch(h -> h.get(1).equals(first) && h.get(9).equals("cancelled")), WAIT,
                () -> panel.tableRows(false).toString());
        Ui.spinUntil("the exchange's history loaded", () -> panel.tableRows(false).stream()
                .noneMatch(h -> h.get(11).startsWith("loading")), WAIT, () -> panel.tableRows(false).toString());
        assertTrue(panel.tableRows(false).stream().noneMatch(h -> h.get(11).contains("failed")),
                panel.tableRows(false).toString());
        Ui.screenshot(shell, "orders-view-history");

        // cancel all
        panel.cancelAllWorking();
        assertEquals("Cancel all 1 working orders on 1 account?", questions.get(questions.size() - 1));
        Ui.spinUntil("no open orders", () -> row(panel, second) == null, WAIT, () -> panel.openRows().toString());
        Ui.spinUntil("the cancel-all result", () -> panel.message().equals("Cancel all: simulated/main cancelled 1"),
                WAIT, panel::message);
        assertTrue(account().openOrders().isEmpty(), account().openOrders().toString());
        assertEquals(Optional.empty(), Optional.ofNullable(exchangeOrder(second)));

        // a market order fills: its fill shows with the exchange's price and quantity
        String market = gateway.newClientOrderId();
        Order filled = gateway.place(MAIN, OrderRequest.market(market, BTC, Side.BUY, new BigDecimal("0.01")))
                .toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertEquals(OrderStatus.FILLED, filled.status(), filled.reason());
        panel.showTab(2);
        Ui.spinUntil("the market order's fill", () -> panel.tableRows(true).stream()
                .anyMatch(f -> f.get(2).equals(market)), WAIT, () -> panel.tableRows(true).toString());
        List<List<String>> fills = panel.tableRows(true).stream().filter(f -> f.get(2).equals(market)).toList();
        BigDecimal quantity = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        for (List<String> f : fills) {
            assertEquals("buy", f.get(4));
            quantity = quantity.add(new BigDecimal(f.get(6)));
            notional = notional.add(new BigDecimal(f.get(5)).multiply(new BigDecimal(f.get(6))));
        }
        assertEquals(0, new BigDecimal("0.01").compareTo(quantity), fills.toString());
        assertEquals(0, filled.averagePrice().compareTo(notional.divide(quantity, filled.averagePrice().scale() + 8,
                RoundingMode.HALF_EVEN).setScale(filled.averagePrice().scale(), RoundingMode.HALF_EVEN)),
                "fills average " + notional + "/" + quantity + " vs order average " + filled.averagePrice());
        Ui.spinFor(Duration.ofMillis(300));
        Ui.screenshot(shell, "orders-view-fills");
    }
}
