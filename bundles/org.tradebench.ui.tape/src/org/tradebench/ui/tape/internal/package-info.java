/**
 * The Trade Tape view's implementation, open to its test fragment only.
 *
 * <ul>
 * <li>{@link org.tradebench.ui.tape.internal.TradeRing}: the bounded ring of the latest trades,
 * written on the connector's delivery thread, copied by the display thread;</li>
 * <li>{@link org.tradebench.ui.tape.internal.TradeTapePanel}: header, health, the not-live banner
 * and the virtual trade table;</li>
 * <li>{@link org.tradebench.ui.tape.internal.TradeTapeBinding}: which connector and instrument, the
 * trade subscription, the link group, connectors coming and going.</li>
 * </ul>
 *
 * <p>Threading: {@code TradeTapePanel.offer} and {@code offerHealth} run on any thread; everything
 * else runs on the display thread unless documented otherwise. Null contract: non-null unless
 * documented as nullable.
 */
package org.tradebench.ui.tape.internal;
