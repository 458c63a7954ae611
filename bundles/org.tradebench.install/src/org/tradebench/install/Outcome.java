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
 */
public record Outcome(String summary, List<String> bundlesAdded, List<String> bundlesRemoved, boolean appliedLive) {

    /** Copies the lists. */
    public Outcome {
        bundlesAdded = List.copyOf(bundlesAdded);
        bundlesRemoved = List.copyOf(bundlesRemoved);
    }
}
