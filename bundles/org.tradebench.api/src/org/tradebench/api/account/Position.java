package org.tradebench.api.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import org.tradebench.api.Decimals;
import org.tradebench.api.instrument.InstrumentId;

/**
 * A derivatives position. In hedge mode ({@link #hedged()}) an instrument has a LONG and a SHORT
 * position at once and {@link #side()} tells them apart; in one-way mode there is one position per
 * instrument.
 *
 * @param instrument the instrument
 * @param side long, short or flat
 * @param quantity absolute size in the base currency, &gt;= 0 (0 when flat)
 * @param entryPrice average entry price, nullable when flat
 * @param markPrice current mark price, nullable when unknown
 * @param unrealizedPnl unrealised profit and loss in the settle currency
 * @param realizedPnl realised profit and loss since the position opened
 * @param leverage leverage, &gt; 0
 * @param liquidationPrice estimated liquidation price, nullable when none applies
 * @param time when it last changed
 * @param accountId the trading account
 * @param marginMode cross or isolated, nullable when the exchange does not say
 * @param margin the margin held for it, nullable when the exchange does not say
 * @param hedged whether the account is in hedge mode (positions keyed by instrument and side)
 */
public record Position(InstrumentId instrument, PositionSide side, BigDecimal quantity, BigDecimal entryPrice,
        BigDecimal markPrice, BigDecimal unrealizedPnl, BigDecimal realizedPnl, BigDecimal leverage,
        BigDecimal liquidationPrice, Instant time, String accountId, MarginMode marginMode, BigDecimal margin,
        boolean hedged) {

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
        Objects.requireNonNull(accountId, "accountId");
        margin = Decimals.normalizeNullable(margin);
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
