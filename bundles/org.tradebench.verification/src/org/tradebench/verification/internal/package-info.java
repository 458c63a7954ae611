/**
 * The verification engine's measuring parts: the {@link org.tradebench.verification.internal.Probe}
 * that counts what the listeners see, and the {@link org.tradebench.verification.internal.Checks}
 * that judge it. Friends: the command line (replay) and the workbench view.
 */
package org.tradebench.verification.internal;
