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
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.TradingListener;
import org.tradebench.connector.conformance.TradingTarget;
import org.tradebench.connector.conformance.Fault;
import org.tradebench.connector.conformance.ReferenceBook;
import org.tradebench.connector.simulated.internal.SimulatedConnectorProvider;
import org.tradebench.core.book.OrderBook;

/**
 * The simulated exchange for the conformance kit: the exchange and its venue are one process, so
 * there are no frames (no decoder to compare) and no connection to break (no faults); the
 * reference book is the venue's own. Opened through its {@link ConnectorProvider}, as a tool would.
 */
final class SimulatedTarget implements TradingTarget {

    static final InstrumentId BTC = new InstrumentId("simulated", "BTC/USD");
    static final InstrumentId ETH = new InstrumentId("simulated", "ETH/USD");

    private final SimulatedConnectorProvider provider = new SimulatedConnectorProvider();
    private final List<SimulatedExchange> opened = new ArrayList<>();
    private SimulatedExchange last;
    private final List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public OpenConnector open(FrameTap tap) {
        OpenConnector c = provider.open(Map.of("seed", "7", "rate", "400"), tap);
        last = (SimulatedExchange) c.connector();
        opened.add(last);
        // Every order the venue took arrives PENDING_NEW once (refusals before it arrive REJECTED only).
        last.tradingAccounts().get(0).subscribe(new TradingListener() {
            @Override
            public void onOrder(Order order) {
                if (order.status() == OrderStatus.PENDING_NEW) {
                    received.add(order.clientOrderId());
                }
            }
        });
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
    public boolean connectionsCanClose() {
        return false; // in process: disconnected, the market stands still and the streams stay
    }

    @Override
    public String accountId() {
        return "main";
    }

    @Override
    public BigDecimal quantity() {
        return new BigDecimal("0.01");
    }

    @Override
    public int newOrdersSeen(String clientOrderId) {
        return (int) received.stream().filter(clientOrderId::equals).count();
    }

    @Override
    public boolean keepsOrdersAcrossConnectors() {
        return false; // the venue lives inside the connector
    }

    @Override
    public boolean canDropTradingConnection() {
        return false;
    }

    @Override
    public void dropTradingConnection() {
        throw new UnsupportedOperationException("the simulated exchange has no connection to drop");
    }

    @Override
    public void fillWhileDisconnected(String clientOrderId, BigDecimal price) {
        throw new UnsupportedOperationException("the simulated exchange has no connection to drop");
    }

    @Override
    public void participantOrder(Side side, BigDecimal price, BigDecimal quantity) {
        last.inspect(v -> {
            v.submitParticipantOrder(BTC, side, price, quantity);
            return null;
        });
    }

    @Override
    public boolean canSilenceOrders() {
        return false;
    }

    @Override
    public void silenceOrders() {
        throw new UnsupportedOperationException("the simulated exchange answers in process");
    }

    @Override
    public boolean silencedRequestArrived() {
        return false;
    }

    @Override
    public void close() {
        for (SimulatedExchange e : opened) {
            e.close();
        }
    }
}
