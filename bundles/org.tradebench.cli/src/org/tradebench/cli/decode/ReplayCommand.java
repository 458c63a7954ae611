package org.tradebench.cli.decode;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.util.Objects;

import org.tradebench.api.spi.ConnectorProvider;
import org.tradebench.cli.json.EventJson;
import org.tradebench.cli.json.EventJsonWriter;
import org.tradebench.cli.recording.RecordingReader;

/**
 * {@code tradebench replay --exchange ID --file F [--speed 1|10|max] [--market M]}: a recording
 * ({@link org.tradebench.cli.recording.RecordingFormat}) through the connector's own
 * {@link org.tradebench.api.spi.StreamDecoder} into normalised events, paced like the recording
 * or as fast as possible; at the end the decoder delivers what it held back ({@code flush()}) and
 * every book's final state ({@code finish()}), printed as {@code "kind":"final"} with the top 25
 * levels per side.
 *
 * <p>Every event carries {@code "received"}, its frame's recorded receive time. A line that is not
 * in the format, or whose frame the decoder refuses, becomes an {@code error} line and the replay
 * goes on. Speed {@code 1} keeps the recorded gaps between frames, {@code 10} divides them by ten,
 * {@code max} (0 here) does not wait. Runs on the calling thread.
 *
 * <pre>{@code
 * try (RecordingReader r = RecordingReader.open(Path.of("btc.rec.gz"))) {
 *     int status = new ReplayCommand(provider, "spot", r, "btc.rec.gz", 0, Pacer.system()).run(System.out, System.err);
 * }
 * }</pre>
 */
public final class ReplayCommand {

    private final ConnectorProvider provider;
    private final String market;
    private final RecordingReader recording;
    private final String name;
    private final double speed;
    private final Pacer pacer;

    /**
     * Creates the command.
     *
     * @param provider the exchange's connector provider
     * @param market one of its markets
     * @param recording the open recording (the caller closes it)
     * @param name the recording's name for messages
     * @param speed how many times faster than recorded, &gt; 0; 0 for as fast as possible
     * @param pacer the clock to pace by
     */
    public ReplayCommand(ConnectorProvider provider, String market, RecordingReader recording, String name, double speed,
            Pacer pacer) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.market = Objects.requireNonNull(market, "market");
        this.recording = Objects.requireNonNull(recording, "recording");
        this.name = Objects.requireNonNull(name, "name");
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
     * @return 0; 1 when the recording cannot be read or the output not written
     */
    public int run(PrintStream out, PrintStream err) {
        Writer writer = Streams.writer(out);
        EventJsonWriter json = new EventJsonWriter(writer);
        EventJson format = new EventJson(true);
        String exchange = provider.exchangeId();
        JsonDecodedEvents events = new JsonDecodedEvents(exchange, json, format);
        FrameRunner runner = new FrameRunner(exchange, provider.decoder(market, events), events, json, format);
        long firstRecorded = Long.MIN_VALUE;
        long startNanos = 0;
        try {
            RecordingReader.Entry entry;
            while ((entry = next()) != null) {
                if (entry instanceof RecordingReader.Bad bad) {
                    runner.error(bad.message(), bad.line(), -1);
                    continue;
                }
                RecordingReader.Frame frame = (RecordingReader.Frame) entry;
                if (speed > 0) {
                    if (firstRecorded == Long.MIN_VALUE) {
                        firstRecorded = frame.receivedMillis();
                        startNanos = pacer.nanoTime();
                    }
                    long due = startNanos + (long) ((frame.receivedMillis() - firstRecorded) * 1_000_000d / speed);
                    long wait = due - pacer.nanoTime();
                    if (wait > 0) {
                        writer.flush(); // show what is due before waiting
                        pacer.sleepNanos(wait);
                    }
                }
                runner.frame(frame.session(), frame.frame(), frame.receivedMillis(), frame.line());
            }
            runner.endOfInput();
            runner.finish();
        } catch (Streams.InputException e) {
            Streams.flushQuietly(writer);
            err.println("tradebench replay: cannot read " + name + ": " + e.getCause().getMessage());
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
        if (recording.truncated()) {
            err.println("tradebench replay: " + name
                    + " ends early (the recorder did not finish it); replayed what was complete");
        }
        return Streams.close(writer, out, err, "replay");
    }

    private RecordingReader.Entry next() throws Streams.InputException {
        try {
            return recording.next();
        } catch (IOException e) {
            throw new Streams.InputException(e);
        }
    }
}
