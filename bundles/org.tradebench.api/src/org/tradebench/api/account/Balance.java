package org.tradebench.api.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import org.tradebench.api.Decimals;

/**
 * The balance of one currency.
 *
 * @param exchangeId the connector id
 * @param currency the currency, for example {@code "USD"}
 * @param total total balance
 * @param available balance not reserved by orders or margin
 * @param time when it was last changed
 */
public record Balance(String exchangeId, String currency, BigDecimal total, BigDecimal available, Instant time) {

    /** Validates and normalises. */
    public Balance {
        Objects.requireNonNull(exchangeId, "exchangeId");
        Objects.requireNonNull(currency, "currency");
        total = Decimals.normalize(total);
        available = Decimals.normalize(available);
        Objects.requireNonNull(time, "time");
    }

    /**
     * The reserved part.
     *
     * @return total - available
     */
    public BigDecimal reserved() {
        return Decimals.normalize(total.subtract(available));
    }
}
