package org.tradebench.connector.binance.internal.market;

import java.time.Instant;
import java.util.Locale;

import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.CandleListener;
import org.tradebench.connector.binance.internal.BinanceAdapters;
import org.tradebench.connector.support.stream.EventStream;

import com.google.gson.JsonObject;

/** Candles of one interval from {@code <s>@kline_<interval>} (each update of the open candle, then the closed one). */
final class CandlesTopic extends JsonTopic {

    private final EventStream<CandleListener, Candle> stream;
    final CandleInterval interval;

    CandlesTopic(String key, BinanceMarketData md, InstrumentId instrument, String raw, CandleInterval interval,
            String name) {
        super(key, md, instrument, raw, raw.toLowerCase(Locale.ROOT) + "@kline_" + name);
        this.interval = interval;
        this.stream = new EventStream<>(md.runtime(), key, this);
    }

    @Override
    EventStream<CandleListener, Candle> stream() {
        return stream;
    }

    @Override
    void onJson(int index, JsonObject o, Instant received, long receivedNanos) {
        Candle c = BinanceAdapters.candle(instrument, o.getAsJsonObject("k"));
        live();
        stream.publish(c, receivedNanos);
    }
}
