package org.tradebench.connector.support.json;

/**
 * A frame that does not match the exchange's protocol: the message says what was expected and
 * where, for people and logs. Decoders throw it before they hand anything of the frame on, and stay
 * usable.
 */
public class FrameFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and where
     */
    public FrameFormatException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what is wrong and where
     * @param cause the cause
     */
    public FrameFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
