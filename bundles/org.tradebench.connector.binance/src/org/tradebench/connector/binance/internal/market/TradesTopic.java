package org.tradebench.connector.binance.internal.market;

import java.time.Instant;
import java.util.Locale;

import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Trade;
import org.tradebench.api.market.TradeListener;
import org.tradebench.connector.binance.internal.BinanceAdapters;
import org.tradebench.connector.support.stream.EventStream;
import org.tradebench.transport.HttpResult;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Public trades from {@code <s>@aggTrade} (the taker sold when {@code m}, the buyer being the
 * maker). Each aggregate trade id once: ids only grow, so an id at or below the last one delivered
 * (a rollover overlap, a REST poll) is dropped. Polled from {@code aggTrades} while the socket is down.
 */
final class TradesTopic extends JsonTopic {

    private final EventStream<TradeListener, Trade> stream;
    private long lastId = -1;

    TradesTopic(String key, BinanceMarketData md, InstrumentId instrument, String raw) {
        super(key, md, instrument, raw, raw.toLowerCase(Locale.ROOT) + "@aggTrade");
        this.stream = new EventStream<>(md.runtime(), key, this);
    }

    @Override
    EventStream<TradeListener, Trade> stream() {
        return stream;
    }

    @Override
    void onJson(int index, JsonObject o, Instant received, long receivedNanos) {
        offer(BinanceAdapters.trade(instrument, o, received), receivedNanos);
    }

    private void offer(Trade t, long receivedNanos) {
        long id = Long.parseLong(t.id());
        if (id <= lastId) {
            return;
        }
        lastId = id;
        live();
        stream.publish(t, receivedNanos);
    }

    @Override
    boolean pollable() {
        return true;
    }

    @Override
    public void poll() {
        md.rest("aggTrades?symbol=" + raw + "&limit=100").thenAccept(r -> md.runtime().execute(() -> {
            StreamSocket s = sockets[0];
            if (!acquired || stream.isEnded() || s.isOpen()) {
                return;
            }
            if (r instanceof HttpResult.Success ok && ok.status() == 200) {
                try {
                    JsonArray rows = parse(ok.body()).getAsJsonArray();
                    Instant now = Instant.now();
                    if (stream.state() != DataState.REST_FALLBACK) {
                        stream.state(DataState.REST_FALLBACK, "WebSocket down; trades polled over REST");
                    }
                    for (JsonElement e : rows) {
                        offer(BinanceAdapters.trade(instrument, e.getAsJsonObject(), now), System.nanoTime());
                    }
                    s.fallback.answered();
                } catch (RuntimeException e) {
                    s.fallback.problem("aggTrades answer unreadable: " + e.getMessage());
                }
            } else {
                s.fallback.problem(TickerTopic.describe(r));
            }
        }));
    }
}
