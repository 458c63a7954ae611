package org.tradebench.ui.positions.internal;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.tradebench.api.Capability;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.account.Position;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderFlag;
import org.tradebench.api.trading.OrderGateway;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.api.trading.TradingListener;
import org.tradebench.ui.core.AccountBindings;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.GatewayTracker;
import org.tradebench.ui.core.Registration;
import org.tradebench.ui.core.UiThrottler;
import org.tradebench.ui.positions.internal.PositionsModel.Row;

/**
 * Binds a {@link PositionsPanel} to every trading account of every tracked connector: positions
 * and health from each account (through the order gateway when it runs), a live mark price stream
 * per instrument held, and closes and reductions sent as reduce-only market orders through the
 * gateway only. Listeners write into {@link PositionsModel} and schedule one {@link UiThrottler}.
 * Created and closed on the display thread.
 */
public final class PositionsBinding implements PositionsPanel.Actions, AutoCloseable {

    private final PositionsPanel panel;
    private final ConnectorTracker connectors;
    private final GatewayTracker gateways;
    private final PositionsModel model = new PositionsModel();
    private final UiThrottler refresh;
    private final UiThrottler rebind;
    private final Registration connectorListener;
    private final Registration gatewayListener;
    private final AccountBindings bound = new AccountBindings();
    private final Map<InstrumentId, Subscription> marks = new HashMap<>();
    private OrderGateway boundGateway;
    private volatile String message = "";
    private volatile boolean messageIsError;
    private boolean closed;


    /**
     * Binds and starts.
     *
     * @param panel the panel
     * @param connectors the connectors (owned by the caller)
     * @param gateways the gateway tracker (owned by the caller)
     */
    public PositionsBinding(PositionsPanel panel, ConnectorTracker connectors, GatewayTracker gateways) {
        this.panel = panel;
        this.connectors = connectors;
        this.gateways = gateways;
        this.refresh = new UiThrottler(panel, UiThrottler.DEFAULT_INTERVAL, this::paint);
        this.rebind = new UiThrottler(panel, UiThrottler.DEFAULT_INTERVAL, this::rebind);
        panel.setActions(this);
        panel.onWarnChanged(refresh::schedule);
        connectorListener = connectors.addListener(t -> rebind.schedule());
        gatewayListener = gateways.addListener(t -> rebind.schedule());
        rebind();
    }

    /**
     * The model (tests).
     *
     * @return the model
     */
    public PositionsModel model() {
        return model;
    }

    private void rebind() {
        if (closed) {
            return;
        }
        OrderGateway gateway = gateways.gateway().orElse(null);
        if (gateway != boundGateway) {
            bound.clear();
            boundGateway = gateway;
        }
        Map<AccountRef, TradingAccount> present = AccountBindings.present(connectors, a -> a.capabilities().contains(Capability.POSITIONS));
        model.retain(present.keySet());
        bound.update(present, (ref, a) -> bind(ref, a, gateway));
        // mark streams of a connector that went away are dead: start them again
        marks.values().forEach(PositionsBinding::quietly);
        marks.clear();
        refresh.schedule();
    }

    private AutoCloseable bind(AccountRef ref, TradingAccount account, OrderGateway gateway) {
        model.addAccount(ref, account.displayName(), gateway != null);
        Subscription health = null;
        Subscription trading = null;
        try {
            health = account.subscribeHealth(h -> {
                model.health(ref, h);
                refresh.schedule();
            });
            TradingListener listener = new TradingListener() {
                @Override
                public void onPosition(Position position) {
                    model.position(ref, position);
                    refresh.schedule();
                }
            };
            trading = gateway != null ? gateway.subscribe(ref, listener) : account.subscribe(listener);
        } catch (RuntimeException e) {
            show("Could not follow " + ref + ": " + e.getMessage(), true);
        }
        Subscription t = trading;
        Subscription h = health;
        return () -> {
            quietly(t);
            quietly(h);
        };
    }

    private void followMarks() {
        Set<InstrumentId> held = model.held();
        for (var it = marks.entrySet().iterator(); it.hasNext();) {
            var e = it.next();
            if (!held.contains(e.getKey())) {
                quietly(e.getValue());
                it.remove();
            }
        }
        for (InstrumentId id : held) {
            if (marks.containsKey(id)) {
                continue;
            }
            Subscription s = null;
            try {
                Optional<ExchangeConnector> c = connectors.connectorFor(id);
                if (c.isPresent()) {
                    s = c.get().marketData().subscribeMarkPrice(id, m -> {
                        model.mark(id, m.markPrice(), m.time());
                        refresh.schedule();
                    });
                }
            } catch (RuntimeException noMarkStream) {
                s = null; // the position's own mark stays in use, shown as such
            }
            marks.put(id, s);
        }
    }

    private void paint() {
        if (closed || panel.isDisposed()) {
            return;
        }
        followMarks();
        panel.show(model.accounts(), model.rows(panel.warnWithin()));
        if (!message.equals(panel.message())) {
            panel.showMessage(message, messageIsError);
        }
    }

    private void show(String text, boolean error) {
        messageIsError = error;
        message = text;
        refresh.schedule();
    }

    @Override
    public void reduce(Row row, int percent) {
        Position p = row.position();
        AccountRef ref = row.account().ref();
        Optional<OrderGateway> g = gateways.gateway();
        if (g.isEmpty()) {
            show(GatewayTracker.MISSING, true);
            return;
        }
        BigDecimal lot = connectors.connectorFor(p.instrument()).flatMap(c -> {
            try {
                return c.instrument(p.instrument().symbol());
            } catch (RuntimeException gone) {
                return Optional.<Instrument>empty();
            }
        }).map(i -> i.spec().lotSize()).orElse(null);
        BigDecimal size = percent >= 100 ? p.quantity() : PositionMath.part(p.quantity(), percent, lot);
        if (size.signum() <= 0) {
            show(percent + " % of " + p.quantity().toPlainString() + " is less than one lot (" + lot + "): nothing sent",
                    true);
            return;
        }
        Side side = p.side() == PositionSide.LONG ? Side.SELL : Side.BUY;
        String what = (percent >= 100 ? "Close " : "Reduce ") + p.side().name().toLowerCase() + " "
                + p.instrument().symbol() + " on " + ref + ": " + side.name().toLowerCase() + " "
                + size.toPlainString() + (percent >= 100 ? "" : " (" + percent + " % of " + p.quantity().toPlainString()
                        + ")") + " at market, reduce-only";
        if (!panel.confirm(what + "?")) {
            return;
        }
        OrderGateway gateway = g.get();
        OrderRequest request;
        try {
            request = OrderRequest.market(gateway.newClientOrderId(), p.instrument(), side, size)
                    .withFlags(Set.of(OrderFlag.REDUCE_ONLY));
            if (p.hedged()) {
                request = request.withPositionSide(p.side());
            }
        } catch (RuntimeException e) {
            show(what + ": not sent: " + e.getMessage(), true);
            return;
        }
        show(what + "\u2026", false);
        CompletableFuture<Order> sent;
        try {
            sent = gateway.place(ref, request).toCompletableFuture();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((o, failure) -> {
            if (failure != null) {
                Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                        : failure;
                show(what + " failed: " + t.getMessage(), true);
            } else if (o.status() == OrderStatus.REJECTED || o.status() == OrderStatus.UNKNOWN_AFTER_DISCONNECT) {
                show(what + " " + o.status().wireName().replace('-', ' ') + ": " + o.reason()
                        + (o.errorCode() == null ? "" : " (code " + o.errorCode() + ")"), true);
            } else {
                show(what + ": " + o.status().wireName().replace('-', ' ') + " " + o.filledQuantity().toPlainString()
                        + (o.averagePrice() == null ? "" : " @ " + o.averagePrice().toPlainString()), false);
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        connectorListener.close();
        gatewayListener.close();
        refresh.cancel();
        rebind.cancel();
        bound.clear();
        marks.values().forEach(PositionsBinding::quietly);
        marks.clear();
    }

    private static void quietly(Subscription s) {
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException ignored) {
                // the connector is going away
            }
        }
    }
}
