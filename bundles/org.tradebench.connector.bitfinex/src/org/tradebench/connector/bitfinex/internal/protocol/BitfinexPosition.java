package org.tradebench.connector.bitfinex.internal.protocol;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A margin or derivatives position ({@code ps}/{@code pn}/{@code pu}/{@code pc}):
 * {@code [SYMBOL,STATUS,AMOUNT,BASE_PRICE,MARGIN_FUNDING,MARGIN_FUNDING_TYPE,PL,PL_PERC,PRICE_LIQ,
 * LEVERAGE,_,POSITION_ID,MTS_CREATE,MTS_UPDATE,_,TYPE,_,COLLATERAL,COLLATERAL_MIN,META]}. The
 * profit and loss fields are null unless the exchange computed them.
 *
 * @param symbol the raw symbol
 * @param status {@code ACTIVE} or {@code CLOSED}
 * @param amount signed size: positive long, negative short
 * @param basePrice entry price, nullable
 * @param marginFunding funding cost, nullable
 * @param profitLoss profit and loss, nullable
 * @param profitLossPercent profit and loss in percent, nullable
 * @param liquidationPrice liquidation price, nullable
 * @param leverage leverage, nullable
 * @param positionId the position id, nullable
 * @param created creation time in epoch milliseconds, nullable
 * @param updated update time in epoch milliseconds, nullable
 * @param collateral collateral, nullable
 */
public record BitfinexPosition(String symbol, String status, BigDecimal amount, BigDecimal basePrice,
        BigDecimal marginFunding, BigDecimal profitLoss, BigDecimal profitLossPercent, BigDecimal liquidationPrice,
        BigDecimal leverage, Long positionId, Long created, Long updated, BigDecimal collateral) {

    /** Validates. */
    public BitfinexPosition {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(amount, "amount");
    }
}
