package org.tradebench.connector.bitfinex.internal.market;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.CandleListener;
import org.tradebench.connector.bitfinex.internal.BitfinexAdapters;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexCandle;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannel;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannelType;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexError;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrailer;
import org.tradebench.connector.support.stream.EventStream;
import org.tradebench.connector.support.stream.EventSubscription;

/**
 * The candles channel of one pair and timeframe. Each subscription asks for its own history: it
 * gets that many closed candles from REST (oldest first), then live candles; live ones that arrive
 * meanwhile wait. A listener never sees time go backwards: a candle older than the last one it got
 * is dropped (the forming candle repeats with each update, which is how a chart updates its last
 * bar). When the history request fails, the channel's own snapshot (the last 240 candles) stands
 * in for it. REST fallback polls the two newest candles. Runtime lock held.
 */
final class CandlesTopic extends Topic {

    private static final System.Logger LOG = System.getLogger(CandlesTopic.class.getName());

    /** A viewer's history meaning "every candle the channel sends, snapshot included" (stream decoders). */
    static final int EVERYTHING = -1;

    final InstrumentId instrument;
    final CandleInterval interval;
    final String candleKey;
    final EventStream<CandleListener, Candle> stream;
    private final Map<EventSubscription<CandleListener, Candle>, Viewer> viewers = new IdentityHashMap<>();
    private List<BitfinexCandle> lastSnapshot = List.of();

    /** What one subscription has been given. */
    private static final class Viewer {
        /** Closed candles asked for first; 0 for none, {@link #EVERYTHING} for all the channel sends. */
        final int history;
        boolean ready;
        long lastStart = Long.MIN_VALUE;
        /** The last candle given, and whether its closed version was given. */
        BitfinexCandle last;
        boolean lastClosed;
        final List<BitfinexCandle> waiting = new ArrayList<>();

        Viewer(int history) {
            this.history = history;
        }
    }

    CandlesTopic(InstrumentId instrument, CandleInterval interval, String timeframe, String raw, BitfinexMarketData md) {
        super(key(candleKey(timeframe, raw)), md);
        this.instrument = instrument;
        this.interval = interval;
        this.candleKey = candleKey(timeframe, raw);
        this.stream = new EventStream<>(md.runtime(), "candles " + candleKey, this);
        stream.onJoin(this::welcome);
    }

    static String candleKey(String timeframe, String raw) {
        return "trade:" + timeframe + ":" + raw;
    }

    static String key(String candleKey) {
        return "candles " + candleKey;
    }

    @Override
    String subscribeMessage() {
        return "{\"event\":\"subscribe\",\"channel\":\"candles\",\"key\":\"" + candleKey + "\"}";
    }

    @Override
    boolean matches(BitfinexChannel ch) {
        return ch.type() == BitfinexChannelType.CANDLES && candleKey.equals(ch.key());
    }

    @Override
    boolean refusedBy(BitfinexError e) {
        return "candles".equals(e.channel()) && candleKey.equals(e.key());
    }

    /** Registers a subscription's history length before it is attached (runtime lock). */
    void expect(EventSubscription<CandleListener, Candle> sub, int history) {
        viewers.put(sub, new Viewer(history));
    }

    private void welcome(EventSubscription<CandleListener, Candle> sub) {
        Viewer v = viewers.computeIfAbsent(sub, k -> new Viewer(0));
        if (v.history <= 0) {
            // No history: the forming candle onwards (the next snapshot says which one that is);
            // EVERYTHING: whatever the channel sends.
            v.ready = true;
            return;
        }
        md.restCalls().call(MarketRest.candlesPath(candleKey, v.history, null, null), body -> {
            List<BitfinexCandle> oldestFirst = new ArrayList<>(md.payloads().candles(candleKey, body));
            Collections.reverse(oldestFirst); // REST answers newest first
            giveHistory(sub, v, oldestFirst);
        }, problem -> {
            LOG.log(Level.WARNING, "Bitfinex candle history for " + candleKey + " failed (" + problem
                    + "); the channel's snapshot stands in");
            List<BitfinexCandle> fromSnapshot = new ArrayList<>(lastSnapshot);
            Collections.reverse(fromSnapshot);
            giveHistory(sub, v, fromSnapshot.subList(Math.max(0, fromSnapshot.size() - v.history),
                    fromSnapshot.size()));
        });
    }

    private void giveHistory(EventSubscription<CandleListener, Candle> sub, Viewer v, List<BitfinexCandle> oldestFirst) {
        if (!sub.isActive() || v.ready) {
            return;
        }
        v.ready = true;
        Instant now = Instant.now();
        for (BitfinexCandle c : oldestFirst) {
            give(sub, v, c, now);
        }
        for (BitfinexCandle c : v.waiting) {
            give(sub, v, c, now);
        }
        v.waiting.clear();
    }

    private void give(EventSubscription<CandleListener, Candle> sub, Viewer v, BitfinexCandle c, Instant now) {
        if (c.start() < v.lastStart) {
            return;
        }
        if (v.last != null && c.start() > v.last.start() && !v.lastClosed) {
            // A new bucket began: the previous candle's last version is its final one.
            BitfinexAdapters.candle(instrument, interval, v.last, now).map(CandlesTopic::closed)
                    .ifPresent(candle -> stream.publishTo(sub, candle));
        }
        v.lastStart = c.start();
        v.last = c;
        v.lastClosed = false;
        BitfinexAdapters.candle(instrument, interval, c, now).ifPresent(candle -> {
            v.lastClosed = candle.closed();
            stream.publishTo(sub, candle);
        });
    }

    private static Candle closed(Candle c) {
        return c.closed() ? c : new Candle(c.instrument(), c.interval(), c.start(), c.open(), c.high(), c.low(),
                c.close(), c.volume(), c.trades(), true);
    }

    private void offer(BitfinexCandle c, Instant now) {
        viewers.keySet().removeIf(s -> !s.isActive());
        for (EventSubscription<CandleListener, Candle> sub : stream.subscriptionList()) {
            Viewer v = viewers.computeIfAbsent(sub, k -> {
                Viewer fresh = new Viewer(0);
                fresh.ready = true;
                return fresh;
            });
            if (!v.ready) {
                v.waiting.add(c);
            } else {
                give(sub, v, c, now);
            }
        }
    }

    @Override
    void lost(String reason) {
        // candles already delivered stay; the next snapshot repeats the recent ones
    }

    @Override
    void state(DataState state, String cause) {
        stream.state(state, cause);
    }

    @Override
    DataState state() {
        return stream.state();
    }

    @Override
    void failed(String cause) {
        stream.end(DataState.FAILED, cause);
    }

    @Override
    void closed() {
        stream.end(DataState.CLOSED, "connector closed");
    }

    @Override
    public void onCandleSnapshot(BitfinexChannel channel, List<BitfinexCandle> candles, BitfinexTrailer trailer) {
        lastSnapshot = List.copyOf(candles);
        Instant now = time(trailer);
        if (!candles.isEmpty()) {
            for (Viewer v : viewers.values()) {
                if (v.history == 0 && v.lastStart == Long.MIN_VALUE) {
                    v.lastStart = candles.get(0).start();
                }
            }
        }
        for (int i = candles.size() - 1; i >= 0; i--) {
            offer(candles.get(i), now);
        }
        state(DataState.LIVE, "");
    }

    @Override
    public void onCandle(BitfinexChannel channel, BitfinexCandle candle, BitfinexTrailer trailer) {
        offer(candle, time(trailer));
        if (state() != DataState.LIVE) {
            state(DataState.LIVE, "");
        }
    }

    @Override
    void poll() {
        md.restCalls().poll(this, MarketRest.candlesNewestFirst(candleKey, 2), body -> {
            List<BitfinexCandle> newestFirst = md.payloads().candles(candleKey, body);
            Instant now = Instant.now();
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                offer(newestFirst.get(i), now);
            }
            if (state() != DataState.REST_FALLBACK) {
                state(DataState.REST_FALLBACK, "WebSocket down; candles polled over REST");
            }
        });
    }
}
