package org.tradebench.ui.install;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;
import org.tradebench.install.Catalog;
import org.tradebench.install.Feature;
import org.tradebench.install.FeatureInstaller;
import org.tradebench.install.InstallException;
import org.tradebench.install.Outcome;

/**
 * Install Exchanges and Views: an update site's categories and features with check boxes, an
 * Install button, and the installed features with a Remove button. Reading a site, installing and
 * removing run as user jobs (progress in the workbench's progress view and, for installs, a
 * progress dialog); the dialog shows each result in its status line and refreshes its lists. A
 * refused install (a jar not signed by a trusted publisher) is shown with p2's and the verifier's
 * reason.
 */
public final class InstallDialog extends Dialog {

    /** Preference key of the remembered update sites, newline-separated, latest first. */
    static final String SITES = "sites";

    private final FeatureInstaller installer;
    private Combo site;
    private Tree available;
    private Table installed;
    private Label status;
    private Button install;
    private Button remove;
    private Catalog catalog;

    /**
     * @param parent the parent shell
     * @param installer the running installation's installer
     */
    public InstallDialog(Shell parent, FeatureInstaller installer) {
        super(parent);
        this.installer = Objects.requireNonNull(installer, "installer");
        setShellStyle(getShellStyle() | SWT.RESIZE | SWT.MAX);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Install Exchanges and Views");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        area.setLayout(new GridLayout(4, false));

        new Label(area, SWT.NONE).setText("Update site:");
        site = new Combo(area, SWT.DROP_DOWN);
        site.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        site.setToolTipText("A p2 update site: a file: or http(s): URL, or a directory");
        for (String s : rememberedSites()) {
            site.add(s);
        }
        if (site.getItemCount() > 0) {
            site.select(0);
        }
        Button browse = new Button(area, SWT.PUSH);
        browse.setText("Directory...");
        browse.addListener(SWT.Selection, e -> {
            DirectoryDialog d = new DirectoryDialog(getShell());
            d.setText("Update site directory");
            String dir = d.open();
            if (dir != null) {
                site.setText(Path.of(dir).toUri().toString());
                load();
            }
        });
        Button load = new Button(area, SWT.PUSH);
        load.setText("&Load");
        load.addListener(SWT.Selection, e -> load());
        site.addListener(SWT.Traverse, e -> {
            if (e.detail == SWT.TRAVERSE_RETURN) {
                e.doit = false;
                load();
            }
        });

        Group offered = new Group(area, SWT.NONE);
        offered.setText("Available");
        offered.setLayout(new GridLayout(1, false));
        offered.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        available = new Tree(offered, SWT.CHECK | SWT.BORDER | SWT.FULL_SELECTION);
        available.setHeaderVisible(true);
        available.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        column(available, "Name", 300);
        column(available, "Version", 190);
        column(available, "Status", 90);
        available.addListener(SWT.Selection, e -> {
            if (e.detail == SWT.CHECK && e.item instanceof TreeItem item) {
                if (item.getData() == null) {
                    for (TreeItem child : item.getItems()) {
                        child.setChecked(item.getChecked() && !((Feature) child.getData()).installed());
                    }
                } else if (((Feature) item.getData()).installed()) {
                    item.setChecked(false);
                }
                updateButtons();
            }
        });
        install = new Button(offered, SWT.PUSH);
        install.setText("&Install Selected");
        install.setLayoutData(new GridData(SWT.END, SWT.CENTER, false, false));
        install.addListener(SWT.Selection, e -> install());

        Group have = new Group(area, SWT.NONE);
        have.setText("Installed");
        have.setLayout(new GridLayout(1, false));
        have.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, false, 4, 1));
        installed = new Table(have, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
        installed.setHeaderVisible(true);
        GridData id = new GridData(SWT.FILL, SWT.FILL, true, true);
        id.heightHint = 130;
        installed.setLayoutData(id);
        column(installed, "Name", 300);
        column(installed, "Version", 190);
        column(installed, "Kind", 90);
        installed.addListener(SWT.Selection, e -> updateButtons());
        remove = new Button(have, SWT.PUSH);
        remove.setText("&Remove");
        remove.setLayoutData(new GridData(SWT.END, SWT.CENTER, false, false));
        remove.addListener(SWT.Selection, e -> uninstall());

        status = new Label(area, SWT.WRAP);
        GridData sd = new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1);
        sd.widthHint = 600;
        sd.heightHint = 3 * status.getFont().getFontData()[0].getHeight() * 2;
        status.setLayoutData(sd);
        status.setText("Choose an update site and Load it. Installed exchanges start at once, views after a restart.");

        refreshInstalled();
        updateButtons();
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        // not the default button: Return in the site field loads the site, it does not close
        createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, false);
    }

    @Override
    protected void buttonPressed(int buttonId) {
        if (buttonId == IDialogConstants.CLOSE_ID) {
            close();
        } else {
            super.buttonPressed(buttonId);
        }
    }

    @Override
    protected org.eclipse.swt.graphics.Point getInitialSize() {
        return new org.eclipse.swt.graphics.Point(760, 720);
    }

    // ------------------------------------------------------------------------------------------

    private void load() {
        URI uri = siteUri();
        if (uri == null) {
            return;
        }
        remember(uri.toString());
        run("Reading " + uri, monitor -> {
            Catalog c = installer.catalog(uri, monitor);
            return () -> {
                catalog = c;
                fillAvailable();
                int n = c.categories().stream().mapToInt(cat -> cat.features().size()).sum();
                int k = c.categories().size();
                status.setText(c.name() + ": " + n + (n == 1 ? " feature in " : " features in ") + k
                        + (k == 1 ? " category" : " categories"));
            };
        });
    }

    private void install() {
        List<String> ids = new ArrayList<>();
        for (TreeItem cat : available.getItems()) {
            for (TreeItem item : cat.getItems()) {
                if (item.getChecked() && item.getData() instanceof Feature f && !f.installed()) {
                    ids.add(f.id());
                }
            }
        }
        if (ids.isEmpty() || catalog == null) {
            return;
        }
        URI uri = catalog.site();
        run("Installing " + String.join(", ", ids), monitor -> {
            Outcome o = installer.install(uri, ids, monitor);
            Catalog c = installer.catalog(uri, null);
            boolean views = contributesViews(names(o.bundlesAdded()));
            return () -> {
                catalog = c;
                fillAvailable();
                refreshInstalled();
                String exchanges = o.exchangesAdded().isEmpty() ? ""
                        : "; switched on: " + String.join(", ", o.exchangesAdded());
                status.setText(o.summary() + exchanges + (!o.appliedLive() ? "; restart Tradebench to use it"
                        : views ? "; exchanges run now, the new views after a restart" : "; running now, no restart needed"));
                if (views || !o.appliedLive()) {
                    offerRestart("The new views appear in Window > Show View and in the perspectives after a restart.");
                }
            };
        });
    }

    private void uninstall() {
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (TableItem item : installed.getSelection()) {
            Feature f = (Feature) item.getData();
            if (f.removable()) {
                ids.add(f.id());
                names.add(f.name());
            }
        }
        if (ids.isEmpty() || !MessageDialog.openConfirm(getShell(), "Remove",
                "Remove " + String.join(", ", names) + "?\n\nOpen views of a removed feature close when Tradebench"
                        + " restarts; a removed exchange disconnects now.")) {
            return;
        }
        List<String> viewBundles = viewBundles();
        run("Removing " + String.join(", ", ids), monitor -> {
            Outcome o = installer.uninstall(ids, monitor);
            boolean views = names(o.bundlesRemoved()).stream().anyMatch(viewBundles::contains);
            Catalog c = catalog == null ? null : installer.catalog(catalog.site(), null);
            return () -> {
                if (c != null) {
                    catalog = c;
                    fillAvailable();
                }
                refreshInstalled();
                status.setText(o.summary());
                if (views) {
                    offerRestart("Views of the removed feature leave the window after a restart.");
                }
            };
        });
    }

    /** A step that runs in a job and hands an update back to the UI thread. */
    @FunctionalInterface
    interface Step {
        Runnable run(IProgressMonitor monitor) throws InstallException;
    }

    private void run(String name, Step step) {
        status.setText(name + "...");
        setBusy(true);
        Display display = getShell().getDisplay();
        Job job = Job.create(name, monitor -> {
            Runnable update;
            IStatus result = Status.OK_STATUS;
            try {
                update = step.run(monitor);
            } catch (InstallException e) {
                String message = e.getMessage();
                update = () -> {
                    status.setText(message);
                    MessageDialog.openError(getShell(), "Install Exchanges and Views", message);
                };
            }
            Runnable ui = update;
            display.asyncExec(() -> {
                if (getShell() == null || getShell().isDisposed()) {
                    return;
                }
                setBusy(false);
                ui.run();
                updateButtons();
            });
            return result;
        });
        job.setUser(true);
        job.schedule();
    }

    /** Asks whether to restart the workbench now. */
    private void offerRestart(String why) {
        if (MessageDialog.openQuestion(getShell(), "Restart Tradebench", why + "\n\nRestart now?")) {
            close();
            org.eclipse.ui.PlatformUI.getWorkbench().restart();
        }
    }

    /** Symbolic names from "name version" strings. */
    private static List<String> names(List<String> bundles) {
        List<String> out = new ArrayList<>();
        for (String b : bundles) {
            int space = b.indexOf(' ');
            out.add(space < 0 ? b : b.substring(0, space));
        }
        return out;
    }

    /** The bundles that contribute views now. */
    private static List<String> viewBundles() {
        List<String> out = new ArrayList<>();
        var point = org.eclipse.core.runtime.Platform.getExtensionRegistry().getExtensionPoint("org.eclipse.ui.views");
        if (point != null) {
            for (var extension : point.getExtensions()) {
                for (var element : extension.getConfigurationElements()) {
                    if ("view".equals(element.getName())) {
                        out.add(extension.getContributor().getName());
                        break;
                    }
                }
            }
        }
        return out;
    }

    private static boolean contributesViews(List<String> bundles) {
        List<String> views = viewBundles();
        return bundles.stream().anyMatch(views::contains);
    }

    private void setBusy(boolean busy) {
        site.setEnabled(!busy);
        install.setEnabled(!busy);
        remove.setEnabled(!busy);
        available.setEnabled(!busy);
        installed.setEnabled(!busy);
    }

    private void fillAvailable() {
        available.removeAll();
        if (catalog == null) {
            return;
        }
        for (Catalog.Category c : catalog.categories()) {
            TreeItem cat = new TreeItem(available, SWT.NONE);
            cat.setText(new String[] {c.name(), "", ""});
            for (Feature f : c.features()) {
                TreeItem item = new TreeItem(cat, SWT.NONE);
                item.setData(f);
                item.setText(new String[] {f.name(), f.version(), f.installed() ? "installed" : ""});
                if (!f.description().isEmpty()) {
                    item.setText(0, f.name());
                }
                if (f.installed()) {
                    item.setForeground(available.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
                }
            }
            cat.setExpanded(true);
        }
    }

    private void refreshInstalled() {
        installed.removeAll();
        try {
            for (Feature f : installer.installed()) {
                TableItem item = new TableItem(installed, SWT.NONE);
                item.setData(f);
                item.setText(new String[] {f.name(), f.version(), f.removable() ? "added" : "platform"});
            }
        } catch (InstallException e) {
            status.setText(e.getMessage());
        }
    }

    private void updateButtons() {
        boolean anyChecked = false;
        for (TreeItem cat : available.getItems()) {
            for (TreeItem item : cat.getItems()) {
                anyChecked |= item.getChecked();
            }
        }
        install.setEnabled(anyChecked);
        boolean removable = false;
        for (TableItem item : installed.getSelection()) {
            removable |= ((Feature) item.getData()).removable();
        }
        remove.setEnabled(removable);
    }

    private URI siteUri() {
        String text = site.getText().strip();
        if (text.isEmpty()) {
            status.setText("Enter an update site: a file: or http(s): URL, or a directory.");
            return null;
        }
        try {
            if (text.matches("(?i)(file|https?):.*")) {
                return new URI(text);
            }
            return Path.of(text).toAbsolutePath().normalize().toUri();
        } catch (java.net.URISyntaxException | InvalidPathException e) {
            status.setText("'" + text + "' is neither a URL nor a directory.");
            return null;
        }
    }

    private static void column(Tree tree, String text, int width) {
        TreeColumn c = new TreeColumn(tree, SWT.LEFT);
        c.setText(text);
        c.setWidth(width);
    }

    private static void column(Table table, String text, int width) {
        TableColumn c = new TableColumn(table, SWT.LEFT);
        c.setText(text);
        c.setWidth(width);
    }

    private static IEclipsePreferences preferences() {
        return InstanceScope.INSTANCE.getNode("org.tradebench.ui.install");
    }

    static List<String> rememberedSites() {
        String all = preferences().get(SITES, "");
        List<String> out = new ArrayList<>();
        for (String s : all.split("\n")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    private void remember(String uri) {
        List<String> sites = rememberedSites();
        sites.remove(uri);
        sites.add(0, uri);
        while (sites.size() > 10) {
            sites.remove(sites.size() - 1);
        }
        IEclipsePreferences p = preferences();
        p.put(SITES, String.join("\n", sites));
        try {
            p.flush();
        } catch (org.osgi.service.prefs.BackingStoreException e) {
            // remembered for this session only
        }
        if (site.indexOf(uri) < 0) {
            site.add(uri, 0);
        }
    }
}
