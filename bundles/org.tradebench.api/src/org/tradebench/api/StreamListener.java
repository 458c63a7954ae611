package org.tradebench.api;

import org.osgi.annotation.versioning.ConsumerType;
import org.tradebench.api.health.DataHealth;

/**
 * What every stream listener has in common: it hears when the health of its stream changes
 * (pending, live, stale, resynchronising, served from REST, failed with a cause, closed).
 *
 * <p>The method has a default that does nothing, so a listener written as a lambda receives the
 * data only; a view that shows the stream's state implements it:
 *
 * <pre>{@code
 * class TapeModel implements TradeListener {
 *     public void onTrade(Trade t) { rows.add(t); }
 *     public void onHealth(DataHealth h) { badge = h.state() + " " + h.cause(); }
 * }
 * }</pre>
 *
 * <p>Runs on the subscription's delivery thread, in order with the data callbacks. A stream that
 * cannot be served (an unknown pair, a stream this exchange does not offer) ends with one call
 * whose state is {@link org.tradebench.api.health.DataState#FAILED} and whose cause is the
 * exchange's text.
 */
@ConsumerType
public interface StreamListener {

    /**
     * The stream's health changed.
     *
     * @param health the new health
     */
    default void onHealth(DataHealth health) {
    }
}
