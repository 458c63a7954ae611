package org.tradebench.connector.binance.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tradebench.api.trading.AccountDiagnostics;
import org.tradebench.connector.binance.internal.BinanceConnector;
import org.tradebench.verification.CheckResult;
import org.tradebench.verification.Verdict;
import org.tradebench.verification.VerificationPlan;
import org.tradebench.verification.VerificationReport;
import org.tradebench.verification.Verifier;

/**
 * The verification tool's account checks on Binance spot with keys: the key's permissions from
 * {@code GET /sapi/v1/account/apiRestrictions} (a key that may withdraw is flagged loudly), the clock
 * offset the connector syncs with, and the request weight in use.
 */
class VerificationAccountTest {

    @Test
    void aKeyThatMayWithdrawIsFlaggedAndTheClockAndLimitsAreReported() throws Exception {
        try (BinanceTradingTarget target = new BinanceTradingTarget(false)) {
            target.sim.setWithdrawalsEnabled(true);
            target.sim.setClockSkew(1800);
            try (BinanceConnector c = target.connect(java.util.Map.of())) {
                AccountDiagnostics d = c.trading().orElseThrow().diagnose().toCompletableFuture().get(10,
                        java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(Boolean.TRUE, d.withdrawalsEnabled());
                assertTrue(d.permissions().containsAll(List.of("reading", "withdrawals", "spot-and-margin-trading")),
                        d.permissions().toString());
                assertTrue(d.rateLimit().startsWith("REQUEST_WEIGHT "), d.rateLimit());

                VerificationReport r = new Verifier(VerificationPlan.standard("binance", List.of("BTC/USDT"),
                        Duration.ofSeconds(3))).run(c, p -> {
                        }, () -> false);
                CheckResult permissions = r.check("account.permissions");
                assertEquals(Verdict.WARN, permissions.verdict());
                assertTrue(permissions.reason().startsWith("WITHDRAWALS ARE ENABLED on the key of main"),
                        permissions.reason());
                CheckResult clock = r.check("account.clock");
                assertEquals(Verdict.WARN, clock.verdict(), clock.toString());
                java.util.regex.Matcher ms = java.util.regex.Pattern
                        .compile("measured the exchange's clock (\\d+) ms ahead of this machine's").matcher(clock.reason());
                assertTrue(ms.find(), clock.reason());
                long offset = Long.parseLong(ms.group(1));
                assertTrue(offset > 1500 && offset < 2100, "the simulator's 1800 ms skew, within the sync's error: "
                        + clock.reason());
                CheckResult limits = r.check("account.rate-limit");
                assertEquals(Verdict.PASS, limits.verdict(), limits.toString());
                assertTrue(limits.reason().contains("REQUEST_WEIGHT "), limits.reason());
                assertEquals(1, r.accounts().size());
                assertFalse(r.accounts().get(0).permissions().isEmpty());
            }
            target.sim.setWithdrawalsEnabled(false);
            target.sim.setClockSkew(0);
            try (BinanceConnector c = target.connect(java.util.Map.of())) {
                AccountDiagnostics d = c.trading().orElseThrow().diagnose().toCompletableFuture().get(10,
                        java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(Boolean.FALSE, d.withdrawalsEnabled());
                assertFalse(d.permissions().contains("withdrawals"));
            }
        }
    }
}
