package org.tradebench.ui.positions.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.account.MarginMode;
import org.tradebench.api.account.Position;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.ui.positions.internal.PositionMath;
import org.tradebench.ui.positions.internal.PositionsModel;
import org.tradebench.ui.positions.internal.PositionsPanel;
import org.tradebench.ui.testing.Ui;

/** P&amp;L arithmetic, the liquidation warning and stale accounts, from hand-made positions. */
class PositionsPanelTest {

    private static final AccountRef USDM = new AccountRef("binance", "usdm");
    private static final AccountRef BFX = new AccountRef("bitfinex", "main");
    private static final InstrumentId BTC = new InstrumentId("binance", "BTC/USDT:USDT");
    private static final InstrumentId ETH = new InstrumentId("binance", "ETH/USDT:USDT");
    private static final InstrumentId INVERSE = new InstrumentId("bitfinex", "BTC/USD:BTC");
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private Shell shell;

    @AfterEach
    void close() {
        if (shell != null) {
            shell.dispose();
        }
        Ui.flush();
    }

    private static Position position(InstrumentId id, PositionSide side, String qty, String entry, String mark,
            String upnl, String liq, String account) {
        return new Position(id, side, new BigDecimal(qty), new BigDecimal(entry), mark == null ? null : new BigDecimal(mark),
                new BigDecimal(upnl), new BigDecimal("-1.25"), new BigDecimal("10"), liq == null ? null : new BigDecimal(liq),
                T0, account, MarginMode.ISOLATED, new BigDecimal("650"), false);
    }

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void pnlArithmetic() {
        Position longBtc = position(BTC, PositionSide.LONG, "0.5", "64000", null, "0", null, "usdm");
        assertEquals(0, d("500").compareTo(PositionMath.unrealizedPnl(longBtc, d("65000"))), "0.5 × (65000 − 64000)");
        Position shortEth = position(ETH, PositionSide.SHORT, "2", "3500", null, "0", null, "usdm");
        assertEquals(0, d("-200").compareTo(PositionMath.unrealizedPnl(shortEth, d("3600"))), "−2 × (3600 − 3500)");
        Position inverse = position(INVERSE, PositionSide.LONG, "1", "50000", null, "0", null, "main");
        assertEquals(0, d("0.2").compareTo(PositionMath.unrealizedPnl(inverse, d("62500"))),
                "1 × (62500 − 50000) / 62500 BTC");
        assertEquals(0, d("0.005").compareTo(PositionMath.part(d("0.011"), 50, d("0.001"))), "50 % rounded to lots");
        assertEquals(0, BigDecimal.ZERO.compareTo(PositionMath.part(d("0.001"), 50, d("0.001"))));
        assertNull(PositionMath.liquidationDistance(d("100"), null));
    }

    @Test
    void liquidationWarningLiveMarkAndStaleAccount() throws Exception {
        shell = Ui.shell("Positions", 1600, 300);
        PositionsPanel panel = new PositionsPanel(shell, SWT.NONE);
        shell.open();
        PositionsModel m = new PositionsModel();
        m.addAccount(USDM, "Binance USD-M futures", true);
        m.addAccount(BFX, "Bitfinex margin", true);
        m.health(USDM, ConnectionHealth.of(ConnectionState.LIVE, ""));
        m.health(BFX, ConnectionHealth.of(ConnectionState.STALE, "no account message for 40 s"));
        // the connector said mark 64500; a newer live mark of 60000 puts it 8.3 % from liquidation at 55000
        m.position(USDM, position(BTC, PositionSide.LONG, "0.5", "64000", "64500", "250", "55000", "usdm"));
        m.mark(BTC, d("60000"), T0.plusSeconds(5));
        m.position(USDM, position(ETH, PositionSide.SHORT, "2", "3500", "3400", "200", "4100", "usdm"));
        m.position(BFX, position(INVERSE, PositionSide.LONG, "1", "50000", "62500", "0.2", null, "main"));

        assertEquals(0, new java.math.BigDecimal("0.05").compareTo(panel.warnWithin()), "5 % by default");
        panel.setWarnWithin(10);
        panel.show(m.accounts(), m.rows(panel.warnWithin()));
        List<List<String>> rows = panel.rows();
        // depth, position, account, side, size, entry, mark, mark from, upnl, rpnl, lev, margin, liq, to liq, note
        assertEquals(List.of("1", "BTC/USDT:USDT", "binance/usdm", "long", "0.5", "64000", "60000", "live", "-2000.00",
                "-1.25", "10\u00d7", "650", "55000", "8.3 %"), rows.get(1).subList(0, 14));
        assertTrue(rows.get(1).get(14).contains("within 10 % of liquidation"), rows.get(1).toString());
        assertTrue(panel.warned("BTC/USDT:USDT"));
        // no live mark for ETH: the connector's own mark and P&L, labelled as such; 20.6 % away: no warning
        assertEquals(List.of("3400", "position", "+200.00"), rows.get(2).subList(6, 9));
        assertEquals("20.6 %", rows.get(2).get(13));
        assertFalse(panel.warned("ETH/USDT:USDT"));
        // the stale account's numbers say they are not live
        assertEquals("Stale: no account message for 40 s", rows.get(3).get(14));
        assertEquals("not live: last known values", rows.get(4).get(14));
        assertEquals("+0.20", rows.get(4).get(8));
        Path file = Ui.screenshot(shell, "positions-view");
        System.out.println("Positions screenshot: " + file.toAbsolutePath());

        // a tighter threshold: 8.3 % is no longer within 5 %
        panel.setWarnWithin(5);
        panel.show(m.accounts(), m.rows(panel.warnWithin()));
        assertFalse(panel.warned("BTC/USDT:USDT"));
        // a live mark past liquidation always warns
        m.mark(ETH, d("4200"), T0.plusSeconds(6));
        panel.show(m.accounts(), m.rows(panel.warnWithin()));
        assertTrue(panel.warned("ETH/USDT:USDT"));
        assertEquals("-1400.00", panel.rows().get(2).get(8), "−2 × (4200 − 3500)");
    }
}
