package org.tradebench.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.spi.ConnectorProvider;
import org.tradebench.cli.Cli;
import org.tradebench.cli.CliApplication;
import org.tradebench.cli.OsgiProviders;
import org.tradebench.cli.Providers;
import org.tradebench.cli.decode.Pacer;

/**
 * Arguments, usage and help; the exchanges come from the installed providers, found in the OSGi
 * service registry by the application.
 */
class CliTest {

    private final FakeProvider fake = new FakeProvider();

    private static final String USAGE_END = "formats: docs/cli.md (events, recording files)\n";

    @Test
    void helpListsEachInstalledExchangeWithItsMarketsAndSettingsOnStandardOutput() {
        for (String word : new String[] {"help", "--help", "-h"}) {
            Run run = Run.cli(fake, "", word);
            assertEquals(0, run.status(), word);
            assertEquals("", run.err(), word);
            assertTrue(run.out().startsWith("usage: tradebench <command> [options]\n"), run.out());
            assertTrue(run.out().contains("\nexchanges: fake\n"), run.out());
            assertTrue(run.out().endsWith(USAGE_END + """

                    fake (Fake Exchange): markets spot, usdm
                      settings (--set KEY=VALUE), with their defaults:
                        ws.url=wss://fake.example/ws
                            the market-data WebSocket endpoint
                        rest.url=https://fake.example/api
                            the public REST base URL
                        heartbeat.ms=15000
                            milliseconds between heartbeats
                    """), run.out());
        }
    }

    @Test
    void badArgumentsPrintAOneLineReasonAndTheUsageWithStatusTwo() {
        Map<List<String>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(List.of("frobnicate"), "unknown command 'frobnicate'");
        cases.put(List.of("decode"), "--exchange ID is required (installed: fake)");
        cases.put(List.of("decode", "--exchange"), "--exchange needs a value");
        cases.put(List.of("decode", "--exchange", "kraken"), "unsupported exchange 'kraken' (installed: fake)");
        cases.put(List.of("decode", "--exchange", "fake", "--bogus", "1"), "unknown option --bogus for decode");
        cases.put(List.of("decode", "--exchange", "fake", "extra"), "unexpected argument 'extra'");
        cases.put(List.of("decode", "--exchange", "fake", "--exchange=fake"), "--exchange given twice");
        cases.put(List.of("replay", "--exchange", "fake"), "replay needs --file F");
        cases.put(List.of("replay", "--exchange", "fake", "--file", "x", "--speed", "fast"),
                "--speed must be a positive number (1, 10) or max, was 'fast'");
        cases.put(List.of("stream", "--exchange", "fake"), "stream needs --symbols S[,S..]");
        cases.put(List.of("stream", "--exchange", "fake", "--symbols", "BTCUSD"),
                "--symbols: 'BTCUSD' is not a unified symbol (BASE/QUOTE or BASE/QUOTE:SETTLE, e.g. BTC/USD, BTC/USDT:USDT)");
        cases.put(List.of("stream", "--exchange", "fake", "--symbols", "BTC/USD,"),
                "--symbols takes unified symbols separated by commas, was 'BTC/USD,'");
        cases.put(List.of("stream", "--exchange", "fake", "--symbols", "BTC/USD", "--duration", "soon"),
                "--duration must be a positive number and a unit (ms, s, m, h), like 30s, 5m or 1h; was 'soon'");
        cases.put(List.of("stream", "--exchange", "fake", "--symbols", "BTC/USD", "--duration", "0s"),
                "--duration must be a positive number and a unit (ms, s, m, h), like 30s, 5m or 1h; was '0s'");
        cases.put(List.of("stream", "--exchange", "fake", "--symbols", "BTC/USD", "--book", "0"),
                "--book takes the levels per side, 1 to 10000; was '0'");
        cases.put(List.of("stream", "--exchange", "fake", "--symbols", "BTC/USD", "--summary=yes"), "--summary takes no value");
        cases.put(List.of("stream", "--exchange", "fake", "--symbols", "BTC/USD", "--set", "ws.url"),
                "--set takes KEY=VALUE, was 'ws.url'");
        cases.put(List.of("stream", "--exchange", "fake", "--symbols", "BTC/USD", "--set", "a=1", "--set", "a=2"),
                "--set a given twice");
        cases.put(List.of("stream", "--exchange", "fake", "--symbols", "BTC/USD", "--out", "f"), "unknown option --out for stream");
        cases.put(List.of("stream", "--exchange", "fake", "--market", "coinm", "--symbols", "BTC/USD"),
                "fake has no market 'coinm' (markets: spot, usdm)");
        cases.put(List.of("record", "--exchange", "fake", "--symbols", "BTC/USD", "--out", "x"), "record needs --duration D");
        cases.put(List.of("record", "--exchange", "fake", "--symbols", "BTC/USD", "--duration", "1s"), "record needs --out F");
        cases.put(List.of("record", "--exchange", "fake", "--symbols", "BTC/USD", "--summary"), "unknown option --summary for record");
        cases.forEach((args, reason) -> {
            Run run = Run.cli(fake, "", args.toArray(String[]::new));
            assertEquals(2, run.status(), String.join(" ", args));
            assertEquals("", run.out(), String.join(" ", args));
            assertTrue(run.err().startsWith("tradebench: " + reason + "\n\nusage: tradebench <command> [options]\n"), run.err());
            assertTrue(run.err().endsWith(USAGE_END), run.err());
        });
        assertTrue(fake.opened.isEmpty(), "no connector is opened for a bad command line");
    }

    @Test
    void noArgumentsPrintOnlyTheUsage() {
        Run run = Run.cli(fake, "");
        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("usage: tradebench <command> [options]\n"), run.err());
    }

    @Test
    void withoutConnectorsTheUsageSaysNoneIsInstalled() {
        Run help = Run.cli(Providers.of(), Run.timing(fake, false, Pacer.system()), new ByteArrayInputStream(new byte[0]), "help");
        assertTrue(help.out().contains("\nexchanges: none installed (install an exchange feature)\n"), help.out());
        Run decode = Run.cli(Providers.of(), Run.timing(fake, false, Pacer.system()), new ByteArrayInputStream(new byte[0]),
                "decode", "--exchange", "fake");
        assertTrue(decode.err().startsWith("tradebench: unsupported exchange 'fake' (installed: none)\n"), decode.err());
    }

    @Test
    void osgiProvidersWaitForAProviderThatRegistersLate() throws Exception {
        BundleContext context = context();
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(ExchangeConnector.PROPERTY_EXCHANGE_ID, "fake");
        try (OsgiProviders providers = new OsgiProviders(context, Duration.ofSeconds(5))) {
            Thread late = new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
                registrations.add(context.registerService(ConnectorProvider.class, fake, properties));
            });
            long start = System.nanoTime();
            late.start();
            assertSame(fake, providers.find("fake").orElseThrow());
            long waited = System.nanoTime() - start;
            assertTrue(waited >= 250_000_000L, "found only once registered");
            assertTrue(waited < 4_000_000_000L, "found as soon as registered, not at the end of the patience");
            assertEquals(List.of(fake), providers.all());
            late.join();
        } finally {
            registrations.forEach(ServiceRegistration::unregister);
        }
        try (OsgiProviders providers = new OsgiProviders(context, Duration.ofMillis(100))) {
            assertFalse(providers.find("fake").isPresent(), "unregistered");
        }
    }

    private final List<ServiceRegistration<ConnectorProvider>> registrations = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Test
    void theApplicationFindsTheRegisteredProvidersAndReturnsTheExitStatus() throws Exception {
        BundleContext context = context();
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(ExchangeConnector.PROPERTY_EXCHANGE_ID, "fake");
        ServiceRegistration<ConnectorProvider> registration = context.registerService(ConnectorProvider.class, fake,
                properties);
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertEquals(Integer.valueOf(2), new CliApplication().start(context(new String[] {"frobnicate"})));
        } finally {
            System.setErr(err);
            registration.unregister();
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("tradebench: unknown command 'frobnicate'\n"), text);
        assertTrue(text.contains("\nexchanges: fake\n"), text);
        assertEquals(2, Cli.run(new String[0], Providers.of(), System.in, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream())));
    }

    private static BundleContext context() throws Exception {
        Bundle bundle = FrameworkUtil.getBundle(CliApplication.class);
        if (bundle.getBundleContext() == null) {
            bundle.start(Bundle.START_TRANSIENT);
        }
        return bundle.getBundleContext();
    }

    private static IApplicationContext context(String[] args) {
        return new IApplicationContext() {
            @Override
            public Map<?, ?> getArguments() {
                return Map.of(IApplicationContext.APPLICATION_ARGS, args);
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
            public void setResult(Object result, IApplication application) {
            }
        };
    }
}
