package org.tradebench.install;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.FileLocator;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.IProvisioningAgentProvider;
import org.eclipse.equinox.p2.core.ProvisionException;
import org.eclipse.equinox.p2.engine.IProfile;
import org.eclipse.equinox.p2.engine.IProfileRegistry;
import org.eclipse.equinox.p2.engine.IProvisioningPlan;
import org.eclipse.equinox.p2.engine.PhaseSetFactory;
import org.eclipse.equinox.p2.engine.ProvisioningContext;
import org.eclipse.equinox.p2.metadata.IArtifactKey;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.metadata.IProvidedCapability;
import org.eclipse.equinox.p2.operations.InstallOperation;
import org.eclipse.equinox.p2.operations.ProfileChangeOperation;
import org.eclipse.equinox.p2.operations.ProvisioningSession;
import org.eclipse.equinox.p2.operations.UninstallOperation;
import org.eclipse.equinox.p2.query.IQueryResult;
import org.eclipse.equinox.p2.query.QueryUtil;
import org.eclipse.equinox.p2.repository.artifact.IArtifactDescriptor;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepository;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepositoryManager;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepository;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.tradebench.connector.support.service.ExchangeSwitches;

/**
 * Installs and removes features in the running Tradebench installation (p2's {@code _SELF_}
 * profile) from p2 update sites, and says what is installed and what a site offers.
 *
 * <p>An install resolves the feature with p2's planner, downloads every artifact it would add and
 * checks its jar signature ({@link SignatureVerifier}, trusted publishers from {@link TrustStore})
 * before the installation is touched: one unsigned, changed or untrusted jar refuses the whole
 * install and nothing changes. Then p2 installs, and the running framework applies the new
 * configuration at once: new bundles are installed and started and their services registered. An
 * exchange the install added is switched on for the workbench ({@link ExchangeSwitches}), so its
 * connector registers and appears in every view at once, and after every restart, without keys or a
 * setting; a removal switches it off again. Removal is the reverse; removing a view whose
 * part is open closes nothing by itself, so the user guide recommends a restart after removing
 * views.
 *
 * <p>Calls block (downloads, planning) and are meant for a background job or a command line, never
 * the UI thread; one change at a time (p2 locks the profile). Features are named by their feature id
 * ({@code org.tradebench.bitfinex.feature}), without p2's {@code .feature.group} suffix.
 */
public final class FeatureInstaller {

    /** p2's suffix of a feature's installable unit. */
    public static final String GROUP_SUFFIX = ".feature.group";

    private static final String CONFIGURATOR = "org.eclipse.equinox.internal.provisional.configurator.Configurator";
    private static final String PRODUCT_TYPE = "org.eclipse.equinox.p2.type.product";

    private final BundleContext context;
    private final TrustStore trust;
    private final InstalledExchanges exchanges;

    /**
     * @param context a bundle context of the running installation
     * @param trust the publishers whose jars may be installed
     */
    public FeatureInstaller(BundleContext context, TrustStore trust) {
        this(context, trust, ExchangeSwitches.shared());
    }

    /**
     * @param context a bundle context of the running installation
     * @param trust the publishers whose jars may be installed
     * @param switches where an installed exchange is switched on for the workbench
     */
    public FeatureInstaller(BundleContext context, TrustStore trust, ExchangeSwitches switches) {
        this.context = Objects.requireNonNull(context, "context");
        this.trust = Objects.requireNonNull(trust, "trust");
        this.exchanges = new InstalledExchanges(context, Objects.requireNonNull(switches, "switches"));
    }

    /**
     * The installer of the running installation, trusting its own publisher (the certificate on this
     * bundle's jar) and the certificates in {@code <configuration>/org.tradebench.install/trusted/}.
     *
     * @param context a bundle context of the running installation
     * @return the installer
     */
    public static FeatureInstaller forRunningInstallation(BundleContext context) {
        return new FeatureInstaller(context, new TrustStore(trustDirectory(context), publisher()));
    }

    /** @return the trusted publishers */
    public TrustStore trust() {
        return trust;
    }

    /**
     * The exchanges switched on for the workbench (installed from an update site, or switched on
     * otherwise); see {@link ExchangeSwitches}.
     *
     * @return their ids, sorted
     */
    public Set<String> exchangesSwitchedOn() {
        return exchanges.switchedOn();
    }

    /**
     * The features installed now, by name; the product's own unit is left out.
     *
     * @return the features
     * @throws InstallException when the installation has no p2 profile
     */
    public List<Feature> installed() throws InstallException {
        Agent a = agent();
        try {
            IProfile profile = a.profile();
            List<Feature> out = new ArrayList<>();
            for (IInstallableUnit iu : profile.query(QueryUtil.createIUGroupQuery(), null)) {
                if (!iu.getId().endsWith(GROUP_SUFFIX) || "true".equals(iu.getProperty(PRODUCT_TYPE))) {
                    continue;
                }
                boolean root = "true".equals(profile.getInstallableUnitProperty(iu, IProfile.PROP_PROFILE_ROOT_IU));
                out.add(feature(iu, true, root));
            }
            out.sort(Comparator.comparing(Feature::name, String.CASE_INSENSITIVE_ORDER).thenComparing(Feature::id));
            return out;
        } finally {
            a.close();
        }
    }

    /**
     * What a site offers, by category.
     *
     * @param site the update site (a {@code file:} directory or an {@code http(s):} URL)
     * @param monitor progress and cancellation, or null
     * @return the catalog
     * @throws InstallException when the site cannot be read
     */
    public Catalog catalog(URI site, IProgressMonitor monitor) throws InstallException {
        Agent a = agent();
        try {
            IProfile profile = a.profile();
            IMetadataRepository repo = a.metadata(site, monitor);
            Map<String, IInstallableUnit> listed = new LinkedHashMap<>();
            List<Catalog.Category> categories = new ArrayList<>();
            List<IInstallableUnit> cats = new ArrayList<>(
                    repo.query(QueryUtil.createIUCategoryQuery(), monitor).toUnmodifiableSet());
            cats.sort(Comparator.comparing(c -> name(c), String.CASE_INSENSITIVE_ORDER));
            for (IInstallableUnit cat : cats) {
                List<Feature> features = new ArrayList<>();
                for (IInstallableUnit iu : latest(repo.query(QueryUtil.createIUCategoryMemberQuery(cat), monitor))) {
                    if (iu.getId().endsWith(GROUP_SUFFIX)) {
                        listed.put(iu.getId(), iu);
                        features.add(offered(profile, iu));
                    }
                }
                if (!features.isEmpty()) {
                    features.sort(Comparator.comparing(Feature::name, String.CASE_INSENSITIVE_ORDER));
                    categories.add(new Catalog.Category(cat.getId(), name(cat), text(cat, IInstallableUnit.PROP_DESCRIPTION),
                            features));
                }
            }
            List<Feature> other = new ArrayList<>();
            for (IInstallableUnit iu : latest(repo.query(QueryUtil.createIUGroupQuery(), monitor))) {
                if (iu.getId().endsWith(GROUP_SUFFIX) && !listed.containsKey(iu.getId())
                        && !"true".equals(iu.getProperty(PRODUCT_TYPE))) {
                    other.add(offered(profile, iu));
                }
            }
            if (!other.isEmpty()) {
                other.sort(Comparator.comparing(Feature::name, String.CASE_INSENSITIVE_ORDER));
                categories.add(new Catalog.Category("other", "Other", "", other));
            }
            String name = repo.getName() == null || repo.getName().isBlank() ? site.toString() : repo.getName();
            return new Catalog(site, name, categories);
        } finally {
            a.close();
        }
    }

    /**
     * Installs features from a site into the running installation, after checking every jar it
     * would add.
     *
     * @param site the update site
     * @param featureIds the features, e.g. {@code org.tradebench.bitfinex.feature}
     * @param monitor progress and cancellation, or null
     * @return what changed
     * @throws InstallException when a feature is missing, cannot be resolved, a jar is refused, or p2
     *         fails; nothing was installed then
     */
    public Outcome install(URI site, Collection<String> featureIds, IProgressMonitor monitor) throws InstallException {
        requireIds(featureIds);
        SubMonitor sub = SubMonitor.convert(monitor, "Installing " + String.join(", ", featureIds), 100);
        Agent a = agent();
        try {
            IProfile profile = a.profile();
            IMetadataRepository repo = a.metadata(site, sub.split(10));
            IArtifactRepository artifacts = a.artifacts(site, sub.split(5));
            List<IInstallableUnit> ius = new ArrayList<>();
            for (String id : featureIds) {
                IQueryResult<IInstallableUnit> found = repo.query(
                        QueryUtil.createLatestQuery(QueryUtil.createIUQuery(id + GROUP_SUFFIX)), null);
                if (found.isEmpty()) {
                    throw new InstallException(site + " offers no feature " + id + "; it offers: "
                            + offeredIds(repo));
                }
                ius.add(found.iterator().next());
            }
            ProvisioningContext pc = new ProvisioningContext(a.agent);
            pc.setMetadataRepositories(site);
            pc.setArtifactRepositories(site);
            InstallOperation op = new InstallOperation(new ProvisioningSession(a.agent), ius);
            op.setProfileId(IProfileRegistry.SELF);
            op.setProvisioningContext(pc);
            IProvisioningPlan plan = resolve(op, "install " + String.join(", ", featureIds), sub.split(20));
            List<IInstallableUnit> added = units(plan.getAdditions().query(QueryUtil.createIUAnyQuery(), null));
            added.removeIf(iu -> !profile.available(QueryUtil.createIUQuery(iu.getId(), iu.getVersion()), null)
                    .isEmpty());
            if (added.isEmpty()) {
                return new Outcome("already installed: " + String.join(", ", featureIds), List.of(), List.of(), true);
            }
            verify(added, artifacts, sub.split(30));
            Set<String> exchangesBefore = exchanges.ids();
            perform(a.agent, plan, pc, "install " + String.join(", ", featureIds), sub.split(30));
            boolean live = applyConfiguration();
            List<String> bundles = bundles(added);
            String names = ius.stream().map(iu -> name(iu) + " " + iu.getVersion()).collect(Collectors.joining(", "));
            String summary = "installed " + names + " (" + count(bundles.size(), "bundle") + ")";
            List<String> newExchanges = List.of();
            if (live) {
                newExchanges = List.copyOf(exchanges.awaitNew(exchangesBefore, symbolicNames(added)));
                String problem = exchanges.switchAll(newExchanges, true);
                if (problem != null) {
                    summary += "; not switched on for the workbench (" + problem + "): store keys or set enabled=true";
                }
            }
            return new Outcome(summary, bundles, List.of(), live, newExchanges, List.of());
        } finally {
            a.close();
            if (monitor != null) {
                monitor.done();
            }
        }
    }

    /**
     * Removes features from the running installation.
     *
     * @param featureIds the features
     * @param monitor progress and cancellation, or null
     * @return what changed
     * @throws InstallException when a feature is not installed, is part of the platform, or p2 fails
     */
    public Outcome uninstall(Collection<String> featureIds, IProgressMonitor monitor) throws InstallException {
        requireIds(featureIds);
        SubMonitor sub = SubMonitor.convert(monitor, "Removing " + String.join(", ", featureIds), 100);
        Agent a = agent();
        try {
            IProfile profile = a.profile();
            List<IInstallableUnit> ius = new ArrayList<>();
            for (String id : featureIds) {
                IQueryResult<IInstallableUnit> found = profile.query(QueryUtil.createIUQuery(id + GROUP_SUFFIX), null);
                if (found.isEmpty()) {
                    throw new InstallException(id + " is not installed; installed: " + installedIds(profile));
                }
                IInstallableUnit iu = found.iterator().next();
                if (!"true".equals(profile.getInstallableUnitProperty(iu, IProfile.PROP_PROFILE_ROOT_IU))) {
                    throw new InstallException(name(iu) + " (" + id + ") is part of the Tradebench platform and cannot"
                            + " be removed on its own");
                }
                ius.add(iu);
            }
            ProvisioningContext pc = new ProvisioningContext(a.agent);
            pc.setMetadataRepositories();
            pc.setArtifactRepositories();
            UninstallOperation op = new UninstallOperation(new ProvisioningSession(a.agent), ius);
            op.setProfileId(IProfileRegistry.SELF);
            op.setProvisioningContext(pc);
            IProvisioningPlan plan = resolve(op, "remove " + String.join(", ", featureIds), sub.split(30));
            List<IInstallableUnit> removed = units(plan.getRemovals().query(QueryUtil.createIUAnyQuery(), null));
            Set<String> exchangesBefore = exchanges.ids();
            perform(a.agent, plan, pc, "remove " + String.join(", ", featureIds), sub.split(60));
            boolean live = applyConfiguration();
            List<String> bundles = bundles(removed);
            String names = ius.stream().map(iu -> name(iu) + " " + iu.getVersion()).collect(Collectors.joining(", "));
            List<String> gone = List.of();
            if (live) {
                gone = List.copyOf(exchanges.goneSince(exchangesBefore));
                exchanges.switchAll(gone, false); // a file that cannot be written only keeps a stale switch
            }
            return new Outcome("removed " + names + " (" + count(bundles.size(), "bundle") + ")", List.of(), bundles,
                    live, List.of(), gone);
        } finally {
            a.close();
            if (monitor != null) {
                monitor.done();
            }
        }
    }

    // ------------------------------------------------------------------------------------------

    private IProvisioningPlan resolve(ProfileChangeOperation op, String what, IProgressMonitor monitor)
            throws InstallException {
        IStatus status;
        try {
            status = op.resolveModal(monitor);
        } catch (OperationCanceledException e) {
            throw new InstallException("cancelled: " + what);
        }
        if (status.getSeverity() == IStatus.CANCEL) {
            throw new InstallException("cancelled: " + what);
        }
        IProvisioningPlan plan = op.getProvisioningPlan();
        if (status.getSeverity() == IStatus.ERROR || plan == null) {
            String details = op.getResolutionDetails();
            throw new InstallException("cannot " + what + ": " + describe(status)
                    + (details == null || details.isBlank() ? "" : "\n" + details.strip()));
        }
        return plan;
    }

    private static void perform(IProvisioningAgent agent, IProvisioningPlan plan, ProvisioningContext pc,
            String what, IProgressMonitor monitor) throws InstallException {
        IStatus done = new ProvisioningSession(agent).performProvisioningPlan(plan,
                PhaseSetFactory.createDefaultPhaseSet(), pc, monitor);
        if (done.getSeverity() == IStatus.CANCEL) {
            throw new InstallException("cancelled: " + what);
        }
        if (done.getSeverity() == IStatus.ERROR) {
            throw new InstallException("p2 could not " + what + ": " + describe(done));
        }
    }

    /** Downloads each artifact the plan adds and checks its signature; refuses on the first bad one. */
    private void verify(List<IInstallableUnit> added, IArtifactRepository artifacts, IProgressMonitor monitor)
            throws InstallException {
        SignatureVerifier verifier = new SignatureVerifier(trust.certificates());
        List<IArtifactKey> keys = new ArrayList<>();
        for (IInstallableUnit iu : added) {
            keys.addAll(iu.getArtifacts());
        }
        SubMonitor sub = SubMonitor.convert(monitor, "Checking signatures", Math.max(1, keys.size()));
        Path dir;
        try {
            dir = Files.createTempDirectory("tradebench-install-");
        } catch (IOException e) {
            throw new InstallException("cannot create a temporary directory to check the downloads: " + e.getMessage(), e);
        }
        try {
            for (IArtifactKey key : keys) {
                String what = key.getClassifier() + " " + key.getId() + " " + key.getVersion();
                IArtifactDescriptor[] descriptors = artifacts.getArtifactDescriptors(key);
                IArtifactDescriptor canonical = null;
                for (IArtifactDescriptor d : descriptors) {
                    if (d.getProperty(IArtifactDescriptor.FORMAT) == null) {
                        canonical = d;
                        break;
                    }
                }
                if (canonical == null) {
                    throw new InstallException(what + " is not in the site's artifact repository " + artifacts.getLocation());
                }
                Path file = dir.resolve(key.getId() + "_" + key.getVersion() + ".jar");
                IStatus got;
                try (OutputStream out = Files.newOutputStream(file)) {
                    got = artifacts.getArtifact(canonical, out, sub.split(1));
                }
                if (got.getSeverity() == IStatus.CANCEL) {
                    throw new InstallException("cancelled while downloading " + what);
                }
                if (got.getSeverity() == IStatus.ERROR) {
                    String why = describe(got);
                    if (why.toLowerCase(java.util.Locale.ROOT).contains("invalid content")) {
                        // p2's own check of a signed jar's entries on download
                        throw new InstallException(what + " was changed after it was signed: its content does not match"
                                + " its signature (" + why + "); refused");
                    }
                    throw new InstallException("cannot download " + what + ": " + why);
                }
                verifier.verify(file, what);
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new InstallException("cannot check the downloads: " + e.getMessage(), e);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // a temporary directory left behind holds only public artifacts
            }
        }
    }

    /** Asks the framework's configurator to apply the new bundles.info now. */
    private boolean applyConfiguration() {
        ServiceReference<?> ref = context.getServiceReference(CONFIGURATOR);
        if (ref == null) {
            return false;
        }
        Object configurator = context.getService(ref);
        try {
            configurator.getClass().getMethod("applyConfiguration").invoke(configurator);
            return true;
        } catch (InvocationTargetException | IllegalAccessException | NoSuchMethodException | RuntimeException e) {
            return false;
        } finally {
            context.ungetService(ref);
        }
    }

    private Agent agent() throws InstallException {
        ServiceReference<IProvisioningAgent> current = null;
        try {
            var refs = context.getServiceReferences(IProvisioningAgent.class,
                    "(" + IProvisioningAgent.SERVICE_CURRENT + "=true)");
            if (!refs.isEmpty()) {
                current = refs.iterator().next();
            }
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (current != null) {
            IProvisioningAgent agent = context.getService(current);
            if (agent != null) {
                ServiceReference<IProvisioningAgent> ref = current;
                return new Agent(agent, () -> context.ungetService(ref));
            }
        }
        ServiceReference<IProvisioningAgentProvider> pref = context.getServiceReference(IProvisioningAgentProvider.class);
        if (pref == null) {
            throw new InstallException("p2 is not running in this installation (no provisioning agent): it cannot"
                    + " install or remove anything");
        }
        IProvisioningAgentProvider provider = context.getService(pref);
        try {
            IProvisioningAgent agent = provider.createAgent(null);
            return new Agent(agent, () -> context.ungetService(pref));
        } catch (ProvisionException e) {
            context.ungetService(pref);
            throw new InstallException("p2 cannot open this installation: " + e.getMessage(), e);
        }
    }

    /** A provisioning agent borrowed for one call. */
    private static final class Agent {
        final IProvisioningAgent agent;
        private final Runnable release;

        Agent(IProvisioningAgent agent, Runnable release) {
            this.agent = agent;
            this.release = release;
        }

        IProfile profile() throws InstallException {
            IProfileRegistry registry = agent.getService(IProfileRegistry.class);
            IProfile profile = registry == null ? null : registry.getProfile(IProfileRegistry.SELF);
            if (profile == null) {
                throw new InstallException("this Tradebench was not installed by p2 (it has no profile), so features"
                        + " cannot be installed into it; use a Tradebench product");
            }
            return profile;
        }

        IMetadataRepository metadata(URI site, IProgressMonitor monitor) throws InstallException {
            IMetadataRepositoryManager m = agent.getService(IMetadataRepositoryManager.class);
            try {
                return m.loadRepository(site, monitor);
            } catch (ProvisionException e) {
                throw new InstallException("cannot read the update site " + site + ": " + e.getMessage(), e);
            } catch (OperationCanceledException e) {
                throw new InstallException("cancelled while reading " + site);
            }
        }

        IArtifactRepository artifacts(URI site, IProgressMonitor monitor) throws InstallException {
            IArtifactRepositoryManager m = agent.getService(IArtifactRepositoryManager.class);
            try {
                return m.loadRepository(site, monitor);
            } catch (ProvisionException e) {
                throw new InstallException("cannot read the artifacts of the update site " + site + ": "
                        + e.getMessage(), e);
            } catch (OperationCanceledException e) {
                throw new InstallException("cancelled while reading " + site);
            }
        }

        void close() {
            release.run();
        }
    }

    // ------------------------------------------------------------------------------------------

    private static Feature offered(IProfile profile, IInstallableUnit iu) {
        IQueryResult<IInstallableUnit> have = profile.query(QueryUtil.createIUQuery(iu.getId()), null);
        boolean installed = !have.isEmpty();
        boolean removable = installed
                && "true".equals(profile.getInstallableUnitProperty(have.iterator().next(), IProfile.PROP_PROFILE_ROOT_IU));
        return feature(iu, installed, removable);
    }

    private static Feature feature(IInstallableUnit iu, boolean installed, boolean removable) {
        String id = iu.getId().substring(0, iu.getId().length() - GROUP_SUFFIX.length());
        return new Feature(id, iu.getVersion().toString(), name(iu), text(iu, IInstallableUnit.PROP_DESCRIPTION),
                text(iu, IInstallableUnit.PROP_PROVIDER), installed, removable);
    }

    private static String name(IInstallableUnit iu) {
        String n = iu.getProperty(IInstallableUnit.PROP_NAME, null);
        return n == null || n.isBlank() ? iu.getId() : n;
    }

    private static String text(IInstallableUnit iu, String key) {
        String t = iu.getProperty(key, null);
        return t == null ? "" : t.strip();
    }

    private static List<IInstallableUnit> latest(IQueryResult<IInstallableUnit> units) {
        Map<String, IInstallableUnit> newest = new LinkedHashMap<>();
        for (IInstallableUnit iu : units) {
            newest.merge(iu.getId(), iu, (x, y) -> x.getVersion().compareTo(y.getVersion()) >= 0 ? x : y);
        }
        return new ArrayList<>(newest.values());
    }

    private static List<IInstallableUnit> units(IQueryResult<IInstallableUnit> result) {
        return new ArrayList<>(result.toUnmodifiableSet());
    }

    /** Whether a unit is a bundle (its id is then the bundle's symbolic name). */
    private static boolean isBundle(IInstallableUnit iu) {
        for (IProvidedCapability c : iu.getProvidedCapabilities()) {
            if ("osgi.bundle".equals(c.getNamespace())) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> symbolicNames(List<IInstallableUnit> units) {
        return units.stream().filter(FeatureInstaller::isBundle).map(IInstallableUnit::getId)
                .collect(Collectors.toSet());
    }

    private static List<String> bundles(List<IInstallableUnit> units) {
        return units.stream().filter(FeatureInstaller::isBundle).map(iu -> iu.getId() + " " + iu.getVersion())
                .sorted().toList();
    }

    private static String offeredIds(IMetadataRepository repo) {
        Set<String> ids = new java.util.TreeSet<>();
        for (IInstallableUnit iu : repo.query(QueryUtil.createIUGroupQuery(), null)) {
            if (iu.getId().endsWith(GROUP_SUFFIX)) {
                ids.add(iu.getId().substring(0, iu.getId().length() - GROUP_SUFFIX.length()));
            }
        }
        return ids.isEmpty() ? "nothing" : String.join(", ", ids);
    }

    private static String installedIds(IProfile profile) {
        Set<String> ids = new java.util.TreeSet<>();
        for (IInstallableUnit iu : profile.query(QueryUtil.createIUGroupQuery(), null)) {
            if (iu.getId().endsWith(GROUP_SUFFIX)) {
                ids.add(iu.getId().substring(0, iu.getId().length() - GROUP_SUFFIX.length()));
            }
        }
        return String.join(", ", ids);
    }

    private static void requireIds(Collection<String> ids) throws InstallException {
        if (ids == null || ids.isEmpty()) {
            throw new InstallException("no feature named");
        }
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (id == null || id.isBlank() || !id.matches("[A-Za-z0-9_.-]+")) {
                throw new InstallException("'" + id + "' is not a feature id (like org.tradebench.bitfinex.feature)");
            }
            if (id.endsWith(GROUP_SUFFIX)) {
                throw new InstallException("name the feature without p2's suffix: "
                        + id.substring(0, id.length() - GROUP_SUFFIX.length()));
            }
            if (!seen.add(id)) {
                throw new InstallException(id + " is named twice");
            }
        }
    }

    /** A status and its children as one message. */
    static String describe(IStatus status) {
        StringBuilder b = new StringBuilder(status.getMessage() == null ? "" : status.getMessage());
        if (status.getException() != null && status.getException().getMessage() != null
                && !b.toString().contains(status.getException().getMessage())) {
            b.append(" (").append(status.getException().getMessage()).append(')');
        }
        for (IStatus child : status.getChildren()) {
            if (child.getSeverity() >= IStatus.WARNING) {
                String m = describe(child);
                if (!m.isBlank() && !b.toString().contains(m)) {
                    b.append("; ").append(m);
                }
            }
        }
        return b.toString().strip();
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /** {@code <configuration>/org.tradebench.install/trusted}, or null when there is no configuration area. */
    static Path trustDirectory(BundleContext context) {
        String area = context.getProperty("osgi.configuration.area");
        if (area == null) {
            return null;
        }
        try {
            URI uri = new URI(area.replace(" ", "%20"));
            Path config = "file".equalsIgnoreCase(uri.getScheme()) ? Paths.get(uri) : Paths.get(area);
            return config.resolve("org.tradebench.install").resolve("trusted");
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The certificate this bundle's own jar was signed with: the installation's publisher. */
    static List<X509Certificate> publisher() {
        Bundle self = FrameworkUtil.getBundle(FeatureInstaller.class);
        if (self == null) {
            return List.of();
        }
        Optional<java.io.File> file = FileLocator.getBundleFileLocation(self);
        if (file.isEmpty() || !file.get().isFile()) {
            return List.of();
        }
        return TrustStore.signerOf(file.get().toPath()).map(List::of).orElse(List.of());
    }
}
