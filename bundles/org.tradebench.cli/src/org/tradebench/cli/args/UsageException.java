package org.tradebench.cli.args;

/**
 * A command line that cannot run as given: an unknown command or option, a missing or malformed
 * value, an exchange, market, symbol or connector setting that does not exist. The message is one
 * line for people; the command line prints it with the usage and exits with status 2.
 *
 * <pre>{@code
 * throw new UsageException("--duration must be like 30s, 5m or 1h, was 'soon'");
 * }</pre>
 */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, one line
     */
    public UsageException(String message) {
        super(message);
    }
}
