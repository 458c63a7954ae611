/** Tests of the example spread monitor: its numbers against the quotes, staleness, removal, cleanup. */
package org.tradebench.examples.spreadmonitor.tests;
