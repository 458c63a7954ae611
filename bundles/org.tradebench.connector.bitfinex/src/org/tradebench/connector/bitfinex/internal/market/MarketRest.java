package org.tradebench.connector.bitfinex.internal.market;

import java.lang.System.Logger.Level;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleHistoryRequest;
import org.tradebench.api.market.Trade;
import org.tradebench.api.market.TradeHistoryRequest;
import org.tradebench.connector.bitfinex.internal.BitfinexAdapters;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexCandle;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexProtocolException;
import org.tradebench.connector.bitfinex.internal.rest.BitfinexRest;
import org.tradebench.connector.support.health.HealthModel;
import org.tradebench.transport.HttpResult;

/**
 * Market data over REST v2: the polls that stand in for channels while their socket is down
 * (answers are dropped once the socket is back), one-off calls, and the candle and trade history
 * queries. Bodies are read by {@link org.tradebench.connector.bitfinex.internal.rest.RestPayloads}
 * under the runtime lock; futures complete on the delivery thread.
 */
final class MarketRest {

    private static final System.Logger LOG = System.getLogger(MarketRest.class.getName());

    private final BitfinexMarketData md;
    private final BitfinexRest rest;
    private final HealthModel health;
    private final HealthModel.Session session;

    MarketRest(BitfinexMarketData md, BitfinexRest rest) {
        this.md = md;
        this.rest = rest;
        this.health = md.health();
        this.session = md.session();
    }

    /**
     * Closed candles of a range, oldest first.
     *
     * @param request the range
     * @return the candles; fails with a message for people
     */
    CompletionStage<List<Candle>> candleHistory(CandleHistoryRequest request) {
        CompletableFuture<List<Candle>> result = new CompletableFuture<>();
        String raw = md.raw(request.instrument());
        String tf = BitfinexAdapters.timeframe(request.interval()).orElse(null);
        if (raw == null || tf == null) {
            md.runtime().delivery().fail(result, new IllegalArgumentException(raw == null ? md.notListed(request.instrument())
                    : "Bitfinex has no " + request.interval() + " candles"));
            return result;
        }
        String key = CandlesTopic.candleKey(tf, raw);
        Instant to = request.to() == null ? Instant.now() : request.to();
        // newest first within the range, then reversed: the newest `limit` candles of the range
        String path = candlesPath(key, request.limit(), request.from(), to.minusMillis(1));
        call(path, body -> {
            List<Candle> out = new ArrayList<>();
            List<BitfinexCandle> newestFirst = md.payloads().candles(key, body);
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                BitfinexAdapters.candle(request.instrument(), request.interval(), newestFirst.get(i), Instant.now())
                        .filter(Candle::closed).filter(c -> !c.end().isAfter(to)).ifPresent(out::add);
            }
            md.runtime().delivery().complete(result, List.copyOf(out));
        }, problem -> md.runtime().delivery().fail(result, new IllegalStateException("Bitfinex candle history for " + key
                + " failed: " + problem)));
        return result;
    }

    /**
     * Trades before a time, oldest first.
     *
     * @param request the instrument, the time and the limit
     * @return the trades; fails with a message for people
     */
    CompletionStage<List<Trade>> tradeHistory(TradeHistoryRequest request) {
        CompletableFuture<List<Trade>> result = new CompletableFuture<>();
        String raw = md.raw(request.instrument());
        if (raw == null) {
            md.runtime().delivery().fail(result, new IllegalArgumentException(md.notListed(request.instrument())));
            return result;
        }
        String path = "trades/" + raw + "/hist?limit=" + Math.min(request.limit(), 10_000) + "&sort=-1"
                + (request.before() == null ? "" : "&end=" + (request.before().toEpochMilli() - 1));
        call(path, body -> {
            List<Trade> out = new ArrayList<>();
            var newestFirst = md.payloads().trades(raw, body);
            Instant now = Instant.now();
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                BitfinexAdapters.trade(request.instrument(), newestFirst.get(i), now).ifPresent(out::add);
            }
            md.runtime().delivery().complete(result, List.copyOf(out));
        }, problem -> md.runtime().delivery().fail(result, new IllegalStateException("Bitfinex trade history for " + raw
                + " failed: " + problem)));
        return result;
    }

    /**
     * The path of a candle history request, newest first within the range.
     *
     * @param key for example {@code trade:1m:tBTCUSD}
     * @param limit how many candles
     * @param from the earliest bucket start, nullable
     * @param to the latest time, nullable
     * @return the path and query
     */
    static String candlesPath(String key, int limit, Instant from, Instant to) {
        return "candles/" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%3A", ":") + "/hist?limit="
                + Math.max(1, Math.min(10_000, limit)) + "&sort=-1" + (from == null ? "" : "&start=" + from.toEpochMilli())
                + (to == null ? "" : "&end=" + to.toEpochMilli());
    }

    /** The newest candles, newest first. */
    static String candlesNewestFirst(String key, int limit) {
        return candlesPath(key, limit, null, null);
    }

    /** One REST poll of a topic in fallback; the body is handled under the lock unless the socket is back. */
    void poll(Topic t, String path, Consumer<String> onBody) {
        if (rest == null) {
            return;
        }
        rest.get(path, true).thenAccept(r -> md.runtime().execute(() -> {
            PublicConnection c = t.conn;
            if (md.isClosed() || c == null || c.fallback == null || !c.fallback.active() || md.topics().get(t.key) != t) {
                return;
            }
            if (r instanceof HttpResult.Success ok) {
                try {
                    onBody.accept(ok.body());
                    c.fallback.answered();
                } catch (BitfinexProtocolException e) {
                    session.error();
                    LOG.log(Level.WARNING, "Bitfinex REST answer for " + path + " could not be read: " + e.getMessage());
                }
            } else if (r instanceof HttpResult.Failure f) {
                String paused = rest.pausedBecause();
                c.fallback.problem(paused != null ? "paused after Bitfinex answered " + paused : f.describe());
            }
            health.update();
        }));
    }

    /** A one-off REST call; both outcomes are handled under the lock. */
    void call(String path, Consumer<String> onBody, Consumer<String> onFailure) {
        if (rest == null) {
            onFailure.accept("no REST client");
            return;
        }
        rest.get(path, false).thenAccept(r -> md.runtime().execute(() -> {
            if (md.isClosed()) {
                return;
            }
            if (r instanceof HttpResult.Success ok) {
                try {
                    onBody.accept(ok.body());
                } catch (BitfinexProtocolException e) {
                    session.error();
                    onFailure.accept("unreadable answer: " + e.getMessage());
                }
            } else if (r instanceof HttpResult.Failure f) {
                onFailure.accept(f.describe());
            }
        }));
    }
}
