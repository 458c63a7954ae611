/**
 * The UI load benchmark: the product's views open together in the real workbench on the embedded
 * simulated exchange at a high book update rate, measured from inside (UI thread CPU, asyncExec and
 * syncExec calls, repaints and paint times per view, input latency, GC, link-group following), and
 * a naive one-asyncExec-per-event binding measured the same way in the same run as the baseline.
 * Test code: prints figures, asserts only that each figure was measured, never a timing.
 */
package org.tradebench.ui.benchmarks;
