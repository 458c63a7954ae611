package org.tradebench.ui.core;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.swt.SWTException;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Widget;

/**
 * Runs an action on the display thread at most once per interval, however often and from however
 * many threads {@link #schedule()} is called. At most one run is pending at any time; calls made
 * while one is pending merge into it. The pattern is {@code org.eclipse.jface.util.Throttler}'s,
 * with an immediate first run when the previous one is older than the interval.
 *
 * <p>The action reads the latest state (it is not told what changed): a connector thread writes
 * the newest value into a volatile field or an immutable snapshot, then calls {@code schedule()}.
 * Because the pending flag is cleared just <em>before</em> the action runs, a change that lands
 * while the action runs schedules another run, so the last state is always shown.
 *
 * <pre>{@code
 * private volatile Ticker latest;
 * private UiThrottler refresh;
 *
 * public void createPartControl(Composite parent) {
 *     label = new Label(parent, SWT.NONE);
 *     refresh = new UiThrottler(label, UiThrottler.DEFAULT_INTERVAL,
 *             () -> label.setText(PriceFormat.format(latest.last(), 2)));
 *     subscription = connector.marketData().subscribeTicker(id, t -> {
 *         latest = t;          // connector thread: record, do not touch widgets
 *         refresh.schedule();  // at most one asyncExec per interval
 *     });
 * }
 * }</pre>
 *
 * <p>Thread-safe: {@link #schedule()} and {@link #cancel()} may be called from any thread; the
 * action always runs on the display thread. Once the owner widget or the display is disposed, or
 * after {@link #cancel()}, the action no longer runs and {@code schedule()} costs one volatile
 * read.
 */
public final class UiThrottler {

    /** A refresh interval good for most views: about 30 frames per second. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(33);

    /** The shortest allowed interval: one 60 Hz frame. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(16);

    /** The longest allowed interval. */
    public static final Duration MAX_INTERVAL = Duration.ofSeconds(1);

    private final Display display;
    private final Widget owner;
    private final Runnable action;
    private final long intervalNanos;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Runnable arm = this::arm;
    private final Runnable fire = this::fire;
    private volatile boolean cancelled;

    // display thread only
    private boolean ranBefore;
    private long lastRunNanos;
    private long runs;

    /**
     * A throttler that stops when its owner widget is disposed.
     *
     * @param owner the widget whose life bounds the throttler's (usually the view's control)
     * @param interval the minimum time between two runs, {@link #MIN_INTERVAL} to
     *        {@link #MAX_INTERVAL}
     * @param action what to run on the display thread
     * @throws IllegalArgumentException when the interval is out of range
     */
    public UiThrottler(Widget owner, Duration interval, Runnable action) {
        this(Objects.requireNonNull(owner, "owner").getDisplay(), owner, interval, action);
    }

    /**
     * A throttler bound to a display only; call {@link #cancel()} when it is no longer needed.
     *
     * @param display the display whose thread runs the action
     * @param interval the minimum time between two runs, {@link #MIN_INTERVAL} to
     *        {@link #MAX_INTERVAL}
     * @param action what to run on the display thread
     * @throws IllegalArgumentException when the interval is out of range
     */
    public UiThrottler(Display display, Duration interval, Runnable action) {
        this(display, null, interval, action);
    }

    private UiThrottler(Display display, Widget owner, Duration interval, Runnable action) {
        this.display = Objects.requireNonNull(display, "display");
        this.owner = owner;
        this.action = Objects.requireNonNull(action, "action");
        Objects.requireNonNull(interval, "interval");
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("throttle interval must be " + MIN_INTERVAL.toMillis() + " ms to "
                    + MAX_INTERVAL.toMillis() + " ms, was " + interval.toMillis() + " ms");
        }
        this.intervalNanos = interval.toNanos();
    }

    /**
     * Asks for one run of the action. Returns at once; cheap enough to call for every market data
     * event. Any thread.
     */
    public void schedule() {
        if (cancelled || pending.get() || !pending.compareAndSet(false, true)) {
            return;
        }
        if (display.isDisposed()) {
            return; // stays pending: nothing will ever run again
        }
        try {
            display.asyncExec(arm);
        } catch (SWTException disposedMeanwhile) {
            // the display went away between the check and the call: nothing left to refresh
        }
    }

    /**
     * Drops a pending run and ignores every later {@link #schedule()}. Any thread; idempotent.
     */
    public void cancel() {
        cancelled = true;
    }

    /**
     * Whether a run is requested and has not started yet.
     *
     * @return true while pending
     */
    public boolean isPending() {
        return pending.get();
    }

    /**
     * How many times the action ran. Display thread (diagnostics and tests).
     *
     * @return the run count
     */
    public long runs() {
        return runs;
    }

    private boolean isDead() {
        return cancelled || display.isDisposed() || (owner != null && owner.isDisposed());
    }

    // display thread: wait out the rest of the interval, or run now
    private void arm() {
        if (isDead()) {
            return;
        }
        long wait = ranBefore ? intervalNanos - (System.nanoTime() - lastRunNanos) : 0;
        if (wait <= 0) {
            fire();
        } else {
            display.timerExec((int) Math.max(1, (wait + 999_999) / 1_000_000), fire);
        }
    }

    // display thread
    private void fire() {
        if (isDead()) {
            return;
        }
        // cleared first: a change arriving while the action runs must schedule another run
        pending.set(false);
        ranBefore = true;
        lastRunNanos = System.nanoTime();
        runs++;
        action.run();
    }
}
