package org.tradebench.venues.bitfinex;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.tradebench.api.market.Candle;

/**
 * Bitfinex candle timeframes and how the simulator builds each from a venue interval. 1W and 14D
 * buckets start on Mondays 00:00 UTC (counted from Monday 1970-01-05), 1M on the first of each
 * calendar month; the others are multiples of their length since the epoch.
 */
enum Timeframe {
    M1("1m", BaseInterval.M1, 60_000L),
    M5("5m", BaseInterval.M5, 300_000L),
    M15("15m", BaseInterval.M15, 900_000L),
    M30("30m", BaseInterval.M15, 1_800_000L),
    H1("1h", BaseInterval.H1, 3_600_000L),
    H3("3h", BaseInterval.H1, 10_800_000L),
    H6("6h", BaseInterval.H1, 21_600_000L),
    H12("12h", BaseInterval.H1, 43_200_000L),
    D1("1D", BaseInterval.D1, 86_400_000L),
    W1("1W", BaseInterval.D1, 7 * 86_400_000L),
    D14("14D", BaseInterval.D1, 14 * 86_400_000L),
    MONTH("1M", BaseInterval.D1, 31 * 86_400_000L);

    private static final long MONDAY = 4 * 86_400_000L;

    final String label;
    final BaseInterval base;
    final long millis;

    Timeframe(String label, BaseInterval base, long millis) {
        this.label = label;
        this.base = base;
        this.millis = millis;
    }

    static Timeframe parse(String label) {
        for (Timeframe t : values()) {
            if (t.label.equals(label)) {
                return t;
            }
        }
        return null;
    }

    long bucketStart(long mts) {
        return switch (this) {
            case W1, D14 -> Math.floorDiv(mts - MONDAY, millis) * millis + MONDAY;
            case MONTH -> {
                YearMonth m = YearMonth.from(Instant.ofEpochMilli(mts).atOffset(ZoneOffset.UTC));
                yield m.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            default -> Math.floorDiv(mts, millis) * millis;
        };
    }

    /** Venue candles needed for {@code count} of these (at most what the venue back-fills). */
    int baseCandlesFor(int count) {
        long ratio = Math.max(1, millis / base.interval.millis());
        return (int) Math.min(10_000, ratio * count + ratio);
    }

    /** One aggregated candle: start, open, close, high, low, volume. */
    record Row(long mts, BigDecimal open, BigDecimal close, BigDecimal high, BigDecimal low, BigDecimal volume) {
    }

    /** Groups venue candles (oldest first) into this timeframe's buckets, oldest first. */
    List<Row> aggregate(List<Candle> base) {
        List<Row> out = new ArrayList<>();
        Row cur = null;
        for (Candle c : base) {
            long b = bucketStart(c.start().toEpochMilli());
            if (cur == null || cur.mts() != b) {
                if (cur != null) {
                    out.add(cur);
                }
                cur = new Row(b, c.open(), c.close(), c.high(), c.low(), c.volume());
            } else {
                cur = new Row(b, cur.open(), c.close(), cur.high().max(c.high()), cur.low().min(c.low()),
                        cur.volume().add(c.volume()));
            }
        }
        if (cur != null) {
            out.add(cur);
        }
        return out;
    }
}
