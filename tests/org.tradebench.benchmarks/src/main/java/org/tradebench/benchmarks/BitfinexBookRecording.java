package org.tradebench.benchmarks;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

import org.tradebench.venues.bitfinex.BitfinexWire;

/**
 * A deterministic stand-in for a recorded Bitfinex {@code tBTCUSD} {@code P0} book stream with
 * {@code len 25}, generated from a seed at setup (so nothing large is stored in git), on a
 * connection with the {@code TIMESTAMP}, {@code SEQ_ALL} and {@code OB_CHECKSUM} flags.
 *
 * <p>The stream: one 25-level-per-side snapshot, then batches of 1 to 8 updates each followed by a
 * {@code cs} checksum frame (the exchange sends one after every batch), and now and then a heartbeat.
 * Updates change a level's count and amount (most of them near the top of the book), insert a level
 * (pushing the 26th out with a removal, as a {@code len 25} subscription does), or remove one
 * (a {@code COUNT 0} row) and show the next level behind the 25th. Prices are whole dollars around
 * 103950, never crossed; amounts have 2 to 8 decimals, and about one in 200 is below 1e-6 BTC so
 * that its wire text is exponential ({@code 5.1e-7}). Numbers are written and checksums computed
 * exactly as the loopback simulator does ({@link BitfinexWire}), so every {@code cs} frame is
 * right: a decoder that disagrees has a bug.
 *
 * <pre>{@code
 * BitfinexBookRecording r = BitfinexBookRecording.generate(BitfinexBookRecording.DEFAULT_SEED, 100_000);
 * r.preamble().forEach(decoder::decode);   // info, conf, subscribed
 * for (String frame : r.frames()) { decoder.decode(frame); }
 * }</pre>
 *
 * <p>The frames form a loop: frame 0 is the snapshot, so replaying from the start again resets the
 * book (a benchmark wraps around without a checksum mismatch). Immutable after generation.
 */
public final class BitfinexBookRecording {

    /** The book's channel id. */
    public static final int CHAN_ID = 17;

    /** The raw symbol. */
    public static final String SYMBOL = "tBTCUSD";

    /** Levels per side (the subscription's {@code len}). */
    public static final int DEPTH = 25;

    /** {@code TIMESTAMP | SEQ_ALL | OB_CHECKSUM}. */
    public static final int FLAGS = 32768 | 65536 | 131072;

    /** The seed of the published figures. */
    public static final long DEFAULT_SEED = 20250127L;

    /** The number of frames of the published figures. */
    public static final int DEFAULT_FRAMES = 100_000;

    private static final long START_MILLIS = 1_737_972_930_000L;
    private static final long START_PRICE = 103_950;
    private static final int MAX_BATCH = 8;
    private static final int HEARTBEAT_ONE_IN = 200;

    /** One level as sent: price, order count, signed amount (asks negative), and their wire texts. */
    public record Level(BigDecimal price, int count, BigDecimal amount, String priceText, String amountText) {

        /** Validates. */
        public Level {
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(priceText, "priceText");
            Objects.requireNonNull(amountText, "amountText");
        }
    }

    /**
     * What the frames are.
     *
     * @param snapshots snapshot frames (1)
     * @param updates update frames, removals included
     * @param removals update frames with {@code COUNT 0}
     * @param checksums {@code cs} frames
     * @param heartbeats {@code hb} frames
     */
    public record Composition(int snapshots, int updates, int removals, int checksums, int heartbeats) {

        /**
         * All frames.
         *
         * @return the total
         */
        public int total() {
            return snapshots + updates + checksums + heartbeats;
        }

        @Override
        public String toString() {
            return total() + " frames: " + snapshots + " snapshot (" + DEPTH + " levels per side), " + updates
                    + " updates (" + removals + " of them removals), " + checksums + " checksums, " + heartbeats
                    + " heartbeats";
        }
    }

    private final long seed;
    private final List<String> preamble;
    private final List<String> frames;
    private final Composition composition;
    private final List<Level> finalBids;
    private final List<Level> finalAsks;

    private BitfinexBookRecording(long seed, List<String> preamble, List<String> frames, Composition composition,
            List<Level> finalBids, List<Level> finalAsks) {
        this.seed = seed;
        this.preamble = List.copyOf(preamble);
        this.frames = Collections.unmodifiableList(frames);
        this.composition = composition;
        this.finalBids = List.copyOf(finalBids);
        this.finalAsks = List.copyOf(finalAsks);
    }

    /**
     * Generates a recording. The same seed and size give the same frames on every JVM
     * ({@link Random} is specified bit for bit).
     *
     * @param seed the seed
     * @param frameCount frames after the preamble, at least 2 (the snapshot is the first)
     * @return the recording
     */
    public static BitfinexBookRecording generate(long seed, int frameCount) {
        if (frameCount < 2) {
            throw new IllegalArgumentException("a recording needs at least 2 frames, was " + frameCount);
        }
        return new Generator(seed, frameCount).run();
    }

    /**
     * The seed it was generated from.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * The frames before the data: the {@code info} greeting, the {@code conf} answer and the book's
     * {@code subscribed} event. Decode them once, before {@link #frames()}.
     *
     * @return three frames
     */
    public List<String> preamble() {
        return preamble;
    }

    /**
     * The data frames, snapshot first.
     *
     * @return an unmodifiable list
     */
    public List<String> frames() {
        return frames;
    }

    /**
     * What the data frames are.
     *
     * @return the counts
     */
    public Composition composition() {
        return composition;
    }

    /**
     * The bids after the last frame, best first.
     *
     * @return the levels
     */
    public List<Level> finalBids() {
        return finalBids;
    }

    /**
     * The asks after the last frame, best first, amounts negative.
     *
     * @return the levels
     */
    public List<Level> finalAsks() {
        return finalAsks;
    }

    /**
     * Writes the preamble and the frames one per line: input for {@code tradebench decode --exchange
     * bitfinex}.
     *
     * @param out where to write
     * @throws IOException when writing fails
     */
    public void write(Appendable out) throws IOException {
        for (String f : preamble) {
            out.append(f).append('\n');
        }
        for (String f : frames) {
            out.append(f).append('\n');
        }
    }

    /**
     * Writes a recording to a file or standard output.
     *
     * @param args {@code [--seed S] [--frames N] FILE|-}
     * @throws IOException when writing fails
     */
    public static void main(String[] args) throws IOException {
        long seed = DEFAULT_SEED;
        int frameCount = DEFAULT_FRAMES;
        String target = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--frames" -> frameCount = Integer.parseInt(args[++i]);
                default -> target = args[i];
            }
        }
        if (target == null) {
            System.err.println("usage: BitfinexBookRecording [--seed S] [--frames N] FILE|-");
            System.exit(2);
        }
        BitfinexBookRecording recording = generate(seed, frameCount);
        if (target.equals("-")) {
            StringBuilder b = new StringBuilder();
            recording.write(b);
            System.out.print(b);
            System.out.flush();
        } else {
            try (Writer w = Files.newBufferedWriter(Path.of(target), StandardCharsets.UTF_8)) {
                recording.write(w);
            }
            System.err.println(recording.composition() + " written to " + target);
        }
    }

    /** The seeded market: two sides of levels keyed by whole-dollar price, best first. */
    private static final class Generator {

        private final long seed;
        private final int frameCount;
        private final Random random;
        private final NavigableMap<Long, Level> bids = new TreeMap<>(Comparator.reverseOrder());
        private final NavigableMap<Long, Level> asks = new TreeMap<>();
        private final List<String> frames;
        private long sequence;
        private long millis = START_MILLIS;
        private int updates;
        private int removals;
        private int checksums;
        private int heartbeats;

        Generator(long seed, int frameCount) {
            this.seed = seed;
            this.frameCount = frameCount;
            this.random = new Random(seed);
            this.frames = new ArrayList<>(frameCount);
        }

        BitfinexBookRecording run() {
            long price = START_PRICE - 1;
            for (int i = 0; i < DEPTH; i++) {
                bids.put(price, level(price, true, count(), amount()));
                price -= 1 + gap();
            }
            price = START_PRICE;
            for (int i = 0; i < DEPTH; i++) {
                asks.put(price, level(price, false, count(), amount()));
                price += 1 + gap();
            }
            snapshot();
            while (frames.size() < frameCount) {
                if (frames.size() == frameCount - 1) {
                    checksum(); // no room for an operation, which may take two frames
                    continue;
                }
                if (random.nextInt(HEARTBEAT_ONE_IN) == 0) {
                    heartbeat();
                    continue;
                }
                int batch = 1 + random.nextInt(MAX_BATCH);
                for (int i = 0; i < batch && frames.size() < frameCount - 1; i++) {
                    operation();
                }
                if (frames.size() < frameCount) {
                    checksum();
                }
            }
            List<String> preamble = List.of(
                    "{\"event\":\"info\",\"version\":2,\"serverId\":\"b3a7c1de\",\"platform\":{\"status\":1}}",
                    "{\"event\":\"conf\",\"status\":\"OK\",\"flags\":" + FLAGS + "}",
                    "{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":" + CHAN_ID + ",\"symbol\":\"" + SYMBOL
                            + "\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"" + DEPTH + "\",\"pair\":\""
                            + SYMBOL.substring(1) + "\"}");
            return new BitfinexBookRecording(seed, preamble, frames,
                    new Composition(1, updates, removals, checksums, heartbeats), new ArrayList<>(bids.values()),
                    new ArrayList<>(asks.values()));
        }

        private void operation() {
            boolean bid = random.nextBoolean();
            NavigableMap<Long, Level> side = bid ? bids : asks;
            int r = random.nextInt(100);
            if (r < 62 || !insertOrRemove(bid, side, r < 80)) {
                Level old = nth(side, nearTop(side.size()));
                int count = Math.max(1, old.count() + random.nextInt(5) - 2);
                long price = old.price().longValueExact();
                Level changed = level(price, bid, count, amount());
                if (changed.amount().compareTo(old.amount()) == 0 && count == old.count()) {
                    changed = level(price, bid, count + 1, old.amount().abs());
                }
                side.put(price, changed);
                update(changed);
            }
        }

        /** An insert (evicting the 26th level) or a removal (revealing a level behind the 25th). */
        private boolean insertOrRemove(boolean bid, NavigableMap<Long, Level> side, boolean insert) {
            long best = side.firstKey();
            long worst = side.lastKey();
            if (insert) {
                long opposite = (bid ? asks : bids).firstKey();
                long price;
                if (random.nextInt(10) < 3) {
                    price = bid ? best + 1 : best - 1; // improves the best price
                    if (bid ? price >= opposite : price <= opposite) {
                        return false;
                    }
                } else {
                    long span = Math.abs(best - worst);
                    if (span < 2) {
                        return false;
                    }
                    price = bid ? worst + 1 + random.nextInt((int) span - 1) : worst - 1 - random.nextInt((int) span - 1);
                }
                if (side.containsKey(price)) {
                    return false;
                }
                Level added = level(price, bid, count(), amount());
                side.put(price, added);
                update(added);
                if (side.size() > DEPTH) {
                    remove(bid, side, side.lastKey());
                }
                return true;
            }
            if (side.size() < 2) {
                return false;
            }
            remove(bid, side, nth(side, nearTop(side.size())).price().longValueExact());
            long price = bid ? side.lastKey() - 1 - gap() : side.lastKey() + 1 + gap();
            Level revealed = level(price, bid, count(), amount());
            side.put(price, revealed);
            update(revealed);
            return true;
        }

        private void remove(boolean bid, NavigableMap<Long, Level> side, long price) {
            Level gone = side.remove(price);
            removals++;
            // Bitfinex sends AMOUNT 1 for a bid removal and -1 for an ask removal.
            frame("[" + gone.priceText() + ",0," + (bid ? "1" : "-1") + "]");
            updates++;
        }

        private void update(Level l) {
            frame("[" + l.priceText() + "," + l.count() + "," + l.amountText() + "]");
            updates++;
        }

        private void snapshot() {
            StringBuilder b = new StringBuilder(4096).append('[');
            for (Level l : bids.values()) {
                b.append('[').append(l.priceText()).append(',').append(l.count()).append(',').append(l.amountText())
                        .append("],");
            }
            for (Level l : asks.values()) {
                b.append('[').append(l.priceText()).append(',').append(l.count()).append(',').append(l.amountText())
                        .append("],");
            }
            b.setLength(b.length() - 1);
            frame(b.append(']').toString());
        }

        private void checksum() {
            List<String> pairs = new ArrayList<>(2 * DEPTH);
            var bidLevels = bids.values().iterator();
            var askLevels = asks.values().iterator();
            for (int i = 0; i < DEPTH; i++) {
                if (bidLevels.hasNext()) {
                    Level l = bidLevels.next();
                    pairs.add(l.priceText() + ":" + l.amountText());
                }
                if (askLevels.hasNext()) {
                    Level l = askLevels.next();
                    pairs.add(l.priceText() + ":" + l.amountText());
                }
            }
            frame("\"cs\"," + BitfinexWire.checksum(pairs));
            checksums++;
        }

        private void heartbeat() {
            frame("\"hb\"");
            heartbeats++;
        }

        private void frame(String payload) {
            millis += random.nextInt(4);
            frames.add("[" + CHAN_ID + "," + payload + "," + (++sequence) + "," + millis + "]");
        }

        private Level level(long price, boolean bid, int count, BigDecimal quantity) {
            BigDecimal p = BigDecimal.valueOf(price);
            BigDecimal amount = bid ? quantity : quantity.negate();
            return new Level(p, count, amount, BitfinexWire.number(p), BitfinexWire.number(amount));
        }

        /** An index skewed towards the top of the book: most activity is near the spread. */
        private int nearTop(int size) {
            int index = (int) (-Math.log(1 - random.nextDouble()) * 4);
            return Math.min(size - 1, index);
        }

        private int gap() {
            return random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0;
        }

        private int count() {
            return 1 + (int) (-Math.log(1 - random.nextDouble()) * 3);
        }

        /** A BTC amount with 2 to 8 decimals, log-normal around 0.35; one in 200 below 1e-6. */
        private BigDecimal amount() {
            long units;
            if (random.nextInt(200) == 0) {
                units = 1 + random.nextInt(99);
            } else {
                double btc = Math.exp(random.nextGaussian() * 1.3) * 0.35;
                long step = pow10(8 - (2 + random.nextInt(7)));
                units = Math.max(step, Math.round(btc * 1e8 / step) * step);
            }
            return BigDecimal.valueOf(units, 8).stripTrailingZeros();
        }

        private static long pow10(int n) {
            long p = 1;
            for (int i = 0; i < n; i++) {
                p *= 10;
            }
            return p;
        }

        private static Level nth(NavigableMap<Long, Level> side, int index) {
            int i = 0;
            for (Map.Entry<Long, Level> e : side.entrySet()) {
                if (i++ == index) {
                    return e.getValue();
                }
            }
            throw new IndexOutOfBoundsException(index);
        }
    }
}
