package org.tradebench.connector.support.stream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.tradebench.api.Subscription;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentListener;
import org.tradebench.api.instrument.InstrumentsChanged;
import org.tradebench.connector.support.ConnectorRuntime;

/**
 * The instruments a connector's exchange lists now, and the stream behind
 * {@link org.tradebench.api.ExchangeConnector#subscribeInstruments}: a new subscriber gets the
 * whole list first, then each change (what was added, changed or removed) as the connector replaces
 * the list. Where the list comes from (a REST answer, a welcome message, a configuration) is the
 * connector's; the bookkeeping is here.
 *
 * <pre>{@code
 * InstrumentDirectory directory = new InstrumentDirectory(runtime, "example");
 * // runtime lock held, each time the exchange's list arrives:
 * InstrumentsChanged c = directory.replace(adapters.instruments(answer));
 * if (c != null) {
 *     for (InstrumentId gone : c.removed()) { marketData.delisted(gone); }
 * }
 * // ExchangeConnector:
 * public List<Instrument> instruments() { return directory.instruments(); }
 * public Subscription subscribeInstruments(InstrumentListener l) { return directory.subscribe(l); }
 * }</pre>
 *
 * <p>{@link #replace} runs under the runtime lock; {@link #instruments()}, {@link #loaded()} and
 * {@link #find} from any thread.
 */
public final class InstrumentDirectory {

    private final String exchangeId;
    private final EventStream<InstrumentListener, InstrumentsChanged> changes;
    private volatile List<Instrument> instruments = List.of();
    private volatile boolean loaded;

    /**
     * Creates an empty directory.
     *
     * @param runtime the connector's runtime (listeners hear changes on its delivery thread)
     * @param exchangeId the connector id the changes name
     */
    public InstrumentDirectory(ConnectorRuntime runtime, String exchangeId) {
        this.exchangeId = Objects.requireNonNull(exchangeId, "exchangeId");
        this.changes = new EventStream<>(runtime, "instruments", SharedStream.Owner.NONE);
        changes.onJoin(s -> changes.publishTo(s, InstrumentsChanged.initial(exchangeId, instruments)));
    }

    /**
     * The instruments now, in the exchange's order.
     *
     * @return an immutable list, empty until the first {@link #replace}
     */
    public List<Instrument> instruments() {
        return instruments;
    }

    /**
     * Whether a list arrived.
     *
     * @return true after the first {@link #replace}, even of an empty list
     */
    public boolean loaded() {
        return loaded;
    }

    /**
     * Looks an instrument up.
     *
     * @param id the instrument
     * @return the instrument, or empty when the exchange does not list it (or no list arrived yet)
     */
    public Optional<Instrument> find(InstrumentId id) {
        Objects.requireNonNull(id, "id");
        for (Instrument i : instruments) {
            if (i.id().equals(id)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /**
     * Streams the list: the whole list at once, then every change.
     *
     * @param listener hears {@link InstrumentsChanged} on the delivery thread
     * @return the subscription
     */
    public Subscription subscribe(InstrumentListener listener) {
        Objects.requireNonNull(listener, "listener");
        return changes.attach(changes.subscription(listener, InstrumentListener::onInstruments));
    }

    /**
     * Replaces the list with what the exchange lists now and tells the subscribers what changed
     * (runtime lock held). The first list is always published, even when empty; later ones only when
     * something was added, changed or removed.
     *
     * @param next the instruments now
     * @return the change published, or null when nothing changed
     */
    public InstrumentsChanged replace(List<Instrument> next) {
        List<Instrument> now = List.copyOf(next);
        Map<InstrumentId, Instrument> old = new LinkedHashMap<>();
        for (Instrument i : instruments) {
            old.put(i.id(), i);
        }
        List<Instrument> added = new ArrayList<>();
        List<Instrument> changed = new ArrayList<>();
        for (Instrument i : now) {
            Instrument was = old.remove(i.id());
            if (was == null) {
                added.add(i);
            } else if (!was.equals(i)) {
                changed.add(i);
            }
        }
        List<InstrumentId> removed = List.copyOf(old.keySet());
        boolean first = !loaded;
        instruments = now;
        loaded = true;
        if (!first && added.isEmpty() && changed.isEmpty() && removed.isEmpty()) {
            return null;
        }
        InstrumentsChanged c = new InstrumentsChanged(exchangeId, now, added, changed, removed);
        changes.publish(c, System.nanoTime());
        return c;
    }
}
