package org.tradebench.cli.decode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.tradebench.api.spi.ConnectorProvider;
import org.tradebench.api.spi.StreamDecoder;
import org.tradebench.cli.json.EventJson;
import org.tradebench.cli.json.EventJsonWriter;

/**
 * {@code tradebench decode --exchange ID [--market M]}: raw frames on standard input, one per line
 * (UTF-8), exactly as received (subscribe acknowledgements included, so channel ids resolve),
 * through the connector's own {@link StreamDecoder} to normalised events as JSON lines. A line the
 * decoder refuses becomes an {@code error} line and decoding goes on; blank lines are skipped. At
 * the end of the input the decoder delivers what it held back ({@link StreamDecoder#flush()}).
 *
 * <pre>{@code
 * int status = new DecodeCommand(provider, "spot").run(System.in, System.out, System.err);
 * }</pre>
 *
 * <p>Output is flushed whenever the input has nothing more ready, so an interactive pipe sees each
 * event at once while a file decodes at full speed. Runs on the calling thread.
 */
public final class DecodeCommand {

    private final ConnectorProvider provider;
    private final String market;

    /**
     * Creates the command.
     *
     * @param provider the exchange's connector provider
     * @param market one of the provider's markets
     */
    public DecodeCommand(ConnectorProvider provider, String market) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.market = Objects.requireNonNull(market, "market");
    }

    /**
     * Runs the command.
     *
     * @param in raw frames, UTF-8, one per line
     * @param out normalised events, UTF-8 JSON lines
     * @param err messages for people
     * @return 0, or 1 when the input could not be read or the output not written
     */
    public int run(InputStream in, PrintStream out, PrintStream err) {
        Writer writer = Streams.writer(out);
        EventJsonWriter json = new EventJsonWriter(writer);
        EventJson format = new EventJson(false);
        String exchange = provider.exchangeId();
        JsonDecodedEvents events = new JsonDecodedEvents(exchange, json, format);
        FrameRunner runner = new FrameRunner(exchange, provider.decoder(market, events), events, json, format);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = Streams.readLine(reader)) != null) {
                if (!line.isBlank()) {
                    runner.frame(StreamDecoder.DEFAULT_SESSION, line, -1, line);
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
