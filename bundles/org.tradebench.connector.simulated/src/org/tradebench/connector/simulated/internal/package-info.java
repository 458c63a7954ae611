/**
 * The simulated venue's implementation, exported only to its test bundle and the protocol
 * simulators ({@code x-friends}).
 *
 * <p>{@link org.tradebench.connector.simulated.internal.SimulatedVenue} is the venue as a
 * clock-driven object: venue time moves only through {@code advanceTo(nanos)} or {@code step()},
 * every event is stamped with venue time, and all randomness comes from the seed, so the same seed,
 * configuration and user actions give the same event sequence. Around it: the per-order
 * {@code MatchingBook} (price-time priority, with a core {@code OrderBook} mirror holding sizes and
 * order counts), the synthetic participants and their {@code FairPrice} process, the
 * {@code TradingEngine} (user orders, triggers, OCO exits, amends, the venue's order filters, error codes) and the
 * {@code Account} (wallets, holds, fees, positions, leverage; formulas documented there). Streams
 * go out through the connector toolkit: {@code Feed} feeds a shared stream while it has
 * subscriptions, {@code VenueBook} keeps a book stream's master book.
 *
 * <h2>Threading</h2>
 * Nothing here is thread-safe except where documented: every call is made under the lock of the
 * venue's {@code ConnectorRuntime} (the connector's control thread, or a test's thread with an
 * inline runtime, where listeners then run at once on that thread). Subscriptions may be closed
 * from any thread; the immutable views of open orders, balances, positions and health may be read
 * from any thread.
 *
 * <h2>Null contract</h2>
 * Parameters and return values are non-null unless documented otherwise.
 */
package org.tradebench.connector.simulated.internal;
