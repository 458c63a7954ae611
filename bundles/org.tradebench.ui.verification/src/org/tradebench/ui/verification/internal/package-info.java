/** The view's parts: the panel, the job, the live chart and the report store. */
package org.tradebench.ui.verification.internal;
