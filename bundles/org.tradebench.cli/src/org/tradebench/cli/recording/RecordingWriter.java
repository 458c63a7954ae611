package org.tradebench.cli.recording;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

import org.tradebench.api.spi.FrameTap;

/**
 * Writes a recording ({@link RecordingFormat}, version 2, gzip) from a connector's raw frames: a
 * {@link FrameTap} that copies each frame on the network thread and hands it to its own writer
 * thread, so the reader never waits for the disk.
 *
 * <pre>{@code
 * try (RecordingWriter rec = RecordingWriter.start(Path.of("btc.rec.gz"), "simulated", "spot")) {
 *     OpenConnector c = provider.open(Map.of(), rec);
 *     ...
 *     c.close();
 *     rec.finish();                 // drains, writes the gzip trailer; throws if a write failed
 *     long n = rec.written();
 * }
 * }</pre>
 *
 * <p>Thread-safe: {@link #onFrame} may be called from any number of threads. Frames wait in memory
 * up to {@value #MAX_QUEUED_BYTES} bytes; beyond that (a disk far slower than the network) they are
 * dropped and counted ({@link #dropped()}), never blocking the reader. After a write error the
 * remaining frames are dropped and {@link #finish()} reports the error.
 */
public final class RecordingWriter implements FrameTap, AutoCloseable {

    /** The most frame bytes waiting for the disk. */
    public static final long MAX_QUEUED_BYTES = 256L << 20;

    private static final long FLUSH_NANOS = 1_000_000_000L;

    /** A copied frame. */
    private record Copy(String session, byte[] frame, long receivedMillis) {
    }

    private static final Copy END = new Copy("", new byte[0], 0);

    private final Path file;
    private final OutputStream out;
    private final LinkedBlockingQueue<Copy> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private final Map<String, String[]> sessionTokens = new HashMap<>();
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private volatile IOException failure;
    private volatile boolean closed;
    private boolean finished;

    private RecordingWriter(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
        this.thread = new Thread(this::drain, "tradebench-recording-writer");
        thread.setDaemon(true);
    }

    /**
     * Creates (or replaces) the file, writes the header and starts the writer thread.
     *
     * @param file the recording to write
     * @param exchange the connector id, for the header
     * @param market the market, for the header
     * @return the writer
     * @throws IOException when the file cannot be created
     */
    public static RecordingWriter start(Path file, String exchange, String market) throws IOException {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(market, "market");
        OutputStream raw = Files.newOutputStream(file);
        OutputStream out;
        try {
            // syncFlush: what was flushed can be read back even if the recorder is killed later.
            out = new BufferedOutputStream(new GZIPOutputStream(raw, 1 << 16, true), 1 << 16);
            out.write((new RecordingFormat.Header(RecordingFormat.VERSION, exchange, market).line() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            raw.close();
            throw e;
        }
        RecordingWriter writer = new RecordingWriter(file, out);
        writer.thread.start();
        return writer;
    }

    @Override
    public void onFrame(String session, byte[] frame, int offset, int length, long receivedMillis) {
        if (closed || failure != null || queuedBytes.get() + length > MAX_QUEUED_BYTES) {
            dropped.incrementAndGet();
            return;
        }
        queuedBytes.addAndGet(length);
        accepted.incrementAndGet();
        queue.add(new Copy(session, Arrays.copyOfRange(frame, offset, offset + length), receivedMillis));
    }

    /**
     * The file being written.
     *
     * @return the path
     */
    public Path file() {
        return file;
    }

    /**
     * Frames taken from the connector so far.
     *
     * @return the count
     */
    public long accepted() {
        return accepted.get();
    }

    /**
     * Frames written to the file so far.
     *
     * @return the count
     */
    public long written() {
        return written.get();
    }

    /**
     * Frames dropped: arriving after {@link #finish()}, after a write error, or while the queue was
     * full.
     *
     * @return the count
     */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Stops taking frames, writes every frame taken, and closes the file. Idempotent.
     *
     * @throws IOException the first write error, if any
     * @throws InterruptedException when interrupted while waiting for the writer thread
     */
    public void finish() throws IOException, InterruptedException {
        if (!finished) {
            finished = true;
            closed = true;
            queue.add(END);
            thread.join();
            // A frame that raced past the closed flag behind END was not written: count it.
            while (queue.poll() != null) {
                accepted.decrementAndGet();
                dropped.incrementAndGet();
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Finishes, ignoring errors ({@link #finish()} reports them). */
    @Override
    public void close() {
        try {
            finish();
        } catch (IOException e) {
            // reported by finish()
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        long lastFlush = System.nanoTime();
        try {
            while (true) {
                Copy c = queue.poll(200, TimeUnit.MILLISECONDS);
                if (c == END) {
                    break;
                }
                if (c != null) {
                    queuedBytes.addAndGet(-c.frame().length);
                    if (failure == null) {
                        write(c);
                    }
                }
                if (failure == null && queue.isEmpty() && System.nanoTime() - lastFlush > FLUSH_NANOS) {
                    out.flush();
                    lastFlush = System.nanoTime();
                }
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            failure = new IOException("recording writer interrupted");
        } finally {
            try {
                out.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
    }

    private void write(Copy c) {
        try {
            boolean text = isText(c.frame());
            String[] tokens = sessionTokens.computeIfAbsent(c.session(), s -> {
                String t = RecordingFormat.encodeSession(s);
                return new String[] {t, t + RecordingFormat.BASE64_SUFFIX};
            });
            out.write(Long.toString(c.receivedMillis()).getBytes(StandardCharsets.US_ASCII));
            out.write(' ');
            out.write((text ? tokens[0] : tokens[1]).getBytes(StandardCharsets.US_ASCII));
            out.write(' ');
            out.write(text ? c.frame() : Base64.getEncoder().encode(c.frame()));
            out.write('\n');
            written.incrementAndGet();
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Whether a frame can be a line of text as it is: valid UTF-8 without line breaks. */
    private boolean isText(byte[] frame) {
        boolean ascii = true;
        for (byte b : frame) {
            if (b == '\n' || b == '\r') {
                return false;
            }
            ascii &= b >= 0;
        }
        if (ascii) {
            return true;
        }
        try {
            utf8.reset().decode(ByteBuffer.wrap(frame));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
