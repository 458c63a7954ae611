package org.tradebench.core.candle;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.Trade;

/**
 * The obviously-correct candle computation the aggregator is compared with: keep every trade,
 * group by bucket in a {@link TreeMap}, and derive each candle from its whole group at the end.
 * Open is the trade with the smallest (time, arrival) pair and close the one with the largest.
 */
final class ReferenceCandles {

    private record Arrived(Trade trade, long arrival) {
    }

    private static final Comparator<Arrived> BY_TIME_THEN_ARRIVAL = Comparator
            .comparing((Arrived a) -> a.trade().time()).thenComparingLong(Arrived::arrival);

    private final InstrumentId instrument;
    private final CandleInterval interval;
    private final TreeMap<Long, List<Arrived>> groups = new TreeMap<>();
    private long arrivals;

    ReferenceCandles(InstrumentId instrument, CandleInterval interval) {
        this.instrument = instrument;
        this.interval = interval;
    }

    void add(Trade trade) {
        long start = interval.bucketStartMillis(trade.time().toEpochMilli());
        groups.computeIfAbsent(start, k -> new ArrayList<>()).add(new Arrived(trade, arrivals++));
    }

    /** All candles, oldest first, every one closed. */
    List<Candle> candles() {
        List<Candle> out = new ArrayList<>(groups.size());
        for (Map.Entry<Long, List<Arrived>> group : groups.entrySet()) {
            List<Arrived> trades = group.getValue();
            BigDecimal open = trades.stream().min(BY_TIME_THEN_ARRIVAL).orElseThrow().trade().price();
            BigDecimal close = trades.stream().max(BY_TIME_THEN_ARRIVAL).orElseThrow().trade().price();
            BigDecimal high = trades.stream().map(a -> a.trade().price()).max(Comparator.naturalOrder()).orElseThrow();
            BigDecimal low = trades.stream().map(a -> a.trade().price()).min(Comparator.naturalOrder()).orElseThrow();
            BigDecimal volume = trades.stream().map(a -> a.trade().quantity()).reduce(BigDecimal.ZERO, BigDecimal::add);
            out.add(new Candle(instrument, interval, Instant.ofEpochMilli(group.getKey()), open, high, low, close,
                    volume, trades.size(), true));
        }
        return out;
    }
}
