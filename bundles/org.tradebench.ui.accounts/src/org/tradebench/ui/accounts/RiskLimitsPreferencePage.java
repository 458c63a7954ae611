package org.tradebench.ui.accounts;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.core.trading.RiskLimitsStore;
import org.tradebench.ui.accounts.internal.RiskLimitsPanel;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.PreferenceCategory;
import org.tradebench.ui.core.UiThrottler;

/**
 * Window &gt; Preferences &gt; Tradebench &gt; Risk Limits: the pre-trade limits the order gateway
 * applies, as default limits and per trading account of the installed connectors (largest quantity
 * and notional, price band around the mid, most working orders, largest share of the available
 * balance, rounding to the grid). Kept by the {@link RiskLimitsStore} service in the workspace.
 */
public final class RiskLimitsPreferencePage extends PreferencePage implements IWorkbenchPreferencePage {

    /** The page id: {@value}. */
    public static final String ID = "org.tradebench.ui.accounts.risk";

    /** The category the page is listed under. */
    public static final String CATEGORY = PreferenceCategory.ID;

    private ServiceTracker<RiskLimitsStore, RiskLimitsStore> storeTracker;
    private ConnectorTracker connectors;
    private RiskLimitsPanel panel;

    @Override
    public void init(IWorkbench workbench) {
        noDefaultButton();
    }

    @Override
    protected Control createContents(Composite parent) {
        RiskLimitsStore store = null;
        Bundle bundle = FrameworkUtil.getBundle(RiskLimitsPreferencePage.class);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        if (context != null) {
            storeTracker = new ServiceTracker<>(context, RiskLimitsStore.class, null);
            storeTracker.open();
            store = storeTracker.getService();
        }
        panel = new RiskLimitsPanel(parent, SWT.NONE, store);
        if (context != null) {
            connectors = ConnectorTracker.open(RiskLimitsPreferencePage.class);
            UiThrottler changed = new UiThrottler(panel, UiThrottler.DEFAULT_INTERVAL,
                    () -> panel.setAccounts(accounts()));
            connectors.addListener(t -> changed.schedule()); // registry thread: just schedule
            changed.schedule();
        }
        return panel;
    }

    private List<RiskLimitsPanel.Account> accounts() {
        List<RiskLimitsPanel.Account> out = new ArrayList<>();
        for (ExchangeConnector c : connectors.connectors()) {
            try {
                for (TradingAccount a : c.tradingAccounts()) {
                    out.add(new RiskLimitsPanel.Account(AccountRef.of(a), a.displayName()));
                }
            } catch (RuntimeException goneMeanwhile) {
                // being unregistered: the tracker tells us again
            }
        }
        return out;
    }

    @Override
    public boolean performOk() {
        if (panel == null || panel.isDisposed() || panel.save()) {
            setErrorMessage(null);
            return true;
        }
        setErrorMessage(panel.problem());
        return false;
    }

    @Override
    public void dispose() {
        if (connectors != null) {
            connectors.close();
        }
        if (storeTracker != null) {
            storeTracker.close();
        }
        super.dispose();
    }
}
