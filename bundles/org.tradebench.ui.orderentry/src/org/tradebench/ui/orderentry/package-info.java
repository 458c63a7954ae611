/**
 * The Order Entry view: side, type, quantity (or % of available), price from the live book, TP/SL,
 * post-only, reduce-only, time in force and leverage; live bid/ask/spread, estimated cost, fee and
 * liquidation price; warnings (wide spread, thin book, insufficient balance, liquidation close) and
 * the gateway's risk check before sending; a confirmation for market orders; each step of the order
 * in flight. Orders leave only through the order gateway.
 */
package org.tradebench.ui.orderentry;
