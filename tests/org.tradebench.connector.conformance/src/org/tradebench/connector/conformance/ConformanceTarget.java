package org.tradebench.connector.conformance;

import java.util.Optional;
import java.util.Set;

import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.spi.ConnectorProvider;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.api.spi.OpenConnector;

/**
 * One connector and its simulator, as the conformance kit drives them. A target starts its
 * simulator when created and stops it in {@link #close()}; {@link #open} may be called more than
 * once (the decoder test opens a second connector with a frame tap).
 *
 * <pre>{@code
 * final class BitfinexTarget implements ConformanceTarget {
 *     private final BitfinexSimulator sim = BitfinexSimulator.start(...);
 *     public OpenConnector open(FrameTap tap) {
 *         return provider.open(Map.of("ws.url", sim.webSocketUri().toString(), ...), tap);
 *     }
 *     ...
 * }
 * }</pre>
 *
 * <p>Methods are called from the test thread.
 */
public interface ConformanceTarget extends AutoCloseable {

    /**
     * Opens the connector under test against the simulator, with short timeouts (stale detection,
     * reconnect back-off) so that faults recover within seconds.
     *
     * @param tap receives every raw frame the connector reads ({@link FrameTap#NONE} for none)
     * @return the running connector; the kit closes it
     */
    OpenConnector open(FrameTap tap);

    /**
     * The connector's provider, whose {@link ConnectorProvider#decoder} must decode the frames a
     * tap recorded into the same events the live path delivered.
     *
     * @return the provider, or empty when the connector reads no frames (an in-process simulator)
     */
    Optional<ConnectorProvider> provider();

    /**
     * An instrument with a busy book, trades and a ticker.
     *
     * @return the instrument
     */
    InstrumentId primary();

    /**
     * Another instrument with a book, on the same connection.
     *
     * @return the instrument
     */
    InstrumentId secondary();

    /**
     * An instrument whose subscriptions the exchange refuses (a pair it no longer lists): they
     * must end FAILED with the exchange's text. Called once the connector under test runs; a
     * target may withdraw the instrument at its simulator then (after the connector loaded its
     * instrument list), so that the refusal comes from the exchange and not from the connector.
     *
     * @return the instrument
     */
    InstrumentId refused();

    /**
     * The book request the kit subscribes for an instrument (depth, per-order or aggregated, as
     * the exchange offers).
     *
     * @param instrument the instrument
     * @return the request
     */
    default BookRequest bookRequest(InstrumentId instrument) {
        return new BookRequest(instrument, 25);
    }

    /**
     * The faults the simulator can inject.
     *
     * @return the faults
     */
    Set<Fault> faults();

    /**
     * Injects a fault into the connector opened last, and returns once it has been injected
     * (recovery is the kit's to await). {@link Fault#MAINTENANCE} is the whole episode: the start,
     * the connector seeing it, the end.
     *
     * @param fault one of {@link #faults()}
     * @param instrument the book the fault is about (for {@link Fault#BOOK_INTEGRITY})
     */
    void inject(Fault fault, InstrumentId instrument);

    /** Freezes the simulated market: no more book changes, trades or tickers (heartbeats go on). */
    void pauseMarket();

    /** Lets the simulated market move again. */
    void resumeMarket();

    /**
     * The simulator's book of an instrument as it last sent it to the connector, for the request
     * of {@link #bookRequest}. Called while the market is paused.
     *
     * @param instrument the instrument
     * @return the book, or empty while the connector has no such subscription at the exchange
     */
    Optional<ReferenceBook> referenceBook(InstrumentId instrument);

    /**
     * How many market-data subscriptions (channels, streams) the connector holds at the exchange
     * now, over all its connections.
     *
     * @return the count
     */
    int exchangeSubscriptions();

    /**
     * Whether the connector reaches the exchange over connections it can close (then a disconnected
     * connector holds no subscription there); false for an in-process exchange, whose streams stay
     * registered while its market stands still.
     *
     * @return true by default
     */
    default boolean connectionsCanClose() {
        return true;
    }

    /** Stops the simulator. */
    @Override
    void close();
}
