package org.tradebench.ui.orderentry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tradebench.api.Capability;
import org.tradebench.api.account.Balance;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.instrument.InstrumentSpec;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.OrderFlag;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.TimeInForce;
import org.tradebench.ui.orderentry.internal.OrderTicket.Evaluation;
import org.tradebench.ui.orderentry.internal.OrderTicket.ExitMode;
import org.tradebench.ui.orderentry.internal.OrderTicket.Input;
import org.tradebench.ui.orderentry.internal.OrderTicket.Market;
import org.tradebench.ui.orderentry.internal.OrderTicket.QuantityMode;
import org.tradebench.ui.orderentry.internal.OrderTicket.WarningKind;

/** The form's arithmetic and checks, without SWT. */
class OrderTicketTest {

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static final Instrument SPOT = new Instrument(new InstrumentId("x", "BTC/USD"), InstrumentKind.SPOT,
            new InstrumentSpec(d("0.5"), d("0.001"), d("5")), "BTCUSD");
    private static final Instrument PERP = new Instrument(new InstrumentId("x", "BTC/USDT:USDT"),
            InstrumentKind.PERPETUAL, new InstrumentSpec(d("0.1"), d("0.001"), d("5")), "BTCUSDT");
    private static final Set<Capability> CAPS = Set.of(Capability.ORDER_LIMIT, Capability.ORDER_MARKET);

    private static Market spot(List<Balance> balances) {
        // bid 100000 / ask 100010: 1.0 bps ... 10 / 100005 = 0.99996 bps
        return new Market(SPOT, List.of(d("100000"), d("99990"), d("99980")), List.of(d("0.5"), d("1"), d("2")),
                List.of(d("100010"), d("100020"), d("100030"), d("100040"), d("100050")),
                List.of(d("0.1"), d("0.1"), d("0.1"), d("0.1"), d("5")), true, CAPS, balances, Optional.empty());
    }

    private static Balance usd(String available) {
        return new Balance("x", "main", Balance.EXCHANGE, "USD", d(available), d(available), null, Instant.EPOCH);
    }

    private static Balance btc(String available) {
        return new Balance("x", "main", Balance.EXCHANGE, "BTC", d(available), d(available), null, Instant.EPOCH);
    }

    private static Input in(Side side, OrderType type, String qty, String price) {
        return new Input(side, type, qty, QuantityMode.UNITS, price, "", "", "", ExitMode.PRICE, false, false,
                TimeInForce.GTC, null);
    }

    private static Evaluation eval(Input in, Market m) {
        return OrderTicket.evaluate(in, m, OrderTicket.Settings.DEFAULTS, "t1");
    }

    @Test
    void aRestingLimitBuyCostsPriceTimesQuantityWithTheMakerFee() {
        Evaluation e = eval(in(Side.BUY, OrderType.LIMIT, "0.25", "99500"), spot(List.of(usd("100000"))));
        assertEquals(List.of(), e.errors());
        assertNotNull(e.request());
        assertEquals(0, d("24875").compareTo(e.cost()));
        assertEquals(0, d("4.975").compareTo(e.fee()), "0.02 % maker of 24875");
        assertFalse(e.takes());
        assertEquals(0, e.levelsWalked());
        assertEquals(0, d("10").compareTo(e.spread()));
        assertEquals(0, d("1.00").compareTo(e.spreadBps()), "10 / 100005 in bps, 2 places: " + e.spreadBps());
        assertTrue(e.warnings().isEmpty(), e.warnings().toString());
        assertNull(e.liquidation(), "spot has no liquidation");
    }

    @Test
    void aMarketBuyWalksTheAsksAndWarnsWhenItTakesMoreThanThreeLevels() {
        Evaluation e = eval(in(Side.BUY, OrderType.MARKET, "0.45", ""), spot(List.of(usd("100000"))));
        assertEquals(List.of(), e.errors());
        assertTrue(e.takes());
        assertEquals(5, e.levelsWalked());
        // 0.1 × (100010 + 100020 + 100030 + 100040) + 0.05 × 100050 = 45012.5; average 100027.78
        assertEquals(0, d("45012.5").compareTo(e.cost().setScale(1, java.math.RoundingMode.HALF_UP)), e.cost().toString());
        assertEquals(0, d("45.0125").compareTo(e.fee().setScale(4, java.math.RoundingMode.HALF_UP)), "0.1 % taker");
        assertTrue(e.warns(WarningKind.THIN_BOOK), e.warnings().toString());
        assertTrue(e.warnings().get(0).text().equals("thin book: the order would take 5 levels, average 100028 (0.02 % from the best price)"),
                e.warnings().toString());
    }

    @Test
    void aMarketOrderLargerThanTheBookShownSaysSo() {
        Evaluation e = eval(in(Side.SELL, OrderType.MARKET, "10", ""), spot(List.of(btc("20"))));
        assertTrue(e.warnings().stream().anyMatch(w -> w.text().equals(
                "thin book: the 3 levels shown hold 3.5 of the 10; the rest would fill further away")), e.warnings().toString());
    }

    @Test
    void offTheTickOffTheLotAndBelowTheMinimumAreErrorsThatSayWhat() {
        Evaluation tick = eval(in(Side.BUY, OrderType.LIMIT, "0.01", "99500.3"), spot(List.of()));
        assertEquals(List.of("the price 99500.3 is not on the tick (next valid: 99500 or 99500.5)"), tick.errors());
        assertNull(tick.request());
        assertEquals(List.of("the quantity 0.0105 is not a multiple of the lot 0.001"),
                eval(in(Side.BUY, OrderType.LIMIT, "0.0105", "99500"), spot(List.of())).errors());
        assertEquals(List.of("the quantity 0.0001 is below the minimum 0.001"),
                eval(in(Side.BUY, OrderType.LIMIT, "0.0001", "99500"), spot(List.of())).errors());
        assertEquals(List.of("the quantity 'abc' is not a number"),
                eval(in(Side.BUY, OrderType.LIMIT, "abc", "99500"), spot(List.of())).errors());
        assertEquals(List.of("the order's value 4.98 is below the minimum 5"),
                eval(in(Side.BUY, OrderType.LIMIT, "0.001", "4975"), spot(List.of())).errors());
    }

    @Test
    void insufficientBalanceWarnsForBothSides() {
        Evaluation buy = eval(in(Side.BUY, OrderType.LIMIT, "1", "99500"), spot(List.of(usd("50000"))));
        assertTrue(buy.warns(WarningKind.INSUFFICIENT_BALANCE));
        assertEquals("insufficient balance: needs 99519.90 USD, 50000.00 available",
                buy.warnings().get(0).text());
        Evaluation sell = eval(in(Side.SELL, OrderType.LIMIT, "2", "100500"), spot(List.of(btc("1.5"))));
        assertEquals("insufficient balance: sells 2 BTC, 1.5 available", sell.warnings().get(0).text());
        assertNotNull(sell.request(), "a warning does not block");
    }

    @Test
    void percentOfAvailableIsRoundedDownToTheLot() {
        Input half = new Input(Side.BUY, OrderType.LIMIT, "50", QuantityMode.PERCENT_OF_AVAILABLE, "99500", "", "", "",
                ExitMode.PRICE, false, false, TimeInForce.GTC, null);
        Evaluation e = eval(half, spot(List.of(usd("10000"))));
        assertEquals(0, d("0.05").compareTo(e.quantity()), "5000 / 99500 = 0.05025… → 0.050");
        Input sellAll = new Input(Side.SELL, OrderType.MARKET, "100", QuantityMode.PERCENT_OF_AVAILABLE, "", "", "", "",
                ExitMode.PRICE, false, false, TimeInForce.GTC, null);
        assertEquals(0, d("0.1234").setScale(3, java.math.RoundingMode.DOWN)
                .compareTo(eval(sellAll, spot(List.of(btc("0.1234")))).quantity()));
    }

    @Test
    void exitsInPercentBecomePricesOnTheTickAndTheWrongSideIsAnError() {
        Input pct = new Input(Side.BUY, OrderType.LIMIT, "0.1", QuantityMode.UNITS, "100000", "", "2", "1",
                ExitMode.PERCENT, false, false, TimeInForce.GTC, null);
        Evaluation e = eval(pct, spot(List.of(usd("100000"))));
        assertEquals(List.of(), e.errors());
        assertEquals(0, d("102000").compareTo(e.request().takeProfit().triggerPrice()));
        assertEquals(0, d("99000").compareTo(e.request().stopLoss().triggerPrice()));
        Input wrong = new Input(Side.SELL, OrderType.LIMIT, "0.1", QuantityMode.UNITS, "100000", "", "101000", "",
                ExitMode.PRICE, false, false, TimeInForce.GTC, null);
        assertEquals(List.of("the take-profit 101000 must be below the entry 100000"),
                eval(wrong, spot(List.of(btc("1")))).errors());
    }

    @Test
    void postOnlyThatWouldTakeIsRefusedAndFlagsReachTheRequest() {
        Input cross = new Input(Side.BUY, OrderType.LIMIT, "0.1", QuantityMode.UNITS, "100020", "", "", "",
                ExitMode.PRICE, true, false, TimeInForce.GTC, null);
        assertEquals(List.of("a post-only order at 100020 would take liquidity at once"),
                eval(cross, spot(List.of(usd("1000000")))).errors());
        Input rest = new Input(Side.BUY, OrderType.LIMIT, "0.1", QuantityMode.UNITS, "99000", "", "", "",
                ExitMode.PRICE, true, false, TimeInForce.GTC, null);
        Evaluation e = eval(rest, spot(List.of(usd("1000000"))));
        assertTrue(e.request().flags().contains(OrderFlag.POST_ONLY));
        Input ioc = new Input(Side.BUY, OrderType.LIMIT, "0.1", QuantityMode.UNITS, "99000", "", "", "",
                ExitMode.PRICE, true, false, TimeInForce.IOC, null);
        Evaluation refused = eval(ioc, spot(List.of(usd("1000000"))));
        assertEquals(List.of("post-only needs a GTC limit order"), refused.errors(), "the API's rule, said");
        assertNull(refused.request());
        Input iocPlain = new Input(Side.BUY, OrderType.LIMIT, "0.1", QuantityMode.UNITS, "99000", "", "", "",
                ExitMode.PRICE, false, false, TimeInForce.IOC, null);
        assertEquals(TimeInForce.IOC, eval(iocPlain, spot(List.of(usd("1000000")))).request().timeInForce());
    }

    @Test
    void aWideSpreadAndABookThatIsNotLiveAreSaid() {
        Market wide = new Market(SPOT, List.of(d("99000")), List.of(d("1")), List.of(d("101000")), List.of(d("1")), true,
                CAPS, List.of(), Optional.empty());
        Evaluation e = eval(in(Side.BUY, OrderType.LIMIT, "0.1", "99000"), wide);
        assertEquals("wide spread: 2000 (200 bps > 20 bps)", e.warnings().get(0).text());
        Market dead = new Market(SPOT, List.of(d("99000")), List.of(d("1")), List.of(d("101000")), List.of(d("1")),
                false, CAPS, List.of(), Optional.empty());
        Evaluation m = eval(in(Side.BUY, OrderType.MARKET, "0.1", ""), dead);
        assertTrue(m.errors().contains("no live price: a market order needs a live book to be checked against"),
                m.errors().toString());
        assertNull(m.request());
    }

    @Test
    void perpetualMarginAndLiquidationEstimates() {
        Market m = new Market(PERP, List.of(d("100000")), List.of(d("5")), List.of(d("100000.1")), List.of(d("5")), true,
                CAPS, List.of(new Balance("x", "main", Balance.MARGIN, "USDT", d("1000"), d("1000"), null,
                        Instant.EPOCH)), Optional.empty());
        Input tenX = new Input(Side.BUY, OrderType.LIMIT, "0.1", QuantityMode.UNITS, "100000", "", "", "",
                ExitMode.PRICE, false, false, TimeInForce.GTC, d("10"));
        Evaluation e = eval(tenX, m);
        // long liquidation ≈ entry × (1 − 1/10 + 0.005) = 90500
        assertEquals(0, d("90500").compareTo(e.liquidation()), e.liquidation().toString());
        // margin 10000 / 10 + fee 2 > 1000 available
        assertEquals("insufficient margin: needs 1002.00 USDT at 10x, 1000.00 available", e.warnings().get(0).text());
        Input hundredX = new Input(Side.SELL, OrderType.LIMIT, "0.001", QuantityMode.UNITS, "100000", "", "", "",
                ExitMode.PRICE, false, false, TimeInForce.GTC, d("100"));
        Evaluation h = eval(hundredX, m);
        // short liquidation ≈ 100000 × (1 + 0.01 − 0.005) = 100500, 0.5 % away
        assertEquals(0, d("100500").compareTo(h.liquidation()));
        assertTrue(h.warns(WarningKind.LIQUIDATION), h.warnings().toString());
        assertEquals("liquidation close: about 100500, 0.5 % from the price",
                h.warnings().stream().filter(w -> w.kind() == WarningKind.LIQUIDATION).findFirst().orElseThrow().text());
    }
}
