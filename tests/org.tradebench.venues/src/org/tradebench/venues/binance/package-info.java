/**
 * A loopback Binance simulator (spot and USD-M futures): {@link
 * org.tradebench.venues.binance.BinanceSimulator} speaks Binance's stream and REST protocols as
 * documented (diff depth with update ids, combined streams, live SUBSCRIBE, ping frames and
 * connection limits, request weights with 429/418), driven by the simulated venue, with fault
 * injection for connector tests.
 *
 * <p>Its trading side follows Binance's documentation: API keys (HMAC and Ed25519) checked by the
 * simulator's own code with both signature schemes (REST as sent and percent-encoded, WebSocket API
 * sorted and raw), the WebSocket API ({@code /ws-api/v3}, {@code /ws-fapi/v1}) and the signed REST
 * endpoints over the venue's matching engine and paper account ({@code BinanceAccount}), USD-M
 * conditional orders through the Algo Service endpoints, positions in one-way and hedge mode, user
 * data events (spot on the WebSocket API subscription, USD-M on listen key streams), and the faults
 * a trading connector must survive: clock skew, a WebSocket API that drops mid-order, an expiring
 * listen key, a silent account stream, refused orders, 429 then 418. See docs/connectors/binance.md,
 * section "Simulator".
 *
 * <p>Threading and nulls: see {@link org.tradebench.venues}.
 */
package org.tradebench.venues.binance;
