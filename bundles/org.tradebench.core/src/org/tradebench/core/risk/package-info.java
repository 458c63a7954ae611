/**
 * The standard pre-trade risk check, {@link org.tradebench.core.risk.StandardRiskCheck}: instrument,
 * precision (round to tick and lot, or refuse), maximum quantity, open orders, reference price, price
 * band around the mid, notional limits and the share of the available balance one order may use,
 * with a message a person can read for every rounding and refusal. It
 * is registered as the {@link org.tradebench.api.risk.PreTradeRiskCheck} OSGi service and can also
 * be created directly.
 *
 * <p>Threading: stateless and thread-safe; call it from any thread.
 *
 * <p>Nulls: parameters are non-null; no method returns null. Bad orders are values (a refusing
 * {@link org.tradebench.api.risk.RiskVerdict}), never exceptions.
 */
package org.tradebench.core.risk;
