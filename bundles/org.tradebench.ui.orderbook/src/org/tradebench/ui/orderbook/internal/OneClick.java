package org.tradebench.ui.orderbook.internal;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.api.trading.OrderGateway;
import org.tradebench.api.trading.OrderProgress;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStep;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.ui.core.GatewayTracker;

/**
 * One-click trading from the ladder: a click on a bid places a buy limit order at that price, on
 * an ask a sell limit order, for the instrument's default quantity, through the order gateway
 * (its risk limits, rounding and journal apply) on the connector's first trading account. Only
 * while the preference is on; the panel says so in its header and shows every step of the order
 * (sending, accepted, filled, rejected with the exchange's text) under it. Nothing is sent when
 * something is missing: the line says what.
 *
 * <p>Display thread, except the progress callbacks (any thread), which hand over to it.
 */
public final class OneClick {

    private final OrderBookPanel panel;
    private final GatewayTracker gateways;
    private final BooleanSupplier enabled;
    private final Function<String, Optional<BigDecimal>> quantities;

    /**
     * Creates the one-click trader of a panel.
     *
     * @param panel the panel whose header shows the outcome
     * @param gateways an open gateway tracker (the caller closes it)
     * @param enabled whether one-click trading is on now
     * @param quantities the default quantity of a symbol
     */
    public OneClick(OrderBookPanel panel, GatewayTracker gateways, BooleanSupplier enabled,
            Function<String, Optional<BigDecimal>> quantities) {
        this.panel = Objects.requireNonNull(panel, "panel");
        this.gateways = Objects.requireNonNull(gateways, "gateways");
        this.enabled = Objects.requireNonNull(enabled, "enabled");
        this.quantities = Objects.requireNonNull(quantities, "quantities");
    }

    /** @return whether a click places an order now */
    public boolean enabled() {
        return enabled.getAsBoolean();
    }

    /**
     * Places a limit order at a clicked level.
     *
     * @param connector the connector of the book shown
     * @param instrument the instrument
     * @param side BUY for a bid clicked, SELL for an ask
     * @param price the level's price
     */
    public void place(ExchangeConnector connector, InstrumentId instrument, Side side, BigDecimal price) {
        String what = (side == Side.BUY ? "Buy " : "Sell ");
        Optional<OrderGateway> gateway = gateways.gateway();
        if (gateway.isEmpty()) {
            panel.showTrade("not sent: " + GatewayTracker.MISSING, true);
            return;
        }
        Optional<BigDecimal> quantity = quantities.apply(instrument.symbol());
        if (quantity.isEmpty()) {
            panel.showTrade("not sent: no default quantity for " + instrument.symbol()
                    + " (Window > Preferences > Tradebench > Order Entry)", true);
            return;
        }
        Optional<TradingAccount> account = Optional.empty();
        try {
            account = connector.trading();
        } catch (RuntimeException gone) {
            // the connector went away: said below
        }
        if (account.isEmpty()) {
            panel.showTrade("not sent: no trading account on " + instrument.exchangeId()
                    + " (add keys in Window > Preferences > Tradebench > Exchange Accounts)", true);
            return;
        }
        String label = what + quantity.get().toPlainString() + " " + instrument.symbol() + " @ "
                + price.toPlainString();
        AccountRef ref = AccountRef.of(account.get());
        OrderRequest request;
        try {
            request = OrderRequest.limit(gateway.get().newClientOrderId(), instrument, side, quantity.get(), price);
        } catch (IllegalArgumentException e) {
            panel.showTrade(label + ": not sent: " + e.getMessage(), true);
            return;
        }
        panel.showTrade(label + ": sending\u2026", false);
        gateway.get().place(ref, request, p -> show(label, p)).whenComplete((order, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                onDisplay(() -> panel.showTrade(label + ": failed: " + cause.getMessage(), true));
            } else if (order != null) {
                boolean rejected = order.status() == org.tradebench.api.trading.OrderStatus.REJECTED;
                String reason = order.reason() == null || order.reason().isBlank() ? "" : ": " + order.reason();
                onDisplay(() -> panel.showTrade(label + ": " + order.status().wireName() + (rejected ? reason : ""),
                        rejected));
            }
        });
    }

    private void show(String label, OrderProgress p) {
        boolean bad = p.step() == OrderStep.REJECTED || p.step() == OrderStep.FAILED;
        String text = switch (p.step()) {
            case REJECTED -> "rejected: " + p.message();
            case FAILED -> p.message();
            default -> p.message() == null || p.message().isEmpty() ? p.step().label() : p.message();
        };
        onDisplay(() -> panel.showTrade(label + ": " + text, bad));
    }

    private void onDisplay(Runnable r) {
        if (panel.isDisposed()) {
            return;
        }
        panel.getDisplay().asyncExec(() -> {
            if (!panel.isDisposed()) {
                r.run();
            }
        });
    }
}
