package org.tradebench.api.market;

import org.osgi.annotation.versioning.ConsumerType;
import org.tradebench.api.StreamListener;

/**
 * Receives mark price, funding and open interest updates. Runs on a connector delivery thread;
 * must not block; conflated to the latest value for a slow listener.
 */
@FunctionalInterface
@ConsumerType
public interface MarkPriceListener extends StreamListener {

    /**
     * A new mark price event.
     *
     * @param mark the latest values
     */
    void onMarkPrice(MarkPrice mark);
}
