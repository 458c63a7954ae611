package org.tradebench.connector.simulated.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradebench.connector.simulated.internal.Fixtures.BTC;
import static org.tradebench.connector.simulated.internal.Fixtures.EPOCH;
import static org.tradebench.connector.simulated.internal.Fixtures.PERP;
import static org.tradebench.connector.simulated.internal.Fixtures.SECOND;
import static org.tradebench.connector.simulated.internal.Fixtures.d;
import static org.tradebench.connector.simulated.internal.Fixtures.ladder;
import static org.tradebench.connector.simulated.internal.Fixtures.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tradebench.api.Capability;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentsChanged;
import org.tradebench.api.market.Liquidation;
import org.tradebench.api.market.LiquidationListener;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.MarkPriceListener;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.AccountSetting;
import org.tradebench.api.trading.SettingResult;

/** Mark price, index, funding and liquidations of the perpetual; instruments and account settings. */
class DerivativesDataTest {

    @Test
    void theMarkPriceStreamGivesTheFairPriceTheSpotIndexAndASyntheticFundingRateOnceASecond() {
        SimulatedVenue venue = Fixtures.synthetic(42, 200);
        venue.advanceTo(2 * SECOND + 500_000_000L);
        List<MarkPrice> marks = new ArrayList<>();
        venue.subscribeMarkPrice(PERP, marks::add);
        assertEquals(1, marks.size(), "the current values first");

        venue.advanceTo(5 * SECOND);
        assertEquals(4, marks.size(), "then one at each second: 3, 4 and 5 s");
        for (MarkPrice m : marks) {
            InstrumentState perp = venue.market(PERP);
            assertEquals(PERP, m.instrument());
            assertEquals(0, m.markPrice().remainder(d("0.1")).signum(), "on the tick: " + m.markPrice());
            assertTrue(m.markPrice().subtract(d("65010")).abs().compareTo(d("650")) < 0, "near 65010: " + m.markPrice());
            assertTrue(m.indexPrice().subtract(d("65000")).abs().compareTo(d("650")) < 0, "the BTC/USD spot mark");
            BigDecimal premium = m.markPrice().subtract(m.indexPrice()).divide(m.indexPrice(), 12, RoundingMode.HALF_EVEN);
            BigDecimal expected = premium.add(d("0.0001").subtract(premium).max(d("-0.0005")).min(d("0.0005")))
                    .max(d("-0.0075")).min(d("0.0075")).setScale(8, RoundingMode.HALF_EVEN).stripTrailingZeros();
            assertEquals(0, expected.compareTo(m.fundingRate()), "premium " + premium + ", funding " + m.fundingRate());
            assertEquals(Instant.parse("2025-01-01T08:00:00Z"), m.nextFunding(), "the next 8-hour boundary");
            assertNull(m.openInterest(), "not published: only the user holds positions");
            assertTrue(perp.profile.isPerpetual());
        }
        MarkPrice last = marks.get(marks.size() - 1);
        assertEquals(EPOCH.plusSeconds(5), last.time());
        assertEquals(venue.mark(venue.market(PERP)), last.markPrice());
        assertEquals(venue.mark(venue.market(BTC)), last.indexPrice());
    }

    @Test
    void aQuietVenueMarksAtTheMidOfItsBook() {
        SimulatedVenue venue = ladder(PERP);
        ladder(venue, BTC);
        List<MarkPrice> marks = new ArrayList<>();
        venue.subscribeMarkPrice(PERP, marks::add);
        assertEquals(d("64999.75"), marks.get(0).markPrice()); // mid of 64999.5 and 65000
        assertEquals(d("64999.75"), marks.get(0).indexPrice(), "the BTC/USD book is the same ladder");
        assertEquals(d("0.0001"), marks.get(0).fundingRate(), "no premium: the interest rate");
    }

    @Test
    void aSpotInstrumentHasNoMarkPriceAndNoLiquidations() {
        SimulatedVenue venue = Fixtures.synthetic(42, 25);
        List<DataHealth> mark = new ArrayList<>();
        venue.subscribeMarkPrice(BTC, new MarkPriceListener() {
            @Override
            public void onMarkPrice(MarkPrice m) {
                throw new AssertionError("no mark price on spot");
            }

            @Override
            public void onHealth(DataHealth h) {
                mark.add(h);
            }
        });
        assertEquals(DataState.FAILED, mark.get(0).state());
        assertEquals("BTC/USD is spot: mark price, index price and funding exist for the perpetual BTC/USD:USD only",
                mark.get(0).cause());

        List<DataHealth> liquidations = new ArrayList<>();
        var sub = venue.subscribeLiquidations(BTC, new LiquidationListener() {
            @Override
            public void onLiquidation(Liquidation l) {
                throw new AssertionError("no liquidation on spot");
            }

            @Override
            public void onHealth(DataHealth h) {
                liquidations.add(h);
            }
        });
        assertEquals(1, liquidations.size(), "one final health, then nothing");
        assertEquals(DataState.FAILED, liquidations.get(0).state());
        assertEquals("BTC/USD is spot: nothing is leveraged, so nothing is liquidated; liquidations happen on the "
                + "perpetual BTC/USD:USD", liquidations.get(0).cause());
        assertFalse(sub.isActive());
        venue.advanceTo(3 * SECOND);
        assertEquals(1, liquidations.size());

        Instrument spot = venue.instrument("BTC/USD");
        Instrument perp = venue.instrument("BTC/USD:USD");
        assertFalse(spot.offers(Capability.LIQUIDATIONS, SimulatedCapabilities.CONNECTOR));
        assertFalse(spot.offers(Capability.MARK_PRICE, SimulatedCapabilities.CONNECTOR));
        assertTrue(perp.offers(Capability.LIQUIDATIONS, SimulatedCapabilities.CONNECTOR));
        assertTrue(perp.offers(Capability.FUNDING, SimulatedCapabilities.CONNECTOR));
    }

    @Test
    void theVenuesForcedCloseOfAPositionIsPublishedAsALiquidation() {
        SimulatedVenue venue = ladder(PERP);
        List<Liquidation> liquidations = new ArrayList<>();
        venue.subscribeLiquidations(PERP, liquidations::add);
        venue.place(market("short", PERP, Side.SELL, "0.1")); // 0.1 @ 64999.5, liquidation at 71174.5

        venue.submitParticipantOrder(PERP, Side.BUY, null, d("10")); // takes every ask
        venue.submitParticipantOrder(PERP, Side.BUY, d("71190"), d("1"));
        assertTrue(liquidations.isEmpty());
        venue.submitParticipantOrder(PERP, Side.SELL, d("71200"), d("1")); // mid 71195: liquidated

        assertEquals(1, liquidations.size());
        Liquidation l = liquidations.get(0);
        assertEquals(PERP, l.instrument());
        assertEquals(Side.BUY, l.side(), "a short is closed by a buy");
        assertEquals(d("71200"), l.price());
        assertEquals(d("0.1"), l.quantity());
    }

    @Test
    void theInstrumentListIsDeliveredOnceWithEveryInstrumentNew() {
        SimulatedVenue venue = Fixtures.quiet();
        List<InstrumentsChanged> changes = new ArrayList<>();
        venue.subscribeInstruments(changes::add);
        venue.advanceTo(3 * SECOND);
        assertEquals(1, changes.size());
        InstrumentsChanged c = changes.get(0);
        assertEquals("simulated", c.exchangeId());
        assertEquals(venue.instruments(), c.instruments());
        assertEquals(c.instruments(), c.added());
        assertTrue(c.removed().isEmpty() && c.changed().isEmpty());
    }

    @Test
    void leverageAndMarginModeAreSetPerPerpetualWhileItIsFlatAndHedgeModeIsRefused() {
        SimulatedVenue venue = ladder(PERP);

        SettingResult five = venue.configure(new AccountSetting.Leverage(PERP, d("5")));
        assertTrue(five.applied(), five.message());
        assertEquals("leverage of BTC/USD:USD set to 5", five.message());
        venue.place(market("open", PERP, Side.BUY, "0.1")); // 0.1 @ 65000
        assertEquals(d("5"), venue.positions().get(0).leverage());
        assertEquals(d("1300"), venue.positions().get(0).margin(), "0.1 × 65000 / 5");
        assertEquals(d("52325"), venue.positions().get(0).liquidationPrice(), "65000 × (1 - 0.2 + 0.005)");

        SettingResult busy = venue.configure(new AccountSetting.Leverage(PERP, d("20")));
        assertFalse(busy.applied());
        assertEquals(TradingEngine.NOT_AMENDABLE, busy.code());
        assertEquals("the leverage of BTC/USD:USD changes only while it has no position and no working orders (their "
                + "margin was computed with 5)", busy.message());
        SettingResult spot = venue.configure(new AccountSetting.Leverage(BTC, d("3")));
        assertEquals("BTC/USD is spot: leverage applies to the perpetual BTC/USD:USD", spot.message());
        assertFalse(venue.configure(new AccountSetting.Leverage(PERP, d("101"))).applied());

        SettingResult cross = venue.configure(new AccountSetting.Margin(PERP,
                org.tradebench.api.account.MarginMode.CROSS));
        assertFalse(cross.applied());
        assertEquals(TradingEngine.NOT_AMENDABLE, cross.code());
        assertEquals("the margin mode of BTC/USD:USD changes only while it has no position and no working orders",
                cross.message());
        assertTrue(venue.configure(new AccountSetting.Margin(PERP, org.tradebench.api.account.MarginMode.ISOLATED))
                .applied(), "isolated is what it is");
        assertFalse(venue.configure(new AccountSetting.HedgeMode(true)).applied());
        assertTrue(venue.configure(new AccountSetting.HedgeMode(false)).applied());
    }

    @Test
    void aCrossMarginedShortIsBackedByTheWholeMarginWallet() {
        SimulatedVenue venue = ladder(PERP);
        SettingResult cross = venue.configure(new AccountSetting.Margin(PERP,
                org.tradebench.api.account.MarginMode.CROSS));
        assertTrue(cross.applied(), cross.message());
        assertEquals("BTC/USD:USD margined cross", cross.message());
        assertFalse(venue.configure(new AccountSetting.Margin(BTC, org.tradebench.api.account.MarginMode.CROSS))
                .applied(), "spot has no margin mode");

        venue.place(market("short", PERP, Side.SELL, "0.1"));
        org.tradebench.api.account.Position p = venue.positions().get(0);
        assertEquals(org.tradebench.api.account.MarginMode.CROSS, p.marginMode());
        BigDecimal wallet = venue.balances().stream().filter(b -> b.wallet().equals(
                org.tradebench.api.account.Balance.MARGIN)).findFirst().orElseThrow().total();
        // wallet + (L - entry) x q = mmr x |q| x L with q = -0.1: L = (entry x 0.1 + wallet) / (0.1 x 1.005)
        BigDecimal expected = p.entryPrice().multiply(d("0.1")).add(wallet).divide(d("0.1005"), 1,
                java.math.RoundingMode.HALF_EVEN);
        assertEquals(0, expected.compareTo(p.liquidationPrice()), p + " wallet " + wallet);

        // a long backed by a 100 000 USD wallet cannot be liquidated by any price: none shown
        venue.place(market("flat", PERP, Side.BUY, "0.1"));
        venue.place(market("long", PERP, Side.BUY, "0.1"));
        org.tradebench.api.account.Position l = venue.positions().get(0);
        assertEquals(org.tradebench.api.account.PositionSide.LONG, l.side());
        assertNull(l.liquidationPrice());
    }
}
