package org.tradebench.connector.binance.internal.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tradebench.api.account.MarginMode;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.ExitLeg;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderFlag;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderRole;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.TimeInForce;
import org.tradebench.api.trading.TriggerSource;
import org.tradebench.connector.binance.internal.BinanceMarket;
import org.tradebench.transport.Redaction;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The trading protocol on Binance's documented payloads (spot and USD-M API docs, 2025-26): order
 * parameters, order answers, user data events, errors, client ids; and the redaction of listenKeys.
 */
class TradingPayloadsTest {

    private static final InstrumentId BTC = new InstrumentId("binance", "BTC/USDT");
    private static final InstrumentId PERP = new InstrumentId("binance-usdm", "BTC/USDT:USDT");

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    private static OrderRequest limit(String id, InstrumentId i, Side side, String qty, String price) {
        return OrderRequest.limit(id, i, side, new BigDecimal(qty), new BigDecimal(price));
    }

    @Test
    void spotOrderParametersFollowTheDocs() {
        Map<String, Object> p = OrderCodec.placeParams(BinanceMarket.SPOT, limit("tb-1", BTC, Side.SELL, "0.01",
                "52000.00"), "BTCUSDT");
        assertEquals(List.of("symbol", "side", "type", "timeInForce", "quantity", "price", "newClientOrderId",
                "newOrderRespType"), List.copyOf(p.keySet()));
        assertEquals("SELL", p.get("side"));
        assertEquals("LIMIT", p.get("type"));
        assertEquals("GTC", p.get("timeInForce"));
        assertEquals("0.01", p.get("quantity"));
        assertEquals("52000", p.get("price"));
        assertEquals("tb-1", p.get("newClientOrderId"));

        OrderRequest postOnly = limit("tb-2", BTC, Side.BUY, "1", "100").withFlags(EnumSet.of(OrderFlag.POST_ONLY));
        Map<String, Object> pp = OrderCodec.placeParams(BinanceMarket.SPOT, postOnly, "BTCUSDT");
        assertEquals("LIMIT_MAKER", pp.get("type"));
        assertFalse(pp.containsKey("timeInForce"), "LIMIT_MAKER takes no time in force");

        OrderRequest stop = OrderRequest.stop("tb-3", BTC, Side.SELL, BigDecimal.ONE, new BigDecimal("90"));
        Map<String, Object> sp = OrderCodec.placeParams(BinanceMarket.SPOT, stop, "BTCUSDT");
        assertEquals("STOP_LOSS", sp.get("type"));
        assertEquals("90", sp.get("stopPrice"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OrderCodec.placeParams(
                BinanceMarket.SPOT, limit("tb-4", BTC, Side.BUY, "1", "1").withFlags(EnumSet.of(OrderFlag.REDUCE_ONLY)),
                "BTCUSDT"));
        assertEquals("Binance spot has no reduce-only or close-position orders", e.getMessage());
    }

    @Test
    void usdmExitsAreConditionalAlgoOrdersReduceOnlyOrClosingThePosition() {
        // the gateway's leg for a long entry's fill: a stop-loss, reduce-only, one-way mode
        OrderRequest sl = new OrderRequest("e1-sl1", PERP, Side.SELL, OrderType.STOP, new BigDecimal("0.002"), null,
                new BigDecimal("95000"), TimeInForce.GTC, EnumSet.of(OrderFlag.REDUCE_ONLY), null, null,
                TriggerSource.MARK, null, "e1", OrderRole.STOP_LOSS);
        Map<String, Object> p = OrderCodec.placeParams(BinanceMarket.USDM, sl, "BTCUSDT");
        assertEquals("CONDITIONAL", p.get("algoType"));
        assertEquals("STOP_MARKET", p.get("type"));
        assertEquals("95000", p.get("triggerPrice"));
        assertEquals("true", p.get("reduceOnly"));
        assertEquals("MARK_PRICE", p.get("workingType"));
        assertEquals("e1-sl1", p.get("clientAlgoId"));
        assertFalse(p.containsKey("stopPrice"));
        assertFalse(p.containsKey("newClientOrderId"));

        // hedge mode: the position side says it, reduceOnly is not sent (Binance refuses it there)
        OrderRequest tp = new OrderRequest("e2-tp1", PERP, Side.SELL, OrderType.TAKE_PROFIT, new BigDecimal("0.002"),
                null, new BigDecimal("105000"), TimeInForce.GTC, EnumSet.of(OrderFlag.REDUCE_ONLY), null, null,
                TriggerSource.LAST, PositionSide.LONG, "e2", OrderRole.TAKE_PROFIT);
        Map<String, Object> t = OrderCodec.placeParams(BinanceMarket.USDM, tp, "BTCUSDT");
        assertEquals("TAKE_PROFIT_MARKET", t.get("type"));
        assertEquals("LONG", t.get("positionSide"));
        assertFalse(t.containsKey("reduceOnly"));
        assertEquals("CONTRACT_PRICE", t.get("workingType"));

        // close-position: no quantity
        OrderRequest close = new OrderRequest("e3-sl", PERP, Side.SELL, OrderType.STOP, BigDecimal.ONE, null,
                new BigDecimal("90000"), TimeInForce.GTC, EnumSet.of(OrderFlag.CLOSE_POSITION), null, null,
                TriggerSource.LAST, null, null, OrderRole.PRIMARY);
        Map<String, Object> c = OrderCodec.placeParams(BinanceMarket.USDM, close, "BTCUSDT");
        assertEquals("true", c.get("closePosition"));
        assertFalse(c.containsKey("quantity"));

        // post-only on USD-M is GTX
        Map<String, Object> g = OrderCodec.placeParams(BinanceMarket.USDM, limit("x", PERP, Side.BUY, "1", "1")
                .withFlags(EnumSet.of(OrderFlag.POST_ONLY)), "BTCUSDT");
        assertEquals("GTX", g.get("timeInForce"));
        assertEquals("LIMIT", g.get("type"));
        assertTrue(OrderCodec.isConditional(BinanceMarket.USDM, OrderType.TAKE_PROFIT_LIMIT));
        assertFalse(OrderCodec.isConditional(BinanceMarket.SPOT, OrderType.STOP));
    }

    @Test
    void clientIdsAreOursWithinBinancesRule() {
        assertEquals("Ab_09-x", OrderCodec.binanceClientId("Ab_09-x"));
        String longest = "a".repeat(36);
        assertEquals(longest, OrderCodec.binanceClientId(longest));
        assertThrows(IllegalArgumentException.class, () -> OrderCodec.binanceClientId("a".repeat(37)));
        assertEquals("bn-web_a_b", OrderRequestIds.shown("web_a:b"));
    }

    @Test
    void aSpotOrderAnswerIsReadWithItsAveragePrice() {
        // web-socket-api.md order.place, newOrderRespType RESULT
        JsonObject a = json("""
                {"symbol":"BTCUSDT","orderId":12569099453,"orderListId":-1,"clientOrderId":"4d96324ff9d44481926157ec08158a40",
                 "transactTime":1660801715793,"price":"23416.10000000","origQty":"0.00847000","executedQty":"0.00847000",
                 "cummulativeQuoteQty":"198.33521500","status":"FILLED","timeInForce":"GTC","type":"LIMIT","side":"SELL",
                 "workingTime":1660801715793,"selfTradePreventionMode":"NONE"}""");
        Order pending = Order.pending(limit("4d96324ff9d44481926157ec08158a40", BTC, Side.SELL, "0.00847", "23416.1"),
                "main", Instant.EPOCH);
        Order o = OrderCodec.apply(a, pending, false);
        assertEquals(OrderStatus.FILLED, o.status());
        assertEquals("12569099453", o.id());
        assertEquals(new BigDecimal("0.00847"), o.filledQuantity());
        // the quote spent over the quantity: the docs' example filled a little above its limit price
        assertEquals(new BigDecimal("198.335215").divide(new BigDecimal("0.00847"), java.math.MathContext.DECIMAL64)
                .stripTrailingZeros(), o.averagePrice());
        assertEquals(Instant.ofEpochMilli(1660801715793L), o.updated());
    }

    @Test
    void aUsdmOrderAnswerAndItsLaterReportsNeverGoBack() {
        // websocket-api order.place response (USD-M)
        JsonObject a = json("""
                {"orderId":325078477,"symbol":"BTCUSDT","status":"NEW","clientOrderId":"iCXL1BywlBaf2sesNUrVl3",
                 "price":"43187.00","avgPrice":"0.00","origQty":"0.100","executedQty":"0.000","cumQty":"0.000",
                 "cumQuote":"0.00000","timeInForce":"GTC","type":"LIMIT","reduceOnly":false,"closePosition":false,
                 "side":"BUY","positionSide":"BOTH","stopPrice":"0.00","workingType":"CONTRACT_PRICE",
                 "priceProtect":false,"origType":"LIMIT","priceMatch":"NONE","selfTradePreventionMode":"NONE",
                 "goodTillDate":0,"updateTime":1702555534435}""");
        Order pending = Order.pending(limit("iCXL1BywlBaf2sesNUrVl3", PERP, Side.BUY, "0.1", "43187"), "main",
                Instant.EPOCH);
        Order open = OrderCodec.apply(a, pending, true);
        assertEquals(OrderStatus.OPEN, open.status());
        assertNull(open.averagePrice());
        Order filled = OrderCodec.merge(open, "325078477", OrderStatus.FILLED, new BigDecimal("0.1"),
                new BigDecimal("43187"), "", null, null);
        assertEquals(OrderStatus.FILLED, filled.status());
        // a late NEW report leaves a filled order filled
        assertEquals(filled, OrderCodec.apply(a, filled, true));
    }

    @Test
    void anExecutionReportCarriesTheOrderAndItsFill() {
        // user-data-stream.md executionReport, with a trade
        AccountEvents.Event e = AccountEvents.read(json("""
                {"subscriptionId":0,"event":{"e":"executionReport","E":1499405658658,"s":"ETHBTC",
                 "c":"mUvoqJxFIILMdfAW5iGSOW","S":"BUY","o":"LIMIT","f":"GTC","q":"1.00000000","p":"0.10264410",
                 "P":"0.00000000","F":"0.00000000","g":-1,"C":"","x":"TRADE","X":"PARTIALLY_FILLED","r":"NONE",
                 "i":4293153,"l":"0.40000000","z":"0.40000000","L":"0.10264410","n":"0.00000010","N":"BNB",
                 "T":1499405658657,"t":77,"v":3,"I":8641984,"w":false,"m":true,"M":true,"O":1499405658657,
                 "Z":"0.04105764","Y":"0.04105764","Q":"0.00000000","W":1499405658657,"V":"NONE"}}"""));
        AccountEvents.OrderUpdate u = (AccountEvents.OrderUpdate) e;
        assertEquals("mUvoqJxFIILMdfAW5iGSOW", u.clientOrderId());
        assertEquals(OrderStatus.PARTIALLY_FILLED, u.status());
        assertTrue(u.isFill());
        assertEquals("77", u.tradeId());
        assertEquals(new BigDecimal("0.4"), u.lastQuantity());
        assertEquals(0, new BigDecimal("0.1026441").compareTo(u.average()));
        assertTrue(u.maker());
        assertNull(u.rejectReason());
        // a cancel's report names the original order in C
        AccountEvents.OrderUpdate c = (AccountEvents.OrderUpdate) AccountEvents.read(json("""
                {"e":"executionReport","E":1,"s":"ETHBTC","c":"cancelReq1","C":"mine-1","S":"BUY","o":"LIMIT","f":"GTC",
                 "q":"1","p":"1","x":"CANCELED","X":"CANCELED","r":"NONE","i":9,"l":"0","z":"0","L":"0","n":"0",
                 "N":null,"T":2,"t":-1,"m":false,"Z":"0"}"""));
        assertEquals("mine-1", c.clientOrderId());
        assertEquals(OrderStatus.CANCELLED, c.status());
        assertFalse(c.isFill());
    }

    @Test
    void usdmOrderTradeUpdateAccountUpdateAndListenKeyExpired() {
        AccountEvents.OrderUpdate u = (AccountEvents.OrderUpdate) AccountEvents.read(json("""
                {"e":"ORDER_TRADE_UPDATE","E":1568879465651,"T":1568879465650,"o":{"s":"BTCUSDT","c":"TEST","S":"SELL",
                 "o":"LIMIT","f":"GTC","q":"0.001","p":"7103.04","ap":"7103.04","sp":"0","x":"TRADE","X":"FILLED",
                 "i":8886774,"l":"0.001","z":"0.001","L":"7103.04","N":"USDT","n":"0.00284","T":1568879465650,
                 "t":991,"b":"0","a":"9.91","m":false,"R":false,"wt":"CONTRACT_PRICE","ot":"LIMIT","ps":"BOTH",
                 "cp":false,"rp":"1.5","pP":false,"si":0,"ss":0,"V":"EXPIRE_TAKER","pm":"NONE","gtd":0}}"""));
        assertEquals(OrderStatus.FILLED, u.status());
        assertEquals(new BigDecimal("1.5"), u.realizedPnl());
        assertEquals(new BigDecimal("7103.04"), u.average());
        assertEquals("USDT", u.feeAsset());

        // user-data-streams ACCOUNT_UPDATE example: one-way flat, hedge LONG and SHORT
        AccountEvents.AccountUpdate a = (AccountEvents.AccountUpdate) AccountEvents.read(json("""
                {"e":"ACCOUNT_UPDATE","E":1564745798939,"T":1564745798938,"a":{"m":"ORDER",
                 "B":[{"a":"USDT","wb":"122624.12345678","cw":"100.12345678","bc":"50.12345678"},
                      {"a":"BUSD","wb":"1.00000000","cw":"0.00000000","bc":"-49.12345678"}],
                 "P":[{"s":"BTCUSDT","pa":"0","ep":"0.00000","bep":"0","cr":"200","up":"0","mt":"isolated","iw":"0.00000000","ps":"BOTH"},
                      {"s":"BTCUSDT","pa":"20","ep":"6563.66500","bep":"0","cr":"0","up":"2850.21200","mt":"isolated","iw":"13200.70726908","ps":"LONG"},
                      {"s":"BTCUSDT","pa":"-10","ep":"6563.86000","bep":"6563.6","cr":"-45.04000000","up":"-1423.15600","mt":"isolated","iw":"6570.42511771","ps":"SHORT"}]}}"""));
        assertEquals(2, a.balances().rows().size());
        assertEquals(new BigDecimal("122624.12345678"), a.balances().rows().get(0).total());
        List<AccountEvents.PositionRow> p = a.positions().rows();
        assertEquals(PositionSide.FLAT, p.get(0).side());
        assertFalse(p.get(0).hedged());
        assertEquals(PositionSide.LONG, p.get(1).side());
        assertTrue(p.get(1).hedged());
        assertEquals(PositionSide.SHORT, p.get(2).side());
        assertEquals(MarginMode.ISOLATED, p.get(2).marginMode());
        assertEquals(new BigDecimal("-45.04"), p.get(2).realizedPnl());

        assertTrue(AccountEvents.read(json("{\"e\":\"listenKeyExpired\",\"E\":\"1736996475556\",\"listenKey\":\"x\"}"))
                instanceof AccountEvents.ListenKeyExpired);
        assertTrue(AccountEvents.read(json("{\"e\":\"balanceUpdate\",\"E\":1,\"a\":\"BTC\",\"d\":\"1\",\"T\":1}"))
                instanceof AccountEvents.Ignored);
    }

    @Test
    void malformedEventsSayWhatAndWhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AccountEvents.read(json(
                "{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":1,\"o\":{\"s\":\"BTCUSDT\",\"c\":\"x\",\"X\":\"NEW\",\"i\":1,"
                        + "\"x\":\"NEW\",\"z\":\"abc\",\"l\":\"0\"}}")));
        assertEquals("ORDER_TRADE_UPDATE: field 'z' is not a number: 'abc'", e.getMessage());
        IllegalArgumentException absurd = assertThrows(IllegalArgumentException.class, () -> AccountEvents.read(json(
                "{\"e\":\"outboundAccountPosition\",\"E\":1,\"u\":1,\"B\":[{\"a\":\"BTC\",\"f\":\"1e400\",\"l\":\"0\"}]}")));
        assertEquals("outboundAccountPosition: field 'f' has an absurd value 1e400", absurd.getMessage());
        IllegalArgumentException status = assertThrows(IllegalArgumentException.class, () -> OrderCodec.status("WEIRD"));
        assertEquals("unknown Binance order status 'WEIRD'", status.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AccountEvents.read(json("{\"x\":1}")));
    }

    @Test
    void rejectionsCarryBinancesTextAndCode() {
        assertEquals("Binance rejected the order: Account has insufficient balance for requested action. (code -2010)",
                OrderCodec.rejection("the order", json("{\"code\":-2010,\"msg\":\"Account has insufficient balance"
                        + " for requested action.\"}")));
        assertEquals(OrderStatus.CANCELLED, OrderCodec.status("EXPIRED_IN_MATCH"));
        assertEquals("expired in match (self-trade prevention)", OrderCodec.endReason("EXPIRED_IN_MATCH"));
    }

    @Test
    void algoAnswersAndUpdatesMapToTheApi() {
        OrderRequest tp = new OrderRequest("e1-tp1", PERP, Side.SELL, OrderType.TAKE_PROFIT, new BigDecimal("0.002"),
                null, new BigDecimal("105000"), TimeInForce.GTC, EnumSet.of(OrderFlag.REDUCE_ONLY), null, null,
                TriggerSource.LAST, null, "e1", OrderRole.TAKE_PROFIT);
        Order pending = Order.pending(tp, "main", Instant.EPOCH);
        Order open = OrderCodec.applyAlgo(json("{\"algoId\":3000000001,\"clientAlgoId\":\"e1-tp1\",\"algoType\":"
                + "\"CONDITIONAL\",\"orderType\":\"TAKE_PROFIT_MARKET\",\"symbol\":\"BTCUSDT\",\"algoStatus\":\"NEW\","
                + "\"triggerPrice\":\"105000\",\"updateTime\":5}"), pending);
        assertEquals(OrderStatus.OPEN, open.status());
        assertEquals("3000000001", open.id());
        AccountEvents.AlgoUpdate u = (AccountEvents.AlgoUpdate) AccountEvents.read(json("{\"e\":\"ALGO_UPDATE\","
                + "\"T\":7,\"E\":7,\"o\":{\"caid\":\"e1-tp1\",\"aid\":3000000001,\"s\":\"BTCUSDT\",\"X\":\"CANCELED\"}}"));
        Order cancelled = OrderCodec.algo(open, u.algoId(), u.status(), u.average(), u.filled(), u.time());
        assertEquals(OrderStatus.CANCELLED, cancelled.status());
    }

    @Test
    void webSocketApiFramesAreJsonWithTheParametersSorted() {
        Map<String, Object> p = new java.util.TreeMap<>(Map.of("symbol", "BTCUSDT", "quantity", "0.01",
                "timestamp", 1645423376532L, "newClientOrderId", "a\"b"));
        assertEquals("{\"id\":\"7\",\"method\":\"order.place\",\"params\":{\"newClientOrderId\":\"a\\\"b\","
                + "\"quantity\":\"0.01\",\"symbol\":\"BTCUSDT\",\"timestamp\":1645423376532}}",
                WsApiSession.frame("7", "order.place", p));
    }

    @Test
    void listenKeysInAddressesAreRedacted() {
        String key = "pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8";
        assertEquals("wss://fstream.binance.com/private/ws?listenKey=***",
                Redaction.uri(URI.create("wss://fstream.binance.com/private/ws?listenKey=" + key), false));
        assertEquals("wss://stream.binance.com:9443/ws/***",
                Redaction.uri(URI.create("wss://stream.binance.com:9443/ws/" + key), false));
        assertEquals("wss://fstream.binance.com/***?***",
                Redaction.uri(URI.create("wss://fstream.binance.com/private/ws?listenKey=" + key), true));
        assertEquals("{\"listenKey\":\"***\"}", Redaction.frame("{\"listenKey\":\"" + key + "\"}"));
    }

    @Test
    void theTradingConfigurationReadsItsOwnKeys() {
        BinanceTradingConfig d = BinanceTradingConfig.defaults(BinanceMarket.USDM);
        assertEquals(URI.create("wss://ws-fapi.binance.com/ws-fapi/v1"), d.wsApi());
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("ws.api.url", "ws://127.0.0.1:1/ws-api/v3");
        props.put("recv.window.ms", "60000");
        BinanceTradingConfig c = BinanceTradingConfig.from(BinanceMarket.SPOT, props, new java.util.Properties());
        assertEquals(URI.create("ws://127.0.0.1:1/ws-api/v3"), c.wsApi());
        assertEquals(60_000, c.recvWindow().toMillis());
        props.put("recv.window.ms", "60001");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BinanceTradingConfig.from(BinanceMarket.SPOT, props, new java.util.Properties()));
        assertEquals("Binance recv.window.ms must be 1..60000, was 60001", e.getMessage());
        ExitLeg.market(BigDecimal.ONE); // the API's exits are what the gateway turns into legs
    }
}
