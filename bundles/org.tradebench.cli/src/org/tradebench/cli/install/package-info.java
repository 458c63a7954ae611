/**
 * The {@code install}, {@code uninstall}, {@code list-installed} and {@code list-available}
 * commands: features (exchange connectors, views) from p2 update sites into this installation,
 * through {@link org.tradebench.install.FeatureInstaller}.
 */
package org.tradebench.cli.install;
