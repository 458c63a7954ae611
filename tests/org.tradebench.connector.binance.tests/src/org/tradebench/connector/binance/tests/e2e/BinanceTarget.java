package org.tradebench.connector.binance.tests.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.spi.ConnectorProvider;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.api.spi.OpenConnector;
import org.tradebench.connector.binance.internal.BinanceAdapters;
import org.tradebench.connector.binance.internal.BinanceConnector;
import org.tradebench.connector.binance.internal.BinanceProvider;
import org.tradebench.connector.conformance.Await;
import org.tradebench.connector.conformance.ConformanceTarget;
import org.tradebench.connector.conformance.Fault;
import org.tradebench.connector.conformance.ReferenceBook;
import org.tradebench.venues.binance.BinanceSimulator;
import org.tradebench.venues.binance.BinanceSimulatorConfig;

/**
 * A Binance connector against the Binance simulator of {@code org.tradebench.venues}, for the
 * conformance kit: opened through {@link BinanceProvider} with the simulator's endpoints and short
 * timings. Binance accepts a stream of an unknown symbol and sends nothing, so the refused
 * instrument is one exchangeInfo does not list (DOGE/USDT), refused from Binance's list. Binance
 * has no connection-wide sequence numbers and announces no maintenance on its streams: those two
 * faults are not offered.
 */
final class BinanceTarget implements ConformanceTarget {

    private final boolean usdm;
    private final BinanceSimulator sim;
    private final BinanceProvider provider = new BinanceProvider();
    private BinanceConnector last;

    BinanceTarget(boolean usdm) {
        this.usdm = usdm;
        this.sim = BinanceSimulator.start(usdm ? BinanceSimulatorConfig.usdmFutures() : BinanceSimulatorConfig.spot());
    }

    private InstrumentId id(String base) {
        return usdm ? new InstrumentId("binance-usdm", base + "/USDT:USDT") : new InstrumentId("binance", base + "/USDT");
    }

    Map<String, String> settings() {
        String ws = sim.webSocketUri().toString();
        return usdm
                ? Map.of("market", "usdm", "ws.url", ws + "/public/stream", "ws.market.url", ws + "/market/stream",
                        "rest.url", sim.restUri().toString(), "stale.ms", "1500", "reconnect.ms", "100",
                        "reconnect.max.ms", "500", "reply.timeout.ms", "2000", "depth.limit", "1000")
                : Map.of("ws.url", ws + "/stream", "rest.url", sim.restUri().toString(), "stale.ms", "1500",
                        "reconnect.ms", "100", "reconnect.max.ms", "500", "reply.timeout.ms", "2000", "depth.limit",
                        "1000");
    }

    @Override
    public OpenConnector open(FrameTap tap) {
        OpenConnector c = provider.open(settings(), tap);
        last = (BinanceConnector) c;
        return c;
    }

    /**
     * The provider as the kit uses it: the kit decodes with the provider's first market, so for
     * USD-M the same provider lists {@code usdm} first.
     */
    @Override
    public Optional<ConnectorProvider> provider() {
        if (!usdm) {
            return Optional.of(provider);
        }
        return Optional.of(new ConnectorProvider() {
            @Override
            public String exchangeId() {
                return provider.exchangeId();
            }

            @Override
            public String displayName() {
                return provider.displayName();
            }

            @Override
            public List<String> markets() {
                return List.of("usdm", "spot");
            }

            @Override
            public List<org.tradebench.api.spi.ConnectorSetting> settings() {
                return provider.settings();
            }

            @Override
            public OpenConnector open(Map<String, String> settings, FrameTap tap) {
                return provider.open(settings, tap);
            }

            @Override
            public org.tradebench.api.spi.StreamDecoder decoder(String market,
                    org.tradebench.api.spi.DecodedEvents events) {
                return provider.decoder(market, events);
            }
        });
    }

    @Override
    public InstrumentId primary() {
        return id("BTC");
    }

    /** The USD-M simulator lists one perpetual: there the second book is a second subscription of it. */
    @Override
    public InstrumentId secondary() {
        return usdm ? id("BTC") : id("ETH");
    }

    @Override
    public InstrumentId refused() {
        Await.until(() -> last != null && last.catalog().loaded(), () -> "the connector loaded the instruments");
        return id("DOGE");
    }

    /**
     * Binance has no connection-wide sequence numbers and announces no maintenance on its streams.
     * The USD-M simulator lists one perpetual, so a broken book cannot be told from "the other"
     * book there: BOOK_INTEGRITY runs on spot only. The USD-M public route carries only depth and
     * book tickers, which are silent on a quiet market, and the simulator answers pings while it
     * is silent: SILENCE runs on spot only (where the 24 h ticker shows the silence).
     */
    @Override
    public Set<Fault> faults() {
        return usdm ? EnumSet.of(Fault.CONNECTION_DROP, Fault.SERVER_RESTART, Fault.MALFORMED_FRAMES)
                : EnumSet.of(Fault.CONNECTION_DROP, Fault.SERVER_RESTART, Fault.BOOK_INTEGRITY, Fault.SILENCE,
                        Fault.MALFORMED_FRAMES);
    }

    @Override
    public void inject(Fault fault, InstrumentId instrument) {
        String raw = BinanceAdapters.raw(instrument);
        switch (fault) {
            case CONNECTION_DROP -> sim.dropConnections();
            case SERVER_RESTART -> sim.closeConnections(1001, "server restarting");
            case BOOK_INTEGRITY -> sim.dropNextDepthUpdates(raw, 1);
            case SILENCE -> sim.goSilent(Duration.ofMillis(2500));
            case MALFORMED_FRAMES -> {
                sim.sendMalformedFrame("not json");
                sim.sendMalformedFrame("{\"stream\":\"" + raw.toLowerCase() + "@depth@100ms\",\"data\":{\"e\":\"depthUpdate\"");
                sim.sendMalformedFrame("{\"stream\":\"" + raw.toLowerCase() + "@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"p\":\"x\"}}");
            }
            default -> throw new IllegalArgumentException("Binance has no " + fault);
        }
    }

    @Override
    public void pauseMarket() {
        sim.pauseMarket();
    }

    @Override
    public void resumeMarket() {
        sim.resumeMarket();
    }

    /**
     * The simulator's book as of its last depth event, or, when the connector's REST snapshot is
     * newer than that event (the market was paused between a change and the event that would
     * carry it, so the change is in {@code depth} but was never streamed), the book {@code depth}
     * answers: what a correct client holds in either case.
     */
    @Override
    public Optional<ReferenceBook> referenceBook(InstrumentId instrument) {
        String raw = BinanceAdapters.raw(instrument);
        BinanceSimulator.Book b = sim.book(raw);
        long mine = last == null ? -1 : last.runtime().call(() -> last.binanceMarketData().bookUpdateId(instrument));
        if (mine > b.lastUpdateId()) {
            BinanceSimulator.Book live = sim.liveBook(raw);
            if (live.lastUpdateId() == mine) {
                b = live;
            }
        }
        return Optional.of(new ReferenceBook(levels(b.bids(), true), levels(b.asks(), false), false));
    }

    private static List<ReferenceBook.Level> levels(List<BinanceSimulator.Level> side, boolean bids) {
        List<ReferenceBook.Level> out = new ArrayList<>();
        for (BinanceSimulator.Level l : side) {
            out.add(new ReferenceBook.Level(l.price(), l.quantity(), 0));
        }
        Comparator<ReferenceBook.Level> byPrice = Comparator.comparing(ReferenceBook.Level::price);
        out.sort(bids ? byPrice.reversed() : byPrice);
        return out;
    }

    @Override
    public int exchangeSubscriptions() {
        // the streams the simulator serves over its open connections
        return sim.streamSubscriptions();
    }

    @Override
    public void close() {
        sim.close();
    }
}
