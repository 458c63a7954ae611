package org.tradebench.api.trading;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import org.tradebench.api.Decimals;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;

/**
 * One execution of one of the user's orders.
 *
 * @param instrument the instrument
 * @param orderId the exchange's order id
 * @param clientOrderId the client order id
 * @param id the fill (own trade) id
 * @param side the order's side
 * @param price execution price
 * @param quantity executed quantity
 * @param fee fee charged (negative for a rebate); nullable when the exchange did not say (a
 *        Bitfinex execution whose fee message never came)
 * @param feeCurrency currency of the fee; nullable exactly when {@code fee} is
 * @param maker true when the order provided liquidity
 * @param time exchange time
 * @param accountId the trading account
 */
public record Fill(InstrumentId instrument, String orderId, String clientOrderId, String id, Side side,
        BigDecimal price, BigDecimal quantity, BigDecimal fee, String feeCurrency, boolean maker, Instant time,
        String accountId) {

    /** Validates and normalises. */
    public Fill {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(side, "side");
        price = Decimals.requirePositive(price, "price");
        quantity = Decimals.requirePositive(quantity, "quantity");
        fee = Decimals.normalizeNullable(fee);
        if ((fee == null) != (feeCurrency == null)) {
            throw new IllegalArgumentException("a fee and its currency go together (fee " + fee + ", currency "
                    + feeCurrency + ")");
        }
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(accountId, "accountId");
    }
}
