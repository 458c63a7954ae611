package org.tradebench.ui.positions.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.account.Position;
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
import org.tradebench.ui.positions.internal.PositionsBinding;
import org.tradebench.ui.positions.internal.PositionsPanel;
import org.tradebench.ui.testing.Ui;

/**
 * The Positions view against the embedded simulated exchange with a real order gateway: a position
 * opened through the gateway shows the exchange's size and entry and a P&amp;L that follows from the
 * mark shown; Reduce and Close in the view send reduce-only market orders and the exchange's
 * position shrinks and closes.
 */
class PositionsViewSimulatedTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final InstrumentId PERP = new InstrumentId("simulated", "BTC/USD:USD");
    private static final AccountRef MAIN = new AccountRef("simulated", "main");

    private ConnectorTracker connectors;
    private GatewayTracker gateways;
    private DefaultOrderGateway gateway;
    private ServiceRegistration<OrderGateway> registration;
    private PositionsBinding binding;
    private Shell shell;
    private final List<String> questions = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        SimulatedConnectorBundle.start();
        connectors = ConnectorTracker.open(PositionsViewSimulatedTest.class);
        Ui.spinUntil("the simulated connector", () -> connectors.connector("simulated").isPresent(), WAIT);
        Path state = Files.createTempDirectory("tradebench-positions-view");
        gateway = new DefaultOrderGateway(new StandardRiskCheck(), new RiskLimitsStore(state.resolve("limits")), state,
                Duration.ofSeconds(5));
        gateway.addConnector(connectors.connector("simulated").orElseThrow());
        BundleContext context = FrameworkUtil.getBundle(PositionsViewSimulatedTest.class).getBundleContext();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, Integer.MAX_VALUE);
        registration = context.registerService(OrderGateway.class, gateway, props);
        gateways = GatewayTracker.open(PositionsViewSimulatedTest.class);
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

    private Position exchangePosition() {
        return account().positions().stream().filter(p -> p.instrument().equals(PERP) && p.quantity().signum() > 0)
                .findFirst().orElse(null);
    }

    private static List<String> row(PositionsPanel panel) {
        return panel.rows().stream().filter(r -> r.get(0).equals("1") && r.get(1).equals("BTC/USD:USD")).findFirst()
                .orElse(null);
    }

    @Test
    void reduceAndCloseThroughTheViewShrinkTheExchangePosition() throws Exception {
        shell = Ui.shell("Positions (simulated)", 1600, 300);
        PositionsPanel panel = new PositionsPanel(shell, SWT.NONE);
        panel.setConfirm(q -> questions.add(q));
        shell.open();
        binding = new PositionsBinding(panel, connectors, gateways);
        Ui.spinUntil("the simulated account", () -> panel.rows().stream().anyMatch(r -> r.get(2).equals("simulated/main")),
                WAIT, () -> panel.rows().toString());

        Order opened = gateway.place(MAIN, OrderRequest.market(gateway.newClientOrderId(), PERP, Side.BUY,
                new BigDecimal("0.02"))).toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertEquals(OrderStatus.FILLED, opened.status(), opened.reason());
        Ui.spinUntil("the position", () -> row(panel) != null && !row(panel).get(7).equals("none"), WAIT,
                () -> panel.rows().toString());
        Ui.spinFor(Duration.ofMillis(500));
        List<String> r = row(panel);
        Position p = exchangePosition();
        assertEquals("long", r.get(3));
        assertEquals(0, new BigDecimal("0.02").compareTo(new BigDecimal(r.get(4))));
        assertEquals(0, p.entryPrice().compareTo(new BigDecimal(r.get(5))), "entry as the exchange says");
        BigDecimal mark = new BigDecimal(r.get(6));
        BigDecimal shownPnl = new BigDecimal(r.get(8).replace("+", ""));
        // live mark: the view's own arithmetic; the position's mark: the connector's, which must agree
        BigDecimal expected = new BigDecimal("0.02").multiply(mark.subtract(new BigDecimal(r.get(5))));
        assertEquals(0, expected.setScale(shownPnl.scale(), RoundingMode.HALF_EVEN).compareTo(shownPnl),
                "0.02 × (" + mark + " − " + r.get(5) + ") vs " + r);
        Path file = Ui.screenshot(shell, "positions-view-simulated");
        System.out.println("Positions screenshot: " + file.toAbsolutePath());

        assertTrue(panel.select("simulated/main", "BTC/USD:USD"));
        panel.setReducePercent(50);
        panel.reduceSelected();
        assertTrue(questions.get(questions.size() - 1).startsWith("Reduce long BTC/USD:USD on simulated/main: sell 0.01 "
                + "(50 % of 0.02) at market, reduce-only"), questions.toString());
        Ui.spinUntil("half the position", () -> exchangePosition() != null
                && new BigDecimal("0.01").compareTo(exchangePosition().quantity()) == 0, WAIT,
                () -> exchangePosition() + " " + panel.message());
        Ui.spinUntil("the view shows half", () -> row(panel) != null
                && new BigDecimal("0.01").compareTo(new BigDecimal(row(panel).get(4))) == 0, WAIT,
                () -> panel.rows() + " " + panel.message());
        Ui.spinUntil("the reduction's result", () -> panel.message().contains(": filled 0.01"), WAIT, panel::message);

        assertTrue(panel.select("simulated/main", "BTC/USD:USD"));
        panel.closeSelected();
        assertTrue(questions.get(questions.size() - 1).startsWith("Close long BTC/USD:USD on simulated/main: sell 0.01 at market"),
                questions.toString());
        Ui.spinUntil("no position", () -> exchangePosition() == null, WAIT, () -> String.valueOf(exchangePosition()));
        Ui.spinUntil("the row gone", () -> row(panel) == null, WAIT, () -> panel.rows().toString());
    }
}
