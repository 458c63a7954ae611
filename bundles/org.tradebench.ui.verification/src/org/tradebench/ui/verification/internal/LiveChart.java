package org.tradebench.ui.verification.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.tradebench.ui.core.widgets.TradeColors;
import org.tradebench.verification.Progress;

/**
 * The running verification's last minutes, one sample a second: messages per second as bars and
 * the exchange-to-local p99 so far as a line, each on its own scale, with the latest values written
 * in the corner. Display thread only.
 */
public final class LiveChart extends Canvas {

    private static final int MAX = 600;

    private final List<Progress> samples = new ArrayList<>();

    /**
     * Creates the chart.
     *
     * @param parent the parent
     */
    public LiveChart(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED);
        setBackground(getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        addPaintListener(e -> paint(e.gc));
    }

    /** Forgets the samples of an earlier run. */
    public void clear() {
        samples.clear();
        redraw();
    }

    /**
     * Adds a second's progress.
     *
     * @param p the progress
     */
    public void add(Progress p) {
        samples.add(p);
        if (samples.size() > MAX) {
            samples.remove(0);
        }
        redraw();
    }

    /**
     * The samples shown, for tests.
     *
     * @return how many
     */
    public int sampleCount() {
        return samples.size();
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        return new Point(wHint == SWT.DEFAULT ? 400 : wHint, hHint == SWT.DEFAULT ? 110 : hHint);
    }

    private void paint(GC gc) {
        Rectangle area = getClientArea();
        int left = 8;
        int top = 20;
        int w = area.width - 16;
        int h = area.height - top - 6;
        gc.setForeground(TradeColors.MUTED);
        if (samples.isEmpty()) {
            gc.drawText("messages per second and exchange-to-local p99 appear here while a verification runs", left, 4,
                    true);
            return;
        }
        long maxRate = 1;
        double maxP99 = 0.001;
        for (Progress p : samples) {
            maxRate = Math.max(maxRate, p.lastSecond());
            maxP99 = Math.max(maxP99, p.exchangeP99());
        }
        int n = samples.size();
        double bw = Math.max(1, (double) w / Math.max(n, 60));
        gc.setBackground(TradeColors.BID_BAR);
        for (int i = 0; i < n; i++) {
            int bh = (int) (samples.get(i).lastSecond() * (double) h / maxRate);
            gc.fillRectangle(left + (int) (i * bw), top + h - bh, Math.max(1, (int) bw - 1), bh);
        }
        gc.setForeground(TradeColors.ASK);
        gc.setLineWidth(2);
        int px = -1;
        int py = -1;
        for (int i = 0; i < n; i++) {
            double p99 = samples.get(i).exchangeP99();
            if (p99 < 0) {
                continue;
            }
            int x = left + (int) (i * bw + bw / 2);
            int y = top + h - (int) (p99 * h / maxP99);
            if (px >= 0) {
                gc.drawLine(px, py, x, y);
            }
            px = x;
            py = y;
        }
        gc.setLineWidth(1);
        Progress last = samples.get(n - 1);
        gc.setForeground(TradeColors.BID);
        gc.drawText(String.format(java.util.Locale.ROOT, "%,d msg/s (peak %,d)", last.lastSecond(), maxRate), left, 2, true);
        gc.setForeground(TradeColors.ASK);
        String p99 = last.exchangeP99() < 0 ? "exchange p99 -" : String.format(java.util.Locale.ROOT,
                "exchange p99 %.1f ms (max %.1f)", last.exchangeP99(), maxP99);
        gc.drawText(p99, left + 220, 2, true);
    }
}
