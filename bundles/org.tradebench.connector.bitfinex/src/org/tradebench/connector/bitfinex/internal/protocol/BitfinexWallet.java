package org.tradebench.connector.bitfinex.internal.protocol;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A wallet balance ({@code ws}/{@code wu}):
 * {@code [WALLET_TYPE,CURRENCY,BALANCE,UNSETTLED_INTEREST,BALANCE_AVAILABLE,DESCRIPTION,META]}.
 *
 * @param type {@code exchange}, {@code margin} or {@code funding}
 * @param currency the raw currency code, for example {@code UST}
 * @param balance total balance
 * @param unsettledInterest unsettled interest, nullable
 * @param available balance available for orders, nullable (the exchange computes it lazily)
 */
public record BitfinexWallet(String type, String currency, BigDecimal balance, BigDecimal unsettledInterest,
        BigDecimal available) {

    /** Validates. */
    public BitfinexWallet {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(balance, "balance");
    }
}
