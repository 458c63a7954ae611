package org.tradebench.ui.orderbook.internal;

import java.util.Objects;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.tradebench.ui.core.format.PriceFormat;
import org.tradebench.ui.core.format.SizeFormat;
import org.tradebench.ui.core.widgets.TradeColors;

/**
 * The depth chart: the cumulative size of the bids (left of the mid) and of the asks (right of
 * it) as filled step curves over price, from the same {@link LadderSnapshot} the ladder shows (no
 * second subscription). A dashed line marks the mid, the header line says mid and spread; the
 * axes give prices and cumulative sizes. Hovering shows the price under the pointer and the size
 * a market order would have to take to move the price there. While the book is not valid the
 * curves are hidden and the reason is shown, as on the ladder. Display thread only.
 */
public final class DepthCanvas extends Canvas {

    private static final int PAD = 8;
    private static final Color BID_FILL = new Color(0, 128, 64);
    private static final Color ASK_FILL = new Color(200, 40, 40);
    private static final Color RULE = new Color(218, 221, 226);

    private LadderSnapshot snapshot;
    private String message;
    private int hoverX = -1;

    /**
     * Creates an empty depth chart.
     *
     * @param parent the parent
     * @param style extra style bits
     */
    public DepthCanvas(Composite parent, int style) {
        super(parent, style | SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        setBackground(getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        setForeground(getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
        addListener(SWT.Paint, this::paint);
        addListener(SWT.Resize, e -> redraw());
        addListener(SWT.MouseMove, e -> {
            hoverX = e.x;
            redraw();
        });
        addListener(SWT.MouseExit, e -> {
            hoverX = -1;
            redraw();
        });
    }

    /**
     * Shows a snapshot (and hides any message).
     *
     * @param next the snapshot, nullable to clear
     */
    public void setSnapshot(LadderSnapshot next) {
        checkWidget();
        if (next != snapshot || message != null) {
            snapshot = next;
            message = null;
            if (isVisible()) {
                redraw();
            }
        }
    }

    /**
     * Shows a message instead of the curves.
     *
     * @param text the message, nullable to clear
     */
    public void setMessage(String text) {
        checkWidget();
        snapshot = null;
        message = text;
        redraw();
    }

    /**
     * The message shown instead of curves: a {@link #setMessage message} or the snapshot's status.
     *
     * @return the message, or null while curves are shown
     */
    public String getMessage() {
        checkWidget();
        return message != null ? message : snapshot == null ? null : snapshot.status();
    }

    /** @return the snapshot shown, or null */
    public LadderSnapshot getSnapshot() {
        checkWidget();
        return snapshot;
    }

    /**
     * The cumulative size a price reaches into the book: on the bid side the bids at or above it,
     * on the ask side the asks at or below it (what the curve shows at that price).
     *
     * @param s the snapshot
     * @param priceUnits the price in the snapshot's units
     * @return the cumulative size in size units, 0 inside the spread or beyond the book shown
     */
    public static long cumulativeAt(LadderSnapshot s, long priceUnits) {
        Objects.requireNonNull(s, "s");
        if (s.bidCount() > 0 && priceUnits <= s.bidPrice(0)) {
            long total = 0;
            for (int i = 0; i < s.bidCount() && s.bidPrice(i) >= priceUnits; i++) {
                total = s.bidTotal(i);
            }
            return total;
        }
        if (s.askCount() > 0 && priceUnits >= s.askPrice(0)) {
            long total = 0;
            for (int i = 0; i < s.askCount() && s.askPrice(i) <= priceUnits; i++) {
                total = s.askTotal(i);
            }
            return total;
        }
        return 0;
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        return new Point(wHint == SWT.DEFAULT ? 340 : wHint, hHint == SWT.DEFAULT ? 300 : hHint);
    }

    private void paint(Event e) {
        GC gc = e.gc;
        Rectangle area = getClientArea();
        gc.setBackground(getBackground());
        gc.fillRectangle(area);
        if (area.width < 80 || area.height < 80) {
            return;
        }
        gc.setAntialias(SWT.ON);
        gc.setTextAntialias(SWT.ON);
        LadderSnapshot s = snapshot;
        String text = getMessage();
        if (text != null || s == null || s.bidCount() + s.askCount() == 0) {
            paintMessage(gc, area, text == null ? "no book" : text, s != null && s.status() != null);
            return;
        }
        int fh = gc.getFontMetrics().getHeight();
        int ps = s.priceScale();
        SizeFormat sizes = SizeFormat.withScale(s.sizeScale());
        long lo = s.bidCount() > 0 ? s.bidPrice(s.bidCount() - 1) : s.askPrice(0);
        long hi = s.askCount() > 0 ? s.askPrice(s.askCount() - 1) : s.bidPrice(0);
        // symmetric around the mid so that both sides compare at a glance
        long mid2 = s.bidCount() > 0 && s.askCount() > 0 ? s.bidPrice(0) + s.askPrice(0) : lo + hi;
        long half = Math.max(Math.max(mid2 - 2 * lo, 2 * hi - mid2), 2);
        double left = (mid2 - half) / 2.0;
        double right = (mid2 + half) / 2.0;
        long maxTotal = Math.max(s.bidCount() == 0 ? 0 : s.bidTotal(s.bidCount() - 1),
                s.askCount() == 0 ? 0 : s.askTotal(s.askCount() - 1));
        if (maxTotal <= 0) {
            maxTotal = 1;
        }
        String maxLabel = sizes.formatUnits(maxTotal);
        int plotLeft = area.x + PAD + gc.textExtent(maxLabel).x + 6;
        int plotRight = area.x + area.width - PAD;
        int plotTop = area.y + PAD + fh + 4;
        int plotBottom = area.y + area.height - PAD - fh - 4;
        int w = Math.max(1, plotRight - plotLeft);
        int h = Math.max(1, plotBottom - plotTop);
        double xScale = w / (right - left);
        double yScale = h / (double) maxTotal;

        // header: mid and spread
        long spread = s.spread();
        String mid = mid2 % 2 == 0 ? PriceFormat.formatUnits(mid2 / 2, ps) : PriceFormat.formatUnits(mid2 * 5, ps + 1);
        String head = "mid " + mid + (spread < 0 ? "" : "   spread " + PriceFormat.formatUnits(spread, ps));
        gc.setForeground(getForeground());
        gc.drawText(head, plotLeft, area.y + PAD, true);

        // grid and axes
        gc.setForeground(RULE);
        gc.drawLine(plotLeft, plotBottom, plotRight, plotBottom);
        gc.drawLine(plotLeft, plotTop, plotLeft, plotBottom);
        gc.setForeground(TradeColors.MUTED);
        for (int k = 0; k <= 2; k++) {
            long size = maxTotal * k / 2;
            int y = plotBottom - (int) Math.round(size * yScale);
            String label = sizes.formatUnits(size);
            gc.drawText(label, plotLeft - 4 - gc.textExtent(label).x, y - fh / 2, true);
            if (k > 0) {
                gc.setForeground(RULE);
                gc.setLineStyle(SWT.LINE_DOT);
                gc.drawLine(plotLeft, y, plotRight, y);
                gc.setLineStyle(SWT.LINE_SOLID);
                gc.setForeground(TradeColors.MUTED);
            }
        }
        for (int k = 0; k <= 4; k++) {
            double p = left + (right - left) * k / 4;
            String label = PriceFormat.formatUnits(Math.round(p), ps);
            int x = plotLeft + (int) Math.round((p - left) * xScale);
            int lx = Math.max(area.x, Math.min(x - gc.textExtent(label).x / 2, plotRight - gc.textExtent(label).x));
            gc.drawText(label, lx, plotBottom + 3, true);
        }

        // the curves
        if (s.bidCount() > 0) {
            int[] poly = new int[(s.bidCount() * 2 + 2) * 2];
            int n = 0;
            int x0 = plotLeft + (int) Math.round((s.bidPrice(0) - left) * xScale);
            poly[n++] = x0;
            poly[n++] = plotBottom;
            for (int i = 0; i < s.bidCount(); i++) {
                int x = plotLeft + (int) Math.round((s.bidPrice(i) - left) * xScale);
                int y = plotBottom - (int) Math.round(s.bidTotal(i) * yScale);
                int nextX = i + 1 < s.bidCount() ? plotLeft + (int) Math.round((s.bidPrice(i + 1) - left) * xScale)
                        : plotLeft;
                poly[n++] = x;
                poly[n++] = y;
                poly[n++] = nextX;
                poly[n++] = y;
            }
            poly[n++] = plotLeft;
            poly[n++] = plotBottom;
            fill(gc, poly, n, BID_FILL);
        }
        if (s.askCount() > 0) {
            int[] poly = new int[(s.askCount() * 2 + 2) * 2];
            int n = 0;
            int x0 = plotLeft + (int) Math.round((s.askPrice(0) - left) * xScale);
            poly[n++] = x0;
            poly[n++] = plotBottom;
            for (int i = 0; i < s.askCount(); i++) {
                int x = plotLeft + (int) Math.round((s.askPrice(i) - left) * xScale);
                int y = plotBottom - (int) Math.round(s.askTotal(i) * yScale);
                int nextX = i + 1 < s.askCount() ? plotLeft + (int) Math.round((s.askPrice(i + 1) - left) * xScale)
                        : plotRight;
                poly[n++] = x;
                poly[n++] = y;
                poly[n++] = nextX;
                poly[n++] = y;
            }
            poly[n++] = plotRight;
            poly[n++] = plotBottom;
            fill(gc, poly, n, ASK_FILL);
        }

        // the mid
        int midX = plotLeft + (int) Math.round((mid2 / 2.0 - left) * xScale);
        gc.setForeground(TradeColors.MUTED);
        gc.setLineStyle(SWT.LINE_DASH);
        gc.drawLine(midX, plotTop, midX, plotBottom);
        gc.setLineStyle(SWT.LINE_SOLID);

        // hover: the price and how much of the book lies between the mid and it
        if (hoverX >= plotLeft && hoverX <= plotRight) {
            long price = Math.round(left + (hoverX - plotLeft) / xScale);
            long total = cumulativeAt(s, price);
            gc.setForeground(getForeground());
            gc.setLineStyle(SWT.LINE_DOT);
            gc.drawLine(hoverX, plotTop, hoverX, plotBottom);
            gc.setLineStyle(SWT.LINE_SOLID);
            String side = s.bidCount() > 0 && price <= s.bidPrice(0) ? " bids" : s.askCount() > 0
                    && price >= s.askPrice(0) ? " asks" : "";
            String readout = PriceFormat.formatUnits(price, ps) + "   " + sizes.formatUnits(total) + side;
            int tw = gc.textExtent(readout).x;
            int tx = Math.min(hoverX + 6, plotRight - tw - 4);
            gc.setBackground(getBackground());
            gc.fillRectangle(tx - 2, plotTop, tw + 4, fh + 2);
            gc.drawText(readout, tx, plotTop + 1, true);
        }
    }

    private static void fill(GC gc, int[] poly, int n, Color colour) {
        int[] points = n == poly.length ? poly : java.util.Arrays.copyOf(poly, n);
        gc.setBackground(colour);
        gc.setAlpha(60);
        gc.fillPolygon(points);
        gc.setAlpha(255);
        gc.setForeground(colour);
        gc.setLineWidth(2);
        gc.drawPolyline(java.util.Arrays.copyOfRange(points, 2, points.length - 2));
        gc.setLineWidth(1);
    }

    private void paintMessage(GC gc, Rectangle area, String text, boolean warning) {
        int tw = gc.textExtent(text).x;
        int fh = gc.getFontMetrics().getHeight();
        int w = Math.min(area.width - 8, tw + 28);
        int h = fh + 16;
        int x = area.x + (area.width - w) / 2;
        int y = area.y + (area.height - h) / 2;
        gc.setBackground(warning ? new Color(255, 246, 229) : new Color(241, 243, 246));
        gc.fillRoundRectangle(x, y, w, h, 8, 8);
        gc.setForeground(warning ? TradeColors.WARNING : RULE);
        gc.drawRoundRectangle(x, y, w - 1, h - 1, 8, 8);
        gc.setForeground(warning ? TradeColors.WARNING : TradeColors.MUTED);
        gc.drawText(text, x + Math.max(4, (w - tw) / 2), y + 8, true);
    }
}
