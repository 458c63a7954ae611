package org.tradebench.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradebench.api.tests.TestValues.BTC;
import static org.tradebench.api.tests.TestValues.PERP;
import static org.tradebench.api.tests.TestValues.T0;
import static org.tradebench.api.tests.TestValues.d;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tradebench.api.Capability;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.account.Balance;
import org.tradebench.api.account.MarginMode;
import org.tradebench.api.account.Position;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.HealthListener;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.instrument.InstrumentListener;
import org.tradebench.api.instrument.InstrumentSpec;
import org.tradebench.api.market.MarketData;
import org.tradebench.api.market.Side;
import org.tradebench.api.risk.MarketContext;
import org.tradebench.api.risk.RiskLimits;
import org.tradebench.api.risk.RiskVerdict;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.api.trading.AccountSetting;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.SettingResult;
import org.tradebench.api.trading.TradingAccount;

class AccountAndRiskTest {

    private static String refused(Executable executable) {
        return assertThrows(IllegalArgumentException.class, executable).getMessage();
    }

    /** A trading account that answers its ids and nothing else. */
    private static TradingAccount account(String exchangeId, String accountId) {
        return (TradingAccount) Proxy.newProxyInstance(AccountAndRiskTest.class.getClassLoader(),
                new Class<?>[] { TradingAccount.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "exchangeId" -> exchangeId;
                    case "accountId" -> accountId;
                    case "toString" -> exchangeId + "/" + accountId;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void accountRefParsesItsOwnText() {
        AccountRef usdm = AccountRef.parse("binance/usdm");
        assertEquals("binance", usdm.exchangeId());
        assertEquals("usdm", usdm.accountId());
        assertEquals("binance/usdm", usdm.toString());
        assertEquals(usdm, AccountRef.parse(usdm.toString()));
        assertEquals(new AccountRef("bitfinex", "main"), AccountRef.of(account("bitfinex", "main")));
    }

    @Test
    void accountRefRefusesMissingPartsAndSlashes() {
        assertEquals("expected exchange/account, got 'binance'", refused(() -> AccountRef.parse("binance")));
        assertEquals("expected exchange/account, got '/usdm'", refused(() -> AccountRef.parse("/usdm")));
        assertEquals("account reference needs an exchange id and an account id without '/': 'binance/'",
                refused(() -> AccountRef.parse("binance/")));
        assertEquals("account reference needs an exchange id and an account id without '/': 'a/b/c'",
                refused(() -> AccountRef.parse("a/b/c")));
        assertThrows(IllegalArgumentException.class, () -> new AccountRef(" ", "main"));
    }

    @Test
    void riskLimitsDefaultsAreConservative() {
        RiskLimits defaults = RiskLimits.DEFAULTS;
        assertEquals(d("100"), defaults.maxQuantity());
        assertEquals(d("1000000"), defaults.maxNotional());
        assertEquals(d("0.1"), defaults.priceBand());
        assertTrue(defaults.roundToGrid());
        assertEquals(200, defaults.maxOpenOrders());
        assertNull(defaults.maxBalanceFraction());
    }

    @Test
    void riskLimitsHaveAnOpenOrderLimitAndABalanceGuard() {
        RiskLimits limits = new RiskLimits(d("10"), d("250000"), d("0.05"), true, 50, d("0.50"));
        assertEquals(50, limits.maxOpenOrders());
        assertEquals(d("0.5"), limits.maxBalanceFraction());
        RiskLimits shortForm = new RiskLimits(d("10"), d("250000"), d("0.05"), false);
        assertEquals(0, shortForm.maxOpenOrders(), "0 is no limit");
        assertNull(shortForm.maxBalanceFraction());
        assertEquals("maxOpenOrders must be >= 0 (0: no limit), was -1",
                refused(() -> new RiskLimits(d("10"), d("250000"), d("0.05"), true, -1, null)));
        assertEquals("maxBalanceFraction must be > 0, was 0",
                refused(() -> new RiskLimits(d("10"), d("250000"), d("0.05"), true, 0, d("0"))));
        assertEquals("priceBand must be > 0, was 0", refused(() -> new RiskLimits(d("10"), d("250000"), d("0"), true)));
    }

    @Test
    void marketContextKnowsTheAccountWhereGiven() {
        MarketContext market = new MarketContext(d("100"), d("102"), d("50"), d("2500.00"), 3);
        assertEquals(d("2500"), market.availableQuote());
        assertEquals(3, market.openOrders());
        assertEquals(d("101"), market.reference(), "the mid");
        MarketContext noAccount = new MarketContext(null, d("102"), d("50"));
        assertNull(noAccount.availableQuote());
        assertEquals(-1, noAccount.openOrders(), "unknown");
        assertEquals(d("50"), noAccount.reference(), "the last price without both sides");
        assertNull(new MarketContext(null, null, null).reference());
        assertEquals("openOrders must be >= 0 or -1 (unknown), was -2",
                refused(() -> new MarketContext(null, null, null, null, -2)));
    }

    @Test
    void refusalNeedsAReasonAPersonCanRead() {
        OrderRequest request = OrderRequest.limit("c-1", BTC, Side.BUY, d("1"), d("100"));
        assertEquals("a refusal needs a reason", refused(() -> new RiskVerdict(false, request, List.of())));
        RiskVerdict refusal = new RiskVerdict(false, request, List.of("notional 300000 above 250000", "price off band"));
        assertEquals("notional 300000 above 250000; price off band", refusal.summary());
        assertEquals("", new RiskVerdict(true, request, List.of()).summary());
    }

    @Test
    void hedgedPositionKeepsItsSideMarginAndMode() {
        Position longLeg = new Position(PERP, PositionSide.LONG, d("0.5"), d("64000"), d("65000"), d("500"), d("0"),
                d("5"), d("52000"), T0, "usdm", MarginMode.ISOLATED, d("6400.00"), true);
        assertTrue(longLeg.hedged());
        assertEquals(MarginMode.ISOLATED, longLeg.marginMode());
        assertEquals(d("6400"), longLeg.margin());
        assertEquals(d("0.5"), longLeg.signedQuantity());
        Position shortLeg = new Position(PERP, PositionSide.SHORT, d("2"), d("100"), d("90"), d("20"), d("0"), d("10"),
                d("109"), T0, "usdm", null, null, true);
        assertEquals(d("-2"), shortLeg.signedQuantity());
        assertNull(shortLeg.marginMode(), "when the exchange does not say");
        assertEquals("position bitfinex:BTC/USDT:USDT: side FLAT with quantity 1", refused(() -> new Position(PERP,
                PositionSide.FLAT, d("1"), null, null, d("0"), d("0"), d("1"), null, T0, "usdm", null, null, false)));
        assertThrows(IllegalArgumentException.class, () -> new Position(PERP, PositionSide.LONG, d("0"), null, null,
                d("0"), d("0"), d("1"), null, T0, "usdm", null, null, false));
    }

    @Test
    void balanceReservedIsTotalMinusAvailable() {
        Balance usd = new Balance("bitfinex", "main", Balance.EXCHANGE, "USD", d("1000.50"), d("800"), null, T0);
        assertEquals(d("200.5"), usd.reserved());
        assertEquals("exchange", usd.wallet());
        assertNull(usd.unrealizedPnl());
    }

    @Test
    void accountSettingsAreValidated() {
        assertEquals(d("5"), new AccountSetting.Leverage(PERP, d("5.0")).leverage());
        assertEquals("leverage must be >= 1, was 0.5", refused(() -> new AccountSetting.Leverage(PERP, d("0.5"))));
        assertEquals("mode", assertThrows(NullPointerException.class, () -> new AccountSetting.Margin(PERP, null))
                .getMessage());
        assertTrue(new AccountSetting.HedgeMode(true).hedged());
        assertTrue(SettingResult.applied("leverage 5x").applied());
        SettingResult refusedResult = SettingResult.refused("-4046", "No need to change margin type.");
        assertFalse(refusedResult.applied());
        assertEquals("-4046", refusedResult.code());
    }

    @Test
    void connectorDefaultsFindInstrumentsAndAccountsById() {
        Instrument btc = new Instrument(BTC, InstrumentKind.SPOT, new InstrumentSpec(d("0.1"), d("0.001"), BigDecimal.ZERO),
                "BTCUSD");
        ExchangeConnector connector = new StubConnector(List.of(btc),
                List.of(account("binance", "spot"), account("binance", "usdm")));
        assertEquals(btc, connector.instrument("BTC/USD").orElseThrow());
        assertTrue(connector.instrument("ETH/USD").isEmpty());
        assertEquals("spot", connector.trading().orElseThrow().accountId(), "the first account");
        assertEquals("usdm", connector.tradingAccount("usdm").orElseThrow().accountId());
        assertTrue(connector.tradingAccount("coinm").isEmpty());
        assertTrue(new StubConnector(List.of(), List.of()).trading().isEmpty());
    }

    /** Lists instruments and accounts; nothing else. */
    private record StubConnector(List<Instrument> instruments, List<TradingAccount> tradingAccounts)
            implements ExchangeConnector {

        @Override
        public String id() {
            return "binance";
        }

        @Override
        public String displayName() {
            return "Binance";
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of();
        }

        @Override
        public Subscription subscribeInstruments(InstrumentListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MarketData marketData() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ConnectionHealth health() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Subscription subscribeHealth(HealthListener listener) {
            throw new UnsupportedOperationException();
        }
    }
}
