/**
 * Network plumbing that every exchange connector needs and none should write twice, on Jetty 12:
 * {@link org.tradebench.transport.ReconnectingWebSocket} (a WebSocket session that reconnects by
 * itself with jittered exponential back-off, measures ping/pong latency, watches for silence and
 * delivers every message as bytes without allocating per message),
 * {@link org.tradebench.transport.HttpJsonClient} (REST GET/POST with timeouts, rate limits and
 * readable error values), {@link org.tradebench.transport.RateLimiter} (a token bucket),
 * {@link org.tradebench.transport.ReconnectPolicy} and
 * {@link org.tradebench.transport.StalenessTracker} (per-channel silence detection that costs
 * no allocation per message). All of them share one {@link org.tradebench.transport.JettyTransport}
 * (the Jetty clients, their thread pool and a timer thread) per connector.
 *
 * <p>A public package for connector bundles, ours and third parties': plumbing, not API for
 * views.
 *
 * <pre>{@code
 * JettyTransport transport = JettyTransport.start("myexchange");
 * ReconnectingWebSocket ws = new ReconnectingWebSocket(transport,
 *         WebSocketOptions.of(URI.create("wss://stream.example.com/ws")), handler);
 * ws.start();   // handler.onOpen subscribes, handler.onFrame decodes the bytes in place
 * }</pre>
 *
 * <h2>Threading</h2>
 * <ul>
 * <li>{@link org.tradebench.transport.WebSocketHandler#onFrame} runs on the Jetty thread that
 * reads the socket (a thread of the transport's pool, {@code <name>-jetty-N}; not always the same
 * one), one call at a time per {@code ReconnectingWebSocket}, in the order the server sent. The
 * connector decodes the bytes right there, in place: they are the read buffer, valid during the
 * call only, and the next read happens when {@code onFrame} returns, so a handler must not
 * block.</li>
 * <li>{@code onOpen} and {@code onDisconnect} run on Jetty threads or the transport's timer;
 * {@code onOpen}, {@code onFrame} and {@code onDisconnect} never overlap for one
 * {@code ReconnectingWebSocket} (a new session's callbacks start only after the previous session
 * ended). {@code close()} and {@code reconnect(...)} never wait for a callback in progress: called
 * from a callback they report the disconnect at once, called from elsewhere they leave it to the
 * timer, so a handler may take its own lock in its callbacks and call them while holding it.</li>
 * <li>{@code onStale} and {@code onPingDue} run on the transport's timer thread and may overlap
 * with {@code onFrame}: state they share with it must be thread-safe. {@code onLatency} runs on
 * the reader for pong frames, and on the thread that called {@code pongReceived} for application
 * pings (usually the reader, from {@code onFrame}).</li>
 * <li>A handler that throws is logged (without the frame, which may carry account data) and the
 * connection carries on.</li>
 * <li>Receiving allocates nothing per message once a session is open: frames are parsed in
 * place in one read buffer, which grows once to the largest message seen (up to
 * {@code maxMessageBytes}). What remains is per read, however many messages it brings: Jetty's
 * selector wake-up and thread hand-off (about 100 to 140 bytes), and on {@code wss://} the JDK's
 * TLS decryption (about 1.7 KB per TLS record). Sending allocates (sends are rare).</li>
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
