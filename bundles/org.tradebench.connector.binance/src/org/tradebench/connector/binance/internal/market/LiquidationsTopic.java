package org.tradebench.connector.binance.internal.market;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Locale;

import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Liquidation;
import org.tradebench.api.market.LiquidationListener;
import org.tradebench.connector.binance.internal.BinanceAdapters;
import org.tradebench.connector.support.stream.EventStream;

import com.google.gson.JsonObject;

/**
 * Liquidation orders from {@code <s>@forceOrder}. Binance gives them no id: the last few are
 * remembered so that the overlap of a connection rollover does not deliver one twice. There is no
 * public REST feed to poll while the socket is down.
 */
final class LiquidationsTopic extends JsonTopic {

    private final EventStream<LiquidationListener, Liquidation> stream;
    private final ArrayDeque<Liquidation> recent = new ArrayDeque<>();

    LiquidationsTopic(String key, BinanceMarketData md, InstrumentId instrument, String raw) {
        super(key, md, instrument, raw, raw.toLowerCase(Locale.ROOT) + "@forceOrder");
        this.stream = new EventStream<>(md.runtime(), key, this);
    }

    @Override
    EventStream<LiquidationListener, Liquidation> stream() {
        return stream;
    }

    @Override
    void onJson(int index, JsonObject o, Instant received, long receivedNanos) {
        Liquidation l = BinanceAdapters.liquidation(instrument, o, received);
        for (Liquidation r : recent) {
            if (r.time().equals(l.time()) && r.side() == l.side() && r.price().equals(l.price())
                    && r.quantity().equals(l.quantity())) {
                return;
            }
        }
        recent.addLast(l);
        if (recent.size() > 32) {
            recent.removeFirst();
        }
        live();
        stream.publish(l, receivedNanos);
    }
}
