package org.tradebench.ui.chart.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.account.MarginMode;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;
import org.tradebench.api.account.Position;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleHistoryRequest;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Trade;
import org.tradebench.api.trading.ExitLeg;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.ui.core.format.PriceFormat;
import org.tradebench.ui.core.format.SizeFormat;
import org.tradebench.ui.testing.Ui;

/** The chart's feed, canvas and lines against a connector whose every value the test chooses. */
class ChartFakeConnectorTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private FakeChartConnector fake;
    private Shell shell;
    private ChartPanel panel;
    private CandleSeries series;
    private CandleFeed feed;
    private TradingLines lines;

    @BeforeEach
    void open() {
        fake = new FakeChartConnector();
        shell = Ui.shell("Chart", 900, 560);
        panel = new ChartPanel(shell, SWT.NONE);
        shell.open();
    }

    @AfterEach
    void close() {
        if (feed != null) {
            feed.close();
        }
        if (lines != null) {
            lines.close();
        }
        shell.dispose();
        fake.shutdown();
        Ui.flush();
    }

    private void chart(CandleInterval interval) {
        series = new CandleSeries(interval);
        panel.setInstruments(fake.displayName(), List.of(FakeChartConnector.BTC), FakeChartConnector.BTC);
        panel.showInterval(interval);
        panel.healthBadge().follow(fake);
        panel.canvas().setSeries(series, PriceFormat.of(FakeChartConnector.BTC_INSTRUMENT.spec()),
                SizeFormat.of(FakeChartConnector.BTC_INSTRUMENT.spec()), "BTC/USD \u00b7 " + interval.label());
        feed = new CandleFeed(fake.marketData(), FakeChartConnector.BTC, series, panel::requestRefresh);
        lines = new TradingLines(fake, FakeChartConnector.BTC, panel::requestRefresh);
        panel.canvas().onNeedOlder(feed::pageBack);
        panel.setRefresh(() -> {
            panel.showFeed(feed.status());
            List<PriceLine> all = new ArrayList<>();
            Candle newest = series.newest();
            if (newest != null) {
                all.add(new PriceLine(PriceLine.Kind.LAST, newest.close(), "Last"));
            }
            all.addAll(lines.lines());
            panel.canvas().setLines(all);
        });
    }

    /** Paints now, so that geometry and readout are those of the current state. */
    private void paint() {
        Ui.flush();
        panel.canvas().redraw();
        panel.canvas().update();
        Ui.flush();
    }

    private static Candle m1(int minute, String o, String h, String l, String c, String v, boolean closed) {
        return new Candle(FakeChartConnector.BTC, CandleInterval.M1, T0.plusSeconds(60L * minute), new BigDecimal(o),
                new BigDecimal(h), new BigDecimal(l), new BigDecimal(c), new BigDecimal(v), 3, closed);
    }

    private static Trade trade(String id, Instant time, String price, String qty) {
        return new Trade(FakeChartConnector.BTC, id, time, time, new BigDecimal(price), new BigDecimal(qty), Side.BUY);
    }

    private void sendHistory(int count) {
        for (int i = 0; i < count; i++) {
            BigDecimal base = new BigDecimal(100 + i);
            fake.candle(m1(i, base.toPlainString(), base.add(BigDecimal.valueOf(2)).toPlainString(),
                    base.subtract(BigDecimal.ONE).toPlainString(), base.add(BigDecimal.ONE).toPlainString(), "1.5", true));
        }
    }

    @Test
    void candlesShownAreTheConnectorsAndTheLiveCandleUpdates() {
        chart(CandleInterval.M1);
        assertEquals(CandleFeed.Mode.NATIVE, feed.mode());
        assertEquals(CandleInterval.M1, fake.candleRequests.get(0).interval());
        assertEquals(CandleFeed.INITIAL_CANDLES, fake.candleRequests.get(0).history());
        sendHistory(30);
        Candle forming = m1(30, "131", "131.5", "130.2", "131.1", "0.25", false);
        fake.candle(forming);
        Ui.spinUntil("31 candles", () -> series.size() == 31, WAIT, () -> "size " + series.size());
        Ui.flush();
        assertEquals(forming, series.newest());
        assertEquals(m1(5, "105", "107", "104", "106", "1.5", true), series.candles().get(5));
        Ui.spinUntil("the readout of the forming candle", () -> panel.canvas().readout().contains("C 131.1"), WAIT,
                panel.canvas()::readout);
        assertTrue(panel.canvas().readout().contains("O 131.0  H 131.5  L 130.2  C 131.1  V 0.2500  (forming)"),
                panel.canvas().readout());

        Candle updated = m1(30, "131", "133.4", "130.2", "133.2", "0.75", false);
        fake.candle(updated);
        Ui.spinUntil("the live candle updated", () -> panel.canvas().readout().contains("C 133.2"), WAIT,
                panel.canvas()::readout);
        assertEquals(31, series.size());
        assertEquals(updated, series.newest());
        Ui.spinUntil("the last-price line", () -> panel.canvas().lines().stream()
                .anyMatch(l -> l.kind() == PriceLine.Kind.LAST && l.price().equals(new BigDecimal("133.2"))), WAIT,
                () -> panel.canvas().lines().toString());
        assertEquals("candles from the exchange", feed.status().source().substring(3));
    }

    @Test
    void panningLeftPagesHistoryBackBeforeTheOldestCandle() {
        chart(CandleInterval.M1);
        sendHistory(60);
        Ui.spinUntil("60 candles", () -> series.size() == 60, WAIT, () -> "size " + series.size());
        Ui.flush();
        // the canvas is wide enough to show all 60 at 8 px: it asks for the page before minute 0
        Ui.spinUntil("a history request", () -> !fake.historyRequests.isEmpty(), WAIT,
                () -> fake.historyRequests.toString());
        CandleHistoryRequest r = fake.historyRequests.get(0);
        assertEquals(FakeChartConnector.BTC, r.instrument());
        assertEquals(CandleInterval.M1, r.interval());
        assertEquals(T0, r.to(), "pages end where the loaded candles start");
        assertEquals(null, r.from());
        assertEquals(CandleFeed.PAGE_CANDLES, r.limit());
        assertEquals(1, fake.historyRequests.size(), "one page at a time");

        List<Candle> page = new ArrayList<>();
        for (int i = -20; i < 0; i++) {
            page.add(m1(i, "90", "95", "89", "94", "2", true));
        }
        fake.historyAnswers.get(0).complete(page);
        Ui.spinUntil("the page merged", () -> series.size() == 80, WAIT, () -> "size " + series.size());
        assertEquals(T0.minusSeconds(20 * 60), series.oldestStart());
        // the next page starts where this one did
        Ui.spinUntil("the next history request", () -> fake.historyRequests.size() == 2, WAIT,
                () -> fake.historyRequests.toString());
        assertEquals(T0.minusSeconds(20 * 60), fake.historyRequests.get(1).to());
        fake.historyAnswers.get(1).complete(List.of());
        Ui.spinUntil("history exhausted", feed::isExhausted, WAIT, () -> "paging " + feed.isPaging());

        // keyboard and mouse: pan left leaves the live edge, End returns to it
        panel.canvas().zoom(3);
        panel.canvas().pan(10);
        paint();
        assertTrue(!panel.canvas().isFollowingLive());
        assertEquals(series.size() - 11, panel.canvas().visibleRange()[1]);
        panel.canvas().goLive();
        paint();
        assertEquals(series.size() - 1, panel.canvas().visibleRange()[1]);

        // the same by keyboard and mouse
        ChartCanvas canvas = panel.canvas();
        Event left = new Event();
        left.keyCode = SWT.ARROW_LEFT;
        left.stateMask = SWT.SHIFT;
        canvas.notifyListeners(SWT.KeyDown, left);
        assertEquals(series.size() - 11, canvas.visibleRange()[1], "Shift+Left pans ten candles");
        Event end = new Event();
        end.keyCode = SWT.END;
        canvas.notifyListeners(SWT.KeyDown, end);
        assertTrue(canvas.isFollowingLive());
        double width = canvas.barWidth();
        Event wheel = new Event();
        wheel.count = 3;
        canvas.notifyListeners(SWT.MouseVerticalWheel, wheel);
        assertEquals(width * 1.25, canvas.barWidth(), 1e-9, "the wheel zooms in");
        Event down = new Event();
        down.button = 1;
        down.x = 400;
        down.y = 200;
        canvas.notifyListeners(SWT.MouseDown, down);
        Event drag = new Event();
        drag.x = 400 + (int) Math.round(5 * canvas.barWidth());
        drag.y = 200;
        drag.stateMask = SWT.BUTTON1;
        canvas.notifyListeners(SWT.MouseMove, drag);
        canvas.notifyListeners(SWT.MouseUp, new Event());
        assertEquals(series.size() - 6, canvas.visibleRange()[1], "dragging right by five candles shows older ones");
    }

    @Test
    void backLiveAfterAReconnectTheMissedCandlesAreFetched() {
        chart(CandleInterval.M1);
        sendHistory(10);
        Ui.spinUntil("10 candles", () -> series.size() == 10, WAIT, () -> "size " + series.size());
        fake.candleHealth(new DataHealth(DataState.STALE, null, 10, 0, "no message for 30 s", Instant.now()));
        Ui.spinUntil("stale shown", () -> panel.sourceText().contains("stale"), WAIT, panel::sourceText);
        fake.candleHealth(new DataHealth(DataState.LIVE, null, 11, 0));
        // (the chart also pages back before its oldest candle: that request has no start)
        Ui.spinUntil("the gap request", () -> fake.historyRequests.stream().anyMatch(r -> r.from() != null), WAIT,
                () -> fake.historyRequests.toString());
        int index = 0;
        while (fake.historyRequests.get(index).from() == null) {
            index++;
        }
        CandleHistoryRequest gap = fake.historyRequests.get(index);
        assertEquals(CandleInterval.M1, gap.interval());
        assertEquals(T0.plusSeconds(9 * 60), gap.from(), "from the newest closed candle held");
        assertEquals(null, gap.to());
        fake.historyAnswers.get(index).complete(List.of(m1(9, "109", "111", "108", "110", "1.5", true),
                m1(10, "110", "112", "109", "111", "2", true), m1(11, "111", "113", "110", "112", "2", true)));
        Ui.spinUntil("the missed candles", () -> series.size() == 12, WAIT, () -> series.candles().toString());
        assertEquals(m1(11, "111", "113", "110", "112", "2", true), series.newest());
        Ui.spinUntil("live again", () -> panel.sourceText().endsWith("live"), WAIT, panel::sourceText);
    }

    @Test
    void aFailedCandleStreamIsSaidAndCandlesAreBuiltFromTrades() {
        Instant s0 = CandleInterval.M1.bucketStart(Instant.now()).minusSeconds(120);
        fake.tradeHistory = List.of(trade("1", s0.plusSeconds(1), "100.0", "0.5"), trade("2", s0.plusSeconds(30), "104.5", "0.25"),
                trade("3", s0.plusSeconds(59), "102.5", "1"));
        chart(CandleInterval.M1);
        assertEquals(CandleFeed.Mode.NATIVE, feed.mode());
        fake.candleHealth(new DataHealth(DataState.FAILED, null, 0, 0, "Fake: candles not offered (10300)", Instant.now()));
        Ui.spinUntil("the fallback to trades", () -> feed.mode() == CandleFeed.Mode.TRADES && series.size() == 1, WAIT,
                () -> feed.mode() + " " + series.candles());
        assertEquals(new Candle(FakeChartConnector.BTC, CandleInterval.M1, s0, new BigDecimal("100"), new BigDecimal("104.5"),
                new BigDecimal("100"), new BigDecimal("102.5"), new BigDecimal("1.75"), 3, true), series.candles().get(0));
        Ui.spinUntil("the note", () -> panel.noteText().contains("Fake: candles not offered (10300)"), WAIT, panel::noteText);
        assertTrue(panel.noteText().contains("candles are built from trades"), panel.noteText());
        assertTrue(fake.candleListeners.isEmpty(), "the failed stream is closed");
    }

    @Test
    void crosshairReadoutShowsTheCandleUnderTheMouse() {
        chart(CandleInterval.M1);
        sendHistory(40);
        Ui.spinUntil("40 candles", () -> series.size() == 40, WAIT, () -> "size " + series.size());
        paint();
        int index = 25;
        int x = panel.canvas().xOf(index);
        int y = panel.canvas().yOf(125.5);
        panel.canvas().crosshairAt(x, y);
        paint();
        Candle c = series.candles().get(index);
        assertEquals(m1(25, "125", "127", "124", "126", "1.5", true), c);
        assertTrue(panel.canvas().readout().endsWith("O 125.0  H 127.0  L 124.0  C 126.0  V 1.5000"),
                panel.canvas().readout());
        assertEquals(125.5, panel.canvas().priceAt(y), (panel.canvas().priceAt(0) - panel.canvas().priceAt(1)) * 1.01);
        panel.canvas().crosshairAt(-1, -1);
        paint();
        assertTrue(panel.canvas().readout().endsWith("C 140.0  V 1.5000"), panel.canvas().readout());
    }

    @Test
    void secondsIntervalIsBuiltFromTradesWhenTheExchangeStreamsOnlyMinutes() {
        Instant now = Instant.now();
        Instant s0 = CandleInterval.S1.bucketStart(now).minusSeconds(3);
        fake.tradeHistory = List.of(trade("1", s0.plusMillis(100), "100.0", "0.5"), trade("2", s0.plusMillis(400), "101.5", "0.25"),
                trade("3", s0.plusMillis(900), "99.5", "1"), trade("4", s0.plusMillis(1200), "99.8", "2"));
        chart(CandleInterval.S1);
        assertEquals(CandleFeed.Mode.TRADES, feed.mode());
        Ui.spinUntil("candles from the trade history", () -> series.size() == 2, WAIT, () -> series.candles().toString());
        Candle first = series.candles().get(0);
        assertEquals(s0, first.start());
        assertEquals(new BigDecimal("100"), first.open());
        assertEquals(new BigDecimal("101.5"), first.high());
        assertEquals(new BigDecimal("99.5"), first.low());
        assertEquals(new BigDecimal("99.5"), first.close());
        assertEquals(new BigDecimal("1.75"), first.volume());
        assertEquals(3, first.trades());
        assertTrue(first.closed());
        // a live trade in the second bucket, and a repeat of one the history held (counted once)
        fake.trade(trade("4", s0.plusMillis(1200), "99.8", "2"));
        fake.trade(trade("5", s0.plusMillis(1500), "102.0", "0.5"));
        Ui.spinUntil("the live trade", () -> series.candles().get(1).trades() == 2, WAIT,
                () -> series.candles().toString());
        Candle second = series.candles().get(1);
        assertEquals(new BigDecimal("99.8"), second.open());
        assertEquals(new BigDecimal("102"), second.high());
        assertEquals(new BigDecimal("102"), second.close());
        assertEquals(new BigDecimal("2.5"), second.volume());
        assertTrue(feed.status().source().contains("built from trades"), feed.status().source());
    }

    @Test
    void fourHourCandlesAreSummedFromHourCandles() {
        fake.intervals = List.of(CandleInterval.M1, CandleInterval.H1);
        chart(CandleInterval.parse("4h"));
        assertEquals(CandleFeed.Mode.ROLLUP, feed.mode());
        assertEquals(CandleInterval.H1, fake.candleRequests.get(0).interval());
        Instant h0 = Instant.parse("2026-12-04T08:00:00Z");
        String[][] hours = { { "100", "104", "99", "103", "1" }, { "103", "108", "102", "107", "2" },
                { "107", "107", "95", "96", "3" }, { "96", "99", "96", "98", "4" }, { "98", "99", "97", "97.5", "0.5" } };
        for (int i = 0; i < hours.length; i++) {
            String[] h = hours[i];
            fake.candle(new Candle(FakeChartConnector.BTC, CandleInterval.H1, h0.plusSeconds(3600L * i),
                    new BigDecimal(h[0]), new BigDecimal(h[1]), new BigDecimal(h[2]), new BigDecimal(h[3]),
                    new BigDecimal(h[4]), 10, i < 4));
        }
        Ui.spinUntil("two 4h candles", () -> series.size() == 2 && series.newest().volume().compareTo(new BigDecimal("0.5")) == 0,
                WAIT, () -> series.candles().toString());
        Candle c = series.candles().get(0);
        assertEquals(new Candle(FakeChartConnector.BTC, CandleInterval.parse("4h"), h0, new BigDecimal("100"),
                new BigDecimal("108"), new BigDecimal("95"), new BigDecimal("98"), new BigDecimal("10"), 40, true), c);
        assertTrue(!series.newest().closed());
    }

    @Test
    void historyUnavailableIsSaidAndCandlesAreBuiltFromLiveTrades() {
        fake.intervals = List.of();
        fake.tradeHistory = null; // the fake's trade history then fails
        chart(CandleInterval.M1);
        Ui.spinUntil("the note", () -> panel.noteText().contains("Trade history unavailable"), WAIT, panel::noteText);
        fake.trade(trade("9", Instant.now(), "123.4", "0.1"));
        Ui.spinUntil("a candle from the live trade", () -> series.size() == 1, WAIT, () -> series.candles().toString());
        assertEquals(new BigDecimal("123.4"), series.newest().close());
    }

    @Test
    void ownOrdersExitsAndPositionAreLinesAtTheirPrices() throws Exception {
        chart(CandleInterval.M1);
        sendHistory(40);
        Ui.spinUntil("40 candles", () -> series.size() == 40, WAIT, () -> "size " + series.size());
        OrderRequest buy = OrderRequest.limit("c-1", FakeChartConnector.BTC, Side.BUY, new BigDecimal("0.5"),
                new BigDecimal("118.5")).withTakeProfit(ExitLeg.market(new BigDecimal("138"))).withStopLoss(
                        ExitLeg.market(new BigDecimal("112")));
        Order open = Order.pending(buy, "main", T0).withStatus(OrderStatus.OPEN, "", T0);
        OrderRequest stop = OrderRequest.stop("c-2", FakeChartConnector.BTC, Side.SELL, new BigDecimal("0.2"),
                new BigDecimal("110"));
        Order stopOrder = Order.pending(stop, "main", T0).withStatus(OrderStatus.OPEN, "", T0);
        Order cancelled = Order.pending(OrderRequest.limit("c-3", FakeChartConnector.BTC, Side.SELL,
                new BigDecimal("1"), new BigDecimal("150")), "main", T0).withStatus(OrderStatus.OPEN, "", T0)
                .withStatus(OrderStatus.CANCELLED, "by user", T0);
        Position pos = new Position(FakeChartConnector.BTC, PositionSide.LONG, new BigDecimal("0.3"),
                new BigDecimal("121.3"), new BigDecimal("139"), BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.TEN,
                new BigDecimal("109.2"), T0, "main", MarginMode.CROSS, null, false);
        fake.account(List.of(open, stopOrder, cancelled), List.of(pos));
        Ui.spinUntil("the lines", () -> panel.canvas().lines().size() == 7, WAIT, () -> panel.canvas().lines().toString());
        List<PriceLine> drawn = panel.canvas().lines();
        assertTrue(drawn.contains(new PriceLine(PriceLine.Kind.ENTRY, new BigDecimal("121.3"), "Long 0.3 entry")), drawn.toString());
        assertTrue(drawn.contains(new PriceLine(PriceLine.Kind.LIQUIDATION, new BigDecimal("109.2"), "Liquidation (long 0.3)")), drawn.toString());
        assertTrue(drawn.contains(new PriceLine(PriceLine.Kind.BUY_ORDER, new BigDecimal("118.5"), "Buy 0.5")), drawn.toString());
        assertTrue(drawn.contains(new PriceLine(PriceLine.Kind.TAKE_PROFIT, new BigDecimal("138"), "TP of buy 0.5")), drawn.toString());
        assertTrue(drawn.contains(new PriceLine(PriceLine.Kind.STOP_LOSS, new BigDecimal("112"), "SL of buy 0.5")), drawn.toString());
        assertTrue(drawn.contains(new PriceLine(PriceLine.Kind.TRIGGER, new BigDecimal("110"), "Sell stop 0.2 trigger")), drawn.toString());
        assertTrue(drawn.stream().noneMatch(l -> l.price().equals(new BigDecimal("150"))), "a cancelled order is not drawn");
        paint();
        // drawn where the price scale puts them
        double pricePerPixel = panel.canvas().priceAt(0) - panel.canvas().priceAt(1);
        assertEquals(118.5, panel.canvas().priceAt(panel.canvas().yOf(118.5)), pricePerPixel);
        Path file = Ui.screenshot(shell, "chart-lines-fake");
        System.out.println("Chart with lines: " + file.toAbsolutePath());

        // cancelled: its lines go, live
        fake.account(List.of(stopOrder), List.of(pos));
        Ui.spinUntil("the buy's lines gone", () -> panel.canvas().lines().size() == 4, WAIT,
                () -> panel.canvas().lines().toString());
    }
}
