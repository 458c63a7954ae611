package org.tradebench.ui.orderentry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderGateway;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.connector.simulated.SimulatedExchange;
import org.tradebench.connector.simulated.SimulatedExchangeConfig;
import org.tradebench.core.risk.StandardRiskCheck;
import org.tradebench.core.trading.DefaultOrderGateway;
import org.tradebench.core.trading.RiskLimitsStore;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.DefaultQuantities;
import org.tradebench.ui.core.GatewayTracker;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.testing.FakeConnector;
import org.tradebench.ui.testing.Ui;

/**
 * The order entry form on the embedded simulated exchange with a real order gateway: the quote and
 * the price from the live book, the estimates against the connector's numbers, each warning, a
 * limit order placed and resting at the exchange, a market order filled, the confirmation.
 */
class OrderEntryViewTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final InstrumentId BTC = new InstrumentId(SimulatedExchange.ID, "BTC/USD");

    private Shell shell;
    private SimulatedExchange exchange;
    private DefaultOrderGateway gateway;
    private Path state;
    private ServiceRegistration<ExchangeConnector> connectorRegistration;
    private ServiceRegistration<OrderGateway> gatewayRegistration;
    private ConnectorTracker connectors;
    private GatewayTracker gateways;
    private OrderEntryPanel panel;
    private OrderEntryController controller;
    private final List<String> confirmations = new CopyOnWriteArrayList<>();
    private final AtomicBoolean answer = new AtomicBoolean(true);
    private volatile boolean confirmMarket = true;

    @BeforeEach
    void open() throws IOException {
        BundleContext context = FrameworkUtil.getBundle(OrderEntryViewTest.class).getBundleContext();
        exchange = SimulatedExchange.start(SimulatedExchangeConfig.DEFAULTS.withEventsPerSecond(200));
        state = Files.createTempDirectory("tradebench-orderentry-test");
        gateway = new DefaultOrderGateway(new StandardRiskCheck(), new RiskLimitsStore(state.resolve("limits")), state,
                Duration.ofSeconds(10));
        gateway.addConnector(exchange);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(ExchangeConnector.PROPERTY_EXCHANGE_ID, SimulatedExchange.ID);
        props.put("service.ranking", Integer.valueOf(100));
        connectorRegistration = context.registerService(ExchangeConnector.class, exchange, props);
        gatewayRegistration = context.registerService(OrderGateway.class, gateway, first());
        connectors = new ConnectorTracker(context).open();
        gateways = new GatewayTracker(context).open();

        shell = Ui.shell("Order Entry", 360, 800);
        shell.setLayout(new FillLayout());
        panel = new OrderEntryPanel(shell, SWT.NONE);
        InstrumentLinkGroup group = InstrumentLinkGroup.named("orderentry-test");
        group.select(BTC);
        controller = new OrderEntryController(panel, connectors, gateways, group, () -> OrderTicket.Settings.DEFAULTS,
                () -> confirmMarket, text -> {
                    confirmations.add(text);
                    return answer.get();
                });
        shell.open();
        Ui.spinUntil("a live quote", () -> panel.bidText().matches("Bid \\d.*") && panel.spreadText().startsWith("Spread"),
                WAIT, () -> panel.bidText() + " " + panel.spreadText());
    }

    /** This test's gateway before any other in the runtime. */
    private static Hashtable<String, Object> first() {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("service.ranking", Integer.valueOf(Integer.MAX_VALUE));
        return p;
    }

    @AfterEach
    void close() throws IOException {
        controller.close();
        shell.dispose();
        Ui.flush();
        gateways.close();
        connectors.close();
        gatewayRegistration.unregister();
        connectorRegistration.unregister();
        gateway.close();
        exchange.close();
        try (Stream<Path> files = Files.walk(state)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private TradingAccount account() {
        return exchange.tradingAccounts().get(0);
    }

    private static void click(Button b) {
        b.notifyListeners(SWT.Selection, new Event());
        Ui.flush();
    }

    private void type(OrderType t) {
        panel.typeField().select(OrderEntryPanel.TYPES.indexOf(t));
        panel.typeField().notifyListeners(SWT.Selection, new Event());
        Ui.flush();
    }

    private void settle() {
        Ui.spinFor(Duration.ofMillis(150));
    }

    @Test
    void aHiddenTicketSkipsItsRefreshesAndCatchesUpWhenShown() throws Exception {
        panel.setVisible(false);
        Ui.spinUntil("a skipped refresh while hidden (the book keeps moving)", controller::skippedWhileHidden, WAIT);
        String before = panel.bidText();
        panel.setVisible(true);
        Ui.spinUntil("the refresh once shown", () -> !controller.skippedWhileHidden(), WAIT);
        assertTrue(panel.bidText().matches("Bid \\d.*"), panel.bidText() + " (was " + before + ")");
    }

    @Test
    void withNothingChosenTheTicketTakesAnExchangeThatTradesOverAMarketDataOnlyDefault() {
        FakeConnector dataOnly = new FakeConnector("dataonly", "Data Only").register(1000);
        Shell other = Ui.shell("Order Entry 2", 360, 800);
        other.setLayout(new FillLayout());
        OrderEntryPanel second = new OrderEntryPanel(other, SWT.NONE);
        OrderEntryController c = new OrderEntryController(second, connectors, gateways,
                InstrumentLinkGroup.named("orderentry-test-unlinked"), () -> OrderTicket.Settings.DEFAULTS, () -> false,
                text -> false);
        try {
            other.open();
            assertEquals("dataonly", connectors.defaultConnector().orElseThrow().id(), "the default trades nothing");
            Ui.spinUntil("the ticket on the exchange that trades", () -> second.instrumentText().endsWith(
                    exchange.displayName()) && second.bidText().matches("Bid \\d.*"), WAIT, second::instrumentText);
        } finally {
            c.close();
            other.dispose();
            dataOnly.unregister();
            dataOnly.shutdown();
        }
    }

    @Test
    void theLimitPriceComesFromTheBookAndTheCostIsPriceTimesQuantity() throws IOException {
        type(OrderType.LIMIT);
        panel.quantityField().setText("0.01");
        settle();
        OrderTicket.Evaluation e = controller.evaluation();
        BigDecimal price = new BigDecimal(panel.priceField().getText());
        String bidShown = panel.bidText().substring(4);
        assertEquals(0, new BigDecimal(bidShown).compareTo(price), "a buy is priced at the best bid shown");
        assertEquals(0, price.multiply(new BigDecimal("0.01")).compareTo(e.cost()), e.toString());
        assertTrue(panel.costText().startsWith(e.cost().setScale(2, RoundingMode.HALF_UP).toPlainString() + " USD"),
                panel.costText());
        assertTrue(panel.feeText().contains("0.02 % (maker"), panel.feeText());
        assertEquals("n/a (spot)", panel.liquidationText());
        assertTrue(panel.placeButton().isEnabled(), panel.errorText());
        assertTrue(panel.placeButton().getText().startsWith("Buy 0.01 BTC limit @ "), panel.placeButton().getText());
        Ui.screenshot(shell, "order-entry-limit");
        shell.setSize(280, 720); // a narrow column of the Trading perspective
        shell.layout(true, true);
        Ui.flush();
        assertTrue(panel.quantityField().getSize().x >= 60, "the quantity stays readable: " + panel.quantityField().getSize());
        Ui.screenshot(shell, "order-entry-narrow");
    }

    @Test
    void aPricePickedInTheBookBecomesALimitOrderOnThatSide() {
        panel.quantityField().setText("0.01");
        settle();
        InstrumentLinkGroup.named("orderentry-test").pickPrice(BTC, org.tradebench.api.market.Side.SELL,
                new BigDecimal("65100.5"));
        settle();
        assertTrue(panel.sellButton().getSelection());
        assertEquals("65100.5", panel.priceField().getText());
        assertEquals(OrderType.LIMIT, OrderEntryPanel.TYPES.get(panel.typeField().getSelectionIndex()));
        assertTrue(panel.placeButton().getText().startsWith("Sell 0.01 BTC limit @ 65100.5"), panel.placeButton().getText());
        InstrumentLinkGroup.named("orderentry-test").pickPrice(new InstrumentId("other", "BTC/USD"),
                org.tradebench.api.market.Side.BUY, new BigDecimal("1"));
        settle();
        assertEquals("65100.5", panel.priceField().getText(), "another exchange's book is not this ticket's");
    }

    @Test
    void aLimitOrderIsPlacedThroughTheGatewayAndRestsAtTheExchange() {
        type(OrderType.LIMIT);
        panel.quantityField().setText("0.01");
        settle();
        BigDecimal bid = new BigDecimal(panel.priceField().getText());
        BigDecimal away = bid.multiply(new BigDecimal("0.98")).setScale(2, RoundingMode.DOWN);
        panel.priceField().setText(away.toPlainString());
        settle();
        click(panel.placeButton());
        Ui.spinUntil("the order resting", () -> account().openOrders().stream()
                .anyMatch(o -> o.request().price().compareTo(away) == 0), WAIT,
                () -> panel.progressText() + " " + account().openOrders());
        Order o = account().openOrders().stream().filter(x -> x.request().price().compareTo(away) == 0).findFirst()
                .orElseThrow();
        assertEquals(0, new BigDecimal("0.01").compareTo(o.request().quantity()));
        assertTrue(gateway.newClientOrderId().length() > 0);
        Ui.spinUntil("accepted shown", () -> panel.progressText().contains("accepted"), WAIT, panel::progressText);
        assertTrue(confirmations.isEmpty(), "limit orders are not confirmed");
    }

    @Test
    void aMarketOrderIsConfirmedFirstAndNotSentWhenDeclined() {
        type(OrderType.MARKET);
        panel.quantityField().setText("0.01");
        settle();
        answer.set(false);
        click(panel.placeButton());
        assertEquals(1, confirmations.size());
        assertTrue(confirmations.get(0).startsWith("Buy 0.01 BTC/USD at market on Simulated Exchange (\u2248 "),
                confirmations.get(0));
        settle();
        assertEquals("not sent: cancelled at the confirmation", panel.progressText());

        answer.set(true);
        click(panel.placeButton());
        Ui.spinUntil("filled", () -> panel.progressText().contains("fill"), WAIT, panel::progressText);
        assertTrue(account().balances().stream().anyMatch(b -> b.currency().equals("BTC") && b.total().signum() > 0),
                account().balances().toString());
    }

    @Test
    void eachWarningShowsAndErrorsKeepTheOrderFromLeaving() throws IOException {
        confirmMarket = false;
        type(OrderType.MARKET);
        panel.quantityField().setText("500");
        settle();
        String w = panel.warningText();
        assertTrue(w.contains("insufficient balance: needs"), w);
        assertTrue(w.contains("thin book"), w);

        type(OrderType.LIMIT);
        BigDecimal min = exchange.instrument("BTC/USD").orElseThrow().spec().minQuantity();
        panel.quantityField().setText(min.movePointLeft(1).toPlainString());
        settle();
        assertTrue(panel.errorText().contains("is below the minimum"), panel.errorText());
        assertFalse(panel.placeButton().isEnabled());

        panel.quantityField().setText("0.01");
        panel.priceField().setText("12.345");
        settle();
        assertTrue(panel.errorText().contains("not on the tick"), panel.errorText());
        assertFalse(panel.placeButton().isEnabled());
        Ui.screenshot(shell, "order-entry-errors");

        // the gateway's risk check speaks before sending: far from the market (worth the minimum value)
        panel.quantityField().setText("1");
        panel.priceField().setText("10.00");
        settle();
        assertTrue(panel.errorText().contains("risk check:"), panel.errorText());
        assertFalse(panel.placeButton().isEnabled());
    }

    @Test
    void theTradingKeysBuyAtTheAskCancelEverythingAndFlattenThroughTheGateway() {
        panel.quantityField().setText("0.01");
        settle();
        answer.set(false);
        controller.tradeAtBest(org.tradebench.api.market.Side.BUY, true);
        assertEquals(1, confirmations.size(), "keyboard orders are confirmed");
        assertTrue(confirmations.get(0).startsWith("Buy 0.01 BTC/USD at the best ask, "), confirmations.get(0));
        settle();
        assertEquals("not sent: cancelled at the confirmation", panel.progressText());

        // a resting order, then cancel-all for the instrument
        type(OrderType.LIMIT);
        BigDecimal bid = new BigDecimal(panel.priceField().getText());
        panel.priceField().setText(bid.multiply(new BigDecimal("0.97")).setScale(1, RoundingMode.DOWN).toPlainString());
        settle();
        click(panel.placeButton());
        Ui.spinUntil("resting", () -> !account().openOrders().isEmpty(), WAIT, panel::progressText);
        controller.cancelAll();
        Ui.spinUntil("cancelled", () -> account().openOrders().isEmpty()
                && panel.progressText().startsWith("cancel-all: 1 BTC/USD order cancelled"), WAIT,
                () -> panel.progressText() + " " + account().openOrders());

        controller.flatten();
        settle();
        assertEquals("nothing to flatten: no position in BTC/USD", panel.progressText(), "spot has no position");

        answer.set(true);
        controller.tradeAtBest(org.tradebench.api.market.Side.BUY, false);
        Ui.spinUntil("bought at the ask", () -> account().balances().stream()
                .anyMatch(b -> b.currency().equals("BTC") && b.total().signum() > 0), WAIT, panel::progressText);
        assertEquals(1, confirmations.size(), "without confirmation when the preference says so");
    }

    @Test
    void withoutAGatewayTheFormSaysOrdersCannotBeSent() {
        // only this test's gateway: a gateway the runtime's own components registered is stopped for the test
        BundleContext context = FrameworkUtil.getBundle(OrderEntryViewTest.class).getBundleContext();
        List<org.osgi.framework.Bundle> stopped = new java.util.ArrayList<>();
        try {
            for (org.osgi.framework.ServiceReference<OrderGateway> r : context.getServiceReferences(OrderGateway.class,
                    null)) {
                if (!r.equals(gatewayRegistration.getReference())) {
                    stopped.add(r.getBundle());
                    r.getBundle().stop(org.osgi.framework.Bundle.STOP_TRANSIENT);
                }
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        try {
            noGateway();
        } finally {
            for (org.osgi.framework.Bundle b : stopped) {
                try {
                    b.start(org.osgi.framework.Bundle.START_TRANSIENT);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    private void noGateway() {
        gatewayRegistration.unregister();
        type(OrderType.LIMIT);
        panel.quantityField().setText("0.01");
        Ui.spinUntil("the missing gateway said", () -> panel.errorText().contains(GatewayTracker.MISSING), WAIT,
                panel::errorText);
        assertFalse(panel.placeButton().isEnabled());
        gatewayRegistration = FrameworkUtil.getBundle(OrderEntryViewTest.class).getBundleContext()
                .registerService(OrderGateway.class, gateway, first());
        Ui.spinUntil("back", () -> panel.placeButton().isEnabled(), WAIT, panel::errorText);
    }

    private static final InstrumentId PERP = new InstrumentId(SimulatedExchange.ID, "BTC/USD:USD");

    private void showPerpetual() {
        InstrumentLinkGroup.named("orderentry-test").select(PERP);
        Ui.spinUntil("the perpetual shown", () -> controller.instrument().filter(PERP::equals).isPresent()
                && panel.leverageShown() && panel.bidText().matches("Bid \\d.*"), WAIT, panel::bidText);
    }

    private void enterLeverage(String text) {
        panel.leverageField().setText(text);
        panel.leverageField().notifyListeners(SWT.DefaultSelection, new Event());
        Ui.flush();
    }

    @Test
    void leverageIsHiddenForSpotAndAppliedOnTheExchangeWhereThePositionFollowsIt() throws IOException {
        assertFalse(panel.leverageShown(), "spot has no leverage");
        showPerpetual();
        assertTrue(panel.leverageField().isEnabled());
        assertTrue(panel.marginModeField().isEnabled(), "the simulated exchange offers cross and isolated");
        panel.marginModeField().select(org.tradebench.api.account.MarginMode.CROSS.ordinal());
        panel.marginModeField().notifyListeners(SWT.Selection, new Event());
        Ui.spinUntil("cross applied", () -> panel.settingStatusText().startsWith("\u2713"), WAIT,
                panel::settingStatusText);
        assertEquals("\u2713 BTC/USD:USD margined cross", panel.settingStatusText());

        // typing does not apply: only Enter, focus-out or Apply
        panel.leverageField().setText("5");
        settle();
        assertEquals("\u2713 BTC/USD:USD margined cross", panel.settingStatusText(), "nothing sent while typing");
        enterLeverage("5");
        Ui.spinUntil("applied", () -> panel.settingStatusText().contains("set to"), WAIT, panel::settingStatusText);
        assertEquals("\u2713 leverage of BTC/USD:USD set to 5", panel.settingStatusText());

        // the estimate uses the chosen leverage: entry x (1 - 1/5 + maintenance) for a long
        type(OrderType.LIMIT);
        panel.quantityField().setText("0.01");
        settle();
        OrderTicket.Evaluation e = controller.evaluation();
        BigDecimal entry = new BigDecimal(panel.priceField().getText());
        BigDecimal expected = entry.multiply(BigDecimal.ONE.subtract(new BigDecimal("0.2"))
                .add(OrderTicket.Settings.DEFAULTS.maintenanceMarginRate()));
        assertEquals(0, expected.setScale(1, RoundingMode.HALF_UP).compareTo(e.liquidation().setScale(1,
                RoundingMode.HALF_UP)), e.liquidation() + " vs " + expected);
        Ui.screenshot(shell, "order-entry-leverage");

        // a position opened now carries the leverage the exchange applied
        confirmMarket = false;
        type(OrderType.MARKET);
        settle();
        click(panel.placeButton());
        Ui.spinUntil("the position", () -> account().positions().stream().anyMatch(p -> p.instrument().equals(PERP)
                && p.quantity().signum() > 0), WAIT, panel::progressText);
        org.tradebench.api.account.Position p = account().positions().stream()
                .filter(x -> x.instrument().equals(PERP)).findFirst().orElseThrow();
        assertEquals(0, new BigDecimal("5").compareTo(p.leverage()), p.toString());
        assertEquals(org.tradebench.api.account.MarginMode.CROSS, p.marginMode());
        Ui.spinUntil("the position's settings shown", () -> panel.settingStatusText().equals("position: 5\u00d7 cross")
                || panel.settingStatusText().startsWith("\u2713"), WAIT, panel::settingStatusText);

        // with a position the exchange refuses a change, and its reason is shown
        enterLeverage("20");
        Ui.spinUntil("refused", () -> panel.settingStatusText().startsWith("refused:"), WAIT,
                panel::settingStatusText);
        assertTrue(panel.settingStatusText().contains("changes only while it has no position"),
                panel.settingStatusText());
        Ui.spinUntil("back to the position's", () -> panel.leverageField().getText().equals("5"), WAIT,
                () -> panel.leverageField().getText());
        BigDecimal mark = p.markPrice() != null ? p.markPrice() : p.entryPrice();
        settle();
        // a long at 5x liquidates near 0.805 x the price, at 20x near 0.955 x
        assertTrue(controller.evaluation().liquidation().compareTo(mark.multiply(new BigDecimal("0.9"))) < 0,
                "the estimate is at 5x, not the refused 20x: "
                        + controller.evaluation().liquidation());
        assertEquals("not estimated (cross margin: the whole wallet backs the position)", panel.liquidationText());
        Ui.screenshot(shell, "order-entry-leverage-refused");
        enterLeverage("zero");
        assertTrue(panel.settingStatusText().contains("at least 1"), panel.settingStatusText());
    }

    private static org.tradebench.api.instrument.Instrument withMarginMode(org.tradebench.api.instrument.Instrument i) {
        java.util.Set<org.tradebench.api.Capability> c = new java.util.HashSet<>(i.capabilities());
        c.add(org.tradebench.api.Capability.MARGIN_MODE);
        return new org.tradebench.api.instrument.Instrument(i.id(), i.kind(), i.spec(), i.rawSymbol(), c);
    }

    @Test
    void anAccountThatRefusesTheMarginModeShowsTheExchangesText() {
        List<org.tradebench.api.trading.AccountSetting> asked = new CopyOnWriteArrayList<>();
        TradingAccount real = account();
        TradingAccount refusing = (TradingAccount) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] { TradingAccount.class }, (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "equals":
                            return proxy == args[0];
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "configure":
                            asked.add((org.tradebench.api.trading.AccountSetting) args[0]);
                            return java.util.concurrent.CompletableFuture.completedFuture(
                                    org.tradebench.api.trading.SettingResult.refused("-4046",
                                            "No need to change margin type."));
                        case "capabilities": {
                            java.util.Set<org.tradebench.api.Capability> c = java.util.EnumSet.copyOf(real.capabilities());
                            c.add(org.tradebench.api.Capability.MARGIN_MODE);
                            return c;
                        }
                        default:
                            return m.invoke(real, args);
                    }
                });
        ExchangeConnector wrapping = (ExchangeConnector) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] { ExchangeConnector.class },
                (proxy, m, args) -> switch (m.getName()) {
                    case "tradingAccounts" -> List.of(refusing);
                    // a market with a margin-mode choice, as on Binance USD-M futures
                    case "instrument" -> exchange.instrument((String) args[0]).map(OrderEntryViewTest::withMarginMode);
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> m.invoke(exchange, args);
                });
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(ExchangeConnector.PROPERTY_EXCHANGE_ID, SimulatedExchange.ID);
        props.put("service.ranking", Integer.valueOf(1000));
        ServiceRegistration<ExchangeConnector> r = FrameworkUtil.getBundle(OrderEntryViewTest.class).getBundleContext()
                .registerService(ExchangeConnector.class, wrapping, props);
        try {
            showPerpetual();
            Ui.spinUntil("the margin mode offered", () -> panel.marginModeField().isEnabled(), WAIT,
                    panel::settingStatusText);
            panel.marginModeField().select(org.tradebench.api.account.MarginMode.CROSS.ordinal());
            panel.marginModeField().notifyListeners(SWT.Selection, new Event());
            Ui.spinUntil("refused", () -> panel.settingStatusText().startsWith("refused:"), WAIT,
                    panel::settingStatusText);
            assertEquals("refused: No need to change margin type. (-4046)", panel.settingStatusText());
            assertEquals(List.of(new org.tradebench.api.trading.AccountSetting.Margin(PERP,
                    org.tradebench.api.account.MarginMode.CROSS)), asked);
            // focus-out with nothing changed sends nothing again; Apply does
            panel.leverageField().notifyListeners(SWT.FocusOut, new Event());
            settle();
            assertEquals(1, asked.size());
            click(panel.applySettingsButton());
            settle();
            assertEquals(2, asked.size());
        } finally {
            r.unregister();
        }
    }

    @Test
    void theDarkThemeColoursTheTicketAndTheLightOneRestoresIt() throws IOException {
        showPerpetual();
        panel.quantityField().setText("0.01");
        settle();
        try {
            org.tradebench.ui.core.Theme.choose(org.tradebench.ui.core.Theme.DARK);
            org.tradebench.ui.core.widgets.Palette dark = org.tradebench.ui.core.widgets.Palette.DARK;
            assertEquals(dark, org.tradebench.ui.core.widgets.Palette.current());
            Ui.spinUntil("dark", () -> dark.widgetBackground().equals(panel.getBackground()), WAIT,
                    () -> String.valueOf(panel.getBackground()));
            settle();
            assertEquals(dark.widgetBackground(), panel.quantityField().getBackground(), "fields are dark too");
            assertEquals(dark.bid(), panel.bidLabelForeground(), "the bid in the dark theme's green");
            assertTrue(Ui.meanBrightness(panel) < 110, "no white panel: " + Ui.meanBrightness(panel));
            Ui.screenshot(shell, "order-entry-dark");
        } finally {
            org.tradebench.ui.core.Theme.choose(org.tradebench.ui.core.Theme.LIGHT);
        }
        Ui.spinUntil("light", () -> !org.tradebench.ui.core.widgets.Palette.DARK.widgetBackground()
                .equals(panel.getBackground()), WAIT, () -> String.valueOf(panel.getBackground()));
        settle();
        assertEquals(org.tradebench.ui.core.widgets.Palette.LIGHT.bid(), panel.bidLabelForeground());
        assertTrue(Ui.meanBrightness(panel) > 170, "light again: " + Ui.meanBrightness(panel));
        Ui.screenshot(shell, "order-entry-light");
    }

    @Test
    void theTicketStartsWithTheInstrumentsDefaultQuantityWhenTheInstrumentChanges() {
        DefaultQuantities d = DefaultQuantities.parse("BTC/USD=0.02;BTC/USD:USD=0.5", "");
        controller.useDefaultQuantities(d::forSymbol);
        settle();
        assertEquals("0.02", panel.quantityField().getText(), "the blank ticket takes the shown instrument's");
        showPerpetual();
        assertEquals("0.5", panel.quantityField().getText());
        InstrumentLinkGroup.named("orderentry-test").select(new InstrumentId(SimulatedExchange.ID, "ETH/USD"));
        Ui.spinUntil("ETH shown", () -> controller.instrument().map(InstrumentId::symbol).orElse("").equals("ETH/USD"),
                WAIT, panel::bidText);
        assertEquals("", panel.quantityField().getText(), "no default: the BTC quantity is not carried over");

        controller.useDefaultQuantities(DefaultQuantities.parse("", "1.5")::forSymbol);
        settle();
        assertEquals("1.5", panel.quantityField().getText(), "the global default for a symbol without its own");
        OrderTicket.Evaluation e = controller.evaluation();
        assertEquals(0, new BigDecimal("1.5").compareTo(e.quantity()), e.toString());
    }

    @Test
    void theLeverageRowHidesBeforeTheFormWasEverLaidOut() {
        // the workbench binds the view before its first layout: no layout data is made up yet
        Shell other = Ui.shell("Order Entry, not laid out", 300, 300);
        try {
            OrderEntryPanel fresh = new OrderEntryPanel(other, SWT.NONE);
            fresh.showFields(OrderType.LIMIT, false, true, true, List.of(OrderType.LIMIT));
            assertFalse(fresh.leverageShown(), "spot: no leverage row");
            fresh.showFields(OrderType.LIMIT, true, true, true, List.of(OrderType.LIMIT));
            assertTrue(fresh.leverageShown());
        } finally {
            other.dispose();
        }
    }
}
