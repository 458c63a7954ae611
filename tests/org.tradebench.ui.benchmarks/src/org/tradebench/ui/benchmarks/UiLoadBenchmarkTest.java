package org.tradebench.ui.benchmarks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.WorkbenchException;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookRequest;
import org.tradebench.ui.core.InstrumentLinkGroup;

/**
 * The UI load benchmark. With {@code -Dtradebench.uiBenchmark.seconds=N} (run-ui-benchmark.sh) it
 * measures N seconds of the product's views and then the naive baseline, and writes the report;
 * without it (the normal build) a short smoke at the pom's low rate checks that every figure is
 * measured (paints per view, asyncExec calls, clicks delivered, link-group checks), never a timing.
 */
class UiLoadBenchmarkTest {

    static final String ORDER_BOOK = "org.tradebench.ui.orderbook.view";
    static final String CHART = "org.tradebench.ui.chart.view";
    static final String TAPE = "org.tradebench.ui.tape.view";
    static final String WATCHLIST = "org.tradebench.ui.watchlist.view";
    static final String HEATMAP = "org.tradebench.ui.heatmap.view";
    private static final String[] VIEWS = {ORDER_BOOK, CHART, TAPE, WATCHLIST, HEATMAP};

    private static final InstrumentId BTC = new InstrumentId("simulated", "BTC/USD");
    private static final InstrumentId ETH = new InstrumentId("simulated", "ETH/USD");

    // targets of issue 9
    private static final double TARGET_BUSY_PERCENT = 25;
    private static final double TARGET_ASYNC_PER_VIEW = 60;
    private static final double TARGET_INPUT_P99_MS = 100;
    private static final long CLICK_PERIOD_MS = 50; // 20 Hz
    private static final long FOLLOW_MS = 300;
    private static final long LATE_MS = 3000;

    private final StringBuilder report = new StringBuilder();

    @Test
    void measuresTheViewsUnderLoadAgainstANaiveBinding() throws Exception {
        int seconds = Integer.getInteger("tradebench.uiBenchmark.seconds", 0);
        boolean smoke = seconds <= 0;
        long productMillis = smoke ? 3000 : seconds * 1000L;
        // the naive binding's queue grows without bound at high rates: its phase is capped
        long naiveMillis = smoke ? 2000 : Math.min(seconds, 15) * 1000L;

        IWorkbenchWindow window = waitFor("the workbench window", () -> window());
        Display display = window.getShell().getDisplay();
        CountingSynchronizer synchronizer = onUi(() -> {
            CountingSynchronizer s = new CountingSynchronizer(display);
            display.setSynchronizer(s);
            return s;
        });
        onUi(() -> {
            try {
                PlatformUI.getWorkbench().showPerspective(BenchmarkPerspective.ID, window);
            } catch (WorkbenchException e) {
                throw new AssertionError("cannot open the benchmark perspective: " + e.getMessage(), e);
            }
            window.getShell().setBounds(0, 0, 1600, 1000);
            InstrumentLinkGroup.DEFAULT.select(BTC);
            return null;
        });

        Map<String, IViewPart> parts = new LinkedHashMap<>();
        onUi(() -> {
            IWorkbenchPage page = window.getActivePage();
            for (String id : VIEWS) {
                IViewPart part = page.findView(id);
                if (part != null) {
                    parts.put(id, part);
                }
            }
            return null;
        });
        line("Tradebench UI load benchmark (%s)", smoke ? "smoke" : seconds + " s");
        line("simulated market rate setting: %s events/s, focus %s (90 %% of the events on it)",
                System.getProperty("tradebench.simulated.rate", "default"),
                System.getProperty("tradebench.simulated.focus", "").isBlank() ? "none (spread)"
                        : System.getProperty("tradebench.simulated.focus"));
        for (String id : VIEWS) {
            if (!parts.containsKey(id)) {
                line("note: view %s is not registered in this build: skipped", id);
            }
        }
        assertTrue(parts.containsKey(ORDER_BOOK) && parts.containsKey(CHART) && parts.containsKey(TAPE)
                && parts.containsKey(WATCHLIST), "views missing from the benchmark perspective: " + parts.keySet());

        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        ServiceReference<ExchangeConnector> ref = waitFor("the simulated connector", () -> {
            try {
                var refs = context.getServiceReferences(ExchangeConnector.class,
                        "(" + ExchangeConnector.PROPERTY_EXCHANGE_ID + "=simulated)");
                return refs.isEmpty() ? null : refs.iterator().next();
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        });
        ExchangeConnector connector = context.getService(ref);
        try {
            Thread.sleep(smoke ? 2000 : 5000); // the views subscribe, backfill and settle
            Phase product = measureProduct(display, window, parts, connector, productMillis);
            screenshotOf(display, window.getShell(), "ui-benchmark-views");
            onUi(() -> {
                IWorkbenchPage page = window.getActivePage();
                parts.values().forEach(page::hideView); // the baseline runs alone
                return null;
            });
            Thread.sleep(1000);
            Phase naive = measureNaive(display, connector, naiveMillis);
            printReport(product, naive);

            // The smoke checks that the harness measures, never how fast.
            for (var e : product.meter.views().entrySet()) {
                assertTrue(e.getValue().paints > 0, "no paint counted for " + e.getKey());
            }
            assertTrue(product.meter.calls().values().stream().mapToLong(c -> c[0]).sum() > 0,
                    "no asyncExec counted for the views");
            assertTrue(naive.meter.calls().values().stream().mapToLong(c -> c[0]).sum() > 0,
                    "no asyncExec counted for the naive binding");
            assertFalse(product.meter.inputLatencies().isEmpty(), "no synthetic click reached the chart");
            assertTrue(product.linkChecks > 0, "no link-group selection checked");
            assertTrue(product.bookUpdates > 0, "no book update counted on " + BTC);
        } finally {
            context.ungetService(ref);
            String path = System.getProperty("tradebench.uiBenchmark.report");
            if (path != null && !report.isEmpty()) {
                Files.createDirectories(Path.of(path).getParent());
                Files.writeString(Path.of(path), report);
            }
            System.out.println(report);
        }
    }

    /** What one phase measured. */
    private static final class Phase {
        UiMeter meter;
        long bookUpdates;
        int linkChecks;
        final Map<String, int[]> follow = new LinkedHashMap<>(); // view → {followed, late, dropped, n/a}
        long backlogAtEnd;
        long drainMillis;
        /** The exchange's market events per second (its market data session's message rate) at the end. */
        double exchangeRate;
    }

    private Phase measureProduct(Display display, IWorkbenchWindow window, Map<String, IViewPart> parts,
            ExchangeConnector connector, long millis) throws Exception {
        Phase phase = new Phase();
        phase.meter = new UiMeter(display, synchronizerOf(display));
        UiMeter meter = phase.meter;
        Point clickAt = onUi(() -> {
            for (var e : parts.entrySet()) {
                meter.addView(shortName(e.getKey()), root(e.getValue()));
            }
            Control chart = largestChild(root(parts.get(CHART)));
            meter.clickTarget(chart);
            Rectangle area = chart.getBounds();
            return chart.getParent().toDisplay(area.x + area.width / 2, area.y + area.height / 2);
        });
        LongAdder updates = new LongAdder();
        Subscription book = connector.marketData().subscribeBook(new BookRequest(BTC, 25), u -> updates.increment());
        ScheduledExecutorService clicks = Executors.newSingleThreadScheduledExecutor();
        try {
            onUi(() -> {
                meter.start();
                return null;
            });
            clicks.scheduleAtFixedRate(() -> meter.click(clickAt.x, clickAt.y), CLICK_PERIOD_MS, CLICK_PERIOD_MS,
                    TimeUnit.MILLISECONDS);
            clicks.scheduleAtFixedRate(meter::sampleUiThread, 7, 10, TimeUnit.MILLISECONDS);
            long end = System.currentTimeMillis() + millis;
            long linkEvery = Math.max(1000, millis / 10);
            long nextLink = System.currentTimeMillis() + linkEvery / 2;
            boolean onEth = false;
            while (System.currentTimeMillis() < end) {
                if (System.currentTimeMillis() >= nextLink) {
                    onEth = !onEth;
                    checkLink(parts, onEth ? ETH : BTC, phase);
                    nextLink += linkEvery;
                }
                Thread.sleep(20);
            }
            if (onEth) {
                checkLink(parts, BTC, phase);
            }
            clicks.shutdownNow();
            clicks.awaitTermination(1, TimeUnit.SECONDS);
            onUi(() -> {
                meter.stop();
                return null;
            });
            phase.exchangeRate = exchangeRate(connector);
        } finally {
            clicks.shutdownNow();
            book.close();
        }
        phase.bookUpdates = updates.sum();
        return phase;
    }

    private Phase measureNaive(Display display, ExchangeConnector connector, long millis) throws Exception {
        Phase phase = new Phase();
        phase.meter = new UiMeter(display, synchronizerOf(display));
        UiMeter meter = phase.meter;
        AtomicReference<NaiveBookCanvas> canvas = new AtomicReference<>();
        AtomicReference<Shell> shell = new AtomicReference<>();
        Point clickAt = onUi(() -> {
            Shell s = new Shell(display, SWT.SHELL_TRIM);
            s.setText("Naive book binding (baseline)");
            s.setLayout(new FillLayout());
            NaiveBookCanvas c = new NaiveBookCanvas(s);
            s.setBounds(0, 0, 1600, 1000);
            s.open();
            s.forceActive();
            meter.addView("naive", c);
            meter.clickTarget(c);
            canvas.set(c);
            shell.set(s);
            return c.toDisplay(400, 300);
        });
        LongAdder updates = new LongAdder();
        NaiveBookCanvas naive = canvas.get();
        Subscription book = connector.marketData().subscribeBook(new BookRequest(BTC, 25), u -> {
            updates.increment();
            naive.onBook(u);
        });
        ScheduledExecutorService clicks = Executors.newSingleThreadScheduledExecutor();
        try {
            // asynchronously, so the start does not wait behind the queue the naive binding builds
            display.asyncExec(meter::start);
            clicks.scheduleAtFixedRate(() -> meter.click(clickAt.x, clickAt.y), CLICK_PERIOD_MS, CLICK_PERIOD_MS,
                    TimeUnit.MILLISECONDS);
            Thread.sleep(millis);
        } finally {
            clicks.shutdownNow();
            book.close();
        }
        // the stop is queued behind the backlog: it measures the time the UI thread needs to catch up
        phase.backlogAtEnd = naive.backlog.sum();
        long stopAsked = System.nanoTime();
        onUi(() -> {
            meter.stop();
            return null;
        });
        phase.drainMillis = (System.nanoTime() - stopAsked) / 1_000_000;
        phase.bookUpdates = updates.sum();
        screenshotOf(display, shell.get(), "ui-benchmark-naive");
        onUi(() -> {
            shell.get().dispose();
            return null;
        });
        return phase;
    }

    private static CountingSynchronizer synchronizerOf(Display display) {
        return onUi(() -> (CountingSynchronizer) display.getSynchronizer());
    }

    /** Selects an instrument in the link group and checks that every view shows it within a bound. */
    private static void checkLink(Map<String, IViewPart> parts, InstrumentId instrument, Phase phase)
            throws InterruptedException {
        onUi(() -> {
            InstrumentLinkGroup.DEFAULT.select(instrument);
            return null;
        });
        long selected = System.nanoTime();
        phase.linkChecks++;
        Map<String, Boolean> pending = new LinkedHashMap<>();
        parts.keySet().forEach(id -> pending.put(id, Boolean.TRUE));
        while (!pending.isEmpty()) {
            long elapsed = (System.nanoTime() - selected) / 1_000_000;
            for (var it = pending.keySet().iterator(); it.hasNext();) {
                String id = it.next();
                Optional<?> shown = onUi(() -> shown(parts.get(id)));
                int[] f = phase.follow.computeIfAbsent(shortName(id), k -> new int[4]);
                if (shown == null) {
                    f[3]++;
                    it.remove();
                } else if (shown.isPresent() && shown.get().equals(instrument)) {
                    f[elapsed <= FOLLOW_MS ? 0 : 1]++;
                    it.remove();
                } else if (elapsed > LATE_MS) {
                    f[2]++;
                    it.remove();
                }
            }
            Thread.sleep(25);
        }
    }

    /**
     * What a view shows, read from its binding's {@code shown()} (the product's views keep their
     * binding in a field); null when the view has no such binding to ask.
     */
    private static Optional<?> shown(IViewPart part) {
        for (Class<?> c = part.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                try {
                    f.setAccessible(true);
                    Object value = f.get(part);
                    if (value == null) {
                        continue;
                    }
                    Method m = value.getClass().getMethod("shown");
                    if (Optional.class.isAssignableFrom(m.getReturnType())) {
                        m.setAccessible(true);
                        return (Optional<?>) m.invoke(value);
                    }
                } catch (RuntimeException | ReflectiveOperationException ignored) {
                    // not the binding
                }
            }
        }
        return null;
    }

    private static Control root(IViewPart part) {
        MPart model = part.getSite().getService(MPart.class);
        assertNotNull(model, "no model part for " + part.getSite().getId());
        return (Control) model.getWidget();
    }

    private static Control largestChild(Control root) {
        Control best = root;
        if (root instanceof org.eclipse.swt.widgets.Composite composite) {
            for (Control child : composite.getChildren()) {
                Control c = largestChild(child);
                if (area(c) >= area(best) * 0.5 && c != root) {
                    best = c;
                }
            }
        }
        return best;
    }

    private static int area(Control c) {
        Rectangle r = c.getBounds();
        return r.width * r.height;
    }

    private static String shortName(String viewId) {
        return viewId.replace("org.tradebench.ui.", "").replace(".view", "");
    }

    private static double exchangeRate(ExchangeConnector connector) {
        return connector.health().session(org.tradebench.api.health.SessionHealth.MARKET_DATA)
                .map(org.tradebench.api.health.SessionHealth::messagesPerSecond).orElse(0.0);
    }

    private void printReport(Phase product, Phase naive) {
        UiMeter p = product.meter;
        UiMeter n = naive.meter;
        line("");
        line("book updates delivered on %s: product phase %,.0f/s, naive phase %,.0f/s", BTC.symbol(),
                product.bookUpdates / p.seconds(), naive.bookUpdates / n.seconds());
        line("the exchange's market events at the end of the product phase: %,.0f/s (its market data session's"
                + " rate; every event changes a book)", product.exchangeRate);
        line("phases: product %.1f s, naive %.1f s (naive stop waited %d ms behind %,d queued events)", p.seconds(),
                n.seconds(), naive.drainMillis, naive.backlogAtEnd);
        line("");
        line("%-26s %10s %10s %10s %10s %10s", "per view", "paints/s", "paint p50", "paint p99", "async/s", "sync/s");
        Map<String, long[]> calls = p.calls();
        for (var e : p.views().entrySet()) {
            long[] c = calls.getOrDefault("org.tradebench.ui." + e.getKey(), new long[3]);
            row(e.getKey(), e.getValue(), c, p.seconds());
        }
        long[] nc = n.calls().getOrDefault(CountingSynchronizer.owner(getClass()), new long[3]);
        row("naive (baseline)", n.views().get("naive"), nc, n.seconds());
        line("");
        line("asyncExec/syncExec by origin, product phase (per second):");
        calls.forEach((k, v) -> line("  %-40s async %8.1f  sync %6.1f  running %5.1f%% of wall", k, v[0] / p.seconds(),
                v[1] / p.seconds(), v[2] / 1e9 / p.seconds() * 100));
        line("");
        double pAsync = calls.values().stream().mapToLong(v -> v[0]).sum() / p.seconds();
        double nAsync = n.calls().values().stream().mapToLong(v -> v[0]).sum() / n.seconds();
        double pIn = UiMeter.quantileMillis(p.inputLatencies(), 0.99);
        double nIn = UiMeter.quantileMillis(n.inputLatencies(), 0.99);
        line("%-34s %12s %12s %10s %8s %s", "", "product", "naive", "ratio", "target", "");
        compare("UI thread busy (CPU/wall) %", p.uiBusyPercent(), n.uiBusyPercent(), "< 25",
                p.uiBusyPercent() < TARGET_BUSY_PERCENT);
        compare("asyncExec calls/s (all)", pAsync, nAsync, "", true);
        double worstView = 0;
        for (String view : p.views().keySet()) {
            worstView = Math.max(worstView, calls.getOrDefault("org.tradebench.ui." + view, new long[3])[0] / p.seconds());
        }
        compare("asyncExec/s, busiest view", worstView, nc[0] / n.seconds(), "<= 60", worstView <= TARGET_ASYNC_PER_VIEW);
        compare("input latency p99 ms", pIn, nIn, "< 100", pIn < TARGET_INPUT_P99_MS);
        line("  clicks %s; of which waiting for the display thread: p99 product %.1f ms, naive %.1f ms", p.clickPath(),
                UiMeter.quantileMillis(p.clickWaits(), 0.99), UiMeter.quantileMillis(n.clickWaits(), 0.99));
        line("  clicks: product %d posted, %d delivered (p50 %.1f ms); naive %d posted, %d delivered (p50 %.1f ms)",
                p.clicksPosted(), p.inputLatencies().size(), UiMeter.quantileMillis(p.inputLatencies(), 0.5),
                n.clicksPosted(), n.inputLatencies().size(), UiMeter.quantileMillis(n.inputLatencies(), 0.5));
        line("");
        int dropped = 0;
        line("link group: %d selections; per view followed <= %d ms / late / dropped / not observable:",
                product.linkChecks, FOLLOW_MS);
        for (var e : product.follow.entrySet()) {
            int[] f = e.getValue();
            dropped += f[2];
            line("  %-24s %3d / %3d / %3d / %3d", e.getKey(), f[0], f[1], f[2], f[3]);
        }
        line("  dropped link-group events: %d  %s (target 0)", dropped, dropped == 0 ? "PASS" : "MISS");
        line("");
        line("where the display thread was, product phase (sampled every 10 ms, top two frames):");
        p.hotPlaces(8).forEach(place -> line("  %s", place));
        line("the innermost Tradebench method on the display thread's stack, product phase (same samples):");
        p.ourPlaces(10).forEach(place -> line("  %s", place));
        line("");
        line("GC during the product phase (collector bean: count, ms):");
        p.gcDelta().forEach((k, v) -> line("  %-28s %5d %8d", k, v[0], v[1]));
        line("GC during the naive phase:");
        n.gcDelta().forEach((k, v) -> line("  %-28s %5d %8d", k, v[0], v[1]));
    }

    private void row(String name, UiMeter.ViewFigures f, long[] c, double seconds) {
        line("%-26s %10.1f %10.2f %10.2f %10.1f %10.1f %s", name, f.paints / seconds,
                UiMeter.quantileMillis(f.paintTimes, 0.5), UiMeter.quantileMillis(f.paintTimes, 0.99), c[0] / seconds,
                c[1] / seconds, name.startsWith("naive") ? "" : c[0] / seconds <= TARGET_ASYNC_PER_VIEW ? "PASS" : "MISS");
    }

    private void compare(String what, double product, double naive, String target, boolean pass) {
        line("%-34s %12.2f %12.2f %10.3f %8s %s", what, product, naive, naive == 0 ? Double.NaN : product / naive,
                target, target.isEmpty() ? "" : pass ? "PASS" : "MISS");
    }

    private void line(String format, Object... args) {
        report.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private static IWorkbenchWindow window() {
        if (!PlatformUI.isWorkbenchRunning()) {
            return null;
        }
        IWorkbenchWindow[] windows = PlatformUI.getWorkbench().getWorkbenchWindows();
        return windows.length == 0 ? null : windows[0];
    }

    private static <T> T onUi(Supplier<T> action) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        PlatformUI.getWorkbench().getDisplay().syncExec(() -> {
            try {
                result.set(action.get());
            } catch (RuntimeException | Error e) {
                failure.set(e);
            }
        });
        if (failure.get() instanceof RuntimeException e) {
            throw e;
        }
        if (failure.get() instanceof Error e) {
            throw e;
        }
        return result.get();
    }

    private static <T> T waitFor(String what, Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            T value = PlatformUI.isWorkbenchRunning() && PlatformUI.getWorkbench().getDisplay() != null ? onUi(probe)
                    : null;
            if (value != null) {
                return value;
            }
            Thread.sleep(200);
        }
        fail("timed out waiting for " + what);
        return null;
    }

    private static void screenshotOf(Display display, Shell shell, String name) {
        onUi(() -> {
            try {
                return org.tradebench.ui.testing.Ui.screenshot(shell, name);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
