package org.tradebench.api.instrument;

import java.util.List;
import java.util.Objects;

/**
 * A change of a connector's instrument list.
 *
 * <pre>{@code
 * connector.subscribeInstruments(change -> {
 *     watchlist.setInstruments(change.instruments());
 *     change.removed().forEach(watchlist::markDelisted);
 * });
 * }</pre>
 *
 * @param exchangeId the connector id
 * @param instruments every instrument now
 * @param added instruments that are new (every one on the first event)
 * @param changed instruments whose rules changed
 * @param removed instruments that are gone
 */
public record InstrumentsChanged(String exchangeId, List<Instrument> instruments, List<Instrument> added,
        List<Instrument> changed, List<InstrumentId> removed) {

    /** Validates and copies. */
    public InstrumentsChanged {
        Objects.requireNonNull(exchangeId, "exchangeId");
        instruments = List.copyOf(instruments);
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }

    /**
     * The first event of a subscription: everything is new.
     *
     * @param exchangeId the connector id
     * @param instruments the list
     * @return the event
     */
    public static InstrumentsChanged initial(String exchangeId, List<Instrument> instruments) {
        return new InstrumentsChanged(exchangeId, instruments, instruments, List.of(), List.of());
    }
}
