package org.tradebench.cli.decode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.tradebench.api.spi.StreamDecoder;
import org.tradebench.cli.json.EventJson;
import org.tradebench.cli.json.EventJsonWriter;

/**
 * Feeds frames to a {@link StreamDecoder} and commits the lines of each frame, or, when the frame
 * cannot be decoded, only an {@code error} line: decoding goes on with the next frame. A frame that
 * fails half way thus prints only its error.
 *
 * <pre>{@code
 * FrameRunner runner = new FrameRunner("simulated", decoder, events, json, format);
 * runner.frame(StreamDecoder.DEFAULT_SESSION, bytes, -1, line);
 * runner.endOfInput();  // what the decoder held back
 * runner.finish();      // final books (replay)
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class FrameRunner {

    private final String exchange;
    private final StreamDecoder decoder;
    private final JsonDecodedEvents events;
    private final EventJsonWriter json;
    private final EventJson format;
    private long errors;

    /**
     * Creates a runner.
     *
     * @param exchange the connector id, for error lines
     * @param decoder the decoder, delivering to {@code events}
     * @param events the decoder's sink
     * @param json where {@code events} writes
     * @param format how errors are written
     */
    public FrameRunner(String exchange, StreamDecoder decoder, JsonDecodedEvents events, EventJsonWriter json,
            EventJson format) {
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.events = Objects.requireNonNull(events, "events");
        this.json = Objects.requireNonNull(json, "json");
        this.format = Objects.requireNonNull(format, "format");
    }

    /**
     * Decodes a text frame and commits its lines.
     *
     * @param session the connector's session name
     * @param frame the frame
     * @param receivedMillis receive time in epoch ms, or -1 when unknown
     * @param input the input line, echoed (cut) in an error line
     * @throws IOException when the output fails
     */
    public void frame(String session, String frame, long receivedMillis, String input) throws IOException {
        frame(session, frame.getBytes(StandardCharsets.UTF_8), receivedMillis, input);
    }

    /**
     * Decodes a frame and commits its lines.
     *
     * @param session the connector's session name
     * @param frame the frame's bytes
     * @param receivedMillis receive time in epoch ms, or -1 when unknown
     * @param input the input line, echoed (cut) in an error line
     * @throws IOException when the output fails
     */
    public void frame(String session, byte[] frame, long receivedMillis, String input) throws IOException {
        events.frameReceived(receivedMillis);
        try {
            decoder.decode(session, frame, 0, frame.length, receivedMillis);
        } catch (RuntimeException e) {
            json.discard();
            error(message(e), input, receivedMillis);
            return;
        }
        json.commit();
    }

    /**
     * Writes and commits an error line for input that is not a frame at all.
     *
     * @param message what is wrong
     * @param input the line
     * @param receivedMillis receive time, or -1 when unknown
     * @throws IOException when the output fails
     */
    public void error(String message, String input, long receivedMillis) throws IOException {
        errors++;
        format.error(json, exchange, message, input, receivedMillis);
        json.commit();
    }

    /**
     * Writes what the decoder held back for later frames ({@link StreamDecoder#flush()}) and
     * commits it: call at the end of the input.
     *
     * @throws IOException when the output fails
     */
    public void endOfInput() throws IOException {
        try {
            decoder.flush();
        } catch (RuntimeException e) {
            json.discard();
            error(message(e), null, -1);
            return;
        }
        json.commit();
    }

    /**
     * Writes the final books ({@link StreamDecoder#finish()}) and commits them.
     *
     * @throws IOException when the output fails
     */
    public void finish() throws IOException {
        try {
            decoder.finish();
        } catch (RuntimeException e) {
            json.discard();
            error(message(e), null, -1);
            return;
        }
        json.commit();
    }

    /**
     * The number of error lines written for undecodable input.
     *
     * @return the count
     */
    public long errors() {
        return errors;
    }

    private static String message(RuntimeException e) {
        String m = e.getMessage();
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            return m == null ? e.getClass().getSimpleName() : m; // bad input, said for people
        }
        // Anything else is a defect in a decoder: say so, but keep the stream going.
        return "internal decoder error " + e.getClass().getName() + (m == null ? "" : ": " + m);
    }
}
