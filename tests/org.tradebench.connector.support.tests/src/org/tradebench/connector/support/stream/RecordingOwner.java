package org.tradebench.connector.support.stream;

import java.util.ArrayList;
import java.util.List;

import org.tradebench.connector.support.ConnectorRuntime;

/**
 * An {@link SharedStream.Owner} for tests: records "first" and "last" calls, and a problem when
 * one comes off the control thread or without the runtime lock.
 */
final class RecordingOwner implements SharedStream.Owner {

    private final ConnectorRuntime runtime;
    private final List<String> calls = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    RecordingOwner(ConnectorRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public synchronized void firstSubscriber(SharedStream<?> stream) {
        check("first");
        calls.add("first");
    }

    @Override
    public synchronized void lastSubscriberLeft(SharedStream<?> stream) {
        check("last");
        calls.add("last");
    }

    private void check(String what) {
        if (!Thread.holdsLock(runtime.lock())) {
            problems.add(what + " without the runtime lock");
        }
        if (!runtime.isControlThread()) {
            problems.add(what + " on " + Thread.currentThread().getName());
        }
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }
}
