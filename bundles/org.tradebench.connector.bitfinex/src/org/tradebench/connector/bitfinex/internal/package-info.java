/**
 * The Bitfinex connector: {@link org.tradebench.connector.bitfinex.internal.BitfinexConnector}
 * (the {@link org.tradebench.api.ExchangeConnector}), its DS component, the pure adapters from
 * Bitfinex values to API values ({@link org.tradebench.connector.bitfinex.internal.BitfinexAdapters}),
 * the instrument table, the health model and the connector thread.
 *
 * <p>Threading: every piece of mutable state is confined to the {@code bitfinex-connector} thread
 * ({@link org.tradebench.connector.bitfinex.internal.ConnectorThread}); Jetty threads only hand
 * frames to it. Every API callback runs on it, in order per subscription; a listener that throws
 * is logged and keeps its subscription. Public methods of the connector may be called from any
 * thread. Parameters and results are non-null unless documented.
 */
package org.tradebench.connector.bitfinex.internal;
