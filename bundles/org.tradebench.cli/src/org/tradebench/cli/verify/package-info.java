/**
 * {@code tradebench verify}: the verification tool's headless command, live or over a recording.
 */
package org.tradebench.cli.verify;
