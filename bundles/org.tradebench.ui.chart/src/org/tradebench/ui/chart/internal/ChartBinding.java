package org.tradebench.ui.chart.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.core.Registration;
import org.tradebench.ui.core.UiThrottler;
import org.tradebench.ui.core.format.PriceFormat;
import org.tradebench.ui.core.format.SizeFormat;

/**
 * Decides what the chart shows and keeps its sources: the link group's instrument (or the one
 * picked, or the preferred symbol) on the connector of its exchange, at the interval picked. Owns
 * the {@link CandleFeed} (candles) and the {@link TradingLines} (own orders and positions) and
 * re-creates them when the connector, instrument or interval changes. When the exchange's connector
 * is gone the chart says so and waits for it; it never moves to another exchange on its own.
 *
 * <p>Display thread only; listeners from other threads hop over through a {@link UiThrottler}.
 */
public final class ChartBinding implements AutoCloseable {

    /** The symbol shown when nothing else was chosen. */
    public static final String PREFERRED_SYMBOL = "BTC/USD";

    private final ChartPanel panel;
    private final ConnectorTracker tracker;
    private final InstrumentLinkGroup group;
    private final UiThrottler rebind;
    private final Registration trackerRegistration;
    private final Registration groupRegistration;
    private final Map<String, String> knownNames = new HashMap<>();

    private InstrumentId wanted;
    private CandleInterval interval;
    private ExchangeConnector connector;
    private InstrumentId shown;
    private CandleInterval shownInterval;
    private Subscription instrumentSubscription;
    private List<InstrumentId> listed = List.of();
    private CandleSeries series;
    private CandleFeed feed;
    private TradingLines tradingLines;
    private volatile InstrumentId linked;
    private boolean closed;

    /**
     * Binds a panel and shows the chart at once if a connector is there.
     *
     * @param panel the panel
     * @param tracker an open tracker (the caller closes it)
     * @param group the link group
     * @param initial the instrument to show first, nullable
     * @param initialInterval the interval to show first, nullable for 1m
     */
    public ChartBinding(ChartPanel panel, ConnectorTracker tracker, InstrumentLinkGroup group, InstrumentId initial,
            CandleInterval initialInterval) {
        this.panel = Objects.requireNonNull(panel, "panel");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.group = Objects.requireNonNull(group, "group");
        this.wanted = initial != null ? initial : group.selected().orElse(null);
        this.interval = initialInterval != null ? initialInterval : CandleInterval.M1;
        panel.showInterval(interval);
        this.rebind = new UiThrottler(panel, UiThrottler.DEFAULT_INTERVAL, this::rebind);
        panel.onInstrumentPicked(this::pick);
        panel.onIntervalPicked(this::pickInterval);
        panel.setRefresh(this::refresh);
        panel.canvas().onNeedOlder(() -> {
            CandleFeed f = feed;
            if (f != null) {
                f.pageBack();
            }
        });
        trackerRegistration = tracker.addListener(t -> rebind.schedule());
        groupRegistration = group.addListener(id -> {
            linked = id;
            rebind.schedule();
        });
        rebind();
    }

    /** @return the instrument shown */
    public Optional<InstrumentId> shown() {
        return Optional.ofNullable(shown);
    }

    /** @return the interval shown (or about to be) */
    public CandleInterval interval() {
        return interval;
    }

    /** @return the series shown, or empty */
    public Optional<CandleSeries> series() {
        return Optional.ofNullable(series);
    }

    /** @return the feed filling it, or empty */
    public Optional<CandleFeed> feed() {
        return Optional.ofNullable(feed);
    }

    private void pick(InstrumentId id) {
        wanted = id;
        if (id.equals(shown) && feed != null && feed.status().health() != null
                && feed.status().health().state().isFinal()) {
            stop(); // picking a failed chart again is how the user retries it
        }
        rebind();
        group.select(id);
    }

    /**
     * Shows another interval.
     *
     * @param next the interval
     */
    public void pickInterval(CandleInterval next) {
        interval = Objects.requireNonNull(next, "next");
        panel.showInterval(next);
        rebind();
    }

    /** Re-evaluates connector, instrument and interval and re-subscribes when one changed. */
    public void rebind() {
        if (closed || panel.isDisposed()) {
            return;
        }
        InstrumentId fromGroup = linked;
        if (fromGroup != null) {
            linked = null;
            wanted = fromGroup;
        }
        InstrumentId about = wanted != null ? wanted : shown;
        if (about != null && tracker.connectorFor(about).isEmpty()) {
            String name = knownNames.getOrDefault(about.exchangeId(), about.exchangeId());
            wanted = about;
            stopAll();
            panel.healthBadge().follow(null);
            panel.setInstruments(name, List.of(), null);
            panel.setSource("", true, "");
            panel.canvas().setMessage(name + " unavailable: its connector is not running. The chart of "
                    + about.symbol() + " comes back when it does; another exchange is shown only when you pick it.");
            return;
        }
        Optional<ExchangeConnector> best = (wanted == null ? Optional.<ExchangeConnector>empty()
                : tracker.connectorFor(wanted)).or(tracker::defaultConnector);
        if (best.isEmpty()) {
            stopAll();
            panel.healthBadge().follow(null);
            panel.setInstruments("", List.of(), null);
            panel.setSource("", true, "");
            panel.canvas().setMessage("Waiting for an exchange connector\u2026");
            return;
        }
        ExchangeConnector c = best.get();
        List<Instrument> instruments;
        try {
            instruments = c.instruments();
        } catch (RuntimeException goingAway) {
            rebind.schedule();
            return;
        }
        Optional<Instrument> instrument = choose(c, instruments);
        List<InstrumentId> ids = instruments.stream().map(Instrument::id).toList();
        if (c == connector && instrument.map(Instrument::id).equals(Optional.ofNullable(shown))
                && interval.equals(shownInterval) && feed != null) {
            if (!ids.equals(listed)) {
                listed = ids;
                panel.setInstruments(c.displayName(), ids, shown);
            }
            return;
        }
        stop();
        if (c != connector) {
            closeInstruments();
            connector = c;
            knownNames.put(c.id(), c.displayName());
            try {
                instrumentSubscription = c.subscribeInstruments(change -> rebind.schedule());
            } catch (RuntimeException refused) {
                instrumentSubscription = null;
            }
        }
        panel.healthBadge().follow(c);
        listed = ids;
        panel.setInstruments(c.displayName(), ids, instrument.map(Instrument::id).orElse(null));
        if (instrument.isEmpty()) {
            panel.canvas().setMessage(c.displayName() + " lists no instruments");
            return;
        }
        start(c, instrument.get());
    }

    private Optional<Instrument> choose(ExchangeConnector c, List<Instrument> instruments) {
        Optional<Instrument> found = wanted == null ? Optional.empty() : c.instrument(wanted.symbol());
        if (found.isEmpty()) {
            found = c.instrument(PREFERRED_SYMBOL);
        }
        return found.isPresent() || instruments.isEmpty() ? found : Optional.of(instruments.get(0));
    }

    private void start(ExchangeConnector c, Instrument instrument) {
        InstrumentId id = instrument.id();
        shown = id;
        shownInterval = interval;
        series = new CandleSeries(interval);
        panel.canvas().setSeries(series, PriceFormat.of(instrument.spec()), SizeFormat.of(instrument.spec()),
                id.symbol() + " \u00b7 " + interval.label());
        panel.canvas().setMessage("Loading " + id.symbol() + " " + interval.label() + " candles from "
                + c.displayName() + "\u2026");
        try {
            feed = new CandleFeed(c.marketData(), id, series, panel::requestRefresh);
        } catch (RuntimeException refused) {
            feed = null;
            panel.canvas().setMessage("Cannot chart " + id.symbol() + ": " + CandleFeed.message(refused));
        }
        tradingLines = new TradingLines(c, id, panel::requestRefresh);
        refresh();
    }

    /** The throttled refresh: header text, lines, repaint. */
    private void refresh() {
        if (closed || panel.isDisposed()) {
            return;
        }
        CandleFeed f = feed;
        CandleSeries s = series;
        if (f != null) {
            CandleFeed.Status st = f.status();
            panel.showFeed(st);
            DataHealth h = st.health();
            String state = h == null ? "pending" : h.state().wireName();
            if (s != null && s.size() == 0) {
                String why = h != null && h.state().isFinal() ? "No candles: " + (h.cause().isEmpty() ? state : h.cause())
                        : "Loading " + shown.symbol() + " " + interval.label() + " candles\u2026";
                if (!st.note().isEmpty()) {
                    why = why + "\n" + st.note();
                }
                panel.canvas().setMessage(why);
            }
        }
        List<PriceLine> lines = new ArrayList<>();
        Candle newest = s == null ? null : s.newest();
        if (newest != null) {
            // a last price from a stream that is not live is labelled with the stream's state
            DataHealth h = f == null ? null : f.status().health();
            String label = h == null || h.state() == DataState.LIVE ? "Last" : "Last (" + h.state().wireName() + ")";
            lines.add(new PriceLine(PriceLine.Kind.LAST, newest.close(), label));
        }
        if (tradingLines != null) {
            lines.addAll(tradingLines.lines());
        }
        panel.canvas().setLines(lines);
    }

    private void stop() {
        if (feed != null) {
            feed.close();
            feed = null;
        }
        if (tradingLines != null) {
            tradingLines.close();
            tradingLines = null;
        }
        series = null;
        shown = null;
        shownInterval = null;
        if (!panel.isDisposed()) {
            panel.canvas().setSeries(null, PriceFormat.withScale(2), SizeFormat.withScale(4), "");
            panel.canvas().setLines(List.of());
        }
    }

    private void stopAll() {
        stop();
        closeInstruments();
        connector = null;
        listed = List.of();
    }

    private void closeInstruments() {
        if (instrumentSubscription != null) {
            try {
                instrumentSubscription.close();
            } catch (RuntimeException ignored) {
                // close never throws by contract
            }
            instrumentSubscription = null;
        }
    }

    /** Closes the sources and stops following. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        rebind.cancel();
        trackerRegistration.close();
        groupRegistration.close();
        stopAll();
        if (!panel.isDisposed()) {
            panel.healthBadge().follow(null);
        }
    }
}
