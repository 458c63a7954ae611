package org.tradebench.verification;

import java.util.Set;

/**
 * Injects faults into a connector's loopback simulator, for the {@linkplain VerificationPlan.Kind#CHAOS
 * chaos plan}: the verifier injects each fault in turn and measures whether, and how fast, the
 * connector recovers. A connector's test bundle implements it over its simulator (the conformance
 * kit adapts its targets).
 *
 * <pre>{@code
 * ChaosDriver driver = new ChaosDriver() {
 *     public Set<Fault> faults() { return EnumSet.of(Fault.CONNECTION_DROP, Fault.SEQUENCE_GAP); }
 *     public void inject(Fault f) { switch (f) { case CONNECTION_DROP -> sim.dropConnections(); ... } }
 * };
 * VerificationReport r = new Verifier(chaosPlan).run(connector, driver, progress, () -> false);
 * }</pre>
 *
 * <p>Called on the verifying thread, one fault at a time.
 */
public interface ChaosDriver {

    /** What a simulator can do to a running connector, and what the connector must be seen doing. */
    enum Fault {
        /** Every socket drops without a close frame: the connector must reconnect and resubscribe. */
        CONNECTION_DROP("connection-drop", "a session left the live state or a book reset"),
        /** The server announces a restart: the connector must reconnect. */
        SERVER_RESTART("server-restart", "a session left the live state or a book reset"),
        /** A book's checksum or update id does not fit: that book must reset and re-snapshot. */
        BOOK_INTEGRITY("book-integrity", "a book reset"),
        /** Sequence numbers skip: the books must reset and re-snapshot. */
        SEQUENCE_GAP("sequence-gap", "a book reset"),
        /** The server goes silent past the stale timeout: the connector must notice and recover. */
        SILENCE("silence", "a stale stream, a book reset or a session not live"),
        /** The exchange announces maintenance, then its end. */
        MAINTENANCE("maintenance", "the maintenance state"),
        /** The server answers with rate-limit errors (429, then 418 with Retry-After). */
        RATE_LIMIT("rate-limit", "a rate-limit answer or a session not live"),
        /** Undecodable frames arrive: they must be counted as errors, and nothing else happen. */
        MALFORMED_FRAMES("malformed-frames", "decode errors counted");

        private final String wireName;
        private final String effect;

        Fault(String wireName, String effect) {
            this.wireName = wireName;
            this.effect = effect;
        }

        /**
         * The name in reports and check ids ({@code chaos.connection-drop}).
         *
         * @return for example {@code "connection-drop"}
         */
        public String wireName() {
            return wireName;
        }

        /**
         * What the connector must be seen doing after the fault, in words.
         *
         * @return for example "a book reset"
         */
        public String effect() {
            return effect;
        }
    }

    /**
     * The faults this simulator can inject.
     *
     * @return the faults, injected in enum order
     */
    Set<Fault> faults();

    /**
     * Injects a fault and returns once it is injected ({@link Fault#MAINTENANCE} may be the whole
     * episode: its start, the connector seeing it, its end).
     *
     * @param fault one of {@link #faults()}
     * @throws Exception when the simulator could not inject it (the check fails with the message)
     */
    void inject(Fault fault) throws Exception;
}
