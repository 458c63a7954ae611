package org.tradebench.ui.heatmap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.OrderBookView;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Trade;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.core.format.PriceFormat;
import org.tradebench.ui.core.format.SizeFormat;
import org.tradebench.ui.testing.Ui;

class HeatmapTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InstrumentId BTC = new InstrumentId("test", "BTC/USD");
    private static final long T0 = Instant.parse("2026-12-04T14:00:00Z").toEpochMilli();
    private static int groups;

    private Shell shell;
    private ConnectorTracker tracker;
    private HeatmapBinding binding;

    @BeforeEach
    void open() {
        shell = Ui.shell("Liquidity Heatmap", 1000, 560);
        shell.setLayout(new FillLayout());
    }

    @AfterEach
    void close() {
        if (binding != null) {
            binding.close();
        }
        if (tracker != null) {
            tracker.close();
        }
        shell.dispose();
        Ui.flush();
    }

    private static HeatmapModel model(long interval, long window) {
        return new HeatmapModel(BTC, 1, 4, interval, window, () -> { });
    }

    @Test
    void eachColumnHoldsTheSizesTheBookHadWhenSampled() {
        HeatmapModel m = model(250, 60_000);
        TestBook book = new TestBook(BTC, 1, 4);
        m.onBook(book.set(new long[] {650000, 649990}, new long[] {12_000, 5_000}, new long[] {650010, 650020},
                new long[] {7_000, 30_000}));
        m.sample(T0);
        m.onBook(book.set(new long[] {650000}, new long[] {2_500}, new long[] {650005}, new long[] {1_000}));
        m.onBook(book.set(new long[] {650001}, new long[] {3_500}, new long[] {650020}, new long[] {9_000}));
        m.sample(T0 + 250);

        assertEquals(2, m.columns());
        assertEquals(T0, m.time(0));
        assertEquals(12_000, m.size(0, Side.BUY, 650000));
        assertEquals(5_000, m.size(0, Side.BUY, 649990));
        assertEquals(7_000, m.size(0, Side.SELL, 650010));
        assertEquals(30_000, m.size(0, Side.SELL, 650020));
        assertEquals(0, m.size(0, Side.SELL, 650000), "a bid price has no ask size");
        assertEquals(650000, m.best(0, Side.BUY));
        assertEquals(650010, m.best(0, Side.SELL));
        // the second column is the book at its sampling time: the update in between is not in it
        assertEquals(3_500, m.size(1, Side.BUY, 650001));
        assertEquals(0, m.size(1, Side.BUY, 650000));
        assertEquals(0, m.size(1, Side.SELL, 650005));
        assertEquals(9_000, m.size(1, Side.SELL, 650020));
    }

    @Test
    void bookUnitsOfAnotherScaleAreRescaledToTheInstruments() {
        HeatmapModel m = model(250, 60_000);
        // the book carries 2 price decimals and 6 size decimals; the model keeps 1 and 4
        m.onBook(new TestBook(BTC, 2, 6).set(new long[] {6500000}, new long[] {1_230_000}, new long[] {6500100},
                new long[] {50_000}));
        m.sample(T0);
        assertEquals(12_300, m.size(0, Side.BUY, 650000));
        assertEquals(500, m.size(0, Side.SELL, 650010));
    }

    @Test
    void columnsOlderThanTheWindowAreEvicted() {
        HeatmapModel m = model(250, 1_000);
        assertEquals(4, m.capacity());
        TestBook book = new TestBook(BTC, 1, 4);
        for (int i = 0; i < 6; i++) {
            m.onBook(book.set(new long[] {650000 + i}, new long[] {100 + i}, new long[] {650100}, new long[] {1}));
            m.sample(T0 + 250L * i);
        }
        assertEquals(4, m.columns());
        assertEquals(T0 + 500, m.time(0), "the two oldest columns fell out");
        assertEquals(102, m.size(0, Side.BUY, 650002));
        assertEquals(105, m.size(3, Side.BUY, 650005));
        assertEquals(6, m.samples());
    }

    @Test
    void aResetMakesGapColumnsUntilTheNextSnapshot() {
        HeatmapModel m = model(250, 60_000);
        TestBook book = new TestBook(BTC, 1, 4);
        m.sample(T0); // before the first snapshot: no data
        m.onBook(book.set(new long[] {650000}, new long[] {100}, new long[] {650010}, new long[] {200}));
        m.sample(T0 + 250);
        m.onBook(book.reset("sequence gap"));
        assertEquals("sequence gap", m.resetReason());
        m.sample(T0 + 500);
        m.sample(T0 + 750);
        m.onBook(book.set(new long[] {650000}, new long[] {300}, new long[] {650010}, new long[] {400}));
        m.sample(T0 + 1000);

        assertTrue(m.isGap(0));
        assertFalse(m.isGap(1));
        assertTrue(m.isGap(2));
        assertTrue(m.isGap(3));
        assertFalse(m.isGap(4));
        assertEquals(0, m.size(2, Side.BUY, 650000), "a gap holds no sizes, never the last ones");
        assertEquals(-1, m.best(3, Side.BUY));
        assertEquals(300, m.size(4, Side.BUY, 650000));
        assertEquals("", m.resetReason());
    }

    @Test
    void tradesLandAtTheirPriceTimeAndSide() {
        HeatmapModel m = model(250, 60_000);
        m.addTrade(new Trade(BTC, "1", Instant.ofEpochMilli(T0 + 120), Instant.ofEpochMilli(T0 + 121),
                new BigDecimal("65000.3"), new BigDecimal("0.25"), Side.BUY));
        m.addTrade(new Trade(BTC, "2", Instant.ofEpochMilli(T0 + 480), Instant.ofEpochMilli(T0 + 481),
                new BigDecimal("64999.9"), new BigDecimal("1.5"), Side.SELL));
        List<String> seen = new ArrayList<>();
        m.forEachTrade((t, p, q, buy) -> seen.add(t + " " + p + " " + q + " " + buy));
        assertEquals(List.of((T0 + 120) + " 650003 2500 true", (T0 + 480) + " 649999 15000 false"), seen);
    }

    @Test
    void columnsMatchTheSimulatedExchangesBookAtSamplingTime() throws Exception {
        ExchangeConnector sim = simulated();
        InstrumentId id = sim.instrument("BTC/USD").orElseThrow().id();
        int priceScale = PriceFormat.minScale(sim.instrument("BTC/USD").get().spec());
        int sizeScale = sim.instrument("BTC/USD").get().spec().sizeScale();
        HeatmapModel m = new HeatmapModel(id, priceScale, sizeScale, 250, 60_000, () -> { });
        List<long[]> expected = new ArrayList<>(); // per column: best bid price, size, best ask price, size
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // sample on the delivery thread right after the update: the book then is exactly the column's
        try (Subscription s = sim.marketData().subscribeBook(new BookRequest(id, HeatmapModel.DEPTH), update -> {
            try {
                m.onBook(update);
                OrderBookView b = update.book();
                if (update.kind() != BookUpdate.Kind.RESET && b.levels(Side.BUY) > 0 && b.levels(Side.SELL) > 0
                        && expected.size() < 5) {
                    m.sample(T0 + 250L * m.samples());
                    expected.add(new long[] {scaled(b.price(Side.BUY, 0), b.priceScale(), priceScale),
                            scaled(b.size(Side.BUY, 0), b.sizeScale(), sizeScale),
                            scaled(b.price(Side.SELL, 0), b.priceScale(), priceScale),
                            scaled(b.size(Side.SELL, 0), b.sizeScale(), sizeScale)});
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        })) {
            Ui.spinUntil("five sampled books", () -> expected.size() >= 5, WAIT);
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertEquals(5, m.columns());
        for (int i = 0; i < 5; i++) {
            long[] e = expected.get(i);
            assertFalse(m.isGap(i));
            assertEquals(e[0], m.best(i, Side.BUY), "best bid of column " + i);
            assertEquals(e[1], m.size(i, Side.BUY, e[0]), "best bid size of column " + i);
            assertEquals(e[2], m.best(i, Side.SELL), "best ask of column " + i);
            assertEquals(e[3], m.size(i, Side.SELL, e[2]), "best ask size of column " + i);
            assertTrue(e[0] < e[2], "not crossed");
        }
    }

    private static long scaled(long units, int from, int to) {
        return BigDecimal.valueOf(units, from).setScale(to, java.math.RoundingMode.DOWN).unscaledValue().longValueExact();
    }

    @Test
    void theViewFollowsTheLinkGroupOnTheSimulatedExchange() throws Exception {
        ExchangeConnector sim = simulated();
        HeatmapPanel panel = new HeatmapPanel(shell);
        shell.open();
        InstrumentLinkGroup group = InstrumentLinkGroup.named("heatmap-test-" + groups++);
        binding = new HeatmapBinding(panel, tracker, group, null, true);
        Ui.spinUntil("the BTC book sampled", () -> binding.model().map(m -> m.samples() >= 2 && m.hasBook())
                .orElse(false), WAIT);
        assertEquals(sim.instrument("BTC/USD").get().id(), binding.shown().orElseThrow());
        Ui.spinUntil("book live shown", () -> panel.stateText().equals("Book live"), WAIT, panel::stateText);

        InstrumentId eth = sim.instrument("ETH/USD").orElseThrow().id();
        group.select(eth);
        Ui.spinUntil("the ETH book", () -> binding.shown().map(eth::equals).orElse(false)
                && binding.model().map(HeatmapModel::hasBook).orElse(false), WAIT);
        HeatmapModel m = binding.model().get();
        assertEquals(eth, m.instrument());
        assertEquals(2, m.priceScale(), "ETH/USD ticks 0.01");
        Ui.spinUntil("painted", () -> panel.canvas().paints() > 0 && panel.canvas().centre() > 0, WAIT);
        assertTrue(panel.canvas().paintNanos() > 0);

        // the exchange goes away: the view says so and waits; it comes back on the same instrument
        Bundle bundle = simulatedBundle();
        bundle.stop();
        Ui.spinUntil("the book closed", () -> binding.model().isEmpty() && binding.shown().isEmpty(), WAIT);
        assertTrue(panel.canvas().message().contains("unavailable"), panel.canvas().message());
        bundle.start();
        Ui.spinUntil("ETH back", () -> binding.shown().map(id -> id.symbol().equals("ETH/USD")).orElse(false)
                && binding.model().map(HeatmapModel::hasBook).orElse(false), WAIT);
    }

    @Test
    void aResetIsShownAsResyncingWithItsCause() {
        HeatmapPanel panel = new HeatmapPanel(shell);
        shell.open();
        HeatmapModel m = new HeatmapModel(BTC, 1, 4, 250, 60_000, panel::requestRefresh);
        panel.setModel(m, "Test  BTC/USD", 1, PriceFormat.withScale(1), SizeFormat.withScale(4));
        Ui.spinUntil("waiting shown", () -> panel.stateText().startsWith("Waiting for the book"), WAIT,
                panel::stateText);
        TestBook book = new TestBook(BTC, 1, 4);
        m.onBook(book.set(new long[] {650000}, new long[] {100}, new long[] {650010}, new long[] {200}));
        m.sample(T0);
        Ui.spinUntil("live shown", () -> panel.stateText().equals("Book live"), WAIT, panel::stateText);
        m.onBook(book.reset("checksum mismatch"));
        m.sample(T0 + 250);
        Ui.spinUntil("resyncing shown", () -> panel.stateText().startsWith("Book resyncing (checksum mismatch)"),
                WAIT, panel::stateText);
    }

    @Test
    void paintsSizesTradesGapsAndAReadout() throws Exception {
        HeatmapPanel panel = new HeatmapPanel(shell);
        shell.open();
        HeatmapModel m = new HeatmapModel(BTC, 1, 4, 250, 5 * 60_000, panel::requestRefresh);
        TestBook book = new TestBook(BTC, 1, 4);
        Random random = new Random(7);
        long mid = 650000;
        int n = m.capacity();
        long lastBid = 0;
        for (int c = 0; c < n; c++) {
            long t = T0 + 250L * c;
            if (c >= 700 && c < 740) {
                m.onBook(book.reset("reconnect"));
                m.sample(t);
                continue;
            }
            mid += random.nextInt(3) - 1;
            m.onBook(walls(book, random, mid));
            m.sample(t);
            lastBid = mid - 1;
            if (c % 9 == 0) {
                boolean buy = random.nextBoolean();
                m.addTrade(new Trade(BTC, "t" + c, Instant.ofEpochMilli(t - 100), Instant.ofEpochMilli(t - 100),
                        BigDecimal.valueOf(buy ? mid + 1 : mid - 1, 1),
                        BigDecimal.valueOf(1 + random.nextInt(random.nextInt(10) == 0 ? 40_000 : 4_000), 4),
                        buy ? Side.BUY : Side.SELL));
            }
        }
        panel.setModel(m, "Test  BTC/USD", 1, PriceFormat.withScale(1), SizeFormat.withScale(4));
        panel.requestRefresh();
        Ui.spinUntil("painted", () -> panel.canvas().paints() > 1, WAIT);
        assertTrue(panel.canvas().centre() > 0);
        long centre = panel.canvas().centre();
        assertTrue(Math.abs(centre - lastBid) < 60, "re-centred on the price: " + centre + " vs " + lastBid);
        assertEquals("Book live", panel.stateText());

        // hover the newest column at the best bid: the readout says the size the book had there
        var canvas = panel.canvas();
        org.eclipse.swt.graphics.Rectangle area = canvas.getClientArea();
        Event move = new Event();
        move.x = area.width - 84 - 2;
        int rowPx = 6;
        int rows = (area.height - 20) / rowPx + 1;
        long top = centre + (rows / 2);
        move.y = (int) (top - lastBid) * rowPx + 2;
        canvas.notifyListeners(SWT.MouseMove, move);
        Ui.spinUntil("the readout", () -> canvas.readout() != null, WAIT);
        // the readout names the column under the mouse by its time; its size must be that column's
        int col = -1;
        for (int i = 0; i < m.columns(); i++) {
            if (canvas.readout().startsWith(org.tradebench.ui.core.format.ClockFormat.format(Instant.ofEpochMilli(m.time(i))))) {
                col = i;
            }
        }
        assertTrue(col >= m.columns() - 4, "a column at the right edge: " + canvas.readout());
        long size = m.size(col, Side.BUY, lastBid) + m.size(col, Side.SELL, lastBid);
        assertTrue(size > 0);
        assertTrue(canvas.readout().contains(PriceFormat.withScale(1).formatUnits(lastBid)), canvas.readout());
        assertTrue(canvas.readout().contains(SizeFormat.withScale(4).formatUnits(size) + " resting"),
                canvas.readout() + " should say " + SizeFormat.withScale(4).formatUnits(size));
        Ui.flush();
        Path file = Ui.screenshot(shell, "heatmap");
        long frames0 = canvas.paints();
        long nanos0 = canvas.paintNanos();
        for (int i = 0; i < 30; i++) {
            paintOnce(canvas);
        }
        System.out.printf("heatmap paint: %.2f ms a frame over %d frames (%d columns, %dx%d)%n",
                (canvas.paintNanos() - nanos0) / 1e6 / (canvas.paints() - frames0), canvas.paints() - frames0,
                m.columns(), canvas.getSize().x, canvas.getSize().y);
        assertTrue(Files.size(file) > 10_000);
        canvas.notifyListeners(SWT.MouseExit, new Event());
        Ui.flush();
        Ui.screenshot(shell, "heatmap-clean");

        // time moves on: the cells drawn before are shifted, only the newest columns are drawn
        long full0 = canvas.fullRenders();
        long pixels0 = canvas.cellPixels();
        int frames = 40;
        for (int c = n; c < n + frames; c++) {
            m.onBook(walls(book, random, mid));
            m.sample(T0 + 250L * c);
            paintOnce(canvas); // every frame counts
        }
        int plotPixels = (area.width - 84) * (area.height - 20);
        long drawn = canvas.cellPixels() - pixels0;
        System.out.printf("heatmap incremental: %d full renders in %d frames, %.1f %% of the cells drawn a frame%n",
                canvas.fullRenders() - full0, frames, 100.0 * drawn / frames / plotPixels);
        assertTrue(canvas.fullRenders() - full0 <= 2, "time moving on shifts the cells: " + (canvas.fullRenders() - full0)
                + " full renders in " + frames + " frames");
        assertTrue(drawn > 0 && drawn < (long) frames * plotPixels / 10, "only the newest columns drawn: " + drawn
                + " pixels");
        // and the shifted image is the one a full render draws (up to a pixel at column edges)
        int[] shifted = pixels(canvas, area.width - 84, area.height - 20);
        canvas.invalidateCells();
        paintOnce(canvas);
        int[] redrawn = pixels(canvas, area.width - 84, area.height - 20);
        int differ = 0;
        for (int i = 0; i < shifted.length; i++) {
            if (shifted[i] != redrawn[i]) {
                differ++;
            }
        }
        assertTrue(differ < shifted.length / 50, differ + " of " + shifted.length + " pixels differ from a full render");
    }

    /** A 60-level book around {@code mid} with walls every 25 ticks on the bids and 40 on the asks. */
    private static BookUpdate walls(TestBook book, Random random, long mid) {
        long[] bp = new long[60];
        long[] bs = new long[60];
        long[] ap = new long[60];
        long[] as = new long[60];
        for (int k = 0; k < 60; k++) {
            bp[k] = mid - 1 - k;
            ap[k] = mid + 1 + k;
            bs[k] = 2_000 + random.nextInt(8_000) + (bp[k] % 25 == 0 ? 150_000 : 0);
            as[k] = 2_000 + random.nextInt(8_000) + (ap[k] % 40 == 0 ? 250_000 : 0);
        }
        return book.set(bp, bs, ap, as);
    }

    private static void paintOnce(HeatmapCanvas canvas) {
        long before = canvas.paints();
        canvas.redraw();
        Ui.spinUntil("a frame painted", () -> canvas.paints() > before, WAIT);
    }

    private static int[] pixels(HeatmapCanvas canvas, int w, int h) {
        org.eclipse.swt.graphics.Image image = new org.eclipse.swt.graphics.Image(canvas.getDisplay(), w, h);
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(canvas);
        try {
            gc.copyArea(image, 0, 0);
            org.eclipse.swt.graphics.ImageData d = image.getImageData();
            int[] out = new int[w * h];
            for (int y = 0; y < h; y++) {
                d.getPixels(0, y, w, out, y * w);
            }
            return out;
        } finally {
            gc.dispose();
            image.dispose();
        }
    }

    private static Bundle simulatedBundle() {
        for (Bundle b : FrameworkUtil.getBundle(HeatmapTest.class).getBundleContext().getBundles()) {
            if ("org.tradebench.connector.simulated".equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("the simulated exchange is not in the test runtime (build.properties)");
    }

    private ExchangeConnector simulated() throws Exception {
        simulatedBundle().start();
        tracker = ConnectorTracker.open(HeatmapTest.class);
        Ui.spinUntil("the simulated connector", () -> tracker.connector("simulated").isPresent(), WAIT);
        ExchangeConnector sim = tracker.connector("simulated").get();
        Ui.spinUntil("its instruments", () -> sim.instrument("BTC/USD").isPresent(), WAIT);
        assertNotNull(sim);
        return sim;
    }
}
