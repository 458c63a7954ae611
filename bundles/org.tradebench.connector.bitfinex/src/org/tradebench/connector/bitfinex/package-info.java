/**
 * Configuration of the Bitfinex connector: {@link org.tradebench.connector.bitfinex.BitfinexConfig}
 * (endpoints and timings) and {@link org.tradebench.connector.bitfinex.BitfinexCredentialsSource}
 * (where a configuration's API keys come from: tests and tools; the OSGi component reads keys from
 * the {@code CredentialStore} service). The connector itself is an
 * {@link org.tradebench.api.ExchangeConnector} OSGi service with {@code exchange.id=bitfinex},
 * registered only while Bitfinex is enabled (keys stored for {@code bitfinex}, or
 * {@code tradebench.bitfinex.enabled=true}); views find it through the service registry and never
 * import this bundle.
 *
 * <p>Values are immutable and thread-safe. Parameters and results are non-null.
 */
package org.tradebench.connector.bitfinex;
