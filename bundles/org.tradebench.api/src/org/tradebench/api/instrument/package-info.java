/**
 * Instruments and their trading rules (tick size, lot size, minimum notional).
 *
 * <p>All types are immutable values, safe to share between threads. Parameters and components are
 * non-null unless documented otherwise.
 */
package org.tradebench.api.instrument;
