package org.tradebench.cli.decode;

import java.util.List;
import java.util.Optional;

import org.tradebench.cli.json.EventJsonWriter;

/**
 * Turns one exchange's raw frames into normalised events on an
 * {@link EventJsonWriter}. One instance per input: it keeps the state the
 * exchange's stream needs (channel ids, books, seen trade ids).
 *
 * <pre>{@code
 * ExchangeDecoder d = ExchangeDecoder.create("bitfinex", json).orElseThrow();
 * d.decode("{\"event\":\"info\",\"version\":2,\"platform\":{\"status\":1}}", -1);
 * d.flush();  // events still held back, at the end of the input
 * d.finish(); // final books, for replay
 * }</pre>
 *
 * <p>Implemented per exchange inside this bundle. Not thread-safe.
 */
public interface ExchangeDecoder {

    /**
     * Decodes one frame and writes its events (uncommitted).
     *
     * @param frame the frame exactly as received
     * @param receivedMillis local receive time in epoch milliseconds, or -1 when unknown
     * @throws IllegalArgumentException with a message for people when the frame cannot be decoded;
     *         the decoder stays usable
     */
    void decode(String frame, long receivedMillis);

    /**
     * Writes the events held back waiting for a later frame (a Bitfinex own trade {@code te}
     * waiting for its {@code tu}): called once at the end of the input, before {@link #finish()}.
     */
    default void flush() {
    }

    /** Writes the final state of every book (replay's {@code "kind":"final"} snapshots). */
    void finish();

    /**
     * The decoder for an exchange id.
     *
     * @param exchange for example {@code "bitfinex"}
     * @param json where events go
     * @return the decoder, or empty when this installation has none for the exchange
     */
    static Optional<ExchangeDecoder> create(String exchange, EventJsonWriter json) {
        if (!supported().contains(exchange)) {
            return Optional.empty();
        }
        return switch (exchange) {
            case BitfinexEvents.EXCHANGE -> Optional.of(new BitfinexEvents(json));
            default -> Optional.empty();
        };
    }

    /**
     * The exchange ids this installation decodes: an exchange's decoder needs its connector bundle,
     * which installs separately (the import of its protocol package is optional), so an id is only
     * listed when that bundle is resolved.
     *
     * @return the ids
     */
    static List<String> supported() {
        return Connectors.available();
    }
}
