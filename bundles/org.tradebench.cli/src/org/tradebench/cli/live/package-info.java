/**
 * The live commands, {@code record} and {@code stream}: a connector opened through its
 * {@link org.tradebench.api.spi.ConnectorProvider} with the user's settings, its streams
 * subscribed, raw frames recorded ({@link org.tradebench.cli.live.RecordCommand}) or its events
 * printed as JSON lines ({@link org.tradebench.cli.live.StreamCommand}) until a duration has passed
 * or the user interrupts ({@link org.tradebench.cli.live.StopSignal}).
 *
 * <p>Threading: the command's thread opens, waits and closes; listeners run on connector delivery
 * threads and never block: they format a line and queue it ({@link org.tradebench.cli.live.LineOutput})
 * or copy a book's top levels ({@link org.tradebench.cli.live.BookCopy}). Nulls: parameters are
 * non-null unless documented as nullable.
 */
package org.tradebench.cli.live;
