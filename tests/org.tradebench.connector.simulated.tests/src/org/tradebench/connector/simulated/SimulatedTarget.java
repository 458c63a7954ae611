package org.tradebench.connector.simulated;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;
import org.tradebench.api.spi.ConnectorProvider;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.api.spi.OpenConnector;
import org.tradebench.connector.conformance.ConformanceTarget;
import org.tradebench.connector.conformance.Fault;
import org.tradebench.connector.conformance.ReferenceBook;
import org.tradebench.connector.simulated.internal.SimulatedConnectorProvider;
import org.tradebench.core.book.OrderBook;

/**
 * The simulated exchange for the conformance kit: the exchange and its venue are one process, so
 * there are no frames (no decoder to compare) and no connection to break (no faults); the
 * reference book is the venue's own. Opened through its {@link ConnectorProvider}, as a tool would.
 */
final class SimulatedTarget implements ConformanceTarget {

    static final InstrumentId BTC = new InstrumentId("simulated", "BTC/USD");
    static final InstrumentId ETH = new InstrumentId("simulated", "ETH/USD");

    private final SimulatedConnectorProvider provider = new SimulatedConnectorProvider();
    private final List<SimulatedExchange> opened = new ArrayList<>();
    private SimulatedExchange last;

    @Override
    public OpenConnector open(FrameTap tap) {
        OpenConnector c = provider.open(Map.of("seed", "7", "rate", "400"), tap);
        last = (SimulatedExchange) c.connector();
        opened.add(last);
        return c;
    }

    @Override
    public Optional<ConnectorProvider> provider() {
        return Optional.empty(); // no wire frames to decode
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
        return new InstrumentId("simulated", "DOGE/USD"); // the venue lists no such market
    }

    @Override
    public Set<Fault> faults() {
        return Set.of();
    }

    @Override
    public void inject(Fault fault, InstrumentId instrument) {
        throw new UnsupportedOperationException("the simulated exchange has no connection to break: " + fault);
    }

    @Override
    public void pauseMarket() {
        last.runMarket(false);
        last.inspect(v -> null); // what the market did before it stopped is on its way to listeners
    }

    @Override
    public void resumeMarket() {
        last.runMarket(true);
    }

    @Override
    public Optional<ReferenceBook> referenceBook(InstrumentId instrument) {
        return Optional.of(last.inspect(v -> {
            OrderBook b = v.book(instrument);
            return new ReferenceBook(levels(b, Side.BUY), levels(b, Side.SELL), false);
        }));
    }

    private static List<ReferenceBook.Level> levels(OrderBook b, Side side) {
        List<ReferenceBook.Level> out = new ArrayList<>();
        for (int i = 0; i < b.levels(side); i++) {
            out.add(new ReferenceBook.Level(BigDecimal.valueOf(b.price(side, i), b.priceScale()),
                    BigDecimal.valueOf(b.size(side, i), b.sizeScale()), 0));
        }
        return out;
    }

    @Override
    public int exchangeSubscriptions() {
        return last.inspect(v -> v.streamCount());
    }

    @Override
    public void close() {
        for (SimulatedExchange e : opened) {
            e.close();
        }
    }
}
