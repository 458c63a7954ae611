package org.tradebench.api.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import org.tradebench.api.Decimals;

/**
 * The balance of one currency in one wallet of one trading account.
 *
 * <pre>{@code
 * Balance usd = new Balance("bitfinex", "main", Balance.EXCHANGE, "USD", total, available, null, now);
 * usd.reserved();   // in orders or margin
 * }</pre>
 *
 * @param exchangeId the connector id
 * @param accountId the trading account
 * @param wallet the wallet within the account: {@link #EXCHANGE}, {@link #MARGIN}, {@link #FUNDING},
 *        or an exchange's own name
 * @param currency the currency, for example {@code "USD"}
 * @param total total balance (wallet balance)
 * @param available balance not reserved by orders or margin
 * @param unrealizedPnl unrealised profit and loss of the positions margined by it, nullable when the
 *        exchange does not say
 * @param time when it was last changed
 */
public record Balance(String exchangeId, String accountId, String wallet, String currency, BigDecimal total,
        BigDecimal available, BigDecimal unrealizedPnl, Instant time) {

    /** The spot (exchange) wallet. */
    public static final String EXCHANGE = "exchange";
    /** The margin (derivatives) wallet. */
    public static final String MARGIN = "margin";
    /** The funding (lending) wallet. */
    public static final String FUNDING = "funding";

    /** Validates and normalises. */
    public Balance {
        Objects.requireNonNull(exchangeId, "exchangeId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(wallet, "wallet");
        Objects.requireNonNull(currency, "currency");
        total = Decimals.normalize(total);
        available = Decimals.normalize(available);
        unrealizedPnl = Decimals.normalizeNullable(unrealizedPnl);
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
