/**
 * The {@code decode} and {@code replay} commands: raw exchange frames in, normalised JSON lines
 * out. {@link org.tradebench.cli.decode.DecodeCommand} and
 * {@link org.tradebench.cli.decode.ReplayCommand} take streams and files, not OSGi, so tests run
 * them directly; an {@link org.tradebench.cli.decode.ExchangeDecoder} per exchange turns frames
 * into events ({@link org.tradebench.cli.decode.BitfinexEvents} for Bitfinex).
 *
 * <p>Threading: a command runs on the calling thread from start to end; nothing here is shared.
 * Nulls: parameters are non-null unless documented otherwise.
 */
package org.tradebench.cli.decode;
