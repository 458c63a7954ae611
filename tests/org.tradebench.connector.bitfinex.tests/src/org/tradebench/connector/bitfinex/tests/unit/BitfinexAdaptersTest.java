package org.tradebench.connector.bitfinex.tests.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.OrderFlag;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.TimeInForce;
import org.tradebench.connector.bitfinex.internal.BitfinexConfig;
import org.tradebench.connector.bitfinex.internal.BitfinexAdapters;
import org.tradebench.connector.bitfinex.internal.market.BitfinexMarketData;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChange;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOrder;
import org.tradebench.connector.bitfinex.internal.rest.RestPayloads;

/** The pure mappings, against payloads as Bitfinex sends them. */
class BitfinexAdaptersTest {

    private static final Instrument BTC = Instruments.of("tBTCUSD");
    private static final Instrument PERP = Instruments.of("tBTCF0:USTF0");
    private final RestPayloads payloads = new RestPayloads();

    // A partially filled order as Bitfinex's docs show the 32-field array (trimmed trailing nulls kept).
    private static final String ORDER = "[[1185815100,null,1612345678901,\"tBTCUSD\",1737972900000,1737972930000,"
            + "0.4,0.5,\"EXCHANGE LIMIT\",null,null,null,4096,\"PARTIALLY FILLED @ 103950.5(0.1)\",null,null,"
            + "103950,103950.5,0,0,null,null,null,0,0,null,null,null,\"API>BFX\",null,null,null]]";

    private BitfinexOrder order(String status, String amount) {
        return payloads.orders(ORDER.replace("PARTIALLY FILLED @ 103950.5(0.1)", status).replace(",0.4,0.5,",
                "," + amount + ",0.5,")).get(0);
    }

    @Test
    void orderStatusesMapToTheStateMachine() {
        assertEquals(OrderStatus.OPEN, BitfinexAdapters.orderStatus(BitfinexChange.NEW, order("ACTIVE", "0.5")));
        assertEquals(OrderStatus.PARTIALLY_FILLED,
                BitfinexAdapters.orderStatus(BitfinexChange.UPDATE, order("PARTIALLY FILLED @ 103950.5(0.1)", "0.4")));
        assertEquals(OrderStatus.FILLED,
                BitfinexAdapters.orderStatus(BitfinexChange.CLOSE, order("EXECUTED @ 103950.5(0.5)", "0")));
        assertEquals(OrderStatus.CANCELLED, BitfinexAdapters.orderStatus(BitfinexChange.CLOSE, order("CANCELED", "0.5")));
        assertEquals(OrderStatus.CANCELLED, BitfinexAdapters.orderStatus(BitfinexChange.CLOSE,
                order("CANCELED was: PARTIALLY FILLED @ 103950.5(0.1)", "0.4")));
        // Refused before it ever worked: the state machine's REJECTED, with Bitfinex's reason.
        assertEquals(OrderStatus.REJECTED,
                BitfinexAdapters.orderStatus(BitfinexChange.CLOSE, order("POSTONLY CANCELED", "0.5")));
        assertEquals("", BitfinexAdapters.closeReason("CANCELED"));
        assertEquals(0, BitfinexAdapters.filled(order("PARTIALLY FILLED @ 103950.5(0.1)", "0.4"))
                .compareTo(new BigDecimal("0.1")));
        assertTrue(BitfinexAdapters.closeReason("POSTONLY CANCELED").contains("post-only"));
        assertEquals("", BitfinexAdapters.closeReason("EXECUTED @ 1(1)"));
    }

    @Test
    void ordersPlacedElsewhereBecomeRequests() {
        OrderRequest r = BitfinexAdapters.requestOf(order("ACTIVE", "0.5"), BTC.id(), "bfx-1185815100");
        assertEquals(OrderType.LIMIT, r.type());
        assertEquals(Side.BUY, r.side());
        assertEquals(0, r.quantity().compareTo(new BigDecimal("0.5")));
        assertEquals(0, r.price().compareTo(new BigDecimal("103950")));
        assertEquals(Set.of(OrderFlag.POST_ONLY), r.flags());
    }

    @Test
    void requestsBecomeBitfinexOrderInputs() {
        OrderRequest limit = OrderRequest.limit("c-1", BTC.id(), Side.SELL, new BigDecimal("0.25"),
                new BigDecimal("104000")).withFlags(Set.of(OrderFlag.POST_ONLY, OrderFlag.HIDDEN));
        assertEquals("{\"cid\":7,\"type\":\"EXCHANGE LIMIT\",\"symbol\":\"tBTCUSD\",\"amount\":\"-0.25\","
                + "\"price\":\"104000\",\"flags\":4160}", BitfinexAdapters.newOrderPayload(limit, BTC, 7, 0, null));
        OrderRequest stopLimit = OrderRequest.of("c-2", PERP.id(), Side.BUY, OrderType.STOP_LIMIT, BigDecimal.ONE,
                new BigDecimal("105100"), new BigDecimal("105000"), TimeInForce.GTC).withFlags(Set.of(OrderFlag.REDUCE_ONLY));
        assertEquals("{\"cid\":8,\"type\":\"STOP LIMIT\",\"symbol\":\"tBTCF0:USTF0\",\"amount\":\"1\","
                + "\"price\":\"105000\",\"price_aux_limit\":\"105100\",\"flags\":1024}",
                BitfinexAdapters.newOrderPayload(stopLimit, PERP, 8, 0, null));
        OrderRequest ioc = OrderRequest.limit("c-3", BTC.id(), Side.BUY, BigDecimal.ONE, BigDecimal.TEN)
                .withTimeInForce(TimeInForce.IOC);
        assertEquals("EXCHANGE IOC", BitfinexAdapters.orderType(ioc, BTC.kind()));
        assertEquals("EXCHANGE MARKET", BitfinexAdapters.orderType(OrderRequest.market("c-4", BTC.id(), Side.BUY,
                BigDecimal.ONE), BTC.kind()));
        assertTrue(BitfinexAdapters.unsupported(OrderRequest.of("c-5", BTC.id(), Side.SELL, OrderType.TAKE_PROFIT,
                BigDecimal.ONE, null, BigDecimal.TEN, TimeInForce.GTC)).isPresent());
        assertEquals("[0,\"oc\",null,{\"id\":1}]", BitfinexAdapters.input("oc", "{\"id\":1}"));
    }

    @Test
    void exitLegsOnDerivativesAreReduceOnlySpotExitsAndEntriesAreNot() {
        OrderRequest perpExit = OrderRequest.limit("e-1-tp", PERP.id(), Side.SELL, BigDecimal.ONE,
                new BigDecimal("110000")).asExitOf(org.tradebench.api.trading.OrderRole.TAKE_PROFIT, "e-1");
        assertEquals(BitfinexAdapters.FLAG_REDUCE_ONLY, BitfinexAdapters.exitFlags(perpExit, PERP));
        assertEquals("{\"cid\":9,\"type\":\"LIMIT\",\"symbol\":\"tBTCF0:USTF0\",\"amount\":\"-1\","
                + "\"price\":\"110000\",\"flags\":1024}", BitfinexAdapters.newOrderPayload(perpExit, PERP, 9,
                        BitfinexAdapters.exitFlags(perpExit, PERP), null));
        OrderRequest spotExit = OrderRequest.limit("e-2-tp", BTC.id(), Side.SELL, BigDecimal.ONE,
                new BigDecimal("110000")).asExitOf(org.tradebench.api.trading.OrderRole.STOP_LOSS, "e-2");
        assertEquals(0, BitfinexAdapters.exitFlags(spotExit, BTC), "spot has no reduce-only");
        assertEquals(0, BitfinexAdapters.exitFlags(OrderRequest.limit("e-3", PERP.id(), Side.BUY, BigDecimal.ONE,
                new BigDecimal("100000")), PERP), "an entry is not reduce-only");
    }

    @Test
    void walletsPositionsAndOwnTradesMap() {
        Balance usd = BitfinexAdapters.balance(payloads.wallets("[[\"exchange\",\"UST\",1000.5,0,900,null,null]]").get(0),
                Instant.EPOCH);
        assertEquals("USDT", usd.currency());
        assertEquals(Balance.EXCHANGE, usd.wallet());
        assertEquals(0, usd.reserved().compareTo(new BigDecimal("100.5")));
        Balance margin = BitfinexAdapters.balance(payloads.wallets("[[\"margin\",\"USD\",5,0,null,null,null]]").get(0),
                Instant.EPOCH);
        assertEquals("USD", margin.currency());
        assertEquals(Balance.MARGIN, margin.wallet());
        Position p = BitfinexAdapters.position(payloads.positions("[[\"tBTCF0:USTF0\",\"ACTIVE\",-0.5,104000,0,0,"
                + "-12.5,-0.02,120000,10,null,140000001,1737972900000,1737972930000,null,0,null,0,0,null]]").get(0),
                PERP.id(), Instant.EPOCH);
        assertEquals(PositionSide.SHORT, p.side());
        assertEquals(0, p.quantity().compareTo(new BigDecimal("0.5")));
        assertEquals(0, p.leverage().compareTo(BigDecimal.TEN));
        assertEquals(0, p.liquidationPrice().compareTo(new BigDecimal("120000")));
    }

    @Test
    void ownTradeFeesArePositiveWhenCharged() {
        var trade = new org.tradebench.connector.bitfinex.internal.protocol.BitfinexOwnTrade(400000001, "tBTCUSD",
                1737972930000L, 1185815100, new BigDecimal("-0.1"), new BigDecimal("103950"), "EXCHANGE LIMIT",
                new BigDecimal("103950"), true, new BigDecimal("-0.2079"), "USD", 1612345678901L);
        Fill f = BitfinexAdapters.fill(trade, BTC.id(), "c-1");
        assertEquals(Side.SELL, f.side());
        assertEquals(0, f.fee().compareTo(new BigDecimal("0.2079")));
        assertTrue(f.maker());
    }

    @Test
    void candlesAndIntervals() {
        List<CandleInterval> intervals = BitfinexAdapters.candleIntervals();
        assertEquals(12, intervals.size());
        assertEquals("1m", BitfinexAdapters.timeframe(CandleInterval.M1).orElseThrow());
        assertEquals("14D", BitfinexAdapters.timeframe(new CandleInterval(Duration.ofDays(14))).orElseThrow());
        // CLOSE comes before HIGH on the wire.
        Candle c = BitfinexAdapters.candle(BTC.id(), CandleInterval.M1,
                payloads.candles("trade:1m:tBTCUSD", "[[1737972900000,103900,103950.5,104000,103880,12.75]]").get(0),
                Instant.ofEpochMilli(1737972960000L)).orElseThrow();
        assertEquals(0, c.close().compareTo(new BigDecimal("103950.5")));
        assertEquals(0, c.high().compareTo(new BigDecimal("104000")));
        assertTrue(c.closed());
    }

    @Test
    void bookDepthRoundsUpToABitfinexLength() {
        assertEquals(1, BitfinexMarketData.length(1));
        assertEquals(25, BitfinexMarketData.length(2));
        assertEquals(100, BitfinexMarketData.length(26));
        assertEquals(250, BitfinexMarketData.length(101));
        assertEquals(250, BitfinexMarketData.length(5000));
    }

    @Test
    void configurationComesFromComponentPropertiesAndToolSettings() {
        java.util.Properties system = new java.util.Properties();
        system.setProperty("tradebench.bitfinex.ws.public", "ws://127.0.0.1:1/ws/2");
        system.setProperty("tradebench.bitfinex.heartbeat.ms", "500");
        BitfinexConfig c = BitfinexConfig.from(java.util.Map.of("rest.public", "http://127.0.0.1:1/v2", "dms", "true"),
                system);
        assertEquals("ws://127.0.0.1:1/ws/2", c.wsPublic().toString());
        assertEquals("http://127.0.0.1:1/v2/", c.restPublic().toString());
        assertEquals("wss://api.bitfinex.com/ws/2", c.wsAuth().toString());
        assertEquals(Duration.ofMillis(5500), c.staleAfter());
        assertTrue(c.deadManSwitch());
        BitfinexConfig tool = BitfinexConfig.fromSettings(java.util.Map.of("ws.url", "ws://127.0.0.1:2/ws/2",
                "rest.url", "http://127.0.0.1:2/v2"));
        assertEquals("ws://127.0.0.1:2/ws/2", tool.wsPublic().toString());
        assertEquals("http://127.0.0.1:2/v2/", tool.restPublic().toString());
        assertTrue(tool.loopback());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> BitfinexConfig.fromSettings(java.util.Map.of("ws.ulr", "ws://127.0.0.1:2/ws/2")));
        assertTrue(unknown.getMessage().contains("ws.ulr"), unknown.getMessage());
    }
}
