/**
 * Configuration of the Bitfinex connector: {@link org.tradebench.connector.bitfinex.BitfinexConfig}
 * (endpoints and timings) and {@link org.tradebench.connector.bitfinex.BitfinexCredentialsSource}
 * (where API keys come from: a secure store, never a plain file). The connector itself is an
 * {@link org.tradebench.api.ExchangeConnector} OSGi service with {@code exchange.id=bitfinex};
 * views find it through the service registry and never import this bundle.
 *
 * <p>Values are immutable and thread-safe. Parameters and results are non-null.
 */
package org.tradebench.connector.bitfinex;
