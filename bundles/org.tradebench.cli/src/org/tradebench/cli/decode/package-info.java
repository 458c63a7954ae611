/**
 * The {@code decode} and {@code replay} commands: raw exchange frames in, normalised JSON lines
 * out, through the connector's own {@link org.tradebench.api.spi.StreamDecoder} (the normaliser its
 * live path uses). {@link org.tradebench.cli.decode.DecodeCommand} and
 * {@link org.tradebench.cli.decode.ReplayCommand} take streams and files, not OSGi, so tests run
 * them directly; {@link org.tradebench.cli.decode.FrameRunner} commits each frame's lines or only
 * its error; {@link org.tradebench.cli.decode.JsonDecodedEvents} turns decoded values into lines.
 *
 * <p>Threading: a command runs on the calling thread from start to end; nothing here is shared.
 * Nulls: parameters are non-null unless documented otherwise.
 */
package org.tradebench.cli.decode;
