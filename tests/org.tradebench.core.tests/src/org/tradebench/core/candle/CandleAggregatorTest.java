package org.tradebench.core.candle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Trade;

class CandleAggregatorTest {

    private static final InstrumentId BTC = new InstrumentId("simulated", "BTC/USD");
    private static final Instant DAY = Instant.parse("2026-01-05T00:00:00Z");

    /** 200,000 trades over many months: bursts, quiet hours and days, ties and 3% late trades. */
    private static final List<Trade> STREAM = randomStream(200_000, 42);

    private final List<Candle> emitted = new ArrayList<>();

    private static Trade trade(String id, String time, String price, String quantity) {
        Instant t = Instant.parse(time);
        return new Trade(BTC, id, t, t, new BigDecimal(price), new BigDecimal(quantity), Side.BUY);
    }

    private static Candle candle(CandleInterval interval, String start, String open, String high, String low,
            String close, String volume, long trades, boolean closed) {
        return new Candle(BTC, interval, Instant.parse(start), new BigDecimal(open), new BigDecimal(high),
                new BigDecimal(low), new BigDecimal(close), new BigDecimal(volume), trades, closed);
    }

    @Test
    void bucketsAreAlignedAndANewerBucketClosesTheFormingOne() {
        CandleAggregator m5 = new CandleAggregator(BTC, CandleInterval.M5, 100, emitted::add);
        m5.onTrade(trade("1", "2026-01-05T10:17:30Z", "100", "1"));
        m5.onTrade(trade("2", "2026-01-05T10:19:59.999Z", "101.5", "0.25"));
        m5.onTrade(trade("3", "2026-01-05T10:20:00Z", "99", "2"));
        assertEquals(List.of(
                candle(CandleInterval.M5, "2026-01-05T10:15:00Z", "100", "100", "100", "100", "1", 1, false),
                candle(CandleInterval.M5, "2026-01-05T10:15:00Z", "100", "101.5", "100", "101.5", "1.25", 2, false),
                candle(CandleInterval.M5, "2026-01-05T10:15:00Z", "100", "101.5", "100", "101.5", "1.25", 2, true),
                candle(CandleInterval.M5, "2026-01-05T10:20:00Z", "99", "99", "99", "99", "2", 1, false)), emitted);
        assertEquals(Optional.of(emitted.get(3)), m5.current());
        assertEquals(List.of(emitted.get(2), emitted.get(3)), m5.candles());
    }

    @Test
    void ohlcAndVolumeFollowTheTrades() {
        CandleAggregator m1 = new CandleAggregator(BTC, CandleInterval.M1, 100, emitted::add);
        m1.onTrade(trade("1", "2026-01-05T10:00:01Z", "100", "0.5"));
        m1.onTrade(trade("2", "2026-01-05T10:00:10Z", "104", "0.25"));
        m1.onTrade(trade("3", "2026-01-05T10:00:20Z", "97.5", "1"));
        m1.onTrade(trade("4", "2026-01-05T10:00:59.5Z", "101", "0.125"));
        assertEquals(candle(CandleInterval.M1, "2026-01-05T10:00:00Z", "100", "104", "97.5", "101", "1.875", 4, false),
                m1.current().orElseThrow());
    }

    @Test
    void onTimeClosesTheFormingCandleWithoutATrade() {
        CandleAggregator m1 = new CandleAggregator(BTC, CandleInterval.M1, 100, emitted::add);
        m1.onTime(Instant.parse("2026-01-05T10:00:00Z"));
        assertEquals(List.of(), emitted, "nothing to close before the first trade");
        m1.onTrade(trade("1", "2026-01-05T10:00:10Z", "100", "1"));
        m1.onTime(Instant.parse("2026-01-05T10:00:59.999Z"));
        assertEquals(1, emitted.size(), "still forming one millisecond before the end");
        m1.onTime(Instant.parse("2026-01-05T10:01:00Z"));
        assertEquals(2, emitted.size());
        Candle closed = emitted.get(1);
        assertEquals(candle(CandleInterval.M1, "2026-01-05T10:00:00Z", "100", "100", "100", "100", "1", 1, true),
                closed);
        m1.onTime(Instant.parse("2026-01-05T10:05:00Z"));
        assertEquals(2, emitted.size(), "a candle closes once; quiet minutes produce no candles");
        assertEquals(Optional.empty(), m1.current());
        assertEquals(List.of(closed), m1.candles());

        m1.onTrade(trade("2", "2026-01-05T10:07:00Z", "102", "1"));
        assertEquals(List.of(closed,
                candle(CandleInterval.M1, "2026-01-05T10:07:00Z", "102", "102", "102", "102", "1", 1, false)),
                m1.candles(), "the next trade opens a new candle without closing the old one again");
        assertEquals(3, emitted.size());
    }

    @Test
    void aLateTradeUpdatesTheBucketItBelongsTo() {
        CandleAggregator m1 = new CandleAggregator(BTC, CandleInterval.M1, 100, emitted::add);
        m1.onTrade(trade("1", "2026-01-05T10:00:10Z", "100", "1"));
        m1.onTrade(trade("2", "2026-01-05T10:00:50Z", "101", "1"));
        m1.onTrade(trade("3", "2026-01-05T10:01:10Z", "102", "1"));
        m1.onTrade(trade("4", "2026-01-05T10:02:10Z", "103", "1"));
        emitted.clear();

        m1.onTrade(trade("late", "2026-01-05T10:00:30Z", "110", "0.5"));
        Candle updated = candle(CandleInterval.M1, "2026-01-05T10:00:00Z", "100", "110", "100", "101", "2.5", 3, true);
        assertEquals(List.of(updated), emitted, "re-emitted closed, with the late trade in high and volume");
        assertEquals(updated, m1.candles().get(0));
        assertEquals(candle(CandleInterval.M1, "2026-01-05T10:02:00Z", "103", "103", "103", "103", "1", 1, false),
                m1.current().orElseThrow(), "the forming candle is untouched");
    }

    @Test
    void aLateTradeBeforeTheOpenBecomesTheOpen() {
        CandleAggregator s5 = new CandleAggregator(BTC, CandleInterval.S5, 100, emitted::add);
        s5.onTrade(trade("1", "2026-01-05T10:00:03Z", "10", "1"));
        s5.onTrade(trade("2", "2026-01-05T10:00:01Z", "8", "1"));
        s5.onTrade(trade("3", "2026-01-05T10:00:02Z", "9", "1"));
        assertEquals(candle(CandleInterval.S5, "2026-01-05T10:00:00Z", "8", "10", "8", "10", "3", 3, false),
                s5.current().orElseThrow(), "open and close follow trade time, not arrival");
    }

    @Test
    void tradesAtTheSameTimeOpenAndCloseInArrivalOrder() {
        CandleAggregator s1 = new CandleAggregator(BTC, CandleInterval.S1, 100, emitted::add);
        s1.onTrade(trade("1", "2026-01-05T10:00:00.500Z", "10", "1"));
        s1.onTrade(trade("2", "2026-01-05T10:00:00.500Z", "11", "1"));
        s1.onTrade(trade("3", "2026-01-05T10:00:00.500Z", "12", "1"));
        s1.onTrade(trade("4", "2026-01-05T10:00:00.100Z", "9.5", "1"));
        s1.onTrade(trade("5", "2026-01-05T10:00:00.100Z", "9", "1"));
        assertEquals(candle(CandleInterval.S1, "2026-01-05T10:00:00Z", "9.5", "12", "9", "12", "5", 5, false),
                s1.current().orElseThrow());
    }

    @Test
    void aLateTradeInAQuietBucketMakesAClosedCandleInItsPlace() {
        CandleAggregator m1 = new CandleAggregator(BTC, CandleInterval.M1, 100, emitted::add);
        m1.onTrade(trade("1", "2026-01-05T10:00:10Z", "100", "1"));
        m1.onTrade(trade("2", "2026-01-05T10:03:10Z", "103", "1"));
        emitted.clear();
        m1.onTrade(trade("late", "2026-01-05T10:01:30Z", "101", "2"));
        Candle late = candle(CandleInterval.M1, "2026-01-05T10:01:00Z", "101", "101", "101", "101", "2", 1, true);
        assertEquals(List.of(late), emitted);
        assertEquals(List.of(Instant.parse("2026-01-05T10:00:00Z"), Instant.parse("2026-01-05T10:01:00Z"),
                Instant.parse("2026-01-05T10:03:00Z")), m1.candles().stream().map(Candle::start).toList());
    }

    @Test
    void oldCandlesAreForgottenAndTradesForThemDropped() {
        CandleAggregator s1 = new CandleAggregator(BTC, CandleInterval.S1, 3, emitted::add);
        for (int i = 0; i < 5; i++) {
            s1.onTrade(trade("t" + i, "2026-01-05T10:00:0" + (2 * i) + "Z", "100", "1"));
        }
        assertEquals(List.of(Instant.parse("2026-01-05T10:00:04Z"), Instant.parse("2026-01-05T10:00:06Z"),
                Instant.parse("2026-01-05T10:00:08Z")), s1.candles().stream().map(Candle::start).toList());
        emitted.clear();
        s1.onTrade(trade("old", "2026-01-05T10:00:02Z", "100", "1"));
        assertEquals(List.of(), emitted);
        assertEquals(1, s1.droppedTrades());
        s1.onTrade(trade("gap", "2026-01-05T10:00:05Z", "100", "1"));
        assertEquals(List.of(Instant.parse("2026-01-05T10:00:05Z"), Instant.parse("2026-01-05T10:00:06Z"),
                Instant.parse("2026-01-05T10:00:08Z")), s1.candles().stream().map(Candle::start).toList(),
                "a late trade inside the window makes room by forgetting the oldest");
    }

    @Test
    void dailyCandlesStartAtMidnightUtc() {
        CandleAggregator d1 = new CandleAggregator(BTC, CandleInterval.D1, 10, emitted::add);
        d1.onTrade(trade("1", "2026-01-05T23:59:59.999Z", "100", "1"));
        d1.onTrade(trade("2", "2026-01-06T00:00:00Z", "100", "1"));
        assertEquals(List.of(Instant.parse("2026-01-05T00:00:00Z"), Instant.parse("2026-01-06T00:00:00Z")),
                d1.candles().stream().map(Candle::start).toList());
    }

    @Test
    void tradesOfAnotherInstrumentAreRefused() {
        CandleAggregator m1 = new CandleAggregator(BTC, CandleInterval.M1, 10, emitted::add);
        InstrumentId eth = new InstrumentId("simulated", "ETH/USD");
        Trade t = new Trade(eth, "e1", DAY, DAY, BigDecimal.ONE, BigDecimal.ONE, Side.SELL);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m1.onTrade(t));
        assertEquals("trade e1 is for simulated:ETH/USD, this aggregator builds 1m candles of simulated:BTC/USD",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CandleAggregator(BTC, CandleInterval.M1, 0, c -> {
        }));
    }

    @ParameterizedTest(name = "{0} candles")
    @ValueSource(strings = { "1s", "5s", "1m", "5m", "1h", "1D" })
    void agreesWithTheReferenceOnALargeRandomStream(String label) {
        CandleInterval interval = CandleInterval.parse(label);
        CandleAggregator aggregator = new CandleAggregator(BTC, interval, 1_000_000, emitted::add);
        ReferenceCandles reference = new ReferenceCandles(BTC, interval);
        Instant clock = Instant.EPOCH;
        SplittableRandom random = new SplittableRandom(label.hashCode());
        for (int i = 0; i < STREAM.size(); i++) {
            Trade t = STREAM.get(i);
            aggregator.onTrade(t);
            reference.add(t);
            if (t.time().isAfter(clock)) {
                clock = t.time();
            }
            if (i % 50 == 0) {
                // A local clock running a little ahead of exchange time.
                aggregator.onTime(clock.plusMillis(random.nextInt(0, 2_000)));
            }
        }
        aggregator.onTime(clock.plus(Duration.ofDays(30)));

        List<Candle> expected = reference.candles();
        List<Candle> actual = aggregator.candles();
        assertEquals(expected.size(), actual.size(), "candle count");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "candle " + i);
        }
        assertEquals(0, aggregator.droppedTrades());
        assertEquals(Optional.empty(), aggregator.current());
        assertTrue(expected.size() > 150, "too few candles to mean anything: " + expected.size());

        // What listeners saw: per bucket, forming versions first, then only closed ones, and the
        // last version seen is the final candle.
        Map<Instant, Candle> last = new HashMap<>();
        for (Candle c : emitted) {
            Candle previous = last.put(c.start(), c);
            assertFalse(previous != null && previous.closed() && !c.closed(),
                    "candle " + c.start() + " re-opened after it was closed");
            assertEquals(0, c.start().toEpochMilli() % interval.millis(), "aligned start " + c.start());
        }
        assertEquals(expected.size(), last.size());
        for (Candle c : expected) {
            assertEquals(c, last.get(c.start()), "last emitted version of " + c.start());
        }
    }

    @Test
    void aSmallWindowHoldsExactlyTheNewestReferenceCandles() {
        CandleAggregator aggregator = new CandleAggregator(BTC, CandleInterval.M1, 10, emitted::add);
        ReferenceCandles reference = new ReferenceCandles(BTC, CandleInterval.M1);
        for (Trade t : STREAM) {
            aggregator.onTrade(t);
            reference.add(t);
        }
        aggregator.onTime(Instant.parse("3000-01-01T00:00:00Z"));
        List<Candle> expected = reference.candles();
        assertEquals(expected.subList(expected.size() - 10, expected.size()), aggregator.candles());
        assertTrue(aggregator.droppedTrades() > 0, "some late trades should fall outside a 10-minute window");
    }

    /**
     * A trade stream with bursts, quiet stretches (hours and days, for the long intervals), trades
     * sharing a timestamp, and late trades up to fifteen minutes behind.
     */
    private static List<Trade> randomStream(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Trade> trades = new ArrayList<>(count);
        long micros = DAY.toEpochMilli() * 1000 + random.nextLong(0, 86_400_000_000L);
        for (int i = 0; i < count; i++) {
            int dice = random.nextInt(10_000);
            long at;
            if (dice < 300) {
                at = micros - random.nextLong(0, 15 * 60_000_000L);
            } else {
                if (dice < 1_300) {
                    // same timestamp as the previous trade
                } else if (dice < 1_400) {
                    micros += random.nextLong(1_000_000L, 3 * 3_600_000_000L);
                } else if (dice < 1_406) {
                    micros += random.nextLong(86_400_000_000L, 3 * 86_400_000_000L);
                } else {
                    micros += random.nextLong(0, 400_000);
                }
                at = micros;
            }
            Instant time = Instant.EPOCH.plusNanos(at * 1000);
            BigDecimal price = BigDecimal.valueOf(random.nextLong(10_000, 20_000), 2);
            BigDecimal quantity = BigDecimal.valueOf(random.nextLong(1, 5_000), 3);
            trades.add(new Trade(BTC, "t" + i, time, time, price, quantity, random.nextBoolean() ? Side.BUY : Side.SELL));
        }
        return trades;
    }
}
