package org.tradebench.connector.bitfinex.internal.market;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Trade;
import org.tradebench.api.market.TradeListener;
import org.tradebench.connector.bitfinex.internal.BitfinexAdapters;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannel;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannelType;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexError;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrade;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTradeEvent;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrailer;
import org.tradebench.connector.support.stream.EventStream;

/**
 * The trades channel of one pair. Each trade reaches listeners once: Bitfinex sends it as
 * {@code te} and again as {@code tu}, snapshots after a resubscribe repeat recent trades, and REST
 * polls overlap; all are merged by trade id. Ids remembered are bounded; an id at or below the
 * largest one forgotten counts as seen (Bitfinex trade ids increase). REST fallback
 * {@code GET /v2/trades/SYM/hist}. Runtime lock held.
 */
final class TradesTopic extends Topic {

    private static final int REMEMBERED = 4096;

    final InstrumentId instrument;
    final String raw;
    final EventStream<TradeListener, Trade> stream;
    private final LinkedHashSet<Long> seen = new LinkedHashSet<>();
    private long forgottenMax = Long.MIN_VALUE;
    private long duplicates;
    private Trade last;

    TradesTopic(InstrumentId instrument, String raw, BitfinexMarketData md) {
        super(key(raw), md);
        this.instrument = instrument;
        this.raw = raw;
        this.stream = new EventStream<>(md.runtime(), "trades " + raw, this);
    }

    static String key(String raw) {
        return "trades " + raw;
    }

    @Override
    String subscribeMessage() {
        return "{\"event\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"" + raw + "\"}";
    }

    @Override
    boolean matches(BitfinexChannel ch) {
        return ch.type() == BitfinexChannelType.TRADES && ch.symbol() != null && ch.symbol().raw().equals(raw);
    }

    @Override
    boolean refusedBy(BitfinexError e) {
        return "trades".equals(e.channel()) && raw.equals(e.symbol());
    }

    /** Duplicates dropped so far (te/tu pairs, snapshot overlaps). */
    long duplicates() {
        return duplicates;
    }

    /** The last trade, or null. */
    Trade last() {
        return last;
    }

    @Override
    void lost(String reason) {
        // trades already delivered stay delivered; the ids remembered keep repeats out
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
    public void onTradeSnapshot(BitfinexChannel channel, List<BitfinexTrade> trades, BitfinexTrailer trailer) {
        offerNewestFirst(trades, received(), receivedNanos());
        state(DataState.LIVE, "");
    }

    @Override
    public void onTrade(BitfinexChannel channel, BitfinexTradeEvent event, BitfinexTrade trade, BitfinexTrailer trailer) {
        offer(trade, received(), receivedNanos());
        if (state() != DataState.LIVE) {
            state(DataState.LIVE, "");
        }
    }

    private void offerNewestFirst(List<BitfinexTrade> trades, Instant received, long nanos) {
        for (int i = trades.size() - 1; i >= 0; i--) {
            offer(trades.get(i), received, nanos);
        }
    }

    private void offer(BitfinexTrade t, Instant received, long nanos) {
        long id = t.id();
        if (id <= forgottenMax || !seen.add(id)) {
            duplicates++;
            return;
        }
        if (seen.size() > REMEMBERED) {
            Iterator<Long> it = seen.iterator();
            forgottenMax = Math.max(forgottenMax, it.next());
            it.remove();
        }
        BitfinexAdapters.trade(instrument, t, received).ifPresent(trade -> {
            last = trade;
            stream.publish(trade, nanos);
        });
    }

    @Override
    void poll() {
        md.restCalls().poll(this, "trades/" + raw + "/hist?limit=120", body -> {
            offerNewestFirst(md.payloads().trades(raw, body), Instant.now(), System.nanoTime());
            if (state() != DataState.REST_FALLBACK) {
                state(DataState.REST_FALLBACK, "WebSocket down; trades polled over REST");
            }
        });
    }
}
