package org.tradebench.connector.support.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.tradebench.api.StreamListener;
import org.tradebench.api.health.DataHealth;

/**
 * A listener of string events for tests: records every callback as a line ({@code "event e1"},
 * {@code "health failed: Bitfinex: unknown pair (10001)"}) and a problem whenever the API's threading
 * contract is broken: a callback off the delivery thread, two callbacks of one subscription at
 * once.
 */
class Recorder implements StreamListener {

    /** How the stream calls a recorder (a constant, as connectors use). */
    static final StreamSubscription.Call<Recorder, String> ON_EVENT = Recorder::onEvent;

    private final String deliveryThread;
    private final List<String> lines = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final AtomicBoolean inside = new AtomicBoolean();
    volatile Consumer<String> onEvent = e -> {
    };

    Recorder(String runtimeName) {
        this.deliveryThread = runtimeName + "-delivery";
    }

    void onEvent(String event) {
        enter();
        try {
            synchronized (this) {
                lines.add("event " + event);
            }
            onEvent.accept(event);
        } finally {
            inside.set(false);
        }
    }

    @Override
    public void onHealth(DataHealth health) {
        enter();
        try {
            synchronized (this) {
                lines.add("health " + health.state().wireName() + (health.cause().isEmpty() ? "" : ": " + health.cause()));
            }
        } finally {
            inside.set(false);
        }
    }

    private void enter() {
        if (!inside.compareAndSet(false, true)) {
            problem("two callbacks at once");
        }
        String t = Thread.currentThread().getName();
        if (!t.equals(deliveryThread)) {
            problem("callback on " + t);
        }
    }

    synchronized void problem(String p) {
        problems.add(p);
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized int size() {
        return lines.size();
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }
}
