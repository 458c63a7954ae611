package org.tradebench.connector.binance.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradebench.connector.binance.tests.e2e.MarketDataTest.await;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.Capability;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentsChanged;
import org.tradebench.api.market.BookEvent;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.BookSnapshot;
import org.tradebench.api.market.Liquidation;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.Side;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.connector.binance.internal.BinanceConnector;
import org.tradebench.connector.binance.internal.BinanceProvider;
import org.tradebench.connector.binance.internal.Payloads;

/**
 * The USD-M connector ({@code binance-usdm}) end to end: depth on the public route, mark prices
 * and liquidations on the market route, each route its own connection and health session; the
 * futures book rule over {@code /fapi/v1/depth}; instruments refreshed at runtime.
 */
class UsdmMarketDataTest {

    private static final InstrumentId BTC = new InstrumentId("binance-usdm", "BTC/USDT:USDT");

    private StreamServer server;
    private BinanceConnector connector;
    private volatile boolean ethListed = true;

    @BeforeEach
    void start() {
        server = new StreamServer();
        server.rest.put("/fapi/v1/exchangeInfo", q -> "{\"symbols\":[" + symbol("BTC") + (ethListed ? "," + symbol("ETH") : "")
                + "]}");
        server.rest.put("/fapi/v1/depth", q -> "{\"lastUpdateId\":158,\"E\":1700000000000,\"T\":1700000000000,"
                + "\"bids\":[[\"100.0\",\"1\"]],\"asks\":[[\"101.0\",\"2\"]]}");
        connector = (BinanceConnector) new BinanceProvider().open(Map.of("market", "usdm", "ws.url", server.wsUrl(),
                "ws.market.url", server.wsUrl(), "rest.url", server.restUrl(), "reconnect.ms", "100",
                "instruments.refresh.ms", "300"), FrameTap.NONE);
        await(() -> connector.catalog().loaded(), () -> "the instruments loaded");
    }

    @AfterEach
    void stop() {
        connector.close();
        server.close();
    }

    private static String symbol(String base) {
        return "{\"symbol\":\"" + base + "USDT\",\"pair\":\"" + base + "USDT\",\"contractType\":\"PERPETUAL\",\"status\":"
                + "\"TRADING\",\"baseAsset\":\"" + base + "\",\"quoteAsset\":\"USDT\",\"marginAsset\":\"USDT\",\"orderTypes\":"
                + "[\"LIMIT\",\"MARKET\",\"STOP\",\"STOP_MARKET\"],\"filters\":[{\"filterType\":\"PRICE_FILTER\",\"tickSize\":"
                + "\"0.1\"},{\"filterType\":\"LOT_SIZE\",\"minQty\":\"0.001\",\"maxQty\":\"1000\",\"stepSize\":\"0.001\"},"
                + "{\"filterType\":\"MIN_NOTIONAL\",\"notional\":\"100\"}]}";
    }

    @Test
    void depthMarkPricesAndLiquidationsTravelOnTheirOwnRoutes() {
        assertEquals("binance-usdm", connector.id());
        assertTrue(connector.capabilities().containsAll(List.of(Capability.MARK_PRICE, Capability.FUNDING,
                Capability.LIQUIDATIONS)));
        List<BookEvent> book = new CopyOnWriteArrayList<>();
        List<MarkPrice> marks = new CopyOnWriteArrayList<>();
        List<Liquidation> liquidations = new CopyOnWriteArrayList<>();
        connector.marketData().subscribeBook(new BookRequest(BTC, 25), u -> book.add(u.toEvent()));
        Subscription mark = connector.marketData().subscribeMarkPrice(BTC, marks::add);
        connector.marketData().subscribeLiquidations(BTC, liquidations::add);
        await(() -> server.subscribers("btcusdt@depth@100ms").size() == 1
                && server.subscribers("btcusdt@markPrice@1s").size() == 1
                && server.subscribers("btcusdt@forceOrder").size() == 1, () -> "subscribed");
        StreamServer.Conn pub = server.subscribers("btcusdt@depth@100ms").get(0);
        StreamServer.Conn mkt = server.subscribers("btcusdt@markPrice@1s").get(0);
        assertFalse(pub == mkt, "the public and the market route are separate connections");
        assertFalse(pub.streams.contains("btcusdt@markPrice@1s"));

        server.push("btcusdt@depth@100ms", Payloads.text("usdm_depthUpdate").replace("\"0.0024\"", "\"99.5\"")
                .replace("\"0.0026\"", "\"102.0\""));
        await(() -> book.size() == 1, () -> "the snapshot");
        assertEquals(2, ((BookSnapshot) book.get(0)).bids().size(), "U=157 <= 158 <= u=160: applied on the snapshot");
        server.push("btcusdt@markPrice@1s", Payloads.text("usdm_markPriceUpdate"));
        server.push("btcusdt@forceOrder", Payloads.text("usdm_forceOrder"));
        await(() -> !marks.isEmpty() && !liquidations.isEmpty(), () -> "a mark price and a liquidation");
        assertEquals(new BigDecimal("0.00038167"), marks.get(0).fundingRate());
        assertEquals(Side.SELL, liquidations.get(0).side());
        assertEquals(DataState.LIVE, mark.health().state());
        await(() -> connector.health().session("market-streams").map(s -> s.state() == ConnectionState.LIVE).orElse(false),
                () -> "the market route has its own LIVE session: " + connector.health());
        assertEquals(ConnectionState.LIVE, connector.health().session("market-data").orElseThrow().state());
    }

    @Test
    void spotOnlyStreamsAndSpotSymbolsAreRefusedWithAReason() {
        Subscription spot = connector.marketData().subscribeTicker(new InstrumentId("binance-usdm", "BTC/USDT"), t -> {
        });
        await(() -> spot.health().state() == DataState.FAILED, () -> "a spot symbol fails on USD-M");
        Subscription second = connector.marketData().subscribeCandles(
                new org.tradebench.api.market.CandleRequest(BTC, org.tradebench.api.market.CandleInterval.S1, 0), c -> {
                });
        await(() -> second.health().state() == DataState.FAILED, () -> "USD-M has no 1s klines");
        assertTrue(second.health().cause().contains("1s"), second.health().cause());
    }

    @Test
    void aDelistedInstrumentIsReportedAndItsStreamsFail() {
        InstrumentId eth = new InstrumentId("binance-usdm", "ETH/USDT:USDT");
        List<InstrumentsChanged> changes = new CopyOnWriteArrayList<>();
        connector.subscribeInstruments(changes::add);
        Subscription ticker = connector.marketData().subscribeTicker(eth, t -> {
        });
        await(() -> server.subscribers("ethusdt@ticker").size() == 1, () -> "subscribed");
        ethListed = false;
        await(() -> changes.stream().anyMatch(c -> c.removed().contains(eth)), () -> "ETH removed: " + changes);
        await(() -> ticker.health().state() == DataState.FAILED, () -> "the ETH ticker failed");
        assertTrue(ticker.health().cause().contains("no longer lists"), ticker.health().cause());
        assertEquals(1, connector.instruments().size());
    }
}
