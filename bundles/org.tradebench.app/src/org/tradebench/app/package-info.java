/**
 * The Tradebench workbench application: the Eclipse RCP application
 * ({@code org.tradebench.app.application}), the product ({@code org.tradebench.app.product}),
 * the <em>Trading</em> perspective ({@code org.tradebench.app.perspective.trading}) and the
 * branding.
 *
 * <p>The application runs the 3.x compatibility workbench ({@code org.eclipse.ui}) on the e4
 * runtime. Views are contributed by other bundles through {@code org.eclipse.ui.views}
 * extensions; the Trading perspective places the well-known views listed in {@link WorkbenchIds}
 * when they are installed and keeps a placeholder for them otherwise, so a view bundle installed
 * later shows up in its usual place.
 *
 * <p>Only the identifiers in {@link WorkbenchIds} are API; everything under
 * {@code org.tradebench.app.internal} is not.
 */
package org.tradebench.app;
