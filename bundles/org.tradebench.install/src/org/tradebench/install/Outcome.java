package org.tradebench.install;

import java.util.List;

/**
 * What an install or removal changed.
 *
 * @param summary one line for the trader, e.g. "installed Bitfinex Connector 0.2.0 (1 bundle)"
 * @param bundlesAdded the bundles added, as {@code symbolicName version}
 * @param bundlesRemoved the bundles removed, as {@code symbolicName version}
 * @param appliedLive whether the running Tradebench took the change at once (bundles installed or
 *        removed and started without a restart); when false a restart applies it
 * @param exchangesAdded the exchange ids whose connectors the install added (they are switched on
 *        for the workbench); empty when none, or when the change was not applied live
 * @param exchangesRemoved the exchange ids whose connectors the removal took away
 */
public record Outcome(String summary, List<String> bundlesAdded, List<String> bundlesRemoved, boolean appliedLive,
        List<String> exchangesAdded, List<String> exchangesRemoved) {

    /** Copies the lists. */
    public Outcome {
        bundlesAdded = List.copyOf(bundlesAdded);
        bundlesRemoved = List.copyOf(bundlesRemoved);
        exchangesAdded = List.copyOf(exchangesAdded);
        exchangesRemoved = List.copyOf(exchangesRemoved);
    }

    /**
     * An outcome that added or removed no exchange.
     *
     * @param summary the line for the trader
     * @param bundlesAdded the bundles added
     * @param bundlesRemoved the bundles removed
     * @param appliedLive whether the running Tradebench took the change at once
     */
    public Outcome(String summary, List<String> bundlesAdded, List<String> bundlesRemoved, boolean appliedLive) {
        this(summary, bundlesAdded, bundlesRemoved, appliedLive, List.of(), List.of());
    }
}
