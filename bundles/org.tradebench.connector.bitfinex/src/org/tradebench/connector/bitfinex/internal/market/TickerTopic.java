package org.tradebench.connector.bitfinex.internal.market;

import java.time.Instant;

import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.TickerListener;
import org.tradebench.connector.bitfinex.internal.BitfinexAdapters;
import org.tradebench.connector.bitfinex.internal.StreamHandle;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannel;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannelType;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTicker;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrailer;

/** The ticker channel of one pair; REST fallback {@code GET /v2/ticker/SYM}. Connector thread. */
final class TickerTopic extends Topic<TickerListener> {

    private Ticker last;

    TickerTopic(Instrument instrument, BitfinexMarketData md) {
        super(key(instrument.rawSymbol()), instrument, md);
    }

    static String key(String raw) {
        return "ticker " + raw;
    }

    @Override
    String subscribeMessage() {
        return pairSubscribeMessage("ticker");
    }

    @Override
    boolean matches(BitfinexChannel ch) {
        return ch.type() == BitfinexChannelType.TICKER && isForPair(ch);
    }

    @Override
    void welcome(StreamHandle<TickerListener> h) {
        Ticker t = last;
        if (t != null) {
            h.deliver(l -> l.onTicker(t));
        }
    }

    @Override
    public void onTicker(BitfinexChannel channel, BitfinexTicker ticker, BitfinexTrailer trailer) {
        Instant received = Instant.now();
        publish(ticker, time(trailer, received), received);
        if (state != DataState.LIVE) {
            state(DataState.LIVE);
        }
    }

    private void publish(BitfinexTicker ticker, Instant time, Instant received) {
        BitfinexAdapters.ticker(instrument.id(), ticker, time, received).ifPresent(t -> {
            last = t;
            md.context(instrument.id(), t.bid(), t.ask(), t.last());
            deliver(l -> l.onTicker(t));
        });
    }

    @Override
    void poll() {
        md.restPoll(this, "ticker/" + instrument.rawSymbol(), body -> {
            Instant now = Instant.now();
            publish(md.payloads().ticker(instrument.rawSymbol(), body), now, now);
        });
    }
}
