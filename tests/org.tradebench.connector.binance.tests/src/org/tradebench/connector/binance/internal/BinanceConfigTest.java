package org.tradebench.connector.binance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.tradebench.api.credentials.KeyEnvironment;
import org.tradebench.connector.binance.internal.trading.BinanceTradingConfig;

class BinanceConfigTest {

    @Test
    void spotDefaultsAreBinancesEndpoints() {
        BinanceConfig c = BinanceConfig.fromSettings(Map.of());
        assertEquals(BinanceMarket.SPOT, c.market());
        assertEquals(URI.create("wss://stream.binance.com:9443/stream"), c.wsPublic());
        assertEquals(c.wsPublic(), c.wsMarket());
        assertEquals(URI.create("https://api.binance.com/api/v3/depth?symbol=BTCUSDT&limit=5000"),
                c.restUri("depth?symbol=BTCUSDT&limit=5000"));
    }

    @Test
    void usdmSplitsThePublicAndTheMarketRoute() {
        BinanceConfig c = BinanceConfig.fromSettings(Map.of("market", "usdm", "ws.url", "ws://127.0.0.1:9/public/stream",
                "ws.market.url", "ws://127.0.0.1:9/market/stream", "rest.url", "http://127.0.0.1:9/"));
        assertEquals(BinanceMarket.USDM, c.market());
        assertEquals("binance-usdm", c.market().id());
        assertEquals(URI.create("ws://127.0.0.1:9/public/stream"), c.wsPublic());
        assertEquals(URI.create("ws://127.0.0.1:9/market/stream"), c.wsMarket());
        assertEquals(URI.create("http://127.0.0.1:9/fapi/v1/depth?symbol=BTCUSDT&limit=1000"),
                c.restUri("depth?symbol=BTCUSDT&limit=1000"));
        assertTrue(c.loopback());
    }

    @Test
    void testnetMovesEveryEndpointTogetherOrderEntryIncluded() {
        BinanceConfig spot = BinanceConfig.fromSettings(Map.of("testnet", "true"));
        assertEquals(URI.create("wss://stream.testnet.binance.vision/stream"), spot.wsPublic());
        assertEquals(URI.create("https://testnet.binance.vision/api/v3/time"), spot.restUri("time"));
        BinanceTradingConfig spotTrading = BinanceTradingConfig.defaults(BinanceMarket.SPOT, KeyEnvironment.TESTNET);
        assertEquals(URI.create("wss://ws-api.testnet.binance.vision/ws-api/v3"), spotTrading.wsApi());

        Properties system = new Properties();
        system.setProperty("tradebench.binance-usdm.testnet", "true");
        KeyEnvironment env = BinanceConfig.environment(BinanceMarket.USDM, Map.of(), system);
        assertEquals(KeyEnvironment.TESTNET, env);
        BinanceConfig usdm = BinanceConfig.from(BinanceMarket.USDM, Map.of(), system);
        assertEquals(URI.create("wss://fstream.binancefuture.com/stream"), usdm.wsPublic());
        assertEquals(URI.create("wss://fstream.binancefuture.com/stream"), usdm.wsMarket());
        assertEquals(URI.create("https://testnet.binancefuture.com/fapi/v1/time"), usdm.restUri("time"));
        BinanceTradingConfig usdmTrading = BinanceTradingConfig.from(BinanceMarket.USDM, env, Map.of(), system);
        assertEquals(URI.create("wss://testnet.binancefuture.com/ws-fapi/v1"), usdmTrading.wsApi());
        assertEquals(URI.create("wss://fstream.binancefuture.com/ws/K3y"),
                BinanceEndpoints.userData(usdmTrading.wsPrivate(), "K3y"), "the testnet's user data takes the key in the path");

        // live: the 2026 private route takes the key as a query parameter
        BinanceTradingConfig live = BinanceTradingConfig.defaults(BinanceMarket.USDM);
        assertEquals(URI.create("wss://ws-fapi.binance.com/ws-fapi/v1"), live.wsApi());
        assertEquals(URI.create("wss://fstream.binance.com/private/ws?listenKey=K3y"),
                BinanceEndpoints.userData(live.wsPrivate(), "K3y"));

        // an explicit URL still wins (the simulator), for market data and order entry alike
        BinanceConfig pinned = BinanceConfig.fromSettings(Map.of("testnet", "true", "rest.url", "http://127.0.0.1:9"));
        assertEquals(URI.create("http://127.0.0.1:9/api/v3/time"), pinned.restUri("time"));
        assertEquals(URI.create("wss://stream.testnet.binance.vision/stream"), pinned.wsPublic());
        BinanceTradingConfig pinnedTrading = BinanceTradingConfig.from(BinanceMarket.SPOT, KeyEnvironment.TESTNET,
                Map.of("ws.api.url", "ws://127.0.0.1:9/ws-api/v3"), new Properties());
        assertEquals(URI.create("ws://127.0.0.1:9/ws-api/v3"), pinnedTrading.wsApi());

        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> BinanceConfig.fromSettings(Map.of("testnet", "yes")));
        assertEquals("Binance setting testnet must be true or false, was 'yes'", bad.getMessage());
    }

    @Test
    void unknownSettingsAndMarketsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BinanceConfig.fromSettings(Map.of("ws.uri", "x")));
        assertTrue(e.getMessage().contains("ws.uri"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BinanceConfig.fromSettings(Map.of("market", "coinm")));
        assertThrows(IllegalArgumentException.class, () -> BinanceConfig.fromSettings(Map.of("depth.limit", "5001")));
        assertThrows(IllegalArgumentException.class, () -> BinanceConfig.fromSettings(Map.of("rollover.ms", "86400000")));
    }
}
