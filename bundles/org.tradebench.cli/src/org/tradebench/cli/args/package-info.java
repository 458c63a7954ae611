/**
 * Command-line arguments: the option parser every command uses, the parsers of shared values
 * (durations, speeds, book depths, connector settings), and {@link org.tradebench.cli.args.UsageException}
 * for a command line that cannot run as given (exit status 2).
 *
 * <p>Pure functions and immutable values; no threads. Parameters are non-null unless documented
 * as nullable.
 */
package org.tradebench.cli.args;
