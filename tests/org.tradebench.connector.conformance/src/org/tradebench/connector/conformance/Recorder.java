package org.tradebench.connector.conformance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleListener;
import org.tradebench.api.market.Liquidation;
import org.tradebench.api.market.LiquidationListener;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.MarkPriceListener;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.TickerListener;
import org.tradebench.api.market.Trade;
import org.tradebench.api.market.TradeListener;

/**
 * Records what one subscription delivers (tickers, trades, candles, mark prices or liquidations)
 * and its health, with the threading rules checked: callbacks one at a time, never on the
 * subscribing thread. Optionally throws from every data callback, to check that a throwing listener
 * keeps its subscription.
 *
 * <pre>{@code
 * Recorder trades = new Recorder();
 * md.subscribeTrades(btc, trades);
 * Await.until(() -> trades.count() > 0, () -> "a trade");
 * List<Trade> all = trades.of(Trade.class);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class Recorder implements TickerListener, TradeListener, CandleListener, MarkPriceListener,
        LiquidationListener {

    private final List<Object> events = new ArrayList<>();
    private final List<DataHealth> health = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final Set<String> threads = new LinkedHashSet<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Thread forbidden;
    private volatile boolean throwing;

    /**
     * Marks the thread that subscribes: a callback on it breaks the contract.
     *
     * @param thread the subscribing thread
     * @return this
     */
    public Recorder forbidThread(Thread thread) {
        this.forbidden = thread;
        return this;
    }

    /**
     * Makes every data callback throw after recording (a view's bug).
     *
     * @return this
     */
    public Recorder throwing() {
        this.throwing = true;
        return this;
    }

    private void record(Object event) {
        enter();
        try {
            synchronized (this) {
                events.add(event);
            }
        } finally {
            inFlight.decrementAndGet();
        }
        if (throwing) {
            throw new IllegalStateException("a listener's bug (thrown on purpose by the conformance kit)");
        }
    }

    private void enter() {
        if (inFlight.incrementAndGet() != 1) {
            violate("two callbacks at once");
        }
        synchronized (this) {
            threads.add(Thread.currentThread().getName());
        }
        if (Thread.currentThread() == forbidden) {
            violate("a callback on the subscribing thread");
        }
    }

    private void violate(String what) {
        synchronized (violations) {
            if (violations.size() < 50) {
                violations.add(what);
            }
        }
    }

    @Override
    public void onTicker(Ticker ticker) {
        record(ticker);
    }

    @Override
    public void onTrade(Trade trade) {
        record(trade);
    }

    @Override
    public void onCandle(Candle candle) {
        record(candle);
    }

    @Override
    public void onMarkPrice(MarkPrice mark) {
        record(mark);
    }

    @Override
    public void onLiquidation(Liquidation liquidation) {
        record(liquidation);
    }

    @Override
    public void onHealth(DataHealth h) {
        enter();
        try {
            synchronized (this) {
                health.add(h);
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** @return data callbacks so far */
    public synchronized int count() {
        return events.size();
    }

    /**
     * The recorded values of a type, in order.
     *
     * @param <T> the type
     * @param type for example {@code Trade.class}
     * @return a copy
     */
    public synchronized <T> List<T> of(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Object e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    /** @return the health pushed, in order */
    public synchronized List<DataHealth> health() {
        return List.copyOf(health);
    }

    /**
     * The last health pushed in a state.
     *
     * @param state the state
     * @return the health, or null when none came
     */
    public synchronized DataHealth lastHealth(DataState state) {
        for (int i = health.size() - 1; i >= 0; i--) {
            if (health.get(i).state() == state) {
                return health.get(i);
            }
        }
        return null;
    }

    /** @return the thread names callbacks ran on */
    public synchronized Set<String> threads() {
        return Set.copyOf(threads);
    }

    /** @return the rules broken (at most 50) */
    public List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    @Override
    public synchronized String toString() {
        return "Recorder[" + events.size() + " events, health " + health.stream().map(h -> h.state().wireName()).toList()
                + "]";
    }
}
