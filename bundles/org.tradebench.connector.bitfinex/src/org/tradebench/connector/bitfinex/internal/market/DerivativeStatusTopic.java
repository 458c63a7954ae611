package org.tradebench.connector.bitfinex.internal.market;

import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.MarkPriceListener;
import org.tradebench.connector.bitfinex.internal.BitfinexAdapters;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannel;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannelType;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexDerivativeStatus;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexError;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrailer;
import org.tradebench.connector.support.stream.ValueStream;

/**
 * The derivatives status of one perpetual ({@code status} channel, key
 * {@code deriv:tBTCF0:USTF0}): mark price, spot (index) price, current funding, next funding time
 * and open interest, conflated to the latest for each subscription. REST fallback
 * {@code GET /v2/status/deriv?keys=SYM}. Runtime lock held.
 */
final class DerivativeStatusTopic extends Topic {

    final InstrumentId instrument;
    final String raw;
    final ValueStream<MarkPriceListener, MarkPrice> stream;

    DerivativeStatusTopic(InstrumentId instrument, String raw, BitfinexMarketData md) {
        super(key(raw), md);
        this.instrument = instrument;
        this.raw = raw;
        this.stream = new ValueStream<>(md.runtime(), "status deriv:" + raw, this);
    }

    static String key(String raw) {
        return "status deriv:" + raw;
    }

    @Override
    String subscribeMessage() {
        return "{\"event\":\"subscribe\",\"channel\":\"status\",\"key\":\"deriv:" + raw + "\"}";
    }

    @Override
    boolean matches(BitfinexChannel ch) {
        return ch.type() == BitfinexChannelType.DERIVATIVE_STATUS && ("deriv:" + raw).equals(ch.key());
    }

    @Override
    boolean refusedBy(BitfinexError e) {
        return "status".equals(e.channel()) && ("deriv:" + raw).equals(e.key());
    }

    @Override
    void lost(String reason) {
        // the last values stay, greyed by the stream's state
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
    public void onDerivativeStatus(BitfinexChannel channel, BitfinexDerivativeStatus status, BitfinexTrailer trailer) {
        BitfinexAdapters.markPrice(instrument, status, received()).ifPresent(m -> stream.publish(m, receivedNanos()));
        if (state() != DataState.LIVE) {
            state(DataState.LIVE, "");
        }
    }

    @Override
    void poll() {
        md.restCalls().poll(this, "status/deriv?keys=" + raw, body -> {
            BitfinexDerivativeStatus s = md.payloads().derivativeStatus(raw, body);
            if (s != null) {
                BitfinexAdapters.markPrice(instrument, s, java.time.Instant.now())
                        .ifPresent(m -> stream.publish(m, System.nanoTime()));
            }
            if (state() != DataState.REST_FALLBACK) {
                state(DataState.REST_FALLBACK, "WebSocket down; status polled over REST");
            }
        });
    }
}
