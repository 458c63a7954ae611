package org.tradebench.connector.bitfinex.tests.e2e;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.spi.ConnectorProvider;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.api.spi.OpenConnector;
import org.tradebench.connector.bitfinex.internal.BitfinexConnector;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexCid;
import org.tradebench.connector.bitfinex.internal.BitfinexProvider;
import org.tradebench.connector.conformance.Await;
import org.tradebench.connector.conformance.TradingTarget;
import org.tradebench.connector.conformance.Fault;
import org.tradebench.connector.conformance.ReferenceBook;

/**
 * The Bitfinex connector against its loopback simulator, for the conformance kit. Connectors are
 * opened through {@link BitfinexProvider} with the simulator's endpoints and short timings: the
 * path a tool takes. SOL/USD is delisted at the exchange once the kit asks for a refused
 * instrument, so its subscriptions are refused by Bitfinex (error 10001), not by the connector.
 */
final class BitfinexTarget implements TradingTarget {

    static final InstrumentId BTC = new InstrumentId("bitfinex", "BTC/USD");
    static final InstrumentId ETH = new InstrumentId("bitfinex", "ETH/USD");
    static final InstrumentId SOL = new InstrumentId("bitfinex", "SOL/USD");

    private final SimHarness h = SimHarness.start();
    private final BitfinexProvider provider = new BitfinexProvider();
    private BitfinexConnector last;

    @Override
    public OpenConnector open(FrameTap tap) {
        OpenConnector c = provider.open(h.settings(), tap);
        last = (BitfinexConnector) c;
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
        // Listed when the connector loaded the instruments; gone at the exchange now.
        Await.until(() -> last != null && last.catalog().loaded(), () -> "the connector loaded the instruments");
        h.sim.delist("tSOLUSD");
        return SOL;
    }

    @Override
    public Set<Fault> faults() {
        return EnumSet.allOf(Fault.class);
    }

    @Override
    public void inject(Fault fault, InstrumentId instrument) {
        switch (fault) {
            case CONNECTION_DROP -> h.sim.dropConnections();
            case SERVER_RESTART -> h.sim.sendInfo(20051);
            case BOOK_INTEGRITY -> h.sim.corruptNextChecksum(chan(instrument));
            case SEQUENCE_GAP -> h.sim.skipSequence(chan(instrument));
            case SILENCE -> h.sim.goSilent(Duration.ofMillis(2500));
            case MAINTENANCE -> {
                h.sim.sendInfo(20060);
                Await.until(() -> last.health().state() == ConnectionState.MAINTENANCE,
                        () -> "maintenance seen: " + last.health());
                h.sim.sendInfo(20061);
            }
            case MALFORMED_FRAMES -> {
                h.sim.sendMalformedFrame("[" + chan(instrument) + ",[1,2");
                h.sim.sendMalformedFrame("not json");
                h.sim.sendMalformedFrame("[999999,[1,2,3]]");
            }
        }
    }

    private int chan(InstrumentId instrument) {
        return h.chanId(last, key(instrument));
    }

    private static String key(InstrumentId instrument) {
        return SimHarness.bookKey("t" + instrument.symbol().replace("/", ""), "P0", 25);
    }

    @Override
    public void pauseMarket() {
        h.pause();
    }

    @Override
    public void resumeMarket() {
        h.resume();
    }

    @Override
    public Optional<ReferenceBook> referenceBook(InstrumentId instrument) {
        return h.reference(last, key(instrument));
    }

    @Override
    public int exchangeSubscriptions() {
        return h.sim.channelCount();
    }

    @Override
    public OpenConnector openTrading() {
        BitfinexConnector c = h.connectWithKeys(false);
        last = c;
        return c;
    }

    @Override
    public String accountId() {
        return "main";
    }

    @Override
    public java.math.BigDecimal quantity() {
        return new java.math.BigDecimal("0.01");
    }

    @Override
    public int newOrdersSeen(String clientOrderId) {
        return h.sim.newOrderRequests(BitfinexCid.of(clientOrderId));
    }

    @Override
    public boolean keepsOrdersAcrossConnectors() {
        return true; // the simulator is a server of its own
    }

    @Override
    public boolean canDropTradingConnection() {
        return true;
    }

    @Override
    public void dropTradingConnection() {
        h.sim.dropConnections();
    }

    @Override
    public void fillWhileDisconnected(String clientOrderId, java.math.BigDecimal price) {
        h.pause();
        h.sim.refuseConnections(503);
        h.sim.dropConnections();
        Await.until(() -> last.health().state() != ConnectionState.LIVE, () -> "the connector away: " + last.health());
        // Sweeps every bid down to the order's price (and rests the rest): the order fills.
        h.sim.submitParticipantOrder("tBTCUSD", org.tradebench.api.market.Side.SELL, price,
                new java.math.BigDecimal("1000"));
        h.resume();
        h.sim.acceptConnections();
    }

    @Override
    public void participantOrder(org.tradebench.api.market.Side side, java.math.BigDecimal price,
            java.math.BigDecimal quantity) {
        h.sim.submitParticipantOrder("tBTCUSD", side, price, quantity);
    }

    @Override
    public boolean canSilenceOrders() {
        return true;
    }

    @Override
    public void silenceOrders() {
        h.sim.ignoreNextOrderInputs(1000);
    }

    @Override
    public boolean silencedRequestArrived() {
        return h.sim.ignoredInputsLeft() < 1000;
    }

    @Override
    public void close() {
        h.close();
    }
}
