package org.tradebench.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

/**
 * A deterministic stand-in for a recorded Bitfinex {@code tBTCUSD} {@code P0} book stream with
 * {@code len 25}, generated from a seed (so nothing large is stored in git), as Bitfinex sends it
 * on a connection configured with {@code TIMESTAMP | SEQ_ALL | OB_CHECKSUM}: every data frame ends
 * with the connection's sequence number and an exchange timestamp
 * ({@code [17,[103951,3,-0.5],1234,1737972931233]}).
 *
 * <p>The stream: one 25-level-per-side snapshot, then batches of 1 to 8 updates each followed by a
 * {@code cs} checksum frame (the exchange sends one after every batch), and now and then a
 * heartbeat; it always ends with a batch and its checksum. Updates change a level's count and
 * amount (most of them near the top of the book), insert a level (pushing the 26th out with a
 * removal, as a {@code len 25} subscription does), or remove one (a {@code COUNT 0} row) and show
 * the next level behind the 25th. Prices are whole dollars around 103950, never crossed; amounts
 * have 2 to 8 decimals, and about one in 200 is below 1e-6 BTC so that its wire text is exponential
 * ({@code 5.1e-7}). Numbers and checksums are written exactly as the loopback simulator writes them
 * ({@link BitfinexText}), so every {@code cs} frame is right: a client that disagrees has a bug.
 *
 * <p>Data frame {@code i} (the snapshot is frame 0) carries sequence number {@code i + 1} and the
 * timestamp {@link #timestamp(int) START_MILLIS + i}: one millisecond per frame, so that a listener
 * that sees a book update's exchange time knows which frame committed it (the end-to-end benchmark
 * matches server send times to listener calls that way).
 *
 * <p>The frames are kept once, pre-encoded as the bytes a server puts on the wire: unmasked
 * WebSocket text frames back to back ({@link #wire()}), frame {@code i} at
 * {@code [frameStart(i), frameEnd(i))} with its payload at {@link #payloadStart(int)}.
 *
 * <pre>{@code
 * BitfinexBookRecording r = BitfinexBookRecording.generate(BitfinexBookRecording.DEFAULT_SEED, 100_000);
 * r.frame(0);            // "[17,[[103949,2,0.41],...],1,1737972930000]"
 * r.composition();       // 100,003 frames: 1 snapshot, 85,... updates, ... checksums, ... heartbeats
 * socket.write(ByteBuffer.wrap(r.wire(), r.frameStart(0), r.frameEnd(r.frameCount() - 1)));
 * }</pre>
 *
 * <p>Immutable after generation; thread-safe.
 */
public final class BitfinexBookRecording implements Recording {

    @Override
    public Exchange exchange() {
        return Exchange.BITFINEX;
    }

    @Override
    public String describe() {
        return composition.toString();
    }

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

    /** The exchange timestamp of frame 0 (the snapshot), epoch milliseconds. */
    public static final long START_MILLIS = 1_737_972_930_000L;

    /** What the server says when a connection opens. */
    public static final String INFO = "{\"event\":\"info\",\"version\":2,\"serverId\":\"b3a7c1de\",\"platform\":{\"status\":1}}";

    /** The server's answer to {@code {"event":"conf","flags":229376}}. */
    public static final String CONF_OK = "{\"event\":\"conf\",\"status\":\"OK\",\"flags\":" + FLAGS + "}";

    /** The server's answer to the book subscribe. */
    public static final String SUBSCRIBED = "{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":" + CHAN_ID
            + ",\"symbol\":\"" + SYMBOL + "\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"" + DEPTH + "\",\"pair\":\""
            + SYMBOL.substring(1) + "\"}";

    /** What a client sends to configure the connection. */
    public static final String CONF_REQUEST = "{\"event\":\"conf\",\"flags\":" + FLAGS + "}";

    /** What a client sends to subscribe the book. */
    public static final String SUBSCRIBE_REQUEST = "{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"" + SYMBOL
            + "\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"" + DEPTH + "\"}";

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
    private final byte[] wire;
    private final int[] frameStarts;
    private final int[] payloadStarts;
    private final int[] frameEnds;
    private final Composition composition;
    private final int commits;
    private final List<Level> finalBids;
    private final List<Level> finalAsks;

    private BitfinexBookRecording(long seed, byte[] wire, int[] frameStarts, int[] payloadStarts, int[] frameEnds,
            Composition composition, int commits, List<Level> finalBids, List<Level> finalAsks) {
        this.seed = seed;
        this.wire = wire;
        this.frameStarts = frameStarts;
        this.payloadStarts = payloadStarts;
        this.frameEnds = frameEnds;
        this.composition = composition;
        this.commits = commits;
        this.finalBids = List.copyOf(finalBids);
        this.finalAsks = List.copyOf(finalAsks);
    }

    /**
     * Generates a recording. The same seed and size give the same frames on every JVM
     * ({@link Random} is specified bit for bit).
     *
     * @param seed the seed
     * @param minFrames data frames wanted, at least 2; the last batch is finished, so there may be a
     *        few more
     * @return the recording
     */
    public static BitfinexBookRecording generate(long seed, int minFrames) {
        if (minFrames < 2) {
            throw new IllegalArgumentException("a recording needs at least 2 frames, was " + minFrames);
        }
        return new Generator(seed, minFrames).run();
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
     * The number of data frames.
     *
     * @return frames, snapshot included
     */
    @Override
    public int frameCount() {
        return frameEnds.length;
    }

    /**
     * Every data frame as a server writes it: unmasked WebSocket text frames, back to back. Do not
     * modify (it is shared, not copied).
     *
     * @return the bytes
     */
    @Override
    public byte[] wire() {
        return wire;
    }

    /**
     * Where frame {@code i} (its WebSocket header) starts in {@link #wire()}.
     *
     * @param i the frame index
     * @return the offset
     */
    @Override
    public int frameStart(int i) {
        return frameStarts[i];
    }

    /**
     * Where frame {@code i}'s payload (the JSON text) starts in {@link #wire()}.
     *
     * @param i the frame index
     * @return the offset
     */
    public int payloadStart(int i) {
        return payloadStarts[i];
    }

    /**
     * Where frame {@code i} ends in {@link #wire()} (exclusive).
     *
     * @param i the frame index
     * @return the offset
     */
    @Override
    public int frameEnd(int i) {
        return frameEnds[i];
    }

    /**
     * Frame {@code i}'s JSON text.
     *
     * @param i the frame index
     * @return the text
     */
    public String frame(int i) {
        return new String(wire, payloadStarts[i], frameEnds[i] - payloadStarts[i], StandardCharsets.UTF_8);
    }

    /**
     * The exchange timestamp frame {@code i} carries.
     *
     * @param i the frame index
     * @return epoch milliseconds
     */
    public static long timestamp(int i) {
        return START_MILLIS + i;
    }

    /**
     * The frame an exchange timestamp belongs to.
     *
     * @param timestamp epoch milliseconds from a frame of this recording
     * @return the frame index
     */
    public static int frameOf(long timestamp) {
        return (int) (timestamp - START_MILLIS);
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
     * The book changes a client that publishes only checksum-verified changes commits: the snapshot,
     * and each {@code cs} frame that follows at least one update.
     *
     * @return the count
     */
    @Override
    public int commits() {
        return commits;
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
     * Writes the server's events and the data frames one per line: input for {@code tradebench
     * decode --exchange bitfinex}.
     *
     * @param out where to write
     * @throws IOException when writing fails
     */
    public void write(Writer out) throws IOException {
        for (String f : List.of(INFO, CONF_OK, SUBSCRIBED)) {
            out.append(f).append('\n');
        }
        for (int i = 0; i < frameCount(); i++) {
            out.append(frame(i)).append('\n');
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
        int frameCount = 100_000;
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
            Writer w = new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8);
            recording.write(w);
            w.flush();
        } else {
            try (Writer w = Files.newBufferedWriter(Path.of(target), StandardCharsets.UTF_8)) {
                recording.write(w);
            }
            System.err.println(recording.composition() + " written to " + target);
        }
    }

    /**
     * Appends an unmasked WebSocket text frame (FIN set) holding {@code payload}.
     *
     * @param out where to write
     * @param payload the UTF-8 text
     * @return the length of the header written before the payload
     */
    static int writeServerFrame(OutputStream out, byte[] payload) {
        try {
            int n = payload.length;
            int header;
            out.write(0x81);
            if (n < 126) {
                out.write(n);
                header = 2;
            } else if (n <= 0xFFFF) {
                out.write(126);
                out.write(n >>> 8);
                out.write(n & 0xFF);
                header = 4;
            } else {
                out.write(127);
                for (int s = 56; s >= 0; s -= 8) {
                    out.write((int) ((long) n >>> s) & 0xFF);
                }
                header = 10;
            }
            out.write(payload);
            return header;
        } catch (IOException e) {
            throw new IllegalStateException(e); // a ByteArrayOutputStream does not throw
        }
    }

    /** The seeded market: two sides of levels keyed by whole-dollar price, best first. */
    private static final class Generator {

        private final long seed;
        private final int minFrames;
        private final Random random;
        private final NavigableMap<Long, Level> bids = new TreeMap<>(Comparator.reverseOrder());
        private final NavigableMap<Long, Level> asks = new TreeMap<>();
        private final ByteArrayOutputStream out;
        private int[] starts;
        private int[] payloads;
        private int[] ends;
        private int frames;
        private int updates;
        private int removals;
        private int checksums;
        private int heartbeats;
        private int commits;
        private boolean pendingUpdates;

        Generator(long seed, int minFrames) {
            this.seed = seed;
            this.minFrames = minFrames;
            this.random = new Random(seed);
            this.out = new ByteArrayOutputStream(Math.max(1024, minFrames) * 48);
            int capacity = minFrames + MAX_BATCH * 2 + 4;
            this.starts = new int[capacity];
            this.payloads = new int[capacity];
            this.ends = new int[capacity];
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
            boolean lastWasBatch = false;
            while (frames < minFrames || !lastWasBatch) {
                if (frames < minFrames && random.nextInt(HEARTBEAT_ONE_IN) == 0) {
                    heartbeat();
                    lastWasBatch = false;
                    continue;
                }
                int batch = 1 + random.nextInt(MAX_BATCH);
                for (int i = 0; i < batch; i++) {
                    operation();
                }
                checksum();
                lastWasBatch = true;
            }
            return new BitfinexBookRecording(seed, out.toByteArray(), Arrays.copyOf(starts, frames),
                    Arrays.copyOf(payloads, frames), Arrays.copyOf(ends, frames),
                    new Composition(1, updates, removals, checksums, heartbeats), commits,
                    new ArrayList<>(bids.values()), new ArrayList<>(asks.values()));
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
            pendingUpdates = true;
        }

        private void update(Level l) {
            frame("[" + l.priceText() + "," + l.count() + "," + l.amountText() + "]");
            updates++;
            pendingUpdates = true;
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
            commits++;
        }

        private void checksum() {
            StringBuilder text = new StringBuilder(1024);
            var bidLevels = bids.values().iterator();
            var askLevels = asks.values().iterator();
            for (int i = 0; i < DEPTH; i++) {
                if (bidLevels.hasNext()) {
                    pair(text, bidLevels.next());
                }
                if (askLevels.hasNext()) {
                    pair(text, askLevels.next());
                }
            }
            frame("\"cs\"," + BitfinexText.crc32(text.toString()));
            checksums++;
            if (pendingUpdates) {
                commits++;
                pendingUpdates = false;
            }
        }

        private static void pair(StringBuilder text, Level l) {
            if (!text.isEmpty()) {
                text.append(':');
            }
            text.append(l.priceText()).append(':').append(l.amountText());
        }

        private void heartbeat() {
            frame("\"hb\"");
            heartbeats++;
        }

        private void frame(String payload) {
            int i = frames;
            if (i == ends.length) {
                int n = ends.length * 2;
                starts = Arrays.copyOf(starts, n);
                payloads = Arrays.copyOf(payloads, n);
                ends = Arrays.copyOf(ends, n);
            }
            String text = "[" + CHAN_ID + "," + payload + "," + (i + 1) + "," + timestamp(i) + "]";
            starts[i] = out.size();
            int header = writeServerFrame(out, text.getBytes(StandardCharsets.UTF_8));
            payloads[i] = starts[i] + header;
            ends[i] = out.size();
            frames++;
        }

        private Level level(long price, boolean bid, int count, BigDecimal quantity) {
            BigDecimal p = BigDecimal.valueOf(price);
            BigDecimal amount = bid ? quantity : quantity.negate();
            return new Level(p, count, amount, BitfinexText.number(p), BitfinexText.number(amount));
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
