package org.tradebench.connector.binance.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import org.tradebench.api.Subscription;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentListener;
import org.tradebench.api.instrument.InstrumentsChanged;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.stream.InstrumentDirectory;
import org.tradebench.transport.HttpJsonClient;
import org.tradebench.transport.HttpResult;

/**
 * The instruments of one Binance market, from {@code exchangeInfo}: loaded at start (retried with a
 * growing pause until it answers) and refreshed at the configured interval; each change is an
 * {@link InstrumentsChanged} event (the whole list first for a new subscriber).
 */
public final class BinanceCatalog {

    private static final System.Logger LOG = System.getLogger(BinanceCatalog.class.getName());

    private final ConnectorRuntime runtime;
    private final BinanceConfig config;
    private final HttpJsonClient http;
    private final InstrumentDirectory directory;
    private final List<Consumer<InstrumentsChanged>> watchers = new ArrayList<>();
    private volatile Map<String, Instrument> byRaw = Map.of();
    private String problem = "not loaded yet";
    private Duration retry = Duration.ofSeconds(1);
    private boolean closed;

    /**
     * Creates an empty catalog.
     *
     * @param runtime the runtime
     * @param config the market and REST host
     * @param http the REST client
     */
    public BinanceCatalog(ConnectorRuntime runtime, BinanceConfig config, HttpJsonClient http) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.config = Objects.requireNonNull(config, "config");
        this.http = Objects.requireNonNull(http, "http");
        this.directory = new InstrumentDirectory(runtime, config.market().id());
    }

    /** Loads the list now and schedules the refreshes. */
    public void start() {
        runtime.execute(this::load);
        runtime.every(config.instrumentRefresh(), this::load);
    }

    /** Stops loading. */
    public void close() {
        closed = true;
    }

    /** The instruments now (empty until the first load). */
    public List<Instrument> instruments() {
        return directory.instruments();
    }

    /** Whether the list was loaded. */
    public boolean loaded() {
        return directory.loaded();
    }

    /** Why the list is not loaded, for people (empty once loaded). */
    public String problem() {
        return directory.loaded() ? "" : problem;
    }

    /**
     * An instrument by id.
     *
     * @param id the id
     * @return the instrument, or empty when not listed (or not loaded)
     */
    public Optional<Instrument> find(InstrumentId id) {
        return directory.find(id);
    }

    /**
     * An instrument by Binance symbol.
     *
     * @param raw {@code BTCUSDT}
     * @return the instrument, or null
     */
    public Instrument byRaw(String raw) {
        return byRaw.get(raw);
    }

    /**
     * Streams list changes; the whole list first.
     *
     * @param listener the listener
     * @return the subscription
     */
    public Subscription subscribe(InstrumentListener listener) {
        return directory.subscribe(listener);
    }

    /**
     * Hears every change on the control thread (the market data ends streams of delisted instruments).
     *
     * @param watcher the watcher, runtime lock held
     */
    public void watch(Consumer<InstrumentsChanged> watcher) {
        synchronized (runtime.lock()) {
            watchers.add(watcher);
        }
    }

    private void load() {
        if (closed) {
            return;
        }
        http.get(config.restUri("exchangeInfo")).thenAccept(r -> runtime.execute(() -> {
            if (closed) {
                return;
            }
            if (r instanceof HttpResult.Success ok && ok.status() / 100 == 2) {
                try {
                    replace(BinanceAdapters.instruments(config.market(), ok.body()));
                    retry = Duration.ofSeconds(1);
                    return;
                } catch (IllegalArgumentException e) {
                    problem = "Binance's exchangeInfo could not be read: " + e.getMessage();
                }
            } else if (r instanceof HttpResult.Success ok) {
                problem = "exchangeInfo answered HTTP " + ok.status();
            } else if (r instanceof HttpResult.Failure f) {
                problem = "loading Binance's exchangeInfo failed: " + f.describe();
            }
            LOG.log(Level.WARNING, config.market().displayName() + ": " + problem + "; retrying in " + retry.toMillis()
                    + " ms");
            Duration wait = retry;
            retry = retry.multipliedBy(2).compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5)
                    : retry.multipliedBy(2);
            if (!directory.loaded()) {
                runtime.schedule(wait, this::load);
            }
        }));
    }

    /** Replaces the list and publishes what changed (runtime lock held; tests call it directly). */
    void replace(List<Instrument> next) {
        Map<String, Instrument> raw = new LinkedHashMap<>();
        for (Instrument i : next) {
            raw.put(i.rawSymbol(), i);
        }
        byRaw = Map.copyOf(raw);
        InstrumentsChanged c = directory.replace(next);
        if (c != null) {
            LOG.log(Level.INFO, config.market().displayName() + " lists " + next.size() + " instruments ("
                    + c.added().size() + " new, " + c.changed().size() + " changed, " + c.removed().size() + " gone)");
            for (Consumer<InstrumentsChanged> w : watchers) {
                w.accept(c);
            }
        }
    }
}
