/**
 * Network plumbing that every exchange connector needs and none should write twice, on Jetty 12:
 * {@link org.tradebench.transport.ReconnectingWebSocket} (a WebSocket session that reconnects by
 * itself with jittered exponential back-off, measures ping/pong latency and watches for silence),
 * {@link org.tradebench.transport.HttpJsonClient} (REST GET/POST with timeouts, rate limits and
 * readable error values), {@link org.tradebench.transport.RateLimiter} (a token bucket),
 * {@link org.tradebench.transport.ReconnectPolicy} and
 * {@link org.tradebench.transport.StalenessTracker} (per-channel silence detection that costs
 * no allocation per message). All of them share one {@link org.tradebench.transport.JettyTransport}
 * (the Jetty clients, their thread pool and a timer thread) per connector.
 *
 * <p>The package is exported only to the connector bundles (and tests, and the protocol
 * simulators) through {@code x-friends}: it is plumbing, not API for views.
 *
 * <h2>Threading</h2>
 * <ul>
 * <li>{@link org.tradebench.transport.WebSocketHandler#onOpen}, {@code onText} and
 * {@code onDisconnect} run on Jetty threads, one at a time and in order for one
 * {@code ReconnectingWebSocket} (a new session's callbacks start only after the previous session
 * ended). The connector decodes frames right there: the next frame is read when {@code onText}
 * returns, so a handler must not block.</li>
 * <li>{@code onStale}, {@code onPingDue} and {@code onLatency} run on the transport's timer thread
 * and may overlap with {@code onText}: state they share with it must be thread-safe.</li>
 * <li>A handler that throws is logged (without the frame text, which may carry account data) and
 * the connection carries on.</li>
 * <li>{@code RateLimiter}, {@code StalenessTracker}, {@code HttpJsonClient} and the public methods
 * of {@code ReconnectingWebSocket} are thread-safe. {@code HttpJsonClient} futures complete on a
 * Jetty thread and never complete exceptionally: failures are {@link
 * org.tradebench.transport.HttpResult.Failure} values.</li>
 * </ul>
 *
 * <h2>Secrets</h2> Nothing here logs frame contents, request bodies or headers; URLs in messages
 * pass through {@link org.tradebench.transport.HttpResult#redact(java.net.URI)}, which masks query
 * values whose names look like keys, signatures or tokens.
 *
 * <p>Nulls: parameters are non-null and no method returns null, except where a parameter or
 * record component is documented as nullable.
 */
package org.tradebench.transport;
