package org.tradebench.api.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import org.tradebench.api.Decimals;
import org.tradebench.api.instrument.InstrumentId;

/**
 * A derivatives position.
 *
 * @param instrument the instrument
 * @param side long, short or flat
 * @param quantity absolute size in the base currency, &gt;= 0 (0 when flat)
 * @param entryPrice average entry price, nullable when flat
 * @param markPrice current mark price, nullable when unknown
 * @param unrealizedPnl unrealised profit and loss in the settle currency
 * @param realizedPnl realised profit and loss since the position opened
 * @param leverage leverage, &gt;= 1
 * @param liquidationPrice estimated liquidation price, nullable when none applies
 * @param time when it last changed
 */
public record Position(InstrumentId instrument, PositionSide side, BigDecimal quantity, BigDecimal entryPrice,
        BigDecimal markPrice, BigDecimal unrealizedPnl, BigDecimal realizedPnl, BigDecimal leverage,
        BigDecimal liquidationPrice, Instant time) {

    /** Validates and normalises. */
    public Position {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(side, "side");
        quantity = Decimals.requireNonNegative(quantity, "quantity");
        if ((side == PositionSide.FLAT) != (quantity.signum() == 0)) {
            throw new IllegalArgumentException("position " + instrument + ": side " + side + " with quantity " + quantity);
        }
        entryPrice = Decimals.normalizeNullable(entryPrice);
        markPrice = Decimals.normalizeNullable(markPrice);
        unrealizedPnl = Decimals.normalize(unrealizedPnl);
        realizedPnl = Decimals.normalize(realizedPnl);
        leverage = Decimals.requirePositive(leverage, "leverage");
        liquidationPrice = Decimals.normalizeNullable(liquidationPrice);
        Objects.requireNonNull(time, "time");
    }

    /**
     * The signed size: positive long, negative short.
     *
     * @return the signed quantity
     */
    public BigDecimal signedQuantity() {
        return side == PositionSide.SHORT ? quantity.negate() : quantity;
    }
}
