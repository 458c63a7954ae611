package org.tradebench.connector.bitfinex.internal;

import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.tradebench.api.Capability;
import org.tradebench.api.Subscription;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.instrument.InstrumentListener;
import org.tradebench.api.instrument.InstrumentSpec;
import org.tradebench.api.instrument.InstrumentsChanged;
import org.tradebench.api.instrument.PricePrecision;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexConf;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSymbol;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSymbols;
import org.tradebench.connector.bitfinex.internal.rest.BitfinexRest;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.stream.InstrumentDirectory;
import org.tradebench.transport.HttpResult;

/**
 * The instruments Bitfinex lists, with their rules, loaded from the exchange's configuration
 * endpoints ({@link BitfinexConf#PAIRS_PATH}: spot and derivative pairs, their minimum and maximum
 * order sizes) at start and every {@link #REFRESH} after; a failed load is retried with back-off.
 * Every Bitfinex price has 5 significant digits and at most 8 decimals
 * ({@link PricePrecision.SignificantDigits}); amounts have 8 decimals.
 *
 * <p>Changes reach {@link InstrumentListener}s as {@link InstrumentsChanged} events; a newcomer gets
 * the whole list first.
 *
 * <pre>{@code
 * catalog.start();                        // GET /v2/conf/pub:list:pair:exchange,...
 * catalog.find(new InstrumentId("bitfinex", "BTC/USD"));   // Optional[Instrument[... 5 significant digits ...]]
 * }</pre>
 *
 * <p>{@link #instruments()} may be read from any thread; the rest runs under the runtime lock.
 */
public final class BitfinexCatalog {

    /** How often the list is loaded again. */
    public static final Duration REFRESH = Duration.ofHours(1);

    /** Bitfinex prices: 5 significant digits, at most 8 decimals. */
    public static final PricePrecision PRICE_PRECISION = new PricePrecision.SignificantDigits(5, 8);

    /**
     * What a spot pair offers: market data, and the order types of an exchange wallet (no
     * reduce-only: there is no position to reduce).
     */
    public static final java.util.Set<Capability> SPOT_CAPABILITIES = java.util.Set.copyOf(java.util.EnumSet.of(
            Capability.TICKER, Capability.TRADES, Capability.TRADE_HISTORY, Capability.ORDER_BOOK,
            Capability.ORDER_BOOK_RAW, Capability.ORDER_BOOK_COUNTS, Capability.CANDLES, Capability.CANDLE_HISTORY,
            Capability.TRADING, Capability.ORDER_LIMIT, Capability.ORDER_MARKET, Capability.ORDER_STOP,
            Capability.ORDER_STOP_LIMIT, Capability.ORDER_ATTACHED_TP_SL, Capability.ORDER_POST_ONLY,
            Capability.ORDER_HIDDEN, Capability.ORDER_IOC_FOK, Capability.ORDER_AMEND, Capability.ORDER_QUERY,
            Capability.ORDER_HISTORY, Capability.FILL_HISTORY, Capability.BALANCES, Capability.FILLS,
            Capability.DEAD_MAN_SWITCH));

    /** What a perpetual offers: a spot pair's, plus mark price, funding, open interest, liquidations, positions. */
    public static final java.util.Set<Capability> DERIVATIVE_CAPABILITIES;

    static {
        java.util.EnumSet<Capability> d = java.util.EnumSet.copyOf(SPOT_CAPABILITIES);
        d.addAll(java.util.EnumSet.of(Capability.MARK_PRICE, Capability.FUNDING, Capability.OPEN_INTEREST,
                Capability.LIQUIDATIONS, Capability.ORDER_REDUCE_ONLY, Capability.POSITIONS));
        DERIVATIVE_CAPABILITIES = java.util.Set.copyOf(d);
    }

    /** Bitfinex amounts: 8 decimals. */
    public static final BigDecimal LOT = new BigDecimal("0.00000001");

    private static final System.Logger LOG = System.getLogger(BitfinexCatalog.class.getName());

    private final ConnectorRuntime runtime;
    private final BitfinexRest rest;
    private final InstrumentDirectory directory;
    private String problem = "not loaded yet";
    private Duration retry = Duration.ofSeconds(2);
    private boolean closed;

    /**
     * Creates an empty catalog.
     *
     * @param runtime the runtime
     * @param rest the REST client
     */
    public BitfinexCatalog(ConnectorRuntime runtime, BitfinexRest rest) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.rest = Objects.requireNonNull(rest, "rest");
        this.directory = new InstrumentDirectory(runtime, BitfinexSymbols.EXCHANGE_ID);
    }

    /** Loads the list now and schedules the refreshes. */
    public void start() {
        runtime.execute(this::load);
        runtime.every(REFRESH, this::load);
    }

    /** Stops loading. */
    public void close() {
        closed = true;
    }

    /**
     * The instruments now (empty until the first load).
     *
     * @return an immutable list, spot first
     */
    public List<Instrument> instruments() {
        return directory.instruments();
    }

    /**
     * Whether the list was loaded.
     *
     * @return true after the first successful load
     */
    public boolean loaded() {
        return directory.loaded();
    }

    /**
     * Why the list is not loaded, for people.
     *
     * @return the last problem, or empty
     */
    public String problem() {
        return directory.loaded() ? "" : problem;
    }

    /**
     * An instrument by id.
     *
     * @param id the id
     * @return the instrument, or empty when Bitfinex does not list it (or the list is not loaded)
     */
    public Optional<Instrument> find(InstrumentId id) {
        return directory.find(id);
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

    private void load() {
        if (closed) {
            return;
        }
        rest.get(BitfinexConf.PAIRS_PATH, false).thenAccept(r -> runtime.execute(() -> {
            if (closed) {
                return;
            }
            if (r instanceof HttpResult.Success ok) {
                try {
                    replace(build(BitfinexConf.pairs(ok.body())));
                    retry = Duration.ofSeconds(2);
                    return;
                } catch (IllegalArgumentException e) {
                    problem = "Bitfinex's pair configuration could not be read: " + e.getMessage();
                }
            } else if (r instanceof HttpResult.Failure f) {
                problem = "loading Bitfinex's pairs failed: " + f.describe();
            }
            LOG.log(Level.WARNING, problem + "; retrying in " + retry.toSeconds() + " s");
            Duration wait = retry;
            retry = retry.multipliedBy(2).compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5)
                    : retry.multipliedBy(2);
            if (!directory.loaded()) {
                runtime.schedule(wait, this::load);
            }
        }));
    }

    /**
     * The instruments of a configuration answer.
     *
     * @param pairs the pairs with their limits
     * @return the instruments (pairs with symbols this connector cannot name are left out)
     */
    public static List<Instrument> build(List<BitfinexConf.BitfinexPairInfo> pairs) {
        List<Instrument> out = new ArrayList<>();
        for (BitfinexConf.BitfinexPairInfo p : pairs) {
            BitfinexSymbol s;
            try {
                s = BitfinexSymbols.parse(p.raw());
                s.instrumentId();
            } catch (IllegalArgumentException | IllegalStateException e) {
                continue;
            }
            BigDecimal min = p.minOrderSize() == null ? LOT : p.minOrderSize();
            BigDecimal max = p.maxOrderSize() != null && p.maxOrderSize().compareTo(min) >= 0 ? p.maxOrderSize() : null;
            InstrumentSpec spec = new InstrumentSpec(PRICE_PRECISION, LOT, min, max, BigDecimal.ZERO, BigDecimal.ONE);
            InstrumentKind kind = s.instrumentKind();
            out.add(new Instrument(s.instrumentId(), kind, spec, p.raw(),
                    kind == InstrumentKind.SPOT ? SPOT_CAPABILITIES : DERIVATIVE_CAPABILITIES));
        }
        return List.copyOf(out);
    }

    private void replace(List<Instrument> next) {
        InstrumentsChanged c = directory.replace(next);
        if (c != null) {
            LOG.log(Level.INFO, "Bitfinex lists " + next.size() + " instruments (" + c.added().size() + " new, "
                    + c.changed().size() + " changed, " + c.removed().size() + " gone)");
        }
    }
}
