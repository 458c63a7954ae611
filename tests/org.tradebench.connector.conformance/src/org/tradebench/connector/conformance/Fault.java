package org.tradebench.connector.conformance;

/**
 * What a simulator can do to a running connector. {@link ConformanceTarget#faults()} says which
 * ones a target supports; the kit runs every one of them.
 */
public enum Fault {

    /** Every socket drops without a close frame: the connector reconnects and resubscribes. */
    CONNECTION_DROP(true),

    /** The server announces a restart (or closes politely): the connector reconnects. */
    SERVER_RESTART(true),

    /**
     * The book's integrity check fails once (a wrong checksum, or an update id that does not
     * continue the book): that book resets and takes a fresh snapshot.
     */
    BOOK_INTEGRITY(true),

    /** The connection's sequence numbers skip one: every book of that connection resets. */
    SEQUENCE_GAP(true),

    /** The server goes silent for longer than the connector's stale timeout, then talks again. */
    SILENCE(true),

    /** The exchange announces maintenance, then its end: books are taken afresh afterwards. */
    MAINTENANCE(true),

    /** Frames that cannot be decoded arrive: they are counted as errors and nothing resets. */
    MALFORMED_FRAMES(false);

    private final boolean resetsBooks;

    Fault(boolean resetsBooks) {
        this.resetsBooks = resetsBooks;
    }

    /**
     * Whether the fault must reset the subscribed book (a reset, then a fresh snapshot).
     *
     * @return true when a reset must follow
     */
    public boolean resetsBooks() {
        return resetsBooks;
    }
}
