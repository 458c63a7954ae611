package org.tradebench.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradebench.api.tests.TestValues.BTC;
import static org.tradebench.api.tests.TestValues.PERP;
import static org.tradebench.api.tests.TestValues.d;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tradebench.api.Capability;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.instrument.InstrumentSpec;
import org.tradebench.api.instrument.InstrumentsChanged;
import org.tradebench.api.instrument.PricePrecision.SignificantDigits;
import org.tradebench.api.instrument.PricePrecision.TickSize;

class InstrumentTest {

    /** Bitfinex BTC/USDT perpetual: 5 significant digits, 8 decimals, 0.00004 to 2000 BTC. */
    private static final InstrumentSpec BITFINEX = new InstrumentSpec(new SignificantDigits(5, 8), d("0.00000001"),
            d("0.00004"), d("2000"), BigDecimal.ZERO, BigDecimal.ONE);

    @Test
    void shortSpecUsesTheLotAsMinimumAndHasNoMaximum() {
        InstrumentSpec spec = new InstrumentSpec(d("0.10"), d("0.0001"), d("10"));
        assertEquals(new TickSize(d("0.1")), spec.pricePrecision());
        assertEquals(d("0.0001"), spec.lotSize());
        assertEquals(d("0.0001"), spec.minQuantity());
        assertNull(spec.maxQuantity());
        assertEquals(d("10"), spec.minNotional());
        assertEquals(BigDecimal.ONE, spec.contractSize());
        assertEquals(d("0.1"), spec.tickSize());
        assertEquals(1, spec.priceScale());
        assertEquals(4, spec.sizeScale());
    }

    @Test
    void specRoundsAndValidatesOnTheTickAndLot() {
        InstrumentSpec spec = new InstrumentSpec(d("0.1"), d("0.0001"), d("10"));
        assertFalse(spec.isValidPrice(d("100.25")));
        assertTrue(spec.isValidPrice(d("100.2")));
        assertEquals(d("100.3"), spec.roundPrice(d("100.25"), RoundingMode.HALF_UP));
        assertEquals(d("100.2"), spec.roundPrice(d("100.25"), RoundingMode.DOWN));
        assertTrue(spec.isOnLot(d("0.1234")));
        assertFalse(spec.isOnLot(d("0.12345")));
        assertEquals(d("0.1234"), spec.roundQuantity(d("0.12349"), RoundingMode.DOWN));
        assertEquals(d("0.1235"), spec.roundQuantity(d("0.12345"), RoundingMode.HALF_UP));
        assertEquals(d("5"), new InstrumentSpec(d("5"), d("1"), d("0")).roundPrice(d("7.4"), RoundingMode.HALF_UP));
        assertEquals(d("2"), new InstrumentSpec(d("1"), d("0.5"), d("0")).roundQuantity(d("2.20"), RoundingMode.DOWN));
    }

    @Test
    void significantDigitsSpecHasAPriceStepThatDependsOnThePrice() {
        assertEquals(d("1"), BITFINEX.priceStep(d("65000")));
        assertEquals(d("10"), BITFINEX.priceStep(d("104000")));
        assertEquals(d("0.00000001"), BITFINEX.priceStep(d("0.00012345")));
        assertEquals(d("0.00000001"), BITFINEX.tickSize(), "the smallest step of any price");
        assertEquals(8, BITFINEX.priceScale());
        assertEquals(8, BITFINEX.sizeScale());
        assertEquals(d("104250"), BITFINEX.roundPrice(d("104257"), RoundingMode.DOWN));
        assertFalse(BITFINEX.isValidPrice(d("65000.5")));
        assertEquals(d("0.00004"), BITFINEX.minQuantity());
        assertEquals(d("2000"), BITFINEX.maxQuantity());
    }

    @Test
    void specKeepsContractSizeAndQuantityLimits() {
        InstrumentSpec contracts = new InstrumentSpec(new TickSize(d("0.5")), d("1"), d("1"), d("1000000"),
                BigDecimal.ZERO, d("0.0010"));
        assertEquals(d("0.001"), contracts.contractSize(), "one contract is 0.001 BTC, normalised");
        assertEquals(d("1000000"), contracts.maxQuantity());
        assertEquals(0, contracts.sizeScale());
        assertEquals(d("0.5"), contracts.priceStep(d("65000")));
        InstrumentSpec equalLimits = new InstrumentSpec(new TickSize(d("1")), d("1"), d("5"), d("5"), BigDecimal.ZERO,
                BigDecimal.ONE);
        assertEquals(equalLimits.minQuantity(), equalLimits.maxQuantity());
    }

    @Test
    void specRefusesInconsistentLimitsNamingTheField() {
        TickSize tick = new TickSize(d("0.1"));
        assertEquals("maxQuantity 1 is below minQuantity 2", assertThrows(IllegalArgumentException.class,
                () -> new InstrumentSpec(tick, d("1"), d("2"), d("1"), BigDecimal.ZERO, BigDecimal.ONE)).getMessage());
        assertEquals("contractSize must be > 0, was 0", assertThrows(IllegalArgumentException.class,
                () -> new InstrumentSpec(tick, d("1"), d("1"), null, BigDecimal.ZERO, BigDecimal.ZERO)).getMessage());
        assertEquals("minNotional must be >= 0, was -1", assertThrows(IllegalArgumentException.class,
                () -> new InstrumentSpec(tick, d("1"), d("1"), null, d("-1"), BigDecimal.ONE)).getMessage());
        assertEquals("minQuantity must be > 0, was 0", assertThrows(IllegalArgumentException.class,
                () -> new InstrumentSpec(tick, d("1"), d("0"), null, BigDecimal.ZERO, BigDecimal.ONE)).getMessage());
        assertEquals("lotSize must be > 0, was 0", assertThrows(IllegalArgumentException.class,
                () -> new InstrumentSpec(d("0.1"), d("0"), d("0"))).getMessage());
        assertEquals("pricePrecision", assertThrows(NullPointerException.class,
                () -> new InstrumentSpec(null, d("1"), d("1"), null, BigDecimal.ZERO, BigDecimal.ONE)).getMessage());
    }

    @Test
    void instrumentIdParsesAndSplitsSymbols() {
        InstrumentId perp = InstrumentId.parse("bitfinex:BTC/USDT:USDT");
        assertEquals(PERP, perp);
        assertEquals("BTC", perp.base());
        assertEquals("USDT", perp.quote());
        assertEquals("bitfinex:BTC/USDT:USDT", perp.toString());
        assertEquals("USD", BTC.quote());
        assertEquals(BTC, InstrumentId.parse(BTC.toString()));
        assertEquals("symbol must be BASE/QUOTE or BASE/QUOTE:SETTLE: 'BTCUSD'",
                assertThrows(IllegalArgumentException.class, () -> new InstrumentId("x", "BTCUSD")).getMessage());
        assertEquals("expected exchange:BASE/QUOTE, got 'BTC/USD'",
                assertThrows(IllegalArgumentException.class, () -> InstrumentId.parse("BTC/USD")).getMessage());
        assertEquals("exchange id must be a non-blank word: 'bit finex'",
                assertThrows(IllegalArgumentException.class, () -> new InstrumentId("bit finex", "BTC/USD")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new InstrumentId("x", "BTC/"));
    }

    @Test
    void derivativeNeedsASettleCurrency() {
        InstrumentSpec spec = new InstrumentSpec(d("0.1"), d("0.0001"), d("10"));
        assertEquals("a PERPETUAL symbol needs a settle currency (BASE/QUOTE:SETTLE): simulated:BTC/USD",
                assertThrows(IllegalArgumentException.class,
                        () -> new Instrument(BTC, InstrumentKind.PERPETUAL, spec, "BTCUSD")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Instrument(BTC, InstrumentKind.FUTURE, spec, "BTCUSD"));
        assertEquals(InstrumentKind.PERPETUAL, new Instrument(PERP, InstrumentKind.PERPETUAL, spec, "tBTCF0:USTF0").kind());
    }

    @Test
    void anInstrumentNarrowsWhatItsConnectorOffers() {
        InstrumentSpec spec = new InstrumentSpec(d("0.1"), d("0.0001"), d("10"));
        Set<Capability> connector = Set.of(Capability.TICKER, Capability.MARK_PRICE);
        Instrument inherits = new Instrument(BTC, InstrumentKind.SPOT, spec, "tBTCUSD");
        assertTrue(inherits.capabilities().isEmpty());
        assertTrue(inherits.offers(Capability.MARK_PRICE, connector));
        assertFalse(inherits.offers(Capability.TRADES, connector));
        Instrument own = new Instrument(BTC, InstrumentKind.SPOT, spec, "tBTCUSD", Set.of(Capability.TICKER));
        assertTrue(own.offers(Capability.TICKER, connector));
        assertFalse(own.offers(Capability.MARK_PRICE, connector), "the instrument does not support it");
        Instrument perp = new Instrument(PERP, InstrumentKind.PERPETUAL, spec, "tBTCF0:USTF0",
                Set.of(Capability.MARK_PRICE, Capability.TRADING));
        assertFalse(perp.offers(Capability.TRADING, connector), "the connector cannot trade now (no keys)");
        assertTrue(perp.offers(Capability.MARK_PRICE, connector));
    }

    @Test
    void initialInstrumentsChangeAddsEverything() {
        InstrumentSpec spec = new InstrumentSpec(d("0.1"), d("0.0001"), d("10"));
        List<Instrument> list = new ArrayList<>(List.of(new Instrument(BTC, InstrumentKind.SPOT, spec, "BTCUSD"),
                new Instrument(new InstrumentId("simulated", "ETH/USD"), InstrumentKind.SPOT, spec, "ETHUSD")));
        InstrumentsChanged initial = InstrumentsChanged.initial("simulated", list);
        list.clear();
        assertEquals("simulated", initial.exchangeId());
        assertEquals(2, initial.instruments().size());
        assertEquals(initial.instruments(), initial.added());
        assertEquals("ETH/USD", initial.added().get(1).id().symbol());
        assertTrue(initial.changed().isEmpty());
        assertTrue(initial.removed().isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> initial.instruments().clear());
    }
}
