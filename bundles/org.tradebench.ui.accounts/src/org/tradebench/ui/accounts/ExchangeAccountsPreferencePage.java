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
import org.tradebench.api.credentials.CredentialStore;
import org.tradebench.api.credentials.ListenerRegistration;
import org.tradebench.ui.accounts.internal.ExchangeAccountsPanel;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.PreferenceCategory;
import org.tradebench.ui.core.UiThrottler;

/**
 * Window &gt; Preferences &gt; Tradebench &gt; Exchange Accounts: lists the exchanges of the
 * installed connectors and those with stored keys, and saves or removes API keys through the
 * {@link CredentialStore} service (Eclipse secure storage). Save stores at once; OK and Apply also
 * save what was typed and not saved yet.
 *
 * <pre>{@code
 * PreferencesUtil.createPreferenceDialogOn(shell, ExchangeAccountsPreferencePage.ID, null, null).open();
 * }</pre>
 */
public final class ExchangeAccountsPreferencePage extends PreferencePage implements IWorkbenchPreferencePage {

    /** The page id: {@value}. */
    public static final String ID = "org.tradebench.ui.accounts.preferences";

    /** The category the page is listed under. */
    public static final String CATEGORY = PreferenceCategory.ID;

    private ServiceTracker<CredentialStore, CredentialStore> storeTracker;
    private ConnectorTracker connectors;
    private ListenerRegistration storeChanges;
    private ExchangeAccountsPanel panel;

    @Override
    public void init(IWorkbench workbench) {
        noDefaultButton();
    }

    @Override
    protected Control createContents(Composite parent) {
        CredentialStore store = null;
        Bundle bundle = FrameworkUtil.getBundle(ExchangeAccountsPreferencePage.class);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        if (context != null) {
            storeTracker = new ServiceTracker<>(context, CredentialStore.class, null);
            storeTracker.open();
            store = storeTracker.getService();
        }
        panel = new ExchangeAccountsPanel(parent, SWT.NONE, store);
        if (store != null) {
            ProtectionNotice.show(panel);
        }

        if (context != null) {
            connectors = ConnectorTracker.open(ExchangeAccountsPreferencePage.class);
            UiThrottler installedChanged = new UiThrottler(panel, UiThrottler.DEFAULT_INTERVAL,
                    () -> panel.setInstalledExchanges(installedExchanges()));
            connectors.addListener(t -> installedChanged.schedule()); // registry thread: just schedule
            installedChanged.schedule();
        }
        if (store != null) {
            UiThrottler accountsChanged = new UiThrottler(panel, UiThrottler.DEFAULT_INTERVAL, panel::reloadAccounts);
            storeChanges = store.subscribe(exchangeId -> accountsChanged.schedule()); // store thread
        }
        return panel;
    }

    private List<ExchangeAccountsPanel.Exchange> installedExchanges() {
        List<ExchangeAccountsPanel.Exchange> exchanges = new ArrayList<>();
        for (ExchangeConnector c : connectors.connectors()) {
            try {
                if (exchanges.stream().noneMatch(e -> e.id().equals(c.id()))) {
                    exchanges.add(new ExchangeAccountsPanel.Exchange(c.id(), c.displayName()));
                }
            } catch (RuntimeException goneMeanwhile) {
                // being unregistered: the tracker tells us again
            }
        }
        return exchanges;
    }

    @Override
    public boolean performOk() {
        if (panel != null && !panel.isDisposed() && panel.isEdited()) {
            return panel.save(); // false keeps the dialog open with the reason in the status line
        }
        return true;
    }

    @Override
    public void dispose() {
        if (storeChanges != null) {
            storeChanges.close();
        }
        if (connectors != null) {
            connectors.close();
        }
        if (storeTracker != null) {
            storeTracker.close();
        }
        super.dispose();
    }

    /**
     * Says which provider protects the keys. A class of its own: org.tradebench.secrets is an optional
     * import, and without it only this class fails to load.
     */
    private static final class ProtectionNotice {
        static void show(ExchangeAccountsPanel panel) {
            try {
                panel.showProtection(org.tradebench.secrets.KeyProtection.current().describe());
            } catch (NoClassDefFoundError e) {
                // another credential store than Tradebench's: it says nothing about its protection
            }
        }
    }
}
