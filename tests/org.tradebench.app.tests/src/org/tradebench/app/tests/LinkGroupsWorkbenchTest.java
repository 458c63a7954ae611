package org.tradebench.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradebench.app.tests.Ui.activePage;
import static org.tradebench.app.tests.Ui.onUi;
import static org.tradebench.app.tests.Ui.screenshot;
import static org.tradebench.app.tests.Ui.waitFor;

import java.util.Optional;

import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IViewReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.orderbook.OrderBookView;

/**
 * Link groups in the running workbench: a second order book opened from the first one's view menu
 * starts unlinked and shows its own instrument; given the red colour it follows the red group only,
 * while the first book keeps following the default group with the other views.
 */
class LinkGroupsWorkbenchTest {

    private static final InstrumentId BTC = new InstrumentId("simulated", "BTC/USD");
    private static final InstrumentId ETH = new InstrumentId("simulated", "ETH/USD");
    private static final InstrumentId PERP = new InstrumentId("simulated", "BTC/USD:USD");

    private OrderBookView second;

    @AfterEach
    void closeSecondBook() {
        onUi(() -> {
            if (second != null) {
                activePage().hideView(second);
            }
            InstrumentLinkGroup.DEFAULT.select(BTC);
            return null;
        });
    }

    @Test
    void aSecondOrderBookFollowsItsOwnColour() throws Exception {
        onUi(() -> {
            InstrumentLinkGroup.DEFAULT.select(BTC);
            return null;
        });
        OrderBookView first = waitFor("the Trading perspective's order book", () -> onUi(() -> {
            IViewPart v = activePage().findView(OrderBookView.ID);
            return v instanceof OrderBookView b && b.shown().equals(Optional.of(BTC)) ? b : null;
        }));
        second = onUi(first::openAnother);
        assertNotNull(second, "New Order Book opened a view");
        assertEquals(2, onUi(() -> countBooks()), "two order books open");
        assertTrue(onUi(() -> second.link().member().isUnlinked()), "the new book starts unlinked");

        onUi(() -> {
            second.link().member().select(ETH); // the user picks ETH/USD in the new book
            return null;
        });
        waitFor("the second book on ETH/USD", () -> onUi(() -> second.shown().equals(Optional.of(ETH)) ? true : null));
        assertEquals(Optional.of(BTC), onUi(first::shown), "the first book stays on the default group's BTC/USD");

        onUi(() -> {
            second.link().join(InstrumentLinkGroup.RED); // red shows nothing yet: ETH/USD comes along
            return null;
        });
        assertEquals(Optional.of(ETH), InstrumentLinkGroup.RED.selected());
        onUi(() -> {
            InstrumentLinkGroup.DEFAULT.select(PERP);
            return null;
        });
        waitFor("the first book on the perpetual", () -> onUi(() -> first.shown().equals(Optional.of(PERP)) ? true : null));
        assertEquals(Optional.of(ETH), onUi(second::shown), "the red book does not follow the default group");
        assertEquals("Link group: Red", onUi(() -> second.link().describe()));
        Thread.sleep(1500);
        screenshot("two-order-books.png");

        onUi(() -> {
            InstrumentLinkGroup.RED.select(BTC);
            return null;
        });
        waitFor("the red book on BTC/USD", () -> onUi(() -> second.shown().equals(Optional.of(BTC)) ? true : null));
        assertEquals(Optional.of(PERP), onUi(first::shown));
    }

    private static int countBooks() {
        int n = 0;
        for (IViewReference r : activePage().getViewReferences()) {
            if (r.getId().equals(OrderBookView.ID) && r.getView(false) != null) {
                n++;
            }
        }
        return n;
    }
}
