package org.tradebench.ui.orders.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.tradebench.api.Capability;
import org.tradebench.api.Subscription;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.api.trading.AmendRequest;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.HistoryRequest;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderGateway;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.Reconciliation;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.api.trading.TradingListener;
import org.tradebench.ui.core.AccountBindings;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.GatewayTracker;
import org.tradebench.ui.core.Registration;
import org.tradebench.ui.core.UiThrottler;

/**
 * Binds an {@link OrdersPanel} to every trading account of every tracked connector: streams each
 * account through the order gateway (so the gateway's local exits and refused orders show too), or
 * straight from the account, read-only, while no gateway runs; follows connectors and the gateway
 * as they come and go; sends cancel, cancel-all and amend through the gateway only.
 *
 * <p>Listeners write into {@link OrdersModel} and schedule one {@link UiThrottler}; the display
 * thread paints the latest snapshot. Created and closed on the display thread.
 */
public final class OrdersBinding implements OrdersPanel.Actions, AutoCloseable {

    private static final int HISTORY_LIMIT = 200;

    private final OrdersPanel panel;
    private final ConnectorTracker connectors;
    private final GatewayTracker gateways;
    private final OrdersModel model = new OrdersModel();
    private final UiThrottler refresh;
    private final UiThrottler rebind;
    private final Registration connectorListener;
    private final Registration gatewayListener;
    private final AccountBindings bound = new AccountBindings();
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
    public OrdersBinding(OrdersPanel panel, ConnectorTracker connectors, GatewayTracker gateways) {
        this.panel = panel;
        this.connectors = connectors;
        this.gateways = gateways;
        this.refresh = new UiThrottler(panel, UiThrottler.DEFAULT_INTERVAL, this::paint);
        this.rebind = new UiThrottler(panel, UiThrottler.DEFAULT_INTERVAL, this::rebind);
        panel.setActions(this);
        connectorListener = connectors.addListener(t -> rebind.schedule());
        gatewayListener = gateways.addListener(t -> rebind.schedule());
        rebind();
    }

    /**
     * The model (tests).
     *
     * @return the model
     */
    public OrdersModel model() {
        return model;
    }

    // display thread
    private void rebind() {
        if (closed) {
            return;
        }
        OrderGateway gateway = gateways.gateway().orElse(null);
        if (gateway != boundGateway) {
            bound.clear();
            boundGateway = gateway;
        }
        Map<AccountRef, TradingAccount> present = AccountBindings.present(connectors, a -> true);
        model.retain(present.keySet());
        bound.update(present, (ref, a) -> bind(ref, a, gateway));
        refresh.schedule();
    }

    private AutoCloseable bind(AccountRef ref, TradingAccount account, OrderGateway gateway) {
        model.addAccount(ref, account.displayName(), gateway != null);
        Subscription health = null;
        Subscription trading = null;
        try {
            health = account.subscribeHealth(h -> {
                model.health(ref, h, Instant.now());
                refresh.schedule();
            });
            TradingListener listener = new TradingListener() {
                @Override
                public void onOrder(Order order) {
                    model.order(ref, order, Instant.now());
                    refresh.schedule();
                }

                @Override
                public void onFill(Fill fill) {
                    model.fill(ref, fill);
                    refresh.schedule();
                }

                @Override
                public void onReconciliation(Reconciliation reconciliation) {
                    model.reconciliation(ref, reconciliation);
                    refresh.schedule();
                }
            };
            if (gateway != null) {
                trading = gateway.subscribe(ref, listener);
                for (Order local : gateway.localOrders(ref)) {
                    model.order(ref, local, Instant.now());
                }
            } else {
                trading = account.subscribe(listener);
            }
        } catch (RuntimeException e) {
            show("Could not follow " + ref + ": " + OrderText.failure(e), true);
        }
        Subscription t = trading;
        Subscription h = health;
        return () -> {
            closeQuietly(t);
            closeQuietly(h);
        };
    }

    // display thread
    private void paint() {
        if (closed || panel.isDisposed()) {
            return;
        }
        panel.show(model.snapshot());
        String m = message;
        if (!m.equals(panel.message())) {
            panel.showMessage(m, messageIsError);
        }
    }

    private void show(String text, boolean error) {
        messageIsError = error;
        message = text;
        refresh.schedule();
    }

    private Optional<OrderGateway> gateway() {
        Optional<OrderGateway> g = gateways.gateway();
        if (g.isEmpty()) {
            show(GatewayTracker.MISSING, true);
        }
        return g;
    }

    @Override
    public void cancel(AccountRef account, String clientOrderId) {
        gateway().ifPresent(g -> {
            model.asked(clientOrderId);
            show("Cancelling " + clientOrderId + "\u2026", false);
            guard(() -> g.cancel(account, clientOrderId)).whenComplete((o, failure) -> {
                if (failure != null) {
                    show("Cancel of " + clientOrderId + " failed: " + OrderText.failure(failure), true);
                } else if (o.status() == OrderStatus.CANCELLED || o.status() == OrderStatus.PENDING_CANCEL) {
                    model.order(account, o, Instant.now());
                    show("Cancel of " + clientOrderId + ": " + OrderText.status(o), false);
                } else {
                    show("Cancel of " + clientOrderId + " refused (" + OrderText.status(o) + "): " + OrderText.reason(o),
                            true);
                }
            });
        });
    }

    @Override
    public void cancelAll(List<AccountRef> accounts) {
        gateway().ifPresent(g -> {
            show("Cancelling all working orders\u2026", false);
            List<CompletableFuture<String>> results = new ArrayList<>();
            for (AccountRef ref : accounts) {
                results.add(guard(() -> g.cancelAll(ref, Optional.empty())).toCompletableFuture()
                        .handle((n, failure) -> failure != null ? ref + " failed: " + OrderText.failure(failure)
                                : ref + " cancelled " + n));
            }
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).whenComplete((v, t) -> {
                List<String> parts = results.stream().map(CompletableFuture::join).toList();
                show("Cancel all: " + String.join("; ", parts), parts.stream().anyMatch(p -> p.contains(" failed: ")));
            });
        });
    }

    @Override
    public void amend(AccountRef account, String clientOrderId, BigDecimal price, BigDecimal quantity) {
        Optional<TradingAccount> b = bound.account(account);
        if (b.isPresent() && !offersAmend(b.get())) {
            show(account + " cannot amend orders: cancel " + clientOrderId + " and place a new one", true);
            return;
        }
        gateway().ifPresent(g -> {
            AmendRequest request;
            try {
                request = new AmendRequest(clientOrderId, price, quantity, null);
            } catch (IllegalArgumentException e) {
                show("Amend of " + clientOrderId + " not sent: " + e.getMessage(), true);
                return;
            }
            model.asked(clientOrderId);
            String what = price != null ? "price " + OrderText.number(price) : "quantity " + OrderText.number(quantity);
            show("Amending " + clientOrderId + " to " + what + "\u2026", false);
            guard(() -> g.amend(account, request)).whenComplete((o, failure) -> {
                if (failure != null) {
                    show("Amend of " + clientOrderId + " failed: " + OrderText.failure(failure), true);
                    return;
                }
                boolean done = (price == null || price.compareTo(nz(o.request().price())) == 0)
                        && (quantity == null || quantity.compareTo(o.request().quantity()) == 0)
                        && o.status() != OrderStatus.REJECTED;
                if (done) {
                    model.order(account, o, Instant.now());
                    show("Amended " + clientOrderId + ": " + what + " (" + OrderText.status(o) + ")", false);
                } else {
                    show("Amend of " + clientOrderId + " refused: " + OrderText.reason(o), true);
                }
            });
        });
    }

    @Override
    public void loadHistory() {
        for (TradingAccount a : bound.accounts()) {
            AccountRef ref = AccountRef.of(a);
            Set<Capability> caps;
            try {
                caps = a.capabilities();
            } catch (RuntimeException gone) {
                continue;
            }
            boolean orders = caps.contains(Capability.ORDER_HISTORY);
            boolean fills = caps.contains(Capability.FILL_HISTORY);
            if (!orders && !fills) {
                model.historyNote(ref, "the exchange offers no order or fill history");
                continue;
            }
            model.historyNote(ref, "loading history\u2026");
            HistoryRequest request = new HistoryRequest(null, null, null, HISTORY_LIMIT);
            CompletableFuture<List<Order>> h = orders ? guard(() -> a.orderHistory(request)).toCompletableFuture()
                    : CompletableFuture.completedFuture(List.of());
            CompletableFuture<List<Fill>> f = fills ? guard(() -> a.fills(request)).toCompletableFuture()
                    : CompletableFuture.completedFuture(List.of());
            h.handle((ho, ht) -> f.handle((fo, ft) -> {
                List<String> notes = new ArrayList<>();
                if (ht != null) {
                    notes.add("order history failed: " + OrderText.failure(ht));
                } else if (!orders) {
                    notes.add("the exchange offers no order history");
                }
                if (ft != null) {
                    notes.add("fill history failed: " + OrderText.failure(ft));
                } else if (!fills) {
                    notes.add("the exchange offers no fill history");
                }
                model.history(ref, ht == null ? ho : List.of(), ft == null ? fo : List.of(), String.join("; ", notes));
                refresh.schedule();
                return null;
            }));
        }
        refresh.schedule();
    }

    @Override
    public void dismissNotices() {
        model.dismissNotices();
        refresh.schedule();
    }

    @Override
    public void close() {
        closed = true;
        connectorListener.close();
        gatewayListener.close();
        refresh.cancel();
        rebind.cancel();
        bound.clear();
    }

    private static boolean offersAmend(TradingAccount account) {
        try {
            return account.capabilities().contains(Capability.ORDER_AMEND);
        } catch (RuntimeException gone) {
            return true; // let the gateway say what is wrong
        }
    }

    private static BigDecimal nz(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    // a call that throws instead of completing still becomes a failed stage the trader sees
    private static <T> CompletionStage<T> guard(java.util.function.Supplier<CompletionStage<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static void closeQuietly(Subscription s) {
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (RuntimeException ignored) {
            // the connector is going away; nothing left to release
        }
    }
}
