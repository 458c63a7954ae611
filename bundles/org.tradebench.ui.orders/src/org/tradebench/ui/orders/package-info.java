/**
 * The Orders view ({@value org.tradebench.ui.orders.OrdersView#ID}): the open orders of every
 * trading account of every connector with their linked exits, order history and fills; cancel,
 * cancel-all and in-place amend through the order gateway; what changed during a reconnect as a
 * notice. Uses only the API and {@code org.tradebench.ui.core}.
 */
package org.tradebench.ui.orders;
