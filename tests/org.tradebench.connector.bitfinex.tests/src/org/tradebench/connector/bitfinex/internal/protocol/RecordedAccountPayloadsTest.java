package org.tradebench.connector.bitfinex.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tradebench.api.account.Balance;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.connector.bitfinex.internal.BitfinexAdapters;
import org.tradebench.connector.bitfinex.internal.rest.RestPayloads;

import com.google.gson.JsonObject;

/**
 * The decoder and the adapters on account payloads published by Bitfinex's own SDKs and tools
 * ({@code recorded_account_payloads.json}, sources in VECTORS.md), next to the invented ones of
 * {@link BitfinexFrameDecoderTest}.
 */
class RecordedAccountPayloadsTest {

    private static final JsonObject PAYLOADS = TestVectors.load("recorded_account_payloads.json");
    private static final InstrumentId BTC = new InstrumentId("bitfinex", "BTC/USD");

    /** Keeps what the decoder delivered. */
    private static final class Captured implements BitfinexSink {
        final List<Object> items = new ArrayList<>();
        final List<BitfinexChange> changes = new ArrayList<>();
        final List<BitfinexTradeEvent> tradeEvents = new ArrayList<>();

        @Override
        public void onOrderSnapshot(List<BitfinexOrder> orders, BitfinexTrailer trailer) {
            items.addAll(orders);
        }

        @Override
        public void onOrder(BitfinexChange change, BitfinexOrder order, BitfinexTrailer trailer) {
            changes.add(change);
            items.add(order);
        }

        @Override
        public void onPositionSnapshot(List<BitfinexPosition> positions, BitfinexTrailer trailer) {
            items.addAll(positions);
        }

        @Override
        public void onPosition(BitfinexChange change, BitfinexPosition position, BitfinexTrailer trailer) {
            changes.add(change);
            items.add(position);
        }

        @Override
        public void onWalletSnapshot(List<BitfinexWallet> wallets, BitfinexTrailer trailer) {
            items.addAll(wallets);
        }

        @Override
        public void onWallet(BitfinexWallet wallet, BitfinexTrailer trailer) {
            items.add(wallet);
        }

        @Override
        public void onOwnTrade(BitfinexTradeEvent event, BitfinexOwnTrade trade, BitfinexTrailer trailer) {
            tradeEvents.add(event);
            items.add(trade);
        }

        @Override
        public void onNotification(BitfinexNotification notification, BitfinexTrailer trailer) {
            items.add(notification);
        }

        @Override
        public void onUnhandled(String description) {
            items.add("unhandled " + description);
        }
    }

    private static Captured frame(String name) {
        Captured sink = new Captured();
        new BitfinexFrameDecoder(sink).decode(PAYLOADS.getAsJsonObject("frames").getAsJsonObject(name).get("text")
                .getAsString());
        assertFalse(sink.items.isEmpty(), name + " decoded to nothing");
        sink.items.forEach(i -> assertFalse(i instanceof String s && s.startsWith("unhandled"), name + ": " + i));
        return sink;
    }

    private static String rest(String name) {
        return PAYLOADS.getAsJsonObject("rest").getAsJsonObject(name).get("text").getAsString();
    }

    private static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }

    private static void same(String expected, BigDecimal actual) {
        assertEquals(0, bd(expected).compareTo(actual), "expected " + expected + ", got " + actual);
    }

    @Test
    void everyPayloadNamesItsPublicSource() {
        for (String part : List.of("frames", "rest")) {
            PAYLOADS.getAsJsonObject(part).entrySet().forEach(e -> assertTrue(e.getValue().getAsJsonObject()
                    .get("source").getAsString().startsWith("https://github.com/bitfinexcom/"), e.getKey()));
        }
    }

    @Test
    void ordersNewUpdatedAndClosedMapToTheApisStates() {
        Captured on = frame("on_active");
        BitfinexOrder active = (BitfinexOrder) on.items.get(0);
        assertEquals(BitfinexChange.NEW, on.changes.get(0));
        assertEquals(1234567, active.id());
        assertEquals(555L, active.clientOrderId());
        assertEquals("tBTCUSD", active.symbol());
        same("12000", active.price());
        assertEquals(OrderStatus.OPEN, BitfinexAdapters.orderStatus(BitfinexChange.NEW, active));
        assertEquals(0, BitfinexAdapters.filled(active).signum());
        assertNull(BitfinexAdapters.averagePrice(active), "PRICE_AVG 0 before a fill");

        BitfinexOrder partial = (BitfinexOrder) frame("on_partially_filled").items.get(0);
        assertEquals(OrderStatus.PARTIALLY_FILLED, BitfinexAdapters.orderStatus(BitfinexChange.NEW, partial));
        same("0.09", BitfinexAdapters.filled(partial));
        same("16673", BitfinexAdapters.averagePrice(partial));

        Captured ou = frame("ou_partially_filled");
        assertEquals(BitfinexChange.UPDATE, ou.changes.get(0));
        BitfinexOrder updated = (BitfinexOrder) ou.items.get(0);
        assertEquals(OrderStatus.PARTIALLY_FILLED, BitfinexAdapters.orderStatus(BitfinexChange.UPDATE, updated));
        same("1.19", BitfinexAdapters.filled(updated));

        Captured oc = frame("oc_executed_after_partial");
        assertEquals(BitfinexChange.CLOSE, oc.changes.get(0));
        BitfinexOrder executed = (BitfinexOrder) oc.items.get(0);
        assertEquals(OrderStatus.FILLED, BitfinexAdapters.orderStatus(BitfinexChange.CLOSE, executed));
        same("1", BitfinexAdapters.filled(executed));
        same("16679.37", BitfinexAdapters.averagePrice(executed));
    }

    @Test
    void aMarketOrderCarriesItsExecutionPrice() {
        // Bitfinex's market order: PRICE and PRICE_AVG both carry the execution price, never 0.
        BitfinexOrder market = (BitfinexOrder) frame("oc_market_executed").items.get(0);
        assertEquals("EXCHANGE MARKET", market.type());
        same("16571", market.price());
        same("16571", BitfinexAdapters.averagePrice(market));
        assertEquals(OrderStatus.FILLED, BitfinexAdapters.orderStatus(BitfinexChange.CLOSE, market));
        same("-1", market.originalAmount());
        // an older, shorter row (26 fields) still decodes: array lengths are never fixed
        BitfinexOrder shortRow = (BitfinexOrder) frame("oc_market_short_row").items.get(0);
        same("916.13496085", BitfinexAdapters.averagePrice(shortRow));
        assertEquals(OrderStatus.FILLED, BitfinexAdapters.orderStatus(BitfinexChange.CLOSE, shortRow));
    }

    @Test
    void ownTradesTeWithoutFeeThenTuWithTheFee() {
        Captured te = frame("te");
        assertEquals(BitfinexTradeEvent.EXECUTED, te.tradeEvents.get(0));
        Fill early = BitfinexAdapters.fill((BitfinexOwnTrade) te.items.get(0), BTC, "c1");
        assertNull(early.fee(), "a te carries no fee");

        Captured tu = frame("tu");
        assertEquals(BitfinexTradeEvent.UPDATED, tu.tradeEvents.get(0));
        Fill f = BitfinexAdapters.fill((BitfinexOwnTrade) tu.items.get(0), BTC, "c1");
        assertEquals("1", f.id());
        assertEquals("1234567", f.orderId());
        assertEquals(Side.BUY, f.side());
        same("915.9", f.price());
        same("0.21679716", f.quantity());
        same("0.39712904", f.fee());
        assertEquals("USD", f.feeCurrency());
        assertFalse(f.maker(), "MAKER -1: taker");
        assertEquals(Instant.ofEpochMilli(1514909325593L), f.time());

        Fill sell = BitfinexAdapters.fill((BitfinexOwnTrade) frame("tu_exchange_market_sell").items.get(0), BTC, "c2");
        assertEquals(Side.SELL, sell.side());
        same("0.15299251", sell.quantity());
    }

    @Test
    void walletsSnapshotAndUpdate() {
        Captured ws = frame("ws");
        assertEquals(7, ws.items.size());
        BitfinexWallet marginUsd = (BitfinexWallet) ws.items.get(4);
        assertEquals("margin", marginUsd.type());
        Balance b = BitfinexAdapters.balance(marginUsd, Instant.EPOCH);
        assertEquals(Balance.MARGIN, b.wallet());
        same("9987.16871968", b.total());
        same("9987.16871968", b.available(), "no BALANCE_AVAILABLE yet: the balance stands in");
        BitfinexWallet wu = (BitfinexWallet) frame("wu").items.get(0);
        same("9998.16773008", wu.available());
    }

    private static void same(String expected, BigDecimal actual, String why) {
        assertEquals(0, bd(expected).compareTo(actual), why + ": " + actual);
    }

    @Test
    void positionsSnapshotAndUpdate() {
        BitfinexPosition ps = (BitfinexPosition) frame("ps").items.get(0);
        assertEquals("tBTCUSD", ps.symbol());
        same("7", ps.amount());
        same("916.52002351", ps.basePrice());
        Captured pu = frame("pu");
        assertEquals(BitfinexChange.UPDATE, pu.changes.get(0));
        BitfinexPosition p = (BitfinexPosition) pu.items.get(0);
        same("-2.76536085", p.profitLoss());
        same("43.7962", p.leverage());
    }

    @Test
    void requestNotificationsSuccessErrorAndOneThatNamesNoOrder() {
        BitfinexNotification ok = (BitfinexNotification) frame("n_on_req_success").items.get(0);
        assertEquals("on-req", ok.type());
        assertFalse(ok.isFailure());
        assertEquals(1234567, ok.order().id());
        assertEquals(555L, ok.order().clientOrderId());

        BitfinexNotification refused = (BitfinexNotification) frame("n_on_req_error").items.get(0);
        assertTrue(refused.isFailure());
        assertEquals("Invalid price.", refused.text());
        assertEquals(0, refused.order().id(), "refused before it existed: no id");
        assertEquals(555L, refused.order().clientOrderId(), "the cid ties the refusal to the request");

        BitfinexNotification anonymous = (BitfinexNotification) frame("n_ou_req_error_without_order").items.get(0);
        assertTrue(anonymous.isFailure());
        assertEquals(0, anonymous.order().id());
        assertNull(anonymous.order().clientOrderId(), "nothing names the request: its timeout answers it");
        assertEquals("", anonymous.order().symbol());
    }

    @Test
    void restRowsOrdersTradesPositionsWalletsAndAnErrorBody() {
        RestPayloads payloads = new RestPayloads();
        List<BitfinexOrder> orders = payloads.orders(rest("orders"));
        assertEquals(1, orders.size());
        assertEquals(555L, orders.get(0).clientOrderId());

        List<BitfinexOwnTrade> trades = RestPayloads.ownTrades(rest("trades"));
        assertEquals(List.of(2L, 1L), trades.stream().map(BitfinexOwnTrade::id).toList(), "newest first as sent");
        same("-1.43514088", trades.get(0).fee());

        List<BitfinexPosition> positions = payloads.positions(rest("positions"));
        assertEquals(142355652L, positions.get(0).positionId());
        same("7045.876419249083", positions.get(0).liquidationPrice());

        List<BitfinexWallet> wallets = payloads.wallets(rest("wallets"));
        assertEquals(2, wallets.size(), "REST wallet rows have 4 fields (no BALANCE_AVAILABLE)");
        assertNull(wallets.get(0).available());
        same("19.76", wallets.get(0).balance());

        assertEquals(rest("order_error_body"), RestPayloads.error(rest("order_error_body")).orElseThrow());
    }
}
