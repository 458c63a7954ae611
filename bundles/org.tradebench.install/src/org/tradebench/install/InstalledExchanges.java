package org.tradebench.install;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.tradebench.api.spi.ConnectorProvider;
import org.tradebench.connector.support.service.ExchangeSwitches;

/**
 * The exchanges of the running installation, by their {@link ConnectorProvider} services (every
 * connector bundle registers one, whatever its settings), and their switches: an exchange an
 * install added is switched on for the workbench ({@link ExchangeSwitches}), one a removal took
 * away is switched off.
 */
final class InstalledExchanges {

    /** How long a new connector bundle may take to register its provider once started. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private static final String PROVIDER = ConnectorProvider.class.getName();

    private final BundleContext context;
    private final ExchangeSwitches switches;

    InstalledExchanges(BundleContext context, ExchangeSwitches switches) {
        this.context = context;
        this.switches = switches;
    }

    /** @return the exchange ids of the providers registered now */
    Set<String> ids() {
        Set<String> ids = new TreeSet<>();
        Collection<ServiceReference<ConnectorProvider>> refs;
        try {
            refs = context.getServiceReferences(ConnectorProvider.class, null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (ServiceReference<ConnectorProvider> ref : refs) {
            ConnectorProvider p = context.getService(ref);
            if (p != null) {
                try {
                    ids.add(p.exchangeId());
                } finally {
                    context.ungetService(ref);
                }
            }
        }
        return ids;
    }

    /**
     * Waits until a provider of an exchange not in {@code before} is registered, when one of the
     * added bundles declares a provider component.
     *
     * @param before the ids before the install
     * @param addedBundles the symbolic names of the bundles the install added
     * @return the new ids (empty when the bundles declare no connector, or none registered in time)
     */
    Set<String> awaitNew(Set<String> before, Collection<String> addedBundles) {
        boolean expected = false;
        for (Bundle b : context.getBundles()) {
            if (addedBundles.contains(b.getSymbolicName()) && declaresProvider(b)) {
                expected = true;
                break;
            }
        }
        long deadline = System.nanoTime() + (expected ? PATIENCE.toNanos() : 0);
        Set<String> added = difference(ids(), before);
        while (added.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            added = difference(ids(), before);
        }
        return added;
    }

    /**
     * The exchanges registered before a removal and not now (providers unregister as their
     * bundles stop, before the removal returns).
     *
     * @param before the ids before the removal
     * @return the ids that are gone
     */
    Set<String> goneSince(Set<String> before) {
        return difference(before, ids());
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    /**
     * Switches exchanges on or off for the workbench.
     *
     * @param ids the exchanges
     * @param on the state
     * @return null when done, or why the switches could not be kept
     */
    String switchAll(Collection<String> ids, boolean on) {
        try {
            for (String id : ids) {
                switches.set(id, on);
            }
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /** @return the exchanges switched on, sorted */
    Set<String> switchedOn() {
        return switches.on();
    }

    /** Whether a bundle's DS components (its {@code Service-Component} files) provide a ConnectorProvider. */
    static boolean declaresProvider(Bundle b) {
        String header = b.getHeaders("").get("Service-Component");
        if (header == null) {
            return false;
        }
        for (String entry : header.split(",")) {
            String path = entry.strip();
            int slash = path.lastIndexOf('/');
            Enumeration<URL> urls = b.findEntries(slash < 0 ? "/" : path.substring(0, slash),
                    slash < 0 ? path : path.substring(slash + 1), false);
            while (urls != null && urls.hasMoreElements()) {
                try (InputStream in = urls.nextElement().openStream()) {
                    if (new String(in.readAllBytes(), StandardCharsets.UTF_8).contains(PROVIDER)) {
                        return true;
                    }
                } catch (IOException e) {
                    // an unreadable component file declares nothing we can see
                }
            }
        }
        return false;
    }
}
