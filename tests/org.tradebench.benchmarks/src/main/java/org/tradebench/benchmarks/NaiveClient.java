package org.tradebench.benchmarks;

/**
 * Baseline: the common way to write a Bitfinex book client, end to end. Messages arrive as
 * {@code String}s from Jetty's standard API ({@link StringClient}) and go through a
 * {@link NaiveBook} on the reader thread: a Gson tree per message, {@code TreeMap<BigDecimal, ...>}
 * sides, checksums rendered back to text.
 *
 * <pre>{@code
 * try (NaiveClient c = new NaiveClient(recording)) {
 *     c.start(server);
 *     c.awaitEnd(Duration.ofMinutes(5));
 *     c.verification().ok();
 * }
 * }</pre>
 */
public final class NaiveClient extends StringClient {

    private final NaiveBook book = new NaiveBook();

    /**
     * @param recording what the server streams
     */
    public NaiveClient(BitfinexBookRecording recording) {
        super(recording);
    }

    @Override
    public String name() {
        return "naive";
    }

    @Override
    public String description() {
        return "Jetty WebSocketClient String + Gson JsonParser tree + TreeMap<BigDecimal> book + checksums";
    }

    @Override
    protected void onMessage(String text) {
        book.decode(text);
    }

    @Override
    public Verification verification() {
        String difference = book.difference(recording.finalBids(), recording.finalAsks());
        String detail = difference != null ? difference
                : book.sequenceGaps() > 0 ? book.sequenceGaps() + " sequence gaps" : "";
        return new Verification(book.checksumsVerified(), recording.composition().checksums(),
                book.checksumMismatches(), 0, difference == null && book.sequenceGaps() == 0, detail);
    }
}
