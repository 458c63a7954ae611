package org.tradebench.core.tests;

import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Measures bytes allocated by the current thread, through the platform Threading MBean (the
 * {@code com.sun.management} interface is not visible to OSGi bundles, its MBean attribute is).
 *
 * <pre>{@code
 * AllocationMeter meter = new AllocationMeter();
 * long bytes = meter.measure(() -> book.set(Side.BUY, 100, 5));
 * }</pre>
 */
public final class AllocationMeter {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final ObjectName threading;
    private final boolean supported;

    /** Looks the Threading MBean up. */
    public AllocationMeter() {
        try {
            threading = new ObjectName("java.lang:type=Threading");
            Object s = server.getAttribute(threading, "ThreadAllocatedMemoryEnabled");
            supported = Boolean.TRUE.equals(s);
        } catch (JMException e) {
            throw new IllegalStateException("no Threading MBean", e);
        }
    }

    /**
     * Whether this JVM measures per-thread allocation.
     *
     * @return true when {@link #measure(Runnable)} works
     */
    public boolean isSupported() {
        return supported;
    }

    /**
     * Runs the action and returns what it allocated, minus the cost of measuring itself.
     *
     * @param action the code to measure
     * @return bytes allocated by the action on this thread
     */
    public long measure(Runnable action) {
        // The MBean call allocates a little (boxing, attribute lookup): measure that overhead by
        // running it back to back, and subtract it.
        long a = current();
        long b = current();
        long overhead = b - a;
        long before = current();
        action.run();
        long after = current();
        return Math.max(0, after - before - overhead);
    }

    private long current() {
        try {
            return (Long) server.getAttribute(threading, "CurrentThreadAllocatedBytes");
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }
}
