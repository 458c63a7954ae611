package org.tradebench.cli;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import org.tradebench.cli.decode.Pacer;
import org.tradebench.cli.live.StopSignal;

/**
 * Time as the commands see it: the clock {@code replay} paces by, what ends a live command, and how
 * long a live command waits for its connector's instrument list. Tests replace them to run
 * instantly and end a run when their fake connector is done.
 *
 * <pre>{@code
 * Cli.run(args, providers, in, out, err, Timing.system());
 * Cli.run(args, providers, in, out, err, new Timing(fakePacer, () -> scriptDone, Duration.ofMillis(100)));
 * }</pre>
 *
 * @param pacer the replay clock
 * @param stops a new stop signal for each live command
 * @param instrumentWait how long a live command waits for the instrument list
 */
public record Timing(Pacer pacer, Supplier<StopSignal> stops, Duration instrumentWait) {

    /** How long a shutdown (Ctrl-C) waits for a live command to close and print its summary. */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    /** Validates. */
    public Timing {
        Objects.requireNonNull(pacer, "pacer");
        Objects.requireNonNull(stops, "stops");
        Objects.requireNonNull(instrumentWait, "instrumentWait");
    }

    /**
     * The real clock, Ctrl-C through a shutdown hook, and 10 seconds for the instrument list.
     *
     * @return the timing
     */
    public static Timing system() {
        return new Timing(Pacer.system(), () -> StopSignal.onShutdown(SHUTDOWN_GRACE), Duration.ofSeconds(10));
    }
}
