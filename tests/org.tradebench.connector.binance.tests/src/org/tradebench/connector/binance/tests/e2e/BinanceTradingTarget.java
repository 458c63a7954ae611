package org.tradebench.connector.binance.tests.e2e;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.tradebench.api.credentials.ApiCredentials;
import org.tradebench.api.credentials.KeyType;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;
import org.tradebench.api.spi.ConnectorProvider;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.api.spi.OpenConnector;
import org.tradebench.connector.binance.internal.BinanceConfig;
import org.tradebench.connector.binance.internal.BinanceConnector;
import org.tradebench.connector.binance.internal.BinanceMarket;
import org.tradebench.connector.binance.internal.trading.BinanceTradingConfig;
import org.tradebench.connector.conformance.Await;
import org.tradebench.connector.conformance.Fault;
import org.tradebench.connector.conformance.ReferenceBook;
import org.tradebench.connector.conformance.TradingTarget;
import org.tradebench.venues.binance.BinanceSimulator;
import org.tradebench.venues.binance.BinanceSimulatorConfig;

/**
 * A Binance connector with a trading account against the Binance simulator, for the trading part
 * of the conformance kit and the end-to-end trading tests: an HMAC key (or an Ed25519 key generated
 * for the run) registered with the simulator, the simulator's WebSocket API, listenKey stream and
 * REST, short timings. The simulator outlives connectors, drops connections on demand and keeps
 * its orders.
 */
final class BinanceTradingTarget implements TradingTarget {

    /** Test keys: listed in releng/secret-scan/test-secrets.txt. */
    static final String API_KEY = "tbBNKEY5e1c0a9d73b2f64800000000000000000000000000000000000000000";
    static final String SECRET = "tbBNSECRET-8d24f0e6b1a7c395-do-not-log";
    static final String ED_API_KEY = "tbBNEDKEY0c7d19e4a2b85f36111111111111111111111111111111111111111";

    final boolean usdm;
    final BinanceSimulator sim;
    private final KeyPair ed25519;
    boolean useEd25519;
    BinanceConnector last;

    BinanceTradingTarget(boolean usdm) {
        this.usdm = usdm;
        this.sim = BinanceSimulator.start(usdm ? BinanceSimulatorConfig.usdmFutures() : BinanceSimulatorConfig.spot());
        sim.addHmacKey(API_KEY, SECRET);
        try {
            ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        sim.addEd25519Key(ED_API_KEY, ed25519.getPublic());
    }

    String raw() {
        return "BTCUSDT";
    }

    BinanceMarket market() {
        return usdm ? BinanceMarket.USDM : BinanceMarket.SPOT;
    }

    Map<String, String> settings() {
        String ws = sim.webSocketUri().toString();
        return usdm
                ? Map.of("market", "usdm", "ws.url", ws + "/public/stream", "ws.market.url", ws + "/market/stream",
                        "rest.url", sim.restUri().toString(), "stale.ms", "3000", "reconnect.ms", "100",
                        "reconnect.max.ms", "500", "reply.timeout.ms", "2000", "depth.limit", "1000")
                : Map.of("ws.url", ws + "/stream", "rest.url", sim.restUri().toString(), "stale.ms", "3000",
                        "reconnect.ms", "100", "reconnect.max.ms", "500", "reply.timeout.ms", "2000", "depth.limit",
                        "1000");
    }

    BinanceTradingConfig tradingConfig(Map<String, String> extra) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ws.api.url", sim.webSocketApiUri().toString());
        p.put("ws.private.url", sim.webSocketUri() + "/private/ws");
        p.put("account.poll.ms", "500");
        p.put("order.timeout.ms", "3000");
        p.putAll(extra);
        return BinanceTradingConfig.from(market(), p, new Properties());
    }

    ApiCredentials keys() {
        if (useEd25519) {
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(ed25519.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            return new ApiCredentials(market().id(), "main", KeyType.ED25519, ED_API_KEY, pem.toCharArray(), null);
        }
        return ApiCredentials.of(market().id(), "main", API_KEY, SECRET.toCharArray());
    }

    BinanceConnector connect(Map<String, String> tradingSettings) {
        BinanceConnector c = BinanceConnector.start(BinanceConfig.fromSettings(settings()),
                tradingConfig(tradingSettings), keys(), FrameTap.NONE);
        last = c;
        return c;
    }

    @Override
    public OpenConnector openTrading() {
        return connect(Map.of());
    }

    @Override
    public OpenConnector open(FrameTap tap) {
        return openTrading();
    }

    @Override
    public Optional<ConnectorProvider> provider() {
        return Optional.empty();
    }

    @Override
    public InstrumentId primary() {
        return usdm ? new InstrumentId("binance-usdm", "BTC/USDT:USDT") : new InstrumentId("binance", "BTC/USDT");
    }

    @Override
    public InstrumentId secondary() {
        return primary();
    }

    @Override
    public InstrumentId refused() {
        return usdm ? new InstrumentId("binance-usdm", "DOGE/USDT:USDT") : new InstrumentId("binance", "DOGE/USDT");
    }

    @Override
    public Set<Fault> faults() {
        return EnumSet.noneOf(Fault.class);
    }

    @Override
    public void inject(Fault fault, InstrumentId instrument) {
        throw new IllegalArgumentException("the trading target injects no market-data faults");
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
        return Optional.empty();
    }

    @Override
    public int exchangeSubscriptions() {
        return 0;
    }

    @Override
    public String accountId() {
        return "main";
    }

    /** Three times the minimum notional at the best ask, on the lot grid. */
    @Override
    public BigDecimal quantity() {
        BigDecimal ask = sim.liveBook(raw()).asks().get(0).price();
        BigDecimal lot = usdm ? new BigDecimal("0.001") : new BigDecimal("0.00001");
        BigDecimal notional = usdm ? new BigDecimal("300") : new BigDecimal("15");
        BigDecimal q = notional.divide(ask, 0, RoundingMode.UP).max(BigDecimal.ZERO);
        q = notional.divide(ask, lot.scale(), RoundingMode.UP);
        return q.max(lot).stripTrailingZeros();
    }

    @Override
    public int newOrdersSeen(String clientOrderId) {
        return sim.newOrderRequests(clientOrderId);
    }

    @Override
    public boolean keepsOrdersAcrossConnectors() {
        return true;
    }

    @Override
    public boolean canDropTradingConnection() {
        return true;
    }

    @Override
    public void dropTradingConnection() {
        sim.dropConnections();
    }

    @Override
    public void fillWhileDisconnected(String clientOrderId, BigDecimal price) {
        sim.refuseConnections(503);
        sim.dropConnections();
        Await.until(() -> last.account().health().state() != ConnectionState.LIVE,
                () -> "the trading account away: " + last.account().health());
        // sweeps the bids down to the order's price: the order fills while no socket is connected
        sim.submitParticipantOrder(raw(), Side.SELL, price, new BigDecimal("1000"));
        sim.acceptConnections();
    }

    @Override
    public void participantOrder(Side side, BigDecimal price, BigDecimal quantity) {
        sim.submitParticipantOrder(raw(), side, price, quantity);
    }

    @Override
    public boolean canSilenceOrders() {
        return true;
    }

    /** Order placements on the WebSocket API are received and counted, never executed or answered. */
    @Override
    public void silenceOrders() {
        sim.ignoreNextOrderRequests(1000);
    }

    @Override
    public boolean silencedRequestArrived() {
        return sim.ignoredOrderRequestsLeft() < 1000;
    }

    @Override
    public void close() {
        sim.close();
    }
}
