package org.tradebench.cli.decode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

import org.tradebench.cli.json.EventJsonWriter;

/**
 * {@code tradebench replay --exchange ID --file F [--speed 1|10|max]}: a recording through the
 * exchange's decoder into normalised events, paced like the recording (or as fast as possible), and
 * at the end, for each book, a {@code "kind":"final"} snapshot of its top 25 levels per side.
 *
 * <h2>Recording format (version 1)</h2>
 * UTF-8 text, one frame per line: {@code <receive time in epoch milliseconds> <frame>}, one space
 * between them, the frame exactly as received (a frame holding line breaks has them replaced by
 * spaces, which JSON allows outside strings). Lines starting with {@code #} are comments (a
 * recorder may write a header such as {@code # tradebench-recording v1 exchange=bitfinex}); blank
 * lines are skipped.
 *
 * <pre>
 * # tradebench-recording v1 exchange=bitfinex
 * 1737972930001 {"event":"info","version":2,"platform":{"status":1}}
 * 1737972930120 {"event":"subscribed","channel":"book","chanId":17,"symbol":"tBTCUSD","prec":"P0","freq":"F0","len":"25"}
 * 1737972930125 [17,[[103950,2,1.5],[103951,1,-0.25]]]
 * </pre>
 *
 * <p>Every event carries {@code "received"}, the line's receive time. A line that is not in this
 * format, or whose frame cannot be decoded, becomes an {@code error} event and the replay goes on.
 * Speed {@code 1} keeps the recorded gaps between frames, {@code 10} divides them by ten,
 * {@code max} (the default) does not wait. Runs on the calling thread.
 *
 * <pre>{@code
 * int status = new ReplayCommand("bitfinex", Path.of("btc.rec"), 0, Pacer.system()).run(System.out, System.err);
 * }</pre>
 */
public final class ReplayCommand {

    private final String exchange;
    private final Path file;
    private final double speed;
    private final Pacer pacer;

    /**
     * Creates the command.
     *
     * @param exchange the exchange id
     * @param file the recording
     * @param speed how many times faster than recorded, &gt; 0; 0 for as fast as possible
     * @param pacer the clock to pace by
     */
    public ReplayCommand(String exchange, Path file, double speed, Pacer pacer) {
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.file = Objects.requireNonNull(file, "file");
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be > 0, or 0 for as fast as possible; was " + speed);
        }
        this.speed = speed;
        this.pacer = Objects.requireNonNull(pacer, "pacer");
    }

    /**
     * Runs the replay.
     *
     * @param out normalised events, UTF-8 JSON lines
     * @param err messages for people
     * @return 0; 1 when the file cannot be read or the output not written; 2 for an unsupported
     *         exchange
     */
    public int run(PrintStream out, PrintStream err) {
        Writer writer = Streams.writer(out);
        EventJsonWriter json = new EventJsonWriter(writer);
        ExchangeDecoder decoder = ExchangeDecoder.create(exchange, json).orElse(null);
        if (decoder == null) {
            err.println("tradebench replay: unsupported exchange '" + exchange + "' (supported: "
                    + String.join(", ", ExchangeDecoder.supported()) + ")");
            return 2;
        }
        FrameRunner runner = new FrameRunner(exchange, decoder, json);
        BufferedReader reader;
        try {
            reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            err.println("tradebench replay: no such file: " + file);
            return 1;
        } catch (IOException e) {
            err.println("tradebench replay: cannot open " + file + ": " + e.getMessage());
            return 1;
        }
        long firstRecorded = Long.MIN_VALUE;
        long startNanos = 0;
        try (reader) {
            String line;
            while ((line = Streams.readLine(reader)) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int space = line.indexOf(' ');
                long recorded = space > 0 ? epochMillis(line, space) : -1;
                if (recorded < 0) {
                    runner.error("not a recording line: expected '<epoch millis> <frame>'", line, -1);
                    continue;
                }
                if (speed > 0) {
                    if (firstRecorded == Long.MIN_VALUE) {
                        firstRecorded = recorded;
                        startNanos = pacer.nanoTime();
                    }
                    long due = startNanos + (long) ((recorded - firstRecorded) * 1_000_000d / speed);
                    long wait = due - pacer.nanoTime();
                    if (wait > 0) {
                        writer.flush(); // show what is due before waiting
                        pacer.sleepNanos(wait);
                    }
                }
                runner.frame(line.substring(space + 1), recorded, line);
            }
            runner.endOfInput();
            runner.finish();
        } catch (Streams.InputException e) {
            Streams.flushQuietly(writer);
            err.println("tradebench replay: cannot read " + file + ": " + e.getCause().getMessage());
            return 1;
        } catch (IOException e) {
            err.println("tradebench replay: cannot write standard output: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Streams.flushQuietly(writer);
            err.println("tradebench replay: interrupted");
            return 1;
        }
        return Streams.close(writer, out, err, "replay");
    }

    /** The leading epoch milliseconds of a line, or -1 when it is not a plain non-negative integer. */
    private static long epochMillis(String line, int end) {
        if (end > 18) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < end; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
