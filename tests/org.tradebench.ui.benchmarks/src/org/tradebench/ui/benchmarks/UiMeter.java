package org.tradebench.ui.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Widget;

/**
 * Measures one phase of the benchmark on the display: paint events and paint time per view (a
 * display filter marks the start of each paint, a listener added after the view's own ones its
 * end), the UI thread's CPU time, the calls counted by the {@link CountingSynchronizer}, input
 * latency (the post of a synthetic click to the target control's MouseDown listener) and the JVM's
 * collections. Widget bookkeeping happens on the display thread only.
 */
final class UiMeter {

    /** Figures of one view in one phase. */
    static final class ViewFigures {
        long paints;
        long paintNanos;
        final List<Long> paintTimes = new ArrayList<>();
    }

    private final Display display;
    private final CountingSynchronizer synchronizer;
    private final Map<Control, String> roots = new LinkedHashMap<>();
    private final Map<Widget, String> viewOf = new HashMap<>();
    private final Map<Widget, Long> paintStart = new HashMap<>();
    private final Map<String, ViewFigures> figures = new LinkedHashMap<>();
    private final List<Long> inputLatencies = new ArrayList<>();
    private final List<Long> clickWaits = new ArrayList<>();
    private final AtomicLong postedAt = new AtomicLong();
    private final Listener paintFilter = this::paintStarted;
    private final Listener paintEnd = this::paintEnded;
    private final Listener mouseDown = e -> clicked();

    private long startNanos;
    private long endNanos;
    private long startCpu;
    private long endCpu;
    private Map<String, long[]> startCalls;
    private Map<String, long[]> endCalls;
    private Map<String, long[]> startGc;
    private Map<String, long[]> endGc;
    private volatile long clicksPosted;

    UiMeter(Display display, CountingSynchronizer synchronizer) {
        this.display = display;
        this.synchronizer = synchronizer;
    }

    /** Measures the controls below a root as one view (display thread). */
    void addView(String name, Control root) {
        roots.put(root, name);
        figures.put(name, new ViewFigures());
    }

    private final Map<String, Integer> stackSamples = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Integer> ourSamples = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile int samples;

    /**
     * Samples where the display thread is (any thread): its top frames, to tell waiting on the X
     * server (native GTK/X calls), idle in the event loop, and running Java code apart.
     */
    void sampleUiThread() {
        java.lang.management.ThreadInfo info = ManagementFactory.getThreadMXBean()
                .getThreadInfo(display.getThread().threadId(), 96);
        if (info == null || info.getStackTrace().length == 0) {
            return;
        }
        StackTraceElement[] frames = info.getStackTrace();
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < Math.min(2, frames.length); i++) {
            where.append(i == 0 ? "" : " < ").append(frames[i].getClassName().replaceAll(".*\\.", ""))
                    .append('.').append(frames[i].getMethodName());
        }
        stackSamples.merge(where.toString(), 1, Integer::sum);
        // the Tradebench code the display thread is in, if any: who caused the native work on top
        String ours = "(no Tradebench frame: the toolkit's own event loop work)";
        for (StackTraceElement f : frames) {
            if (f.getClassName().startsWith("org.tradebench.")) {
                ours = f.getClassName().replaceAll(".*\\.", "") + "." + f.getMethodName();
                break;
            }
        }
        ourSamples.merge(ours, 1, Integer::sum);
        samples++;
    }

    /** The Tradebench methods the display thread was in (innermost), with their share of samples. */
    List<String> ourPlaces(int most) {
        int total = Math.max(1, samples);
        return ourSamples.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(most).map(e -> String.format(java.util.Locale.ROOT, "%5.1f%%  %s", e.getValue() * 100.0 / total,
                        e.getKey()))
                .toList();
    }

    /** The most frequent sampled places of the display thread with their share of samples. */
    List<String> hotPlaces(int most) {
        int total = Math.max(1, samples);
        return stackSamples.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(most).map(e -> String.format(java.util.Locale.ROOT, "%5.1f%%  %s", e.getValue() * 100.0 / total,
                        e.getKey()))
                .toList();
    }

    /** Starts measuring (display thread). */
    void start() {
        display.addFilter(SWT.Paint, paintFilter);
        startCalls = synchronizer.snapshot();
        startGc = gc();
        startCpu = uiCpuNanos();
        startNanos = System.nanoTime();
    }

    /** Stops measuring (display thread). */
    void stop() {
        endNanos = System.nanoTime();
        endCpu = uiCpuNanos();
        endCalls = synchronizer.snapshot();
        endGc = gc();
        display.removeFilter(SWT.Paint, paintFilter);
        for (Widget w : viewOf.keySet()) {
            if (!w.isDisposed()) {
                w.removeListener(SWT.Paint, paintEnd);
            }
        }
    }

    /** The target of synthetic clicks gets the latency listener (display thread). */
    void clickTarget(Control target) {
        target.addListener(SWT.MouseDown, mouseDown);
    }

    /**
     * Posts one synthetic click at a display point (any thread): move, press, release. The latency
     * counts from the press's post to the MouseDown listener.
     */
    void click(int x, int y) {
        if (postFromUi) {
            // SWT refused the post off the display thread: the click is handed to it, and its clock
            // starts here, so it includes the wait for the display thread (as a real click waits)
            long at = System.nanoTime();
            display.asyncExec(() -> {
                long start = System.nanoTime();
                synchronized (inputLatencies) {
                    clickWaits.add(start - at);
                }
                post(x, y, at);
            });
        } else {
            try {
                post(x, y, System.nanoTime());
            } catch (RuntimeException refused) {
                postRefused = refused.toString();
                postFromUi = true;
            }
        }
    }

    /** How clicks are posted, for the report. */
    String clickPath() {
        return postFromUi ? "posted on the display thread (off it: " + postRefused + ")" : "posted from a harness thread";
    }

    private volatile boolean postFromUi;
    private volatile String postRefused;

    private void post(int x, int y, long at) {
        Event move = new Event();
        move.type = SWT.MouseMove;
        move.x = x;
        move.y = y;
        display.post(move);
        Event down = new Event();
        down.type = SWT.MouseDown;
        down.button = 1;
        postedAt.set(at);
        display.post(down);
        Event up = new Event();
        up.type = SWT.MouseUp;
        up.button = 1;
        display.post(up);
        clicksPosted++;
    }

    double seconds() {
        return (endNanos - startNanos) / 1e9;
    }

    /** UI thread CPU time over wall time, in percent. */
    double uiBusyPercent() {
        return (endCpu - startCpu) / (double) (endNanos - startNanos) * 100;
    }

    Map<String, ViewFigures> views() {
        return figures;
    }

    /** Calls made during the phase per origin: {async, sync, run nanos}. */
    Map<String, long[]> calls() {
        Map<String, long[]> out = new java.util.TreeMap<>();
        endCalls.forEach((k, v) -> {
            long[] s = startCalls.getOrDefault(k, new long[3]);
            long[] d = {v[0] - s[0], v[1] - s[1], v[2] - s[2]};
            if (d[0] + d[1] > 0) {
                out.put(k, d);
            }
        });
        return out;
    }

    /** Collections during the phase per collector bean: {count, millis}. */
    Map<String, long[]> gcDelta() {
        Map<String, long[]> out = new LinkedHashMap<>();
        endGc.forEach((k, v) -> {
            long[] s = startGc.getOrDefault(k, new long[2]);
            out.put(k, new long[] {v[0] - s[0], v[1] - s[1]});
        });
        return out;
    }

    List<Long> inputLatencies() {
        synchronized (inputLatencies) {
            return List.copyOf(inputLatencies);
        }
    }

    /** How long each click waited for the display thread before it could be posted. */
    List<Long> clickWaits() {
        synchronized (inputLatencies) {
            return List.copyOf(clickWaits);
        }
    }

    long clicksPosted() {
        return clicksPosted;
    }

    /** The q-quantile of nanosecond samples, in milliseconds; NaN when there are none. */
    static double quantileMillis(List<Long> samples, double q) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        long[] sorted = samples.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
    }

    private void paintStarted(Event e) {
        String view = view(e.widget);
        if (view == null) {
            return;
        }
        paintStart.put(e.widget, System.nanoTime());
    }

    private void paintEnded(Event e) {
        Long start = paintStart.remove(e.widget);
        String view = viewOf.get(e.widget);
        // a repaint is a paint of a control that draws itself (a listener besides this one) or of a
        // native list; the bare composites around them paint nothing and are not counted
        if (start == null || view == null || !(e.widget.getListeners(SWT.Paint).length > 1
                || e.widget instanceof org.eclipse.swt.widgets.Table || e.widget instanceof org.eclipse.swt.widgets.Tree)) {
            return;
        }
        long took = System.nanoTime() - start;
        ViewFigures f = figures.get(view);
        f.paints++;
        f.paintNanos += took;
        f.paintTimes.add(took);
    }

    private String view(Widget widget) {
        if (viewOf.containsKey(widget)) {
            return viewOf.get(widget);
        }
        String view = null;
        if (widget instanceof Control control) {
            for (Control c = control; c != null && view == null; c = c.getParent()) {
                view = roots.get(c);
            }
        }
        viewOf.put(widget, view);
        if (view != null) {
            // added after the view's own paint listeners, so it runs last and marks the paint's end
            widget.addListener(SWT.Paint, paintEnd);
        }
        return view;
    }

    private void clicked() {
        long posted = postedAt.getAndSet(0);
        if (posted != 0) {
            synchronized (inputLatencies) {
                inputLatencies.add(System.nanoTime() - posted);
            }
        }
    }

    private long uiCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.getThreadCpuTime(display.getThread().threadId());
    }

    private static Map<String, long[]> gc() {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            out.put(bean.getName(), new long[] {bean.getCollectionCount(), bean.getCollectionTime()});
        }
        return out;
    }
}
