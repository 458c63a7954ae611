package org.tradebench.connector.simulated;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;

import org.tradebench.api.Decimals;
import org.tradebench.api.spi.ConnectorSetting;

/**
 * Configuration of the simulated exchange: the seed of its synthetic market, how many market
 * events it generates per second, the paper balance each wallet of the account starts with and the
 * leverage of perpetual positions.
 *
 * <p>The same seed, the same configuration and the same user actions at the same venue times give
 * the same event sequence, so a demo, a UI test or a load test can be replayed exactly.
 *
 * <pre>{@code
 * SimulatedExchangeConfig fast = SimulatedExchangeConfig.DEFAULTS.withEventsPerSecond(20_000);
 * SimulatedExchangeConfig configured = SimulatedExchangeConfig.from(Map.of("rate", "500"), System.getProperties());
 * SimulatedExchangeConfig tool = SimulatedExchangeConfig.fromSettings(Map.of("seed", "7", "rate", "2000"));
 * }</pre>
 *
 * <p>Configuration keys (component property, else system property, else default):
 * <table>
 * <caption>keys</caption>
 * <tr><th>component property</th><th>system property</th><th>default</th></tr>
 * <tr><td>{@code seed}</td><td>{@value #SEED_PROPERTY}</td><td>42</td></tr>
 * <tr><td>{@code rate}</td><td>{@value #RATE_PROPERTY}</td><td>25 events per second</td></tr>
 * <tr><td>{@code balance}</td><td>{@value #BALANCE_PROPERTY}</td><td>100000 USD</td></tr>
 * <tr><td>{@code leverage}</td><td>{@value #LEVERAGE_PROPERTY}</td><td>10</td></tr>
 * <tr><td>{@code focus}</td><td>{@value #FOCUS_PROPERTY}</td><td>none (events spread over every
 * instrument by its usual share)</td></tr>
 * </table>
 * A component property may also use the full system property name.
 *
 * @param seed seed of the synthetic market (any value)
 * @param eventsPerSecond synthetic market events (order arrivals, cancels, marketable orders) per
 *        second of venue time, {@value #MIN_RATE} to {@value #MAX_RATE}
 * @param paperBalance the USD balance each wallet of the paper account starts with (the exchange
 *        wallet for spot, the margin wallet for the perpetual), &gt; 0
 * @param leverage leverage of perpetual positions, 1 to {@value #MAX_LEVERAGE}
 * @param focus the symbol of the instrument that gets {@value #FOCUS_SHARE} of the market events
 *        (load tests: a given rate of book updates on the instrument shown), or null to spread them
 *        by each instrument's usual share
 */
public record SimulatedExchangeConfig(long seed, double eventsPerSecond, BigDecimal paperBalance, int leverage,
        String focus) {

    /** System property holding the seed. */
    public static final String SEED_PROPERTY = "tradebench.simulated.seed";
    /** System property holding the market event rate in events per second. */
    public static final String RATE_PROPERTY = "tradebench.simulated.rate";
    /** System property holding the starting USD balance. */
    public static final String BALANCE_PROPERTY = "tradebench.simulated.balance";
    /** System property holding the perpetual leverage. */
    public static final String LEVERAGE_PROPERTY = "tradebench.simulated.leverage";
    /** System property holding the symbol the market events concentrate on. */
    public static final String FOCUS_PROPERTY = "tradebench.simulated.focus";
    /** The share of the market events the {@link #focus()} instrument gets. */
    public static final double FOCUS_SHARE = 0.9;

    /** Smallest event rate: one event every ten seconds. */
    public static final double MIN_RATE = 0.1;
    /** Largest event rate. */
    public static final double MAX_RATE = 1_000_000;
    /** Largest leverage. */
    public static final int MAX_LEVERAGE = 100;

    /** The setting (and component property) holding the seed. */
    public static final String SEED = "seed";
    /** The setting holding the market event rate. */
    public static final String RATE = "rate";
    /** The setting holding the starting USD balance of each wallet. */
    public static final String BALANCE = "balance";
    /** The setting holding the perpetual leverage. */
    public static final String LEVERAGE = "leverage";
    /** The setting holding the symbol the market events concentrate on. */
    public static final String FOCUS = "focus";

    /** Seed 42, 25 events per second, 100000 USD, leverage 10. */
    public static final SimulatedExchangeConfig DEFAULTS = new SimulatedExchangeConfig(42, 25,
            new BigDecimal("100000"), 10, null);

    /**
     * A configuration with the events spread over every instrument.
     *
     * @param seed the seed
     * @param eventsPerSecond the event rate
     * @param paperBalance the starting balance of each wallet
     * @param leverage the perpetual's leverage
     */
    public SimulatedExchangeConfig(long seed, double eventsPerSecond, BigDecimal paperBalance, int leverage) {
        this(seed, eventsPerSecond, paperBalance, leverage, null);
    }

    /** Validates and normalises. */
    public SimulatedExchangeConfig {
        if (!(eventsPerSecond >= MIN_RATE && eventsPerSecond <= MAX_RATE)) {
            throw new IllegalArgumentException("simulated exchange rate must be " + MIN_RATE + " to " + (long) MAX_RATE
                    + " events per second, was " + eventsPerSecond);
        }
        Objects.requireNonNull(paperBalance, "paperBalance");
        if (paperBalance.signum() <= 0) {
            throw new IllegalArgumentException("simulated exchange paper balance must be > 0 USD, was "
                    + paperBalance.toPlainString());
        }
        paperBalance = Decimals.normalize(paperBalance);
        if (leverage < 1 || leverage > MAX_LEVERAGE) {
            throw new IllegalArgumentException("simulated exchange leverage must be 1 to " + MAX_LEVERAGE + ", was "
                    + leverage);
        }
        focus = focus == null || focus.isBlank() ? null : focus.strip();
    }

    /**
     * Reads the configuration from component properties, falling back to system properties and
     * then to {@link #DEFAULTS}.
     *
     * @param component component properties (short keys such as {@code rate} or the full system
     *        property names); values may be strings or numbers
     * @param system system properties, usually {@link System#getProperties()}
     * @return the configuration
     * @throws IllegalArgumentException naming the key and the value when a value is malformed or
     *         out of range
     */
    public static SimulatedExchangeConfig from(Map<String, ?> component, Properties system) {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(system, "system");
        String seed = lookup(component, system, SEED, SEED_PROPERTY);
        String rate = lookup(component, system, RATE, RATE_PROPERTY);
        String balance = lookup(component, system, BALANCE, BALANCE_PROPERTY);
        String leverage = lookup(component, system, LEVERAGE, LEVERAGE_PROPERTY);
        String focus = lookup(component, system, FOCUS, FOCUS_PROPERTY);
        return new SimulatedExchangeConfig(
                seed == null ? DEFAULTS.seed : parse(SEED_PROPERTY, seed, "a whole number", Long::parseLong),
                rate == null ? DEFAULTS.eventsPerSecond
                        : parse(RATE_PROPERTY, rate, "a number of events per second", Double::parseDouble),
                balance == null ? DEFAULTS.paperBalance
                        : parse(BALANCE_PROPERTY, balance, "a USD amount such as 100000", BigDecimal::new),
                leverage == null ? DEFAULTS.leverage
                        : parse(LEVERAGE_PROPERTY, leverage, "a whole number such as 10", Integer::parseInt),
                focus);
    }

    /**
     * Reads the configuration from a tool's settings only ({@code seed}, {@code rate},
     * {@code balance}, {@code leverage}; others default to {@link #DEFAULTS}, system properties are
     * not read): what {@code ConnectorProvider.open} takes.
     *
     * @param settings the settings by short name
     * @return the configuration
     * @throws IllegalArgumentException naming every unknown setting, or the setting and its value
     *         when a value is malformed or out of range
     */
    public static SimulatedExchangeConfig fromSettings(Map<String, String> settings) {
        Objects.requireNonNull(settings, "settings");
        TreeSet<String> unknown = new TreeSet<>(settings.keySet());
        unknown.removeAll(List.of(SEED, RATE, BALANCE, LEVERAGE, FOCUS));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("the simulated exchange has no setting " + String.join(", ", unknown)
                    + " (its settings: " + SEED + ", " + RATE + ", " + BALANCE + ", " + LEVERAGE + ", " + FOCUS + ")");
        }
        String seed = blankToNull(settings.get(SEED));
        String rate = blankToNull(settings.get(RATE));
        String balance = blankToNull(settings.get(BALANCE));
        String leverage = blankToNull(settings.get(LEVERAGE));
        String focus = blankToNull(settings.get(FOCUS));
        return new SimulatedExchangeConfig(
                seed == null ? DEFAULTS.seed : parse(SEED, seed, "a whole number", Long::parseLong),
                rate == null ? DEFAULTS.eventsPerSecond
                        : parse(RATE, rate, "a number of events per second", Double::parseDouble),
                balance == null ? DEFAULTS.paperBalance
                        : parse(BALANCE, balance, "a USD amount such as 100000", BigDecimal::new),
                leverage == null ? DEFAULTS.leverage
                        : parse(LEVERAGE, leverage, "a whole number such as 10", Integer::parseInt),
                focus);
    }

    /**
     * The settings {@link #fromSettings} understands, with their defaults.
     *
     * @return seed, rate, balance and leverage
     */
    public static List<ConnectorSetting> settings() {
        return List.of(
                new ConnectorSetting(SEED, "seed of the synthetic market (any whole number)",
                        Long.toString(DEFAULTS.seed)),
                new ConnectorSetting(RATE, "synthetic market events per second, " + MIN_RATE + " to " + (long) MAX_RATE,
                        Decimals.toPlainString(BigDecimal.valueOf(DEFAULTS.eventsPerSecond))),
                new ConnectorSetting(BALANCE, "USD each wallet of the paper account starts with (exchange and margin)",
                        DEFAULTS.paperBalance.toPlainString()),
                new ConnectorSetting(LEVERAGE, "leverage of the perpetual, 1 to " + MAX_LEVERAGE,
                        Integer.toString(DEFAULTS.leverage)),
                new ConnectorSetting(FOCUS, "symbol that gets " + Math.round(FOCUS_SHARE * 100)
                        + " % of the market events (load tests), blank to spread them", ""));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * Reads the configuration from system properties only.
     *
     * @return the configuration
     * @throws IllegalArgumentException when a property is malformed or out of range
     */
    public static SimulatedExchangeConfig fromSystemProperties() {
        return from(Map.of(), System.getProperties());
    }

    /**
     * The same configuration with another seed.
     *
     * @param newSeed the seed
     * @return a new configuration
     */
    public SimulatedExchangeConfig withSeed(long newSeed) {
        return new SimulatedExchangeConfig(newSeed, eventsPerSecond, paperBalance, leverage, focus);
    }

    /**
     * The same configuration with another event rate.
     *
     * @param rate events per second
     * @return a new configuration
     */
    public SimulatedExchangeConfig withEventsPerSecond(double rate) {
        return new SimulatedExchangeConfig(seed, rate, paperBalance, leverage, focus);
    }

    /**
     * The same configuration with another paper balance.
     *
     * @param balance starting USD balance
     * @return a new configuration
     */
    public SimulatedExchangeConfig withPaperBalance(BigDecimal balance) {
        return new SimulatedExchangeConfig(seed, eventsPerSecond, balance, leverage, focus);
    }

    /**
     * The same configuration with another leverage.
     *
     * @param newLeverage leverage of perpetual positions
     * @return a new configuration
     */
    public SimulatedExchangeConfig withLeverage(int newLeverage) {
        return new SimulatedExchangeConfig(seed, eventsPerSecond, paperBalance, newLeverage, focus);
    }

    /**
     * The same configuration with the market events concentrated on one instrument.
     *
     * @param symbol the symbol (for example {@code "BTC/USD"}), or null to spread them
     * @return a new configuration
     */
    public SimulatedExchangeConfig withFocus(String symbol) {
        return new SimulatedExchangeConfig(seed, eventsPerSecond, paperBalance, leverage, symbol);
    }

    private static String lookup(Map<String, ?> component, Properties system, String shortKey, String longKey) {
        Object value = component.get(shortKey);
        if (value == null) {
            value = component.get(longKey);
        }
        if (value == null) {
            value = system.getProperty(longKey);
        }
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }

    private static <T> T parse(String key, String text, String expected, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be " + expected + ", was '" + text + "'", e);
        }
    }
}
