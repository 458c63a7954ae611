package org.tradebench.ui.heatmap.internal;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookRequest;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.InstrumentBinding;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.core.format.PriceFormat;
import org.tradebench.ui.core.format.SizeFormat;

/**
 * Keeps the heatmap on the instrument of the link group (through {@link InstrumentBinding}): a book
 * and a trade subscription into a fresh {@link HeatmapModel}, and a sampler thread that takes one
 * column per interval. Changing the interval or window starts a new model.
 *
 * <p>Display thread only (the sampler runs on its own daemon thread and only touches the model).
 */
public final class HeatmapBinding implements AutoCloseable {

    /** The symbol shown when nothing else was chosen. */
    public static final String PREFERRED_SYMBOL = "BTC/USD";

    private final HeatmapPanel panel;
    private final ScheduledExecutorService sampler;
    private final InstrumentBinding binding;
    private volatile HeatmapModel model;
    private ScheduledFuture<?> sampling;

    /**
     * Binds a panel.
     *
     * @param panel the panel
     * @param tracker an open connector tracker (the caller closes it)
     * @param group the link group to follow
     * @param initial the restored instrument, nullable
     * @param autoSample whether a thread samples the book every interval (tests call
     *        {@link HeatmapModel#sample} themselves with false)
     */
    public HeatmapBinding(HeatmapPanel panel, ConnectorTracker tracker, InstrumentLinkGroup group, InstrumentId initial,
            boolean autoSample) {
        this.panel = Objects.requireNonNull(panel, "panel");
        this.sampler = autoSample ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heatmap sampler");
            t.setDaemon(true);
            return t;
        }) : null;
        binding = new InstrumentBinding(panel, tracker, group, initial, PREFERRED_SYMBOL,
                new InstrumentBinding.Target() {
                    @Override
                    public AutoCloseable bind(ExchangeConnector connector, Instrument instrument) {
                        return subscribe(connector, instrument);
                    }

                    @Override
                    public void unbound(ExchangeConnector connector, String message) {
                        stopSampling();
                        model = null;
                        if (!panel.isDisposed()) {
                            panel.healthBadge().follow(connector);
                            panel.setMessage(message);
                        }
                    }
                });
        panel.onSettings(binding::resubscribe);
    }

    /** @return the model shown, or empty */
    public Optional<HeatmapModel> model() {
        return Optional.ofNullable(model);
    }

    /** @return the instrument shown, or empty */
    public Optional<InstrumentId> shown() {
        return binding.shown();
    }

    private AutoCloseable subscribe(ExchangeConnector connector, Instrument instrument) {
        stopSampling();
        InstrumentId id = instrument.id();
        int priceScale = PriceFormat.minScale(instrument.spec());
        int sizeScale = instrument.spec().sizeScale();
        long interval = panel.interval().toMillis();
        HeatmapModel m = new HeatmapModel(id, priceScale, sizeScale, interval, panel.window().toMillis(),
                panel::requestRefresh);
        BigDecimal tick = instrument.spec().tickSize();
        long tickUnits = tick == null ? 1 : Math.max(1, tick.movePointRight(priceScale).longValue());
        panel.healthBadge().follow(connector);
        panel.setModel(m, connector.displayName() + "  " + id.symbol(), tickUnits,
                PriceFormat.withScale(priceScale), SizeFormat.withScale(sizeScale));
        model = m;
        Subscription book = connector.marketData().subscribeBook(new BookRequest(id, HeatmapModel.DEPTH), m);
        Subscription trades;
        try {
            trades = connector.marketData().subscribeTrades(id, m.tradeListener());
        } catch (RuntimeException refused) {
            book.close();
            throw refused;
        }
        if (sampler != null) {
            sampling = sampler.scheduleAtFixedRate(() -> m.sample(System.currentTimeMillis()), interval, interval,
                    TimeUnit.MILLISECONDS);
        }
        return () -> {
            stopSampling();
            book.close();
            trades.close();
        };
    }

    private void stopSampling() {
        ScheduledFuture<?> s = sampling;
        sampling = null;
        if (s != null) {
            s.cancel(false);
        }
    }

    /** Closes the subscriptions and the sampler. Idempotent. */
    @Override
    public void close() {
        binding.close();
        stopSampling();
        if (sampler != null) {
            sampler.shutdownNow();
        }
        if (!panel.isDisposed()) {
            panel.healthBadge().follow(null);
        }
    }
}
