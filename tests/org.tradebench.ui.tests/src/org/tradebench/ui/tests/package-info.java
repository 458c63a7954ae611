/**
 * Tests of the view-author SDK ({@code org.tradebench.ui.core}), the Order Book view and the Market
 * Status view, at widget level: each test class creates its own shell on one shared
 * {@link org.eclipse.swt.widgets.Display} (the headless harness, {@code useUIHarness=false}, needs
 * {@code DISPLAY}, for example Xvfb), feeds models from background threads as connectors do, spins
 * the event loop until the throttled refresh shows the expected text, and registers in-test
 * {@link org.tradebench.api.ExchangeConnector} services where a view must find one.
 *
 * <p>Threading: test methods run on the display thread (the thread that created the display);
 * fake connectors deliver on their own threads. Null contract: non-null unless documented.
 */
package org.tradebench.ui.tests;
