/**
 * The Tradebench API: what exchange connectors implement and what views consume.
 *
 * <p>An exchange connector registers one {@link org.tradebench.api.ExchangeConnector} OSGi service
 * with the properties {@link org.tradebench.api.ExchangeConnector#PROPERTY_EXCHANGE_ID} and
 * {@link org.tradebench.api.ExchangeConnector#PROPERTY_DISPLAY_NAME}. Views find connectors through
 * the service registry (Declarative Services or a ServiceTracker) and never import a connector
 * bundle.
 *
 * <h2>Threading contract</h2>
 * Every listener callback of this API runs on a connector-owned thread, never on the UI thread.
 * Callbacks for one subscription arrive one at a time and in order; callbacks of different
 * subscriptions may run concurrently. A listener must not block: it records the latest state and
 * returns. A listener that throws is logged by the connector and keeps its subscription.
 *
 * <h2>Null contract</h2>
 * Parameters and return values are non-null unless a parameter or record component is documented
 * as nullable. Absent values are {@link java.util.Optional} in method results.
 *
 * <p>This bundle depends on {@code java.base} only.
 */
package org.tradebench.api;
