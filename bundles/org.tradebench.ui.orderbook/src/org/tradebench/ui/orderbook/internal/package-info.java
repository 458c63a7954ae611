/**
 * The Order Book view's implementation, open to the test bundle only ({@code x-friends}).
 *
 * <ul>
 * <li>{@link org.tradebench.ui.orderbook.internal.BookModel}: the view model, a {@code BookListener}
 * that copies the top levels of each update's book (the connector keeps the book) on the
 * connector's delivery thread, read by the display thread through an immutable
 * {@link org.tradebench.ui.orderbook.internal.LadderSnapshot};</li>
 * <li>{@link org.tradebench.ui.orderbook.internal.LadderCanvas}: the double-buffered custom-painted
 * ladder;</li>
 * <li>{@link org.tradebench.ui.orderbook.internal.OrderBookPanel}: header plus ladder;</li>
 * <li>{@link org.tradebench.ui.orderbook.internal.OrderBookBinding}: which connector and instrument,
 * subscriptions, reaction to connectors coming and going.</li>
 * </ul>
 *
 * <p>Threading: {@code BookModel.onBook} and {@code onHealth} run on the connector's delivery thread
 * (one at a time, in order); everything else runs on the display thread unless documented
 * otherwise. Null contract: non-null unless documented as nullable.
 */
package org.tradebench.ui.orderbook.internal;
