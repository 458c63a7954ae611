package org.tradebench.ui.chart.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The one background thread of the Chart bundle (candle clock, fallbacks, first account reads),
 * started with the first feed and stopped with the last, so that uninstalling the bundle leaves no
 * thread behind.
 */
final class ChartThreads {

    private static ScheduledExecutorService executor;
    private static int users;

    private ChartThreads() {
    }

    /** @return the executor, started if needed; pair with {@link #release()} */
    static synchronized ScheduledExecutorService acquire() {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "tradebench-chart");
                t.setDaemon(true);
                return t;
            });
        }
        users++;
        return executor;
    }

    /** One user is done; the last one stops the thread. */
    static synchronized void release() {
        if (users > 0 && --users == 0) {
            executor.shutdown();
            executor = null;
        }
    }
}
