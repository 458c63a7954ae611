package org.tradebench.api.instrument;

import org.osgi.annotation.versioning.ConsumerType;
import org.tradebench.api.StreamListener;

/**
 * Receives changes of a connector's instrument list: the whole list first, then every change
 * (the exchange listed, delisted or changed the rules of a market). Runs on a connector delivery
 * thread; must not block.
 */
@FunctionalInterface
@ConsumerType
public interface InstrumentListener extends StreamListener {

    /**
     * The instrument list changed (or, on subscribing, the current list).
     *
     * @param change what changed, with the whole list
     */
    void onInstruments(InstrumentsChanged change);
}
