package org.tradebench.api.trading;

import java.math.BigDecimal;
import java.util.Objects;

import org.tradebench.api.Decimals;
import org.tradebench.api.account.MarginMode;
import org.tradebench.api.instrument.InstrumentId;

/**
 * A setting of a derivatives account that the exchange keeps per instrument or per account:
 * leverage, margin mode, hedge (two-sided) position mode.
 *
 * <pre>{@code
 * account.configure(new AccountSetting.Leverage(perp, new BigDecimal("5")))
 *        .thenAccept(r -> status.setText(r.message()));
 * }</pre>
 */
public sealed interface AccountSetting permits AccountSetting.Leverage, AccountSetting.Margin,
        AccountSetting.HedgeMode {

    /**
     * The leverage of an instrument ({@link org.tradebench.api.Capability#LEVERAGE}).
     *
     * @param instrument the instrument
     * @param leverage the leverage, &gt;= 1
     */
    record Leverage(InstrumentId instrument, BigDecimal leverage) implements AccountSetting {
        /** Validates. */
        public Leverage {
            Objects.requireNonNull(instrument, "instrument");
            leverage = Decimals.requirePositive(leverage, "leverage");
            if (leverage.compareTo(BigDecimal.ONE) < 0) {
                throw new IllegalArgumentException("leverage must be >= 1, was " + leverage.toPlainString());
            }
        }
    }

    /**
     * Cross or isolated margin for an instrument ({@link org.tradebench.api.Capability#MARGIN_MODE}).
     *
     * @param instrument the instrument
     * @param mode the margin mode
     */
    record Margin(InstrumentId instrument, MarginMode mode) implements AccountSetting {
        /** Validates. */
        public Margin {
            Objects.requireNonNull(instrument, "instrument");
            Objects.requireNonNull(mode, "mode");
        }
    }

    /**
     * Hedge mode on or off for the whole account ({@link org.tradebench.api.Capability#HEDGE_MODE}).
     *
     * @param hedged true for a long and a short position per instrument, false for one-way
     */
    record HedgeMode(boolean hedged) implements AccountSetting {
    }
}
