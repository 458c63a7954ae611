package org.tradebench.ui.balances.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.account.Balance;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.core.risk.StandardRiskCheck;
import org.tradebench.core.trading.DefaultOrderGateway;
import org.tradebench.core.trading.RiskLimitsStore;
import org.tradebench.ui.balances.internal.BalancesBinding;
import org.tradebench.ui.balances.internal.BalancesPanel;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.testing.Ui;

/**
 * The Balances view against the embedded simulated exchange: the paper account's wallets as the
 * exchange gives them, and each currency valued in USD at the price shown.
 */
class BalancesViewSimulatedTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private ConnectorTracker connectors;
    private BalancesBinding binding;
    private Shell shell;

    @BeforeEach
    void start() throws Exception {
        SimulatedConnectorBundle.start();
        connectors = ConnectorTracker.open(BalancesViewSimulatedTest.class);
        Ui.spinUntil("the simulated connector", () -> connectors.connector("simulated").isPresent(), WAIT);
    }

    @AfterEach
    void stop() throws Exception {
        if (binding != null) {
            binding.close();
        }
        if (shell != null) {
            shell.dispose();
        }
        connectors.close();
        SimulatedConnectorBundle.stop();
        Ui.flush();
    }

    private static BigDecimal number(String s) {
        return new BigDecimal(s.replace(",", "").replace("\u2265 ", "").replace(" USD", ""));
    }

    @Test
    void paperAccountValuedAtLivePrices() throws Exception {
        shell = Ui.shell("Balances (simulated)", 1600, 330);
        BalancesPanel panel = new BalancesPanel(shell, SWT.NONE);
        shell.open();
        binding = new BalancesBinding(panel, connectors);
        // buy some BTC through the order gateway so that a balance needs a live price
        Path state = Files.createTempDirectory("tradebench-balances-view");
        DefaultOrderGateway gateway = new DefaultOrderGateway(new StandardRiskCheck(),
                new RiskLimitsStore(state.resolve("limits")), state, Duration.ofSeconds(5));
        try {
            gateway.addConnector(connectors.connector("simulated").orElseThrow());
            Order bought = gateway.place(new AccountRef("simulated", "main"), OrderRequest.market(
                    gateway.newClientOrderId(), new InstrumentId("simulated", "BTC/USD"), Side.BUY,
                    new BigDecimal("0.01"))).toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertEquals(OrderStatus.FILLED, bought.status(), bought.reason());
        } finally {
            gateway.close();
        }
        Ui.spinUntil("a BTC balance", () -> panel.rows().stream()
                .anyMatch(r -> r.get(2).equals("BTC") && !r.get(3).equals("0")), WAIT, () -> panel.rows().toString());
        List<Balance> balances = connectors.connector("simulated").flatMap(ExchangeConnector::trading).orElseThrow()
                .balances();
        Ui.spinUntil("every balance priced", () -> {
            List<List<String>> rows = panel.rows();
            return rows.size() == balances.size() + 1 && rows.stream().skip(1).noneMatch(r -> r.get(8).equals("\u2013"));
        }, WAIT, () -> panel.rows().toString());
        List<List<String>> rows = panel.rows();
        BigDecimal sum = BigDecimal.ZERO;
        for (List<String> r : rows.subList(1, rows.size())) {
            Balance b = balances.stream().filter(x -> x.wallet().equals(r.get(1)) && x.currency().equals(r.get(2)))
                    .findFirst().orElseThrow(() -> new AssertionError("not on the exchange: " + r));
            assertEquals(0, b.total().compareTo(new BigDecimal(r.get(3))), r.toString());
            assertEquals(0, b.available().compareTo(new BigDecimal(r.get(4))), r.toString());
            BigDecimal rate = r.get(7).isEmpty() ? BigDecimal.ONE : new BigDecimal(r.get(7));
            if (b.currency().equals("BTC")) {
                assertTrue(rate.compareTo(new BigDecimal("1000")) > 0, "BTC priced by BTC/USD: " + r);
                assertEquals("priced by BTC/USD", r.get(9));
            }
            BigDecimal value = number(r.get(8));
            // the price column is rounded to 10 digits: the value must agree with it to the cent
            assertTrue(b.total().multiply(rate).subtract(value).abs().compareTo(new BigDecimal("0.01")) <= 0,
                    r + ": " + b.total() + " × " + rate + " vs " + value);
            sum = sum.add(value);
        }
        BigDecimal shownTotal = number(rows.get(0).get(8));
        assertTrue(sum.subtract(shownTotal).abs().compareTo(new BigDecimal("0.05")) <= 0, sum + " vs " + shownTotal);
        assertEquals("Simulated paper account", rows.get(0).get(1).isEmpty() ? "" : rows.get(0).get(1));
        assertTrue(rows.get(0).get(9).startsWith("Live"), rows.get(0).toString());
        assertTrue(rows.get(0).get(9).contains("fees this session "), "the market order's fee: " + rows.get(0));
        Path file = Ui.screenshot(shell, "balances-view-simulated");
        System.out.println("Balances screenshot: " + file.toAbsolutePath());
        assertEquals(0, sum.setScale(2, RoundingMode.HALF_EVEN).signum() > 0 ? 0 : 1, "a paper account has value");
    }
}
