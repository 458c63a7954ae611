package org.tradebench.connector.simulated.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleInterval;

/**
 * Deterministic synthetic candle history for the time before the venue's live candles: what a
 * chart back-fills when it opens.
 *
 * <p>The path is generated backwards from an anchor price (the open of the oldest live candle, or
 * the price when the venue started) so the history joins the live candles without a jump. Each
 * step is a mean-reverting log-normal move with the live market's volatility scaled to the
 * interval, {@code σ·sqrt(seconds)}, pulled back towards the anchor with a time constant of
 * {@value #REVERSION_SECONDS} seconds so long histories stay plausible. The generator is seeded
 * from the venue seed, the instrument, the interval and the end of the history, so asking twice
 * gives the same candles, and asking for more candles extends the same path further back.
 */
final class CandleBackfill {

    /** Thirty days: daily history wanders, but not off to zero or infinity. */
    static final double REVERSION_SECONDS = 30 * 86400.0;

    private CandleBackfill() {
    }

    /**
     * Closed candles ending just before {@code endMillis}, oldest first.
     *
     * @param profile the instrument
     * @param instrumentIndex its index in the venue (part of the seed)
     * @param interval the interval
     * @param endMillis exclusive end, aligned to the interval: the last candle starts at
     *        {@code endMillis - interval}
     * @param count how many candles
     * @param anchor the close of the newest candle
     * @param seed the venue seed
     * @param tradesPerSecond the live market's typical trade rate, to give plausible volumes
     */
    static List<Candle> generate(InstrumentProfile profile, int instrumentIndex, CandleInterval interval,
            long endMillis, int count, BigDecimal anchor, long seed, double tradesPerSecond) {
        if (count <= 0) {
            return List.of();
        }
        SeededRandom random = new SeededRandom(SeededRandom.mix(seed, instrumentIndex, interval.millis(), endMillis));
        double seconds = interval.millis() / 1000.0;
        double sigma = FairPrice.SIGMA * StrictMath.sqrt(seconds);
        double keep = StrictMath.exp(-seconds / REVERSION_SECONDS);
        double anchorValue = anchor.doubleValue();
        long tick = profile.tickUnits();
        long lot = profile.lotUnits();
        double unitsPerPrice = StrictMath.pow(10, profile.priceScale());
        double typicalLots = profile.typicalSize().doubleValue() * StrictMath.pow(10, profile.sizeScale()) / lot;
        double meanTrades = Math.max(1, tradesPerSecond * seconds);

        List<Candle> out = new ArrayList<>(count);
        double xClose = 0; // ln(close / anchor) of the candle being generated, newest first
        for (int k = 0; k < count; k++) {
            double xOpen = xClose * keep + sigma * random.nextGaussian();
            long close = toTick(anchorValue * StrictMath.exp(xClose) * unitsPerPrice, tick);
            long open = toTick(anchorValue * StrictMath.exp(xOpen) * unitsPerPrice, tick);
            double wickUp = StrictMath.abs(sigma * random.nextGaussian()) * 0.6;
            double wickDown = StrictMath.abs(sigma * random.nextGaussian()) * 0.6;
            long high = Math.max(Math.max(open, close), toTick(Math.max(open, close) * StrictMath.exp(wickUp), tick));
            long low = Math.max(tick,
                    Math.min(Math.min(open, close), toTick(Math.min(open, close) * StrictMath.exp(-wickDown), tick)));
            long trades = Math.max(1, StrictMath.round(meanTrades * StrictMath.exp(0.4 * random.nextGaussian() - 0.08)));
            long lots = Math.max(1, StrictMath.round(trades * typicalLots * StrictMath.exp(0.5 * random.nextGaussian())));
            long start = endMillis - (k + 1) * interval.millis();
            out.add(new Candle(profile.id(), interval, Instant.ofEpochMilli(start), profile.price(open),
                    profile.price(high), profile.price(low), profile.price(close), profile.size(lots * lot), trades,
                    true));
            xClose = xOpen;
        }
        Collections.reverse(out);
        return out;
    }

    private static long toTick(double units, long tick) {
        return Math.max(tick, StrictMath.round(units / tick) * tick);
    }
}
