/** Tests of the installer's signature checks and trusted publishers. */
package org.tradebench.install.tests;
