package org.tradebench.examples.skeleton.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.tradebench.api.Subscription;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentListener;
import org.tradebench.api.instrument.InstrumentsChanged;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.stream.EventStream;
import org.tradebench.connector.support.stream.SharedStream;

/**
 * The instruments the exchange lists, as its last welcome message said, and their changes for
 * {@link org.tradebench.api.ExchangeConnector#subscribeInstruments} (the whole list first for a new
 * subscriber, then what was added, changed or removed).
 *
 * <p>Runtime lock held for {@link #update}; {@link #instruments()} and {@link #loaded()} from any
 * thread.
 */
public final class SkeletonCatalog {

    private static final SharedStream.Owner NO_OWNER = new SharedStream.Owner() {
        @Override
        public void firstSubscriber(SharedStream<?> stream) {
        }

        @Override
        public void lastSubscriberLeft(SharedStream<?> stream) {
        }
    };

    private final String exchangeId;
    private final EventStream<InstrumentListener, InstrumentsChanged> changes;
    private volatile List<Instrument> instruments = List.of();
    private volatile boolean loaded;

    /**
     * Creates an empty catalog.
     *
     * @param runtime the connector's runtime
     * @param exchangeId the connector id
     */
    public SkeletonCatalog(ConnectorRuntime runtime, String exchangeId) {
        this.exchangeId = Objects.requireNonNull(exchangeId, "exchangeId");
        this.changes = new EventStream<>(runtime, "instruments", NO_OWNER);
        changes.onJoin(s -> changes.publishTo(s, InstrumentsChanged.initial(exchangeId, instruments)));
    }

    /** @return the instruments now */
    public List<Instrument> instruments() {
        return instruments;
    }

    /** @return whether a welcome message listed the instruments */
    public boolean loaded() {
        return loaded;
    }

    /**
     * Streams the changes, the whole list first.
     *
     * @param listener the listener
     * @return the subscription
     */
    public Subscription subscribe(InstrumentListener listener) {
        Objects.requireNonNull(listener, "listener");
        return changes.attach(changes.subscription(listener, InstrumentListener::onInstruments));
    }

    /**
     * Replaces the list and publishes what changed (runtime lock held).
     *
     * @param now the instruments the exchange lists now
     * @return the ids that are gone
     */
    public List<InstrumentId> update(List<Instrument> now) {
        Map<InstrumentId, Instrument> before = new LinkedHashMap<>();
        for (Instrument i : instruments) {
            before.put(i.id(), i);
        }
        List<Instrument> added = new ArrayList<>();
        List<Instrument> changed = new ArrayList<>();
        for (Instrument i : now) {
            Instrument old = before.remove(i.id());
            if (old == null) {
                added.add(i);
            } else if (!old.equals(i)) {
                changed.add(i);
            }
        }
        List<InstrumentId> removed = List.copyOf(before.keySet());
        instruments = List.copyOf(now);
        loaded = true;
        if (!added.isEmpty() || !changed.isEmpty() || !removed.isEmpty()) {
            changes.publish(new InstrumentsChanged(exchangeId, instruments, added, changed, removed), System.nanoTime());
        }
        return removed;
    }
}
