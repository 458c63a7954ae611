package org.tradebench.cli.decode;

/**
 * Time for {@link ReplayCommand}: a clock and a way to wait, so tests replay instantly and still
 * check the pacing.
 *
 * <pre>{@code
 * Pacer real = Pacer.system();
 * long t = real.nanoTime();
 * real.sleepNanos(5_000_000); // 5 ms
 * }</pre>
 *
 * <p>Implemented by this bundle and by tests.
 */
public interface Pacer {

    /**
     * A monotonic clock.
     *
     * @return nanoseconds
     */
    long nanoTime();

    /**
     * Waits.
     *
     * @param nanos how long, &gt; 0
     * @throws InterruptedException when interrupted
     */
    void sleepNanos(long nanos) throws InterruptedException;

    /**
     * The real clock.
     *
     * @return {@link System#nanoTime()} and {@link Thread#sleep(long, int)}
     */
    static Pacer system() {
        return new Pacer() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        };
    }
}
