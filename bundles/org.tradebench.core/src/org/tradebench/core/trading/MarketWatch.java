package org.tradebench.core.trading;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.tradebench.api.Capability;
import org.tradebench.api.Subscription;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.market.MarketData;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.Trade;
import org.tradebench.api.risk.MarketContext;
import org.tradebench.api.trading.TriggerSource;

/**
 * The prices the order gateway knows for one instrument: best bid/ask and last from the ticker
 * (for the risk check), each trade's price and the mark price (for local exits). Listener callbacks
 * hop to the gateway's thread through {@code post}; every field is owned by that thread.
 */
final class MarketWatch {

    /** A price update for local exits: the source and the price. */
    interface PriceSink {
        void onPrice(MarketWatch market, TriggerSource source, BigDecimal price);
    }

    final Instrument instrument;
    private final MarketData marketData;
    private final java.util.Set<Capability> connectorCapabilities;
    private final Consumer<Runnable> post;
    private final PriceSink sink;
    BigDecimal bid;
    BigDecimal ask;
    BigDecimal last;
    BigDecimal mark;
    private Subscription ticker;
    private Subscription trades;
    private Subscription marks;
    private final List<Runnable> waitingForPrice = new ArrayList<>();

    MarketWatch(Instrument instrument, MarketData marketData, java.util.Set<Capability> connectorCapabilities,
            Consumer<Runnable> post, PriceSink sink) {
        this.instrument = instrument;
        this.marketData = marketData;
        this.connectorCapabilities = connectorCapabilities;
        this.post = post;
        this.sink = sink;
    }

    /** Subscribes the ticker (once). */
    void watchTicker() {
        if (ticker == null && instrument.offers(Capability.TICKER, connectorCapabilities)) {
            ticker = marketData.subscribeTicker(instrument.id(), t -> post.accept(() -> onTicker(t)));
        }
    }

    /** Subscribes what local exits watching {@code source} need (once). */
    boolean watchFor(TriggerSource source) {
        watchTicker();
        if (source == TriggerSource.LAST) {
            if (trades == null && instrument.offers(Capability.TRADES, connectorCapabilities)) {
                trades = marketData.subscribeTrades(instrument.id(), t -> post.accept(() -> onTrade(t)));
            }
            return trades != null || ticker != null;
        }
        if (source == TriggerSource.MARK) {
            if (marks == null && instrument.offers(Capability.MARK_PRICE, connectorCapabilities)) {
                marks = marketData.subscribeMarkPrice(instrument.id(), m -> post.accept(() -> onMark(m)));
            }
            return marks != null;
        }
        return false;
    }

    /** Runs {@code then} on the gateway thread once a reference price is known (at once when it is). */
    void whenPriced(Runnable then) {
        if (context(null, -1).reference() != null) {
            then.run();
        } else {
            waitingForPrice.add(then);
        }
    }

    /** Releases what waited for a price (after a timeout: they continue without one). */
    void releaseWaiting() {
        List<Runnable> w = List.copyOf(waitingForPrice);
        waitingForPrice.clear();
        w.forEach(Runnable::run);
    }

    MarketContext context(BigDecimal availableQuote, int openOrders) {
        return new MarketContext(bid, ask, last, availableQuote, openOrders);
    }

    private void onTicker(Ticker t) {
        if (t.quote() != null) {
            bid = t.quote().bid();
            ask = t.quote().ask();
        }
        if (t.last() != null) {
            last = t.last();
            sink.onPrice(this, TriggerSource.LAST, t.last());
        }
        if (!waitingForPrice.isEmpty() && context(null, -1).reference() != null) {
            releaseWaiting();
        }
    }

    private void onTrade(Trade t) {
        last = t.price();
        sink.onPrice(this, TriggerSource.LAST, t.price());
        if (!waitingForPrice.isEmpty()) {
            releaseWaiting();
        }
    }

    private void onMark(MarkPrice m) {
        if (m.markPrice() != null) {
            mark = m.markPrice();
            sink.onPrice(this, TriggerSource.MARK, m.markPrice());
        }
    }

    void close() {
        for (Subscription s : new Subscription[] { ticker, trades, marks }) {
            if (s != null) {
                s.close();
            }
        }
        ticker = trades = marks = null;
    }
}
