package org.tradebench.connector.support;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what a toolkit class logs through {@link System.Logger} (which the JDK backs with
 * java.util.logging when nothing else is installed), and keeps it off the console meanwhile.
 *
 * <pre>{@code
 * try (LogCapture log = LogCapture.of(StreamSubscription.class)) {
 *     ...
 *     assertEquals(1, log.records().size());
 * }
 * }</pre>
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final boolean parents;
    private final List<LogRecord> records = new ArrayList<>();

    private LogCapture(Class<?> type) {
        this.logger = Logger.getLogger(type.getName());
        this.parents = logger.getUseParentHandlers();
        setLevel(Level.ALL);
        logger.addHandler(this);
        logger.setUseParentHandlers(false);
    }

    /**
     * Starts capturing what a class logs.
     *
     * @param type the class whose logger to capture
     * @return the capture; close it
     */
    public static LogCapture of(Class<?> type) {
        return new LogCapture(type);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    /**
     * What was logged so far.
     *
     * @return a copy
     */
    public synchronized List<LogRecord> records() {
        return List.copyOf(records);
    }

    /**
     * The messages logged so far, each with its exception's text when it has one.
     *
     * @return one line per record
     */
    public synchronized List<String> lines() {
        List<String> out = new ArrayList<>();
        for (LogRecord r : records) {
            out.add(r.getLevel() + " " + r.getMessage() + (r.getThrown() == null ? "" : " | " + r.getThrown()));
        }
        return out;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(parents);
    }
}
