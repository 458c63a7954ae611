package org.tradebench.connector.binance.internal.market;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.tradebench.api.instrument.InstrumentId;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A topic whose payloads are small and infrequent next to the book's (tickers, trades, klines, mark
 * prices, liquidations): the {@code data} object is parsed into a tree and mapped by
 * {@link org.tradebench.connector.binance.internal.BinanceAdapters}.
 */
abstract class JsonTopic extends Topic {

    JsonTopic(String key, BinanceMarketData md, InstrumentId instrument, String raw, String... streams) {
        super(key, md, instrument, raw, streams);
    }

    @Override
    final void onData(int index, byte[] b, int start, int end, long receivedMillis, long receivedNanos) {
        JsonObject o;
        try {
            o = JsonParser.parseString(new String(b, start, end - start, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the data of " + streams[index] + " is not a JSON object: " + e.getMessage(),
                    e);
        }
        try {
            onJson(index, o, Instant.ofEpochMilli(receivedMillis), receivedNanos);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the data of " + streams[index] + " cannot be read: " + e, e);
        }
    }

    /** A payload as a tree (runtime lock held); throw IllegalArgumentException before publishing anything. */
    abstract void onJson(int index, JsonObject o, Instant received, long receivedNanos);

    /** Parses a REST body as a tree. */
    static JsonElement parse(String body) {
        return JsonParser.parseString(body);
    }
}
