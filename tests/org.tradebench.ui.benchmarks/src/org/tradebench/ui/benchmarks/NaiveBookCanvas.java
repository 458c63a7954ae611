package org.tradebench.ui.benchmarks;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.tradebench.api.market.BookDelta;
import org.tradebench.api.market.BookEvent;
import org.tradebench.api.market.BookLevel;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookSnapshot;

/**
 * The baseline: a book canvas bound the naive way, one {@code asyncExec} per book event that
 * applies the event to its book on the UI thread and redraws; the pattern the house style forbids
 * (STYLE.md habit 5), kept here only to be measured against.
 */
final class NaiveBookCanvas extends Canvas implements BookListener {

    private static final int ROWS = 20;

    private final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Collections.reverseOrder());
    private final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
    /** Events handed to the display and not yet run: the queue the naive binding builds up. */
    final LongAdder backlog = new LongAdder();

    NaiveBookCanvas(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED);
        setBackground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
        addPaintListener(e -> paint(e.gc));
    }

    @Override
    public void onBook(org.tradebench.api.market.BookUpdate update) {
        BookEvent event = update.toEvent();
        backlog.increment();
        getDisplay().asyncExec(() -> {
            backlog.decrement();
            if (isDisposed()) {
                return;
            }
            apply(event);
            redraw();
        });
    }

    private void apply(BookEvent event) {
        if (event instanceof BookSnapshot s) {
            bids.clear();
            asks.clear();
            put(bids, s.bids());
            put(asks, s.asks());
        } else if (event instanceof BookDelta d) {
            put(bids, d.bids());
            put(asks, d.asks());
        }
    }

    private static void put(Map<BigDecimal, BigDecimal> side, List<BookLevel> levels) {
        for (BookLevel level : levels) {
            if (level.quantity().signum() == 0) {
                side.remove(level.price());
            } else {
                side.put(level.price(), level.quantity());
            }
        }
    }

    private void paint(GC gc) {
        int h = gc.getFontMetrics().getHeight() + 2;
        int y = 2;
        var askRows = asks.entrySet().stream().limit(ROWS).toList();
        for (int i = askRows.size() - 1; i >= 0; i--, y += h) {
            gc.drawString(askRows.get(i).getKey().toPlainString() + "   " + askRows.get(i).getValue().toPlainString(), 4, y,
                    true);
        }
        for (var bid : bids.entrySet().stream().limit(ROWS).toList()) {
            gc.drawString(bid.getKey().toPlainString() + "   " + bid.getValue().toPlainString(), 4, y, true);
            y += h;
        }
    }
}
