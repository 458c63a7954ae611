package org.tradebench.connector.bitfinex.internal.market;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.CandleListener;
import org.tradebench.connector.bitfinex.internal.BitfinexAdapters;
import org.tradebench.connector.bitfinex.internal.StreamHandle;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexCandle;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannel;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannelType;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrailer;

/**
 * The candles channel of one pair and timeframe ({@code trade:1m:tBTCUSD}).
 *
 * <p>Each listener first gets its history from REST ({@code GET /v2/candles/KEY/hist}, oldest
 * first), then live candles; live ones that arrive meanwhile wait. A listener never sees time go
 * backwards: a candle older than the last one it got is dropped (the forming candle repeats with
 * each update, which is how a chart updates its last bar). When the history request fails, the
 * channel's own snapshot (the last 240 candles) stands in for it. REST fallback polls the two
 * newest candles. Connector thread.
 */
final class CandlesTopic extends Topic<CandleListener> {

    private static final System.Logger LOG = System.getLogger(CandlesTopic.class.getName());

    final CandleInterval interval;
    final String candleKey;
    private final Map<StreamHandle<CandleListener>, Viewer> viewers = new HashMap<>();
    private List<BitfinexCandle> lastSnapshot = List.of();

    /** What one listener has been given. */
    private static final class Viewer {
        final int history;
        boolean ready;
        long lastStart = Long.MIN_VALUE;
        final List<BitfinexCandle> waiting = new ArrayList<>();

        Viewer(int history) {
            this.history = history;
        }
    }

    CandlesTopic(Instrument instrument, CandleInterval interval, String timeframe, BitfinexMarketData md) {
        super(key(candleKey(timeframe, instrument.rawSymbol())), instrument, md);
        this.interval = interval;
        this.candleKey = candleKey(timeframe, instrument.rawSymbol());
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

    /** Registers a listener's history length before it is attached. */
    void expect(StreamHandle<CandleListener> h, int history) {
        viewers.put(h, new Viewer(history));
    }

    void forget(StreamHandle<CandleListener> h) {
        viewers.remove(h);
    }

    @Override
    void welcome(StreamHandle<CandleListener> h) {
        Viewer v = viewers.computeIfAbsent(h, k -> new Viewer(0));
        if (v.history == 0) {
            // No history: the forming candle onwards (the next snapshot says which one that is).
            v.ready = true;
            return;
        }
        md.restCall(BitfinexRestPaths.candles(candleKey, v.history), body -> {
            List<BitfinexCandle> history = md.payloads().candles(candleKey, body);
            giveHistory(h, v, history, true);
        }, problem -> {
            LOG.log(Level.WARNING, "Bitfinex candle history for " + candleKey + " failed (" + problem
                    + "); the channel's snapshot stands in");
            List<BitfinexCandle> fromSnapshot = new ArrayList<>(lastSnapshot);
            java.util.Collections.reverse(fromSnapshot);
            giveHistory(h, v, fromSnapshot.subList(Math.max(0, fromSnapshot.size() - v.history), fromSnapshot.size()),
                    true);
        });
    }

    private void giveHistory(StreamHandle<CandleListener> h, Viewer v, List<BitfinexCandle> oldestFirst,
            boolean thenWaiting) {
        if (!h.isActive() || v.ready) {
            return;
        }
        v.ready = true;
        Instant now = Instant.now();
        for (BitfinexCandle c : oldestFirst) {
            give(h, v, c, now);
        }
        if (thenWaiting) {
            for (BitfinexCandle c : v.waiting) {
                give(h, v, c, now);
            }
            v.waiting.clear();
        }
    }

    private void give(StreamHandle<CandleListener> h, Viewer v, BitfinexCandle c, Instant now) {
        if (c.start() < v.lastStart) {
            return;
        }
        v.lastStart = c.start();
        BitfinexAdapters.candle(instrument.id(), interval, c, now).ifPresent(candle -> h.deliver(l -> l.onCandle(candle)));
    }

    private void offer(BitfinexCandle c, Instant now) {
        for (StreamHandle<CandleListener> h : List.copyOf(subs)) {
            Viewer v = viewers.get(h);
            if (v == null) {
                continue;
            }
            if (!v.ready) {
                v.waiting.add(c);
            } else {
                give(h, v, c, now);
            }
        }
    }

    @Override
    public void onCandleSnapshot(BitfinexChannel channel, List<BitfinexCandle> candles, BitfinexTrailer trailer) {
        lastSnapshot = List.copyOf(candles);
        Instant now = time(trailer, Instant.now());
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
        state(DataState.LIVE);
    }

    @Override
    public void onCandle(BitfinexChannel channel, BitfinexCandle candle, BitfinexTrailer trailer) {
        offer(candle, time(trailer, Instant.now()));
        if (state != DataState.LIVE) {
            state(DataState.LIVE);
        }
    }

    @Override
    void poll() {
        md.restPoll(this, BitfinexRestPaths.candlesNewestFirst(candleKey, 2), body -> {
            List<BitfinexCandle> newestFirst = md.payloads().candles(candleKey, body);
            Instant now = Instant.now();
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                offer(newestFirst.get(i), now);
            }
        });
    }
}
