package org.tradebench.api.trading;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hears the steps of one order in flight ("sending…", "accepted", "placing TP/SL…", filled or
 * rejected with the exchange's text). Runs on a delivery thread; must not block.
 */
@FunctionalInterface
@ConsumerType
public interface OrderProgressListener {

    /**
     * A step happened.
     *
     * @param progress the step
     */
    void onProgress(OrderProgress progress);
}
