package org.tradebench.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataSource;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookDelta;
import org.tradebench.api.market.BookEvent;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.BookSnapshot;
import org.tradebench.api.market.Side;
import org.tradebench.api.risk.MarketContext;
import org.tradebench.api.risk.PreTradeRiskCheck;
import org.tradebench.api.risk.RiskLimits;
import org.tradebench.api.risk.RiskVerdict;
import org.tradebench.api.spi.ConnectorProvider;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.api.spi.OpenConnector;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.core.book.OrderBook;

/** Boots nothing by hand: the test runs inside the OSGi framework Tycho starts, with DS active. */
class SimulatedConnectorServiceTest {

    private static ServiceTracker<ExchangeConnector, ExchangeConnector> connectors;
    private static ServiceTracker<PreTradeRiskCheck, PreTradeRiskCheck> riskChecks;
    private static ServiceTracker<ConnectorProvider, ConnectorProvider> providers;

    @BeforeAll
    static void track() {
        BundleContext context = FrameworkUtil.getBundle(SimulatedConnectorServiceTest.class).getBundleContext();
        connectors = new ServiceTracker<>(context, ExchangeConnector.class, null);
        connectors.open();
        riskChecks = new ServiceTracker<>(context, PreTradeRiskCheck.class, null);
        riskChecks.open();
        providers = new ServiceTracker<>(context, ConnectorProvider.class, null);
        providers.open();
    }

    @AfterAll
    static void untrack() {
        connectors.close();
        riskChecks.close();
        providers.close();
    }

    @Test
    void simulatedConnectorIsRegisteredByDeclarativeServicesWithTheLowestRanking() throws Exception {
        ExchangeConnector connector = connectors.waitForService(20_000);
        assertNotNull(connector, "no ExchangeConnector service within 20 s: is DS (felix scr) running?");
        ServiceReference<ExchangeConnector> ref = connectors.getServiceReference();
        assertEquals("simulated", ref.getProperty(ExchangeConnector.PROPERTY_EXCHANGE_ID));
        assertEquals("simulated", connector.id());
        Object ranking = ref.getProperty(Constants.SERVICE_RANKING);
        assertInstanceOf(Integer.class, ranking);
        assertTrue((Integer) ranking < 0, "the embedded default must rank below any real connector: " + ranking);
        List<String> symbols = connector.instruments().stream().map(i -> i.id().symbol()).toList();
        assertTrue(symbols.containsAll(List.of("BTC/USD", "ETH/USD", "SOL/USD", "BTC/USD:USD")), symbols.toString());
        assertEquals(List.of("main"), connector.tradingAccounts().stream().map(TradingAccount::accountId).toList());
        assertEquals(ConnectionState.LIVE, connector.health().state());
        assertEquals(DataSource.SIMULATED, connector.health().session(SessionHealth.MARKET_DATA).orElseThrow().source());
    }

    @Test
    void aToolOpensAPrivateSimulatedExchangeThroughItsConnectorProvider() throws Exception {
        ConnectorProvider provider = providers.waitForService(20_000);
        assertNotNull(provider, "no ConnectorProvider service within 20 s");
        assertEquals("simulated", providers.getServiceReference().getProperty(ExchangeConnector.PROPERTY_EXCHANGE_ID));
        assertEquals(List.of("spot"), provider.markets());
        try (OpenConnector open = provider.open(Map.of("seed", "7", "rate", "1000"), FrameTap.NONE)) {
            ExchangeConnector own = open.connector();
            assertNotSame(connectors.getService(), own, "a private exchange, not the registered service");
            CountDownLatch trades = new CountDownLatch(3);
            own.marketData().subscribeTrades(new InstrumentId("simulated", "ETH/USD"), t -> trades.countDown());
            assertTrue(trades.await(20, TimeUnit.SECONDS), "its market runs");
        }
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> provider.open(Map.of("ws.url", "ws://127.0.0.1:1"), FrameTap.NONE));
        assertTrue(unknown.getMessage().contains("ws.url"), unknown.getMessage());
    }

    @Test
    void bookSubscriptionDeliversSnapshotThenDeltasThatKeepTheBookValid() throws Exception {
        ExchangeConnector connector = connectors.waitForService(20_000);
        assertNotNull(connector);
        InstrumentId btc = new InstrumentId("simulated", "BTC/USD");
        Instrument instrument = connector.instrument("BTC/USD").orElseThrow();
        List<BookEvent> events = new ArrayList<>();
        CountDownLatch enough = new CountDownLatch(1);
        try (Subscription sub = connector.marketData().subscribeBook(new BookRequest(btc, 25),
                BookListener.ofEvents(event -> {
                    synchronized (events) {
                        events.add(event);
                        if (events.size() >= 20) {
                            enough.countDown();
                        }
                    }
                }))) {
            assertTrue(enough.await(30, TimeUnit.SECONDS), "fewer than 20 book events in 30 s");
            assertTrue(sub.isActive());
        }
        List<BookEvent> seen;
        synchronized (events) {
            seen = List.copyOf(events);
        }
        BookSnapshot snapshot = assertInstanceOf(BookSnapshot.class, seen.get(0), "first event must be a snapshot");
        assertEquals(25, snapshot.bids().size());
        assertEquals(25, snapshot.asks().size());
        OrderBook book = new OrderBook(instrument.spec().priceScale(), instrument.spec().sizeScale());
        long previous = Long.MIN_VALUE;
        int deltas = 0;
        for (BookEvent event : seen) {
            assertTrue(event.sequence() > previous, "sequence must increase: " + previous + " then " + event.sequence());
            previous = event.sequence();
            book.apply(event);
            book.checkInvariants();
            if (event instanceof BookDelta) {
                deltas++;
            }
        }
        assertTrue(deltas >= 19, "deltas after the snapshot: " + deltas);
        assertTrue(book.levels(Side.BUY) > 0 && book.levels(Side.SELL) > 0);
        assertTrue(book.bestBid() < book.bestAsk());
    }

    @Test
    void riskCheckServiceRefusesAFatFingerPrice() throws Exception {
        ExchangeConnector connector = connectors.waitForService(20_000);
        PreTradeRiskCheck check = riskChecks.waitForService(20_000);
        assertNotNull(check, "core must register the PreTradeRiskCheck service");
        Instrument btc = connector.instrument("BTC/USD").orElseThrow();
        OrderRequest request = OrderRequest.limit("it-1", btc.id(), Side.BUY, new BigDecimal("0.01"),
                new BigDecimal("1000"));
        RiskVerdict verdict = check.check(request, btc,
                new MarketContext(new BigDecimal("64999.9"), new BigDecimal("65000.1"), null), RiskLimits.DEFAULTS);
        assertTrue(!verdict.accepted(), verdict.toString());
        assertTrue(verdict.summary().contains("band"), verdict.summary());
    }
}
