package org.tradebench.connector.bitfinex.internal.market;

import java.time.Instant;

import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.TickerListener;
import org.tradebench.connector.bitfinex.internal.BitfinexAdapters;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannel;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannelType;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexError;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTicker;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrailer;
import org.tradebench.connector.support.stream.ValueStream;

/**
 * The ticker channel of one pair, conflated to the latest ticker for each subscription; a newcomer
 * gets the latest at once. REST fallback {@code GET /v2/ticker/SYM}. Runtime lock held.
 */
final class TickerTopic extends Topic {

    final InstrumentId instrument;
    final String raw;
    final ValueStream<TickerListener, Ticker> stream;

    TickerTopic(InstrumentId instrument, String raw, BitfinexMarketData md) {
        super(key(raw), md);
        this.instrument = instrument;
        this.raw = raw;
        this.stream = new ValueStream<>(md.runtime(), "ticker " + raw, this);
    }

    static String key(String raw) {
        return "ticker " + raw;
    }

    @Override
    String subscribeMessage() {
        return "{\"event\":\"subscribe\",\"channel\":\"ticker\",\"symbol\":\"" + raw + "\"}";
    }

    @Override
    boolean matches(BitfinexChannel ch) {
        return ch.type() == BitfinexChannelType.TICKER && ch.symbol() != null && ch.symbol().raw().equals(raw);
    }

    @Override
    boolean refusedBy(BitfinexError e) {
        return "ticker".equals(e.channel()) && raw.equals(e.symbol());
    }

    /** The latest ticker, or null. */
    Ticker latest() {
        return stream.latest();
    }

    @Override
    void lost(String reason) {
        // a ticker stays meaningful (it is greyed by the stream's state); nothing to clear
    }

    @Override
    void state(DataState state, String cause) {
        stream.state(state, cause);
    }

    @Override
    DataState state() {
        return stream.state();
    }

    @Override
    void failed(String cause) {
        stream.end(DataState.FAILED, cause);
    }

    @Override
    void closed() {
        stream.end(DataState.CLOSED, "connector closed");
    }

    @Override
    public void onTicker(BitfinexChannel channel, BitfinexTicker ticker, BitfinexTrailer trailer) {
        publish(ticker, time(trailer), received(), receivedNanos());
        if (state() != DataState.LIVE) {
            state(DataState.LIVE, "");
        }
    }

    private void publish(BitfinexTicker t, Instant time, Instant received, long nanos) {
        BitfinexAdapters.ticker(instrument, t, time, received).ifPresent(tk -> stream.publish(tk, nanos));
    }

    @Override
    void poll() {
        md.restCalls().poll(this, "ticker/" + raw, body -> {
            Instant now = Instant.now();
            publish(md.payloads().ticker(raw, body), now, now, System.nanoTime());
            if (state() != DataState.REST_FALLBACK) {
                state(DataState.REST_FALLBACK, "WebSocket down; ticker polled over REST");
            }
        });
    }
}
