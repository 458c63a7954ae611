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

    /** The Analysis perspective: chart, order flow and trades, no order entry. */
    public static final String ANALYSIS_PERSPECTIVE = "org.tradebench.app.perspective.analysis";

    /** The order entry view (org.tradebench.ui.orderentry), right column of the Trading perspective. */
    public static final String ORDER_ENTRY_VIEW = "org.tradebench.ui.orderentry.view";

    /** The chart view (org.tradebench.ui.chart). */
    public static final String CHART_VIEW = "org.tradebench.ui.chart.view";

    /** The trade tape view (org.tradebench.ui.tape). */
    public static final String TAPE_VIEW = "org.tradebench.ui.tape.view";

    /** The watchlist view (org.tradebench.ui.watchlist). */
    public static final String WATCHLIST_VIEW = "org.tradebench.ui.watchlist.view";

    /** The orders view (org.tradebench.ui.orders). */
    public static final String ORDERS_VIEW = "org.tradebench.ui.orders.view";

    /** The positions view (org.tradebench.ui.positions). */
    public static final String POSITIONS_VIEW = "org.tradebench.ui.positions.view";

    /** The balances view (org.tradebench.ui.balances). */
    public static final String BALANCES_VIEW = "org.tradebench.ui.balances.view";

    /** The connections view (org.tradebench.ui.connections): every connector's sessions and switches. */
    public static final String CONNECTIONS_VIEW = "org.tradebench.ui.connections.view";

    /** The liquidity heatmap view (placeholder until it is installed). */
    public static final String HEATMAP_VIEW = "org.tradebench.ui.heatmap.view";

    private WorkbenchIds() {
    }
}
