package org.tradebench.api.risk;

import org.osgi.annotation.versioning.ProviderType;

import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.trading.OrderRequest;

/**
 * Checks an order before it is sent. Pure and thread-safe.
 *
 * <pre>{@code
 * RiskVerdict verdict = check.check(request, instrument, new MarketContext(bid, ask, last), RiskLimits.DEFAULTS);
 * }</pre>
 *
 * <p>Implemented by {@code org.tradebench.core} (and registered as an OSGi service); the order gateway
 * calls it for every order.
 */
@FunctionalInterface
@ProviderType
public interface PreTradeRiskCheck {

    /**
     * Checks a request.
     *
     * @param request the order request
     * @param instrument the instrument with its trading rules
     * @param market the current market
     * @param limits the limits to apply
     * @return the verdict
     */
    RiskVerdict check(OrderRequest request, Instrument instrument, MarketContext market, RiskLimits limits);
}
