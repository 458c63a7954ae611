package org.tradebench.examples.skeleton.tests;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.spi.ConnectorProvider;
import org.tradebench.api.spi.ConnectorSetting;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.api.spi.OpenConnector;
import org.tradebench.connector.conformance.Await;
import org.tradebench.connector.conformance.ConformanceTarget;
import org.tradebench.connector.conformance.Fault;
import org.tradebench.connector.conformance.ReferenceBook;
import org.tradebench.examples.skeleton.internal.SkeletonConfig;
import org.tradebench.examples.skeleton.internal.SkeletonConnector;
import org.tradebench.examples.skeleton.internal.SkeletonProvider;
import org.tradebench.examples.skeleton.internal.protocol.SkeletonAdapters;
import org.tradebench.examples.skeleton.simulator.SkeletonSimulator;

/**
 * The Skeleton Exchange connector against its loopback simulator, for the conformance kit. The
 * connector is opened through {@link SkeletonProvider} with the simulator's address and short
 * timings, the path a tool takes. SOL/USD is delisted at the simulator once the connector has its
 * instrument list, so the refusal comes from the exchange. Every fault of the kit is supported.
 *
 * <p>For your exchange: the same class, with your provider, your simulator (or a testnet) and its
 * fault switches.
 */
final class SkeletonTarget implements ConformanceTarget {

    static final InstrumentId BTC = new InstrumentId(SkeletonConnector.ID, "BTC/USD");
    static final InstrumentId ETH = new InstrumentId(SkeletonConnector.ID, "ETH/USD");
    static final InstrumentId SOL = new InstrumentId(SkeletonConnector.ID, "SOL/USD");

    private final SkeletonSimulator sim = SkeletonSimulator.start(new SkeletonSimulator.Config(7, 0,
            Duration.ofMillis(20), 5, Duration.ofMillis(250)));
    private final SkeletonProvider provider = new SkeletonProvider();
    private SkeletonConnector last;

    /** The settings a tool would pass: the simulator's address, a stale timeout of one second. */
    private Map<String, String> settings() {
        return Map.of(ConnectorSetting.WS_URL, sim.webSocketUri().toString(), SkeletonConfig.STALE_MS, "1000",
                SkeletonConfig.PING_MS, "300", SkeletonConfig.RECONNECT_MS, "100", SkeletonConfig.RECONNECT_MAX_MS,
                "1000");
    }

    @Override
    public OpenConnector open(FrameTap tap) {
        OpenConnector c = provider.open(settings(), tap);
        last = (SkeletonConnector) c;
        return c;
    }

    @Override
    public Optional<ConnectorProvider> provider() {
        return Optional.of(provider);
    }

    @Override
    public InstrumentId primary() {
        return BTC;
    }

    @Override
    public InstrumentId secondary() {
        return ETH;
    }

    @Override
    public InstrumentId refused() {
        Await.until(() -> last != null && last.catalog().loaded(), () -> "the connector has the instrument list");
        sim.delist(SkeletonAdapters.raw(SOL));
        return SOL;
    }

    @Override
    public Set<Fault> faults() {
        return EnumSet.allOf(Fault.class);
    }

    @Override
    public void inject(Fault fault, InstrumentId instrument) {
        switch (fault) {
            case CONNECTION_DROP -> sim.dropConnections();
            case SERVER_RESTART -> sim.restart();
            case BOOK_INTEGRITY -> sim.corruptNextChecksum(SkeletonAdapters.raw(instrument));
            case SEQUENCE_GAP -> sim.skipSequence();
            case SILENCE -> sim.goSilent(Duration.ofMillis(2500));
            case MAINTENANCE -> {
                sim.maintenance(true);
                Await.until(() -> last.health().state() == ConnectionState.MAINTENANCE,
                        () -> "maintenance seen: " + last.health());
                sim.maintenance(false);
            }
            case MALFORMED_FRAMES -> {
                sim.sendMalformed("not json");
                sim.sendMalformed("{\"type\":\"update\",\"seq\":");
                sim.sendMalformed("{\"type\":\"trade\",\"symbol\":\"BTC-USD\",\"price\":\"1\"}"); // no seq, no id
            }
        }
    }

    @Override
    public void pauseMarket() {
        sim.pause();
    }

    @Override
    public void resumeMarket() {
        sim.resume();
    }

    @Override
    public Optional<ReferenceBook> referenceBook(InstrumentId instrument) {
        String raw = SkeletonAdapters.raw(instrument);
        if (!sim.subscribed("book", raw)) {
            return Optional.empty();
        }
        return Optional.of(new ReferenceBook(levels(sim.bids(raw)), levels(sim.asks(raw)), false));
    }

    private static List<ReferenceBook.Level> levels(List<SkeletonSimulator.Level> levels) {
        return levels.stream().map(l -> new ReferenceBook.Level(l.price(), l.size(), 0)).toList();
    }

    @Override
    public int exchangeSubscriptions() {
        return sim.subscriptions();
    }

    @Override
    public void close() {
        sim.close();
    }
}
