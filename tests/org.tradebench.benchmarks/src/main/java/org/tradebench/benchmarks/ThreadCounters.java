package org.tradebench.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Bytes allocated and CPU time used by the live threads whose names start with given prefixes, read
 * from the JVM's per-thread counters ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}
 * and {@code #getThreadCpuTime}). Two samples give what each thread used between them; a thread that
 * appeared in between counts from zero, one that ended is left out (its counters are gone).
 *
 * <pre>{@code
 * ThreadCounters.Sample before = ThreadCounters.sample("bitfinex-");
 * ... 100,000 messages ...
 * for (ThreadCounters.Use u : ThreadCounters.sample("bitfinex-").minus(before)) {
 *     System.out.println(u.name() + " " + u.bytes() / 100_000.0 + " B/msg");
 * }
 * }</pre>
 *
 * <p>Sampling allocates on the sampling thread only, and needs no safepoint: threads are listed from
 * the root thread group and their counters are read without stopping them. Thread-safe.
 */
public final class ThreadCounters {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static {
        if (THREADS.isThreadAllocatedMemorySupported() && !THREADS.isThreadAllocatedMemoryEnabled()) {
            THREADS.setThreadAllocatedMemoryEnabled(true);
        }
        if (THREADS.isThreadCpuTimeSupported() && !THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
    }

    private ThreadCounters() {
    }

    /**
     * What one thread used between two samples.
     *
     * @param name the thread's name
     * @param bytes bytes allocated
     * @param cpuNanos CPU time (user and system), -1 when the JVM does not measure it
     */
    public record Use(String name, long bytes, long cpuNanos) {

        /** Validates. */
        public Use {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * The counters of some threads at one moment.
     *
     * @param ids thread ids
     * @param names their names
     * @param bytes their allocated bytes so far (-1 when the thread ended while sampling)
     * @param cpuNanos their CPU time so far (-1 when unknown)
     */
    public record Sample(long[] ids, String[] names, long[] bytes, long[] cpuNanos) {

        /** Validates. */
        public Sample {
            Objects.requireNonNull(ids, "ids");
            Objects.requireNonNull(names, "names");
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(cpuNanos, "cpuNanos");
        }

        /**
         * What each thread of this (later) sample used since {@code earlier}.
         *
         * @param earlier the earlier sample
         * @return one entry per live thread, by name
         */
        public List<Use> minus(Sample earlier) {
            Map<Long, Integer> before = new HashMap<>();
            for (int i = 0; i < earlier.ids.length; i++) {
                before.put(earlier.ids[i], i);
            }
            List<Use> out = new ArrayList<>();
            for (int i = 0; i < ids.length; i++) {
                if (bytes[i] < 0) {
                    continue;
                }
                Integer j = before.get(ids[i]);
                long bytesBefore = j == null ? 0 : Math.max(0, earlier.bytes[j]);
                long cpuBefore = j == null ? 0 : Math.max(0, earlier.cpuNanos[j]);
                long cpu = cpuNanos[i] < 0 ? -1 : cpuNanos[i] - cpuBefore;
                out.add(new Use(names[i], bytes[i] - bytesBefore, cpu));
            }
            out.sort((a, b) -> a.name().compareTo(b.name()));
            return out;
        }
    }

    /**
     * Samples the live threads whose names start with one of the prefixes.
     *
     * @param prefixes for example {@code "bitfinex-"}
     * @return the sample
     */
    public static Sample sample(String... prefixes) {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] all = new Thread[root.activeCount() + 64];
        int n = root.enumerate(all, true);
        long[] ids = new long[n];
        String[] names = new String[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            String name = all[i].getName();
            for (String p : prefixes) {
                if (name.startsWith(p)) {
                    ids[k] = all[i].threadId();
                    names[k] = name;
                    k++;
                    break;
                }
            }
        }
        ids = Arrays.copyOf(ids, k);
        names = Arrays.copyOf(names, k);
        long[] cpu = THREADS.isThreadCpuTimeEnabled() ? THREADS.getThreadCpuTime(ids) : filled(k);
        return new Sample(ids, names, THREADS.getThreadAllocatedBytes(ids), cpu);
    }

    private static long[] filled(int n) {
        long[] a = new long[n];
        Arrays.fill(a, -1);
        return a;
    }
}
