package org.tradebench.ui.chart.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.account.Position;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.ExitLeg;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderRole;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.Reconciliation;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.api.trading.TradingListener;

/**
 * The user's own lines for one instrument, from every trading account of its connector: each
 * working order's price and trigger, its attached exits, exit orders, and each position's entry and
 * liquidation price. Recomputed from the accounts' current state on every order or position event
 * (on the connector's thread), so the chart always draws what the accounts hold now.
 */
public final class TradingLines implements AutoCloseable {

    private final InstrumentId instrument;
    private final List<TradingAccount> accounts;
    private final Runnable changed;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private volatile List<PriceLine> lines = List.of();
    private volatile boolean closed;
    private final java.util.concurrent.ScheduledExecutorService reader = ChartThreads.acquire();

    /**
     * Follows the accounts of a connector for an instrument.
     *
     * @param connector the connector
     * @param instrument the instrument shown
     * @param changed called when the lines changed, any thread
     */
    public TradingLines(ExchangeConnector connector, InstrumentId instrument, Runnable changed) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        this.changed = Objects.requireNonNull(changed, "changed");
        List<TradingAccount> found;
        try {
            found = connector.tradingAccounts();
        } catch (RuntimeException goingAway) {
            found = List.of();
        }
        accounts = found;
        TradingListener listener = new TradingListener() {
            @Override
            public void onOrder(Order order) {
                recompute();
            }

            @Override
            public void onPosition(Position position) {
                recompute();
            }

            @Override
            public void onFill(Fill fill) {
                recompute();
            }

            @Override
            public void onReconciliation(Reconciliation reconciliation) {
                recompute();
            }
        };
        for (TradingAccount a : accounts) {
            try {
                subscriptions.add(a.subscribe(listener));
            } catch (RuntimeException refused) {
                // an account that cannot stream is still read once below
            }
        }
        reader.execute(this::recompute);
    }

    /** @return the lines now */
    public List<PriceLine> lines() {
        return lines;
    }

    /** Reads the accounts again. Any thread but the display thread. */
    public void recompute() {
        if (closed) {
            return;
        }
        List<Order> orders = new ArrayList<>();
        List<Position> positions = new ArrayList<>();
        for (TradingAccount a : accounts) {
            try {
                orders.addAll(a.openOrders());
                positions.addAll(a.positions());
            } catch (RuntimeException goingAway) {
                // the connector is going away; the tracker rebinds the view
            }
        }
        List<PriceLine> next = of(instrument, orders, positions);
        if (!next.equals(lines)) {
            lines = next;
            changed.run();
        }
    }

    /**
     * The lines of an instrument's orders and positions.
     *
     * @param instrument the instrument
     * @param orders orders of any instrument; only working ones (and those whose state is unknown
     *        after a disconnect, labelled so) are drawn
     * @param positions positions of any instrument; flat ones are not drawn
     * @return the lines
     */
    public static List<PriceLine> of(InstrumentId instrument, List<Order> orders, List<Position> positions) {
        List<PriceLine> out = new ArrayList<>();
        for (Position p : positions) {
            if (!p.instrument().equals(instrument) || p.side() == PositionSide.FLAT) {
                continue;
            }
            String side = p.side() == PositionSide.LONG ? "Long" : "Short";
            String qty = p.quantity().toPlainString();
            if (p.entryPrice() != null) {
                out.add(new PriceLine(PriceLine.Kind.ENTRY, p.entryPrice(), side + " " + qty + " entry"));
            }
            if (p.liquidationPrice() != null && p.liquidationPrice().signum() > 0) {
                out.add(new PriceLine(PriceLine.Kind.LIQUIDATION, p.liquidationPrice(),
                        "Liquidation (" + side.toLowerCase(java.util.Locale.ROOT) + " " + qty + ")"));
            }
        }
        for (Order o : orders) {
            boolean unknown = o.status() == OrderStatus.UNKNOWN_AFTER_DISCONNECT;
            if (!o.instrument().equals(instrument) || !(o.status().isWorking() || unknown)) {
                continue;
            }
            OrderRequest r = o.request();
            String suffix = unknown ? " (state unknown after disconnect)" : "";
            String qty = o.remainingQuantity().toPlainString();
            String side = r.side() == Side.BUY ? "Buy" : "Sell";
            if (r.role() == OrderRole.TAKE_PROFIT || r.role() == OrderRole.STOP_LOSS) {
                PriceLine.Kind kind = r.role() == OrderRole.TAKE_PROFIT ? PriceLine.Kind.TAKE_PROFIT : PriceLine.Kind.STOP_LOSS;
                String name = r.role() == OrderRole.TAKE_PROFIT ? "TP" : "SL";
                BigDecimal at = r.triggerPrice() != null ? r.triggerPrice() : r.price();
                if (at != null) {
                    out.add(new PriceLine(kind, at, name + " " + side.toLowerCase(java.util.Locale.ROOT) + " " + qty + suffix));
                }
                continue;
            }
            if (r.type().needsTrigger() && r.triggerPrice() != null) {
                out.add(new PriceLine(PriceLine.Kind.TRIGGER, r.triggerPrice(),
                        side + " " + r.type().wireName() + " " + qty + " trigger" + suffix));
            }
            if (r.type().needsPrice() && r.price() != null) {
                out.add(new PriceLine(r.side() == Side.BUY ? PriceLine.Kind.BUY_ORDER : PriceLine.Kind.SELL_ORDER,
                        r.price(), side + " " + qty + (r.type().needsTrigger() ? " limit" : "") + suffix));
            }
            addExit(out, r.takeProfit(), PriceLine.Kind.TAKE_PROFIT, "TP of " + side.toLowerCase(java.util.Locale.ROOT) + " " + qty + suffix);
            addExit(out, r.stopLoss(), PriceLine.Kind.STOP_LOSS, "SL of " + side.toLowerCase(java.util.Locale.ROOT) + " " + qty + suffix);
        }
        return List.copyOf(out);
    }

    private static void addExit(List<PriceLine> out, ExitLeg leg, PriceLine.Kind kind, String label) {
        if (leg != null) {
            out.add(new PriceLine(kind, leg.triggerPrice(), label));
        }
    }

    /** Stops following the accounts. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ChartThreads.release();
        for (Subscription s : subscriptions) {
            try {
                s.close();
            } catch (RuntimeException ignored) {
                // close never throws by contract
            }
        }
        subscriptions.clear();
    }
}
