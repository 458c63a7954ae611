package org.tradebench.app;

/**
 * Identifiers of the Tradebench application, its perspectives and the views it places.
 */
public final class WorkbenchIds {

    /** The Eclipse application id ({@code org.eclipse.core.runtime.applications}). */
    public static final String APPLICATION = "org.tradebench.app.application";

    /** The product id ({@code org.eclipse.core.runtime.products}). */
    public static final String PRODUCT = "org.tradebench.app.product";

    /** The Trading perspective, the initial perspective of every new window. */
    public static final String TRADING_PERSPECTIVE = "org.tradebench.app.perspective.trading";

    /** The Show View category all Tradebench views use (defined by org.tradebench.ui.core). */
    public static final String VIEW_CATEGORY = "org.tradebench.ui.category";

    /**
     * The application's own placeholder status view, shown along the bottom of the Trading
     * perspective when {@link #MARKET_STATUS_VIEW} is not installed.
     */
    public static final String STATUS_VIEW = "org.tradebench.app.status";

    /** The ticker/market status view (org.tradebench.ui.status), along the bottom. */
    public static final String MARKET_STATUS_VIEW = "org.tradebench.ui.status.view";

    /** The order book view (main area of the Trading perspective). */
    public static final String ORDER_BOOK_VIEW = "org.tradebench.ui.orderbook.view";

    private WorkbenchIds() {
    }
}
