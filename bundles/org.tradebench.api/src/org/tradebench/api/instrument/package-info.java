/**
 * Instruments and their trading rules: price precision (a tick size or a number of significant
 * digits), lot size, minimum and maximum quantity, minimum notional, contract size, and what each
 * instrument offers.
 *
 * <p>All types are immutable values, safe to share between threads. Parameters and components are
 * non-null unless documented otherwise. {@link InstrumentListener} callbacks run on a connector
 * delivery thread.
 */
@Version("0.2.0")
package org.tradebench.api.instrument;

import org.osgi.annotation.versioning.Version;
