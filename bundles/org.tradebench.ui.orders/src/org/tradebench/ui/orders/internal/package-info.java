/**
 * The Orders view's implementation, open to its test bundle only ({@code x-friends}).
 *
 * <ul>
 * <li>{@link org.tradebench.ui.orders.internal.OrdersModel}: the latest orders, fills, health and
 * reconnect notices of every account, written from connector and gateway threads, read as an
 * immutable snapshot;</li>
 * <li>{@link org.tradebench.ui.orders.internal.OrdersPanel}: notice bar, buttons, open-orders tree
 * with in-place amend, history and fills tables (paint only);</li>
 * <li>{@link org.tradebench.ui.orders.internal.OrdersBinding}: accounts of every connector, the
 * order gateway, subscriptions, and the trader's actions sent through the gateway.</li>
 * </ul>
 *
 * <p>Threading: model methods may be called from any thread; everything else runs on the display
 * thread unless documented otherwise. Null contract: non-null unless documented as nullable.
 */
package org.tradebench.ui.orders.internal;
