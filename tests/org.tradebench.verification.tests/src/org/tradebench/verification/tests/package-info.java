/** Tests of the verification engine: a clean run on the simulated exchange, each fault in its metric, the reports. */
package org.tradebench.verification.tests;
