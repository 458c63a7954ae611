/**
 * Help &gt; Install Exchanges and Views…: the workbench's dialog over
 * {@link org.tradebench.install.FeatureInstaller}. It lists an update site's categories and
 * features, installs the chosen ones as an Eclipse job with progress, and lists what is installed
 * with a Remove button.
 */
package org.tradebench.ui.install;
