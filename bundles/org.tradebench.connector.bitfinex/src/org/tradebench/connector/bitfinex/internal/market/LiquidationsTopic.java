package org.tradebench.connector.bitfinex.internal.market;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Liquidation;
import org.tradebench.api.market.LiquidationListener;
import org.tradebench.connector.bitfinex.internal.BitfinexAdapters;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannel;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannelType;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexError;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexLiquidation;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSymbols;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrailer;
import org.tradebench.connector.support.stream.EventStream;

/**
 * The liquidation feed ({@code status} channel, key {@code liq:global}): one channel for every
 * derivative, one stream per instrument that someone asked for. Executed liquidations (IS_MATCH 1)
 * are delivered, each once. There is no REST fallback for it: while the socket is down the streams
 * say so. Runtime lock held.
 */
final class LiquidationsTopic extends Topic {

    static final String KEY = "status liq:global";

    private final Map<InstrumentId, EventStream<LiquidationListener, Liquidation>> streams = new LinkedHashMap<>();
    private DataState state = DataState.PENDING;
    private String cause = "";
    /** Passive mode (stream decoders): receives every liquidation inline, whatever the instrument. */
    LiquidationListener observer;

    LiquidationsTopic(BitfinexMarketData md) {
        super(KEY, md);
    }

    /** The stream of one instrument, created on first use. */
    EventStream<LiquidationListener, Liquidation> stream(InstrumentId instrument) {
        return streams.computeIfAbsent(instrument, i -> {
            EventStream<LiquidationListener, Liquidation> s = new EventStream<>(md.runtime(), "liquidations "
                    + i.symbol(), this);
            s.state(state, cause);
            return s;
        });
    }

    @Override
    String subscribeMessage() {
        return "{\"event\":\"subscribe\",\"channel\":\"status\",\"key\":\"liq:global\"}";
    }

    @Override
    boolean matches(BitfinexChannel ch) {
        return ch.type() == BitfinexChannelType.LIQUIDATIONS;
    }

    @Override
    boolean refusedBy(BitfinexError e) {
        return "status".equals(e.channel()) && "liq:global".equals(e.key());
    }

    @Override
    void lost(String reason) {
        // liquidations delivered stay delivered
    }

    @Override
    void state(DataState newState, String newCause) {
        state = newState;
        cause = newCause;
        for (EventStream<LiquidationListener, Liquidation> s : streams.values()) {
            s.state(newState, newCause);
        }
    }

    @Override
    DataState state() {
        return state;
    }

    @Override
    void failed(String why) {
        for (EventStream<LiquidationListener, Liquidation> s : streams.values()) {
            s.end(DataState.FAILED, why);
        }
        streams.clear();
    }

    @Override
    void closed() {
        for (EventStream<LiquidationListener, Liquidation> s : streams.values()) {
            s.end(DataState.CLOSED, "connector closed");
        }
    }

    @Override
    public void onLiquidations(BitfinexChannel channel, List<BitfinexLiquidation> liquidations,
            BitfinexTrailer trailer) {
        if (state != DataState.LIVE) {
            state(DataState.LIVE, "");
        }
        for (BitfinexLiquidation l : liquidations) {
            InstrumentId id;
            try {
                id = new InstrumentId(BitfinexSymbols.EXCHANGE_ID, BitfinexSymbols.unified(l.symbol()));
            } catch (IllegalArgumentException e) {
                continue; // a symbol this connector cannot name (funding): no stream can want it
            }
            if (observer != null) {
                BitfinexAdapters.liquidation(id, l, received()).ifPresent(observer::onLiquidation);
                continue;
            }
            EventStream<LiquidationListener, Liquidation> s = streams.get(id);
            if (s != null && s.subscriberCount() > 0) {
                BitfinexAdapters.liquidation(id, l, received()).ifPresent(x -> s.publish(x, receivedNanos()));
            }
        }
    }

    @Override
    void poll() {
        if (state != DataState.RESYNCING) {
            state(DataState.RESYNCING, "WebSocket down; Bitfinex has no REST liquidation feed to poll");
        }
    }
}
