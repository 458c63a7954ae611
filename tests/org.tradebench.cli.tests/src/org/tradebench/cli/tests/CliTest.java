package org.tradebench.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.equinox.app.IApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.tradebench.cli.Cli;
import org.tradebench.cli.CliApplication;

/** Argument handling: usage goes to standard error with status 2; the application passes its arguments on. */
class CliTest {

    @TempDir
    Path dir;

    @Test
    void helpAndUnknownCommandsPrintUsageWithStatusTwo() {
        for (String[] args : new String[][] {{}, {"frobnicate"}, {"decode"}, {"decode", "--exchange"},
                {"decode", "--exchange", "kraken"}, {"decode", "--exchange", "bitfinex", "--bogus", "1"},
                {"decode", "--exchange", "bitfinex", "extra"}, {"replay", "--exchange", "bitfinex"},
                {"replay", "--exchange", "bitfinex", "--file", "x", "--speed", "fast"},
                {"decode", "--exchange", "bitfinex", "--market", "usdm"}}) {
            Run run = Run.cli("", args);
            assertEquals(2, run.status(), String.join(" ", args));
            assertEquals("", run.out(), String.join(" ", args));
            assertTrue(run.err().contains("usage: tradebench <command> [options]"), run.err());
        }
    }

    @Test
    void usageProblemsAreNamed() {
        assertTrue(Run.cli("", "frobnicate").err().startsWith("tradebench: unknown command 'frobnicate'\n"));
        assertTrue(Run.cli("", "decode", "--exchange", "kraken").err()
                .startsWith("tradebench: unsupported exchange 'kraken' (installed: bitfinex)\n"));
        assertTrue(Run.cli("", "replay", "--exchange", "bitfinex").err().startsWith("tradebench: replay needs --file FILE\n"));
    }

    @Test
    void helpAskedForPrintsUsageToStandardOutputWithStatusZero() {
        for (String word : new String[] {"help", "--help", "-h"}) {
            Run run = Run.cli("", word);
            assertEquals(0, run.status(), word);
            assertTrue(run.out().startsWith("usage: tradebench <command> [options]"), run.out());
            assertEquals("", run.err(), word);
        }
    }

    @Test
    void replayThroughTheCommandLine() throws Exception {
        Path file = dir.resolve("r.rec");
        Files.writeString(file, "1737972930001 {\"event\":\"info\",\"version\":2,\"platform\":{\"status\":1}}\n");
        Run run = Run.cli("", "replay", "--exchange", "bitfinex", "--file", file.toString(), "--speed", "max");
        assertEquals(0, run.status(), run.err());
        assertEquals("{\"type\":\"status\",\"exchange\":\"bitfinex\",\"state\":\"live\",\"reason\":\"platform operative (API version 2)\",\"received\":\"2025-01-27T10:15:30.001Z\"}\n",
                run.out());
    }

    @Test
    void theApplicationRunsTheCommandLineAndReturnsItsStatus() {
        IApplicationContext context = new IApplicationContext() {
            @Override
            public Map<?, ?> getArguments() {
                return Map.of(IApplicationContext.APPLICATION_ARGS, new String[] {"frobnicate"});
            }

            @Override
            public void applicationRunning() {
            }

            @Override
            public String getBrandingApplication() {
                return null;
            }

            @Override
            public String getBrandingName() {
                return null;
            }

            @Override
            public String getBrandingDescription() {
                return null;
            }

            @Override
            public String getBrandingId() {
                return null;
            }

            @Override
            public String getBrandingProperty(String key) {
                return null;
            }

            @Override
            public Bundle getBrandingBundle() {
                return null;
            }

            @Override
            public void setResult(Object result, org.eclipse.equinox.app.IApplication application) {
            }
        };
        java.io.PrintStream err = System.err;
        try {
            System.setErr(new java.io.PrintStream(new java.io.ByteArrayOutputStream()));
            assertEquals(Integer.valueOf(2), new CliApplication().start(context));
        } finally {
            System.setErr(err);
        }
        assertEquals(2, Cli.run(new String[0], System.in, new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                new java.io.PrintStream(new java.io.ByteArrayOutputStream())));
    }
}
