package org.tradebench.ui.heatmap.internal;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.tradebench.ui.core.format.ClockFormat;
import org.tradebench.ui.core.format.PriceFormat;
import org.tradebench.ui.core.format.SizeFormat;
import org.tradebench.ui.core.widgets.TradeColors;

/**
 * Paints a {@link HeatmapModel}: time on x (newest right), price on y, each cell's brightness the
 * log of its resting size relative to the largest visible one (bids teal, asks orange), the best
 * bid and ask over time, trades as circles sized by quantity and coloured by taker side, gaps
 * hatched. Follows the price (re-centres when it leaves the middle half), zooms the price with the
 * wheel, pans by dragging (a double click follows again) and reads out the cell under the mouse.
 *
 * <p>Display thread only. The cells are written into one reused pixel buffer per frame; paint
 * time is counted in {@link #paintNanos()} for the load benchmark.
 */
public final class HeatmapCanvas extends Canvas {

    /** Background: dark in either theme, as heatmaps are. */
    static final int BG = 0x14161c;
    private static final int LEVELS = 64;
    private static final int AXIS_W = 84;
    private static final int AXIS_H = 20;
    private static final int LEGEND_W = 120;
    private static final double DECADES = 3;

    private final int[] bidRamp = ramp(0x00c8a0);
    private final int[] askRamp = ramp(0xff7030);
    private final Color background = new Color(BG >> 16, (BG >> 8) & 0xff, BG & 0xff);
    private final Color axisText = new Color(200, 204, 212);
    private final Color gridLine = new Color(48, 52, 62);
    private final Color bestBid = new Color(0, 230, 170);
    private final Color bestAsk = new Color(255, 140, 60);
    private final AtomicLong paintNanos = new AtomicLong();
    private final AtomicLong paints = new AtomicLong();

    private HeatmapModel model;
    private PriceFormat priceFormat = PriceFormat.withScale(2);
    private SizeFormat sizeFormat;
    private long rowUnits = 1;
    private int rowPx = 6;
    private long centre = -1;
    private boolean follow = true;
    private Point hover;
    private Point dragFrom;
    private long dragCentre;
    private String message;

    // the cells drawn so far, and what they were drawn for
    private Image cells;
    private GC cellsGc;
    private HeatmapModel cellsModel;
    private int cellsW;
    private int cellsH;
    private long cellsTop;
    private int cellsRowPx;
    private long cellsRowUnits;
    private double cellsLogMax;
    private long cellsWindow;
    private long cellsNewest;
    private long fullRenders;
    private long cellPixels;

    // per frame, reused
    private int[] circleX = new int[0];
    private int[] circleY = new int[0];
    private long[] circleQty = new long[0];
    private boolean[] circleBuy = new boolean[0];
    private int circles;
    private int bucketStart;
    private ImageData frame;
    private double[] rowSize = new double[0];
    private boolean[] rowAsk = new boolean[0];
    private String readout;
    private int[] line = new int[0];
    private Image legend;

    /**
     * Makes the canvas.
     *
     * @param parent the parent
     */
    public HeatmapCanvas(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        addPaintListener(e -> {
            long t0 = System.nanoTime();
            paint(e.gc);
            paintNanos.addAndGet(System.nanoTime() - t0);
            paints.incrementAndGet();
        });
        addDisposeListener(e -> {
            background.dispose();
            axisText.dispose();
            gridLine.dispose();
            bestBid.dispose();
            bestAsk.dispose();
            if (legend != null) {
                legend.dispose();
            }
            if (cellsGc != null) {
                cellsGc.dispose();
            }
            if (cells != null) {
                cells.dispose();
            }
        });
        addListener(SWT.MouseWheel, e -> {
            rowPx = Math.max(1, Math.min(40, e.count > 0 ? rowPx + 1 + rowPx / 4 : rowPx - 1 - rowPx / 5));
            redraw();
        });
        addListener(SWT.MouseDown, e -> {
            dragFrom = new Point(e.x, e.y);
            dragCentre = centre;
        });
        addListener(SWT.MouseUp, e -> dragFrom = null);
        addListener(SWT.MouseDoubleClick, e -> {
            follow = true;
            redraw();
        });
        addListener(SWT.MouseMove, e -> {
            hover = new Point(e.x, e.y);
            if (dragFrom != null && centre >= 0) {
                follow = false;
                centre = dragCentre + (long) (e.y - dragFrom.y) / Math.max(1, rowPx) * rowUnits;
            }
            redraw();
        });
        addListener(SWT.MouseExit, e -> {
            hover = null;
            redraw();
        });
    }

    /**
     * Shows a model (or none).
     *
     * @param model the model, nullable
     * @param tickUnits the price bucket in the model's price units (the tick)
     * @param prices the instrument's price format
     * @param sizes the instrument's size format
     */
    public void setModel(HeatmapModel model, long tickUnits, PriceFormat prices, SizeFormat sizes) {
        this.model = model;
        this.rowUnits = Math.max(1, tickUnits);
        this.priceFormat = prices;
        this.sizeFormat = sizes;
        this.centre = -1;
        this.follow = true;
        redraw();
    }

    /**
     * A text shown instead of (or over) the map, nullable for none.
     *
     * @param text the text
     */
    public void setMessage(String text) {
        message = text;
        redraw();
    }

    /** @return the message shown, or null */
    public String message() {
        return message;
    }

    /** @return total nanoseconds spent painting (for the load benchmark) */
    public long paintNanos() {
        return paintNanos.get();
    }

    /** @return frames painted */
    public long paints() {
        return paints.get();
    }

    /** @return the price at the vertical centre, in units, or -1 before the first book */
    public long centre() {
        return centre;
    }

    /** @return the hover readout (time, price, resting size), or null */
    public String readout() {
        return readout;
    }

    /** @return whether the view re-centres on the price by itself */
    public boolean isFollowing() {
        return follow;
    }

    private static int[] ramp(int rgb) {
        int[] out = new int[LEVELS];
        for (int i = 0; i < LEVELS; i++) {
            double f = 0.12 + 0.88 * i / (LEVELS - 1.0);
            int r = mix(BG >> 16, rgb >> 16, f);
            int g = mix((BG >> 8) & 0xff, (rgb >> 8) & 0xff, f);
            int b = mix(BG & 0xff, rgb & 0xff, f);
            // the largest sizes burn towards white, as in Bookmap
            double w = Math.max(0, (f - 0.8) / 0.2) * 0.6;
            out[i] = (mix(r, 255, w) << 16) | (mix(g, 255, w) << 8) | mix(b, 255, w);
        }
        return out;
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }

    private void paint(GC gc) {
        Rectangle area = getClientArea();
        gc.setBackground(background);
        gc.fillRectangle(area);
        readout = null;
        int plotW = area.width - AXIS_W;
        int plotH = area.height - AXIS_H;
        HeatmapModel m = model;
        if (m == null || plotW < 20 || plotH < 20) {
            drawMessage(gc, area);
            return;
        }
        int rows = Math.max(1, plotH / rowPx + 1);
        if (rowSize.length < rows) {
            rowSize = new double[rows];
            rowAsk = new boolean[rows];
        }
        int n = m.columns();
        if (n == 0) {
            drawMessage(gc, area);
            return;
        }
        long newest = m.time(n - 1);
        long window = m.capacity() * m.intervalMillis();
        double pxPerMs = plotW / (double) window;
        followPrice(m, n, rows);
        if (centre < 0) {
            drawMessage(gc, area);
            return;
        }
        long top = centre + (rows / 2) * rowUnits; // price of row 0
        // pass 1: the largest visible size, for the scale
        double[] maxSize = {0};
        m.forEachColumn((i, t, gap, px, sz, bids, asks) -> {
            for (int k = 0; k < bids + asks; k++) {
                long row = (top - px[k]) / rowUnits;
                if (row >= 0 && row < rows) {
                    maxSize[0] = Math.max(maxSize[0], sz[k]);
                }
            }
        });
        // the colour scale moves in quarter decades, so that the columns drawn before stay valid
        double logMax = Math.ceil(Math.log10(Math.max(1, maxSize[0])) * 4) / 4;
        int colW = Math.max(1, (int) Math.ceil(m.intervalMillis() * pxPerMs));
        int from = cellsValidFrom(m, plotW, plotH, rows, top, logMax, window, newest, pxPerMs, colW);
        renderCells(m, from, plotW, plotH, rows, top, logMax, newest, pxPerMs, colW);
        gc.drawImage(cells, 0, 0);
        gc.setAntialias(SWT.ON);
        gc.setClipping(0, 0, plotW, plotH);
        drawBestLines(gc, m, newest, pxPerMs, plotW, top);
        drawTrades(gc, m, newest, pxPerMs, plotW, top);
        gc.setClipping((Rectangle) null);
        gc.setAntialias(SWT.DEFAULT);
        drawPriceAxis(gc, plotW, plotH, rows, top, maxSize[0]);
        drawTimeAxis(gc, plotW, plotH, newest, window, pxPerMs);
        drawHover(gc, m, plotW, plotH, newest, pxPerMs, top);
        if (message != null) {
            drawMessage(gc, new Rectangle(0, 0, plotW, plotH));
        }
    }

    /** Re-centres on the latest mid when it leaves the middle half of the rows. */
    private void followPrice(HeatmapModel m, int n, int rows) {
        long mid = -1;
        for (int i = n - 1; i >= 0 && mid < 0; i--) {
            long b = m.best(i, org.tradebench.api.market.Side.BUY);
            long a = m.best(i, org.tradebench.api.market.Side.SELL);
            mid = b > 0 && a > 0 ? (a + b) / 2 : Math.max(a, b);
        }
        if (mid < 0) {
            return;
        }
        long band = Math.max(1, rows / 4) * rowUnits;
        if (centre < 0 || (follow && Math.abs(mid - centre) > band)) {
            centre = mid - Math.floorMod(mid, rowUnits);
        }
    }

    /**
     * Keeps the cells drawn in earlier frames: when only time moved on (same size, rows, price
     * window, colour scale and time window), the image is shifted left by the time elapsed and only
     * the columns from the returned x on are drawn again (the newest ones, and the one before that
     * may still have changed). Otherwise everything is drawn again (x 0).
     */
    private int cellsValidFrom(HeatmapModel m, int plotW, int plotH, int rows, long top, double logMax, long window,
            long newest, double pxPerMs, int colW) {
        boolean same = cells != null && !cells.isDisposed() && cellsModel == m && cellsW == plotW && cellsH == plotH
                && cellsTop == top && cellsRowPx == rowPx && cellsRowUnits == rowUnits && cellsLogMax == logMax
                && cellsWindow == window && newest >= cellsNewest;
        if (cells == null || cells.isDisposed() || cellsW != plotW || cellsH != plotH) {
            if (cellsGc != null) {
                cellsGc.dispose();
            }
            if (cells != null) {
                cells.dispose();
            }
            cells = new Image(getDisplay(), plotW, plotH);
            cellsGc = new GC(cells);
        }
        int dx = same ? (int) Math.round((newest - cellsNewest) * pxPerMs) : plotW;
        cellsModel = m;
        cellsW = plotW;
        cellsH = plotH;
        cellsTop = top;
        cellsRowPx = rowPx;
        cellsRowUnits = rowUnits;
        cellsLogMax = logMax;
        cellsWindow = window;
        if (dx >= plotW - 2 * colW) {
            cellsNewest = newest;
            fullRenders++;
            return 0;
        }
        if (dx > 0) {
            cellsGc.copyArea(dx, 0, plotW - dx, plotH, 0, 0);
            // advance by the whole pixels shifted, so that rounding never accumulates
            cellsNewest += Math.round(dx / pxPerMs);
        }
        return Math.max(0, plotW - dx - 2 * colW);
    }

    /** Draws the columns that reach into [from, plotW) into the cells image. */
    private void renderCells(HeatmapModel m, int from, int plotW, int plotH, int rows, long top, double logMax,
            long newest, double pxPerMs, int colW) {
        int stripW = plotW - from;
        if (stripW <= 0) {
            return;
        }
        if (frame == null || frame.width != stripW || frame.height != plotH) {
            frame = new ImageData(stripW, plotH, 24, new PaletteData(0xff0000, 0xff00, 0xff));
        }
        fill(frame, BG);
        ImageData strip = frame;
        m.forEachColumn((i, t, gap, px, sz, bids, asks) -> {
            int x1 = plotW - (int) Math.round((newest - t) * pxPerMs);
            int x0 = x1 - colW;
            if (x1 <= from) {
                return;
            }
            int sx0 = Math.max(0, x0 - from);
            int sx1 = Math.min(stripW, x1 - from);
            if (gap) {
                hatch(strip, sx0, sx1, plotH);
                return;
            }
            java.util.Arrays.fill(rowSize, 0, rows, 0);
            for (int k = 0; k < bids + asks; k++) {
                long row = (top - px[k]) / rowUnits;
                if (px[k] <= top && row < rows) {
                    rowSize[(int) row] += sz[k];
                    rowAsk[(int) row] = k >= bids;
                }
            }
            for (int r = 0; r < rows; r++) {
                if (rowSize[r] > 0) {
                    // log scale over the decades below the largest visible size: a wall stands out
                    // from the background liquidity instead of everything being equally bright
                    double f = (Math.log10(rowSize[r]) - logMax + DECADES) / DECADES;
                    int level = (int) Math.max(0, Math.min(LEVELS - 1, f * (LEVELS - 1)));
                    int rgb = (rowAsk[r] ? askRamp : bidRamp)[level];
                    rect(strip, sx0, sx1, r * rowPx, Math.min(plotH, r * rowPx + rowPx), rgb);
                }
            }
        });
        Image image = new Image(getDisplay(), strip);
        try {
            cellsGc.drawImage(image, from, 0);
        } finally {
            image.dispose();
        }
        cellPixels += (long) stripW * plotH;
    }

    /** Draws every cell again at the next paint (tests: compare with the shifted image). */
    void invalidateCells() {
        cellsModel = null;
        redraw();
    }

    /** @return frames whose cells were all drawn again (not shifted), for the load benchmark */
    public long fullRenders() {
        return fullRenders;
    }

    /** @return cell pixels drawn so far (for the load benchmark and tests) */
    public long cellPixels() {
        return cellPixels;
    }

    private void drawBestLines(GC gc, HeatmapModel m, long newest, double pxPerMs, int plotW, long top) {
        gc.setLineWidth(2);
        int n = m.columns();
        if (line.length < 4 * n) {
            line = new int[4 * n];
        }
        for (org.tradebench.api.market.Side side : org.tradebench.api.market.Side.values()) {
            gc.setForeground(side == org.tradebench.api.market.Side.BUY ? bestBid : bestAsk);
            int k = 0;
            for (int i = 0; i < n; i++) {
                long p = m.best(i, side);
                if (p < 0) {
                    k = flushLine(gc, k); // a gap breaks the line: never interpolated
                    continue;
                }
                int x = plotW - (int) Math.round((newest - m.time(i)) * pxPerMs);
                int y = yOf(p, top);
                if (k > 0) {
                    int previousY = line[k - 1];
                    line[k++] = x; // a step: along at the old price, then to the new one
                    line[k++] = previousY;
                }
                line[k++] = x;
                line[k++] = y;
            }
            flushLine(gc, k);
        }
        gc.setLineWidth(1);
    }

    /** Draws the polyline collected so far (one call for a whole stretch) and starts a new one. */
    private int flushLine(GC gc, int k) {
        if (k >= 4) {
            gc.drawPolyline(k == line.length ? line : java.util.Arrays.copyOf(line, k));
        }
        return 0;
    }

    private int yOf(long price, long top) {
        return (int) ((top - price) * rowPx / rowUnits) + rowPx / 2;
    }

    /**
     * Trades as circles: the trades of one column at one price row and side are one circle of their
     * summed quantity (a busy market trades thousands of times a column; one circle each would cost
     * the display thread more than the whole map).
     */
    private void drawTrades(GC gc, HeatmapModel m, long newest, double pxPerMs, int plotW, long top) {
        long oldest = m.columns() > 0 ? m.time(0) - m.intervalMillis() : newest;
        long interval = Math.max(1, m.intervalMillis());
        circles = 0;
        long[] bucket = {Long.MIN_VALUE};
        m.forEachTrade((t, p, q, buy) -> {
            if (t < oldest) {
                return;
            }
            long b = Math.floorDiv(t, interval);
            if (b != bucket[0]) {
                bucket[0] = b;
                bucketStart = circles;
            }
            int x = plotW - (int) Math.round((newest - (b * interval + interval / 2)) * pxPerMs);
            int y = yOf(p, top);
            for (int i = bucketStart; i < circles; i++) {
                if (circleY[i] == y && circleBuy[i] == buy) {
                    circleQty[i] += q;
                    return;
                }
            }
            if (circles == circleX.length) {
                int n = Math.max(64, circles * 2);
                circleX = java.util.Arrays.copyOf(circleX, n);
                circleY = java.util.Arrays.copyOf(circleY, n);
                circleQty = java.util.Arrays.copyOf(circleQty, n);
                circleBuy = java.util.Arrays.copyOf(circleBuy, n);
            }
            circleX[circles] = x;
            circleY[circles] = y;
            circleQty[circles] = q;
            circleBuy[circles] = buy;
            circles++;
        });
        long maxQty = 1;
        for (int i = 0; i < circles; i++) {
            maxQty = Math.max(maxQty, circleQty[i]);
        }
        for (int i = 0; i < circles; i++) {
            int r = 3 + (int) Math.round(11 * Math.sqrt(circleQty[i] / (double) maxQty));
            int x = circleX[i];
            int y = circleY[i];
            if (x + r < 0 || x - r > plotW || y + r < 0 || y - r > getClientArea().height) {
                continue;
            }
            // the bright green and red: the ladder's dark BID/ASK would vanish in the teal cells
            gc.setBackground(circleBuy[i] ? TradeColors.STATE_LIVE : TradeColors.STATE_FAILED);
            gc.fillOval(x - r, y - r, 2 * r, 2 * r);
            gc.setForeground(axisText);
            gc.drawOval(x - r, y - r, 2 * r, 2 * r);
        }
    }

    /** @return the trade circles drawn in the last frame (tests) */
    public int tradeCircles() {
        return circles;
    }

    private void drawPriceAxis(GC gc, int plotW, int plotH, int rows, long top, double maxSize) {
        gc.setForeground(axisText);
        gc.setBackground(background);
        int lineH = gc.getFontMetrics().getHeight();
        int every = Math.max(1, (lineH + 6) / rowPx);
        // label rows on round multiples so the labels do not jump as the centre moves
        long step = every * rowUnits;
        for (int r = 0; r < rows; r++) {
            long price = top - r * rowUnits;
            if (Math.floorMod(price, step) != 0) {
                continue;
            }
            int y = r * rowPx + rowPx / 2;
            if (y - lineH / 2 < 0 || y + lineH / 2 > plotH) {
                continue;
            }
            gc.setForeground(gridLine);
            gc.drawLine(plotW, y, plotW + 4, y);
            gc.setForeground(axisText);
            gc.drawString(priceFormat.formatUnits(price), plotW + 6, y - lineH / 2, true);
        }
        drawLegend(gc, maxSize, lineH);
    }

    /** The colour scale, top left over the map: bids above asks, smallest left, largest right. */
    private void drawLegend(GC gc, double maxSize, int lineH) {
        if (maxSize <= 0 || sizeFormat == null) {
            return;
        }
        String low = sizeFormat.formatUnits((long) (maxSize / Math.pow(10, DECADES)));
        String high = sizeFormat.formatUnits((long) maxSize);
        String title = "resting size (log)";
        int x = 8;
        int y = 6;
        int w = gc.textExtent(title).x + 8 + gc.textExtent(low).x + 6 + LEGEND_W + 6 + gc.textExtent(high).x;
        gc.setBackground(background);
        gc.fillRectangle(x - 4, y - 3, w + 8, lineH + 6);
        gc.setForeground(axisText);
        gc.drawString(title, x, y, true);
        x += gc.textExtent(title).x + 8;
        gc.drawString(low, x, y, true);
        x += gc.textExtent(low).x + 6;
        gc.drawImage(legendImage(lineH), x, y);
        x += LEGEND_W + 6;
        gc.setForeground(axisText);
        gc.drawString(high, x, y, true);
    }

    /** The two colour ramps (bids above asks), made once per text height and reused every frame. */
    private Image legendImage(int lineH) {
        if (legend == null || legend.getBounds().height != lineH) {
            if (legend != null) {
                legend.dispose();
            }
            ImageData d = new ImageData(LEGEND_W, lineH, 24, new PaletteData(0xff0000, 0xff00, 0xff));
            for (int i = 0; i < LEGEND_W; i++) {
                int level = (int) (i * (LEVELS - 1L) / (LEGEND_W - 1));
                rect(d, i, i + 1, 0, lineH / 2, bidRamp[level]);
                rect(d, i, i + 1, lineH / 2, lineH, askRamp[level]);
            }
            legend = new Image(getDisplay(), d);
        }
        return legend;
    }

    private void drawTimeAxis(GC gc, int plotW, int plotH, long newest, long window, double pxPerMs) {
        gc.setForeground(gridLine);
        gc.drawLine(0, plotH, plotW, plotH);
        gc.drawLine(plotW, 0, plotW, plotH);
        gc.setForeground(axisText);
        long stepMs = window <= 120_000 ? 15_000 : window <= 600_000 ? 60_000 : 300_000;
        String sample = axisTime(newest);
        int textW = gc.textExtent(sample).x;
        while (stepMs * pxPerMs < textW + 16) {
            stepMs *= 2;
        }
        for (long t = newest - Math.floorMod(newest, stepMs); newest - t <= window; t -= stepMs) {
            int x = plotW - (int) Math.round((newest - t) * pxPerMs);
            if (x - textW / 2 < 0) {
                break;
            }
            gc.setForeground(gridLine);
            gc.drawLine(x, plotH, x, plotH + 3);
            gc.setForeground(axisText);
            gc.drawString(axisTime(t), Math.min(x - textW / 2, plotW - textW), plotH + 3,
                    true);
        }
    }

    /** Axis times are on whole seconds: no milliseconds. */
    private static String axisTime(long t) {
        String text = ClockFormat.format(Instant.ofEpochMilli(t));
        return text.endsWith(".000") ? text.substring(0, text.length() - 4) : text;
    }

    private void drawHover(GC gc, HeatmapModel m, int plotW, int plotH, long newest, double pxPerMs, long top) {
        Point h = hover;
        if (h == null || h.x >= plotW || h.y >= plotH || h.x < 0 || h.y < 0) {
            return;
        }
        long t = newest - Math.round((plotW - h.x) / pxPerMs);
        long price = top - (h.y / rowPx) * rowUnits;
        int col = -1;
        for (int i = m.columns() - 1; i >= 0; i--) {
            if (m.time(i) - m.intervalMillis() <= t) {
                col = i;
                break;
            }
        }
        String text;
        if (col < 0) {
            return;
        } else if (m.isGap(col)) {
            text = ClockFormat.format(Instant.ofEpochMilli(m.time(col))) + "  " + priceFormat.formatUnits(price)
                    + "  no data (book reset or disconnected)";
        } else {
            long size = 0;
            for (long p = price; p > price - rowUnits; p--) {
                size += m.size(col, org.tradebench.api.market.Side.BUY, p) + m.size(col, org.tradebench.api.market.Side.SELL, p);
            }
            text = ClockFormat.format(Instant.ofEpochMilli(m.time(col))) + "  " + priceFormat.formatUnits(price) + "  "
                    + (sizeFormat != null ? sizeFormat.formatUnits(size) : Long.toString(size)) + " resting";
        }
        readout = text;
        gc.setForeground(gridLine);
        gc.drawLine(0, h.y, plotW, h.y);
        gc.drawLine(h.x, 0, h.x, plotH);
        Point e = gc.textExtent(text);
        int x = Math.min(h.x + 12, plotW - e.x - 8);
        int y = h.y > e.y + 20 ? h.y - e.y - 10 : h.y + 12;
        gc.setBackground(background);
        gc.fillRectangle(x - 4, y - 2, e.x + 8, e.y + 4);
        gc.setForeground(axisText);
        gc.drawRectangle(x - 4, y - 2, e.x + 8, e.y + 4);
        gc.drawString(text, x, y, true);
    }

    private void drawMessage(GC gc, Rectangle area) {
        String text = message != null ? message : model == null ? "No book" : "Collecting the book\u2026";
        gc.setForeground(axisText);
        Point e = gc.textExtent(text);
        gc.setBackground(background);
        int x = area.x + Math.max(4, (area.width - e.x) / 2);
        int y = area.y + Math.max(4, (area.height - e.y) / 2);
        gc.fillRectangle(x - 6, y - 4, e.x + 12, e.y + 8);
        gc.drawString(text, x, y, true);
    }

    private static void fill(ImageData d, int rgb) {
        rect(d, 0, d.width, 0, d.height, rgb);
    }

    private static void rect(ImageData d, int x0, int x1, int y0, int y1, int rgb) {
        byte r = (byte) (rgb >> 16);
        byte g = (byte) (rgb >> 8);
        byte b = (byte) rgb;
        for (int y = Math.max(0, y0); y < y1; y++) {
            int o = y * d.bytesPerLine + x0 * 3;
            for (int x = x0; x < x1; x++) {
                // 24-bit direct palette with red mask 0xff0000: bytes are stored R, G, B
                d.data[o++] = r;
                d.data[o++] = g;
                d.data[o++] = b;
            }
        }
    }

    private static void hatch(ImageData d, int x0, int x1, int h) {
        rect(d, x0, x1, 0, h, 0x262a33);
        for (int y = 0; y < h; y++) {
            int o = y * d.bytesPerLine + x0 * 3;
            for (int x = x0; x < x1; x++, o += 3) {
                if ((x + y) % 8 == 0) {
                    d.data[o] = d.data[o + 1] = d.data[o + 2] = (byte) 0x70;
                }
            }
        }
    }

}
