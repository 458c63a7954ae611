package org.tradebench.cli.tests;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tradebench.api.spi.ConnectorProvider;
import org.tradebench.api.spi.ConnectorSetting;
import org.tradebench.api.spi.DecodedEvents;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.api.spi.OpenConnector;
import org.tradebench.api.spi.StreamDecoder;

/**
 * A connector provider for a made-up exchange, {@code fake}: its decoder reads {@link FakeDecoder}'s
 * tiny frame format, and {@link #open} returns a {@link FakeConnector} that plays {@link #script} to
 * its frame tap and its listeners when the test's stop signal asks it to. Markets {@code spot}
 * (exchange id {@code fake}) and {@code usdm} (exchange id {@code fake-usdm}).
 */
final class FakeProvider implements ConnectorProvider {

    static final List<ConnectorSetting> SETTINGS = List.of(
            new ConnectorSetting(ConnectorSetting.WS_URL, "the market-data WebSocket endpoint", "wss://fake.example/ws"),
            new ConnectorSetting(ConnectorSetting.REST_URL, "the public REST base URL", "https://fake.example/api"),
            new ConnectorSetting("heartbeat.ms", "milliseconds between heartbeats", "15000"));

    /** Script lines: {@code SESSION FRAME}, or {@code @health STATE at=MILLIS [SESSION=STATE:RATE:LATENCY]...}. */
    final List<String> script = new ArrayList<>();
    /** Symbols whose trade stream fails. */
    final Set<String> noTrades = new HashSet<>();
    /** Whether the connector lists its instruments at once (else never). */
    boolean instrumentsListed = true;
    final List<FakeConnector> opened = new ArrayList<>();
    final List<FakeDecoder> decoders = new ArrayList<>();
    Map<String, String> lastSettings;

    @Override
    public String exchangeId() {
        return "fake";
    }

    @Override
    public String displayName() {
        return "Fake Exchange";
    }

    @Override
    public List<String> markets() {
        return List.of("spot", "usdm");
    }

    @Override
    public List<ConnectorSetting> settings() {
        return SETTINGS;
    }

    @Override
    public synchronized OpenConnector open(Map<String, String> settings, FrameTap tap) {
        for (String key : settings.keySet()) {
            if (SETTINGS.stream().noneMatch(s -> s.name().equals(key))) {
                throw new IllegalArgumentException("unknown setting '" + key + "' for fake (settings: ws.url, rest.url, heartbeat.ms)");
            }
        }
        lastSettings = Map.copyOf(settings);
        FakeConnector c = new FakeConnector(this, tap);
        opened.add(c);
        return c;
    }

    @Override
    public synchronized StreamDecoder decoder(String market, DecodedEvents events) {
        FakeDecoder d = switch (market) {
            case "spot" -> new FakeDecoder("fake", events);
            case "usdm" -> new FakeDecoder("fake-usdm", events);
            default -> throw new IllegalArgumentException("fake has no market " + market);
        };
        decoders.add(d);
        return d;
    }

    synchronized FakeConnector last() {
        return opened.get(opened.size() - 1);
    }

    synchronized FakeDecoder lastDecoder() {
        return decoders.get(decoders.size() - 1);
    }
}
