package org.tradebench.core.trading;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.tradebench.api.risk.RiskLimits;
import org.tradebench.api.trading.AccountRef;

/**
 * The pre-trade risk limits the user set per trading account (Window &gt; Preferences &gt;
 * Tradebench &gt; Risk limits), kept in {@code risk-limits.properties} in the
 * {@link StateDirectory}. An account without its own limits uses the user's default limits, and
 * without those {@link RiskLimits#DEFAULTS}.
 *
 * <pre>{@code
 * RiskLimits limits = store.limits(new AccountRef("bitfinex", "main"));
 * store.store(new AccountRef("bitfinex", "main"), new RiskLimits(qty, notional, band, true, 50, fraction));
 * }</pre>
 *
 * <p>File format, one line per value: {@code bitfinex/main.maxQuantity=2}, {@code default.priceBand=0.05};
 * a value that does not parse is reported in {@link #problems()} and the account falls back to the
 * next level (never to "no limit"). Thread-safe.
 */
@Component(service = RiskLimitsStore.class)
public final class RiskLimitsStore {

    /** The file name in the state directory. */
    public static final String FILE = "risk-limits.properties";
    private static final String DEFAULT_KEY = "default";
    private static final System.Logger LOG = System.getLogger(RiskLimitsStore.class.getName());

    private Path file;
    private final Map<String, RiskLimits> limits = new TreeMap<>();
    private final Map<String, String> problems = new TreeMap<>();

    /** For DS. */
    public RiskLimitsStore() {
    }

    /**
     * A store on a file (tests, headless commands).
     *
     * @param file the properties file (need not exist)
     */
    public RiskLimitsStore(Path file) {
        this.file = file;
        load();
    }

    @Activate
    void activate(BundleContext context) {
        this.file = StateDirectory.resolve(context::getProperty).resolve(FILE);
        load();
    }

    /**
     * The limits that apply to an account.
     *
     * @param account the account
     * @return its own limits, else the default limits, else {@link RiskLimits#DEFAULTS}
     */
    public synchronized RiskLimits limits(AccountRef account) {
        RiskLimits own = limits.get(account.toString());
        if (own != null) {
            return own;
        }
        return limits.getOrDefault(DEFAULT_KEY, RiskLimits.DEFAULTS);
    }

    /**
     * The account's own limits, if the user set them.
     *
     * @param account the account, or null for the default limits
     * @return the stored limits
     */
    public synchronized Optional<RiskLimits> stored(AccountRef account) {
        return Optional.ofNullable(limits.get(account == null ? DEFAULT_KEY : account.toString()));
    }

    /**
     * Sets an account's limits (or the default limits) and writes the file.
     *
     * @param account the account, or null for the default limits
     * @param value the limits, or null to remove them (the next level applies)
     * @throws IOException when the file cannot be written (the limits in memory are set anyway)
     */
    public synchronized void store(AccountRef account, RiskLimits value) throws IOException {
        String key = account == null ? DEFAULT_KEY : account.toString();
        if (value == null) {
            limits.remove(key);
        } else {
            limits.put(key, value);
        }
        problems.remove(key);
        write();
    }

    /**
     * Lines of the file that could not be used, by account key.
     *
     * @return key to problem
     */
    public synchronized Map<String, String> problems() {
        return Map.copyOf(problems);
    }

    /**
     * The file the limits live in.
     *
     * @return the path
     */
    public Path file() {
        return file;
    }

    private synchronized void load() {
        limits.clear();
        problems.clear();
        if (file == null || !Files.isRegularFile(file)) {
            return;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            problems.put("*", "cannot read " + file + ": " + e.getMessage());
            LOG.log(System.Logger.Level.WARNING, "risk limits: cannot read " + file + ": " + e.getMessage());
            return;
        }
        Map<String, Map<String, String>> byKey = new TreeMap<>();
        for (String name : p.stringPropertyNames()) {
            int dot = name.lastIndexOf('.');
            if (dot <= 0) {
                problems.put(name, "'" + name + "' is not <exchange>/<account>.<limit>");
                continue;
            }
            byKey.computeIfAbsent(name.substring(0, dot), k -> new TreeMap<>()).put(name.substring(dot + 1),
                    p.getProperty(name).trim());
        }
        byKey.forEach((key, values) -> {
            try {
                limits.put(key, parse(values));
            } catch (IllegalArgumentException e) {
                problems.put(key, key + " in " + file.getFileName() + ": " + e.getMessage());
                LOG.log(System.Logger.Level.WARNING, "risk limits of " + key + " ignored: " + e.getMessage());
            }
        });
    }

    private static RiskLimits parse(Map<String, String> v) {
        RiskLimits d = RiskLimits.DEFAULTS;
        return new RiskLimits(decimal(v, "maxQuantity", d.maxQuantity()), decimal(v, "maxNotional", d.maxNotional()),
                decimal(v, "priceBand", d.priceBand()),
                v.containsKey("roundToGrid") ? bool(v.get("roundToGrid")) : d.roundToGrid(),
                v.containsKey("maxOpenOrders") ? integer(v.get("maxOpenOrders")) : d.maxOpenOrders(),
                v.containsKey("maxBalanceFraction") && !v.get("maxBalanceFraction").isEmpty()
                        ? decimal(v, "maxBalanceFraction", null) : d.maxBalanceFraction());
    }

    private static BigDecimal decimal(Map<String, String> v, String name, BigDecimal fallback) {
        String text = v.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + text + "' is not a number");
        }
    }

    private static boolean bool(String text) {
        if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException("roundToGrid '" + text + "' is not true or false");
        }
        return Boolean.parseBoolean(text);
    }

    private static int integer(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("maxOpenOrders '" + text + "' is not a whole number");
        }
    }

    private void write() throws IOException {
        if (file == null) {
            return;
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write("# Tradebench pre-trade risk limits per trading account (<exchange>/<account>, or default)\n");
            for (Map.Entry<String, RiskLimits> e : limits.entrySet()) {
                RiskLimits l = e.getValue();
                String k = e.getKey();
                w.write(k + ".maxQuantity=" + l.maxQuantity().toPlainString() + "\n");
                w.write(k + ".maxNotional=" + l.maxNotional().toPlainString() + "\n");
                w.write(k + ".priceBand=" + l.priceBand().toPlainString() + "\n");
                w.write(k + ".roundToGrid=" + l.roundToGrid() + "\n");
                w.write(k + ".maxOpenOrders=" + l.maxOpenOrders() + "\n");
                w.write(k + ".maxBalanceFraction="
                        + (l.maxBalanceFraction() == null ? "" : l.maxBalanceFraction().toPlainString()) + "\n");
            }
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
