package org.tradebench.connector.binance.internal.market;

import java.time.Instant;
import java.util.Locale;

import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.MarkPriceListener;
import org.tradebench.connector.binance.internal.BinanceAdapters;
import org.tradebench.connector.support.stream.ValueStream;
import org.tradebench.transport.HttpResult;

import com.google.gson.JsonObject;

/** Mark price, index price, funding rate and next funding time from {@code <s>@markPrice@1s}; polled from {@code premiumIndex}. */
final class MarkPriceTopic extends JsonTopic {

    private final ValueStream<MarkPriceListener, MarkPrice> stream;

    MarkPriceTopic(String key, BinanceMarketData md, InstrumentId instrument, String raw) {
        super(key, md, instrument, raw, raw.toLowerCase(Locale.ROOT) + "@markPrice@1s");
        this.stream = new ValueStream<>(md.runtime(), key, this);
    }

    @Override
    ValueStream<MarkPriceListener, MarkPrice> stream() {
        return stream;
    }

    @Override
    void onJson(int index, JsonObject o, Instant received, long receivedNanos) {
        MarkPrice m = BinanceAdapters.markPrice(instrument, o, received);
        live();
        stream.publish(m, receivedNanos);
    }

    @Override
    boolean pollable() {
        return true;
    }

    @Override
    public void poll() {
        md.rest("premiumIndex?symbol=" + raw).thenAccept(r -> md.runtime().execute(() -> {
            StreamSocket s = sockets[0];
            if (!acquired || stream.isEnded() || s.isOpen()) {
                return;
            }
            if (r instanceof HttpResult.Success ok && ok.status() == 200) {
                try {
                    MarkPrice m = BinanceAdapters.markPrice(instrument, parse(ok.body()).getAsJsonObject(), Instant.now());
                    if (stream.state() != DataState.REST_FALLBACK) {
                        stream.state(DataState.REST_FALLBACK, "WebSocket down; mark price polled over REST");
                    }
                    stream.publish(m, System.nanoTime());
                    s.fallback.answered();
                } catch (RuntimeException e) {
                    s.fallback.problem("premiumIndex answer unreadable: " + e.getMessage());
                }
            } else {
                s.fallback.problem(TickerTopic.describe(r));
            }
        }));
    }
}
