package org.tradebench.ui.orderbook.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
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
 * The depth-of-market ladder: a double-buffered, custom-painted canvas. Column titles on top; asks
 * (red) above with the best ask nearest the middle; a spread row with the mid price, the spread
 * and the spread in basis points; bids (green) below, best first. Each level shows price, size and
 * the cumulative size from the best level, over a depth bar proportional to that cumulative size.
 * As many levels per side as fit are shown, centred on the spread row.
 *
 * <p>When the book is not valid (waiting, resynchronising, error) the rows are hidden and the
 * reason is shown in the middle. Display thread only.
 */
public final class LadderCanvas extends Canvas {

    /** What a ladder row shows. */
    public enum Kind {
        /** An ask level. */
        ASK,
        /** The spread row between asks and bids. */
        SPREAD,
        /** A bid level. */
        BID
    }

    /**
     * One painted row, exactly as drawn (for tests and accessibility).
     *
     * @param kind ask, spread or bid
     * @param level 0 for the best level of the side (and for the spread row)
     * @param price price text (the mid price in the spread row)
     * @param size size text (the spread in the spread row)
     * @param total cumulative size text (the spread in basis points in the spread row)
     * @param bar depth bar width as a fraction of the widest, 0 to 1
     * @param y top of the row in pixels
     * @param own the remaining quantity of the trader's own working orders at the row ("≈" first
     *        when priced between this level and the next), empty for none
     */
    public record Row(Kind kind, int level, String price, String size, String total, double bar, int y, String own) {
    }

    private static final int PAD = 10;
    private static final Color SPREAD_BACKGROUND = new Color(241, 243, 246);
    private static final Color RULE = new Color(218, 221, 226);
    /** The marker of the trader's own orders: blue, apart from the bid green and the ask red. */
    private static final Color OWN = new Color(40, 100, 200);
    private static final Color OWN_TEXT = new Color(255, 255, 255);

    /** How long a changed size stays highlighted, fading out. */
    static final long FLASH_NANOS = 600_000_000L;
    private static final int FLASH_FRAME_MS = 60;

    private LadderSnapshot snapshot;
    // per level of the snapshot shown: when its size last changed (System.nanoTime, 0 = not
    // flashing) and whether it grew; carried over from the previous snapshot for unchanged levels
    private long[] askFlash = new long[0];
    private long[] bidFlash = new long[0];
    private boolean[] askUp = new boolean[0];
    private boolean[] bidUp = new boolean[0];
    private boolean flashing = true;
    private boolean flashTimer;
    private java.util.function.LongSupplier clock = System::nanoTime;
    private java.util.function.Supplier<List<OwnOrders.Mark>> ownOrders = List::of;
    private String message;
    private Font bold;
    private int rowHeight;

    /**
     * Creates an empty ladder.
     *
     * @param parent the parent
     * @param style extra style bits
     */
    public LadderCanvas(Composite parent, int style) {
        super(parent, style | SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        setBackground(getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        setForeground(getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
        fontChanged();
        addListener(SWT.Paint, this::paint);
        addListener(SWT.Resize, e -> redraw());
        addListener(SWT.Dispose, e -> bold.dispose());
        addListener(SWT.MouseDown, e -> {
            if (e.button == 1) {
                rowAt(e.y).ifPresent(r -> pricePicked.accept(r));
            }
        });
        setToolTipText("Click a price to fill it into the order entry (a bid buys, an ask sells)");
    }

    private java.util.function.Consumer<Row> pricePicked = r -> { };

    /**
     * Called with the level row the user clicked (asks and bids only).
     *
     * @param listener the listener, display thread
     */
    public void onPricePicked(java.util.function.Consumer<Row> listener) {
        pricePicked = java.util.Objects.requireNonNull(listener, "listener");
    }

    /**
     * The ask or bid row at a height.
     *
     * @param y pixels from the top of the canvas
     * @return the row, or empty for the header, the spread row or no row
     */
    public java.util.Optional<Row> rowAt(int y) {
        for (Row r : visibleRows()) {
            if ((r.kind() == Kind.ASK || r.kind() == Kind.BID) && y >= r.y() && y < r.y() + rowHeight) {
                return java.util.Optional.of(r);
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public void setFont(Font font) {
        super.setFont(font);
        Font old = bold;
        fontChanged();
        old.dispose();
        redraw();
    }

    private void fontChanged() {
        FontData[] data = getFont().getFontData();
        for (FontData d : data) {
            d.setStyle(SWT.BOLD);
        }
        bold = new Font(getDisplay(), data);
        GC gc = new GC(this);
        try {
            rowHeight = gc.getFontMetrics().getHeight() + 7;
        } finally {
            gc.dispose();
        }
    }

    /**
     * Marks the trader's own working orders at their levels (read at every paint).
     *
     * @param ownOrders the orders now, nullable for none
     */
    public void setOwnOrders(java.util.function.Supplier<List<OwnOrders.Mark>> ownOrders) {
        this.ownOrders = ownOrders == null ? List::of : ownOrders;
        redraw();
    }

    /**
     * Shows a book snapshot (and hides any message).
     *
     * @param snapshot the snapshot, nullable to clear
     */
    public void setSnapshot(LadderSnapshot snapshot) {
        checkWidget();
        if (snapshot != this.snapshot) {
            trackChanges(this.snapshot, snapshot);
            this.snapshot = snapshot;
            this.message = null;
            redraw();
        }
    }

    /**
     * Whether changed sizes flash (on by default).
     *
     * @param on the choice
     */
    public void setFlashing(boolean on) {
        checkWidget();
        flashing = on;
        if (!on) {
            java.util.Arrays.fill(askFlash, 0);
            java.util.Arrays.fill(bidFlash, 0);
        }
        redraw();
    }

    /** @return whether changed sizes flash */
    public boolean isFlashing() {
        return flashing;
    }

    /**
     * The clock flashes are timed with (tests).
     *
     * @param nanos a {@link System#nanoTime()}-like clock
     */
    void setClock(java.util.function.LongSupplier nanos) {
        clock = java.util.Objects.requireNonNull(nanos, "nanos");
    }

    /**
     * How far a level's flash has faded.
     *
     * @param bid the bid side, else the ask side
     * @param level 0 = best
     * @return 1 just changed, falling to 0 after {@link #FLASH_NANOS}; 0 when not flashing; negative
     *         values mean a shrinking size (-1 just changed)
     */
    public double flash(boolean bid, int level) {
        checkWidget();
        long[] starts = bid ? bidFlash : askFlash;
        if (level < 0 || level >= starts.length || starts[level] == 0) {
            return 0;
        }
        double left = 1 - (double) (clock.getAsLong() - starts[level]) / FLASH_NANOS;
        if (left <= 0) {
            return 0;
        }
        return (bid ? bidUp : askUp)[level] ? left : -left;
    }

    /**
     * Compares the new snapshot with the one shown, level by level (both sides sorted best first,
     * so one merge walk per side): a level whose size changed, or that is new, starts flashing; an
     * unchanged level keeps its flash. Display thread; nothing is kept of the old snapshot.
     */
    private void trackChanges(LadderSnapshot old, LadderSnapshot next) {
        if (next == null || next.status() != null) {
            askFlash = new long[0];
            bidFlash = new long[0];
            askUp = new boolean[0];
            bidUp = new boolean[0];
            return;
        }
        boolean compare = flashing && old != null && old.status() == null
                && old.instrument().equals(next.instrument()) && old.priceScale() == next.priceScale();
        long now = clock.getAsLong();
        long[] na = new long[next.askCount()];
        boolean[] ua = new boolean[next.askCount()];
        long[] nb = new long[next.bidCount()];
        boolean[] ub = new boolean[next.bidCount()];
        if (compare) {
            walk(old, next, false, na, ua, now);
            walk(old, next, true, nb, ub, now);
        }
        askFlash = na;
        askUp = ua;
        bidFlash = nb;
        bidUp = ub;
    }

    private void walk(LadderSnapshot old, LadderSnapshot next, boolean bid, long[] starts, boolean[] up, long now) {
        int oldCount = bid ? old.bidCount() : old.askCount();
        long[] oldStarts = bid ? bidFlash : askFlash;
        boolean[] oldUp = bid ? bidUp : askUp;
        int j = 0;
        for (int i = 0; i < starts.length; i++) {
            long price = bid ? next.bidPrice(i) : next.askPrice(i);
            long size = bid ? next.bidSize(i) : next.askSize(i);
            // levels better than this price in the old book are gone: skip them
            while (j < oldCount && (bid ? old.bidPrice(j) > price : old.askPrice(j) < price)) {
                j++;
            }
            if (j < oldCount && (bid ? old.bidPrice(j) : old.askPrice(j)) == price) {
                long before = bid ? old.bidSize(j) : old.askSize(j);
                if (before != size) {
                    starts[i] = now;
                    up[i] = size > before;
                } else if (j < oldStarts.length && now - oldStarts[j] < FLASH_NANOS) {
                    starts[i] = oldStarts[j];
                    up[i] = oldUp[j];
                }
                j++;
            } else {
                starts[i] = now; // a new level
                up[i] = true;
            }
        }
    }

    /** Keeps repainting while something fades; stops by itself. */
    private void scheduleFlashFrame() {
        if (flashTimer || isDisposed()) {
            return;
        }
        flashTimer = true;
        getDisplay().timerExec(FLASH_FRAME_MS, () -> {
            flashTimer = false;
            if (!isDisposed()) {
                redraw();
            }
        });
    }

    /**
     * Shows a message instead of a book, for example "Waiting for an exchange connector…".
     *
     * @param message the message, nullable to clear
     */
    public void setMessage(String message) {
        checkWidget();
        this.snapshot = null;
        this.message = message;
        redraw();
    }

    /**
     * The snapshot shown.
     *
     * @return the snapshot, or null
     */
    public LadderSnapshot getSnapshot() {
        checkWidget();
        return snapshot;
    }

    /**
     * The message shown in the middle instead of levels: a {@link #setMessage message}, or the
     * snapshot's status while the book is not valid.
     *
     * @return the message, or null while a valid book is shown
     */
    public String getMessage() {
        checkWidget();
        return message != null ? message : snapshot == null ? null : snapshot.status();
    }

    /**
     * The height of one row in pixels at the current font.
     *
     * @return the row height
     */
    public int rowHeight() {
        return rowHeight;
    }

    /**
     * The rows as they are painted at the current size, top to bottom: asks (worst shown first),
     * the spread row, bids (best first). Empty while a message is shown.
     *
     * @return the rows
     */
    public List<Row> visibleRows() {
        checkWidget();
        return layoutRows(getClientArea());
    }

    private List<Row> layoutRows(Rectangle area) {
        LadderSnapshot s = snapshot;
        if (s == null || message != null || s.status() != null) {
            return List.of();
        }
        int header = rowHeight + 2;
        int available = area.height - header;
        int fit = Math.max(0, (available - rowHeight) / (2 * rowHeight));
        int perSide = Math.min(fit, Math.max(s.askCount(), s.bidCount()));
        int asks = Math.min(perSide, s.askCount());
        int bids = Math.min(perSide, s.bidCount());
        long maxTotal = Math.max(asks == 0 ? 0 : s.askTotal(asks - 1), bids == 0 ? 0 : s.bidTotal(bids - 1));
        int top = area.y + header + Math.max(0, (available - (2 * perSide + 1) * rowHeight) / 2);
        int spreadY = top + perSide * rowHeight;

        int ps = s.priceScale();
        int ss = s.sizeScale();
        SizeFormat sizes = SizeFormat.withScale(ss);
        List<OwnOrders.Mark> mine = ownOrders.get();
        List<Row> rows = new ArrayList<>(asks + bids + 1);
        for (int i = asks - 1; i >= 0; i--) {
            rows.add(new Row(Kind.ASK, i, PriceFormat.formatUnits(s.askPrice(i), ps),
                    sizes.formatUnits(s.askSize(i)), sizes.formatUnits(s.askTotal(i)),
                    fraction(s.askTotal(i), maxTotal), spreadY - (i + 1) * rowHeight, own(mine, s, false, i, asks)));
        }
        rows.add(spreadRow(s, spreadY));
        for (int i = 0; i < bids; i++) {
            rows.add(new Row(Kind.BID, i, PriceFormat.formatUnits(s.bidPrice(i), ps),
                    sizes.formatUnits(s.bidSize(i)), sizes.formatUnits(s.bidTotal(i)),
                    fraction(s.bidTotal(i), maxTotal), spreadY + (i + 1) * rowHeight, own(mine, s, true, i, bids)));
        }
        return rows;
    }

    /**
     * What the trader's own orders leave at a row: the remaining quantity of the orders priced at
     * that level, or between it and the next level away from the spread (a price the book does not
     * show: "≈"). Orders beyond the rows shown are not marked.
     */
    private static String own(List<OwnOrders.Mark> mine, LadderSnapshot s, boolean bid, int i, int shownRows) {
        if (mine.isEmpty()) {
            return "";
        }
        int ps = s.priceScale();
        long level = bid ? s.bidPrice(i) : s.askPrice(i);
        boolean last = i == shownRows - 1;
        long next = last ? Long.MIN_VALUE : bid ? s.bidPrice(i + 1) : s.askPrice(i + 1);
        BigDecimal total = BigDecimal.ZERO;
        boolean between = false;
        for (OwnOrders.Mark m : mine) {
            if ((m.side() == org.tradebench.api.market.Side.BUY) != bid) {
                continue;
            }
            long p = m.price().movePointRight(ps).setScale(0, java.math.RoundingMode.HALF_EVEN).longValue();
            boolean here = p == level;
            boolean gap = !here && !last && (bid ? p < level && p > next : p > level && p < next);
            if (here || gap) {
                total = total.add(m.remaining());
                between |= gap;
            }
        }
        if (total.signum() == 0) {
            return "";
        }
        return (between ? "\u2248" : "") + SizeFormat.withScale(s.sizeScale()).format(total);
    }

    private static double fraction(long total, long max) {
        return max <= 0 ? 0 : Math.min(1, (double) total / max);
    }

    private static Row spreadRow(LadderSnapshot s, int y) {
        long spread = s.spread();
        if (spread < 0) {
            return new Row(Kind.SPREAD, 0, PriceFormat.MISSING, "spread " + PriceFormat.MISSING, "", 0, y, "");
        }
        int ps = s.priceScale();
        long sum = s.askPrice(0) + s.bidPrice(0);
        // the mid of two prices on the tick grid needs at most one more decimal
        String mid = sum % 2 == 0 ? PriceFormat.formatUnits(sum / 2, ps) : PriceFormat.formatUnits(sum * 5, ps + 1);
        // basis points of the mid: spread / ((bid + ask) / 2) * 10_000, in hundredths
        long bpsHundredths = sum <= 0 ? 0 : Math.round(spread * 2_000_000.0 / sum);
        String bps = PriceFormat.formatUnits(bpsHundredths, 2) + " bps";
        String label = spread == 0 ? "spread 0" : spread < 0 ? "crossed" : "spread " + PriceFormat.formatUnits(spread, ps);
        return new Row(Kind.SPREAD, 0, mid, label, bps, 0, y, "");
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        int width = wHint == SWT.DEFAULT ? 340 : wHint;
        int height = hHint == SWT.DEFAULT ? rowHeight * 27 : hHint;
        return new Point(width, height);
    }

    private void paint(Event e) {
        GC gc = e.gc;
        Rectangle area = getClientArea();
        gc.setBackground(getBackground());
        gc.fillRectangle(area);
        if (area.width < 4 * PAD || area.height < 2 * rowHeight) {
            return; // collapsed (being laid out or minimised): nothing readable fits
        }
        gc.setTextAntialias(SWT.ON);

        int priceRight = area.x + (int) (area.width * 0.38);
        int sizeRight = area.x + (int) (area.width * 0.69);
        int totalRight = area.x + area.width - PAD;
        int textDy = (rowHeight - gc.getFontMetrics().getHeight()) / 2;

        LadderSnapshot s = snapshot;
        String base = s == null ? "" : " (" + s.instrument().base() + ")";
        String quote = s == null ? "" : " (" + s.instrument().quote() + ")";
        gc.setForeground(TradeColors.MUTED);
        right(gc, "Price" + quote, priceRight, area.y + textDy);
        right(gc, "Size" + base, sizeRight, area.y + textDy);
        right(gc, "Total" + base, totalRight, area.y + textDy);
        gc.setForeground(RULE);
        gc.drawLine(area.x, area.y + rowHeight, area.x + area.width, area.y + rowHeight);

        boolean fading = false;
        for (Row row : layoutRows(area)) {
            int y = row.y();
            if (row.kind() == Kind.SPREAD) {
                gc.setBackground(SPREAD_BACKGROUND);
                gc.fillRectangle(area.x, y, area.width, rowHeight);
                gc.setForeground(RULE);
                gc.drawLine(area.x, y, area.x + area.width, y);
                gc.drawLine(area.x, y + rowHeight - 1, area.x + area.width, y + rowHeight - 1);
                gc.setFont(bold);
                gc.setForeground(getForeground());
                right(gc, row.price(), priceRight, y + textDy);
                gc.setFont(getFont());
                gc.setForeground(TradeColors.MUTED);
                right(gc, row.size(), sizeRight, y + textDy);
                right(gc, row.total(), totalRight, y + textDy);
                continue;
            }
            boolean ask = row.kind() == Kind.ASK;
            int barWidth = (int) Math.round(row.bar() * (area.width - 2));
            if (barWidth > 0) {
                gc.setBackground(ask ? TradeColors.ASK_BAR : TradeColors.BID_BAR);
                gc.fillRectangle(area.x + area.width - 1 - barWidth, y + 1, barWidth, rowHeight - 2);
            }
            double flash = flashing ? flash(!ask, row.level()) : 0;
            if (flash != 0) {
                // a changed size: its cell lit in the direction of the change, fading out
                gc.setAlpha((int) Math.round(Math.abs(flash) * 150));
                gc.setBackground(flash > 0 ? TradeColors.BID : TradeColors.ASK);
                gc.fillRectangle(priceRight + 2, y + 1, sizeRight - priceRight + 2, rowHeight - 2);
                gc.setAlpha(255);
                fading = true;
            }
            if (!row.own().isEmpty()) {
                // the trader's own resting quantity: a marker at the row's left edge
                int w = gc.textExtent(row.own()).x + 8;
                gc.setBackground(OWN);
                gc.fillRoundRectangle(area.x + 2, y + 2, w, rowHeight - 4, 6, 6);
                gc.setForeground(OWN_TEXT);
                gc.drawText(row.own(), area.x + 6, y + textDy, true);
            }
            gc.setFont(bold);
            gc.setForeground(ask ? TradeColors.ASK : TradeColors.BID);
            right(gc, row.price(), priceRight, y + textDy);
            gc.setFont(getFont());
            gc.setForeground(getForeground());
            right(gc, row.size(), sizeRight, y + textDy);
            gc.setForeground(TradeColors.MUTED);
            right(gc, row.total(), totalRight, y + textDy);
        }

        if (fading) {
            scheduleFlashFrame();
        }
        String text = getMessage();
        if (text != null) {
            paintMessage(gc, area, text, s != null && s.status() != null);
        }
    }

    private void paintMessage(GC gc, Rectangle area, String text, boolean warning) {
        gc.setFont(bold);
        // a cause from the exchange can be long: wrap it inside the ladder rather than cut it off
        List<String> lines = wrap(gc, text, Math.max(40, area.width - 8 - 28));
        int lineHeight = gc.getFontMetrics().getHeight();
        int widest = 0;
        for (String line : lines) {
            widest = Math.max(widest, gc.textExtent(line).x);
        }
        int w = Math.min(area.width - 8, widest + 28);
        int h = lines.size() * lineHeight + 16;
        int x = area.x + (area.width - w) / 2;
        int y = area.y + (area.height - h) / 2;
        gc.setAntialias(SWT.ON);
        gc.setBackground(warning ? new Color(255, 246, 229) : SPREAD_BACKGROUND);
        gc.fillRoundRectangle(x, y, w, h, 8, 8);
        gc.setForeground(warning ? TradeColors.WARNING : RULE);
        gc.drawRoundRectangle(x, y, w - 1, h - 1, 8, 8);
        gc.setAntialias(SWT.DEFAULT);
        gc.setForeground(warning ? TradeColors.WARNING : TradeColors.MUTED);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            gc.drawText(line, x + Math.max(4, (w - gc.textExtent(line).x) / 2), y + 8 + i * lineHeight, true);
        }
        gc.setFont(getFont());
    }

    /** Greedy word wrap; a word wider than a line is broken between characters. */
    private static List<String> wrap(GC gc, String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (gc.textExtent(candidate).x <= width) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            String rest = word;
            while (gc.textExtent(rest).x > width && rest.length() > 1) {
                int n = rest.length() - 1;
                while (n > 1 && gc.textExtent(rest.substring(0, n)).x > width) {
                    n--;
                }
                lines.add(rest.substring(0, n));
                rest = rest.substring(n);
            }
            line.append(rest);
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static void right(GC gc, String text, int right, int y) {
        gc.drawText(text, right - gc.textExtent(text).x, y, true);
    }
}
