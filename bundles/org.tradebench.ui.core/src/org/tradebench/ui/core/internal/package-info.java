/**
 * Workbench contributions of the SDK bundle itself (the Tradebench preference node). Not API:
 * view authors use {@link org.tradebench.ui.core.PreferenceCategory} and
 * {@link org.tradebench.ui.core.ViewCategory}. Display thread only; null contract as in
 * {@link org.tradebench.ui.core}.
 */
package org.tradebench.ui.core.internal;
