package org.tradebench.cli.install;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.RegistryFactory;
import org.tradebench.api.spi.ConnectorProvider;
import org.tradebench.cli.Providers;
import org.tradebench.cli.args.Options;
import org.tradebench.cli.args.UsageException;
import org.tradebench.install.Catalog;
import org.tradebench.install.Feature;
import org.tradebench.install.FeatureInstaller;
import org.tradebench.install.InstallException;
import org.tradebench.install.Outcome;
import org.tradebench.install.SignatureVerifier;
import org.tradebench.install.TrustStore;

/**
 * Runs the install commands against the running installation:
 *
 * <pre>
 * tradebench install --repository URL --feature ID[,ID..] [--trust-certificate FILE]
 * tradebench uninstall --feature ID[,ID..]
 * tradebench list-installed
 * tradebench list-available --repository URL
 * </pre>
 *
 * URL is an update site: a {@code file:} URI, an {@code http(s):} URL, or a plain directory path.
 * An install checks every jar's signature first and installs nothing when one is refused. The
 * bundles an install or removal changes are started or stopped at once in this process; after an
 * install, the new exchanges are named (their providers registered: the proof that the connector
 * runs without a restart) and switched on for the workbench, so they run there without keys or
 * settings; a removal switches them off. Exit status: 0 done, 1 refused or failed
 * (the reason on standard error), 2 usage error.
 */
public final class InstallCommand {

    private final FeatureInstaller installer;
    private final Providers providers;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param installer the running installation's installer
     * @param providers the connectors registered in this process
     * @param out standard output
     * @param err standard error
     */
    public InstallCommand(FeatureInstaller installer, Providers providers, PrintStream out, PrintStream err) {
        this.installer = installer;
        this.providers = providers;
        this.out = out;
        this.err = err;
    }

    /**
     * @param command one of {@code install}, {@code uninstall}, {@code list-installed},
     *        {@code list-available}
     * @return whether this class runs it
     */
    public static boolean handles(String command) {
        return Set.of("install", "uninstall", "list-installed", "list-available").contains(command);
    }

    /**
     * Runs one command line.
     *
     * @param args the command line, the command first
     * @return the exit status
     * @throws UsageException for a malformed command line
     */
    public int run(String[] args) throws UsageException {
        try {
            return switch (args[0]) {
                case "install" -> install(Options.parse(args, "install", Set.of("repository", "feature",
                        "trust-certificate"), Set.of(), Set.of()));
                case "uninstall" -> uninstall(Options.parse(args, "uninstall", Set.of("feature"), Set.of(), Set.of()));
                case "list-installed" -> {
                    Options.parse(args, "list-installed", Set.of(), Set.of(), Set.of());
                    yield listInstalled();
                }
                case "list-available" -> listAvailable(
                        Options.parse(args, "list-available", Set.of("repository"), Set.of(), Set.of()));
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            };
        } catch (InstallException e) {
            err.println("tradebench " + args[0] + ": " + e.getMessage());
            return 1;
        } finally {
            out.flush();
        }
    }

    private int install(Options o) throws UsageException, InstallException {
        URI site = site(o.required("repository", "install", "an update site"));
        List<String> features = features(o.required("feature", "install", "a feature id"));
        String certificate = o.value("trust-certificate");
        if (certificate != null) {
            Path file;
            try {
                file = Path.of(certificate);
            } catch (InvalidPathException e) {
                throw new UsageException("--trust-certificate: '" + certificate + "' is not a file path");
            }
            for (X509Certificate c : installer.trust().trust(file)) {
                out.println("trusted publisher: " + SignatureVerifier.describe(c));
            }
        }
        Outcome outcome = installer.install(site, features, monitor());
        out.println(outcome.summary());
        for (String b : outcome.bundlesAdded()) {
            out.println("  + " + b);
        }
        if (!outcome.bundlesAdded().isEmpty()) {
            Set<String> after = exchangeIds();
            List<String> added = outcome.exchangesAdded();
            out.println("exchanges: " + (after.isEmpty() ? "none" : String.join(", ", after))
                    + (added.isEmpty() ? "" : " (new: " + String.join(", ", added) + ")"));
            if (!added.isEmpty()) {
                out.println("switched on for the workbench: " + String.join(", ", added)
                        + " (its connector runs in the workbench without keys or settings)");
            }
            Set<String> views = views();
            out.println("views: " + (views.isEmpty() ? "none" : String.join(", ", views)));
            out.println(outcome.appliedLive()
                    ? "applied: a running Tradebench started the new bundles without a restart"
                    : "a restart of Tradebench applies the change");
        }
        return 0;
    }

    private int uninstall(Options o) throws UsageException, InstallException {
        List<String> features = features(o.required("feature", "uninstall", "a feature id"));
        Outcome outcome = installer.uninstall(features, monitor());
        out.println(outcome.summary());
        for (String b : outcome.bundlesRemoved()) {
            out.println("  - " + b);
        }
        Set<String> now = exchangeIds();
        out.println("exchanges: " + (now.isEmpty() ? "none" : String.join(", ", now))
                + (outcome.exchangesRemoved().isEmpty() ? ""
                        : " (removed: " + String.join(", ", outcome.exchangesRemoved()) + ")"));
        Set<String> views = views();
        out.println("views: " + (views.isEmpty() ? "none" : String.join(", ", views)));
        return 0;
    }

    private int listInstalled() throws InstallException {
        List<Feature> features = installer.installed();
        for (Feature f : features) {
            out.println(f.id() + " " + f.version() + "  " + f.name() + (f.removable() ? "" : "  [platform]"));
        }
        Set<String> exchanges = exchangeIds();
        out.println("exchanges: " + (exchanges.isEmpty() ? "none" : String.join(", ", exchanges)));
        Set<String> on = installer.exchangesSwitchedOn();
        out.println("switched on for the workbench: " + (on.isEmpty() ? "none" : String.join(", ", on)));
        Set<String> views = views();
        out.println("views: " + (views.isEmpty() ? "none" : String.join(", ", views)));
        return 0;
    }

    /** The views the installed bundles contribute ({@code org.eclipse.ui.views}), by name. */
    private static Set<String> views() {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        IExtensionRegistry registry = RegistryFactory.getRegistry();
        if (registry == null) {
            return names;
        }
        for (IConfigurationElement e : registry.getConfigurationElementsFor("org.eclipse.ui.views")) {
            if ("view".equals(e.getName()) && e.getAttribute("name") != null) {
                names.add(e.getAttribute("name"));
            }
        }
        return names;
    }

    private int listAvailable(Options o) throws UsageException, InstallException {
        URI site = site(o.required("repository", "list-available", "an update site"));
        Catalog catalog = installer.catalog(site, monitor());
        out.println(catalog.name() + " (" + catalog.site() + ")");
        for (Catalog.Category c : catalog.categories()) {
            out.println(c.name() + ":");
            for (Feature f : c.features()) {
                out.println("  " + f.id() + " " + f.version() + "  " + f.name()
                        + (f.installed() ? "  [installed]" : ""));
            }
        }
        return 0;
    }

    // ------------------------------------------------------------------------------------------

    private Set<String> exchangeIds() {
        Set<String> ids = new TreeSet<>();
        for (ConnectorProvider p : providers.all()) {
            ids.add(p.exchangeId());
        }
        return ids;
    }

    private IProgressMonitor monitor() {
        return new NullProgressMonitor();
    }

    /**
     * Reads an update site argument: a URI with a scheme, or a directory path.
     *
     * @param text the argument
     * @return the site's URI
     * @throws UsageException when it is neither
     */
    static URI site(String text) throws UsageException {
        if (text.matches("(?i)(file|https?|jar):.*")) {
            try {
                return new URI(text);
            } catch (URISyntaxException e) {
                throw new UsageException("--repository: '" + text + "' is not a URL (" + e.getReason() + ")");
            }
        }
        if (text.matches("[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            throw new UsageException("--repository: update sites are file:, http: or https: URLs, not '" + text + "'");
        }
        try {
            return Path.of(text).toAbsolutePath().normalize().toUri();
        } catch (InvalidPathException e) {
            throw new UsageException("--repository: '" + text + "' is neither a URL nor a directory");
        }
    }

    /**
     * Splits a comma-separated feature list.
     *
     * @param text the argument
     * @return the ids, in order
     * @throws UsageException when one is empty
     */
    static List<String> features(String text) throws UsageException {
        List<String> ids = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String id = part.strip();
            if (id.isEmpty()) {
                throw new UsageException("--feature: an empty feature id in '" + text + "'");
            }
            ids.add(id);
        }
        return ids;
    }
}
