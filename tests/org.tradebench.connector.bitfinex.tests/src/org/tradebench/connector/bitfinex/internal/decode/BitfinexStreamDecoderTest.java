package org.tradebench.connector.bitfinex.internal.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.Liquidation;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.OrderBookView;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.Trade;
import org.tradebench.api.spi.DecodedEvents;
import org.tradebench.api.spi.StreamDecoder;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.Order;
import org.tradebench.connector.bitfinex.internal.BitfinexProvider;

/**
 * The decoder SPI on recorded Bitfinex frames in the documented shapes (public channels and the
 * authenticated channel 0), through the live pipeline: exact API values, errors that say what and
 * where, and decoding that goes on after them.
 */
class BitfinexStreamDecoderTest {

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

    private static final String LONG_GARBAGE = "[17," + "x".repeat(300) + "]";

    private static final List<String> MIXED = List.of(
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

    /** Renders every event as one line. */
    private static final class Lines implements DecodedEvents {
        final List<String> lines = new ArrayList<>();

        @Override
        public void onTicker(Ticker t) {
            lines.add("ticker " + t.instrument().symbol() + " quote=" + t.quote() + " last=" + t.last() + " day=" + t.day());
        }

        @Override
        public void onTrade(Trade t) {
            lines.add("trade " + t.instrument().symbol() + " " + t.id() + " " + t.time() + " " + t.price().toPlainString()
                    + " x " + t.quantity().toPlainString() + " " + t.takerSide());
        }

        @Override
        public void onBook(BookUpdate u) {
            StringBuilder b = new StringBuilder("book " + u.instrument().symbol() + " " + u.kind() + " #" + u.sequence());
            if (u.kind() == BookUpdate.Kind.RESET) {
                b.append(" ").append(u.resetReason());
            }
            for (Side side : Side.values()) {
                b.append(side == Side.BUY ? " bids" : " asks").append('[');
                for (int i = 0; i < u.changes(side); i++) {
                    OrderBookView book = u.book();
                    b.append(i == 0 ? "" : " ").append(java.math.BigDecimal.valueOf(u.changePrice(side, i), book.priceScale())
                            .stripTrailingZeros().toPlainString()).append('x').append(java.math.BigDecimal
                                    .valueOf(u.changeSize(side, i), book.sizeScale()).stripTrailingZeros().toPlainString());
                    if (book.perOrder()) {
                        b.append('#').append(u.changeOrderId(side, i));
                    }
                }
                b.append(']');
            }
            lines.add(b.toString());
        }

        @Override
        public void onMarkPrice(MarkPrice m) {
            lines.add("mark " + m.instrument().symbol() + " " + m.time() + " mark=" + m.markPrice() + " index="
                    + m.indexPrice() + " funding=" + m.fundingRate() + " next=" + m.nextFunding() + " oi="
                    + m.openInterest());
        }

        @Override
        public void onLiquidation(Liquidation l) {
            lines.add("liquidation " + l.instrument().symbol() + " " + l.time() + " " + l.side() + " " + l.price()
                    + " x " + l.quantity());
        }

        @Override
        public void onChecksum(InstrumentId instrument, boolean ok) {
            lines.add("checksum " + instrument.symbol() + " " + ok);
        }

        @Override
        public void onCandle(Candle c) {
            lines.add("candle " + c.instrument().symbol() + " " + c.interval() + " " + c.start() + " o=" + c.open()
                    + " h=" + c.high() + " l=" + c.low() + " c=" + c.close() + " v=" + c.volume() + " closed="
                    + c.closed());
        }

        @Override
        public void onStatus(ConnectionState state, String reason) {
            lines.add("status " + state + " " + reason);
        }

        @Override
        public void onOrder(Order o) {
            var r = o.request();
            lines.add("order " + r.instrument().symbol() + " " + o.id() + " " + o.clientOrderId() + " " + r.side() + " "
                    + r.type() + " " + r.quantity() + " price=" + r.price() + " trigger=" + r.triggerPrice() + " "
                    + r.flags() + " " + o.status() + " filled=" + o.filledQuantity() + " avg=" + o.averagePrice()
                    + " reason='" + o.reason() + "' " + o.updated());
        }

        @Override
        public void onFill(Fill f) {
            lines.add("fill " + f.instrument().symbol() + " " + f.orderId() + " " + f.id() + " " + f.side() + " "
                    + f.price() + " x " + f.quantity() + " fee=" + f.fee() + " " + f.feeCurrency() + " maker="
                    + f.maker() + " " + f.time());
        }

        @Override
        public void onBalance(Balance b) {
            lines.add("balance " + b.wallet() + " " + b.currency() + " total=" + b.total() + " available="
                    + b.available() + " " + b.time());
        }

        @Override
        public void onPosition(Position p) {
            lines.add("position " + p.instrument().symbol() + " " + p.side() + " " + p.quantity() + " entry="
                    + p.entryPrice() + " upnl=" + p.unrealizedPnl() + " leverage=" + p.leverage() + " liquidation="
                    + p.liquidationPrice() + " margin=" + p.margin() + " " + p.time());
        }

        @Override
        public void onFinalBook(InstrumentId instrument, OrderBookView book) {
            lines.add("final " + instrument.symbol() + " " + book.levels(Side.BUY) + "/" + book.levels(Side.SELL));
        }
    }

    private static List<String> decode(String session, List<String> frames) {
        Lines out = new Lines();
        StreamDecoder d = new BitfinexProvider().decoder(BitfinexProvider.MARKET, out);
        long millis = 1737972930000L;
        for (String f : frames) {
            byte[] b = f.getBytes(StandardCharsets.UTF_8);
            try {
                d.decode(session, b, 0, b.length, millis++);
            } catch (IllegalArgumentException e) {
                out.lines.add("error " + e.getMessage());
            }
        }
        d.flush();
        d.finish();
        return out.lines;
    }

    @Test
    void aMixedPublicStreamDecodesToExactValuesAndGoesOnAfterErrors() {
        assertLines(List.of(
                "status LIVE Bitfinex platform operative (API version 2)",
                "ticker BTC/USD quote=Quote[bid=103950, bidSize=12.5, ask=103951, askSize=9.75] last=103950.5 day=DayStats[volume=1520.3, quoteVolume=null, high=105500, low=102800, open=null, change=-1200, changeRatio=-0.0114]",
                "trade ETH/USDT 401597394 2025-01-27T10:15:30.100Z 3300.4 x 1.5 BUY",
                "trade ETH/USDT 401597395 2025-01-27T10:15:30.200Z 3300.5 x 0.25 SELL",
                // te and tu of one trade: once
                "trade ETH/USDT 401597396 2025-01-27T10:15:31Z 3301 x 0.05 BUY",
                "book XRP/BTC SNAPSHOT #1 bids[0.0000011x271510.49 0.0000007x10000] asks[0.00000111x4847.13 0.00000112x528102.69042633]",
                "error not a Bitfinex frame: expected '[' or '{' at the start",
                "error empty frame",
                // both rows wait for the checksum that verifies them, then go out as one delta
                "book XRP/BTC DELTA #2 bids[0.0000011x266122.94 0.0000007x0] asks[]",
                "checksum XRP/BTC true",
                // the snapshot oldest first; a candle's final version (closed) when the next bucket begins
                "candle BTC/USDT:USDT 1m 2025-01-27T10:15:00Z o=103800 h=103990 l=103750 c=103950 v=30.25 closed=false",
                "candle BTC/USDT:USDT 1m 2025-01-27T10:15:00Z o=103800 h=103990 l=103750 c=103950 v=30.25 closed=true",
                "candle BTC/USDT:USDT 1m 2025-01-27T10:16:00Z o=103950 h=104000 l=103900 c=103960.5 v=12.5 closed=false",
                "candle BTC/USDT:USDT 1m 2025-01-27T10:16:00Z o=103950 h=104000 l=103900 c=103970 v=13 closed=false",
                "candle BTC/USDT:USDT 1m 2025-01-27T10:16:00Z o=103950 h=104000 l=103900 c=103970 v=13 closed=true",
                "candle BTC/USDT:USDT 1m 2025-01-27T10:17:00Z o=103970 h=103985 l=103960 c=103980 v=0.5 closed=false",
                "status MAINTENANCE Bitfinex maintenance started (20060) Entering in Maintenance mode.",
                // the live connector resubscribes every channel when maintenance ends
                "book XRP/BTC RESET #3 maintenance ended bids[] asks[]",
                "status LIVE Bitfinex maintenance ended (20061) Maintenance ended.",
                "status RECONNECTING Bitfinex server restarting (20051) Stopping. Please try to reconnect",
                "error Bitfinex error symbol: \"tFOO\" invalid (10300)",
                // the book was reset at 20061: its checksum and updates wait for the next snapshot
                "error data for unknown channel 99: no subscribed event was seen for it",
                "error book tXRPBTC P0 (chanId 17): expected a book row or snapshot",
                // a funding book has no normalised events; the ticker goes on
                "ticker BTC/USD quote=Quote[bid=103960, bidSize=11, ask=103961, askSize=8] last=103960 day=DayStats[volume=1521, quoteVolume=null, high=105500, low=102800, open=null, change=-1190, changeRatio=-0.0113]"), decode(StreamDecoder.DEFAULT_SESSION, MIXED));
    }

    @Test
    void rawBooksCarryOrderIds() {
        List<String> lines = decode(StreamDecoder.DEFAULT_SESSION, List.of(
                "{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":9,\"symbol\":\"tBTCUSD\",\"prec\":\"R0\",\"len\":\"25\"}",
                "[9,[[1201000001,103950,0.5],[1201000002,103951,-1]]]",
                "[9,[1201000001,103949.5,0.5]]",
                "[9,[1201000002,0,-1]]",
                "[9,[1201000003,0,1]]"));
        // a move is the order leaving its old price and appearing at the new one; price 0 removes;
        // removing an order the book never had changes nothing
        assertLines(List.of(
                "book BTC/USD SNAPSHOT #1 bids[103950x0.5#1201000001] asks[103951x1#1201000002]",
                "book BTC/USD DELTA #2 bids[103950x0#1201000001 103949.5x0.5#1201000001] asks[]",
                "book BTC/USD DELTA #3 bids[] asks[103951x0#1201000002]",
                "final BTC/USD 1/0"), lines);
    }

    @Test
    void accountMessagesBecomeOrdersFillsBalancesAndPositions() {
        List<String> lines = decode("account", List.of(
                "{\"event\":\"auth\",\"status\":\"OK\",\"chanId\":0,\"userId\":1234567,\"auth_id\":\"a6d7a9c1\"}",
                OS, ON_STOP_LIMIT, TE, OC_EXECUTED, TU, TE, TE_WITHOUT_TU, OC_POST_ONLY, OC_MARGIN, OC_CANCELED,
                N_REJECTED, N_CANCEL_FAILED, N_SUCCESS, WS, WU, PS, PU, PC, "[0,\"hb\"]"));
        assertLines(List.of(
                // orders placed elsewhere: their first event is the state the exchange gives
                "order BTC/USD 1187195911 bfx-1187195911 BUY LIMIT 0.5 price=103950.5 trigger=null [] PARTIALLY_FILLED filled=0.1 avg=103950.5 reason='' 2025-01-27T10:15:30.050Z",
                "order BTC/USDT:USDT 1187195912 bfx-1187195912 SELL STOP_LIMIT 0.02 price=101900 trigger=102000 [] OPEN filled=0 avg=null reason='' 2025-01-27T10:15:31Z",
                "order BTC/USD 1187195911 bfx-1187195911 BUY LIMIT 0.5 price=103950.5 trigger=null [] FILLED filled=0.5 avg=103950.5 reason='' 2025-01-27T10:15:32Z",
                // te waits for tu, which carries the fee; the second te of the same trade changes nothing
                "fill BTC/USD 1187195911 402088407 BUY 103950.5 x 0.4 fee=0.0008 BTC maker=true 2025-01-27T10:15:32Z",
                "order BTC/USD 1187195914 bfx-1187195914 BUY LIMIT 0.1 price=103960 trigger=null [POST_ONLY] REJECTED filled=0 avg=null reason='Bitfinex: post-only order would have taken liquidity (POSTONLY CANCELED)' 2025-01-27T10:15:34Z",
                "order BTC/USDT:USDT 1187195915 bfx-1187195915 SELL LIMIT 0.5 price=103900 trigger=null [] CANCELLED filled=0.2 avg=103900 reason='Bitfinex: insufficient margin (INSUFFICIENT MARGIN)' 2025-01-27T10:15:35.500Z",
                "order ETH/USDT 1187195916 bfx-1187195916 SELL STOP 2 price=null trigger=3250 [] CANCELLED filled=0 avg=null reason='' 2025-01-27T10:15:35.900Z",
                // notifications about orders this connector did not send change nothing
                "balance exchange USDT total=5000.5 available=5000.5 2025-01-27T10:15:30.014Z",
                "balance exchange BTC total=0.5 available=0.4 2025-01-27T10:15:30.014Z",
                "balance margin USD total=1200 available=1100 2025-01-27T10:15:30.014Z",
                "balance exchange BTC total=0.9 available=0.9 2025-01-27T10:15:30.015Z",
                "position BTC/USDT:USDT SHORT 0.3 entry=103900 upnl=-12.5 leverage=5 liquidation=112000.5 margin=3117 2025-01-27T10:15:35.500Z",
                "position ETH/USDT LONG 2 entry=3300 upnl=15 leverage=1 liquidation=null margin=null 2025-01-27T10:15:39Z",
                "position BTC/USDT:USDT FLAT 0 entry=null upnl=150.5 leverage=5 liquidation=null margin=0 2025-01-27T10:15:40Z",
                // the te whose tu never came: at the end of the input, without a fee
                "fill ETH/USDT 1187195913 402088408 SELL 3300.5 x 1.5 fee=null null maker=false 2025-01-27T10:15:33Z"),
                lines);
    }

    /** The derivatives status and liquidation payloads of bitfinex-api-go's status model tests. */
    @Test
    void derivativesStatusAndLiquidations() {
        List<String> lines = decode(StreamDecoder.DEFAULT_SESSION, List.of(
                "{\"event\":\"subscribed\",\"channel\":\"status\",\"chanId\":335856,\"key\":\"deriv:tBTCF0:USTF0\"}",
                "{\"event\":\"subscribed\",\"channel\":\"status\",\"chanId\":91684,\"key\":\"liq:global\"}",
                "[335856,[1596124822000,null,0.896,0.771995,null,1396531.67460709,null,1596153600000,0.0001056,6,null,"
                        + "-0.01381344,null,null,0.7664,null,null,246502.09001551,null,null,null,null,0.3]]",
                "[91684,[[\"pos\",142397657,1574697680828,null,\"tBTCF0:USTF0\",-2.62932,91.583875238719,null,1,1,null,"
                        + "112.27]]]",
                "[91684,[[\"pos\",142397658,1574697680900,null,\"tBTCF0:USTF0\",1.5,90,null,0,0,null,null]]]"));
        assertLines(List.of(
                "mark BTC/USDT:USDT 2020-07-30T16:00:22Z mark=0.7664 index=0.771995 funding=-0.01381344 next=2020-07-31T00:00:00Z oi=246502.09001551",
                // a short position taken over: the liquidation buys; a trigger that did not match is no liquidation
                "liquidation BTC/USDT:USDT 2019-11-25T16:01:20.828Z BUY 112.27 x 2.62932"), lines);
    }

    private static void assertLines(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), "line " + (i + 1));
        }
        assertEquals(expected.size(), actual.size(), String.join("\n", actual));
    }
}
