package org.tradebench.connector.bitfinex.internal.protocol;

import org.tradebench.connector.support.json.FrameFormatException;

/**
 * A frame that does not match the Bitfinex protocol. The message says what was expected and where,
 * for people: {@code "book tXRPBTC P0 (chanId 17) snapshot row 3: expected 3 numbers [PRICE,COUNT,AMOUNT], got 2"}.
 * It never contains credentials. An {@link IllegalArgumentException}: the argument of
 * {@code decode} was bad.
 *
 * <pre>{@code
 * try {
 *     decoder.decode(frame);
 * } catch (BitfinexProtocolException e) {
 *     health.recordError(e.getMessage()); // the stream goes on with the next frame
 * }
 * }</pre>
 */
public final class BitfinexProtocolException extends FrameFormatException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, for people
     */
    public BitfinexProtocolException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what is wrong, for people
     * @param cause the underlying parse error
     */
    public BitfinexProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
