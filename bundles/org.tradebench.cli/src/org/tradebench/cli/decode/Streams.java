package org.tradebench.cli.decode;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** Line input and buffered UTF-8 output for the commands, telling read errors from write errors. */
final class Streams {

    private Streams() {
    }

    /** A failed read, as opposed to a failed write. */
    static final class InputException extends IOException {
        private static final long serialVersionUID = 1L;

        InputException(IOException cause) {
            super(cause);
        }
    }

    static String readLine(BufferedReader reader) throws InputException {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new InputException(e);
        }
    }

    static Writer writer(PrintStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    static void flushQuietly(Writer writer) {
        try {
            writer.flush();
        } catch (IOException e) {
            // reporting the read error matters more
        }
    }

    /** Flushes, and asks the stream for errors: a PrintStream swallows them. */
    static int close(Writer writer, PrintStream out, PrintStream err, String command) {
        try {
            writer.flush();
        } catch (IOException e) {
            err.println("tradebench " + command + ": cannot write standard output: " + e.getMessage());
            return 1;
        }
        if (out.checkError()) {
            err.println("tradebench " + command + ": cannot write standard output");
            return 1;
        }
        return 0;
    }
}
