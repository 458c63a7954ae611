package org.tradebench.api.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives every raw frame a connector reads, exactly as received, with its receive time: what
 * {@code tradebench record} writes. Runs on the network reader thread: copy the bytes and return.
 */
@FunctionalInterface
@ConsumerType
public interface FrameTap {

    /** A tap that does nothing. */
    FrameTap NONE = (session, frame, offset, length, receivedMillis) -> {
    };

    /**
     * A frame arrived.
     *
     * @param session the connector's name for the connection ({@link StreamDecoder#DEFAULT_SESSION}
     *        for the main market-data connection)
     * @param frame the buffer, valid during the call only
     * @param offset the frame's first byte
     * @param length the frame's length
     * @param receivedMillis the receive time, epoch milliseconds
     */
    void onFrame(String session, byte[] frame, int offset, int length, long receivedMillis);
}
