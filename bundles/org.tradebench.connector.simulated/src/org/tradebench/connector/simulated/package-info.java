/**
 * The embedded simulated exchange: a complete in-process venue (a deterministic, seeded synthetic
 * market for BTC/USD, ETH/USD, SOL/USD and the BTC/USD:USD perpetual, with a real matching engine
 * for the user's orders and a paper account) that the workbench shows with no network and no keys,
 * and that demos, UI tests and the verification tool's self-test use.
 *
 * <p>{@link org.tradebench.connector.simulated.SimulatedExchangeConfig} holds the configuration
 * (seed, event rate, paper balance, leverage) and
 * {@link org.tradebench.connector.simulated.SimulatedExchange} starts a running exchange outside
 * OSGi (in OSGi a DS component registers it as the {@code ExchangeConnector} service with
 * {@code exchange.id=simulated} and {@code service.ranking=-1000}).
 *
 * <h2>Threading</h2>
 * A running exchange owns all venue state on one thread named {@code simulated-exchange}. Calls
 * from other threads are posted to it and return at once; listener callbacks and future
 * completions run on it, in order per subscription, as the API's threading contract requires.
 *
 * <h2>Null contract</h2>
 * Parameters and return values are non-null unless documented otherwise.
 */
package org.tradebench.connector.simulated;
