package org.tradebench.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code decode --exchange bitfinex} end to end: frames in the documented shapes to exact JSON lines. */
class DecodeCommandTest {

    private static final String LONG_GARBAGE = "[17," + "x".repeat(300) + "]";

    private static final List<String> INPUT = List.of(
            "{\"event\":\"info\",\"version\":2,\"serverId\":\"5b73a436\",\"platform\":{\"status\":1}}",
            "{\"event\":\"conf\",\"status\":\"OK\",\"flags\":131072}",
            "{\"event\":\"subscribed\",\"channel\":\"ticker\",\"chanId\":2,\"symbol\":\"tBTCUSD\",\"pair\":\"BTCUSD\"}",
            "{\"event\":\"subscribed\",\"channel\":\"trades\",\"chanId\":3,\"symbol\":\"tETHUST\",\"pair\":\"ETHUST\"}",
            "{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":17,\"symbol\":\"tXRPBTC\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"25\",\"pair\":\"XRPBTC\"}",
            "{\"event\":\"subscribed\",\"channel\":\"candles\",\"chanId\":4,\"key\":\"trade:1m:tBTCF0:USTF0\"}",
            "[2,[103950,12.5,103951,9.75,-1200,-0.0114,103950.5,1520.3,105500,102800]]",
            "[3,[[401597395,1737972930200,-0.25,3300.5],[401597394,1737972930100,1.5,3300.4]]]",
            "[3,\"te\",[401597396,1737972931000,0.05,3301]]",
            "[3,\"tu\",[401597396,1737972931000,0.05,3301]]",
            "[17,[[0.0000011,13,271510.49],[7e-7,1,10000],[0.00000111,1,-4847.13],[0.00000112,7,-528102.69042633]]]",
            "this is not json",
            "[17,[0.0000011,12,266122.94]]",
            "",
            "[17,[7e-7,0,1]]",
            "[17,\"cs\",-396396665]",
            "[17,\"hb\"]",
            "[4,[[1737972960000,103950,103960.5,104000,103900,12.5],[1737972900000,103800,103950,103990,103750,30.25]]]",
            "[4,[1737972960000,103950,103970,104000,103900,13]]",
            "[4,[1737973020000,103970,103980,103985,103960,0.5]]",
            "{\"event\":\"info\",\"code\":20060,\"msg\":\"Entering in Maintenance mode.\"}",
            "{\"event\":\"info\",\"code\":20061,\"msg\":\"Maintenance ended.\"}",
            "{\"event\":\"info\",\"code\":20051,\"msg\":\"Stopping. Please try to reconnect\"}",
            "{\"event\":\"error\",\"msg\":\"symbol: \\\"tFOO\\\" invalid\",\"code\":10300}",
            "[17,\"cs\",12345]",
            "[17,[0.00000112,6,-500000]]",
            "[99,[1,2,3]]",
            LONG_GARBAGE,
            "{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":6,\"symbol\":\"fUSD\",\"prec\":\"P0\",\"len\":\"25\",\"currency\":\"USD\"}",
            "[6,[[0.0002,30,3,-1500]]]",
            "[2,[103960,11,103961,8,-1190,-0.0113,103960,1521,105500,102800]]");

    @Test
    void decodesAMixedStreamToExactJsonLinesAndGoesOnAfterErrors() {
        Run run = Run.cli(String.join("\n", INPUT) + "\n", "decode", "--exchange", "bitfinex");
        assertEquals(0, run.status());
        assertEquals("", run.err());
        List<String> expected = List.of(
                "{\"type\":\"status\",\"exchange\":\"bitfinex\",\"state\":\"live\",\"reason\":\"platform operative (API version 2)\"}",
                "{\"type\":\"ticker\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USD\",\"bid\":\"103950\",\"bidSize\":\"12.5\",\"ask\":\"103951\",\"askSize\":\"9.75\",\"last\":\"103950.5\",\"volume\":\"1520.3\",\"high\":\"105500\",\"low\":\"102800\",\"change\":\"-1200\",\"changeRatio\":\"-0.0114\"}",
                "{\"type\":\"trade\",\"exchange\":\"bitfinex\",\"symbol\":\"ETH/USDT\",\"time\":\"2025-01-27T10:15:30.100Z\",\"id\":\"401597394\",\"price\":\"3300.4\",\"quantity\":\"1.5\",\"side\":\"buy\"}",
                "{\"type\":\"trade\",\"exchange\":\"bitfinex\",\"symbol\":\"ETH/USDT\",\"time\":\"2025-01-27T10:15:30.200Z\",\"id\":\"401597395\",\"price\":\"3300.5\",\"quantity\":\"0.25\",\"side\":\"sell\"}",
                "{\"type\":\"trade\",\"exchange\":\"bitfinex\",\"symbol\":\"ETH/USDT\",\"time\":\"2025-01-27T10:15:31.000Z\",\"id\":\"401597396\",\"price\":\"3301\",\"quantity\":\"0.05\",\"side\":\"buy\"}",
                "{\"type\":\"book\",\"exchange\":\"bitfinex\",\"symbol\":\"XRP/BTC\",\"kind\":\"snapshot\",\"sequence\":1,\"bids\":[[\"0.0000011\",\"271510.49\"],[\"0.0000007\",\"10000\"]],\"asks\":[[\"0.00000111\",\"4847.13\"],[\"0.00000112\",\"528102.69042633\"]]}",
                "{\"type\":\"error\",\"exchange\":\"bitfinex\",\"message\":\"not a Bitfinex frame: expected '[' or '{' at the start\",\"input\":\"this is not json\"}",
                "{\"type\":\"book\",\"exchange\":\"bitfinex\",\"symbol\":\"XRP/BTC\",\"kind\":\"delta\",\"sequence\":2,\"bids\":[[\"0.0000011\",\"266122.94\"]],\"asks\":[]}",
                "{\"type\":\"book\",\"exchange\":\"bitfinex\",\"symbol\":\"XRP/BTC\",\"kind\":\"delta\",\"sequence\":3,\"bids\":[[\"0.0000007\",\"0\"]],\"asks\":[]}",
                "{\"type\":\"checksum\",\"exchange\":\"bitfinex\",\"symbol\":\"XRP/BTC\",\"ok\":true}",
                "{\"type\":\"candle\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USDT:USDT\",\"interval\":\"1m\",\"open\":\"103800\",\"high\":\"103990\",\"low\":\"103750\",\"close\":\"103950\",\"volume\":\"30.25\",\"time\":\"2025-01-27T10:15:00.000Z\",\"closed\":true}",
                "{\"type\":\"candle\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USDT:USDT\",\"interval\":\"1m\",\"open\":\"103950\",\"high\":\"104000\",\"low\":\"103900\",\"close\":\"103960.5\",\"volume\":\"12.5\",\"time\":\"2025-01-27T10:16:00.000Z\",\"closed\":false}",
                "{\"type\":\"candle\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USDT:USDT\",\"interval\":\"1m\",\"open\":\"103950\",\"high\":\"104000\",\"low\":\"103900\",\"close\":\"103970\",\"volume\":\"13\",\"time\":\"2025-01-27T10:16:00.000Z\",\"closed\":false}",
                "{\"type\":\"candle\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USDT:USDT\",\"interval\":\"1m\",\"open\":\"103950\",\"high\":\"104000\",\"low\":\"103900\",\"close\":\"103970\",\"volume\":\"13\",\"time\":\"2025-01-27T10:16:00.000Z\",\"closed\":true}",
                "{\"type\":\"candle\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USDT:USDT\",\"interval\":\"1m\",\"open\":\"103970\",\"high\":\"103985\",\"low\":\"103960\",\"close\":\"103980\",\"volume\":\"0.5\",\"time\":\"2025-01-27T10:17:00.000Z\",\"closed\":false}",
                "{\"type\":\"status\",\"exchange\":\"bitfinex\",\"state\":\"maintenance\",\"reason\":\"maintenance started (20060): Entering in Maintenance mode.\"}",
                "{\"type\":\"status\",\"exchange\":\"bitfinex\",\"state\":\"live\",\"reason\":\"maintenance ended (20061): Maintenance ended.\"}",
                "{\"type\":\"status\",\"exchange\":\"bitfinex\",\"state\":\"reconnecting\",\"reason\":\"server restarting (20051): Stopping. Please try to reconnect\"}",
                "{\"type\":\"error\",\"exchange\":\"bitfinex\",\"message\":\"bitfinex error 10300 (subscription failed): symbol: \\\"tFOO\\\" invalid\",\"input\":\"{\\\"event\\\":\\\"error\\\",\\\"msg\\\":\\\"symbol: \\\\\\\"tFOO\\\\\\\" invalid\\\",\\\"code\\\":10300}\"}",
                "{\"type\":\"checksum\",\"exchange\":\"bitfinex\",\"symbol\":\"XRP/BTC\",\"ok\":false}",
                "{\"type\":\"book\",\"exchange\":\"bitfinex\",\"symbol\":\"XRP/BTC\",\"kind\":\"reset\",\"reason\":\"checksum mismatch\"}",
                "{\"type\":\"error\",\"exchange\":\"bitfinex\",\"message\":\"data for unknown channel 99: no subscribed event was seen for it\",\"input\":\"[99,[1,2,3]]\"}",
                "{\"type\":\"error\",\"exchange\":\"bitfinex\",\"message\":\"book tXRPBTC P0 (chanId 17): expected a book row or snapshot\",\"input\":\"" + LONG_GARBAGE.substring(0, 200) + "\"}",
                "{\"type\":\"error\",\"exchange\":\"bitfinex\",\"message\":\"book fUSD P0 (chanId 6) is a funding channel: it has no normalised events, its messages are skipped\",\"input\":\"{\\\"event\\\":\\\"subscribed\\\",\\\"channel\\\":\\\"book\\\",\\\"chanId\\\":6,\\\"symbol\\\":\\\"fUSD\\\",\\\"prec\\\":\\\"P0\\\",\\\"len\\\":\\\"25\\\",\\\"currency\\\":\\\"USD\\\"}\"}",
                "{\"type\":\"ticker\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USD\",\"bid\":\"103960\",\"bidSize\":\"11\",\"ask\":\"103961\",\"askSize\":\"8\",\"last\":\"103960\",\"volume\":\"1521\",\"high\":\"105500\",\"low\":\"102800\",\"change\":\"-1190\",\"changeRatio\":\"-0.0113\"}");
        List<String> lines = run.lines();
        for (int i = 0; i < Math.min(expected.size(), lines.size()); i++) {
            assertEquals(expected.get(i), lines.get(i), "line " + (i + 1));
        }
        assertEquals(expected.size(), lines.size(), run.out());
    }

    @Test
    void rawBooksPrintOrderIdsAndMovesAsRemoveAndAdd() {
        Run run = Run.cli(String.join("\n",
                "{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":9,\"symbol\":\"tBTCUSD\",\"prec\":\"R0\",\"len\":\"25\"}",
                "[9,[[1201000001,103950,0.5],[1201000002,103951,-1]],4210,1737972930123]",
                "[9,[1201000001,103949.5,0.5],4211,1737972930124]",
                "[9,[1201000002,0,-1],4212,1737972930125]",
                "[9,[1201000003,0,1],4213,1737972930126]") + "\n", "decode", "--exchange=bitfinex");
        assertEquals(List.of(
                "{\"type\":\"book\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USD\",\"time\":\"2025-01-27T10:15:30.123Z\",\"kind\":\"snapshot\",\"sequence\":4210,\"bids\":[[\"103950\",\"0.5\",\"1201000001\"]],\"asks\":[[\"103951\",\"1\",\"1201000002\"]]}",
                "{\"type\":\"book\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USD\",\"time\":\"2025-01-27T10:15:30.124Z\",\"kind\":\"delta\",\"sequence\":4211,\"bids\":[[\"103950\",\"0\",\"1201000001\"],[\"103949.5\",\"0.5\",\"1201000001\"]],\"asks\":[]}",
                "{\"type\":\"book\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USD\",\"time\":\"2025-01-27T10:15:30.125Z\",\"kind\":\"delta\",\"sequence\":4212,\"bids\":[],\"asks\":[[\"103951\",\"0\",\"1201000002\"]]}"),
                run.lines());
    }

    @Test
    void platformMaintenanceAndFailedAuthentication() {
        Run run = Run.cli("{\"event\":\"info\",\"version\":2,\"platform\":{\"status\":0}}\n"
                + "{\"event\":\"auth\",\"status\":\"FAILED\",\"chanId\":0,\"msg\":\"apikey: invalid\",\"code\":10100}\n",
                "decode", "--exchange", "bitfinex");
        assertEquals(List.of(
                "{\"type\":\"status\",\"exchange\":\"bitfinex\",\"state\":\"maintenance\",\"reason\":\"platform in maintenance (API version 2)\"}",
                "{\"type\":\"error\",\"exchange\":\"bitfinex\",\"message\":\"authentication failed with code 10100 (authentication failed): apikey: invalid\",\"input\":\"{\\\"event\\\":\\\"auth\\\",\\\"status\\\":\\\"FAILED\\\",\\\"chanId\\\":0,\\\"msg\\\":\\\"apikey: invalid\\\",\\\"code\\\":10100}\"}"),
                run.lines());
    }

    @Test
    void emptyInputPrintsNothing() {
        Run run = Run.cli("", "decode", "--exchange", "bitfinex");
        assertEquals(0, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().isEmpty());
    }
}
