package org.tradebench.connector.binance.internal.market;

import java.time.Instant;
import java.util.Locale;

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
 * publishes the merge of the latest of both. Polled from {@code ticker/bookTicker} and
 * {@code ticker/24hr} while the socket is down.
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

    @Override
    public void poll() {
        md.rest("ticker/bookTicker?symbol=" + raw).thenCombine(md.rest("ticker/24hr?symbol=" + raw), (a, b) -> {
            md.runtime().execute(() -> {
                StreamSocket s = sockets[0];
                if (!acquired || stream.isEnded() || s.isOpen()) {
                    return;
                }
                if (a instanceof HttpResult.Success ok && ok.status() == 200 && b instanceof HttpResult.Success ok2
                        && ok2.status() == 200) {
                    try {
                        JsonObject bt = parse(ok.body()).getAsJsonObject();
                        JsonObject dt = parse(ok2.body()).getAsJsonObject();
                        Instant now = Instant.now();
                        Instant time = dt.has("closeTime") ? Instant.ofEpochMilli(dt.get("closeTime").getAsLong()) : now;
                        Ticker t = BinanceAdapters.ticker(instrument, time, now, BinanceAdapters.quote(bt), dt);
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
                } else {
                    s.fallback.problem(describe(a instanceof HttpResult.Success ? b : a));
                }
            });
            return null;
        });
    }

    static String describe(HttpResult r) {
        return r instanceof HttpResult.Failure f ? f.describe() : "HTTP " + ((HttpResult.Success) r).status();
    }
}
