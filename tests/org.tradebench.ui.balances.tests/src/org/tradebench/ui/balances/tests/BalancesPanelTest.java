package org.tradebench.ui.balances.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.account.Balance;
import org.tradebench.api.account.MarginMode;
import org.tradebench.api.account.Position;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.api.trading.Fill;
import org.tradebench.ui.balances.internal.BalancesModel;
import org.tradebench.ui.balances.internal.BalancesPanel;
import org.tradebench.ui.balances.internal.PriceBook;
import org.tradebench.ui.testing.Ui;

/** Valuation in a quote currency, unpriced currencies, stale accounts and prices, P&amp;L and fees. */
class BalancesPanelTest {

    private static final AccountRef SPOT = new AccountRef("binance", "spot");
    private static final AccountRef BFX = new AccountRef("bitfinex", "main");
    private static final Instant NOW = Instant.now();

    private Shell shell;

    @AfterEach
    void close() {
        if (shell != null) {
            shell.dispose();
        }
        Ui.flush();
    }

    private static Balance balance(AccountRef a, String wallet, String currency, String total, String available,
            String upnl) {
        return new Balance(a.exchangeId(), a.accountId(), wallet, currency, new BigDecimal(total),
                new BigDecimal(available), upnl == null ? null : new BigDecimal(upnl), NOW);
    }

    @Test
    void valuesAtLivePricesAndSaysWhatIsMissingOrStale() throws Exception {
        shell = Ui.shell("Balances", 1600, 330);
        BalancesPanel panel = new BalancesPanel(shell, SWT.NONE);
        shell.open();
        BalancesModel m = new BalancesModel();
        m.addAccount(SPOT, "Binance spot");
        m.addAccount(BFX, "Bitfinex");
        m.health(SPOT, ConnectionHealth.of(ConnectionState.LIVE, ""));
        m.health(BFX, ConnectionHealth.of(ConnectionState.STALE, "no account message for 40 s"));
        m.balance(SPOT, balance(SPOT, Balance.EXCHANGE, "USD", "10000", "7500", null));
        m.balance(SPOT, balance(SPOT, Balance.EXCHANGE, "BTC", "0.5", "0.4", null));
        m.balance(SPOT, balance(SPOT, Balance.EXCHANGE, "XYZ", "100", "100", null));
        m.balance(BFX, balance(BFX, Balance.MARGIN, "USD", "2000", "1500", "-35.5"));
        m.balance(BFX, balance(BFX, Balance.EXCHANGE, "ETH", "2", "2", null));
        m.position(BFX, new Position(new InstrumentId("bitfinex", "BTC/USD:USD"), PositionSide.LONG,
                new BigDecimal("0.1"), new BigDecimal("60000"), null, new BigDecimal("-35.5"), new BigDecimal("12.5"),
                new BigDecimal("5"), null, NOW, "main", MarginMode.CROSS, null, false));
        m.fill(SPOT, new Fill(new InstrumentId("binance", "BTC/USD"), "1", "c1", "f1", Side.BUY,
                new BigDecimal("64000"), new BigDecimal("0.1"), new BigDecimal("6.4"), "USD", false, NOW, "spot"));
        m.fill(SPOT, new Fill(new InstrumentId("binance", "BTC/USD"), "1", "c1", "f1", Side.BUY,
                new BigDecimal("64000"), new BigDecimal("0.1"), new BigDecimal("6.4"), "USD", false, NOW, "spot"));

        PriceBook prices = new PriceBook("USD");
        prices.price(new InstrumentId("binance", "BTC/USD"), new BigDecimal("65000"), NOW);
        prices.price(new InstrumentId("bitfinex", "ETH/USD"), new BigDecimal("3500"), NOW.minusSeconds(120));
        panel.show(m.totals(prices), "USD");
        Ui.flush();

        List<List<String>> rows = panel.rows();
        // depth, name, currency, total, available, in orders, upnl, price, value, note
        assertEquals(List.of("0", "Binance spot", "binance/spot", "", "", "", "", "", "\u2265 42,500.00 USD"),
                rows.get(0).subList(0, 9));
        assertTrue(rows.get(0).get(9).contains("fees this session 6.4 USD"), "a fill counted once: " + rows.get(0));
        assertTrue(rows.get(0).get(9).contains("value leaves out XYZ: no price"), rows.get(0).toString());
        assertEquals(List.of("1", "exchange", "USD", "10000", "7500", "2500", "not given", "", "10,000.00"),
                rows.get(1).subList(0, 9));
        assertEquals(List.of("1", "exchange", "BTC", "0.5", "0.4", "0.1", "not given", "65000", "32,500.00"),
                rows.get(2).subList(0, 9));
        assertEquals(List.of("no price", "\u2013"), rows.get(3).subList(7, 9));
        assertEquals("Bitfinex", rows.get(4).get(1));
        assertEquals("9,000.00 USD", rows.get(4).get(8), "2000 + 2 × 3500");
        assertTrue(rows.get(4).get(9).startsWith("Stale: no account message for 40 s; realised P&L (open positions) "
                + "12.5 USD"), rows.get(4).toString());
        assertEquals("-35.5", rows.get(5).get(6));
        assertEquals("not live: last known balance", rows.get(5).get(9));
        assertEquals("3500 (stale)", rows.get(6).get(7), "a price older than 30 s");
        assertTrue(panel.portfolioText().startsWith("Portfolio: \u2265 51,500.00 USD   (leaves out XYZ (binance/spot): "
                + "no price)   \u2014 not live"), panel.portfolioText());
        Path file = Ui.screenshot(shell, "balances-view");
        System.out.println("Balances screenshot: " + file.toAbsolutePath());

        // in another quote: the inverse pair converts (1 / 1.25 EUR per USD... here EUR/USD = 1.25 USD per EUR)
        prices.setQuote("EUR");
        prices.price(new InstrumentId("binance", "EUR/USD"), new BigDecimal("1.25"), NOW);
        panel.show(m.totals(prices), "EUR");
        assertEquals("8,000.00", panel.rows().get(1).get(8), "10000 USD / 1.25");
    }
}
