package org.tradebench.ui.positions.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import org.tradebench.api.account.Position;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.instrument.InstrumentId;

/**
 * Position arithmetic the view does itself: unrealised P&amp;L at a newer mark than the connector's,
 * distance to liquidation, the size of a partial close. Pure functions, any thread.
 */
public final class PositionMath {

    private static final MathContext MC = MathContext.DECIMAL64;

    private PositionMath() {
    }

    /**
     * Unrealised P&amp;L at a mark price, in the settle currency. Linear contracts (settled in the
     * quote): size × (mark − entry). Inverse contracts (settled in the base, {@code BTC/USD:BTC}):
     * size × (mark − entry) / mark. Short positions have the sign turned.
     *
     * @param position the position
     * @param mark the mark price
     * @return the P&amp;L, or null when the position has no entry price or is flat
     */
    public static BigDecimal unrealizedPnl(Position position, BigDecimal mark) {
        if (position.side() == PositionSide.FLAT || position.entryPrice() == null || mark == null
                || mark.signum() <= 0) {
            return null;
        }
        BigDecimal pnl = position.signedQuantity().multiply(mark.subtract(position.entryPrice()));
        if (isInverse(position.instrument())) {
            pnl = pnl.divide(mark, MC);
        }
        return pnl.stripTrailingZeros();
    }

    /**
     * Whether an instrument is settled in its base currency.
     *
     * @param id the instrument
     * @return true for {@code BASE/QUOTE:BASE}
     */
    public static boolean isInverse(InstrumentId id) {
        String s = id.symbol();
        int slash = s.indexOf('/');
        int colon = s.indexOf(':');
        return slash > 0 && colon > slash && s.substring(0, slash).equals(s.substring(colon + 1));
    }

    /**
     * How far the mark is from liquidation, as a fraction of the mark.
     *
     * @param mark the mark price
     * @param liquidation the liquidation price, nullable
     * @return |mark − liquidation| / mark, or null when either is unknown
     */
    public static BigDecimal liquidationDistance(BigDecimal mark, BigDecimal liquidation) {
        if (mark == null || liquidation == null || mark.signum() <= 0) {
            return null;
        }
        return mark.subtract(liquidation).abs().divide(mark, MC);
    }

    /**
     * Whether the mark is within a fraction of the liquidation price (or past it).
     *
     * @param position the position (its side says which way is past)
     * @param mark the mark price
     * @param threshold the fraction, for example 0.10
     * @return true when a warning is due
     */
    public static boolean nearLiquidation(Position position, BigDecimal mark, BigDecimal threshold) {
        BigDecimal liq = position.liquidationPrice();
        BigDecimal d = liquidationDistance(mark, liq);
        if (d == null || position.side() == PositionSide.FLAT) {
            return false;
        }
        boolean past = position.side() == PositionSide.LONG ? mark.compareTo(liq) <= 0 : mark.compareTo(liq) >= 0;
        return past || d.compareTo(threshold) <= 0;
    }

    /**
     * The size of a partial close, rounded down to the lot size.
     *
     * @param quantity the position's size
     * @param percent 1 to 100
     * @param lotSize the instrument's lot size, nullable when unknown
     * @return the size, possibly zero when the part is below one lot
     */
    public static BigDecimal part(BigDecimal quantity, int percent, BigDecimal lotSize) {
        BigDecimal raw = quantity.multiply(BigDecimal.valueOf(percent)).divide(BigDecimal.valueOf(100), MC);
        if (lotSize == null || lotSize.signum() <= 0) {
            return raw.stripTrailingZeros();
        }
        BigDecimal lots = raw.divide(lotSize, 0, RoundingMode.DOWN);
        return lots.multiply(lotSize).stripTrailingZeros();
    }
}
