package org.tradebench.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tradebench.cli.decode.BitfinexAccountEvents;
import org.tradebench.cli.decode.Pacer;
import org.tradebench.cli.decode.ReplayCommand;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexWallet;

/**
 * {@code decode --exchange bitfinex} on the authenticated channel 0: orders, fills, balances and
 * positions from account messages in the documented shapes, to exact JSON lines.
 */
class DecodeAccountTest {

    private static final String OS = "[0,\"os\",[[1187195911,null,1737972930001,\"tBTCUSD\",1737972930000,1737972930050,"
            + "0.4,0.5,\"EXCHANGE LIMIT\",null,null,null,0,\"PARTIALLY FILLED @ 103950.5(0.1)\",null,null,103950.5,103950.5,"
            + "0,0,null,null,null,0,0,null,null,null,\"API>BFX\",null,null,{}]]]";
    private static final String ON_STOP_LIMIT = "[0,\"on\",[1187195912,null,1737972931001,\"tBTCF0:USTF0\",1737972931000,"
            + "1737972931000,-0.02,-0.02,\"STOP LIMIT\",null,null,null,0,\"ACTIVE\",null,null,102000,0,0,101900,null,null,"
            + "null,0,0,null,null,null,\"API>BFX\",null,null,{}]]";
    private static final String TE = "[0,\"te\",[402088407,\"tBTCUSD\",1737972932000,1187195911,0.4,103950.5,"
            + "\"EXCHANGE LIMIT\",103950.5,1,null,null,1737972930001]]";
    private static final String OC_EXECUTED = "[0,\"oc\",[1187195911,null,1737972930001,\"tBTCUSD\",1737972930000,"
            + "1737972932000,0,0.5,\"EXCHANGE LIMIT\",null,null,null,0,"
            + "\"EXECUTED @ 103950.5(0.4): was PARTIALLY FILLED @ 103950.5(0.1)\",null,null,103950.5,103950.5,0,0,null,"
            + "null,null,0,0,null,null,null,\"API>BFX\",null,null,{}]]";
    private static final String TU = "[0,\"tu\",[402088407,\"tBTCUSD\",1737972932000,1187195911,0.4,103950.5,"
            + "\"EXCHANGE LIMIT\",103950.5,1,-0.0008,\"BTC\",1737972930001]]";
    private static final String TE_WITHOUT_TU = "[0,\"te\",[402088408,\"tETHUST\",1737972933000,1187195913,-1.5,3300.5,"
            + "\"EXCHANGE MARKET\",null,-1,null,null,null]]";
    private static final String OC_POST_ONLY = "[0,\"oc\",[1187195914,null,1737972934001,\"tBTCUSD\",1737972934000,"
            + "1737972934000,0.1,0.1,\"EXCHANGE LIMIT\",null,null,null,4096,\"POSTONLY CANCELED\",null,null,103960,0,0,0,"
            + "null,null,null,0,0,null,null,null,\"API>BFX\",null,null,{}]]";
    private static final String OC_MARGIN = "[0,\"oc\",[1187195915,null,null,\"tBTCF0:USTF0\",1737972935000,1737972935500,"
            + "-0.3,-0.5,\"LIMIT\",null,null,null,0,\"INSUFFICIENT MARGIN was: PARTIALLY FILLED @ 103900(-0.2)\",null,null,"
            + "103900,103900,0,0,null,null,null,0,0,null,null,null,\"API>BFX\",null,null,{}]]";
    private static final String OC_CANCELED = "[0,\"oc\",[1187195916,null,1737972935001,\"tETHUST\",1737972935000,"
            + "1737972935900,-2,-2,\"EXCHANGE TRAILING STOP\",null,null,null,0,\"CANCELED\",null,null,3250,0,15,0,null,null,"
            + "null,0,0,null,null,null,\"API>BFX\",null,null,{}]]";
    private static final String N_REJECTED = "[0,\"n\",[1737972936000,\"on-req\",null,null,[null,null,1737972936001,"
            + "\"tBTCUSD\",null,null,0.00001,0.00001,\"EXCHANGE LIMIT\",null,null,null,0,null,null,null,103950,0,0,0,null,"
            + "null,null,0,0,null,null,null,null,null,null,null],null,\"ERROR\","
            + "\"Invalid order: minimum size for BTC/USD is 0.00004\"]]";
    private static final String N_CANCEL_FAILED = "[0,\"n\",[1737972937000,\"oc-req\",null,null,null,null,\"ERROR\","
            + "\"Order not found.\"]]";
    private static final String N_SUCCESS = "[0,\"n\",[1737972937500,\"on-req\",null,null,[1187195917,null,1737972937001,"
            + "\"tBTCUSD\",1737972937400,1737972937400,0.1,0.1,\"EXCHANGE LIMIT\",null,null,null,0,\"ACTIVE\",null,null,"
            + "103000,0,0,0,null,null,null,0,0,null,null,null,null,null,null,null],null,\"SUCCESS\","
            + "\"Submitting exchange limit buy order for 0.1 BTC.\"]]";
    private static final String WS = "[0,\"ws\",[[\"exchange\",\"UST\",5000.5,0,null,null,null],"
            + "[\"exchange\",\"BTC\",0.5,0,0.4,null,null],[\"margin\",\"USD\",1200,0,1100,null,null]]]";
    private static final String WU = "[0,\"wu\",[\"exchange\",\"BTC\",0.9,0,0.9,"
            + "\"Exchange 0.4 BTC for USD @ 103950.5\",{\"reason\":\"TRADE\"}]]";
    private static final String PS = "[0,\"ps\",[[\"tBTCF0:USTF0\",\"ACTIVE\",-0.3,103900,0,0,-12.5,-0.04,112000.5,5,"
            + "null,142341,1737972935000,1737972935500,null,1,null,3117,null,{}]]]";
    private static final String PU = "[0,\"pu\",[\"tETHUST\",\"ACTIVE\",2,3300,0.05,0,15,0.23,null,null,null,142342,"
            + "1737972938000,1737972939000,null,0,null,null,null,null]]";
    private static final String PC = "[0,\"pc\",[\"tBTCF0:USTF0\",\"CLOSED\",0,103900,0,0,150.5,0.73,null,5,null,142341,"
            + "1737972935000,1737972940000,null,1,null,0,null,{}]]";

    @Test
    void accountMessagesBecomeOrdersFillsBalancesAndPositions() {
        Run run = Run.cli(String.join("\n",
                "{\"event\":\"auth\",\"status\":\"OK\",\"chanId\":0,\"userId\":1234567,\"auth_id\":\"a6d7a9c1\"}",
                OS, ON_STOP_LIMIT, TE, OC_EXECUTED, TU, TE, TE_WITHOUT_TU, OC_POST_ONLY, OC_MARGIN, OC_CANCELED,
                N_REJECTED, N_CANCEL_FAILED, N_SUCCESS, WS, WU, PS, PU, PC, "[0,\"hb\"]") + "\n",
                "decode", "--exchange", "bitfinex");
        assertEquals(0, run.status());
        assertEquals("", run.err());
        List<String> expected = List.of(
                "{\"type\":\"order\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USD\",\"id\":\"1187195911\",\"clientId\":\"1737972930001\",\"side\":\"buy\",\"orderType\":\"limit\",\"price\":\"103950.5\",\"quantity\":\"0.5\",\"filled\":\"0.1\",\"status\":\"partially-filled\",\"time\":\"2025-01-27T10:15:30.050Z\"}",
                "{\"type\":\"order\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USDT:USDT\",\"id\":\"1187195912\",\"clientId\":\"1737972931001\",\"side\":\"sell\",\"orderType\":\"stop-limit\",\"price\":\"101900\",\"triggerPrice\":\"102000\",\"quantity\":\"0.02\",\"filled\":\"0\",\"status\":\"open\",\"time\":\"2025-01-27T10:15:31.000Z\"}",
                "{\"type\":\"order\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USD\",\"id\":\"1187195911\",\"clientId\":\"1737972930001\",\"side\":\"buy\",\"orderType\":\"limit\",\"price\":\"103950.5\",\"quantity\":\"0.5\",\"filled\":\"0.5\",\"status\":\"filled\",\"time\":\"2025-01-27T10:15:32.000Z\"}",
                "{\"type\":\"fill\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USD\",\"orderId\":\"1187195911\",\"id\":\"402088407\",\"price\":\"103950.5\",\"quantity\":\"0.4\",\"side\":\"buy\",\"fee\":\"0.0008\",\"feeCurrency\":\"BTC\",\"maker\":true,\"time\":\"2025-01-27T10:15:32.000Z\"}",
                "{\"type\":\"order\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USD\",\"id\":\"1187195914\",\"clientId\":\"1737972934001\",\"side\":\"buy\",\"orderType\":\"limit\",\"price\":\"103960\",\"quantity\":\"0.1\",\"filled\":\"0\",\"status\":\"rejected\",\"reason\":\"post-only order would have taken liquidity (POSTONLY CANCELED)\",\"time\":\"2025-01-27T10:15:34.000Z\"}",
                "{\"type\":\"order\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USDT:USDT\",\"id\":\"1187195915\",\"side\":\"sell\",\"orderType\":\"limit\",\"price\":\"103900\",\"quantity\":\"0.5\",\"filled\":\"0.2\",\"status\":\"cancelled\",\"reason\":\"insufficient margin (INSUFFICIENT MARGIN)\",\"time\":\"2025-01-27T10:15:35.500Z\"}",
                "{\"type\":\"order\",\"exchange\":\"bitfinex\",\"symbol\":\"ETH/USDT\",\"id\":\"1187195916\",\"clientId\":\"1737972935001\",\"side\":\"sell\",\"orderType\":\"trailing-stop\",\"triggerPrice\":\"3250\",\"quantity\":\"2\",\"filled\":\"0\",\"status\":\"cancelled\",\"time\":\"2025-01-27T10:15:35.900Z\"}",
                "{\"type\":\"order\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USD\",\"clientId\":\"1737972936001\",\"side\":\"buy\",\"orderType\":\"limit\",\"price\":\"103950\",\"quantity\":\"0.00001\",\"filled\":\"0\",\"status\":\"rejected\",\"reason\":\"Invalid order: minimum size for BTC/USD is 0.00004\",\"time\":\"2025-01-27T10:15:36.000Z\"}",
                "{\"type\":\"error\",\"exchange\":\"bitfinex\",\"message\":\"bitfinex oc-req ERROR: Order not found.\",\"input\":\"" + N_CANCEL_FAILED.replace("\"", "\\\"") + "\"}",
                "{\"type\":\"balance\",\"exchange\":\"bitfinex\",\"currency\":\"USDT\",\"total\":\"5000.5\"}",
                "{\"type\":\"balance\",\"exchange\":\"bitfinex\",\"currency\":\"BTC\",\"total\":\"0.5\",\"available\":\"0.4\"}",
                "{\"type\":\"balance\",\"exchange\":\"bitfinex\",\"currency\":\"USD:margin\",\"total\":\"1200\",\"available\":\"1100\"}",
                "{\"type\":\"balance\",\"exchange\":\"bitfinex\",\"currency\":\"BTC\",\"total\":\"0.9\",\"available\":\"0.9\"}",
                "{\"type\":\"position\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USDT:USDT\",\"side\":\"short\",\"quantity\":\"0.3\",\"entryPrice\":\"103900\",\"unrealizedPnl\":\"-12.5\",\"leverage\":\"5\",\"liquidationPrice\":\"112000.5\",\"time\":\"2025-01-27T10:15:35.500Z\"}",
                "{\"type\":\"position\",\"exchange\":\"bitfinex\",\"symbol\":\"ETH/USDT\",\"side\":\"long\",\"quantity\":\"2\",\"entryPrice\":\"3300\",\"unrealizedPnl\":\"15\",\"time\":\"2025-01-27T10:15:39.000Z\"}",
                "{\"type\":\"position\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USDT:USDT\",\"side\":\"flat\",\"quantity\":\"0\",\"time\":\"2025-01-27T10:15:40.000Z\"}",
                // The te whose tu never came: printed at the end of the input, without the fee.
                "{\"type\":\"fill\",\"exchange\":\"bitfinex\",\"symbol\":\"ETH/USDT\",\"orderId\":\"1187195913\",\"id\":\"402088408\",\"price\":\"3300.5\",\"quantity\":\"1.5\",\"side\":\"sell\",\"maker\":false,\"time\":\"2025-01-27T10:15:33.000Z\"}");
        List<String> lines = run.lines();
        for (int i = 0; i < Math.min(expected.size(), lines.size()); i++) {
            assertEquals(expected.get(i), lines.get(i), "line " + (i + 1));
        }
        assertEquals(expected.size(), lines.size(), run.out());
    }

    @Test
    void aTuWithoutItsTeIsPrintedOnceAndATeAfterItNotAgain() {
        Run run = Run.cli(TU + "\n" + TE + "\n" + TU + "\n", "decode", "--exchange", "bitfinex");
        assertEquals(List.of(
                "{\"type\":\"fill\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USD\",\"orderId\":\"1187195911\",\"id\":\"402088407\",\"price\":\"103950.5\",\"quantity\":\"0.4\",\"side\":\"buy\",\"fee\":\"0.0008\",\"feeCurrency\":\"BTC\",\"maker\":true,\"time\":\"2025-01-27T10:15:32.000Z\"}"),
                run.lines());
    }

    @Test
    void anAccountMessageForAFundingSymbolIsAnErrorAndDecodingGoesOn() {
        String fundingPosition = "[0,\"pn\",[\"fUSD\",\"ACTIVE\",100,1,0,0,null,null,null,null,null,1,1737972935000,"
                + "1737972935000,null,0,null,null,null,null]]";
        Run run = Run.cli(fundingPosition + "\n" + WU + "\n", "decode", "--exchange", "bitfinex");
        assertEquals(List.of(
                "{\"type\":\"error\",\"exchange\":\"bitfinex\",\"message\":\"fUSD is a funding currency, not a trading pair\",\"input\":\"" + fundingPosition.replace("\"", "\\\"") + "\"}",
                "{\"type\":\"balance\",\"exchange\":\"bitfinex\",\"currency\":\"BTC\",\"total\":\"0.9\",\"available\":\"0.9\"}"),
                run.lines());
    }

    @Test
    void replayPrintsAWaitingFillWithItsReceiveTimeBeforeTheFinalBooks(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("account.rec");
        Files.writeString(file, String.join("\n",
                "# tradebench-recording v1 exchange=bitfinex",
                "1737972930100 {\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":17,\"symbol\":\"tBTCUSD\",\"prec\":\"P0\",\"len\":\"25\"}",
                "1737972930120 [17,[[103950,2,1.5],[103951,1,-0.5]]]",
                "1737972933010 " + TE_WITHOUT_TU,
                "1737972933020 [0,\"hb\"]") + "\n", StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new ReplayCommand("bitfinex", file, 0, Pacer.system()).run(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(
                "{\"type\":\"book\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USD\",\"kind\":\"snapshot\",\"sequence\":1,\"bids\":[[\"103950\",\"1.5\"]],\"asks\":[[\"103951\",\"0.5\"]],\"received\":\"2025-01-27T10:15:30.120Z\"}",
                "{\"type\":\"fill\",\"exchange\":\"bitfinex\",\"symbol\":\"ETH/USDT\",\"orderId\":\"1187195913\",\"id\":\"402088408\",\"price\":\"3300.5\",\"quantity\":\"1.5\",\"side\":\"sell\",\"maker\":false,\"time\":\"2025-01-27T10:15:33.000Z\",\"received\":\"2025-01-27T10:15:33.010Z\"}",
                "{\"type\":\"book\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USD\",\"kind\":\"final\",\"sequence\":1,\"bids\":[[\"103950\",\"1.5\"]],\"asks\":[[\"103951\",\"0.5\"]],\"received\":\"2025-01-27T10:15:30.120Z\"}"),
                List.of(out.toString(StandardCharsets.UTF_8).split("\n")));
    }

    @Test
    void orderTypesWalletsAndAmountsMapAsDocumented() {
        assertEquals("limit", BitfinexAccountEvents.orderTypeName("EXCHANGE LIMIT"));
        assertEquals("limit", BitfinexAccountEvents.orderTypeName("LIMIT"));
        assertEquals("limit", BitfinexAccountEvents.orderTypeName("EXCHANGE FOK"));
        assertEquals("limit", BitfinexAccountEvents.orderTypeName("IOC"));
        assertEquals("market", BitfinexAccountEvents.orderTypeName("EXCHANGE MARKET"));
        assertEquals("stop", BitfinexAccountEvents.orderTypeName("STOP"));
        assertEquals("stop-limit", BitfinexAccountEvents.orderTypeName("EXCHANGE STOP LIMIT"));
        assertEquals("trailing-stop", BitfinexAccountEvents.orderTypeName("TRAILING STOP"));
        assertEquals("new-kind", BitfinexAccountEvents.orderTypeName("EXCHANGE NEW KIND"));
        assertEquals("USDT", BitfinexAccountEvents.walletCurrency(
                new BitfinexWallet("exchange", "UST", BigDecimal.ONE, null, null)));
        assertEquals("USDC:funding", BitfinexAccountEvents.walletCurrency(
                new BitfinexWallet("funding", "UDC", BigDecimal.ONE, null, null)));
        assertEquals(new BigDecimal("0.2"), BitfinexAccountEvents.filled(new BigDecimal("-0.3"), new BigDecimal("-0.5")));
        assertEquals(BigDecimal.ZERO, BitfinexAccountEvents.filled(new BigDecimal("0.6"), new BigDecimal("0.5")));
    }
}
