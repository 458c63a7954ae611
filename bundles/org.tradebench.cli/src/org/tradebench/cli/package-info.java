/**
 * Tradebench's headless commands as an Equinox application ({@code org.tradebench.cli.application}):
 * {@link org.tradebench.cli.CliApplication} hands the application arguments to
 * {@link org.tradebench.cli.Cli}, which parses them and runs a command. No UI bundle is needed or
 * loaded.
 *
 * <p>Threading: a command runs on the thread that starts the application. Nulls: parameters are
 * non-null.
 */
package org.tradebench.cli;
