package org.tradebench.ui.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.swt.graphics.RGB;
import org.tradebench.api.instrument.InstrumentId;

/**
 * A named group of views that show the same instrument: pick BTC/USD in one, the linked views
 * follow. One group per name for the whole workbench; {@link #DEFAULT} is the group every view
 * joins unless the user picks another.
 *
 * <p>The workbench offers the {@linkplain #standard() standard groups}, each with a colour and a
 * label; a view shows the colour of its group and lets the user move it to another one or unlink it
 * ({@link ViewLink}). A view binds to its own {@linkplain #member(InstrumentLinkGroup) member}: a
 * group-like handle that forwards to the group the view belongs to now, so that the view's binding
 * keeps one object while the user moves the view between groups.
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

    private static final String UNLINKED = "unlinked";
    private static final String MEMBER = "member";

    private static final ConcurrentMap<String, InstrumentLinkGroup> GROUPS = new ConcurrentHashMap<>();

    /** The group every view joins by default: shown as "Default", grey. */
    public static final InstrumentLinkGroup DEFAULT = standard("default", "Default", new RGB(128, 128, 128));

    /** The red group. @since 0.3 */
    public static final InstrumentLinkGroup RED = standard("red", "Red", new RGB(214, 48, 49));
    /** The green group. @since 0.3 */
    public static final InstrumentLinkGroup GREEN = standard("green", "Green", new RGB(0, 148, 80));
    /** The blue group. @since 0.3 */
    public static final InstrumentLinkGroup BLUE = standard("blue", "Blue", new RGB(30, 110, 220));
    /** The orange group. @since 0.3 */
    public static final InstrumentLinkGroup ORANGE = standard("orange", "Orange", new RGB(235, 140, 0));
    /** The violet group. @since 0.3 */
    public static final InstrumentLinkGroup VIOLET = standard("violet", "Violet", new RGB(140, 70, 200));

    private static final List<InstrumentLinkGroup> STANDARD = List.of(DEFAULT, RED, GREEN, BLUE, ORANGE, VIOLET);

    private final String name;
    private final String label;
    private final RGB rgb;
    private final AtomicReference<InstrumentId> selected = new AtomicReference<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<PriceListener> priceListeners = new CopyOnWriteArrayList<>();

    // a member forwards to the group it belongs to now (null for a group)
    private final Object memberLock = new Object();
    private volatile InstrumentLinkGroup target;
    private Registration targetListener;
    private Registration targetPriceListener;

    private final boolean isMember;

    private InstrumentLinkGroup(String name, String label, RGB rgb) {
        this(name, label, rgb, false);
    }

    private InstrumentLinkGroup(String name, String label, RGB rgb, boolean isMember) {
        this.isMember = isMember;
        this.name = name;
        this.label = label;
        this.rgb = rgb;
    }

    private static InstrumentLinkGroup standard(String name, String label, RGB rgb) {
        InstrumentLinkGroup group = new InstrumentLinkGroup(name, label, rgb);
        GROUPS.put(name, group);
        return group;
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
        if (name.equals(UNLINKED) || name.equals(MEMBER)) {
            throw new IllegalArgumentException("link group name '" + name + "' is reserved");
        }
        return GROUPS.computeIfAbsent(name, n -> new InstrumentLinkGroup(n, n, null));
    }

    /**
     * The groups the workbench offers, in menu order: {@link #DEFAULT}, then the coloured ones.
     *
     * @return an immutable list
     * @since 0.3
     */
    public static List<InstrumentLinkGroup> standard() {
        return STANDARD;
    }

    /**
     * A new group of its own, for a view the user unlinked: nobody else joins it, so the view
     * shows what it chooses and follows nobody.
     *
     * @return a new unnamed group, labelled "Unlinked", without colour
     * @since 0.3
     */
    public static InstrumentLinkGroup unlinked() {
        return new InstrumentLinkGroup(UNLINKED, "Unlinked", null);
    }

    /**
     * A member handle for one view, first belonging to {@code initial}. The handle behaves like the
     * group it belongs to ({@link #selected()}, {@link #select}, {@link #pickPrice} and the listeners
     * go through to it); {@link #join} moves it to another group, and its listeners are then told
     * the new group's instrument, as if it had been selected. When the new group has shown nothing
     * yet, the member brings the instrument of its old group along.
     *
     * @param initial the group to belong to first; not a member itself
     * @return a new member
     * @since 0.3
     */
    public static InstrumentLinkGroup member(InstrumentLinkGroup initial) {
        InstrumentLinkGroup member = new InstrumentLinkGroup(MEMBER, "Member", null, true);
        member.join(initial);
        return member;
    }

    /**
     * Moves this member to another group (see {@link #member}). Call it on the display thread.
     *
     * @param group the group to belong to from now on; not a member itself
     * @throws IllegalStateException when this is a group, not a member
     * @since 0.3
     */
    public void join(InstrumentLinkGroup group) {
        Objects.requireNonNull(group, "group");
        if (group.isMember) {
            throw new IllegalArgumentException("join a group, not a member: " + group);
        }
        InstrumentLinkGroup previous;
        synchronized (memberLock) {
            previous = target;
            if (!isMember) {
                throw new IllegalStateException("a group joins no other group: " + this);
            }
            if (previous == group) {
                return;
            }
            if (targetListener != null) {
                targetListener.close();
                targetPriceListener.close();
            }
            target = group;
            targetListener = group.addListener(this::forward);
            targetPriceListener = group.addPriceListener(this::forwardPrice);
        }
        if (previous == null) {
            return; // the first group, from member(): nothing shown yet
        }
        InstrumentId carried = previous.selected.get();
        if (group.selected.get() == null && carried != null) {
            group.select(carried); // tells this member through forward()
        } else if (group.selected.get() != null) {
            forward(group.selected.get());
        }
    }

    /**
     * The group a member belongs to now, or this group itself.
     *
     * @return the group that holds the selection
     * @since 0.3
     */
    public InstrumentLinkGroup group() {
        InstrumentLinkGroup t = target;
        return t == null ? this : t;
    }

    /**
     * The label for people, of the group a member belongs to.
     *
     * @return for example "Red", "Default" or "Unlinked"
     * @since 0.3
     */
    public String label() {
        return group().label;
    }

    /**
     * The colour of the group a member belongs to.
     *
     * @return the colour, or empty for an unlinked or a programmatically named group
     * @since 0.3
     */
    public Optional<RGB> rgb() {
        return Optional.ofNullable(group().rgb);
    }

    /**
     * Whether this group, or the group a member belongs to, is an {@linkplain #unlinked() unlinked}
     * one.
     *
     * @return true when nobody else follows it
     * @since 0.3
     */
    public boolean isUnlinked() {
        return group().name.equals(UNLINKED);
    }

    private void forward(InstrumentId instrument) {
        for (Listener l : listeners) {
            l.instrumentSelected(instrument);
        }
    }

    private void forwardPrice(InstrumentId instrument, org.tradebench.api.market.Side side, java.math.BigDecimal price) {
        for (PriceListener l : priceListeners) {
            l.pricePicked(instrument, side, price);
        }
    }

    /**
     * The group's name.
     *
     * @return the name given to {@link #named(String)}
     */
    public String name() {
        return group().name;
    }

    /**
     * The instrument the group shows.
     *
     * @return the instrument, or empty before anything was selected
     */
    public Optional<InstrumentId> selected() {
        return Optional.ofNullable(group().selected.get());
    }

    /**
     * Makes the group show an instrument and tells the listeners, unless it shows it already.
     *
     * @param instrument the instrument
     */
    public void select(InstrumentId instrument) {
        Objects.requireNonNull(instrument, "instrument");
        InstrumentLinkGroup t = target;
        if (t != null) {
            t.select(instrument);
            return;
        }
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
        InstrumentLinkGroup t = target;
        if (t != null) {
            t.pickPrice(instrument, side, price);
            return;
        }
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
        InstrumentLinkGroup t = target;
        if (t != null) {
            return "InstrumentLinkGroup[member of " + t.name + " = " + t.selected.get() + "]";
        }
        return "InstrumentLinkGroup[" + name + " = " + selected.get() + "]";
    }
}
