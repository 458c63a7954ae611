package org.tradebench.connector.binance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

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
    void unknownSettingsAndMarketsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BinanceConfig.fromSettings(Map.of("ws.uri", "x")));
        assertTrue(e.getMessage().contains("ws.uri"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BinanceConfig.fromSettings(Map.of("market", "coinm")));
        assertThrows(IllegalArgumentException.class, () -> BinanceConfig.fromSettings(Map.of("depth.limit", "5001")));
        assertThrows(IllegalArgumentException.class, () -> BinanceConfig.fromSettings(Map.of("rollover.ms", "86400000")));
    }
}
