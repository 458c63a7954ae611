package org.tradebench.connector.support.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.tradebench.api.credentials.ApiCredentials;

/**
 * The exchanges switched on for the workbench, kept with the installation: installing an exchange
 * from an update site switches it on (the installer does), so its connector runs at once and after
 * every restart, without keys and without a setting. {@link ConnectorServiceLifecycle} counts a
 * switched-on exchange as enabled, beside its own setting and its stored keys. An exchange shipped
 * with the product stays off until one of those says otherwise, so that a new installation runs on
 * the simulated exchange.
 *
 * <p>Kept in {@code <configuration area>/org.tradebench.connectors/switched-on.properties}, one line
 * {@code <exchange id>=on} per exchange (no secret: ids only). The file is read at each question, so
 * a switch another process wrote (the headless {@code install}) counts from the next start of the
 * workbench; a change in this process reaches the listeners at once.
 *
 * <pre>{@code
 * ExchangeSwitches switches = ExchangeSwitches.shared();
 * switches.set("acme", true);                   // the installer, after Acme's bundle started
 * boolean on = switches.isOn("acme");
 * Runnable stop = switches.listen(id -> ...);   // ConnectorServiceLifecycle: reconcile
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ExchangeSwitches {

    /** The file's folder in the configuration area: {@value}. */
    public static final String FOLDER = "org.tradebench.connectors";
    /** The file's name: {@value}. */
    public static final String FILE = "switched-on.properties";

    private static final Logger LOG = System.getLogger(ExchangeSwitches.class.getName());
    private static final ExchangeSwitches SHARED = new ExchangeSwitches(defaultFile());

    private final Path file;
    private final Properties memory = new Properties();
    private final CopyOnWriteArrayList<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    private ExchangeSwitches(Path file) {
        this.file = file;
    }

    /**
     * The installation's switches (in its configuration area; in memory only when the framework
     * has none).
     *
     * @return the shared instance
     */
    public static ExchangeSwitches shared() {
        return SHARED;
    }

    /**
     * Switches kept in a file of the caller's choice (tests, tools).
     *
     * @param file the properties file, or null to keep them in memory only
     * @return new switches, all off until set
     */
    public static ExchangeSwitches at(Path file) {
        return new ExchangeSwitches(file);
    }

    /**
     * Whether an exchange is switched on.
     *
     * @param exchangeId the connector id
     * @return true when switched on; false when off, never set, or the file cannot be read (logged)
     */
    public boolean isOn(String exchangeId) {
        ApiCredentials.requireExchangeId(exchangeId);
        synchronized (this) {
            return "on".equals(read().getProperty(exchangeId));
        }
    }

    /**
     * The exchanges switched on.
     *
     * @return their ids, sorted
     */
    public Set<String> on() {
        Set<String> ids = new TreeSet<>();
        synchronized (this) {
            Properties p = read();
            for (String id : p.stringPropertyNames()) {
                if ("on".equals(p.getProperty(id))) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    /**
     * Switches an exchange on or off, keeps it, and tells the listeners (on the caller's thread)
     * when it changed.
     *
     * @param exchangeId the connector id
     * @param on the new state
     * @throws UncheckedIOException when the file cannot be written; nothing changed then
     */
    public void set(String exchangeId, boolean on) {
        ApiCredentials.requireExchangeId(exchangeId);
        synchronized (this) {
            Properties p = read();
            boolean was = "on".equals(p.getProperty(exchangeId));
            if (was == on) {
                return;
            }
            if (on) {
                p.setProperty(exchangeId, "on");
            } else {
                p.remove(exchangeId);
            }
            write(p);
        }
        LOG.log(Level.INFO, exchangeId + " switched " + (on ? "on" : "off") + " for the workbench");
        for (Consumer<String> l : listeners) {
            try {
                l.accept(exchangeId);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "an exchange switch listener failed: " + e, e);
            }
        }
    }

    /**
     * Hears every change made in this process.
     *
     * @param changed receives the exchange id whose switch changed (on the thread that changed it;
     *        hand heavy work over)
     * @return stops listening
     */
    public Runnable listen(Consumer<String> changed) {
        Objects.requireNonNull(changed, "changed");
        listeners.add(changed);
        return () -> listeners.remove(changed);
    }

    @Override
    public String toString() {
        return "ExchangeSwitches[" + (file == null ? "in memory" : file) + "]";
    }

    // guarded by this
    private Properties read() {
        if (file == null) {
            return memory;
        }
        Properties p = new Properties();
        if (!Files.isRegularFile(file)) {
            return p;
        }
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "the exchange switches in " + file + " cannot be read (" + e.getMessage()
                    + "); every exchange counts as off until they are set again");
            return new Properties();
        }
        return p;
    }

    // guarded by this
    private void write(Properties p) {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    p.store(out, "Exchanges switched on for the Tradebench workbench (exchange id=on)");
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the exchange switches cannot be written to " + file + ": " + e.getMessage(),
                    e);
        }
    }

    /** {@code <configuration area>/org.tradebench.connectors/switched-on.properties}, or null. */
    private static Path defaultFile() {
        String area = null;
        Bundle self = FrameworkUtil.getBundle(ExchangeSwitches.class);
        BundleContext context = self == null ? null : self.getBundleContext();
        if (context != null) {
            area = context.getProperty("osgi.configuration.area");
        }
        if (area == null) {
            area = System.getProperty("osgi.configuration.area");
        }
        if (area == null || area.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(area.replace(" ", "%20"));
            Path config = "file".equalsIgnoreCase(uri.getScheme()) ? Paths.get(uri) : Paths.get(area);
            return config.resolve(FOLDER).resolve(FILE);
        } catch (URISyntaxException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "the configuration area " + area + " is not a folder; exchange switches are kept"
                    + " in memory only");
            return null;
        }
    }
}
