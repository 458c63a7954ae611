/**
 * The embedded simulated exchange: a complete in-process venue (a deterministic, seeded synthetic
 * market for BTC/USD, ETH/USD, SOL/USD and the BTC/USD:USD perpetual, with a real matching engine
 * for the user's orders and a paper account "main") that the workbench shows with no network and
 * no keys, and that demos, UI tests and the verification tool's self-test use.
 *
 * <p>{@link org.tradebench.connector.simulated.SimulatedExchangeConfig} holds the configuration
 * (seed, event rate, paper balance, leverage) and
 * {@link org.tradebench.connector.simulated.SimulatedExchange} starts a running exchange outside
 * OSGi. In OSGi a DS component registers it as the {@code ExchangeConnector} service with
 * {@code exchange.id=simulated} and {@code service.ranking=-1000}, and a {@code ConnectorProvider}
 * service ({@code exchange.id=simulated}) opens private ones for tools.
 *
 * <h2>Threading</h2>
 * A running exchange has one connector-toolkit runtime: its control thread
 * ({@code simulated-connector}) runs the market and the matching engine under the runtime lock, and
 * its delivery thread ({@code simulated-delivery}) calls every listener and completes every future,
 * in order per subscription, as the API's threading contract requires. Methods may be called from
 * any thread and return at once.
 *
 * <h2>Null contract</h2>
 * Parameters and return values are non-null unless documented otherwise.
 */
package org.tradebench.connector.simulated;
