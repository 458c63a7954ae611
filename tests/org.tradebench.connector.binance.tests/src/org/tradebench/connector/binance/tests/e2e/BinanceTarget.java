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

    @Override
    public Optional<ConnectorProvider> provider() {
        return Optional.of(provider);
    }

    @Override
    public InstrumentId primary() {
        return id("BTC");
    }

    @Override
    public InstrumentId secondary() {
        return usdm ? id("BTC") : id("ETH");
    }

    @Override
    public InstrumentId refused() {
        Await.until(() -> last != null && last.catalog().loaded(), () -> "the connector loaded the instruments");
        return id("DOGE");
    }

    @Override
    public Set<Fault> faults() {
        return EnumSet.of(Fault.CONNECTION_DROP, Fault.SERVER_RESTART, Fault.BOOK_INTEGRITY, Fault.SILENCE,
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

    @Override
    public Optional<ReferenceBook> referenceBook(InstrumentId instrument) {
        BinanceSimulator.Book b = sim.book(BinanceAdapters.raw(instrument));
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
        // The simulator does not count subscriptions yet: the streams the connector holds at Binance
        return last == null ? 0 : last.runtime().call(() -> last.binanceMarketData().subscribedStreams().size());
    }

    @Override
    public void close() {
        sim.close();
    }
}
