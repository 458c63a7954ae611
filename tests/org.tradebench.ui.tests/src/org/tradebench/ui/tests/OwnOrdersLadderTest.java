package org.tradebench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.junit.jupiter.api.Test;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.orderbook.internal.LadderCanvas.Kind;
import org.tradebench.ui.orderbook.internal.LadderCanvas.Row;
import org.tradebench.ui.orderbook.internal.OrderBookBinding;
import org.tradebench.ui.orderbook.internal.OrderBookPanel;
import org.tradebench.ui.testing.Ui;

/**
 * The trader's own working orders marked at their level of the ladder, on the embedded simulated
 * exchange: a limit buy resting at a shown bid level shows its quantity there, and goes when
 * cancelled.
 */
class OwnOrdersLadderTest extends SimulatedBookTest {

    private static Optional<Row> marked(OrderBookPanel ladder) {
        return ladder.ladder().visibleRows().stream().filter(r -> !r.own().isEmpty()).findFirst();
    }

    @Test
    void aRestingLimitOrderIsMarkedAtItsLevelUntilCancelled() throws Exception {
        shell = Ui.shell("Own orders", 420, 860);
        shell.setLayout(new FillLayout());
        OrderBookPanel ladder = new OrderBookPanel(shell, SWT.BORDER);
        shell.open();
        book = new OrderBookBinding(ladder, tracker, InstrumentLinkGroup.named("own-orders-test"), null);
        Ui.spinUntil("a full ladder", () -> ladder.ladder().visibleRows().size() >= 21, WAIT,
                () -> ladder.ladder().visibleRows().toString());
        ExchangeConnector c = tracker.connector("simulated").orElseThrow();
        TradingAccount account = c.trading().orElseThrow();
        List<Row> rows = ladder.ladder().visibleRows();
        Row level = rows.stream().filter(r -> r.kind() == Kind.BID && r.level() == 3).findFirst().orElseThrow();
        BigDecimal price = new BigDecimal(level.price().replace(",", ""));
        Order placed = account.place(OrderRequest.limit("own-ladder-1", book.shown().orElseThrow(), Side.BUY,
                new BigDecimal("0.0370"), price)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(placed.status().isWorking(), placed.toString());

        Ui.spinUntil("the own order's mark", () -> marked(ladder).isPresent(), WAIT,
                () -> ladder.ladder().visibleRows().toString());
        Row mark = marked(ladder).orElseThrow();
        assertEquals(Kind.BID, mark.kind());
        assertEquals(0, new BigDecimal(mark.own().replace("\u2248", "")).compareTo(new BigDecimal("0.037")),
                "the order's remaining quantity: " + mark);
        BigDecimal markPrice = new BigDecimal(mark.price().replace(",", ""));
        assertTrue(mark.own().startsWith("\u2248") ? markPrice.compareTo(price) > 0 : markPrice.compareTo(price) == 0,
                "marked at its level " + price + ": " + mark);
        Ui.screenshot(shell, "ladder-own-order");

        account.cancel("own-ladder-1").toCompletableFuture().get(10, TimeUnit.SECONDS);
        Ui.spinUntil("the mark gone", () -> marked(ladder).isEmpty(), WAIT,
                () -> ladder.ladder().visibleRows().toString());
    }
}
