/**
 * Binance trading and account for spot and USD-M: {@code BinanceTradingAccount} (the API's
 * {@link org.tradebench.api.trading.TradingAccount}) sends orders over the WebSocket API
 * ({@code WsApiSession}: {@code /ws-api/v3}, {@code /ws-fapi/v1}; signed per request with HMAC keys,
 * {@code session.logon} once with Ed25519 keys), or signed REST while it is down
 * ({@code BinanceTradingRest}); {@code OrderCodec} is the protocol of an order (parameters, answers,
 * client ids), {@code AccountEvents} the user data events (spot through
 * {@code userDataStream.subscribe} on the WebSocket API, USD-M through a listenKey stream kept alive and
 * renewed). Orders, balances and positions are reconciled from REST after every (re)connect; while the
 * account stream is down they are polled, and health says so.
 *
 * <p>Threading: public methods may be called from any thread; state is guarded by the runtime lock;
 * futures complete and listener callbacks run on the delivery thread. API secrets, signatures and
 * listenKeys never reach a log, a message, health or a {@code toString}. Parameters are non-null
 * unless documented.
 */
package org.tradebench.connector.binance.internal.trading;
