package org.tradebench.transport;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Bytes allocated by every live thread, through the platform Threading MBean's
 * {@code getThreadAllocatedBytes(long[])} (the {@code com.sun.management} interface is not
 * visible to OSGi bundles; its MBean operation is).
 *
 * <pre>{@code
 * ThreadAllocations before = ThreadAllocations.take();
 * ... run the workload ...
 * Map<String, Long> perThread = ThreadAllocations.take().since(before, name -> !name.startsWith("server"));
 * }</pre>
 */
final class ThreadAllocations {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private final long[] ids;
    private final String[] names;
    private final long[] bytes;

    private ThreadAllocations(long[] ids, String[] names, long[] bytes) {
        this.ids = ids;
        this.names = names;
        this.bytes = bytes;
    }

    /** Bytes the calling thread has allocated so far (the call itself allocates a little). */
    static long currentThread() {
        try {
            return (Long) SERVER.invoke(new ObjectName("java.lang:type=Threading"), "getThreadAllocatedBytes",
                    new Object[] {Thread.currentThread().threadId()}, new String[] {long.class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("this JVM does not report per-thread allocation", e);
        }
    }

    /**
     * What {@code action} allocates on the calling thread, less the cost of measuring (taken
     * from two calls back to back).
     */
    static long onCurrentThread(Runnable action) {
        long a = currentThread();
        long b = currentThread();
        long overhead = b - a;
        long before = currentThread();
        action.run();
        long after = currentThread();
        return Math.max(0, after - before - overhead);
    }

    /** Reads every live thread's allocation counter now. */
    static ThreadAllocations take() {
        try {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long[] ids = threads.getAllThreadIds();
            ThreadInfo[] infos = threads.getThreadInfo(ids);
            String[] names = new String[ids.length];
            for (int i = 0; i < ids.length; i++) {
                names[i] = infos[i] == null ? "(ended)" : infos[i].getThreadName();
            }
            long[] bytes = (long[]) SERVER.invoke(new ObjectName("java.lang:type=Threading"), "getThreadAllocatedBytes",
                    new Object[] {ids}, new String[] {long[].class.getName()});
            return new ThreadAllocations(ids, names, bytes);
        } catch (JMException e) {
            throw new IllegalStateException("this JVM does not report per-thread allocation", e);
        }
    }

    /**
     * Bytes each included thread allocated since {@code before} (all of it for threads started
     * since), keyed {@code "name#id"}, largest first. Threads that ended meanwhile are missing
     * (their counters are gone): see {@link #ended(ThreadAllocations)}.
     */
    Map<String, Long> since(ThreadAllocations before, Predicate<String> include) {
        Map<Long, Long> old = new LinkedHashMap<>();
        for (int i = 0; i < before.ids.length; i++) {
            old.put(before.ids[i], before.bytes[i]);
        }
        Map<String, Long> delta = new LinkedHashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] < 0 || !include.test(names[i])) {
                continue;
            }
            delta.put(names[i] + "#" + ids[i], bytes[i] - old.getOrDefault(ids[i], 0L));
        }
        return delta.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue()), Map::putAll);
    }

    /** Names of threads alive in {@code before} and gone now (their allocation is not counted). */
    List<String> ended(ThreadAllocations before) {
        Set<Long> now = new HashSet<>();
        for (long id : ids) {
            now.add(id);
        }
        List<String> gone = new ArrayList<>();
        for (int i = 0; i < before.ids.length; i++) {
            if (!now.contains(before.ids[i])) {
                gone.add(before.names[i] + "#" + before.ids[i]);
            }
        }
        return gone;
    }
}
