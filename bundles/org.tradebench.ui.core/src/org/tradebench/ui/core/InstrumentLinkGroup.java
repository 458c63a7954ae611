package org.tradebench.ui.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.tradebench.api.instrument.InstrumentId;

/**
 * A named group of views that show the same instrument: pick BTC/USD in one, the linked views
 * follow. One group per name for the whole workbench; {@link #DEFAULT} is the group every view
 * joins unless the user picks another.
 *
 * <p>This is the minimal form: a shared selected instrument per group plus listeners. Choosing a
 * group per view (colour-coded link buttons) builds on it later.
 *
 * <pre>{@code
 * InstrumentLinkGroup group = InstrumentLinkGroup.DEFAULT;
 * Registration link = group.addListener(id -> showInstrument(id));   // follow others
 * group.selected().ifPresent(this::showInstrument);                   // start where they are
 * ...
 * group.select(new InstrumentId("simulated", "ETH/USD"));             // lead: others follow
 * ...
 * link.close();                                                       // in dispose()
 * }</pre>
 *
 * <p>Thread-safe. Listeners run synchronously on the thread that calls {@link #select}; views call
 * it on the display thread, so their listeners may touch widgets. Selecting the instrument the
 * group already shows notifies nobody; a view that selects is told about its own selection too,
 * and ignores it by comparing with what it shows.
 */
public final class InstrumentLinkGroup {

    /** Told when the group's instrument changes. */
    @FunctionalInterface
    public interface Listener {
        /**
         * The group now shows another instrument. Runs on the selecting thread.
         *
         * @param instrument the newly selected instrument
         */
        void instrumentSelected(InstrumentId instrument);
    }

    /** Told when a view picks a price of the group's instrument (a click on a book level). */
    @FunctionalInterface
    public interface PriceListener {
        /**
         * A price was picked. Runs on the picking thread (the display thread).
         *
         * @param instrument the instrument
         * @param side the side of the level picked: {@code BUY} for a bid, {@code SELL} for an ask
         * @param price the price
         */
        void pricePicked(InstrumentId instrument, org.tradebench.api.market.Side side, java.math.BigDecimal price);
    }

    private static final ConcurrentMap<String, InstrumentLinkGroup> GROUPS = new ConcurrentHashMap<>();

    /** The group every view joins by default. */
    public static final InstrumentLinkGroup DEFAULT = named("default");

    private final String name;
    private final AtomicReference<InstrumentId> selected = new AtomicReference<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<PriceListener> priceListeners = new CopyOnWriteArrayList<>();

    private InstrumentLinkGroup(String name) {
        this.name = name;
    }

    /**
     * The group with a name, created on first use.
     *
     * @param name for example {@code "default"} or {@code "red"}
     * @return the one group with that name
     */
    public static InstrumentLinkGroup named(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("link group name must not be blank");
        }
        return GROUPS.computeIfAbsent(name, InstrumentLinkGroup::new);
    }

    /**
     * The group's name.
     *
     * @return the name given to {@link #named(String)}
     */
    public String name() {
        return name;
    }

    /**
     * The instrument the group shows.
     *
     * @return the instrument, or empty before anything was selected
     */
    public Optional<InstrumentId> selected() {
        return Optional.ofNullable(selected.get());
    }

    /**
     * Makes the group show an instrument and tells the listeners, unless it shows it already.
     *
     * @param instrument the instrument
     */
    public void select(InstrumentId instrument) {
        Objects.requireNonNull(instrument, "instrument");
        InstrumentId previous = selected.getAndSet(instrument);
        if (instrument.equals(previous)) {
            return;
        }
        for (Listener l : listeners) {
            l.instrumentSelected(instrument);
        }
    }

    /**
     * Adds a listener.
     *
     * @param listener told about every change of the selected instrument
     * @return a handle that removes the listener when closed
     */
    public Registration addListener(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Tells the group's price listeners that a price of an instrument was picked (the order entry
     * fills its price from it).
     *
     * @param instrument the instrument
     * @param side the side of the level: {@code BUY} for a bid, {@code SELL} for an ask
     * @param price the price
     * @since 0.3
     */
    public void pickPrice(InstrumentId instrument, org.tradebench.api.market.Side side, java.math.BigDecimal price) {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(price, "price");
        for (PriceListener l : priceListeners) {
            l.pricePicked(instrument, side, price);
        }
    }

    /**
     * Adds a price listener.
     *
     * @param listener told about every price picked in the group
     * @return a handle that removes the listener when closed
     * @since 0.3
     */
    public Registration addPriceListener(PriceListener listener) {
        Objects.requireNonNull(listener, "listener");
        priceListeners.add(listener);
        return () -> priceListeners.remove(listener);
    }

    @Override
    public String toString() {
        return "InstrumentLinkGroup[" + name + " = " + selected.get() + "]";
    }
}
