/**
 * Tests of the built product: installing and removing exchanges and views from update sites into
 * a copy of the platform product, run as the user runs it (the {@code tradebench} launcher).
 */
package org.tradebench.product.tests;
