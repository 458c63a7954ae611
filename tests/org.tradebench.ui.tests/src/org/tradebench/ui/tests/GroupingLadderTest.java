package org.tradebench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.junit.jupiter.api.Test;
import org.tradebench.api.market.BookGrouping;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.orderbook.internal.LadderCanvas.Kind;
import org.tradebench.ui.orderbook.internal.LadderCanvas.Row;
import org.tradebench.ui.orderbook.internal.OrderBookBinding;
import org.tradebench.ui.orderbook.internal.OrderBookPanel;
import org.tradebench.ui.testing.Ui;

/**
 * Price grouping in the ladder, on the embedded simulated exchange: the groupings its book options
 * offer, the book grouped by the exchange at the chosen increment, and back.
 */
class GroupingLadderTest extends SimulatedBookTest {

    private static List<BigDecimal> bids(OrderBookPanel ladder) {
        return ladder.ladder().visibleRows().stream().filter(r -> r.kind() == Kind.BID)
                .map(r -> new BigDecimal(r.price().replace(",", ""))).toList();
    }

    @Test
    void theBookIsGroupedByTheChosenIncrementAndBack() throws Exception {
        shell = Ui.shell("Grouping", 420, 860);
        shell.setLayout(new FillLayout());
        OrderBookPanel ladder = new OrderBookPanel(shell, SWT.BORDER);
        shell.open();
        book = new OrderBookBinding(ladder, tracker, InstrumentLinkGroup.named("grouping-test"), null);
        Ui.spinUntil("a full ladder", () -> ladder.ladder().visibleRows().size() >= 21, WAIT,
                () -> ladder.ladder().visibleRows().toString());
        List<BookGrouping> offered = book.groupings();
        assertEquals(BookGrouping.NONE, offered.get(0));
        assertTrue(offered.size() > 1, "the simulated exchange groups its books: " + offered);
        assertEquals(BookGrouping.NONE, book.grouping());

        BookGrouping coarse = offered.get(1);
        assertEquals(BookGrouping.Kind.INCREMENT, coarse.kind(), coarse.toString());
        book.group(coarse);
        Ui.spinUntil("the grouped book", () -> {
            List<BigDecimal> b = bids(ladder);
            return b.size() >= 5 && b.stream().allMatch(p -> p.remainder(coarse.increment()).signum() == 0);
        }, WAIT, () -> bids(ladder).toString());
        assertEquals(coarse, book.grouping());
        List<BigDecimal> grouped = bids(ladder);
        for (int i = 1; i < grouped.size(); i++) {
            BigDecimal step = grouped.get(i - 1).subtract(grouped.get(i));
            assertTrue(step.signum() > 0 && step.remainder(coarse.increment()).signum() == 0,
                    "levels " + coarse.increment() + " apart at least: " + grouped);
        }
        Row top = ladder.ladder().visibleRows().stream().filter(r -> r.kind() == Kind.BID).findFirst().orElseThrow();
        assertTrue(new BigDecimal(top.size().replace(",", "")).signum() > 0, top.toString());
        Ui.screenshot(shell, "ladder-grouped");

        book.group(BookGrouping.NONE);
        Ui.spinUntil("the finest book again", () -> {
            List<BigDecimal> b = bids(ladder);
            return b.size() >= 5 && b.stream().anyMatch(p -> p.remainder(coarse.increment()).signum() != 0);
        }, WAIT, () -> bids(ladder).toString());
        assertEquals(BookGrouping.NONE, book.grouping());
    }
}
