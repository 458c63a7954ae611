/**
 * The simulated venue's implementation, exported only to its test bundle ({@code x-friends}).
 *
 * <p>{@link org.tradebench.connector.simulated.internal.SimulatedVenue} is the venue as a pure,
 * clock-driven object: venue time moves only through {@code advanceTo(nanos)} or {@code step()},
 * every event is stamped with venue time, and all randomness comes from the seed, so the same seed,
 * configuration and user actions give the same event sequence. Around it: the per-order
 * {@code MatchingBook} (price-time priority, with a core {@code OrderBook} mirror that market data
 * publishes), the synthetic participants and their {@code FairPrice} process, the
 * {@code TradingEngine} (user orders, triggers, OCO, risk check) and the {@code Account} (balances,
 * holds, fees, positions; formulas documented there).
 *
 * <h2>Threading</h2>
 * Nothing here is thread-safe except where documented: one thread (the connector's
 * {@code simulated-exchange} thread, or a test's thread) makes every call, and listeners run
 * synchronously on it. Subscriptions may be closed from any thread; the immutable views of open
 * orders, balances, positions and health may be read from any thread.
 *
 * <h2>Null contract</h2>
 * Parameters and return values are non-null unless documented otherwise.
 */
package org.tradebench.connector.simulated.internal;
