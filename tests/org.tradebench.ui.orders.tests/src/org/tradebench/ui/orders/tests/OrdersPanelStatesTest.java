package org.tradebench.ui.orders.tests;

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
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderRole;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.Placement;
import org.tradebench.api.trading.Reconciliation;
import org.tradebench.api.trading.TimeInForce;
import org.tradebench.ui.orders.internal.OrdersModel;
import org.tradebench.ui.orders.internal.OrdersPanel;
import org.tradebench.ui.testing.Ui;

/**
 * The states a live exchange rarely shows on demand, from hand-made orders: exits under their entry
 * labelled exchange or local, an order unknown after a disconnect, a stale account's orders marked
 * as not live, and the notice listing what a reconnect changed.
 */
class OrdersPanelStatesTest {

    private static final AccountRef BINANCE = new AccountRef("binance", "usdm");
    private static final AccountRef BITFINEX = new AccountRef("bitfinex", "main");
    private static final InstrumentId BTCUSDT = new InstrumentId("binance", "BTC/USDT:USDT");
    private static final InstrumentId ETHUSD = new InstrumentId("bitfinex", "ETH/USD");
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private Shell shell;

    @AfterEach
    void close() {
        if (shell != null) {
            shell.dispose();
        }
        Ui.flush();
    }

    private static Order order(AccountRef account, OrderRequest request, OrderStatus status, BigDecimal filled,
            String reason, Placement placement) {
        return new Order(status == OrderStatus.PENDING_NEW ? "" : "x-" + request.clientOrderId(),
                request.clientOrderId(), request, status, filled, null, reason, T0, T0, account.accountId(), null,
                placement);
    }

    private static OrdersModel model() {
        OrdersModel m = new OrdersModel();
        m.addAccount(BINANCE, "Binance USD-M futures", true);
        m.addAccount(BITFINEX, "Bitfinex", true);
        m.health(BINANCE, ConnectionHealth.of(ConnectionState.LIVE, ""), T0);
        m.health(BITFINEX, ConnectionHealth.of(ConnectionState.STALE, "no account message for 35 s"), T0);

        OrderRequest entry = OrderRequest.limit("entry-1", BTCUSDT, Side.BUY, new BigDecimal("0.5"),
                new BigDecimal("64000"));
        m.order(BINANCE, order(BINANCE, entry, OrderStatus.PARTIALLY_FILLED, new BigDecimal("0.2"), "",
                Placement.EXCHANGE), T0);
        OrderRequest tp = OrderRequest.of("entry-1-tp", BTCUSDT, Side.SELL, OrderType.TAKE_PROFIT,
                new BigDecimal("0.2"), null, new BigDecimal("70000"), TimeInForce.GTC)
                .asExitOf(OrderRole.TAKE_PROFIT, "entry-1");
        m.order(BINANCE, order(BINANCE, tp, OrderStatus.OPEN, BigDecimal.ZERO, "", Placement.EXCHANGE), T0);
        OrderRequest sl = OrderRequest.stop("entry-1-sl", BTCUSDT, Side.SELL, new BigDecimal("0.2"),
                new BigDecimal("62000")).asExitOf(OrderRole.STOP_LOSS, "entry-1");
        m.order(BINANCE, order(BINANCE, sl, OrderStatus.OPEN, BigDecimal.ZERO, "", Placement.LOCAL), T0);
        OrderRequest lost = OrderRequest.limit("lost-1", BTCUSDT, Side.SELL, new BigDecimal("0.1"),
                new BigDecimal("66000"));
        m.order(BINANCE, order(BINANCE, lost, OrderStatus.UNKNOWN_AFTER_DISCONNECT, BigDecimal.ZERO,
                "connection dropped before the exchange answered", Placement.EXCHANGE), T0);
        OrderRequest eth = OrderRequest.limit("eth-1", ETHUSD, Side.SELL, new BigDecimal("2"), new BigDecimal("3950.5"));
        m.order(BITFINEX, order(BITFINEX, eth, OrderStatus.OPEN, BigDecimal.ZERO, "", Placement.EXCHANGE), T0);
        m.fill(BINANCE, new Fill(BTCUSDT, "x-entry-1", "entry-1", "f-1", Side.BUY, new BigDecimal("63990"),
                new BigDecimal("0.2"), new BigDecimal("5.1196"), "USDT", true, T0, "usdm"));
        return m;
    }

    @Test
    void exitsSitUnderTheirEntryAndEveryStateReads() throws Exception {
        shell = Ui.shell("Orders", 1500, 380);
        OrdersPanel panel = new OrdersPanel(shell, SWT.NONE);
        shell.open();
        OrdersModel m = model();
        // a reconnect: the account goes stale, back to live, and an order changed that nobody touched
        m.health(BINANCE, ConnectionHealth.of(ConnectionState.RECONNECTING, "socket closed"), T0.plusSeconds(1));
        m.health(BINANCE, ConnectionHealth.of(ConnectionState.LIVE, ""), T0.plusSeconds(3));
        OrderRequest lost = OrderRequest.limit("lost-1", BTCUSDT, Side.SELL, new BigDecimal("0.1"),
                new BigDecimal("66000"));
        m.order(BINANCE, order(BINANCE, lost, OrderStatus.OPEN, BigDecimal.ZERO, "", Placement.EXCHANGE),
                T0.plusSeconds(4));
        m.reconciliation(BITFINEX, new Reconciliation("main", T0.plusSeconds(5), "reconnect", List.of(),
                List.of(new Fill(ETHUSD, "x-eth-0", "eth-0", "f-9", Side.SELL, new BigDecimal("3960"),
                        new BigDecimal("0.5"), null, null, false, T0.plusSeconds(2), "main"))));
        panel.show(m.snapshot());
        Ui.flush();

        List<List<String>> rows = panel.openRows();
        // depth, order, instrument, side, type, role, where, qty, price, trigger, filled, status, note
        assertEquals(List.of("0", "Binance USD-M futures", "binance/usdm"), rows.get(0).subList(0, 3));
        assertEquals("4 orders", rows.get(0).get(1 + OrdersPanel.COL_QUANTITY));
        assertEquals("Live", rows.get(0).get(1 + OrdersPanel.COL_STATUS));
        assertEquals(List.of("1", "entry-1", "BTC/USDT:USDT", "buy", "limit", "primary", "exchange", "0.5", "64000", "\u2013",
                "0.2", "partially filled"), rows.get(1).subList(0, 12));
        assertEquals(List.of("2", "entry-1-tp", "BTC/USDT:USDT", "sell", "take-profit", "take-profit", "exchange", "0.2",
                "\u2013", "70000", "0", "open"), rows.get(2).subList(0, 12));
        assertEquals(List.of("2", "entry-1-sl", "BTC/USDT:USDT", "sell", "stop", "stop-loss", "local", "0.2", "\u2013",
                "62000", "0", "open"), rows.get(3).subList(0, 12));
        assertEquals(List.of("1", "lost-1"), rows.get(4).subList(0, 2));
        assertEquals("open", rows.get(4).get(1 + OrdersPanel.COL_STATUS));
        assertEquals("Stale", rows.get(5).get(1 + OrdersPanel.COL_STATUS));
        assertEquals("no account message for 35 s", rows.get(5).get(1 + OrdersPanel.COL_NOTE));
        assertEquals("open (not live)", rows.get(6).get(1 + OrdersPanel.COL_STATUS));
        assertTrue(rows.get(6).get(1 + OrdersPanel.COL_NOTE).startsWith("last known state; account stale"),
                rows.get(6).toString());
        assertEquals("3950.5", rows.get(6).get(1 + OrdersPanel.COL_PRICE));

        assertTrue(panel.noticeText().contains("2 changes found after a reconnect"), panel.noticeText());
        String details = panel.noticeDetails();
        assertTrue(details.contains("lost-1 BTC/USDT:USDT SELL 0.1: unknown after disconnect"
                + " \u2192 open"), details);
        assertTrue(details.contains("missed fill eth-0 SELL 0.5 @ 3960"), details);

        assertEquals(List.of("binance/usdm", "entry-1", "BTC/USDT:USDT", "buy", "63990", "0.2", "5.1196 USDT", "maker"),
                List.of(panel.tableRows(true).get(0).get(0), panel.tableRows(true).get(0).get(2),
                        panel.tableRows(true).get(0).get(3), panel.tableRows(true).get(0).get(4),
                        panel.tableRows(true).get(0).get(5), panel.tableRows(true).get(0).get(6),
                        panel.tableRows(true).get(0).get(7), panel.tableRows(true).get(0).get(8)));
        assertEquals("not given", panel.tableRows(true).get(1).get(7), "a fee the exchange did not give");

        Path file = Ui.screenshot(shell, "orders-view-states");
        System.out.println("Orders states screenshot: " + file.toAbsolutePath());
    }

    @Test
    void unknownAfterDisconnectIsShownAsSuch() {
        shell = Ui.shell("Orders", 1500, 300);
        OrdersPanel panel = new OrdersPanel(shell, SWT.NONE);
        shell.open();
        panel.show(model().snapshot());
        List<String> lost = panel.openRows().stream().filter(r -> r.get(1).equals("lost-1")).findFirst().orElseThrow();
        assertEquals("unknown after disconnect", lost.get(1 + OrdersPanel.COL_STATUS));
        assertEquals("connection dropped before the exchange answered", lost.get(1 + OrdersPanel.COL_NOTE));
        assertEquals("", panel.noticeText(), "no reconnect, no notice");
    }

    @Test
    void aChangeTheTraderAskedForIsNoNotice() {
        OrdersModel m = model();
        m.health(BINANCE, ConnectionHealth.of(ConnectionState.RECONNECTING, ""), T0.plusSeconds(1));
        m.health(BINANCE, ConnectionHealth.of(ConnectionState.LIVE, ""), T0.plusSeconds(2));
        m.asked("entry-1");
        OrderRequest entry = OrderRequest.limit("entry-1", BTCUSDT, Side.BUY, new BigDecimal("0.5"),
                new BigDecimal("64000"));
        m.order(BINANCE, order(BINANCE, entry, OrderStatus.PENDING_CANCEL, new BigDecimal("0.2"), "",
                Placement.EXCHANGE), T0.plusSeconds(3));
        assertEquals(List.of(), m.snapshot().notices());
        // long after the reconnect an unasked change is ordinary trading, not a notice
        OrderRequest tp = OrderRequest.of("entry-1-tp", BTCUSDT, Side.SELL, OrderType.TAKE_PROFIT,
                new BigDecimal("0.2"), null, new BigDecimal("70000"), TimeInForce.GTC)
                .asExitOf(OrderRole.TAKE_PROFIT, "entry-1");
        m.order(BINANCE, order(BINANCE, tp, OrderStatus.CANCELLED, BigDecimal.ZERO, "", Placement.EXCHANGE),
                T0.plusSeconds(2).plus(OrdersModel.RECONNECT_WINDOW).plusSeconds(1));
        assertEquals(List.of(), m.snapshot().notices());
    }
}
