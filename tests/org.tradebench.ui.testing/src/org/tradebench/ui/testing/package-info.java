/**
 * Support for widget-level tests of Tradebench views (not a test bundle itself): one display per
 * test run, shells, spinning the event loop until a condition holds, screenshots under target/.
 *
 * <p>Threading: every method runs on the thread that owns the display (the test thread).
 */
package org.tradebench.ui.testing;
