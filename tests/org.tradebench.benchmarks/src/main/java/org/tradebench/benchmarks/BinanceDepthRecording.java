package org.tradebench.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

/**
 * A deterministic stand-in for a recorded Binance spot {@code BTCUSDT} diff-depth stream
 * ({@code btcusdt@depth@100ms} on a combined stream), generated from a seed, with the REST depth
 * snapshot that goes with it.
 *
 * <p>Every data frame is a combined-stream event
 * {@code {"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":..,"s":"BTCUSDT","U":..,"u":..,"b":[["103950.12000000","0.01234000"],..],"a":[..]}}}
 * with prices and quantities as strings of 8 decimals (Binance's spot format) and quantity
 * {@code "0.00000000"} for a level removed. Each diff changes 1 to 8 levels (most near the top of
 * the book: quantity changes, new levels, removals; prices on a 0.01 grid around 103,950, never
 * crossed); a side starts with 100 levels and keeps 70 to 120, so the snapshot sets the book's
 * working size as a real one does; its update ids continue the previous diff's
 * ({@code U == previous u + 1}) and cover a few more ids than levels, as Binance's do.
 *
 * <p>The local-book procedure is exercised as Binance documents it: the server writes the first
 * {@link #PRELUDE} diffs as soon as the client subscribed (the client buffers them and asks for
 * a snapshot), answers {@code GET /api/v3/depth} with the book after diff {@link #SNAPSHOT_AFTER}
 * ({@link #snapshotJson(int)}, {@code lastUpdateId} = that diff's {@code u}), and only then streams
 * the rest: a client drops the buffered diffs with {@code u <= lastUpdateId}, the first it applies
 * has {@code U <= lastUpdateId + 1 <= u}, and each later one {@code U == previous u + 1}.
 *
 * <p>Data frame {@code i} carries the event time {@code E} = {@link #timestamp(int) START_MILLIS + i},
 * so a listener that sees an update's exchange time knows which frame made it.
 *
 * <pre>{@code
 * BinanceDepthRecording r = BinanceDepthRecording.generate(BinanceDepthRecording.DEFAULT_SEED, 100_000);
 * r.frame(5);              // {"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate",...}}
 * r.snapshotJson(1000);    // {"lastUpdateId":...,"bids":[...],"asks":[...]}
 * }</pre>
 *
 * <p>Immutable after generation; thread-safe.
 */
public final class BinanceDepthRecording implements Recording {

    /** The symbol. */
    public static final String SYMBOL = "BTCUSDT";
    /** The stream. */
    public static final String STREAM = "btcusdt@depth@100ms";
    /** The seed of the published figures. */
    public static final long DEFAULT_SEED = 20250127L;
    /** The event time of frame 0, epoch milliseconds. */
    public static final long START_MILLIS = 1_737_972_930_000L;
    /** Diffs written before the snapshot is answered. */
    public static final int PRELUDE = 4;
    /** The snapshot is the book after this diff. */
    public static final int SNAPSHOT_AFTER = 1;
    /** {@code depth.limit} the clients ask for (Binance spot allows up to 5000). */
    public static final int DEPTH_LIMIT = 1000;
    /** What a client sends to subscribe. */
    public static final String SUBSCRIBE_REQUEST = "{\"method\":\"SUBSCRIBE\",\"params\":[\"" + STREAM + "\"],\"id\":1}";

    private static final long FIRST_UPDATE_ID = 73_000_000_001L;
    private static final long MID_CENTS = 10_395_000;
    private static final int MIN_LEVELS = 70;
    private static final int MAX_LEVELS = 120;
    private static final int MAX_CHANGES = 8;

    /** One level: price and quantity in units of 1e-8. */
    public record Level(long price, long quantity) {

        /** The price as Binance writes it. */
        public String priceText() {
            return units(price);
        }

        /** The quantity as Binance writes it. */
        public String quantityText() {
            return units(quantity);
        }

        @Override
        public String toString() {
            return priceText() + " x " + quantityText();
        }
    }

    private final long seed;
    private final byte[] wire;
    private final int[] frameStarts;
    private final int[] frameEnds;
    private final int levelChanges;
    private final int removals;
    private final long lastUpdateId;
    private final long snapshotUpdateId;
    private final List<Level> snapshotBids;
    private final List<Level> snapshotAsks;
    private final List<Level> finalBids;
    private final List<Level> finalAsks;

    private BinanceDepthRecording(Generator g) {
        this.seed = g.seed;
        this.wire = g.out.toByteArray();
        this.frameStarts = Arrays.copyOf(g.starts, g.frames);
        this.frameEnds = Arrays.copyOf(g.ends, g.frames);
        this.levelChanges = g.changes;
        this.removals = g.removals;
        this.lastUpdateId = g.lastU;
        this.snapshotUpdateId = g.snapshotU;
        this.snapshotBids = g.snapshotBids;
        this.snapshotAsks = g.snapshotAsks;
        this.finalBids = levels(g.bids);
        this.finalAsks = levels(g.asks);
    }

    /**
     * Generates a recording; the same seed and size give the same frames on every JVM.
     *
     * @param seed the seed
     * @param frames data frames, more than {@link #PRELUDE}
     * @return the recording
     */
    public static BinanceDepthRecording generate(long seed, int frames) {
        if (frames <= PRELUDE) {
            throw new IllegalArgumentException("a recording needs more than " + PRELUDE + " frames, was " + frames);
        }
        return new Generator(seed, frames).run();
    }

    @Override
    public Exchange exchange() {
        return Exchange.BINANCE;
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    @Override
    public int frameCount() {
        return frameEnds.length;
    }

    @Override
    public int firstTimedFrame() {
        return PRELUDE;
    }

    @Override
    public byte[] wire() {
        return wire;
    }

    @Override
    public int frameStart(int i) {
        return frameStarts[i];
    }

    @Override
    public int frameEnd(int i) {
        return frameEnds[i];
    }

    /** Every diff after the snapshot changes the book: one commit each, plus the snapshot. */
    @Override
    public int commits() {
        return frameCount() - SNAPSHOT_AFTER;
    }

    @Override
    public String describe() {
        return String.format("%,d diffs (%,d level changes, %,d of them removals; %.1f levels per diff), update ids"
                + " %d..%d, snapshot after diff %d (lastUpdateId %d, %d bids, %d asks)", frameCount(), levelChanges,
                removals, (double) levelChanges / frameCount(), FIRST_UPDATE_ID, lastUpdateId, SNAPSHOT_AFTER,
                snapshotUpdateId, snapshotBids.size(), snapshotAsks.size());
    }

    /**
     * Frame {@code i}'s JSON text.
     *
     * @param i the frame index
     * @return the text
     */
    public String frame(int i) {
        int p = frameStarts[i];
        int header = (wire[p + 1] & 0x7F) < 126 ? 2 : (wire[p + 1] & 0x7F) == 126 ? 4 : 10;
        return new String(wire, p + header, frameEnds[i] - p - header, StandardCharsets.UTF_8);
    }

    /**
     * The REST depth answer: the book after diff {@link #SNAPSHOT_AFTER}, best first.
     *
     * @param limit levels per side at most
     * @return {@code {"lastUpdateId":..,"bids":[..],"asks":[..]}}
     */
    public String snapshotJson(int limit) {
        StringBuilder b = new StringBuilder(64 + 80 * (snapshotBids.size() + snapshotAsks.size()));
        b.append("{\"lastUpdateId\":").append(snapshotUpdateId).append(",\"bids\":");
        levelsJson(b, snapshotBids, limit);
        b.append(",\"asks\":");
        levelsJson(b, snapshotAsks, limit);
        return b.append('}').toString();
    }

    private static void levelsJson(StringBuilder b, List<Level> levels, int limit) {
        b.append('[');
        for (int i = 0; i < Math.min(limit, levels.size()); i++) {
            Level l = levels.get(i);
            b.append(i == 0 ? "[\"" : ",[\"").append(l.priceText()).append("\",\"").append(l.quantityText()).append("\"]");
        }
        b.append(']');
    }

    /** The snapshot's {@code lastUpdateId}. */
    public long snapshotUpdateId() {
        return snapshotUpdateId;
    }

    /** The last diff's {@code u}: a client that applied everything ends there. */
    public long lastUpdateId() {
        return lastUpdateId;
    }

    /** The bids after the last frame, best first. */
    public List<Level> finalBids() {
        return finalBids;
    }

    /** The asks after the last frame, best first. */
    public List<Level> finalAsks() {
        return finalAsks;
    }

    /**
     * The event time frame {@code i} carries.
     *
     * @param i the frame index
     * @return epoch milliseconds
     */
    public static long timestamp(int i) {
        return START_MILLIS + i;
    }

    /**
     * The frame an event time belongs to.
     *
     * @param timestamp epoch milliseconds from a frame of this recording
     * @return the frame index
     */
    public static int frameOf(long timestamp) {
        return (int) (timestamp - START_MILLIS);
    }

    /**
     * Writes the snapshot (first line) and the diffs, one per line.
     *
     * @param out where to write
     * @throws IOException when writing fails
     */
    public void write(Writer out) throws IOException {
        out.append(snapshotJson(DEPTH_LIMIT)).append('\n');
        for (int i = 0; i < frameCount(); i++) {
            out.append(frame(i)).append('\n');
        }
    }

    /**
     * Writes a recording to a file.
     *
     * @param args {@code [--seed S] [--frames N] FILE}
     * @throws IOException when writing fails
     */
    public static void main(String[] args) throws IOException {
        long seed = DEFAULT_SEED;
        int frames = 100_000;
        String target = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--frames" -> frames = Integer.parseInt(args[++i]);
                default -> target = args[i];
            }
        }
        if (target == null) {
            System.err.println("usage: BinanceDepthRecording [--seed S] [--frames N] FILE");
            System.exit(2);
        }
        BinanceDepthRecording r = generate(seed, frames);
        try (Writer w = Files.newBufferedWriter(Path.of(target), StandardCharsets.UTF_8)) {
            r.write(w);
        }
        System.err.println(r.describe() + " written to " + target);
    }

    /** Units of 1e-8 as a decimal with 8 places. */
    static String units(long units) {
        long whole = units / 100_000_000L;
        long frac = units % 100_000_000L;
        String f = Long.toString(frac);
        return whole + "." + "00000000".substring(f.length()) + f;
    }

    private static List<Level> levels(NavigableMap<Long, Long> side) {
        List<Level> out = new ArrayList<>(side.size());
        for (Map.Entry<Long, Long> e : side.entrySet()) {
            out.add(new Level(e.getKey(), e.getValue()));
        }
        return List.copyOf(out);
    }

    /** The seeded market. */
    private static final class Generator {
        private static final long CENT = 1_000_000L; // 0.01 in units of 1e-8

        final long seed;
        final int frameCount;
        final Random random;
        final NavigableMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
        final NavigableMap<Long, Long> asks = new TreeMap<>();
        final ByteArrayOutputStream out;
        final int[] starts;
        final int[] ends;
        int frames;
        int changes;
        int removals;
        long lastU = FIRST_UPDATE_ID - 1;
        long snapshotU;
        List<Level> snapshotBids;
        List<Level> snapshotAsks;

        Generator(long seed, int frameCount) {
            this.seed = seed;
            this.frameCount = frameCount;
            this.random = new Random(seed);
            this.out = new ByteArrayOutputStream(frameCount * 240);
            this.starts = new int[frameCount];
            this.ends = new int[frameCount];
        }

        BinanceDepthRecording run() {
            long bid = (MID_CENTS - 1) * CENT;
            long ask = (MID_CENTS + 1) * CENT;
            for (int i = 0; i < 100; i++) {
                bids.put(bid, quantity());
                asks.put(ask, quantity());
                bid -= (1 + random.nextInt(4)) * CENT;
                ask += (1 + random.nextInt(4)) * CENT;
            }
            NavigableMap<Long, Long> fb = new TreeMap<>(Comparator.reverseOrder());
            NavigableMap<Long, Long> fa = new TreeMap<>();
            StringBuilder text = new StringBuilder(512);
            for (int i = 0; i < frameCount; i++) {
                fb.clear();
                fa.clear();
                int n = 1 + random.nextInt(MAX_CHANGES);
                for (int c = 0; c < n; c++) {
                    boolean buy = random.nextBoolean();
                    change(buy ? bids : asks, buy ? asks : bids, buy, buy ? fb : fa);
                }
                long first = lastU + 1;
                long last = first + n - 1 + random.nextInt(4);
                lastU = last;
                text.setLength(0);
                text.append("{\"stream\":\"").append(STREAM).append("\",\"data\":{\"e\":\"depthUpdate\",\"E\":")
                        .append(timestamp(i)).append(",\"s\":\"").append(SYMBOL).append("\",\"U\":").append(first)
                        .append(",\"u\":").append(last).append(",\"b\":");
                diffJson(text, fb);
                text.append(",\"a\":");
                diffJson(text, fa);
                text.append("}}");
                starts[i] = out.size();
                BitfinexBookRecording.writeServerFrame(out, text.toString().getBytes(StandardCharsets.UTF_8));
                ends[i] = out.size();
                frames++;
                if (i == SNAPSHOT_AFTER) {
                    snapshotU = last;
                    snapshotBids = levels(bids);
                    snapshotAsks = levels(asks);
                }
            }
            return new BinanceDepthRecording(this);
        }

        private static void diffJson(StringBuilder b, NavigableMap<Long, Long> changes) {
            b.append('[');
            boolean first = true;
            for (Map.Entry<Long, Long> e : changes.entrySet()) {
                b.append(first ? "[\"" : ",[\"").append(units(e.getKey())).append("\",\"").append(units(e.getValue()))
                        .append("\"]");
                first = false;
            }
            b.append(']');
        }

        /** One change on a side: a new quantity, a new level or a removal; noted in the frame's diff. */
        private void change(NavigableMap<Long, Long> side, NavigableMap<Long, Long> other, boolean buy,
                NavigableMap<Long, Long> diff) {
            double r = random.nextDouble();
            if (r < 0.2 && side.size() > MIN_LEVELS || side.size() >= MAX_LEVELS) {
                long price = pick(side);
                side.remove(price);
                diff.put(price, 0L);
                removals++;
            } else if (r < 0.45) {
                long best = side.firstKey();
                long otherBest = other.firstKey();
                // somewhere from inside the spread to 150 ticks behind the best
                long offset = (random.nextInt(153) - 2) * CENT;
                long price = buy ? best - offset : best + offset;
                if (buy ? price >= otherBest : price <= otherBest) {
                    price = buy ? otherBest - CENT : otherBest + CENT;
                }
                if (price <= 0) {
                    return;
                }
                long q = quantity();
                side.put(price, q);
                diff.put(price, q);
            } else {
                long price = pick(side);
                long q = quantity();
                side.put(price, q);
                diff.put(price, q);
            }
            changes++;
        }

        /** A level, near the top more often. */
        private long pick(NavigableMap<Long, Long> side) {
            int k = Math.min(random.nextInt(side.size()), random.nextInt(side.size()));
            int i = 0;
            for (long p : side.keySet()) {
                if (i++ == k) {
                    return p;
                }
            }
            throw new IllegalStateException();
        }

        /** 0.00001 to 5 BTC on the 0.00001 lot. */
        private long quantity() {
            return (1 + random.nextInt(500_000)) * 1000L;
        }
    }
}
