package org.tradebench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.core.format.PriceFormat;
import org.tradebench.ui.orderbook.internal.LadderCanvas.Kind;
import org.tradebench.ui.orderbook.internal.LadderCanvas.Row;
import org.tradebench.ui.orderbook.internal.OrderBookBinding;
import org.tradebench.ui.orderbook.internal.OrderBookPanel;
import org.tradebench.ui.status.internal.MarketStatusBinding;
import org.tradebench.ui.status.internal.MarketStatusPanel;
import org.tradebench.ui.testing.Ui;

/**
 * Both views against the real embedded simulated exchange, registered by its own DS component as
 * in the workbench: the views find it through the registry (they never import the connector); the
 * ladder must show a valid, sorted, uncrossed book and the status table a ticker per instrument.
 */
class SimulatedExchangeViewsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private ConnectorTracker tracker;
    private Shell shell;
    private OrderBookBinding book;
    private MarketStatusBinding status;

    @BeforeEach
    void start() throws Exception {
        SimulatedConnectorBundle.start();
        tracker = ConnectorTracker.open(SimulatedExchangeViewsTest.class);
        Ui.spinUntil("the simulated connector service", () -> tracker.connector("simulated").isPresent(), WAIT);
    }

    @AfterEach
    void stop() throws Exception {
        if (book != null) {
            book.close();
        }
        if (status != null) {
            status.close();
        }
        tracker.close();
        if (shell != null) {
            shell.dispose();
        }
        SimulatedConnectorBundle.stop();
        Ui.flush();
    }

    @Test
    void simulatedConnectorRanksLowestAndIsTheDefaultWhenAlone() {
        ExchangeConnector c = tracker.defaultConnector().orElseThrow();
        assertEquals("simulated", c.id());
    }

    private static BigDecimal number(String text) {
        return new BigDecimal(text.replace(",", ""));
    }

    @Test
    void ladderAndTickersShowTheSimulatedMarket() throws Exception {
        shell = Ui.shell("Tradebench (simulated)", 1100, 860);
        SashForm columns = new SashForm(shell, SWT.HORIZONTAL);
        OrderBookPanel ladder = new OrderBookPanel(columns, SWT.BORDER);
        MarketStatusPanel table = new MarketStatusPanel(columns, SWT.BORDER);
        columns.setWeights(42, 58);
        shell.open();
        InstrumentLinkGroup group = InstrumentLinkGroup.named("simulated-views-test");
        book = new OrderBookBinding(ladder, tracker, group, null);
        status = new MarketStatusBinding(table, tracker, group);

        Ui.spinUntil("a full ladder", () -> ladder.ladder().visibleRows().size() >= 21, WAIT,
                () -> ladder.ladder().visibleRows() + " message=" + ladder.ladder().getMessage());
        Ui.spinUntil("tickers for every instrument", () -> table.rows().size() == 4
                && table.rows().stream().allMatch(r -> !r.get(1).equals(PriceFormat.MISSING)), WAIT,
                () -> table.rows().toString());
        Ui.spinUntil("live health", () -> ladder.healthBadge().getText().startsWith("Live"), WAIT,
                ladder.healthBadge()::getText);

        List<Row> rows = ladder.ladder().visibleRows();
        assertEquals("BTC/USD", ladder.selectedSymbol());
        BigDecimal previous = null;
        Kind previousKind = null;
        for (Row r : rows) {
            if (r.kind() == Kind.SPREAD) {
                assertTrue(r.size().startsWith("spread "), r.toString());
                assertTrue(number(r.size().substring(7)).signum() > 0, "book crossed or locked: " + r);
                continue;
            }
            BigDecimal price = number(r.price());
            if (previous != null) {
                // top to bottom prices fall: asks descend towards the spread, bids away from it
                assertTrue(price.compareTo(previous) < 0, previousKind + " " + previous + " then " + r);
            }
            assertTrue(number(r.size()).signum() > 0, r.toString());
            previous = price;
            previousKind = r.kind();
        }
        assertTrue(table.rows().stream().map(r -> r.get(0)).toList()
                .containsAll(List.of("BTC/USD", "ETH/USD", "SOL/USD", "BTC/USD:USD")), table.rows().toString());

        Ui.spinFor(Duration.ofMillis(500)); // let the market move a little for the picture
        Path file = Ui.screenshot(shell, "simulated-views");
        System.out.println("Simulated exchange views screenshot: " + file.toAbsolutePath());
    }
}
