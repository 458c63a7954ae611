/**
 * The order entry's parts: {@code OrderTicket} (the form's meaning, no SWT), {@code QuoteFeed} (the
 * top of the book, copied on the delivery thread), {@code OrderEntryPanel} (widgets) and
 * {@code OrderEntryController} (binding and placing). Display thread unless a type says otherwise.
 */
package org.tradebench.ui.orderentry.internal;
