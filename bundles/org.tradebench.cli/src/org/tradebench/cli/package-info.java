/**
 * Tradebench's headless commands as an Equinox application ({@code org.tradebench.cli.application}):
 * {@link org.tradebench.cli.CliApplication} tracks the installed connector providers
 * ({@link org.tradebench.cli.OsgiProviders}) and hands the application arguments to
 * {@link org.tradebench.cli.Cli}, which parses them and runs a command. The commands know no
 * exchange: each connector bundle registers an {@link org.tradebench.api.spi.ConnectorProvider}
 * service, and the commands decode, open and record through it. No UI bundle is needed or loaded.
 *
 * <p>Threading: a command runs on the thread that starts the application; live commands receive
 * events on connector threads (see {@code org.tradebench.cli.live}). Nulls: parameters are
 * non-null unless documented as nullable.
 */
package org.tradebench.cli;
