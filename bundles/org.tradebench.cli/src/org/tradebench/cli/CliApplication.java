package org.tradebench.cli;

import java.time.Duration;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.tradebench.install.FeatureInstaller;

/**
 * The Equinox application {@code org.tradebench.cli.application}: tracks the installed
 * {@link org.tradebench.api.spi.ConnectorProvider} services ({@link OsgiProviders}), hands the
 * application arguments to {@link Cli}, and returns its exit status as the process's.
 *
 * <pre>
 * java -jar plugins/org.eclipse.equinox.launcher_*.jar -application org.tradebench.cli.application \
 *      decode --exchange simulated &lt; frames.txt
 * </pre>
 *
 * <p>Started by the framework on the launcher's thread.
 */
public final class CliApplication implements IApplication {

    /** How long a lookup waits for a connector bundle's provider to be registered. */
    public static final Duration PROVIDER_PATIENCE = Duration.ofSeconds(2);

    /** Created by the extension registry. */
    public CliApplication() {
    }

    @Override
    public Object start(IApplicationContext context) {
        Object args = context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        context.applicationRunning();
        String[] arguments = args instanceof String[] a ? a : new String[0];
        BundleContext bundleContext = bundleContext();
        int status;
        if (bundleContext == null) {
            System.err.println("tradebench: the org.tradebench.cli bundle is not started: no exchange can be found");
            status = Cli.run(arguments, Providers.of(), System.in, System.out, System.err);
        } else {
            try (OsgiProviders providers = new OsgiProviders(bundleContext, PROVIDER_PATIENCE)) {
                status = Cli.run(arguments, providers, FeatureInstaller.forRunningInstallation(bundleContext),
                        System.in, System.out, System.err);
            }
        }
        System.out.flush();
        return Integer.valueOf(status);
    }

    @Override
    public void stop() {
        // Commands read to the end of their input or stop on their own; the framework stopping us
        // ends the process.
    }

    /** This bundle's context; the bundle is lazily activated, but start it if nothing did. */
    private static BundleContext bundleContext() {
        Bundle bundle = FrameworkUtil.getBundle(CliApplication.class);
        if (bundle == null) {
            return null;
        }
        if (bundle.getBundleContext() == null) {
            try {
                bundle.start(Bundle.START_TRANSIENT);
            } catch (BundleException | IllegalStateException e) {
                return null;
            }
        }
        return bundle.getBundleContext();
    }
}
