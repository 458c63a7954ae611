package org.tradebench.cli.live;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.tradebench.cli.json.EventJsonWriter;

/**
 * Standard output for events arriving on several connector delivery threads: each event is
 * formatted on its thread into a whole line and queued, and one writer thread of its own prints the
 * lines, so lines never interleave and a delivery thread never waits for the terminal.
 *
 * <pre>{@code
 * LineOutput output = new LineOutput(System.out);
 * output.event(json -> format.trade(json, trade));    // from any thread
 * output.close();                                     // prints what is queued
 * }</pre>
 *
 * <p>Thread-safe. At most {@value #MAX_QUEUED_LINES} lines wait; beyond that (a terminal far slower
 * than the exchange) lines are dropped and counted ({@link #dropped()}).
 */
public final class LineOutput implements AutoCloseable {

    /** The most lines waiting to be printed. */
    public static final int MAX_QUEUED_LINES = 1_000_000;

    private static final String END = new String("end"); // identity marks the end

    private final PrintStream out;
    private final Writer writer;
    private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>(MAX_QUEUED_LINES);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean failed;
    private boolean closed;

    /**
     * Starts the writer thread.
     *
     * @param out where lines go, UTF-8
     */
    public LineOutput(PrintStream out) {
        this.out = out;
        this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        this.thread = new Thread(this::drain, "tradebench-output");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Formats one event on the calling thread and queues its line.
     *
     * @param write writes one event (ended, not committed)
     */
    public void event(Consumer<EventJsonWriter> write) {
        StringBuilder line = new StringBuilder(256);
        EventJsonWriter json = new EventJsonWriter(line);
        write.accept(json);
        try {
            json.commit();
        } catch (IOException e) {
            throw new IllegalStateException("a StringBuilder does not fail", e);
        }
        if (line.length() > 0 && !queue.offer(line.toString())) {
            dropped.incrementAndGet();
        }
    }

    /**
     * Lines dropped because too many were waiting.
     *
     * @return the count
     */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Whether writing failed (a closed pipe); checked after {@link #close()}.
     *
     * @return true when lines were lost to a write error
     */
    public boolean failed() {
        return failed || out.checkError();
    }

    /** Prints every queued line, flushes, and stops the writer thread. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(END);
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        while (true) {
            String line;
            try {
                line = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (line == END) {
                break;
            }
            if (failed) {
                continue; // keep draining so that no producer waits on a full queue
            }
            try {
                writer.write(line);
                if (queue.isEmpty()) {
                    writer.flush(); // a live stream shows each event at once
                }
            } catch (IOException e) {
                failed = true;
            }
        }
        try {
            writer.flush();
        } catch (IOException e) {
            failed = true;
        }
    }
}
