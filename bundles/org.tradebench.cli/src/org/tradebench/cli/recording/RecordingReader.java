package org.tradebench.cli.recording;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.GZIPInputStream;

import org.tradebench.api.spi.StreamDecoder;

/**
 * Reads a recording ({@link RecordingFormat}): version 2 as {@code tradebench record} writes it,
 * and version 1 ({@code <epoch millis> <frame>} lines), each plain or gzip-compressed (recognised
 * by its first bytes, not by the file name).
 *
 * <pre>{@code
 * try (RecordingReader r = RecordingReader.open(Path.of("btc.rec.gz"))) {
 *     String market = r.header().market();                 // null for version 1
 *     for (RecordingReader.Entry e; (e = r.next()) != null;) {
 *         if (e instanceof RecordingReader.Frame f) decode(f.session(), f.frame(), f.receivedMillis());
 *     }
 *     if (r.truncated()) warn();                           // the recorder was killed
 * }
 * }</pre>
 *
 * <p>Read errors are {@link IOException}s; a line that is not in the format is a {@link Bad} entry
 * (the replay reports it and goes on). Not thread-safe.
 */
public final class RecordingReader implements Closeable {

    /** A line of the recording. */
    public sealed interface Entry permits Frame, Bad {
        /**
         * The line as it is in the file.
         *
         * @return the line
         */
        String line();
    }

    /**
     * A recorded frame.
     *
     * @param receivedMillis the receive time, epoch milliseconds
     * @param session the connector's session name
     * @param frame the frame's bytes, exactly as received
     * @param line the line in the file
     */
    public record Frame(long receivedMillis, String session, byte[] frame, String line) implements Entry {
    }

    /**
     * A line that is not in the format.
     *
     * @param message what is wrong, for people
     * @param line the line
     */
    public record Bad(String message, String line) implements Entry {
    }

    private final BufferedReader reader;
    private final RecordingFormat.Header header;
    private final EndOfGzip gzip;
    private String pending;

    private RecordingReader(BufferedReader reader, EndOfGzip gzip) throws IOException {
        this.reader = reader;
        this.gzip = gzip;
        String first = readLine();
        while (first != null && first.isBlank()) {
            first = readLine();
        }
        RecordingFormat.Header parsed;
        try {
            parsed = first == null ? null : RecordingFormat.parseHeader(first);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (parsed == null) {
            pending = first; // a version 1 file without a header: the first line is data
            parsed = new RecordingFormat.Header(1, null, null);
        } else if (parsed.version() > RecordingFormat.VERSION) {
            throw new IOException("recording version v" + parsed.version() + " is newer than this tradebench reads (v1, v"
                    + RecordingFormat.VERSION + ")");
        }
        this.header = parsed;
    }

    /**
     * Opens a recording and reads its header.
     *
     * @param file the file
     * @return the reader
     * @throws IOException when the file cannot be opened or its header is unreadable
     */
    public static RecordingReader open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            in.mark(2);
            boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            EndOfGzip data = gzip ? new EndOfGzip(new GZIPInputStream(in, 1 << 16)) : null;
            return new RecordingReader(new BufferedReader(
                    new InputStreamReader(data != null ? data : in, StandardCharsets.UTF_8), 1 << 16), data);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * The header; version 1 with no exchange and no market for a file without one.
     *
     * @return the header
     */
    public RecordingFormat.Header header() {
        return header;
    }

    /**
     * Whether the file is gzip-compressed.
     *
     * @return true for gzip
     */
    public boolean compressed() {
        return gzip != null;
    }

    /**
     * Whether the compressed data ended before its end marker (the recorder was killed): what came
     * before was read.
     *
     * @return true when truncated
     */
    public boolean truncated() {
        return gzip != null && gzip.truncated;
    }

    /**
     * The next frame or bad line; comments and blank lines are skipped.
     *
     * @return the entry, or null at the end
     * @throws IOException when the file cannot be read
     */
    public Entry next() throws IOException {
        String line;
        while ((line = nextLine()) != null) {
            if (!line.isBlank() && !line.startsWith("#")) {
                return header.version() == 1 ? parseV1(line) : parseV2(line);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private String nextLine() throws IOException {
        if (pending != null) {
            String line = pending;
            pending = null;
            return line;
        }
        return readLine();
    }

    private String readLine() throws IOException {
        return reader.readLine();
    }

    /**
     * Ends a gzip stream that stops before its end marker (the recorder was killed) as if it ended
     * there, keeping everything inflated before: the reader above would otherwise lose what it had
     * buffered.
     */
    private static final class EndOfGzip extends FilterInputStream {

        volatile boolean truncated;

        EndOfGzip(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            if (truncated) {
                return -1;
            }
            try {
                return super.read();
            } catch (EOFException e) {
                truncated = true;
                return -1;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (truncated) {
                return -1;
            }
            try {
                return super.read(b, off, len);
            } catch (EOFException e) {
                truncated = true;
                return -1;
            }
        }
    }

    private static Entry parseV1(String line) {
        int space = line.indexOf(' ');
        long received = space > 0 ? epochMillis(line, space) : -1;
        if (received < 0) {
            return new Bad("not a recording line: expected '<epoch millis> <frame>'", line);
        }
        return new Frame(received, StreamDecoder.DEFAULT_SESSION,
                line.substring(space + 1).getBytes(StandardCharsets.UTF_8), line);
    }

    private static Entry parseV2(String line) {
        int first = line.indexOf(' ');
        int second = first < 0 ? -1 : line.indexOf(' ', first + 1);
        long received = first > 0 ? epochMillis(line, first) : -1;
        if (received < 0 || second < 0 || second == first + 1) {
            return new Bad("not a recording line: expected '<epoch millis> <session> <frame>'", line);
        }
        String token = line.substring(first + 1, second);
        String payload = line.substring(second + 1);
        boolean base64 = token.endsWith(RecordingFormat.BASE64_SUFFIX);
        try {
            String session = RecordingFormat
                    .decodeSession(base64 ? token.substring(0, token.length() - RecordingFormat.BASE64_SUFFIX.length()) : token);
            if (session.isEmpty()) {
                return new Bad("not a recording line: empty session name", line);
            }
            byte[] frame = base64 ? Base64.getDecoder().decode(payload) : payload.getBytes(StandardCharsets.UTF_8);
            return new Frame(received, session, frame, line);
        } catch (IllegalArgumentException e) {
            return new Bad("not a recording line: " + e.getMessage(), line);
        }
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
