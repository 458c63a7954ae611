package org.tradebench.connector.support.rpc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import org.tradebench.connector.support.ConnectorRuntime;

/**
 * Matches replies to requests by id, with a timeout for each: the only correct way to pair an
 * answer with its question (never "the oldest waiting request of that kind"). Every future
 * completes exactly once, on the delivery thread: with the reply, with the timeout's value, or with
 * the value {@link #completeAll} gives when the connection drops or the connector closes. Errors
 * are values here: a timeout is an answer that says "no answer within 10 s", not an exception.
 *
 * <pre>{@code
 * RequestCorrelator<Order> pending = new RequestCorrelator<>(runtime, "bitfinex orders");
 * CompletableFuture<Order> f = pending.expect(cid, Duration.ofSeconds(10), () -> order.unknown("no answer in 10 s"));
 * socket.send(newOrderMessage);
 * // when the reply arrives (runtime lock held):
 * pending.complete(cid, acknowledged);
 * // when the socket drops:
 * pending.completeAll(id -> orders.get(id).unknownAfterDisconnect());
 * }</pre>
 *
 * <p>Use it under the runtime lock.
 *
 * @param <R> the reply type
 */
public final class RequestCorrelator<R> {

    private final ConnectorRuntime runtime;
    private final String name;
    private final Map<String, Pending<R>> pending = new LinkedHashMap<>();

    /**
     * Creates a correlator.
     *
     * @param runtime the runtime (timeouts on its control thread, completions on its delivery thread)
     * @param name what it correlates, for messages
     */
    public RequestCorrelator(ConnectorRuntime runtime, String name) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Registers a request.
     *
     * @param id the id the reply will carry
     * @param timeout how long to wait
     * @param onTimeout the value the future gets when no reply came in time
     * @return the future of the reply
     * @throws IllegalStateException when a request with this id is already pending
     */
    public CompletableFuture<R> expect(String id, Duration timeout, Supplier<R> onTimeout) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(onTimeout, "onTimeout");
        if (pending.containsKey(id)) {
            throw new IllegalStateException(name + ": a request " + id + " is already waiting for its reply");
        }
        CompletableFuture<R> future = new CompletableFuture<>();
        Pending<R> p = new Pending<>(future, onTimeout);
        pending.put(id, p);
        p.timer = runtime.schedule(timeout, () -> {
            if (pending.get(id) == p) {
                pending.remove(id);
                runtime.delivery().complete(future, onTimeout.get());
            }
        });
        return future;
    }

    /**
     * Completes a request with its reply.
     *
     * @param id the reply's id
     * @param reply the reply
     * @return false when no request with this id was waiting (a late or unknown reply)
     */
    public boolean complete(String id, R reply) {
        Pending<R> p = pending.remove(id);
        if (p == null) {
            return false;
        }
        cancel(p);
        runtime.delivery().complete(p.future, reply);
        return true;
    }

    /**
     * Completes every waiting request with a value made from its id (the connection dropped, the
     * connector closes).
     *
     * @param outcome the value for each id
     * @return how many were waiting
     */
    public int completeAll(Function<String, R> outcome) {
        List<Map.Entry<String, Pending<R>>> all = new ArrayList<>(pending.entrySet());
        pending.clear();
        for (Map.Entry<String, Pending<R>> e : all) {
            cancel(e.getValue());
            runtime.delivery().complete(e.getValue().future, outcome.apply(e.getKey()));
        }
        return all.size();
    }

    /**
     * Whether a request is waiting.
     *
     * @param id the id
     * @return true while waiting
     */
    public boolean isPending(String id) {
        return pending.containsKey(id);
    }

    /**
     * The ids waiting, oldest first.
     *
     * @return a copy
     */
    public List<String> pendingIds() {
        return new ArrayList<>(pending.keySet());
    }

    /**
     * How many requests wait.
     *
     * @return the count
     */
    public int size() {
        return pending.size();
    }

    private static void cancel(Pending<?> p) {
        ScheduledFuture<?> t = p.timer;
        if (t != null) {
            t.cancel(false);
        }
    }

    private static final class Pending<R> {
        final CompletableFuture<R> future;
        final Supplier<R> onTimeout;
        ScheduledFuture<?> timer;

        Pending(CompletableFuture<R> future, Supplier<R> onTimeout) {
            this.future = future;
            this.onTimeout = onTimeout;
        }
    }
}
