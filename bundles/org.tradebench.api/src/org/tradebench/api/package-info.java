/**
 * The Tradebench API: what exchange connectors implement and what views consume.
 *
 * <p>An exchange connector registers one {@link org.tradebench.api.ExchangeConnector} OSGi service
 * with the properties {@link org.tradebench.api.ExchangeConnector#PROPERTY_EXCHANGE_ID} and
 * {@link org.tradebench.api.ExchangeConnector#PROPERTY_DISPLAY_NAME}. Views find connectors through
 * the service registry (Declarative Services or a ServiceTracker) and never import a connector
 * bundle.
 *
 * <h2>Versions</h2>
 * Every package carries a semantic version ({@code @Version} in its {@code package-info}); the
 * build compares each release with the previous one and fails on a change the version does not
 * announce. Types marked {@code @ProviderType} are implemented by connectors (a minor version adds
 * methods to them, so connectors import {@code [x.y,x.y+1)}); types marked {@code @ConsumerType}
 * (listeners) are implemented by views and only change in a major version, so views import
 * {@code [x,x+1)}. Records grow by new components at the end, and the previous canonical
 * constructor stays as a delegating constructor.
 *
 * <h2>Threading contract</h2>
 * <ul>
 * <li>Every listener callback of this API runs on a connector-owned delivery thread, never on the
 * UI thread and never on the thread that reads the network.</li>
 * <li>Callbacks of one subscription arrive one at a time and in order; callbacks of different
 * subscriptions may run on other threads and concurrently.</li>
 * <li>{@code subscribe...} methods return at once and never call the listener before they return:
 * the first callback (current state, or a health change) comes later on the delivery thread.</li>
 * <li>A callback may close its own or any other subscription and may subscribe again
 * (re-entrantly); the new subscription's callbacks start after the current callback returns.
 * Once {@link org.tradebench.api.Subscription#close()} has returned, no new callback of that
 * subscription starts.</li>
 * <li>A listener must not block: it records the latest state and returns. A slow listener is
 * measured (callbacks over 5 ms show in the connection health) and never slows the network
 * reader: book and ticker streams conflate to the latest state for it (a book update then carries
 * every level that changed since the listener's previous update, so no change is ever skipped);
 * trades, orders, fills, balances and positions queue for it and are never dropped.</li>
 * <li>A listener that throws is logged by the connector and keeps its subscription.</li>
 * <li>Futures ({@link java.util.concurrent.CompletionStage}) returned by connectors complete on a
 * connector delivery thread, never on the caller's thread before the method returned and never on
 * the network reader. Every future completes: with a value that says what happened (a rejected
 * order is a value, not an exception) or, for queries, exceptionally with a message for people.
 * (As with any {@code CompletableFuture}, a dependent stage added after completion runs on the
 * thread that adds it, and a thread blocked in {@code join()} may run dependents itself: keep
 * dependents short, or use the {@code ...Async} variants with your own executor.)</li>
 * </ul>
 *
 * <h2>Null contract</h2>
 * Parameters and return values are non-null unless a parameter or record component is documented
 * as nullable. Absent values are {@link java.util.Optional} in method results.
 *
 * <p>This bundle depends on {@code java.base} only (and, at compile time, on the OSGi versioning
 * annotations).
 */
@Version("0.3.0")
package org.tradebench.api;

import org.osgi.annotation.versioning.Version;
