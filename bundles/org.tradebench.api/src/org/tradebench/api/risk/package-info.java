/**
 * The pre-trade risk check every order passes before it is sent: maximum quantity and notional, a
 * price band around the mid price (the fat-finger guard), and precision (tick and lot).
 *
 * <p>The standard implementation lives in {@code org.tradebench.core}; the order gateway calls it
 * before every order. It is a pure function, safe to call from
 * any thread. Components are non-null unless documented as nullable.
 */
@Version("0.2.0")
package org.tradebench.api.risk;

import org.osgi.annotation.versioning.Version;
