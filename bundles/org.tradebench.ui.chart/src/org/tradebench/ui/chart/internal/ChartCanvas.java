package org.tradebench.ui.chart.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.tradebench.api.market.Candle;
import org.tradebench.ui.core.format.PriceFormat;
import org.tradebench.ui.core.format.SizeFormat;
import org.tradebench.ui.core.widgets.Palette;

/**
 * Paints candles, volume, price lines, axes and the crosshair of one {@link CandleSeries} on a
 * single double-buffered canvas. The visible candles are copied once per frame into primitive
 * buffers the canvas owns; nothing else is read while painting.
 *
 * <p>Mouse: drag to pan, wheel to zoom, hover for the crosshair and its OHLCV readout. Keys: Left /
 * Right pan one candle (Shift: ten), + / - zoom, End returns to the live candle. Panning left
 * near the oldest candle loaded asks for an older page ({@link #onNeedOlder(Runnable)}).
 *
 * <p>Display thread only.
 */
public final class ChartCanvas extends Canvas {

    /** Candles from the left edge to the oldest loaded at which an older page is asked for. */
    public static final int PAGE_AHEAD = 40;

    private static final int AXIS_WIDTH = 86;
    private static final int TIME_HEIGHT = 20;
    private static final int READOUT_HEIGHT = 20;
    private static final double MIN_BAR = 2;
    private static final double MAX_BAR = 60;
    // the chart's own line colours, light and dark theme (the shared ones come from the Palette)
    private static final Color ENTRY = new Color(30, 30, 160);
    private static final Color ENTRY_DARK = new Color(140, 150, 255);
    private static final Color LIQUIDATION = new Color(230, 110, 0);
    private static final Color TRIGGER = new Color(150, 80, 170);
    private static final Color TRIGGER_DARK = new Color(195, 140, 225);
    private static final Color EXIT_TP = new Color(0, 140, 140);
    private static final Color EXIT_TP_DARK = new Color(60, 200, 200);
    private static final Color EXIT_SL = new Color(170, 60, 120);
    private static final Color EXIT_SL_DARK = new Color(225, 110, 170);
    private static final Color WHITE = new Color(255, 255, 255);

    private Palette palette = Palette.current();

    private final CandleSeries.Frame frame = new CandleSeries.Frame();
    private CandleSeries series;
    private PriceFormat priceFormat = PriceFormat.withScale(2);
    private SizeFormat sizeFormat = SizeFormat.withScale(4);
    private String title = "";
    private List<PriceLine> lines = List.of();
    private String message = "";
    private Runnable needOlder = () -> {
    };

    private double barWidth = 8;
    private boolean followLive = true;
    private long anchorStart;
    private double panRemainder;
    private int dragX = -1;
    private int crossX = -1;
    private int crossY = -1;

    // geometry of the last paint, for the crosshair and the tests
    private int plotRight;
    private int priceTop;
    private int priceBottom;
    private int volumeTop;
    private int volumeBottom;
    private double lo;
    private double hi;
    private int rightIndex = -1;
    private int leftIndex;
    private int slots = 1;
    private double maxVolume;
    private String readout = "";

    /**
     * Creates an empty chart.
     *
     * @param parent the parent
     * @param style SWT style bits (double buffering is added)
     */
    public ChartCanvas(Composite parent, int style) {
        super(parent, style | SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        addListener(SWT.Paint, e -> paint(e.gc));
        addListener(SWT.MouseDown, e -> {
            setFocus();
            if (e.button == 1) {
                dragX = e.x;
            }
        });
        addListener(SWT.MouseUp, e -> dragX = -1);
        addListener(SWT.MouseMove, this::mouseMove);
        addListener(SWT.MouseExit, e -> crosshairAt(-1, -1));
        addListener(SWT.MouseVerticalWheel, e -> zoom(e.count > 0 ? 1 : -1));
        addListener(SWT.KeyDown, this::key);
        addListener(SWT.Traverse, e -> {
            if (e.detail == SWT.TRAVERSE_ARROW_NEXT || e.detail == SWT.TRAVERSE_ARROW_PREVIOUS) {
                e.doit = false; // arrows pan the chart
            }
        });
    }

    private void mouseMove(Event e) {
        if (dragX >= 0 && (e.stateMask & SWT.BUTTON1) != 0) {
            panRemainder += (e.x - dragX) / barWidth;
            dragX = e.x;
            int whole = (int) panRemainder;
            if (whole != 0) {
                panRemainder -= whole;
                pan(whole);
            }
        }
        crosshairAt(e.x, e.y);
    }

    private void key(Event e) {
        int step = (e.stateMask & SWT.SHIFT) != 0 ? 10 : 1;
        switch (e.keyCode) {
            case SWT.ARROW_LEFT -> pan(step);
            case SWT.ARROW_RIGHT -> pan(-step);
            case SWT.END -> goLive();
            case '+', '=', SWT.KEYPAD_ADD -> zoom(1);
            case '-', SWT.KEYPAD_SUBTRACT -> zoom(-1);
            default -> {
                // not ours
            }
        }
    }

    /**
     * Shows a series from now on, following the live candle.
     *
     * @param s the series, nullable for none
     * @param prices how prices are written
     * @param sizes how volumes are written
     * @param heading instrument and interval, written before the readout
     */
    public void setSeries(CandleSeries s, PriceFormat prices, SizeFormat sizes, String heading) {
        series = s;
        priceFormat = Objects.requireNonNull(prices, "prices");
        sizeFormat = Objects.requireNonNull(sizes, "sizes");
        title = Objects.requireNonNull(heading, "heading");
        followLive = true;
        panRemainder = 0;
        redraw();
    }

    /**
     * The text shown while there are no candles (what is loading, or why nothing can be).
     *
     * @param text the text
     */
    public void setMessage(String text) {
        message = Objects.requireNonNull(text, "text");
        redraw();
    }

    /**
     * The lines drawn across the chart.
     *
     * @param priceLines the lines
     */
    public void setLines(List<PriceLine> priceLines) {
        lines = List.copyOf(priceLines);
        redraw();
    }

    /** @return the lines drawn */
    public List<PriceLine> lines() {
        return lines;
    }

    /**
     * Called (on the display thread) when the view nears the oldest candle loaded.
     *
     * @param callback the callback
     */
    public void onNeedOlder(Runnable callback) {
        needOlder = Objects.requireNonNull(callback, "callback");
    }

    /**
     * Moves the view by whole candles.
     *
     * @param candles positive towards older candles, negative towards the live one
     */
    public void pan(int candles) {
        CandleSeries s = series;
        if (s == null || s.size() == 0) {
            return;
        }
        int total = s.size();
        int right = followLive ? total - 1 : Math.max(0, s.indexAtOrBefore(anchorStart));
        int next = Math.min(total - 1, Math.max(Math.min(total - 1, 3), right - candles));
        if (next >= total - 1) {
            followLive = true;
        } else {
            followLive = false;
            anchorStart = s.candle(next).start().toEpochMilli();
        }
        redraw();
    }

    /** Returns to the newest candle and follows it again. */
    public void goLive() {
        followLive = true;
        redraw();
    }

    /**
     * Zooms around the right edge.
     *
     * @param steps positive to zoom in (wider candles), negative to zoom out
     */
    public void zoom(int steps) {
        double w = barWidth * Math.pow(1.25, steps);
        barWidth = Math.max(MIN_BAR, Math.min(MAX_BAR, w));
        redraw();
    }

    /** @return the width of one candle slot in pixels */
    public double barWidth() {
        return barWidth;
    }

    /** @return whether the newest candle is at the right edge and stays there */
    public boolean isFollowingLive() {
        return followLive;
    }

    /**
     * Puts the crosshair at a point (as the mouse does), or removes it.
     *
     * @param x x in the canvas, -1 for none
     * @param y y in the canvas
     */
    public void crosshairAt(int x, int y) {
        if (x != crossX || y != crossY) {
            crossX = x;
            crossY = y;
            redraw();
        }
    }

    /** @return the OHLCV text of the candle under the crosshair (the newest one without), empty without candles */
    public String readout() {
        int n = computeView();
        return n == 0 ? "" : readoutNow(series, frame.total);
    }

    /** @return [oldest, newest] index of the visible candles, or [0, -1] for none */
    public int[] visibleRange() {
        computeView();
        return new int[] { leftIndex, rightIndex };
    }

    /**
     * The y of a price in the last painted scale.
     *
     * @param price the price
     * @return y in the canvas
     */
    public int yOf(double price) {
        computeView();
        return yAt(price);
    }

    private int yAt(double price) {
        if (hi <= lo) {
            return priceBottom;
        }
        return priceBottom - (int) Math.round((price - lo) / (hi - lo) * (priceBottom - priceTop));
    }

    /**
     * The price at a y in the last painted scale.
     *
     * @param y y in the canvas
     * @return the price
     */
    public double priceAt(int y) {
        computeView();
        return priceAtY(y);
    }

    private double priceAtY(int y) {
        return lo + (priceBottom - y) / (double) Math.max(1, priceBottom - priceTop) * (hi - lo);
    }

    /**
     * The x of a candle's centre in the last painted view.
     *
     * @param index the candle's index in the series
     * @return x in the canvas
     */
    public int xOf(int index) {
        computeView();
        return xAt(index);
    }

    private int xAt(int index) {
        return plotRight - (int) Math.round((rightIndex - index) * barWidth + barWidth / 2);
    }

    /**
     * Computes the view from the current state: plot geometry, the visible range (copied into the
     * frame buffer) and the price scale. Paint and the queries share it.
     *
     * @return the number of visible candles, 0 when there is nothing to draw
     */
    private int computeView() {
        Rectangle area = getClientArea();
        CandleSeries s = series;
        int total = s == null ? 0 : s.size();
        if (total == 0) {
            rightIndex = -1;
            leftIndex = 0;
            return 0;
        }
        plotRight = Math.max(10, area.width - AXIS_WIDTH);
        int plotBottom = Math.max(READOUT_HEIGHT + 40, area.height - TIME_HEIGHT);
        int plotHeight = plotBottom - READOUT_HEIGHT;
        volumeBottom = plotBottom - 2;
        volumeTop = plotBottom - Math.max(20, plotHeight / 5);
        priceTop = READOUT_HEIGHT + 6;
        priceBottom = volumeTop - 6;
        slots = Math.max(1, (int) (plotRight / barWidth) + 1);
        rightIndex = followLive ? total - 1 : Math.max(0, s.indexAtOrBefore(anchorStart));
        leftIndex = Math.max(0, rightIndex - slots + 1);
        int n = s.copy(leftIndex, rightIndex - leftIndex + 1, frame);
        if (n == 0) {
            rightIndex = -1;
            return 0;
        }
        rightIndex = leftIndex + n - 1;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        double vmax = 0;
        for (int k = 0; k < n; k++) {
            min = Math.min(min, frame.low[k]);
            max = Math.max(max, frame.high[k]);
            vmax = Math.max(vmax, frame.volume[k]);
        }
        maxVolume = vmax;
        double pad = (max - min) * 0.06;
        if (pad <= 0) {
            pad = Math.max(Math.abs(max) * 0.001, 1e-9);
        }
        lo = min - pad;
        hi = max + pad;
        return n;
    }

    private void paint(GC gc) {
        palette = Palette.current();
        Rectangle area = getClientArea();
        gc.setBackground(palette.background());
        gc.fillRectangle(area);
        gc.setAntialias(SWT.OFF);
        int n = computeView();
        if (n == 0) {
            readout = "";
            gc.setForeground(palette.muted());
            Point p = gc.textExtent(message);
            gc.drawText(message, Math.max(4, (area.width - p.x) / 2), Math.max(4, area.height / 2 - p.y), true);
            return;
        }
        CandleSeries s = series;
        int total = frame.total;
        int plotBottom = volumeBottom + 2;
        if (rightIndex - slots + 1 < PAGE_AHEAD) {
            getDisplay().asyncExec(() -> {
                if (!isDisposed()) {
                    needOlder.run();
                }
            });
        }

        gc.setFont(getFont());
        int textHeight = gc.getFontMetrics().getHeight();
        paintPriceGrid(gc, area, textHeight);
        paintTimeAxis(gc, n, plotBottom);

        // volume, then candles
        int body = Math.max(1, (int) Math.round(barWidth * 0.7));
        if (body > 2 && body % 2 == 0) {
            body--;
        }
        for (int k = 0; k < n; k++) {
            int x = xAt(leftIndex + k);
            boolean up = frame.close[k] >= frame.open[k];
            if (maxVolume > 0) {
                int vh = (int) Math.round(frame.volume[k] / maxVolume * (volumeBottom - volumeTop));
                gc.setBackground(up ? palette.bidBar() : palette.askBar());
                gc.fillRectangle(x - body / 2, volumeBottom - vh, body, vh);
            }
            Color c = palette.side(up);
            gc.setForeground(c);
            gc.setBackground(c);
            int yh = yAt(frame.high[k]);
            int yl = yAt(frame.low[k]);
            gc.drawLine(x, yh, x, yl);
            int yo = yAt(frame.open[k]);
            int yc = yAt(frame.close[k]);
            int top = Math.min(yo, yc);
            int h = Math.max(1, Math.abs(yo - yc));
            gc.fillRectangle(x - body / 2, top, body, h);
        }
        gc.setForeground(palette.grid());
        gc.drawLine(0, volumeTop - 3, plotRight, volumeTop - 3);

        paintLines(gc, textHeight);
        paintCrosshair(gc, area, plotBottom, textHeight, total);

        readout = readoutNow(s, total);
        gc.setForeground(palette.foreground());
        gc.drawText(title + "   " + readout, 6, 3, true);
        gc.setForeground(palette.grid());
        gc.drawLine(plotRight, 0, plotRight, plotBottom);
    }

    private String readoutNow(CandleSeries s, int total) {
        int at = crossX >= 0 && crossX < plotRight ? indexAtX(crossX) : total - 1;
        Candle c = s.candle(Math.max(0, Math.min(total - 1, at)));
        return c == null ? "" : readout(c);
    }

    private int indexAtX(int x) {
        return rightIndex - (int) Math.floor((plotRight - x) / barWidth);
    }

    /**
     * The readout of one candle.
     *
     * @param c the candle
     * @return for example {@code "20:31  O 65,000.0  H 65,010.5  L 64,990.0  C 65,002.1  V 1.2500  open"}
     */
    public String readout(Candle c) {
        return timeText(c.start(), true) + "  O " + priceFormat.format(c.open()) + "  H " + priceFormat.format(c.high())
                + "  L " + priceFormat.format(c.low()) + "  C " + priceFormat.format(c.close()) + "  V "
                + sizeFormat.format(c.volume()) + (c.closed() ? "" : "  (forming)");
    }

    private void paintPriceGrid(GC gc, Rectangle area, int textHeight) {
        double range = hi - lo;
        int wanted = Math.max(2, (priceBottom - priceTop) / 50);
        double step = niceStep(range / wanted);
        double first = Math.ceil(lo / step) * step;
        for (double p = first; p <= hi; p += step) {
            int y = yAt(p);
            gc.setForeground(palette.grid());
            gc.drawLine(0, y, plotRight, y);
            gc.setForeground(palette.muted());
            gc.drawText(priceFormat.format(BigDecimal.valueOf(p)), plotRight + 6, y - textHeight / 2, true);
        }
    }

    private static double niceStep(double raw) {
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        return nice * mag;
    }

    private void paintTimeAxis(GC gc, int n, int plotBottom) {
        gc.setForeground(palette.grid());
        gc.drawLine(0, plotBottom, area().width, plotBottom);
        int every = Math.max(1, (int) Math.ceil(110 / barWidth));
        long step = frame.starts.length > 0 && series != null ? series.interval().millis() * every : 1;
        for (int k = 0; k < n; k++) {
            long t = frame.starts[k];
            if (Math.floorMod(t, step) != 0) {
                continue;
            }
            int x = xAt(leftIndex + k);
            gc.setForeground(palette.grid());
            gc.drawLine(x, priceTop, x, plotBottom);
            gc.setForeground(palette.muted());
            String text = timeText(Instant.ofEpochMilli(t), false);
            int w = gc.textExtent(text).x;
            // the crosshair's own time label (about twice as wide) takes precedence
            boolean underCrosshair = crossX >= 0 && crossX < plotRight
                    && Math.abs(x - xAt(indexAtX(crossX))) < w + 4;
            if (x - w / 2 > 0 && x + w / 2 < plotRight && !underCrosshair) {
                gc.drawText(text, x - w / 2, plotBottom + 3, true);
            }
        }
    }

    private Rectangle area() {
        return getClientArea();
    }

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_MINUTES = DateTimeFormatter.ofPattern("MM-dd HH:mm");
    private static final DateTimeFormatter DAYS = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private String timeText(Instant t, boolean full) {
        long ms = series == null ? 60_000 : series.interval().millis();
        DateTimeFormatter f = ms < 60_000 ? SECONDS : ms >= 86_400_000L ? DAYS : full || ms >= 3_600_000L ? DAY_MINUTES : MINUTES;
        return f.format(t.atZone(ZoneId.systemDefault()));
    }

    private void paintLines(GC gc, int textHeight) {
        List<PriceLine> drawn = lines;
        int n = drawn.size();
        if (n == 0) {
            return;
        }
        // where each line is, and where its label goes: labels (left) and price tags (axis) are
        // pushed apart so lines at nearby prices stay readable
        int[] lineY = new int[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            double p = drawn.get(i).price().doubleValue();
            lineY[i] = p > hi ? priceTop : p < lo ? priceBottom : yAt(p);
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(lineY[a], lineY[b]));
        int[] labelY = new int[n];
        int gap = textHeight + 3;
        int previous = Integer.MIN_VALUE / 2;
        for (Integer i : order) {
            labelY[i] = Math.max(lineY[i], previous + gap);
            previous = labelY[i];
        }
        int overflow = previous - (volumeTop - gap / 2);
        if (overflow > 0) {
            int next = Integer.MAX_VALUE / 2;
            for (int k = n - 1; k >= 0; k--) {
                int i = order[k];
                labelY[i] = Math.min(labelY[i], next - gap);
                labelY[i] = Math.min(labelY[i], volumeTop - gap / 2);
                next = labelY[i];
            }
        }
        for (int i = 0; i < n; i++) {
            PriceLine l = drawn.get(i);
            double p = l.price().doubleValue();
            boolean above = p > hi;
            boolean below = p < lo;
            Color c = color(l);
            gc.setForeground(c);
            if (!above && !below) {
                gc.setLineStyle(l.kind() == PriceLine.Kind.LAST ? SWT.LINE_DOT : SWT.LINE_DASH);
                gc.drawLine(0, lineY[i], plotRight, lineY[i]);
                gc.setLineStyle(SWT.LINE_SOLID);
            }
            int y = labelY[i];
            String text = (above ? "\u2191 " : below ? "\u2193 " : "") + l.label() + "  " + priceFormat.format(l.price());
            Point e = gc.textExtent(text);
            int x = 6;
            gc.setBackground(palette.background());
            gc.fillRectangle(x - 3, y - textHeight / 2 - 1, e.x + 6, textHeight + 2);
            gc.drawRectangle(x - 3, y - textHeight / 2 - 1, e.x + 6, textHeight + 2);
            gc.drawText(text, x, y - textHeight / 2, true);
            // the price on the axis
            gc.setBackground(c);
            gc.fillRectangle(plotRight + 1, y - textHeight / 2 - 1, AXIS_WIDTH - 1, textHeight + 2);
            gc.setForeground(tagText());
            gc.drawText(priceFormat.format(l.price()), plotRight + 6, y - textHeight / 2, true);
        }
    }

    private Color color(PriceLine l) {
        boolean dark = palette.dark();
        return switch (l.kind()) {
            case LAST -> palette.accent();
            case BUY_ORDER -> palette.bid();
            case SELL_ORDER -> palette.ask();
            case TRIGGER -> dark ? TRIGGER_DARK : TRIGGER;
            case TAKE_PROFIT -> dark ? EXIT_TP_DARK : EXIT_TP;
            case STOP_LOSS -> dark ? EXIT_SL_DARK : EXIT_SL;
            case ENTRY -> dark ? ENTRY_DARK : ENTRY;
            case LIQUIDATION -> LIQUIDATION;
        };
    }

    /** Text on a coloured tag (axis prices, crosshair labels): white on light, the background on dark. */
    private Color tagText() {
        return palette.dark() ? palette.background() : WHITE;
    }

    private void paintCrosshair(GC gc, Rectangle area, int plotBottom, int textHeight, int total) {
        if (crossX < 0 || crossX >= plotRight || crossY < READOUT_HEIGHT || crossY > plotBottom) {
            return;
        }
        int index = Math.max(0, Math.min(total - 1, indexAtX(crossX)));
        int x = xAt(index);
        gc.setForeground(palette.crosshair());
        gc.setLineStyle(SWT.LINE_DOT);
        gc.drawLine(x, READOUT_HEIGHT, x, plotBottom);
        gc.drawLine(0, crossY, plotRight, crossY);
        gc.setLineStyle(SWT.LINE_SOLID);
        if (crossY >= priceTop && crossY <= priceBottom) {
            String p = priceFormat.format(BigDecimal.valueOf(priceAtY(crossY)));
            gc.setBackground(palette.crosshair());
            gc.fillRectangle(plotRight + 1, crossY - textHeight / 2 - 1, AXIS_WIDTH - 1, textHeight + 2);
            gc.setForeground(tagText());
            gc.drawText(p, plotRight + 6, crossY - textHeight / 2, true);
        }
        Candle c = series.candle(index);
        if (c != null) {
            String t = timeText(c.start(), true);
            Point e = gc.textExtent(t);
            gc.setBackground(palette.crosshair());
            gc.fillRectangle(x - e.x / 2 - 3, plotBottom + 1, e.x + 6, TIME_HEIGHT - 1);
            gc.setForeground(tagText());
            gc.drawText(t, x - e.x / 2, plotBottom + 3, true);
        }
    }
}
