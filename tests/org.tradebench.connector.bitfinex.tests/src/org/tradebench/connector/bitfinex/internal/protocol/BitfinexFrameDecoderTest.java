package org.tradebench.connector.bitfinex.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decoder against payloads in the shapes the Bitfinex v2 documentation gives (and, for the
 * tXRPBTC book, frames recorded by bitfinex-api-go).
 */
class BitfinexFrameDecoderTest {

    private final RecordingSink sink = new RecordingSink();
    private final BitfinexFrameDecoder decoder = new BitfinexFrameDecoder(sink);

    @BeforeEach
    void subscribe() {
        decoder.decode("{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":17,\"symbol\":\"tBTCUSD\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"25\",\"subId\":\"b1\",\"pair\":\"BTCUSD\"}");
        decoder.decode("{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":18,\"symbol\":\"tETHUST\",\"prec\":\"R0\",\"len\":\"25\",\"pair\":\"ETHUST\"}");
        decoder.decode("{\"event\":\"subscribed\",\"channel\":\"ticker\",\"chanId\":2,\"symbol\":\"tBTCUSD\",\"pair\":\"BTCUSD\"}");
        decoder.decode("{\"event\":\"subscribed\",\"channel\":\"trades\",\"chanId\":3,\"symbol\":\"tBTCF0:USTF0\",\"pair\":\"BTCF0:USTF0\"}");
        decoder.decode("{\"event\":\"subscribed\",\"channel\":\"candles\",\"chanId\":4,\"key\":\"trade:1m:tDOGE:USD\"}");
        decoder.decode("{\"event\":\"subscribed\",\"channel\":\"ticker\",\"chanId\":5,\"symbol\":\"fUSD\",\"currency\":\"USD\"}");
        decoder.decode("{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":6,\"symbol\":\"fUSD\",\"prec\":\"P0\",\"len\":\"25\",\"currency\":\"USD\"}");
        decoder.decode("{\"event\":\"subscribed\",\"channel\":\"trades\",\"chanId\":7,\"symbol\":\"fUSD\",\"currency\":\"USD\"}");
        decoder.decode("{\"event\":\"subscribed\",\"channel\":\"status\",\"chanId\":8,\"key\":\"deriv:tBTCF0:USTF0\"}");
        sink.take();
    }

    @Test
    void subscribedEventsRegisterChannelsWithParsedSymbols() {
        BitfinexChannel book = decoder.channel(17).orElseThrow();
        assertEquals(BitfinexChannelType.BOOK, book.type());
        assertEquals("BTC/USD", book.symbol().unified());
        assertEquals("P0", book.precision());
        assertEquals("F0", book.frequency());
        assertEquals(25, book.length());
        assertEquals(BitfinexChannelType.RAW_BOOK, decoder.channel(18).orElseThrow().type());
        assertEquals("ETH/USDT", decoder.channel(18).orElseThrow().symbol().unified());
        assertEquals("BTC/USDT:USDT", decoder.channel(3).orElseThrow().symbol().unified());
        BitfinexChannel candles = decoder.channel(4).orElseThrow();
        assertEquals("1m", candles.timeframe());
        assertEquals("DOGE/USD", candles.symbol().unified());
        assertTrue(decoder.channel(5).orElseThrow().isFunding());
        assertEquals(BitfinexChannelType.DERIVATIVE_STATUS, decoder.channel(8).orElseThrow().type());
        assertEquals(9, decoder.channels().size());
    }

    @Test
    void infoConfErrorAuthAndPongEvents() {
        decoder.decode("{\"event\":\"info\",\"version\":2,\"serverId\":\"f6d8e1f4\",\"platform\":{\"status\":1}}");
        decoder.decode("{\"event\":\"info\",\"version\":2,\"platform\":{\"status\":0}}");
        decoder.decode("{\"event\":\"info\",\"code\":20051,\"msg\":\"Stopping. Please try to reconnect\"}");
        decoder.decode("{\"event\":\"info\",\"code\":20060,\"msg\":\"Entering in Maintenance mode.\"}");
        decoder.decode("{\"event\":\"info\",\"code\":20061,\"msg\":\"Maintenance ended.\"}");
        decoder.decode("{\"event\":\"conf\",\"status\":\"OK\",\"flags\":229376}");
        decoder.decode("{\"event\":\"error\",\"msg\":\"subscribe: dup\",\"code\":10301,\"channel\":\"book\",\"symbol\":\"tBTCUSD\"}");
        decoder.decode("{\"event\":\"auth\",\"status\":\"OK\",\"chanId\":0,\"userId\":1234567,\"auth_id\":\"x\",\"caps\":{\"orders\":{\"read\":1,\"write\":1}}}");
        decoder.decode("{\"event\":\"auth\",\"status\":\"FAILED\",\"chanId\":0,\"msg\":\"apikey: invalid\",\"code\":10100}");
        decoder.decode("{\"event\":\"pong\",\"ts\":1737972930123,\"cid\":42}");
        decoder.decode("{\"event\":\"somethingNew\",\"x\":[1,2]}");
        assertEquals(List.of(
                "info version=2 platform=1",
                "info version=2 platform=0",
                "infoCode 20051 Stopping. Please try to reconnect",
                "infoCode 20060 Entering in Maintenance mode.",
                "infoCode 20061 Maintenance ended.",
                "conf OK 229376",
                "error 10301 subscribe: dup",
                "auth BitfinexAuthReply[status=OK, userId=1234567, code=0, message=]",
                "auth BitfinexAuthReply[status=FAILED, userId=-1, code=10100, message=apikey: invalid]",
                "pong 1737972930123 42",
                "unhandled event somethingNew"), sink.take());
        assertEquals(BitfinexFlags.TIMESTAMP | BitfinexFlags.SEQ_ALL | BitfinexFlags.OB_CHECKSUM, decoder.flags());
    }

    @Test
    void unsubscribedForgetsTheChannel() {
        decoder.decode("{\"event\":\"unsubscribed\",\"status\":\"OK\",\"chanId\":17}");
        assertEquals(List.of("unsubscribed 17 OK known=true"), sink.take());
        assertTrue(decoder.channel(17).isEmpty());
        BitfinexProtocolException e = assertThrows(BitfinexProtocolException.class, () -> decoder.decode("[17,\"hb\"]"));
        assertEquals("data for unknown channel 17: no subscribed event was seen for it", e.getMessage());
    }

    @Test
    void aggregatedBookSnapshotAndUpdatesKeepWireTextAndScaledUnits() {
        decoder.decode("[17,[[103950.5,3,1.25],[103950,1,0.0000007],[103951,2,-7e-7],[103952.25,1,-2]]]");
        decoder.decode("[17,[103950,2,0.5]]");
        decoder.decode("[17,[103951,0,-1]]");
        decoder.decode("[17,[103950.5,0,1]]");
        assertEquals(List.of(
                "bookSnapshot 17 [buy price=103950.5(1039505000000000) amount=1.25(125000000) count=3; "
                        + "buy price=103950(1039500000000000) amount=0.0000007(70) count=1; "
                        + "sell price=103951(1039510000000000) amount=-7e-7(-70) count=2; "
                        + "sell price=103952.25(1039522500000000) amount=-2(-200000000) count=1]",
                "bookUpdate 17 buy price=103950(1039500000000000) amount=0.5(50000000) count=2",
                "bookUpdate 17 sell price=103951(1039510000000000) amount=-1(-100000000) count=0 REMOVE",
                "bookUpdate 17 buy price=103950.5(1039505000000000) amount=1(100000000) count=0 REMOVE"), sink.take());
    }

    @Test
    void trailingTimestampAndSequenceFieldsAreReadInEitherOrder() {
        decoder.decode("[17,[103950,2,0.5],1737972930123]");
        decoder.decode("[17,[103950,2,0.5],4213]");
        decoder.decode("[17,[103950,2,0.5],4214,1737972930124]");
        decoder.decode("[17,[103950,2,0.5],1737972930125,4215]");
        decoder.decode("[17,[[103950,2,0.5]],4216,1737972930126]");
        decoder.decode("[17,\"hb\",4217,1737972930127]");
        decoder.decode("[17,\"cs\",-1175357890,4218,1737972930128]");
        decoder.decode("[2,\"hb\",4219]");
        decoder.decode("[ 17 , [ 103950 , 2 , 0.5 ] , 4220 ]");
        List<String> calls = sink.take();
        assertEquals("bookUpdate 17 buy price=103950(1039500000000000) amount=0.5(50000000) count=2 mts=1737972930123", calls.get(0));
        assertTrue(calls.get(1).endsWith("count=2 seq=4213"), calls.get(1));
        assertTrue(calls.get(2).endsWith("count=2 seq=4214 mts=1737972930124"), calls.get(2));
        assertTrue(calls.get(3).endsWith("count=2 seq=4215 mts=1737972930125"), calls.get(3));
        assertTrue(calls.get(4).endsWith("count=2] seq=4216 mts=1737972930126"), calls.get(4));
        assertEquals("hb 17 seq=4217 mts=1737972930127", calls.get(5));
        assertEquals("checksum 17 -1175357890 seq=4218 mts=1737972930128", calls.get(6));
        assertEquals("hb 2 seq=4219", calls.get(7));
        assertTrue(calls.get(8).endsWith("count=2 seq=4220"), calls.get(8));
    }

    @Test
    void rawBookRowsCarryOrderIdsAndPriceZeroRemoves() {
        decoder.decode("[18,[[1201000001,3300.5,1.5],[1201000002,3300.5,0.25],[1201000003,3301,-4]]]");
        decoder.decode("[18,[1201000002,3299,0.25]]");
        decoder.decode("[18,[1201000003,0,-1]]");
        assertEquals(List.of(
                "bookSnapshot 18 [id=1201000001(1201000001) buy price=3300.5(33005000000000) amount=1.5(150000000); "
                        + "id=1201000002(1201000002) buy price=3300.5(33005000000000) amount=0.25(25000000); "
                        + "id=1201000003(1201000003) sell price=3301(33010000000000) amount=-4(-400000000)]",
                "bookUpdate 18 id=1201000002(1201000002) buy price=3299(32990000000000) amount=0.25(25000000)",
                "bookUpdate 18 id=1201000003(1201000003) sell price=0(0) amount=-1(-100000000) REMOVE"), sink.take());
    }

    @Test
    void fundingBookRowsHaveAPeriodAndTheOppositeSideConvention() {
        decoder.decode("[6,[[0.0002,30,3,-1500],[0.00021,2,1,2500.5]]]");
        assertEquals(List.of("bookSnapshot 6 [buy price=0.0002(2000000) amount=-1500(-150000000000) count=3 period=30; "
                + "sell price=0.00021(2100000) amount=2500.5(250050000000) count=1 period=2]"), sink.take());
    }

    @Test
    void emptySnapshotsAreSnapshots() {
        decoder.decode("[17,[]]");
        decoder.decode("[3,[]]");
        decoder.decode("[4,[]]");
        assertEquals(List.of("bookSnapshot 17 []", "trades 3 []", "candles 4 []"), sink.take());
    }

    @Test
    void checksumFrames() {
        decoder.decode("[17,\"cs\",-1175357890]");
        decoder.decode("[17,\"cs\",2147483647]");
        assertEquals(List.of("checksum 17 -1175357890", "checksum 17 2147483647"), sink.take());
    }

    @Test
    void tradingAndFundingTickersDifferInShape() {
        decoder.decode("[2,[103950,12.5,103951,9.75,-1200,-0.0114,103950.5,1520.3,105500,102800]]");
        decoder.decode("[5,[0.00027580821917808,0.0002,30,1561918.93,0.000195,2,94627.35,0.0000152,0.0812,0.0002033,53826911.25,0.00048,0.00001,null,null,11354727.43]]");
        decoder.decode("[2,[103950,12.5,103951,9.75,-1200,-0.0114,103950.5,1520.3,105500,102800],1737972930123]");
        assertEquals(List.of(
                "ticker 2 BitfinexTicker[bid=103950, bidSize=12.5, ask=103951, askSize=9.75, dailyChange=-1200, "
                        + "dailyChangeRelative=-0.0114, lastPrice=103950.5, volume=1520.3, high=105500, low=102800]",
                "fundingTicker 5 BitfinexFundingTicker[frr=0.00027580821917808, bid=0.0002, bidPeriod=30, "
                        + "bidSize=1561918.93, ask=0.000195, askPeriod=2, askSize=94627.35, dailyChange=0.0000152, "
                        + "dailyChangeRelative=0.0812, lastPrice=0.0002033, volume=53826911.25, high=0.00048, "
                        + "low=0.00001, frrAmountAvailable=11354727.43]",
                "ticker 2 BitfinexTicker[bid=103950, bidSize=12.5, ask=103951, askSize=9.75, dailyChange=-1200, "
                        + "dailyChangeRelative=-0.0114, lastPrice=103950.5, volume=1520.3, high=105500, low=102800] "
                        + "mts=1737972930123"), sink.take());
    }

    @Test
    void tradeSnapshotThenExecutedAndUpdated() {
        decoder.decode("[3,[[1597842013,1737972930200,-0.25,103950.5],[1597842012,1737972930100,0.1,103951]]]");
        decoder.decode("[3,\"te\",[1597842014,1737972931000,0.05,103952]]");
        decoder.decode("[3,\"tu\",[1597842014,1737972931000,0.05,103952]]");
        decoder.decode("[3,\"te\",\"1597842015-BTCF0:USTF0\",[1597842015,1737972932000,-1,103949]]");
        decoder.decode("[7,\"fte\",[412345,1737972933000,-500,0.0002,30]]");
        decoder.decode("[3,\"hb\"]");
        assertEquals(List.of(
                "trades 3 [BitfinexTrade[id=1597842013, time=1737972930200, amount=-0.25, price=103950.5, period=-1], "
                        + "BitfinexTrade[id=1597842012, time=1737972930100, amount=0.1, price=103951, period=-1]]",
                "trade 3 te BitfinexTrade[id=1597842014, time=1737972931000, amount=0.05, price=103952, period=-1]",
                "trade 3 tu BitfinexTrade[id=1597842014, time=1737972931000, amount=0.05, price=103952, period=-1]",
                "trade 3 te BitfinexTrade[id=1597842015, time=1737972932000, amount=-1, price=103949, period=-1]",
                "trade 7 te BitfinexTrade[id=412345, time=1737972933000, amount=-500, price=0.0002, period=30]",
                "hb 3"), sink.take());
    }

    @Test
    void candleSnapshotAndUpdateKeepCloseBeforeHigh() {
        decoder.decode("[4,[[1737972960000,0.3801,0.3805,0.381,0.38,125000.5],[1737972900000,0.379,0.3801,0.3802,0.3789,98000]]]");
        decoder.decode("[4,[1737972960000,0.3801,0.3807,0.381,0.38,125900.5]]");
        assertEquals(List.of(
                "candles 4 [BitfinexCandle[start=1737972960000, open=0.3801, close=0.3805, high=0.381, low=0.38, volume=125000.5], "
                        + "BitfinexCandle[start=1737972900000, open=0.379, close=0.3801, high=0.3802, low=0.3789, volume=98000]]",
                "candle 4 BitfinexCandle[start=1737972960000, open=0.3801, close=0.3807, high=0.381, low=0.38, volume=125900.5]"),
                sink.take());
    }

    @Test
    void accountChannelMessages() {
        String order = "[1187195911,null,1737972930001,\"tBTCUSD\",1737972930001,1737972930050,0.4,0.5,\"EXCHANGE LIMIT\",null,null,null,0,\"PARTIALLY FILLED @ 103950.5(0.1)\",null,null,103950.5,103950.5,0,0,null,null,null,0,0,null,null,null,\"API>BFX\",null,null,{}]";
        decoder.decode("[0,\"os\",[" + order + "]]");
        decoder.decode("[0,\"on\"," + order + "]");
        decoder.decode("[0,\"ou\"," + order + ",12,7]");
        decoder.decode("[0,\"oc\"," + order.replace("PARTIALLY FILLED @ 103950.5(0.1)", "CANCELED") + "]");
        decoder.decode("[0,\"ps\",[[\"tBTCF0:USTF0\",\"ACTIVE\",0.2,103000,0,0,null,null,null,null,null,142341,1737972900000,1737972930000,null,1,null,2060,20.6,{}]]]");
        decoder.decode("[0,\"pc\",[\"tBTCF0:USTF0\",\"CLOSED\",0,103000,0,0,150.5,0.73,null,10,null,142341,1737972900000,1737972940000,null,1,null,0,0,{}]]");
        decoder.decode("[0,\"ws\",[[\"exchange\",\"UST\",5000.5,0,null,null,null],[\"exchange\",\"BTC\",0.5,0,0.4,\"Trading fees\",null]]]");
        decoder.decode("[0,\"wu\",[\"exchange\",\"UST\",4990.5,0,4800.25,null,null]]");
        decoder.decode("[0,\"te\",[402088407,\"tBTCUSD\",1737972930050,1187195911,0.1,103950.5,\"EXCHANGE LIMIT\",103950.5,1,null,null,1737972930001]]");
        decoder.decode("[0,\"tu\",[402088407,\"tBTCUSD\",1737972930050,1187195911,0.1,103950.5,\"EXCHANGE LIMIT\",103950.5,1,-0.0002,\"BTC\",1737972930001]]");
        decoder.decode("[0,\"n\",[1737972930000,\"on-req\",null,null," + order.replace("PARTIALLY FILLED @ 103950.5(0.1)", "ERROR") + ",null,\"ERROR\",\"Invalid order: minimum size for BTC/USD is 0.0001\"]]");
        decoder.decode("[0,\"bu\",[10000.5,10000.5]]");
        decoder.decode("[0,\"hb\"]");
        List<String> calls = sink.take();
        String parsed = "BitfinexOrder[id=1187195911, groupId=null, clientOrderId=1737972930001, symbol=tBTCUSD, "
                + "created=1737972930001, updated=1737972930050, amount=0.4, originalAmount=0.5, type=EXCHANGE LIMIT, "
                + "previousType=null, flags=0, status=PARTIALLY FILLED @ 103950.5(0.1), price=103950.5, "
                + "averagePrice=103950.5, trailingPrice=0, auxLimitPrice=0]";
        assertEquals("os [" + parsed + "]", calls.get(0));
        assertEquals("order NEW " + parsed, calls.get(1));
        assertEquals("order UPDATE " + parsed + " seq=12 authSeq=7", calls.get(2));
        assertEquals("order CLOSE " + parsed.replace("PARTIALLY FILLED @ 103950.5(0.1)", "CANCELED"), calls.get(3));
        assertEquals("ps [BitfinexPosition[symbol=tBTCF0:USTF0, status=ACTIVE, amount=0.2, basePrice=103000, "
                + "marginFunding=0, profitLoss=null, profitLossPercent=null, liquidationPrice=null, leverage=null, "
                + "positionId=142341, created=1737972900000, updated=1737972930000, collateral=2060]]", calls.get(4));
        assertEquals("position CLOSE BitfinexPosition[symbol=tBTCF0:USTF0, status=CLOSED, amount=0, basePrice=103000, "
                + "marginFunding=0, profitLoss=150.5, profitLossPercent=0.73, liquidationPrice=null, leverage=10, "
                + "positionId=142341, created=1737972900000, updated=1737972940000, collateral=0]", calls.get(5));
        assertEquals("ws [BitfinexWallet[type=exchange, currency=UST, balance=5000.5, unsettledInterest=0, available=null], "
                + "BitfinexWallet[type=exchange, currency=BTC, balance=0.5, unsettledInterest=0, available=0.4]]", calls.get(6));
        assertEquals("wallet BitfinexWallet[type=exchange, currency=UST, balance=4990.5, unsettledInterest=0, available=4800.25]",
                calls.get(7));
        assertEquals("ownTrade te BitfinexOwnTrade[id=402088407, symbol=tBTCUSD, time=1737972930050, orderId=1187195911, "
                + "amount=0.1, price=103950.5, orderType=EXCHANGE LIMIT, orderPrice=103950.5, maker=true, fee=null, "
                + "feeCurrency=null, clientOrderId=1737972930001]", calls.get(8));
        assertTrue(calls.get(9).contains("fee=-0.0002, feeCurrency=BTC"), calls.get(9));
        assertTrue(calls.get(10).startsWith("notification BitfinexNotification[time=1737972930000, type=on-req, "
                + "messageId=null, order=BitfinexOrder[id=1187195911"), calls.get(10));
        assertTrue(calls.get(10).endsWith("status=ERROR, text=Invalid order: minimum size for BTC/USD is 0.0001]"), calls.get(10));
        assertEquals("unhandled account message bu", calls.get(11));
        assertEquals("hb 0", calls.get(12));
    }

    /** The payload of bitfinex-api-go's pkg/models/status test (TestDerivFromRaw, "valid pld"). */
    @Test
    void derivativesStatusOfTheOfficialFixture() {
        decoder.decode("[8,[1596124822000,null,0.896,0.771995,null,1396531.67460709,null,1596153600000,0.0001056,6,null,"
                + "-0.01381344,null,null,0.7664,null,null,246502.09001551,null,null,null,null,0.3]]");
        assertEquals(List.of("status 8 BitfinexDerivativeStatus[time=1596124822000, derivativePrice=0.896, "
                + "spotPrice=0.771995, nextFunding=1596153600000, currentFunding=-0.01381344, markPrice=0.7664, "
                + "openInterest=246502.09001551]"), sink.take());
    }

    @Test
    void aShortDerivativesStatusRowHasNullsForWhatItLacks() {
        decoder.decode("[8,[1737972930000,null,103950.1,103948,null,2300000.5,null,1737993600000,0.00001,2,null,0.0001]]");
        assertEquals(List.of("status 8 BitfinexDerivativeStatus[time=1737972930000, derivativePrice=103950.1, "
                + "spotPrice=103948, nextFunding=1737993600000, currentFunding=0.0001, markPrice=null, "
                + "openInterest=null]"), sink.take());
    }

    /** The liquidation row of the Bitfinex docs (ws public status, liq:global), as a snapshot and an update. */
    @Test
    void liquidationsOfTheDocumentedShape() {
        decoder.decode("{\"event\":\"subscribed\",\"channel\":\"status\",\"chanId\":91684,\"key\":\"liq:global\"}");
        sink.take();
        decoder.decode("[91684,[[\"pos\",142397657,1574697680828,null,\"tBSVUSD\",-2.62932,91.583875238719,null,1,1,"
                + "null,112.27]]]");
        decoder.decode("[91684,[]]");
        List<String> calls = sink.take();
        assertEquals(2, calls.size(), calls.toString());
        assertEquals("liquidations 91684 [BitfinexLiquidation[positionId=142397657, time=1574697680828, symbol=tBSVUSD, "
                + "amount=-2.62932, basePrice=91.583875238719, match=true, marketSold=true, acquiredPrice=112.27]]",
                calls.get(0));
        assertEquals("liquidations 91684 []", calls.get(1));
        assertEquals(BitfinexChannelType.LIQUIDATIONS, decoder.channel(91684).orElseThrow().type());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "hello",
        "[17,[103950,2]]",
        "[17,[103950,2,0.5]",
        "[17,[103950,2,0.5]] x",
        "[17,[103950,2,abc]]",
        "[17,[103950,2.5,0.5]]",
        "[17,[103950,2,0]]",
        "[17,[0.000000000001,2,1]]",
        "[17,\"xx\"]",
        "[17,[[103950,2,0.5],[103951,1]]]",
        "[99,[1,2,3]]",
        "[2,[1,2,3]]",
        "[2,[103950,12.5,\"x\",9.75,-1200,-0.0114,103950.5,1520.3,105500,102800]]",
        "[3,\"te\",[1,2,3]]",
        "[3,[[1,2,3,4]],\"x\"]",
        "{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":30,\"symbol\":\"BTCUSD\"}",
        "{\"event\":\"subscribed\",\"channel\":\"candles\",\"chanId\":31,\"key\":\"1m:tBTCUSD\"}",
        "{\"no\":\"event\"}",
        "{\"event\":\"info\",\"version\":2",
        "[abc,1]",
    })
    void malformedFramesThrowBeforeAnySinkCall(String frame) {
        BitfinexProtocolException e = assertThrows(BitfinexProtocolException.class, () -> decoder.decode(frame));
        assertTrue(!e.getMessage().isBlank());
        assertEquals(List.of(), sink.take(), frame);
        decoder.decode("[17,\"hb\"]"); // still usable
        assertEquals(List.of("hb 17"), sink.take());
    }

    @Test
    void errorMessagesSayWhatAndWhere() {
        assertEquals("book tBTCUSD P0 (chanId 17) update: expected 3 numbers [PRICE,COUNT,AMOUNT], got 2",
                message("[17,[103950,2]]"));
        assertEquals("book tBTCUSD P0 (chanId 17) update: the price at byte 5: '0.000000000001' has more decimals than scale 10 allows",
                message("[17,[0.000000000001,2,1]]"));
        assertEquals("book tBTCUSD P0 (chanId 17) snapshot row 2: expected 3 numbers [PRICE,COUNT,AMOUNT], got 2",
                message("[17,[[103950,2,0.5],[103951,1]]]"));
        assertEquals("ticker tBTCUSD (chanId 2) ticker: field ASK (index 2) is not a number: x",
                message("[2,[103950,12.5,\"x\",9.75,-1200,-0.0114,103950.5,1520.3,105500,102800]]"));
        assertEquals("not valid JSON: the frame ends early at line 1 column 28 path $.version",
                message("{\"event\":\"info\",\"version\":2"));
    }

    private String message(String frame) {
        return assertThrows(BitfinexProtocolException.class, () -> decoder.decode(frame)).getMessage();
    }

    @Test
    void resetForgetsChannelsAndFlags() {
        decoder.decode("{\"event\":\"conf\",\"status\":\"OK\",\"flags\":65536}");
        decoder.reset();
        assertEquals(0, decoder.flags());
        assertTrue(decoder.channels().isEmpty());
    }
}
