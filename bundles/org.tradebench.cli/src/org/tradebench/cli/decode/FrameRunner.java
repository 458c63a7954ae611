package org.tradebench.cli.decode;

import java.io.IOException;

import org.tradebench.cli.json.EventJsonWriter;

/**
 * Feeds frames to an {@link ExchangeDecoder} and commits the events of each frame, or, when the
 * frame cannot be decoded, only an {@code error} event: decoding goes on with the next frame.
 *
 * <pre>{@code
 * FrameRunner runner = new FrameRunner("bitfinex", decoder, json);
 * runner.frame(line, -1, line);
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class FrameRunner {

    /** The longest input echoed in an error event. */
    public static final int MAX_INPUT = 200;

    private final String exchange;
    private final ExchangeDecoder decoder;
    private final EventJsonWriter json;
    private long errors;

    /**
     * Creates a runner.
     *
     * @param exchange the exchange id for error events
     * @param decoder the exchange's decoder
     * @param json where events go
     */
    public FrameRunner(String exchange, ExchangeDecoder decoder, EventJsonWriter json) {
        this.exchange = exchange;
        this.decoder = decoder;
        this.json = json;
    }

    /**
     * Decodes one frame and commits its events.
     *
     * @param frame the frame
     * @param receivedMillis receive time in epoch ms, or -1 when unknown
     * @param input the input line, echoed (cut) in an error event
     * @throws IOException when the output fails
     */
    public void frame(String frame, long receivedMillis, String input) throws IOException {
        try {
            decoder.decode(frame, receivedMillis);
        } catch (RuntimeException e) {
            json.discard();
            error(message(e), input, receivedMillis);
            return;
        }
        json.commit();
    }

    /**
     * Writes and commits an error event for an input line that is not a frame at all.
     *
     * @param message what is wrong
     * @param input the line
     * @param receivedMillis receive time, or -1 when unknown
     * @throws IOException when the output fails
     */
    public void error(String message, String input, long receivedMillis) throws IOException {
        errors++;
        json.begin("error", exchange).string("message", message).string("input", cut(input))
                .time("received", receivedMillis).end();
        json.commit();
    }

    /**
     * Writes what the decoder held back for later frames and commits it: call at the end of the
     * input.
     *
     * @throws IOException when the output fails
     */
    public void endOfInput() throws IOException {
        try {
            decoder.flush();
        } catch (RuntimeException e) {
            json.discard();
            error(message(e), "", -1);
            return;
        }
        json.commit();
    }

    /**
     * Writes the decoder's final state and commits it.
     *
     * @throws IOException when the output fails
     */
    public void finish() throws IOException {
        decoder.finish();
        json.commit();
    }

    /**
     * The number of error events written for undecodable input.
     *
     * @return the count
     */
    public long errors() {
        return errors;
    }

    /**
     * Cuts an input line for echoing, without splitting a surrogate pair.
     *
     * @param line the line
     * @return at most {@value #MAX_INPUT} characters
     */
    public static String cut(String line) {
        if (line.length() <= MAX_INPUT) {
            return line;
        }
        int end = Character.isHighSurrogate(line.charAt(MAX_INPUT - 1)) ? MAX_INPUT - 1 : MAX_INPUT;
        return line.substring(0, end);
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
