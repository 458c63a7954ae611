package org.tradebench.cli.live;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.MarketData;
import org.tradebench.api.market.TickerListener;
import org.tradebench.api.market.TradeListener;
import org.tradebench.api.spi.ConnectorProvider;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.api.spi.OpenConnector;
import org.tradebench.cli.args.UsageException;

/**
 * What {@code record} and {@code stream} share: a connector opened through its provider with the
 * user's settings, the symbols resolved to its instruments, the requested streams subscribed, and
 * everything closed in order at the end.
 *
 * <pre>{@code
 * try (LiveSession s = LiveSession.open(provider, request.settings(), tap)) {
 *     List<InstrumentId> ids = s.resolve(request.symbols(), Duration.ofSeconds(10), err);
 *     s.subscribe(request, ids, listeners);
 *     stop.await(request.duration());
 *     s.closeSubscriptions();
 * }
 * }</pre>
 *
 * <p>Used by the command's thread; listeners run on connector delivery threads.
 */
final class LiveSession implements AutoCloseable {

    /** Listeners for the streams of one instrument. */
    interface Listeners {
        BookListener book(InstrumentId instrument);

        TradeListener trades(InstrumentId instrument);

        TickerListener ticker(InstrumentId instrument);
    }

    private final OpenConnector open;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private boolean closed;

    private LiveSession(OpenConnector open) {
        this.open = open;
    }

    /**
     * Opens a connector.
     *
     * @param provider the provider
     * @param settings setting overrides
     * @param tap receives raw frames
     * @return the session
     * @throws UsageException when the provider refuses a setting
     */
    static LiveSession open(ConnectorProvider provider, Map<String, String> settings, FrameTap tap)
            throws UsageException {
        OpenConnector open;
        try {
            open = provider.open(settings, tap);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() == null ? "the " + provider.exchangeId()
                    + " connector refused its settings" : e.getMessage());
        }
        return new LiveSession(Objects.requireNonNull(open, "provider.open returned null"));
    }

    ExchangeConnector connector() {
        return open.connector();
    }

    /**
     * The connector's instruments for unified symbols. Waits up to {@code wait} for the instrument
     * list when it is not loaded yet; without a list the symbols are taken as given (a stream of an
     * unknown one then fails on its own).
     *
     * @param symbols unified symbols
     * @param wait how long to wait for the instrument list
     * @param err for the notice when the list does not come
     * @return the instruments, in order
     * @throws UsageException naming the symbols the connector does not list
     * @throws InterruptedException when interrupted while waiting
     */
    List<InstrumentId> resolve(List<String> symbols, Duration wait, PrintStream err)
            throws UsageException, InterruptedException {
        ExchangeConnector c = connector();
        List<Instrument> instruments = c.instruments();
        if (instruments.isEmpty()) {
            instruments = awaitInstruments(c, wait);
        }
        List<InstrumentId> ids = new ArrayList<>();
        if (instruments.isEmpty()) {
            err.println("tradebench: the " + c.id() + " connector listed no instruments within " + seconds(wait)
                    + "; subscribing " + String.join(", ", symbols) + " unchecked");
            for (String s : symbols) {
                ids.add(new InstrumentId(c.id(), s));
            }
            return ids;
        }
        List<String> unknown = new ArrayList<>();
        for (String s : symbols) {
            Optional<Instrument> found = instruments.stream().filter(i -> i.id().symbol().equals(s)).findFirst();
            if (found.isPresent()) {
                ids.add(found.get().id());
            } else {
                unknown.add(s);
            }
        }
        if (!unknown.isEmpty()) {
            throw new UsageException("unknown symbol" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                    + " on " + c.id() + hint(unknown.get(0), instruments));
        }
        return ids;
    }

    /**
     * Subscribes the requested streams of each instrument.
     *
     * @param request what to stream
     * @param instruments the instruments
     * @param listeners the listeners
     */
    void subscribe(LiveRequest request, List<InstrumentId> instruments, Listeners listeners) {
        MarketData md = connector().marketData();
        for (InstrumentId id : instruments) {
            if (request.bookDepth() > 0) {
                subscriptions.add(md.subscribeBook(new BookRequest(id, request.bookDepth()), listeners.book(id)));
            }
            if (request.trades()) {
                subscriptions.add(md.subscribeTrades(id, listeners.trades(id)));
            }
            if (request.ticker()) {
                subscriptions.add(md.subscribeTicker(id, listeners.ticker(id)));
            }
        }
    }

    /**
     * Keeps a subscription to close with the others.
     *
     * @param subscription the subscription
     */
    void keep(Subscription subscription) {
        subscriptions.add(subscription);
    }

    /** Closes every subscription: no new callback starts after this returns. */
    void closeSubscriptions() {
        for (Subscription s : subscriptions) {
            s.close();
        }
        subscriptions.clear();
    }

    /** Closes the subscriptions and the connector. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeSubscriptions();
            open.close();
        }
    }

    private static List<Instrument> awaitInstruments(ExchangeConnector c, Duration wait) throws InterruptedException {
        AtomicReference<List<Instrument>> list = new AtomicReference<>(List.of());
        CountDownLatch loaded = new CountDownLatch(1);
        Subscription s = c.subscribeInstruments(change -> {
            if (!change.instruments().isEmpty()) {
                list.set(change.instruments());
                loaded.countDown();
            }
        });
        try {
            loaded.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            s.close();
        }
        return list.get();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Symbols with the same base, to show what was probably meant. */
    private static String hint(String symbol, List<Instrument> instruments) {
        int slash = symbol.indexOf('/');
        String base = slash > 0 ? symbol.substring(0, slash + 1) : symbol;
        List<String> similar = instruments.stream().map(i -> i.id().symbol()).filter(s -> s.startsWith(base)).sorted()
                .limit(8).toList();
        return similar.isEmpty() ? " (it lists " + instruments.size() + " instruments)"
                : " (it lists " + String.join(", ", similar) + (similar.size() == 8 ? ", ..." : "") + ")";
    }
}
