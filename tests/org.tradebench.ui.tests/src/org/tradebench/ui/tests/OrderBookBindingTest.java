package org.tradebench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import java.time.Instant;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.orderbook.internal.OrderBookBinding;
import org.tradebench.ui.orderbook.internal.OrderBookPanel;
import org.tradebench.ui.testing.Ui;

/** The order book against connectors registered as OSGi services while the view is open. */
class OrderBookBindingTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static int groups;

    @BeforeAll
    static void withoutTheSimulatedConnector() throws Exception {
        SimulatedConnectorBundle.stop(); // only the connectors these tests register
    }

    private Shell shell;
    private OrderBookPanel panel;
    private ConnectorTracker tracker;
    private InstrumentLinkGroup group;
    private OrderBookBinding binding;
    private FakeConnector simulated;
    private FakeConnector other;

    @BeforeEach
    void open() {
        shell = Ui.shell("Order Book", 460, 700);
        panel = new OrderBookPanel(shell, SWT.NONE);
        shell.open();
        tracker = ConnectorTracker.open(OrderBookBindingTest.class);
        group = InstrumentLinkGroup.named("binding-test-" + ++groups);
    }

    @AfterEach
    void close() {
        if (binding != null) {
            binding.close();
        }
        tracker.close();
        shell.dispose();
        if (simulated != null) {
            simulated.shutdown();
        }
        if (other != null) {
            other.shutdown();
        }
        Ui.flush();
    }

    private void bind(InstrumentId initial) {
        binding = new OrderBookBinding(panel, tracker, group, initial);
    }

    private void awaitBookOf(FakeConnector connector, String symbol) {
        Ui.spinUntil(symbol + " subscribed on " + connector.id(), () -> connector.openBooks().size() == 1
                && ((BookRequest) connector.openBooks().get(0).request).instrument().symbol().equals(symbol), WAIT,
                () -> connector.subscriptions().toString());
    }

    private static BookRequest request(FakeConnector connector) {
        return (BookRequest) connector.openBooks().get(0).request;
    }

    @Test
    void waitsForAConnectorThenStreamsBtcUsdAtDepth25() {
        bind(null);
        assertEquals("Waiting for an exchange connector\u2026", panel.ladder().getMessage());
        assertEquals("No connection", panel.healthBadge().getText());

        simulated = new FakeConnector("simulated", "Simulated Exchange").register(-1000);
        awaitBookOf(simulated, "BTC/USD");
        assertEquals(new BookRequest(new InstrumentId("simulated", "BTC/USD"), 25), request(simulated));
        assertEquals("BTC/USD", panel.selectedSymbol());
        assertEquals("Simulated Exchange", panel.exchangeName());
        Ui.spinUntil("the health badge", () -> panel.healthBadge().getText().startsWith("Live"), WAIT,
                panel.healthBadge()::getText);

        simulated.push(Books.btcBook(new InstrumentId("simulated", "BTC/USD"), 1, 25));
        Ui.spinUntil("the ladder", () -> !panel.ladder().visibleRows().isEmpty(), WAIT, panel.ladder()::getMessage);
    }

    @Test
    void clickingALevelPicksItsPriceForTheLinkGroup() {
        bind(null);
        simulated = new FakeConnector("simulated", "Simulated Exchange").register(-1000);
        awaitBookOf(simulated, "BTC/USD");
        simulated.push(Books.btcBook(new InstrumentId("simulated", "BTC/USD"), 1, 25));
        Ui.spinUntil("the ladder", () -> !panel.ladder().visibleRows().isEmpty(), WAIT, panel.ladder()::getMessage);
        java.util.List<String> picked = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (org.tradebench.ui.core.Registration r = group.addPriceListener((id, side, price) -> picked.add(id.symbol()
                + " " + side + " " + price.toPlainString()))) {
            for (org.tradebench.ui.orderbook.internal.LadderCanvas.Kind kind : new org.tradebench.ui.orderbook.internal
                    .LadderCanvas.Kind[] { org.tradebench.ui.orderbook.internal.LadderCanvas.Kind.ASK,
                            org.tradebench.ui.orderbook.internal.LadderCanvas.Kind.BID }) {
                org.tradebench.ui.orderbook.internal.LadderCanvas.Row row = panel.ladder().visibleRows().stream()
                        .filter(x -> x.kind() == kind).findFirst().orElseThrow();
                org.eclipse.swt.widgets.Event down = new org.eclipse.swt.widgets.Event();
                down.button = 1;
                down.y = row.y() + 2;
                panel.ladder().notifyListeners(SWT.MouseDown, down);
                String expected = "BTC/USD " + (kind == org.tradebench.ui.orderbook.internal.LadderCanvas.Kind.ASK
                        ? "SELL " : "BUY ") + row.price().replace(",", "");
                assertEquals(expected, picked.get(picked.size() - 1));
            }
            org.eclipse.swt.widgets.Event header = new org.eclipse.swt.widgets.Event();
            header.button = 1;
            header.y = 1;
            panel.ladder().notifyListeners(SWT.MouseDown, header);
            assertEquals(2, picked.size(), "the header picks nothing");
        }
    }

    @Test
    void connectorGoingAwayClosesTheSubscriptionAndSaysTheExchangeIsUnavailable() {
        simulated = new FakeConnector("simulated", "Simulated Exchange").register(-1000);
        bind(null);
        awaitBookOf(simulated, "BTC/USD");
        FakeConnector.FakeSubscription first = simulated.openBooks().get(0);

        simulated.unregister();
        Ui.spinUntil("the unavailable message", () -> panel.ladder().getMessage() != null
                && panel.ladder().getMessage().startsWith("Simulated Exchange unavailable"), WAIT,
                panel.ladder()::getMessage);
        assertTrue(first.closed, "the book subscription of a connector that went away must be closed");
        assertEquals("No connection", panel.healthBadge().getText());

        other = new FakeConnector("bitfinex", "Bitfinex").register(10);
        Ui.spinFor(java.time.Duration.ofMillis(300));
        assertTrue(other.openBooks().isEmpty(), "another exchange is shown only when the user picks it");
        assertTrue(panel.ladder().getMessage().startsWith("Simulated Exchange unavailable"));
    }

    @Test
    void aRealExchangeGoingAwayNeverFallsBackToTheSimulatedOneUnderTheSameSymbol() {
        simulated = new FakeConnector("simulated", "Simulated Exchange").register(-1000);
        other = new FakeConnector("bitfinex", "Bitfinex").register(10);
        bind(null);
        awaitBookOf(other, "BTC/USD");

        other.unregister();
        Ui.spinUntil("the unavailable message", () -> panel.ladder().getMessage() != null
                && panel.ladder().getMessage().startsWith("Bitfinex unavailable: its connector is not running"), WAIT,
                panel.ladder()::getMessage);
        Ui.spinFor(java.time.Duration.ofMillis(300));
        assertTrue(simulated.openBooks().isEmpty(), "no silent switch to the simulated BTC/USD");
        assertEquals("Bitfinex", panel.exchangeName());
        try {
            Ui.screenshot(panel, "order-book-exchange-unavailable");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        other.register(10);
        awaitBookOf(other, "BTC/USD");
        assertEquals("Bitfinex", panel.exchangeName());
    }

    @Test
    void higherRankingConnectorArrivingTakesOverTheDefault() {
        simulated = new FakeConnector("simulated", "Simulated Exchange").register(-1000);
        bind(null);
        awaitBookOf(simulated, "BTC/USD");
        other = new FakeConnector("bitfinex", "Bitfinex").register(10);
        awaitBookOf(other, "BTC/USD");
        Ui.spinUntil("the old subscription closed", () -> simulated.openBooks().isEmpty(), WAIT);
    }

    @Test
    void followsTheLinkGroupAndLeadsItWhenTheUserPicks() {
        simulated = new FakeConnector("simulated", "Simulated Exchange").register(-1000);
        bind(null);
        awaitBookOf(simulated, "BTC/USD");

        group.select(new InstrumentId("simulated", "ETH/USD"));
        awaitBookOf(simulated, "ETH/USD");
        assertEquals("ETH/USD", panel.selectedSymbol());
        assertEquals(Optional.of(new InstrumentId("simulated", "ETH/USD")), binding.shown());
        assertEquals(2, simulated.subscriptions().stream().filter(s -> s.request instanceof BookRequest).count());

        // a linked instrument of an exchange that is not installed: said so, never the same symbol elsewhere
        group.select(new InstrumentId("binance", "SOL/USD"));
        Ui.spinUntil("the unavailable message", () -> panel.ladder().getMessage() != null
                && panel.ladder().getMessage().startsWith("binance unavailable"), WAIT, panel.ladder()::getMessage);
        assertTrue(simulated.openBooks().isEmpty(), simulated.subscriptions()::toString);
    }

    @Test
    void restoredInstrumentWinsOverThePreferredOne() {
        simulated = new FakeConnector("simulated", "Simulated Exchange").register(-1000);
        bind(new InstrumentId("simulated", "BTC/USD:USD"));
        awaitBookOf(simulated, "BTC/USD:USD");
        simulated.push(Books.snapshot(new InstrumentId("simulated", "BTC/USD:USD"), 1,
                Books.levels("64999.5@1.25"), Books.levels("65000@2")));
        Ui.spinUntil("the perpetual's ladder", () -> panel.ladder().visibleRows().size() == 3, WAIT,
                panel.ladder()::getMessage);
        // tick 0.5 -> one decimal; lot 0.001 -> three
        assertEquals("64,999.5", panel.ladder().visibleRows().get(2).price());
        assertEquals("1.250", panel.ladder().visibleRows().get(2).size());
    }

    @Test
    void brokenStreamIsReplacedByANewSubscription() {
        simulated = new FakeConnector("simulated", "Simulated Exchange").register(-1000);
        bind(null);
        awaitBookOf(simulated, "BTC/USD");
        FakeConnector.FakeSubscription first = simulated.openBooks().get(0);
        // a book whose bids rise level by level no longer follows the exchange
        simulated.push(BookFeed.over(new InstrumentId("simulated", "BTC/USD"), BookUpdate.Kind.SNAPSHOT, 1,
                new BookFeed.ArrayBook(1, 4, new long[] { 649_990, 649_995 }, new long[] { 1, 1 }, new long[0],
                        new long[0])));
        Ui.spinUntil("a new subscription", () -> first.closed && simulated.openBooks().size() == 1, WAIT,
                () -> simulated.subscriptions().toString());
    }

    @Test
    void failedStreamShowsTheCauseStaysClosedToRetriesAndPickingItAgainRetries() {
        simulated = new FakeConnector("simulated", "Simulated Exchange").register(-1000);
        bind(null);
        awaitBookOf(simulated, "BTC/USD");
        FakeConnector.FakeSubscription first = simulated.openBooks().get(0);
        simulated.pushHealth(first, new DataHealth(DataState.FAILED, null, 0, 0,
                "Simulated Exchange refused the book of BTC/USD: too many subscriptions", Instant.now()));
        Ui.spinUntil("the cause", () -> panel.ladder().getMessage().startsWith("no book"), WAIT,
                panel.ladder()::getMessage);
        assertEquals("no book: Simulated Exchange refused the book of BTC/USD: too many subscriptions",
                panel.ladder().getMessage());
        Ui.spinFor(Duration.ofMillis(300));
        assertEquals(List.of(first), simulated.openBooks(), "a refused stream is not subscribed again on its own");

        pickInTheHeader("BTC/USD");
        Ui.spinUntil("a new subscription", () -> first.closed && simulated.openBooks().size() == 1, WAIT,
                () -> simulated.subscriptions().toString());
        assertEquals("waiting for the book of BTC/USD\u2026", panel.ladder().getMessage());
    }

    @Test
    void instrumentsListedAfterTheConnectorRegisteredAreFollowed() {
        simulated = new FakeConnector("simulated", "Simulated Exchange");
        simulated.setInstruments(List.of()); // still loading its markets
        simulated.register(-1000);
        bind(null);
        Ui.spinUntil("the empty list", () -> "Simulated Exchange lists no instruments".equals(panel.ladder()
                .getMessage()), WAIT, panel.ladder()::getMessage);

        simulated.setInstruments(simulated.defaultInstruments());
        awaitBookOf(simulated, "BTC/USD");
        assertEquals("BTC/USD", panel.selectedSymbol());

        // delisting the shown instrument moves the ladder on
        simulated.setInstruments(simulated.defaultInstruments().subList(1, 4));
        awaitBookOf(simulated, "ETH/USD");
    }

    private void pickInTheHeader(String symbol) {
        Combo combo = findCombo(panel);
        int index = List.of(combo.getItems()).indexOf(symbol);
        combo.select(index);
        combo.notifyListeners(SWT.Selection, new Event());
    }

    private static Combo findCombo(Composite parent) {
        for (Control c : parent.getChildren()) {
            if (c instanceof Combo combo) {
                return combo;
            }
            if (c instanceof Composite child) {
                Combo found = findCombo(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Test
    void closingTheViewClosesEverySubscription() {
        simulated = new FakeConnector("simulated", "Simulated Exchange").register(-1000);
        bind(null);
        awaitBookOf(simulated, "BTC/USD");
        // the book, the health badge's and the instrument list's
        Ui.spinUntil("the health subscription", () -> simulated.subscriptions().size() == 3, WAIT,
                () -> simulated.subscriptions().toString());
        binding.close();
        assertTrue(simulated.subscriptions().stream().allMatch(s -> s.closed), simulated.subscriptions()::toString);
        binding = null;
    }
}
