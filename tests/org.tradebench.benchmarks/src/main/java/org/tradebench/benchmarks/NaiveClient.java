package org.tradebench.benchmarks;

/**
 * Baseline: the common way to write a Bitfinex or Binance book client, end to end. Messages arrive
 * as {@code String}s from Jetty's standard API ({@link StringClient}) and go through a
 * {@link NaiveBook} (Bitfinex: checksums rendered back to text) or a {@link NaiveBinanceBook}
 * (Binance: diffs buffered until the REST snapshot, update ids checked) on the reader thread: a
 * Gson tree per message, {@code TreeMap<BigDecimal, ...>} sides.
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

    private final NaiveBook book;
    private final NaiveBinanceBook binance;

    /**
     * @param recording what the server streams
     */
    public NaiveClient(Recording recording) {
        super(recording);
        boolean b = recording.exchange() == Recording.Exchange.BINANCE;
        this.book = b ? null : new NaiveBook();
        this.binance = b ? new NaiveBinanceBook() : null;
    }

    @Override
    public String name() {
        return "naive";
    }

    @Override
    public String description() {
        return "Jetty WebSocketClient String + Gson JsonParser tree + TreeMap<BigDecimal> book + "
                + (book != null ? "checksums" : "update-id rules");
    }

    @Override
    protected void onMessage(String text) {
        if (book != null) {
            book.decode(text);
        } else {
            binance.decode(text);
        }
    }

    @Override
    protected void onSnapshot(String text) {
        binance.snapshot(text);
    }

    @Override
    public Verification verification() {
        if (binance != null) {
            BinanceDepthRecording r = (BinanceDepthRecording) recording;
            String difference = binance.difference(r.finalBids(), r.finalAsks());
            boolean last = binance.lastUpdateId() == r.lastUpdateId();
            String detail = difference != null ? difference : !last ? "ended at update id " + binance.lastUpdateId()
                    + ", the server's last is " + r.lastUpdateId() : "";
            return new Verification(binance.applied(), r.frameCount() - BinanceDepthRecording.SNAPSHOT_AFTER - 1,
                    binance.gaps(), 0, difference == null && last, detail, "diffs in sequence");
        }
        BitfinexBookRecording recording = (BitfinexBookRecording) this.recording;
        String difference = book.difference(recording.finalBids(), recording.finalAsks());
        String detail = difference != null ? difference
                : book.sequenceGaps() > 0 ? book.sequenceGaps() + " sequence gaps" : "";
        return new Verification(book.checksumsVerified(), recording.composition().checksums(),
                book.checksumMismatches(), 0, difference == null && book.sequenceGaps() == 0, detail);
    }
}
