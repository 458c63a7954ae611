/**
 * The Bitfinex connector: {@link org.tradebench.connector.bitfinex.internal.BitfinexConnector}
 * (the {@link org.tradebench.api.ExchangeConnector}, also an
 * {@link org.tradebench.api.spi.OpenConnector} for tools), its DS component
 * ({@link org.tradebench.connector.bitfinex.internal.BitfinexConnectorComponent}), the tools' entry
 * point ({@link org.tradebench.connector.bitfinex.internal.BitfinexProvider}), the configuration
 * ({@link org.tradebench.connector.bitfinex.internal.BitfinexConfig}), the instrument list loaded
 * from the exchange ({@link org.tradebench.connector.bitfinex.internal.BitfinexCatalog}) and the pure
 * adapters from Bitfinex values to API values
 * ({@link org.tradebench.connector.bitfinex.internal.BitfinexAdapters}).
 *
 * <p>Threading: the connector runs on the toolkit's
 * {@link org.tradebench.connector.support.ConnectorRuntime} ("bitfinex"): mutable state is guarded
 * by the runtime lock, which the Jetty reader thread takes to decode a frame in place and the
 * control thread ({@code bitfinex-connector}) takes for timers and requests; every listener
 * callback and every future runs on the delivery thread ({@code bitfinex-delivery}), in order per
 * subscription; a listener that throws is logged and keeps its subscription. Public methods may be
 * called from any thread. Parameters and results are non-null unless documented.
 */
package org.tradebench.connector.bitfinex.internal;
