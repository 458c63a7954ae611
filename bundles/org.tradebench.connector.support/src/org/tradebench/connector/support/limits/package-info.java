/**
 * Rate limits: request weights and order counts per window as the exchange reports them (headers
 * such as {@code X-MBX-USED-WEIGHT-1M}, a WebSocket API's {@code rateLimits}), slowing down before
 * a limit, and the back-off an HTTP 429 or 418 with {@code Retry-After} imposes.
 *
 * <p>Threading: thread-safe. Nulls: none accepted, none returned.
 */
package org.tradebench.connector.support.limits;
