package org.tradebench.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tradebench.cli.Providers;
import org.tradebench.cli.decode.Pacer;

/**
 * {@code decode}: frames of the fake exchange through its provider's decoder to exact JSON lines,
 * every event type's shape, errors, and the commit of whole frames.
 */
class DecodeCommandTest {

    private final FakeProvider fake = new FakeProvider();

    private Run decode(String... lines) {
        return Run.cli(fake, String.join("\n", lines) + "\n", "decode", "--exchange", "fake");
    }

    @Test
    void everyEventTypeBecomesOneExactJsonLine() {
        Run run = decode(
                "status live platform up",
                "ticker BTC/USD bid=103950 bidSize=12.5 ask=103951 askSize=9.75 last=103950.5 volume=1520.3 high=105500 low=102800 change=-1200 changeRatio=-0.0114",
                "ticker BTC/USDT:USDT last=104000.10 volume=12 quoteVolume=1248001.2 open=103000 time=1737972930000",
                "trade ETH/USD id=401597394 price=3300.40 qty=1.5 side=buy time=1737972930100",
                "book XRP/BTC snapshot bids=0.0000011:271510.49,7e-7:10000 asks=0.00000111:4847.13",
                "book XRP/BTC delta bids=0.0000011:266122.94 time=1737972931000",
                "checksum XRP/BTC ok=true",
                "book XRP/BTC reset reason=checksum_mismatch",
                "candle BTC/USD interval=1m start=1737972960000 open=103950 high=104000 low=103900 close=103960.5 volume=12.50 trades=42 closed=false",
                "order BTC/USDT:USDT id=1187195912 client=c-17 side=sell type=stop-limit qty=0.02 price=101900 trigger=102000 filled=0 status=open time=1737972931000 account=usdm",
                "order BTC/USD client=c-18 side=buy type=limit qty=1 price=90000 filled=0 status=rejected reason=insufficient_balance code=10001 time=1737972931500",
                "fill BTC/USD order=1187195911 id=402088407 price=103950.5 qty=0.4 side=buy fee=0.0008 feeCurrency=BTC maker=true time=1737972932000 account=main",
                "balance USD wallet=margin total=1200 available=1100.00 account=main",
                "position BTC/USDT:USDT side=short qty=0.5 entry=104000 mark=103900 upnl=50 rpnl=0 lev=10 liq=113000 mode=isolated margin=5200 time=1737972933000 account=usdm",
                "position BTC/USD side=flat qty=0 upnl=0 rpnl=12.5 lev=1 time=1737972934000",
                "mark BTC/USDT:USDT mark=103990.12 index=104001 funding=0.0001 next=1737993600000 oi=12345.678 time=1737972935000",
                "liquidation BTC/USDT:USDT side=sell price=103500 qty=2.5 time=1737972936000");
        assertEquals(0, run.status(), run.err());
        assertEquals("", run.err());
        assertEquals(List.of(
                "{\"type\":\"status\",\"exchange\":\"fake\",\"state\":\"live\",\"reason\":\"platform up\"}",
                "{\"type\":\"ticker\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"bid\":\"103950\",\"bidSize\":\"12.5\",\"ask\":\"103951\",\"askSize\":\"9.75\",\"last\":\"103950.5\",\"volume\":\"1520.3\",\"high\":\"105500\",\"low\":\"102800\",\"change\":\"-1200\",\"changeRatio\":\"-0.0114\"}",
                "{\"type\":\"ticker\",\"exchange\":\"fake\",\"symbol\":\"BTC/USDT:USDT\",\"time\":\"2025-01-27T10:15:30.000Z\",\"last\":\"104000.1\",\"volume\":\"12\",\"quoteVolume\":\"1248001.2\",\"open\":\"103000\"}",
                "{\"type\":\"trade\",\"exchange\":\"fake\",\"symbol\":\"ETH/USD\",\"time\":\"2025-01-27T10:15:30.100Z\",\"id\":\"401597394\",\"price\":\"3300.4\",\"quantity\":\"1.5\",\"side\":\"buy\"}",
                "{\"type\":\"book\",\"exchange\":\"fake\",\"symbol\":\"XRP/BTC\",\"kind\":\"snapshot\",\"sequence\":1,\"bids\":[[\"0.0000011\",\"271510.49\"],[\"0.0000007\",\"10000\"]],\"asks\":[[\"0.00000111\",\"4847.13\"]]}",
                "{\"type\":\"book\",\"exchange\":\"fake\",\"symbol\":\"XRP/BTC\",\"time\":\"2025-01-27T10:15:31.000Z\",\"kind\":\"delta\",\"sequence\":2,\"bids\":[[\"0.0000011\",\"266122.94\"]],\"asks\":[]}",
                "{\"type\":\"checksum\",\"exchange\":\"fake\",\"symbol\":\"XRP/BTC\",\"ok\":true}",
                "{\"type\":\"book\",\"exchange\":\"fake\",\"symbol\":\"XRP/BTC\",\"kind\":\"reset\",\"sequence\":3,\"reason\":\"checksum mismatch\"}",
                "{\"type\":\"candle\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"interval\":\"1m\",\"open\":\"103950\",\"high\":\"104000\",\"low\":\"103900\",\"close\":\"103960.5\",\"volume\":\"12.5\",\"trades\":42,\"time\":\"2025-01-27T10:16:00.000Z\",\"closed\":false}",
                "{\"type\":\"order\",\"exchange\":\"fake\",\"symbol\":\"BTC/USDT:USDT\",\"id\":\"1187195912\",\"clientId\":\"c-17\",\"side\":\"sell\",\"orderType\":\"stop-limit\",\"price\":\"101900\",\"triggerPrice\":\"102000\",\"quantity\":\"0.02\",\"filled\":\"0\",\"status\":\"open\",\"time\":\"2025-01-27T10:15:31.000Z\",\"account\":\"usdm\"}",
                "{\"type\":\"order\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"clientId\":\"c-18\",\"side\":\"buy\",\"orderType\":\"limit\",\"price\":\"90000\",\"quantity\":\"1\",\"filled\":\"0\",\"status\":\"rejected\",\"reason\":\"insufficient balance\",\"errorCode\":\"10001\",\"time\":\"2025-01-27T10:15:31.500Z\"}",
                "{\"type\":\"fill\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"orderId\":\"1187195911\",\"id\":\"402088407\",\"price\":\"103950.5\",\"quantity\":\"0.4\",\"side\":\"buy\",\"fee\":\"0.0008\",\"feeCurrency\":\"BTC\",\"maker\":true,\"time\":\"2025-01-27T10:15:32.000Z\",\"account\":\"main\"}",
                "{\"type\":\"balance\",\"exchange\":\"fake\",\"currency\":\"USD\",\"wallet\":\"margin\",\"total\":\"1200\",\"available\":\"1100\",\"account\":\"main\"}",
                "{\"type\":\"position\",\"exchange\":\"fake\",\"symbol\":\"BTC/USDT:USDT\",\"side\":\"short\",\"quantity\":\"0.5\",\"entryPrice\":\"104000\",\"markPrice\":\"103900\",\"unrealizedPnl\":\"50\",\"realizedPnl\":\"0\",\"leverage\":\"10\",\"liquidationPrice\":\"113000\",\"marginMode\":\"isolated\",\"margin\":\"5200\",\"time\":\"2025-01-27T10:15:33.000Z\",\"account\":\"usdm\"}",
                "{\"type\":\"position\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"side\":\"flat\",\"quantity\":\"0\",\"unrealizedPnl\":\"0\",\"realizedPnl\":\"12.5\",\"leverage\":\"1\",\"time\":\"2025-01-27T10:15:34.000Z\"}",
                "{\"type\":\"mark\",\"exchange\":\"fake\",\"symbol\":\"BTC/USDT:USDT\",\"time\":\"2025-01-27T10:15:35.000Z\",\"markPrice\":\"103990.12\",\"indexPrice\":\"104001\",\"fundingRate\":\"0.0001\",\"nextFunding\":\"2025-01-27T16:00:00.000Z\",\"openInterest\":\"12345.678\"}",
                "{\"type\":\"liquidation\",\"exchange\":\"fake\",\"symbol\":\"BTC/USDT:USDT\",\"time\":\"2025-01-27T10:15:36.000Z\",\"side\":\"sell\",\"price\":\"103500\",\"quantity\":\"2.5\"}"),
                run.lines());
    }

    @Test
    void perOrderBooksPrintTheOrderIdOfEachLevel() {
        Run run = decode(
                "book BTC/USD snapshot raw bids=103950:0.5:11,103950:1:12 asks=103951:2:13",
                "book BTC/USD delta bids=103950:0:11 asks=103951.5:2:13");
        assertEquals(List.of(
                "{\"type\":\"book\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"kind\":\"snapshot\",\"sequence\":1,\"bids\":[[\"103950\",\"0.5\",\"11\"],[\"103950\",\"1\",\"12\"]],\"asks\":[[\"103951\",\"2\",\"13\"]]}",
                "{\"type\":\"book\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"kind\":\"delta\",\"sequence\":2,\"bids\":[[\"103950\",\"0\",\"11\"]],\"asks\":[[\"103951.5\",\"2\",\"13\"]]}"),
                run.lines());
    }

    @Test
    void aRefusedLinePrintsAnErrorWithTheInputCutTo200CharactersAndDecodingGoesOn() {
        String longGarbage = "x".repeat(300);
        Run run = decode("this is not a frame", "", longGarbage, "trade BTC/USD id=1 price=2 qty=3 side=sell");
        assertEquals(0, run.status());
        assertEquals(List.of(
                "{\"type\":\"error\",\"exchange\":\"fake\",\"message\":\"not a fake frame: unknown kind 'this'\",\"input\":\"this is not a frame\"}",
                "{\"type\":\"error\",\"exchange\":\"fake\",\"message\":\"not a fake frame: expected 'KIND SYMBOL key=value ...'\",\"input\":\""
                        + "x".repeat(200) + "\"}",
                "{\"type\":\"trade\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"id\":\"1\",\"price\":\"2\",\"quantity\":\"3\",\"side\":\"sell\"}"),
                run.lines());
    }

    @Test
    void aFrameThatFailsHalfWayPrintsOnlyItsError() {
        Run run = decode("trade BTC/USD id=1 price=2 qty=3 side=sell ; bogus BTC/USD",
                "trade BTC/USD id=2 price=2 qty=1 side=buy ; trade BTC/USD id=3 price=2 qty=1 side=buy");
        assertEquals(List.of(
                "{\"type\":\"error\",\"exchange\":\"fake\",\"message\":\"not a fake frame: unknown kind 'bogus'\",\"input\":\"trade BTC/USD id=1 price=2 qty=3 side=sell ; bogus BTC/USD\"}",
                "{\"type\":\"trade\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"id\":\"2\",\"price\":\"2\",\"quantity\":\"1\",\"side\":\"buy\"}",
                "{\"type\":\"trade\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"id\":\"3\",\"price\":\"2\",\"quantity\":\"1\",\"side\":\"buy\"}"),
                run.lines());
    }

    @Test
    void aDecoderDefectIsReportedAsAnInternalErrorAndDecodingGoesOn() {
        Run run = decode("book BTC/USD", "trade BTC/USD id=1 price=2 qty=3 side=sell");
        assertEquals(List.of(
                "{\"type\":\"error\",\"exchange\":\"fake\",\"message\":\"internal decoder error java.lang.ArrayIndexOutOfBoundsException: Index 2 out of bounds for length 2\",\"input\":\"book BTC/USD\"}",
                "{\"type\":\"trade\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"id\":\"1\",\"price\":\"2\",\"quantity\":\"3\",\"side\":\"sell\"}"),
                run.lines());
    }

    @Test
    void eventsHeldBackByTheDecoderArePrintedAtTheEndOfTheInput() {
        Run run = decode("later trade BTC/USD id=9 price=1 qty=1 side=sell time=1737972937000",
                "trade BTC/USD id=8 price=1 qty=1 side=buy");
        assertEquals(List.of(
                "{\"type\":\"trade\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"id\":\"8\",\"price\":\"1\",\"quantity\":\"1\",\"side\":\"buy\"}",
                "{\"type\":\"trade\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"time\":\"2025-01-27T10:15:37.000Z\",\"id\":\"9\",\"price\":\"1\",\"quantity\":\"1\",\"side\":\"sell\"}"),
                run.lines());
    }

    @Test
    void theMarketChoosesTheDecoderAndItsEventsNameTheirOwnExchange() {
        Run run = Run.cli(fake, "trade BTC/USDT:USDT id=5 price=2 qty=3 side=sell\n", "decode", "--exchange", "fake",
                "--market", "usdm");
        assertEquals(List.of(
                "{\"type\":\"trade\",\"exchange\":\"fake-usdm\",\"symbol\":\"BTC/USDT:USDT\",\"id\":\"5\",\"price\":\"2\",\"quantity\":\"3\",\"side\":\"sell\"}"),
                run.lines());
        Run unknown = Run.cli(fake, "", "decode", "--exchange", "fake", "--market", "coinm");
        assertEquals(2, unknown.status());
        assertEquals("tradebench: fake has no market 'coinm' (markets: spot, usdm)", unknown.err().lines().findFirst().orElseThrow());
    }

    @Test
    void framesGoToTheDefaultSession() {
        decode("trade BTC/USD id=1 price=2 qty=3 side=sell");
        assertEquals(List.of("market"), fake.lastDecoder().sessions);
    }

    @Test
    void unreadableInputIsExitStatusOne() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("device gone");
            }
        };
        Run run = Run.cli(Providers.of(fake), Run.timing(fake, false, Pacer.system()), broken, "decode", "--exchange", "fake");
        assertEquals(1, run.status());
        assertEquals("tradebench decode: cannot read standard input: device gone\n", run.err());
    }
}
