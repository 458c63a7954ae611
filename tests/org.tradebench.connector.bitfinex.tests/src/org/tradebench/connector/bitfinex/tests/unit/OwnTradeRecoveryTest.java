package org.tradebench.connector.bitfinex.tests.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.Fill;
import org.tradebench.connector.bitfinex.internal.BitfinexAdapters;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOwnTrade;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexProtocolException;
import org.tradebench.connector.bitfinex.internal.rest.RestPayloads;
import org.tradebench.connector.bitfinex.internal.trading.OwnTradeRecovery;

/** Own trades fetched after a reconnect: the row shape of {@code /v2/auth/r/trades/hist} and the choices. */
class OwnTradeRecoveryTest {

    private static final Instrument BTC = Instruments.of("tBTCUSD");

    /**
     * Rows of the documented shape {@code [ID,SYMBOL,MTS,ORDER_ID,EXEC_AMOUNT,EXEC_PRICE,ORDER_TYPE,
     * ORDER_PRICE,MAKER,FEE,FEE_CURRENCY,CID]}, newest first as Bitfinex sends them: a taker sell
     * (MAKER -1) without a CID, and a maker buy with a CID and a field more than documented.
     */
    private static final String BODY = "[[402088408,\"tBTCUSD\",1574963975610,34938060783,-0.2,7153.5,"
            + "\"EXCHANGE MARKET\",0,-1,-2.8614,\"USD\",null],"
            + "[402088407,\"tBTCUSD\",1574963975602,34938060782,0.05,7150,\"EXCHANGE LIMIT\",7150,1,-0.0000715,"
            + "\"BTC\",1574963975457,null]]";

    @Test
    void historyRowsDecodeLikeTheSocketsOwnTrades() {
        List<BitfinexOwnTrade> trades = RestPayloads.ownTrades(BODY);
        assertEquals(2, trades.size());
        BitfinexOwnTrade sell = trades.get(0);
        assertEquals(402088408L, sell.id());
        assertEquals("tBTCUSD", sell.symbol());
        assertEquals(1574963975610L, sell.time());
        assertEquals(34938060783L, sell.orderId());
        assertEquals(new BigDecimal("-0.2"), sell.amount());
        assertEquals(new BigDecimal("7153.5"), sell.price());
        assertEquals("EXCHANGE MARKET", sell.orderType());
        assertFalse(sell.maker());
        assertEquals(new BigDecimal("-2.8614"), sell.fee());
        assertEquals("USD", sell.feeCurrency());
        assertNull(sell.clientOrderId());
        BitfinexOwnTrade buy = trades.get(1);
        assertTrue(buy.maker());
        assertEquals(1574963975457L, buy.clientOrderId());
        assertEquals(List.of(), RestPayloads.ownTrades("[]"));
    }

    @Test
    void historyRowsBecomeFillsWithThePositiveChargedFee() {
        List<BitfinexOwnTrade> trades = RestPayloads.ownTrades(BODY);
        Fill sell = BitfinexAdapters.fill(trades.get(0), BTC.id(), "c-1");
        assertEquals(Side.SELL, sell.side());
        assertEquals("402088408", sell.id());
        assertEquals("34938060783", sell.orderId());
        assertEquals(0, sell.quantity().compareTo(new BigDecimal("0.2")));
        assertEquals(0, sell.price().compareTo(new BigDecimal("7153.5")));
        assertEquals(0, sell.fee().compareTo(new BigDecimal("2.8614")));
        assertEquals("USD", sell.feeCurrency());
        assertFalse(sell.maker());
        assertEquals(1574963975610L, sell.time().toEpochMilli());
        Fill buy = BitfinexAdapters.fill(trades.get(1), BTC.id(), "c-2");
        assertEquals(Side.BUY, buy.side());
        assertEquals("BTC", buy.feeCurrency());
        assertTrue(buy.maker());
    }

    @Test
    void malformedHistoryIsAProtocolError() {
        assertThrows(BitfinexProtocolException.class, () -> RestPayloads.ownTrades("{\"error\":1}"));
        assertThrows(BitfinexProtocolException.class, () -> RestPayloads.ownTrades("[[1,\"tBTCUSD\",2]]"));
        assertThrows(BitfinexProtocolException.class, () -> RestPayloads.ownTrades("[1]"));
    }

    @Test
    void onlyTradesNotEmittedBeforeOnceOldestFirst() {
        List<BitfinexOwnTrade> fetched = List.of(trade(5, 300), trade(4, 200), trade(3, 200), trade(4, 200),
                trade(2, 100));
        Set<Long> emitted = Set.of(2L);
        List<BitfinexOwnTrade> missing = OwnTradeRecovery.missing(fetched, emitted::contains);
        assertEquals(List.of(3L, 4L, 5L), missing.stream().map(BitfinexOwnTrade::id).toList());
        assertEquals(List.of(), OwnTradeRecovery.missing(List.of(trade(2, 100)), emitted::contains));
    }

    @Test
    void windowStartsAtTheLastOwnTradeElseTheLossMinusTheMargin() {
        Duration m = Duration.ofSeconds(10);
        assertEquals(90_000, OwnTradeRecovery.since(100_000, 150_000, 160_000, m), "last own trade first");
        assertEquals(140_000, OwnTradeRecovery.since(0, 150_000, 160_000, m), "then Bitfinex's time of the loss");
        assertEquals(150_000, OwnTradeRecovery.since(0, 0, 160_000, m), "then the local time of the loss");
        assertEquals(0, OwnTradeRecovery.since(0, 0, 5_000, m));
        assertEquals("{\"start\":90000,\"limit\":2500,\"sort\":1}", OwnTradeRecovery.requestBody(90_000, OwnTradeRecovery.LIMIT));
        assertEquals("auth/r/trades/hist", OwnTradeRecovery.PATH);
    }

    @Test
    void recentIdsAreBounded() {
        OwnTradeRecovery.RecentIds ids = new OwnTradeRecovery.RecentIds(3);
        assertTrue(ids.add(1));
        assertFalse(ids.add(1));
        ids.add(2);
        ids.add(3);
        ids.add(4);
        assertEquals(3, ids.size());
        assertFalse(ids.contains(1), "the oldest is forgotten");
        assertTrue(ids.contains(2) && ids.contains(4));
        assertThrows(IllegalArgumentException.class, () -> new OwnTradeRecovery.RecentIds(0));
    }

    private static BitfinexOwnTrade trade(long id, long mts) {
        return new BitfinexOwnTrade(id, "tBTCUSD", mts, 7, BigDecimal.ONE, BigDecimal.TEN, "EXCHANGE LIMIT",
                BigDecimal.TEN, true, new BigDecimal("-0.01"), "USD", null);
    }
}
