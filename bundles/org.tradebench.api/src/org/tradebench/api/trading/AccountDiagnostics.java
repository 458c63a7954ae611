package org.tradebench.api.trading;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a trading account can tell about its key and its limits, for the verification tool's
 * account checks ({@link TradingAccount#diagnose()}). Each part is null when the connector does not
 * know it.
 *
 * <pre>{@code
 * account.diagnose().thenAccept(d -> {
 *     if (Boolean.TRUE.equals(d.withdrawalsEnabled())) warnLoudly();
 * });
 * }</pre>
 *
 * @param clockOffset the exchange's clock minus this machine's, as the connector measured it from the
 *        exchange's server time; null when the connector does not sync
 * @param withdrawalsEnabled whether the key may withdraw funds; null when unknown
 * @param permissions what the key may do, in the exchange's words ({@code "spot-and-margin-trading"},
 *        {@code "futures"}, {@code "reading"}, ...); empty when unknown
 * @param rateLimitUsed the share of the tightest request limit in use now, 0 to 1 (above 1 while
 *        refused); null when the connector does not count
 * @param rateLimit the rate-limit state in words ({@code "REQUEST_WEIGHT 1200 of 6000 per 1m"}); empty
 *        when unknown
 * @since 0.3
 */
public record AccountDiagnostics(Duration clockOffset, Boolean withdrawalsEnabled, List<String> permissions,
        Double rateLimitUsed, String rateLimit) {

    /** Nothing known. */
    public static final AccountDiagnostics UNKNOWN = new AccountDiagnostics(null, null, List.of(), null, "");

    /** Validates and copies. */
    public AccountDiagnostics {
        permissions = List.copyOf(permissions);
        Objects.requireNonNull(rateLimit, "rateLimit");
        if (rateLimitUsed != null && (rateLimitUsed.isNaN() || rateLimitUsed < 0)) {
            throw new IllegalArgumentException("rateLimitUsed must be >= 0, was " + rateLimitUsed);
        }
    }
}
