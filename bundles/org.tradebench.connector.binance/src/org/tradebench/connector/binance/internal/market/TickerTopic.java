package org.tradebench.connector.binance.internal.market;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Quote;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.TickerListener;
import org.tradebench.connector.binance.internal.BinanceAdapters;
import org.tradebench.connector.support.stream.ValueStream;
import org.tradebench.transport.HttpResult;

import com.google.gson.JsonObject;

/**
 * A ticker from two streams: {@code <s>@bookTicker} (best bid and ask; it has no {@code e}, so it is
 * known by its stream name) and {@code <s>@ticker} (last price and the day's statistics). Each one
 * publishes the merge of the latest of both. Polled from {@code ticker/24hr} (and on USD-M
 * {@code ticker/bookTicker}) while the socket is down.
 */
final class TickerTopic extends JsonTopic {

    private final ValueStream<TickerListener, Ticker> stream;
    private Quote quote;
    private JsonObject day;

    TickerTopic(String key, BinanceMarketData md, InstrumentId instrument, String raw) {
        super(key, md, instrument, raw, raw.toLowerCase(Locale.ROOT) + "@bookTicker",
                raw.toLowerCase(Locale.ROOT) + "@ticker");
        this.stream = new ValueStream<>(md.runtime(), key, this);
    }

    @Override
    ValueStream<TickerListener, Ticker> stream() {
        return stream;
    }

    @Override
    void onJson(int index, JsonObject o, Instant received, long receivedNanos) {
        Instant time = received;
        if (index == 0) {
            Quote q = BinanceAdapters.quote(o);
            if (o.has("E")) {
                time = Instant.ofEpochMilli(o.get("E").getAsLong());
            } else if (o.has("T")) {
                time = Instant.ofEpochMilli(o.get("T").getAsLong());
            }
            publish(q, day, time, received, receivedNanos);
        } else {
            BinanceAdapters.day(o); // validates before anything is kept
            if (o.has("E")) {
                time = Instant.ofEpochMilli(o.get("E").getAsLong());
            }
            publish(quote, o, time, received, receivedNanos);
        }
    }

    private void publish(Quote q, JsonObject d, Instant time, Instant received, long receivedNanos) {
        Ticker t = BinanceAdapters.ticker(instrument, time, received, q, d);
        quote = q;
        day = d;
        if (t != null) {
            live();
            stream.publish(t, receivedNanos);
        }
    }

    @Override
    boolean pollable() {
        return true;
    }

    /**
     * Spot's {@code ticker/24hr} carries the best bid and ask too; USD-M's does not, so there
     * {@code ticker/bookTicker} is asked as well, and a ticker without a quote is published when it
     * does not answer.
     */
    @Override
    public void poll() {
        CompletableFuture<HttpResult> quoteCall = md.config().market().derivatives()
                ? md.rest("ticker/bookTicker?symbol=" + raw) : CompletableFuture.completedFuture(null);
        md.rest("ticker/24hr?symbol=" + raw).thenCombine(quoteCall, (dayAnswer, quoteAnswer) -> {
            md.runtime().execute(() -> {
                StreamSocket s = sockets[0];
                if (!acquired || stream.isEnded() || s.isOpen()) {
                    return;
                }
                if (!(dayAnswer instanceof HttpResult.Success ok) || ok.status() != 200) {
                    s.fallback.problem(describe(dayAnswer));
                    return;
                }
                try {
                    JsonObject dt = parse(ok.body()).getAsJsonObject();
                    Quote q = BinanceAdapters.quote(dt);
                    if (quoteAnswer instanceof HttpResult.Success bt && bt.status() == 200) {
                        q = BinanceAdapters.quote(parse(bt.body()).getAsJsonObject());
                    }
                    Instant now = Instant.now();
                    Instant time = dt.has("closeTime") ? Instant.ofEpochMilli(dt.get("closeTime").getAsLong()) : now;
                    Ticker t = BinanceAdapters.ticker(instrument, time, now, q, dt);
                    if (stream.state() != DataState.REST_FALLBACK) {
                        stream.state(DataState.REST_FALLBACK, "WebSocket down; ticker polled over REST");
                    }
                    if (t != null) {
                        stream.publish(t, System.nanoTime());
                    }
                    s.fallback.answered();
                } catch (RuntimeException e) {
                    s.fallback.problem("ticker answer unreadable: " + e.getMessage());
                }
            });
            return null;
        });
    }

    static String describe(HttpResult r) {
        return r instanceof HttpResult.Failure f ? f.describe() : "HTTP " + ((HttpResult.Success) r).status();
    }
}
