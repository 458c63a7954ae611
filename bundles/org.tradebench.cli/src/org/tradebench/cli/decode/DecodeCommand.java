package org.tradebench.cli.decode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.tradebench.cli.json.EventJsonWriter;

/**
 * {@code tradebench decode --exchange ID}: raw WebSocket frames on standard input, one per line,
 * exactly as received (subscribe acknowledgements included, so channel ids resolve), to
 * normalised events as JSON lines. A line that cannot be decoded becomes an {@code error} event and
 * decoding goes on; blank lines are skipped.
 *
 * <pre>{@code
 * int status = new DecodeCommand("bitfinex").run(System.in, System.out, System.err);
 * }</pre>
 *
 * <p>Output is flushed whenever the input has nothing more ready, so an interactive pipe sees each
 * event at once while a file decodes at full speed. Runs on the calling thread.
 */
public final class DecodeCommand {

    private final String exchange;

    /**
     * Creates the command.
     *
     * @param exchange the exchange id; must be one of {@link ExchangeDecoder#supported()}
     */
    public DecodeCommand(String exchange) {
        this.exchange = Objects.requireNonNull(exchange, "exchange");
    }

    /**
     * Runs the command.
     *
     * @param in raw frames, UTF-8, one per line
     * @param out normalised events, UTF-8 JSON lines
     * @param err messages for people
     * @return 0, or 1 when the input could not be read or the output not written, or 2 for an
     *         unsupported exchange
     */
    public int run(InputStream in, PrintStream out, PrintStream err) {
        Writer writer = Streams.writer(out);
        EventJsonWriter json = new EventJsonWriter(writer);
        ExchangeDecoder decoder = ExchangeDecoder.create(exchange, json).orElse(null);
        if (decoder == null) {
            err.println("tradebench decode: unsupported exchange '" + exchange + "' (supported: "
                    + String.join(", ", ExchangeDecoder.supported()) + ")");
            return 2;
        }
        FrameRunner runner = new FrameRunner(exchange, decoder, json);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = Streams.readLine(reader)) != null) {
                if (!line.isBlank()) {
                    runner.frame(line, -1, line);
                }
                if (!reader.ready()) {
                    writer.flush();
                }
            }
            runner.endOfInput();
        } catch (Streams.InputException e) {
            Streams.flushQuietly(writer);
            err.println("tradebench decode: cannot read standard input: " + e.getCause().getMessage());
            return 1;
        } catch (IOException e) {
            err.println("tradebench decode: cannot write standard output: " + e.getMessage());
            return 1;
        }
        return Streams.close(writer, out, err, "decode");
    }
}
