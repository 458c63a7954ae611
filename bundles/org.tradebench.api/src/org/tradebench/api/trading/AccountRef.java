package org.tradebench.api.trading;

import java.util.Objects;

/**
 * Names one trading account of one connector.
 *
 * <pre>{@code
 * AccountRef usdm = new AccountRef("binance", "usdm");
 * AccountRef parsed = AccountRef.parse("binance/usdm");
 * }</pre>
 *
 * @param exchangeId the connector id
 * @param accountId the account id within it
 */
public record AccountRef(String exchangeId, String accountId) {

    /** Validates. */
    public AccountRef {
        Objects.requireNonNull(exchangeId, "exchangeId");
        Objects.requireNonNull(accountId, "accountId");
        if (exchangeId.isBlank() || accountId.isBlank() || exchangeId.contains("/") || accountId.contains("/")) {
            throw new IllegalArgumentException("account reference needs an exchange id and an account id without '/': '"
                    + exchangeId + "/" + accountId + "'");
        }
    }

    /**
     * The reference of an account.
     *
     * @param account the account
     * @return its reference
     */
    public static AccountRef of(TradingAccount account) {
        return new AccountRef(account.exchangeId(), account.accountId());
    }

    /**
     * Parses {@code exchange/account}, the form of {@link #toString()}.
     *
     * @param text the text
     * @return the reference
     */
    public static AccountRef parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("expected exchange/account, got '" + text + "'");
        }
        return new AccountRef(text.substring(0, slash), text.substring(slash + 1));
    }

    @Override
    public String toString() {
        return exchangeId + "/" + accountId;
    }
}
