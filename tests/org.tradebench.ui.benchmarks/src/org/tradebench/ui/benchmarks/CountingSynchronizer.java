package org.tradebench.ui.benchmarks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Synchronizer;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Counts every {@code asyncExec} and {@code syncExec} made on the display, per bundle of the
 * runnable's class (a lambda's class belongs to the bundle that wrote it, so a view's calls count
 * under the view's bundle; a {@code UiThrottler}'s under {@code org.tradebench.ui.core}, whose
 * runnable names the view's action in {@link #owner}), and the wall time the UI thread spends
 * running them.
 */
final class CountingSynchronizer extends Synchronizer {

    /** Calls and run time of one origin. */
    static final class Counts {
        final LongAdder async = new LongAdder();
        final LongAdder sync = new LongAdder();
        final LongAdder runNanos = new LongAdder();
    }

    private final Map<String, Counts> byOrigin = new ConcurrentHashMap<>();
    private final Map<Class<?>, String> origins = new ConcurrentHashMap<>();

    CountingSynchronizer(Display display) {
        super(display);
    }

    @Override
    protected void asyncExec(Runnable runnable) {
        if (runnable == null) {
            super.asyncExec(null); // a wake-up, not a call
            return;
        }
        Counts c = counts(runnable);
        c.async.increment();
        super.asyncExec(timed(runnable, c));
    }

    @Override
    protected void syncExec(Runnable runnable) {
        if (runnable == null) {
            super.syncExec(null);
            return;
        }
        Counts c = counts(runnable);
        c.sync.increment();
        super.syncExec(timed(runnable, c));
    }

    /** A snapshot of the counters: origin → {async, sync, run nanos}. */
    Map<String, long[]> snapshot() {
        Map<String, long[]> out = new java.util.TreeMap<>();
        byOrigin.forEach((k, v) -> out.put(k, new long[] {v.async.sum(), v.sync.sum(), v.runNanos.sum()}));
        return out;
    }

    private static Runnable timed(Runnable runnable, Counts c) {
        return () -> {
            long start = System.nanoTime();
            try {
                runnable.run();
            } finally {
                c.runNanos.add(System.nanoTime() - start);
            }
        };
    }

    private Counts counts(Runnable runnable) {
        String origin = origins.computeIfAbsent(runnable.getClass(), CountingSynchronizer::owner);
        if (origin.equals(UI_CORE)) {
            // one lambda class serves every UiThrottler: the view is the owner of the throttler's action
            origin = throttlerOwner(runnable);
        }
        return byOrigin.computeIfAbsent(origin, k -> new Counts());
    }

    private static final String UI_CORE = "org.tradebench.ui.core";

    /** For a UiThrottler's own runnable, the bundle of the action it throttles. */
    private static String throttlerOwner(Runnable runnable) {
        try {
            for (java.lang.reflect.Field f : runnable.getClass().getDeclaredFields()) {
                f.setAccessible(true);
                Object captured = f.get(runnable);
                if (captured instanceof org.tradebench.ui.core.UiThrottler throttler) {
                    java.lang.reflect.Field action = org.tradebench.ui.core.UiThrottler.class.getDeclaredField("action");
                    action.setAccessible(true);
                    return owner(action.get(throttler).getClass());
                }
            }
        } catch (ReflectiveOperationException | RuntimeException unknown) {
            // counted under ui.core
        }
        return UI_CORE;
    }

    /** The bundle that defined a runnable's class, else its package. */
    static String owner(Class<?> type) {
        Bundle bundle = FrameworkUtil.getBundle(type);
        if (bundle != null) {
            return bundle.getSymbolicName();
        }
        return type.getPackageName();
    }
}
