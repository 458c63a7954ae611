package org.tradebench.cli.tests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.tradebench.cli.Cli;
import org.tradebench.cli.Providers;
import org.tradebench.cli.Timing;
import org.tradebench.cli.decode.Pacer;

/** One command run with captured streams. */
record Run(int status, String out, String err) {

    /** Runs against the fake exchange only, with the real clock and a stop that plays the script. */
    static Run cli(FakeProvider fake, String input, String... args) {
        return cli(Providers.of(fake), timing(fake, false, Pacer.system()),
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), args);
    }

    static Run cli(Providers providers, Timing timing, InputStream in, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(args, providers, in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), timing);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Timing timing(FakeProvider fake, boolean interrupt, Pacer pacer) {
        return new Timing(pacer, () -> new ScriptStop(fake, interrupt), Duration.ofMillis(100));
    }

    List<String> lines() {
        if (out.isEmpty()) {
            return List.of();
        }
        return List.of(out.substring(0, out.length() - (out.endsWith("\n") ? 1 : 0)).split("\n", -1));
    }
}
