package org.tradebench.install;

/**
 * An install, removal or catalog request that could not be carried out. The message says what and
 * why in words meant for the trader (a missing feature, an unreachable site, a jar that is not
 * signed by a trusted publisher); nothing was changed in the installation when it is thrown.
 */
public final class InstallException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed and why
     */
    public InstallException(String message) {
        super(message);
    }

    /**
     * @param message what failed and why
     * @param cause the underlying failure
     */
    public InstallException(String message, Throwable cause) {
        super(message, cause);
    }
}
