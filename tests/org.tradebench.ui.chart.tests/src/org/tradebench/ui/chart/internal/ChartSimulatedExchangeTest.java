package org.tradebench.ui.chart.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleHistoryRequest;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.testing.Ui;

/** The chart against the embedded simulated exchange, found in the service registry as the view finds it. */
class ChartSimulatedExchangeTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String SIMULATED = "org.tradebench.connector.simulated";

    private Shell shell;
    private ChartPanel panel;
    private ConnectorTracker tracker;
    private ChartBinding binding;

    private static Bundle simulatedBundle() {
        BundleContext context = FrameworkUtil.getBundle(ChartSimulatedExchangeTest.class).getBundleContext();
        for (Bundle b : context.getBundles()) {
            if (SIMULATED.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    @BeforeEach
    void open() throws Exception {
        Bundle b = simulatedBundle();
        assertNotNull(b, SIMULATED + " is not in the test runtime (build.properties additional.bundles)");
        b.start();
        shell = Ui.shell("Chart (simulated)", 1000, 600);
        panel = new ChartPanel(shell, SWT.NONE);
        shell.open();
        tracker = ConnectorTracker.open(ChartSimulatedExchangeTest.class);
        Ui.spinUntil("the simulated connector", () -> tracker.defaultConnector().isPresent(), WAIT);
    }

    @AfterEach
    void close() throws Exception {
        if (binding != null) {
            binding.close();
        }
        tracker.close();
        shell.dispose();
        Ui.flush();
    }

    @Test
    void opensWithTheExchangesCandlesAt1mAnd1s() throws Exception {
        InstrumentLinkGroup group = InstrumentLinkGroup.named("chart-simulated-test");
        binding = new ChartBinding(panel, tracker, group, null, null);
        Ui.spinUntil("1m candles at once", () -> binding.series().map(CandleSeries::size).orElse(0) >= 30, WAIT,
                () -> "message/source: " + panel.sourceText() + " " + panel.noteText());
        assertEquals("BTC/USD", panel.selectedSymbol());
        assertEquals("1m", panel.selectedInterval());
        assertEquals(CandleFeed.Mode.NATIVE, binding.feed().orElseThrow().mode());
        CandleSeries series = binding.series().orElseThrow();
        ExchangeConnector c = tracker.defaultConnector().orElseThrow();

        // the closed candles shown are the ones the connector's history call returns for the same range
        List<Candle> shown = series.candles().stream().filter(Candle::closed).toList();
        Candle newestClosed = shown.get(shown.size() - 1);
        List<Candle> history = c.marketData().candleHistory(CandleHistoryRequest.before(binding.shown().orElseThrow(),
                CandleInterval.M1, newestClosed.end(), 20)).toCompletableFuture().get();
        assertTrue(history.size() >= 10, history.toString());
        Map<java.time.Instant, Candle> byStart = shown.stream().collect(Collectors.toMap(Candle::start, Function.identity()));
        for (Candle h : history) {
            assertEquals(h, byStart.get(h.start()), "candle at " + h.start());
        }
        Ui.spinUntil("live health", () -> panel.sourceText().endsWith("live"), WAIT, panel::sourceText);
        Ui.spinUntil("the last-price line", () -> panel.canvas().lines().stream()
                .anyMatch(l -> l.kind() == PriceLine.Kind.LAST), WAIT, () -> panel.canvas().lines().toString());
        Ui.flush();
        panel.canvas().crosshairAt(panel.canvas().xOf(series.size() - 8), panel.canvas().yOf(
                series.candles().get(series.size() - 8).close().doubleValue()));
        Ui.flush();
        assertTrue(panel.canvas().readout().contains(" C "), panel.canvas().readout());
        Path m1 = Ui.screenshot(shell, "chart-1m");
        System.out.println("Chart 1m screenshot: " + m1.toAbsolutePath());

        binding.pickInterval(CandleInterval.S1);
        Ui.spinUntil("1s candles", () -> binding.series().map(s -> s.interval().equals(CandleInterval.S1) && s.size() >= 20)
                .orElse(false), WAIT, panel::sourceText);
        Ui.spinFor(Duration.ofSeconds(2)); // a few live seconds
        CandleSeries s1 = binding.series().orElseThrow();
        List<Candle> candles = s1.candles();
        for (int i = 1; i < candles.size(); i++) {
            assertTrue(candles.get(i).start().isAfter(candles.get(i - 1).start()));
            assertEquals(0, candles.get(i).start().toEpochMilli() % 1000);
        }
        Path s1Shot = Ui.screenshot(shell, "chart-1s");
        System.out.println("Chart 1s screenshot: " + s1Shot.toAbsolutePath());

        // 4h is not streamed by the simulated exchange: summed from its 1h candles
        binding.pickInterval(CandleInterval.parse("4h"));
        Ui.spinUntil("4h candles", () -> binding.series().map(s -> s.interval().millis() == 4 * 3_600_000L && s.size() >= 1)
                .orElse(false), WAIT, panel::sourceText);
        assertEquals(CandleFeed.Mode.ROLLUP, binding.feed().orElseThrow().mode());
        assertTrue(panel.sourceText().startsWith("4h candles summed from the exchange's 1h candles"), panel.sourceText());

        // the link group leads: another instrument chosen elsewhere is charted at the same interval
        InstrumentId eth = new InstrumentId("simulated", "ETH/USD");
        group.select(eth);
        Ui.spinUntil("ETH/USD charted", () -> binding.shown().equals(java.util.Optional.of(eth))
                && binding.series().map(CandleSeries::size).orElse(0) >= 1, WAIT, panel::sourceText);
        assertEquals("ETH/USD", panel.selectedSymbol());
        assertEquals("4h", panel.selectedInterval());
        assertTrue(binding.series().orElseThrow().candles().stream().allMatch(k -> k.instrument().equals(eth)));

        // the connector goes away at runtime: the chart says so instead of showing old candles, and comes back
        simulatedBundle().stop();
        Ui.spinUntil("the chart emptied", () -> binding.series().isEmpty(), WAIT, panel::sourceText);
        simulatedBundle().start();
        Ui.spinUntil("the chart back", () -> binding.series().map(CandleSeries::size).orElse(0) >= 1, WAIT,
                panel::sourceText);
        assertEquals(java.util.Optional.of(eth), binding.shown());
    }

    @Test
    void theDarkThemeTurnsTheChartDarkAndTheLightOneBack() throws Exception {
        binding = new ChartBinding(panel, tracker, InstrumentLinkGroup.named("chart-theme-test"), null, null);
        Ui.spinUntil("candles", () -> binding.series().map(CandleSeries::size).orElse(0) >= 30, WAIT, panel::sourceText);
        Ui.spinUntil("live health", () -> panel.sourceText().endsWith("live"), WAIT, panel::sourceText);
        try {
            org.tradebench.ui.core.Theme.choose(org.tradebench.ui.core.Theme.DARK);
            assertEquals(org.tradebench.ui.core.widgets.Palette.DARK, org.tradebench.ui.core.widgets.Palette.current());
            assertEquals(org.tradebench.ui.core.Theme.DARK, org.tradebench.ui.core.Theme.chosen(), "saved");
            Ui.spinUntil("the canvas repainted dark", () -> Ui.meanBrightness(panel.canvas()) < 70, WAIT,
                    () -> "brightness " + Ui.meanBrightness(panel.canvas()));
            Ui.spinUntil("the header dark too", () -> org.tradebench.ui.core.widgets.Palette.DARK.widgetBackground()
                    .equals(panel.getBackground()), WAIT, () -> String.valueOf(panel.getBackground()));
            assertTrue(Ui.meanBrightness(panel) < 80, "no white panel: " + Ui.meanBrightness(panel));
            Ui.screenshot(shell, "chart-dark");
        } finally {
            org.tradebench.ui.core.Theme.choose(org.tradebench.ui.core.Theme.LIGHT);
        }
        assertEquals(org.tradebench.ui.core.widgets.Palette.LIGHT, org.tradebench.ui.core.widgets.Palette.current());
        Ui.spinUntil("the canvas repainted light", () -> Ui.meanBrightness(panel.canvas()) > 180, WAIT,
                () -> "brightness " + Ui.meanBrightness(panel.canvas()));
        Ui.screenshot(shell, "chart-light");
    }
}
