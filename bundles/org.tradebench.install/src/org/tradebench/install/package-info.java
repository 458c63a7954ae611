/**
 * Installing and removing Tradebench features (exchange connectors, views) in the running
 * installation from p2 update sites, with every artifact's jar signature checked against the
 * trusted publishers before anything is installed.
 *
 * <p>{@link org.tradebench.install.FeatureInstaller} is the one entry point, used by the
 * {@code tradebench install}, {@code uninstall} and {@code list-installed} commands and by the
 * workbench's "Install Exchanges and Views…" dialog. {@link org.tradebench.install.SignatureVerifier}
 * and {@link org.tradebench.install.TrustStore} decide what may be installed.
 */
package org.tradebench.install;
