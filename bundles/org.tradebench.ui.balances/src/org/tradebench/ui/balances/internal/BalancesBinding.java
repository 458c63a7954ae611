package org.tradebench.ui.balances.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.api.trading.TradingListener;
import org.tradebench.ui.core.AccountBindings;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.Registration;
import org.tradebench.ui.core.UiThrottler;

/**
 * Binds a {@link BalancesPanel} to every trading account of every tracked connector: balances,
 * positions (for realised P&amp;L), fills (for fees) and health from each account, and a ticker per
 * pair that converts a held currency into the chosen quote currency on the same exchange. Listeners
 * write into {@link BalancesModel} / {@link PriceBook} and schedule one {@link UiThrottler}.
 * Created and closed on the display thread.
 */
public final class BalancesBinding implements AutoCloseable {

    private final BalancesPanel panel;
    private final ConnectorTracker connectors;
    private final BalancesModel model = new BalancesModel();
    private final PriceBook prices;
    private final UiThrottler refresh;
    private final UiThrottler rebind;
    private final Registration connectorListener;
    private final AccountBindings bound = new AccountBindings();
    private final Map<InstrumentId, Subscription> tickers = new HashMap<>();
    private boolean closed;


    /**
     * Binds and starts.
     *
     * @param panel the panel
     * @param connectors the connectors (owned by the caller)
     */
    public BalancesBinding(BalancesPanel panel, ConnectorTracker connectors) {
        this.panel = panel;
        this.connectors = connectors;
        this.prices = new PriceBook(panel.quote());
        this.refresh = new UiThrottler(panel, UiThrottler.MAX_INTERVAL.dividedBy(4), this::paint);
        this.rebind = new UiThrottler(panel, UiThrottler.DEFAULT_INTERVAL, this::rebind);
        panel.onQuoteChanged(q -> {
            prices.setQuote(q);
            refresh.schedule();
        });
        connectorListener = connectors.addListener(t -> rebind.schedule());
        rebind();
    }

    /**
     * The model (tests).
     *
     * @return the model
     */
    public BalancesModel model() {
        return model;
    }

    private void rebind() {
        if (closed) {
            return;
        }
        Map<AccountRef, TradingAccount> present = AccountBindings.present(connectors, a -> true);
        model.retain(present.keySet());
        bound.update(present, (ref, a) -> bind(ref, a));
        tickers.values().forEach(BalancesBinding::quietly);
        tickers.clear();
        refresh.schedule();
    }

    private AutoCloseable bind(AccountRef ref, TradingAccount account) {
        model.addAccount(ref, account.displayName());
        Subscription health = null;
        Subscription trading = null;
        try {
            health = account.subscribeHealth(h -> {
                model.health(ref, h);
                refresh.schedule();
            });
            trading = account.subscribe(new TradingListener() {
                @Override
                public void onBalance(Balance balance) {
                    model.balance(ref, balance);
                    refresh.schedule();
                }

                @Override
                public void onPosition(Position position) {
                    model.position(ref, position);
                    refresh.schedule();
                }

                @Override
                public void onFill(Fill fill) {
                    model.fill(ref, fill);
                    refresh.schedule();
                }
            });
        } catch (RuntimeException e) {
            // shown as an account without health; the next change notification tries again
        }
        Subscription t = trading;
        Subscription h = health;
        return () -> {
            quietly(t);
            quietly(h);
        };
    }

    private void followPrices() {
        Set<InstrumentId> wanted = new HashSet<>();
        String quote = prices.quote();
        for (var e : model.currencies().entrySet()) {
            ExchangeConnector c = connectors.connector(e.getKey()).orElse(null);
            if (c == null) {
                continue;
            }
            for (String currency : e.getValue()) {
                if (currency.equals(quote)) {
                    continue;
                }
                for (String pair : PriceBook.pairs(currency, quote)) {
                    try {
                        var instrument = c.instrument(pair);
                        if (instrument.isPresent() && instrument.get().kind() == InstrumentKind.SPOT) {
                            wanted.add(instrument.get().id());
                            break;
                        }
                    } catch (RuntimeException gone) {
                        break;
                    }
                }
            }
        }
        for (var it = tickers.entrySet().iterator(); it.hasNext();) {
            var e = it.next();
            if (!wanted.contains(e.getKey())) {
                quietly(e.getValue());
                it.remove();
            }
        }
        for (InstrumentId id : wanted) {
            if (tickers.containsKey(id)) {
                continue;
            }
            Subscription s = null;
            try {
                ExchangeConnector c = connectors.connectorFor(id).orElse(null);
                if (c != null) {
                    s = c.marketData().subscribeTicker(id, t -> {
                        prices.ticker(t);
                        refresh.schedule();
                    });
                }
            } catch (RuntimeException noTicker) {
                s = null; // the currency stays unpriced, and the total says so
            }
            tickers.put(id, s);
        }
    }

    private void paint() {
        if (closed || panel.isDisposed()) {
            return;
        }
        followPrices();
        panel.show(model.totals(prices), prices.quote());
    }

    @Override
    public void close() {
        closed = true;
        connectorListener.close();
        refresh.cancel();
        rebind.cancel();
        bound.clear();
        tickers.values().forEach(BalancesBinding::quietly);
        tickers.clear();
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
