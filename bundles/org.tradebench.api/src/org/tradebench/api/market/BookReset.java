package org.tradebench.api.market;

import java.time.Instant;
import java.util.Objects;

import org.tradebench.api.instrument.InstrumentId;

/**
 * The local book is invalid and must be cleared; a fresh {@link BookSnapshot} follows.
 *
 * @param instrument the instrument
 * @param sequence the last sequence number seen before the reset
 * @param time when the reset was decided
 * @param received same as {@code time} (a reset is local)
 * @param reason why, for people: {@code "checksum mismatch"}, {@code "sequence gap"},
 *        {@code "reconnect"}, ...
 */
public record BookReset(InstrumentId instrument, long sequence, Instant time, Instant received, String reason)
        implements BookEvent {

    /** Reason used after a checksum mismatch. */
    public static final String CHECKSUM_MISMATCH = "checksum mismatch";
    /** Reason used after a sequence gap. */
    public static final String SEQUENCE_GAP = "sequence gap";
    /** Reason used after a reconnect. */
    public static final String RECONNECT = "reconnect";
    /** Reason used when a stream went silent and was subscribed again. */
    public static final String STALE = "stale";
    /** Reason used when the exchange's maintenance ended and every stream was subscribed again. */
    public static final String MAINTENANCE_ENDED = "maintenance ended";

    /** Validates. */
    public BookReset {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(reason, "reason");
    }
}
