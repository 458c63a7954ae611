package org.tradebench.api.spi;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Turns an exchange's raw frames into API values, through the same normaliser (decoder, book
 * synchroniser, streams) as the connector's live path. One instance per input: it keeps what the
 * stream needs (channel ids, books, seen trade ids). Every channel the frames subscribe is decoded.
 *
 * <pre>{@code
 * StreamDecoder d = provider.decoder("spot", events);
 * for (String line : lines) {
 *     byte[] b = line.getBytes(StandardCharsets.UTF_8);
 *     try {
 *         d.decode(StreamDecoder.DEFAULT_SESSION, b, 0, b.length, -1);
 *     } catch (IllegalArgumentException bad) {
 *         report(bad.getMessage());            // the decoder stays usable
 *     }
 * }
 * d.finish();                                  // final books
 * }</pre>
 *
 * <p>Not thread-safe.
 */
@ProviderType
public interface StreamDecoder {

    /** The session of the main market-data connection. */
    String DEFAULT_SESSION = "market";

    /**
     * Decodes one frame. Events go to the {@link DecodedEvents} at once.
     *
     * @param session which connection the frame came from ({@link #DEFAULT_SESSION} when unknown)
     * @param frame the buffer
     * @param offset the frame's first byte
     * @param length its length
     * @param receivedMillis the receive time in epoch milliseconds, or -1 when unknown (the decoder
     *        then uses the exchange's time, or the epoch)
     * @throws IllegalArgumentException with a message for people when the frame cannot be decoded;
     *         nothing of it was delivered and the decoder stays usable
     */
    void decode(String session, byte[] frame, int offset, int length, long receivedMillis);

    /**
     * Delivers what is held back waiting for a later frame (a Bitfinex own trade {@code te} waiting
     * for its {@code tu}): call once at the end of the input.
     */
    void flush();

    /** Delivers the final state of every book ({@link DecodedEvents#onFinalBook}). */
    void finish();
}
