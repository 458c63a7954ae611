package org.tradebench.cli.tests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.tradebench.cli.live.StopSignal;

/**
 * Ends a live command's run when the fake connector has played its script: {@link #await} plays it
 * and returns at once, as if the duration had passed (or, with {@code interrupt}, as if the user
 * pressed Ctrl-C). Remembers the limits it was given.
 */
final class ScriptStop implements StopSignal {

    private final FakeProvider provider;
    private final boolean interrupt;
    final List<Duration> limits = new ArrayList<>();
    volatile boolean finished;

    ScriptStop(FakeProvider provider, boolean interrupt) {
        this.provider = provider;
        this.interrupt = interrupt;
    }

    @Override
    public boolean await(Duration limit) {
        limits.add(limit);
        provider.last().play();
        return interrupt;
    }

    @Override
    public void finished() {
        finished = true;
    }
}
