package org.tradebench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookEvent;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.ui.core.format.ClockFormat;
import org.tradebench.ui.core.widgets.TradeColors;
import org.tradebench.ui.orderbook.internal.BookModel;
import org.tradebench.ui.orderbook.internal.LadderCanvas;
import org.tradebench.ui.orderbook.internal.LadderCanvas.Kind;
import org.tradebench.ui.orderbook.internal.LadderCanvas.Row;
import org.tradebench.ui.orderbook.internal.OrderBookPanel;
import org.tradebench.ui.testing.Ui;

/**
 * The ladder fed by a model on a "connector" thread, with no connector at all: the updates come
 * from a {@link BookFeed}, which keeps the book as a connector does.
 */
class OrderBookLadderTest {

    private static final InstrumentId BTC = new InstrumentId("simulated", "BTC/USD");
    private static final Duration WAIT = Duration.ofSeconds(5);

    private Shell shell;
    private OrderBookPanel panel;
    private BookModel model;
    private BookFeed connectorBook;

    @BeforeEach
    void open() {
        shell = Ui.shell("Order Book", 460, 780);
        panel = new OrderBookPanel(shell, SWT.NONE);
        // BTC/USD: tick 0.1 (price scale 1), lot 0.0001 (size scale 4)
        model = new BookModel(BTC, 1, 4, 25, panel::requestRefresh);
        connectorBook = new BookFeed(1, 4);
        panel.setInstruments("Simulated", List.of(BTC, new InstrumentId("simulated", "ETH/USD")), BTC);
        panel.setModel(model);
        shell.open();
        Ui.flush();
    }

    @AfterEach
    void close() {
        shell.dispose();
        Ui.flush();
    }

    /**
     * Applies events to the connector's book and delivers each update on another thread, one at a
     * time and in order, as a connector does.
     */
    private void feed(BookEvent... events) throws InterruptedException {
        onConnectorThread(() -> {
            for (BookEvent e : events) {
                model.onBook(connectorBook.apply(e));
            }
        });
    }

    private static void onConnectorThread(Runnable r) throws InterruptedException {
        Thread connector = new Thread(r, "connector");
        connector.start();
        connector.join();
    }

    private LadderCanvas ladder() {
        return panel.ladder();
    }

    private void awaitRows(String what, java.util.function.Predicate<List<Row>> condition) {
        Ui.spinUntil(what, () -> condition.test(ladder().visibleRows()), WAIT, () -> ladder().visibleRows()
                + " message=" + ladder().getMessage());
    }

    private static Row row(Kind kind, int level, String price, String size, String total, double bar) {
        return new Row(kind, level, price, size, total, bar, 0, "");
    }

    private void assertRows(List<Row> expected, List<Row> actual) {
        assertEquals(expected.size(), actual.size(), actual::toString);
        for (int i = 0; i < expected.size(); i++) {
            Row e = expected.get(i);
            Row a = actual.get(i);
            String where = "row " + i + ": " + a;
            assertEquals(e.kind(), a.kind(), where);
            assertEquals(e.level(), a.level(), where);
            assertEquals(e.price(), a.price(), where);
            assertEquals(e.size(), a.size(), where);
            assertEquals(e.total(), a.total(), where);
            assertEquals(e.bar(), a.bar(), 1e-9, where);
            if (i > 0) {
                assertEquals(actual.get(i - 1).y() + ladder().rowHeight(), a.y(), "rows must be contiguous: " + where);
            }
        }
    }

    @Test
    void snapshotShowsAsksAboveBidsWithCumulativeSizesDepthBarsAndTheSpreadRow() throws Exception {
        feed(Books.snapshot(BTC, 100,
                Books.levels("64999.9@1.5", "64999.5@0.25", "64998@2"),
                Books.levels("65000.4@0.8", "65001@1.2", "65003.5@3")));
        awaitRows("the snapshot", rows -> rows.size() == 7);

        assertRows(List.of(
                row(Kind.ASK, 2, "65,003.5", "3.0000", "5.0000", 1.0),
                row(Kind.ASK, 1, "65,001.0", "1.2000", "2.0000", 0.4),
                row(Kind.ASK, 0, "65,000.4", "0.8000", "0.8000", 0.16),
                row(Kind.SPREAD, 0, "65,000.15", "spread 0.5", "0.08 bps", 0),
                row(Kind.BID, 0, "64,999.9", "1.5000", "1.5000", 0.3),
                row(Kind.BID, 1, "64,999.5", "0.2500", "1.7500", 0.35),
                row(Kind.BID, 2, "64,998.0", "2.0000", "3.7500", 0.75)), ladder().visibleRows());
        assertNull(ladder().getMessage());
        assertEquals("updated " + ClockFormat.format(Books.T0.plusMillis(100)), panel.updatedText());
        assertEquals("BTC/USD", panel.selectedSymbol());
        assertEquals("Simulated", panel.exchangeName());
    }

    @Test
    void deltasReplaceAndRemoveLevelsAndMoveTheSpread() throws Exception {
        feed(Books.snapshot(BTC, 1,
                Books.levels("64999.9@1.5", "64999.5@0.25", "64998@2"),
                Books.levels("65000.4@0.8", "65001@1.2", "65003.5@3")),
                Books.delta(BTC, 2, Books.levels("64999.9@0.5", "65000@0.1"), Books.levels("65000.4@0")),
                Books.delta(BTC, 3, Books.levels("64998@0"), Books.levels("65002@0.75")));
        awaitRows("the deltas", rows -> rows.size() == 7 && rows.get(4).price().equals("65,000.0")
                && rows.get(0).price().equals("65,003.5") && rows.get(2).price().equals("65,001.0"));

        assertRows(List.of(
                row(Kind.ASK, 2, "65,003.5", "3.0000", "4.9500", 1.0),
                row(Kind.ASK, 1, "65,002.0", "0.7500", "1.9500", 1.95 / 4.95),
                row(Kind.ASK, 0, "65,001.0", "1.2000", "1.2000", 1.2 / 4.95),
                row(Kind.SPREAD, 0, "65,000.5", "spread 1.0", "0.15 bps", 0),
                row(Kind.BID, 0, "65,000.0", "0.1000", "0.1000", 0.1 / 4.95),
                row(Kind.BID, 1, "64,999.9", "0.5000", "0.6000", 0.6 / 4.95),
                row(Kind.BID, 2, "64,999.5", "0.2500", "0.8500", 0.85 / 4.95)), ladder().visibleRows());
        assertEquals(3, model.latest().sequence());
    }

    @Test
    void resetShowsResyncingWithTheReasonUntilTheNextSnapshot() throws Exception {
        feed(Books.btcBook(BTC, 10, 25));
        awaitRows("the first snapshot", rows -> !rows.isEmpty());

        feed(Books.reset(BTC, 11, "sequence gap"), Books.delta(BTC, 12, Books.levels("64000@1"), List.of()));
        Ui.spinUntil("the resync message", () -> "resyncing: sequence gap".equals(ladder().getMessage()), WAIT,
                ladder()::getMessage);
        assertEquals(List.of(), ladder().visibleRows(), "a book being rebuilt must not be shown");

        feed(Books.snapshot(BTC, 13, Books.levels("64000@1"), Books.levels("64000.5@2")));
        awaitRows("the fresh snapshot", rows -> rows.size() == 3);
        assertNull(ladder().getMessage());
        assertEquals("64,000.25", ladder().visibleRows().get(1).price());
    }

    @Test
    void deltasBeforeTheFirstSnapshotAreIgnored() throws Exception {
        assertEquals("waiting for the book of BTC/USD\u2026", ladder().getMessage());
        feed(Books.delta(BTC, 1, Books.levels("64999.9@1.5"), List.of()));
        Ui.spinFor(Duration.ofMillis(100));
        assertEquals(List.of(), ladder().visibleRows());
        assertEquals("waiting for the book of BTC/USD\u2026", ladder().getMessage());
    }

    @Test
    void aBookFinerThanTheTickIsShownWithItsDecimalsNeverRounded() throws Exception {
        connectorBook = new BookFeed(2, 4); // the connector keeps two decimals where the tick has one
        feed(Books.snapshot(BTC, 1, Books.levels("64999.95@1", "64999.9@2"), Books.levels("65000.5@1")));
        awaitRows("the book", rows -> rows.size() == 4);
        List<Row> rows = ladder().visibleRows();
        assertEquals("65,000.50", rows.get(0).price());
        assertEquals("spread 0.55", rows.get(1).size());
        assertEquals("64,999.95", rows.get(2).price());
        assertEquals("64,999.90", rows.get(3).price());
        assertEquals("2.0000", rows.get(3).size());
        assertNull(ladder().getMessage());

        // once no level needs the second decimal, the tick's one is enough
        feed(Books.delta(BTC, 2, Books.levels("64999.95@0"), List.of()));
        awaitRows("one decimal again", r -> r.size() == 3 && r.get(2).price().equals("64,999.9"));
        assertEquals("65,000.5", ladder().visibleRows().get(0).price());
    }

    @Test
    void pricesInSignificantDigitsGetTheDecimalsTheyHaveAndSizesTheirOwn() throws Exception {
        // Bitfinex: 5 significant digits (no fixed tick: minimum scale 0), books at scale 8
        model = new BookModel(BTC, 0, 4, 25, panel::requestRefresh);
        panel.setModel(model);
        connectorBook = new BookFeed(8, 8);
        feed(Books.snapshot(BTC, 1, Books.levels("104240@0.5", "104230@1.25"), Books.levels("104250@0.12345678")));
        awaitRows("the book", rows -> rows.size() == 4);
        List<Row> rows = ladder().visibleRows();
        assertEquals(List.of("104,250", "104,245", "104,240", "104,230"), rows.stream().map(Row::price).toList());
        assertEquals(List.of("0.12345678", "spread 10", "0.50000000", "1.25000000"),
                rows.stream().map(Row::size).toList());
    }

    @Test
    void aBookOutOfOrderShowsTheErrorAndAsksForANewSubscription() throws Exception {
        BookUpdate unsorted = BookFeed.over(BTC, BookUpdate.Kind.SNAPSHOT, 1, new BookFeed.ArrayBook(1, 4,
                new long[] { 649_999 }, new long[] { 10_000 }, new long[] { 650_010, 650_005 },
                new long[] { 10_000, 10_000 }));
        onConnectorThread(() -> model.onBook(unsorted));
        Ui.spinUntil("the error", () -> ladder().getMessage() != null && ladder().getMessage().startsWith("book error:"),
                WAIT, ladder()::getMessage);
        assertEquals("book error: asks out of order: level 1 at 65000.5 after 65001", ladder().getMessage());
        assertTrue(model.isBroken());
        assertEquals(List.of(), ladder().visibleRows());
    }

    @Test
    void aFailedStreamShowsItsCauseInsteadOfWaitingForever() throws Exception {
        assertEquals("waiting for the book of BTC/USD\u2026", ladder().getMessage());
        onConnectorThread(() -> model.onHealth(new DataHealth(DataState.FAILED, null, 0, 0,
                "Bitfinex: symbol: invalid (10300)", Instant.now())));
        Ui.spinUntil("the cause", () -> ladder().getMessage().startsWith("no book"), WAIT, ladder()::getMessage);
        assertEquals("no book: Bitfinex: symbol: invalid (10300)", ladder().getMessage());
        assertTrue(model.isFailed());
        assertTrue(!model.isBroken(), "a refused stream is not re-subscribed on its own");

        feed(Books.btcBook(BTC, 1, 5)); // nothing may come after FAILED; if it does, it is not shown
        Ui.spinFor(Duration.ofMillis(100));
        assertEquals("no book: Bitfinex: symbol: invalid (10300)", ladder().getMessage());
        assertEquals(List.of(), ladder().visibleRows());
    }

    @Test
    void aLongCauseIsWrappedInsideTheLadder() throws Exception {
        String cause = "Simulated Exchange refused the book of BTC/USD: too many subscriptions on this connection"
                + " (limit 25); close another view or wait a minute";
        onConnectorThread(() -> model.onHealth(new DataHealth(DataState.FAILED, null, 0, 0, cause, Instant.now())));
        Ui.spinUntil("the cause", () -> ladder().getMessage().startsWith("no book"), WAIT, ladder()::getMessage);
        Ui.flush();
        Path file = Ui.screenshot(shell, "orderbook-failed");
        ImageData image = new ImageLoader().load(file.toString())[0];
        // the message box is drawn in the warning colour; none of its text may spill past the ladder's edges
        int ladderLeft = ladder().toDisplay(0, 0).x - shell.toDisplay(0, 0).x;
        int warningAtEdges = 0;
        int warning = 0;
        for (int y = 0; y < image.height; y++) {
            for (int x = 0; x < image.width; x++) {
                RGB rgb = image.palette.getRGB(image.getPixel(x, y));
                if (rgb.equals(TradeColors.WARNING.getRGB())) {
                    warning++;
                    if (x < ladderLeft + 3 || x > ladderLeft + ladder().getSize().x - 4) {
                        warningAtEdges++;
                    }
                }
            }
        }
        assertTrue(warning > 200, "the message is drawn: " + warning + " px");
        assertEquals(0, warningAtEdges, "message text reaches the ladder's edges");
        System.out.println("Failed book screenshot: " + file.toAbsolutePath());
    }

    @Test
    void otherStreamStatesLeaveTheBookAlone() throws Exception {
        feed(Books.btcBook(BTC, 1, 5));
        awaitRows("the book", rows -> rows.size() == 11);
        onConnectorThread(() -> model.onHealth(new DataHealth(DataState.STALE, null, 5, 0, "no update for 10 s",
                Instant.now())));
        Ui.spinFor(Duration.ofMillis(100));
        assertNull(ladder().getMessage(), "staleness shows on the health badge, not instead of the book");
        assertEquals(11, ladder().visibleRows().size());
    }

    @Test
    void rowsFillTheHeightCentredOnTheSpreadAndNeverExceedTheDepth() throws Exception {
        feed(Books.btcBook(BTC, 1, 40)); // more levels than the depth of 25
        awaitRows("the book", rows -> !rows.isEmpty());
        List<Row> rows = ladder().visibleRows();
        long asks = rows.stream().filter(r -> r.kind() == Kind.ASK).count();
        long bids = rows.stream().filter(r -> r.kind() == Kind.BID).count();
        assertEquals(asks, bids);
        assertTrue(asks >= 10 && asks <= 25, "levels per side: " + asks);
        Row spread = rows.get((int) asks);
        assertEquals(Kind.SPREAD, spread.kind());
        assertEquals(0, rows.get((int) asks - 1).level(), "the best ask sits right above the spread row");
        int middle = ladder().getClientArea().height / 2;
        assertTrue(Math.abs(spread.y() + ladder().rowHeight() / 2 - middle) <= ladder().rowHeight(),
                "spread row at " + spread.y() + ", middle " + middle);

        shell.setSize(460, 300);
        Ui.flush();
        List<Row> fewer = ladder().visibleRows();
        assertTrue(fewer.size() < rows.size() && fewer.size() >= 3, fewer.toString());
        assertEquals("64,999.9", fewer.get(fewer.size() / 2 + 1).price(), "the best bid stays visible");
    }

    @Test
    void aBurstOfDeltasFromTheConnectorThreadCoalescesIntoFewRepaints() throws Exception {
        feed(Books.btcBook(BTC, 1, 25));
        awaitRows("the book", rows -> !rows.isEmpty());
        long runsBefore = panel.throttler().runs();
        BookEvent[] burst = new BookEvent[5_000];
        for (int i = 0; i < burst.length; i++) {
            // the best bid's size walks 1.0000, 1.0001, ...: the last one must be shown
            String size = "1." + String.format("%04d", i);
            burst[i] = Books.delta(BTC, 2 + i, Books.levels("64999.9@" + size), List.of());
        }
        feed(burst);
        awaitRows("the last delta", rows -> rows.stream()
                .anyMatch(r -> r.kind() == Kind.BID && r.level() == 0 && r.size().equals("1.4999")));
        long repaints = panel.throttler().runs() - runsBefore;
        assertTrue(repaints >= 1 && repaints < 50, "5,000 deltas caused " + repaints + " repaints");
    }

    @Test
    void ladderScreenshotShowsRedAsksGreenBidsAndDepthBars() throws Exception {
        panel.healthBadge().setHealth(new ConnectionHealth(ConnectionState.LIVE, "", Instant.now(),
                Duration.ofMillis(12), 345.6, 0, 0));
        feed(Books.btcBook(BTC, 1, 25));
        awaitRows("the book", rows -> !rows.isEmpty());
        Ui.flush();

        Path file = Ui.screenshot(shell, "orderbook-ladder");
        assertTrue(Files.size(file) > 5_000, "screenshot too small to show a ladder: " + file);
        ImageData image = new ImageLoader().load(file.toString())[0];
        assertEquals(shell.getSize().x, image.width);

        // the pixels say what the rows say: ask bars above the middle, bid bars below
        int asks = 0;
        int bids = 0;
        int misplaced = 0;
        int askText = 0;
        int bidText = 0;
        for (int y = 0; y < image.height; y++) {
            for (int x = 0; x < image.width; x++) {
                RGB rgb = image.palette.getRGB(image.getPixel(x, y));
                if (rgb.equals(TradeColors.ASK_BAR.getRGB())) {
                    asks++;
                    misplaced += y < image.height / 2 + 20 ? 0 : 1;
                } else if (rgb.equals(TradeColors.BID_BAR.getRGB())) {
                    bids++;
                    misplaced += y > image.height / 2 - 20 ? 0 : 1;
                } else if (isRedText(rgb)) {
                    askText++;
                } else if (isGreenText(rgb)) {
                    bidText++;
                }
            }
        }
        assertTrue(asks > 2_000, "ask depth bars: " + asks + " px");
        assertTrue(bids > 2_000, "bid depth bars: " + bids + " px");
        assertEquals(0, misplaced, "depth bar pixels on the wrong side of the spread");
        assertTrue(askText > 200, "red ask prices: " + askText + " px");
        assertTrue(bidText > 200, "green bid prices: " + bidText + " px");
        System.out.println("Order book ladder screenshot: " + file.toAbsolutePath());
    }

    private static boolean isRedText(RGB c) {
        return c.red > 150 && c.green < 110 && c.blue < 110;
    }

    private static boolean isGreenText(RGB c) {
        return c.green > 100 && c.red < 90 && c.blue < 120 && c.green - c.red > 50;
    }

    @Test
    void messageReplacesTheBookWhenNoConnectorIsThere() {
        panel.setMessage("Waiting for an exchange connector\u2026");
        assertEquals("Waiting for an exchange connector\u2026", ladder().getMessage());
        assertEquals(List.of(), ladder().visibleRows());
        assertEquals("", panel.updatedText());
        assertFalse(ladder().isDisposed());
    }
}
