package org.tradebench.connector.bitfinex.internal.market;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.market.Trade;
import org.tradebench.api.market.TradeListener;
import org.tradebench.connector.bitfinex.internal.BitfinexAdapters;
import org.tradebench.connector.bitfinex.internal.StreamHandle;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannel;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannelType;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrade;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTradeEvent;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrailer;

/**
 * The trades channel of one pair. Each trade reaches listeners once: Bitfinex sends it as
 * {@code te} and again as {@code tu}, snapshots after a resubscribe repeat recent trades, and REST
 * polls overlap; all are merged by trade id. Ids remembered are bounded; an id at or below the
 * largest one forgotten counts as seen (Bitfinex trade ids increase). REST fallback
 * {@code GET /v2/trades/SYM/hist}. Connector thread.
 */
final class TradesTopic extends Topic<TradeListener> {

    private static final int REMEMBERED = 4096;
    private static final int WELCOME = 50;

    private final LinkedHashSet<Long> seen = new LinkedHashSet<>();
    private long forgottenMax = Long.MIN_VALUE;
    private final ArrayDeque<Trade> recent = new ArrayDeque<>();
    private long duplicates;

    TradesTopic(Instrument instrument, BitfinexMarketData md) {
        super(key(instrument.rawSymbol()), instrument, md);
    }

    static String key(String raw) {
        return "trades " + raw;
    }

    @Override
    String subscribeMessage() {
        return pairSubscribeMessage("trades");
    }

    @Override
    boolean matches(BitfinexChannel ch) {
        return ch.type() == BitfinexChannelType.TRADES && isForPair(ch);
    }

    @Override
    void welcome(StreamHandle<TradeListener> h) {
        for (Trade t : List.copyOf(recent)) {
            h.deliver(l -> l.onTrade(t));
        }
    }

    /** Duplicates dropped so far (te/tu pairs, snapshot overlaps). */
    long duplicates() {
        return duplicates;
    }

    @Override
    public void onTradeSnapshot(BitfinexChannel channel, List<BitfinexTrade> trades, BitfinexTrailer trailer) {
        offerNewestFirst(trades, Instant.now());
        state(DataState.LIVE);
    }

    @Override
    public void onTrade(BitfinexChannel channel, BitfinexTradeEvent event, BitfinexTrade trade, BitfinexTrailer trailer) {
        offer(trade, Instant.now());
        if (state != DataState.LIVE) {
            state(DataState.LIVE);
        }
    }

    private void offerNewestFirst(List<BitfinexTrade> trades, Instant received) {
        for (int i = trades.size() - 1; i >= 0; i--) {
            offer(trades.get(i), received);
        }
    }

    private void offer(BitfinexTrade t, Instant received) {
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
        BitfinexAdapters.trade(instrument.id(), t, received).ifPresent(trade -> {
            recent.addLast(trade);
            if (recent.size() > WELCOME) {
                recent.removeFirst();
            }
            md.context(instrument.id(), null, null, trade.price());
            deliver(l -> l.onTrade(trade));
        });
    }

    @Override
    void poll() {
        md.restPoll(this, "trades/" + instrument.rawSymbol() + "/hist?limit=120",
                body -> offerNewestFirst(md.payloads().trades(instrument.rawSymbol(), body), Instant.now()));
    }
}
