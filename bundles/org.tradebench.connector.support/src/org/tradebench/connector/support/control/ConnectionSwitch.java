package org.tradebench.connector.support.control;

import java.lang.System.Logger.Level;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.tradebench.api.ConnectionControl;
import org.tradebench.api.health.DataState;
import org.tradebench.connector.support.ConnectorRuntime;

/**
 * A connector's {@link ConnectionControl}: keeps what the user chose (connected or not, the
 * transport mode) and applies every change to the connector's {@link Target targets} (its sockets,
 * REST fallbacks and market data session) on the control thread, under the runtime lock, in the
 * order the changes were made. A target added later is brought to the current choice at once.
 *
 * <pre>{@code
 * ConnectionSwitch control = new ConnectionSwitch(runtime, "acme", ConnectionSwitch.ALL_MODES);
 * control.add((connected, mode) -> {                 // runtime lock held
 *     boolean socket = connected && mode != TransportMode.REST;
 *     if (socket) ws.resume(); else ws.pause(connected ? "REST chosen" : ConnectionControl.DISCONNECTED_CAUSE);
 *     fallback.mode(connected ? mode : null);
 *     session.disconnected(connected ? null : ConnectionControl.DISCONNECTED_CAUSE);
 * });
 * // ExchangeConnector.connectionControl() returns Optional.of(control)
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ConnectionSwitch implements ConnectionControl {

    /** Every mode: for connectors with WebSocket streams and REST polling. */
    public static final Set<TransportMode> ALL_MODES = Set.copyOf(EnumSet.allOf(TransportMode.class));
    /** {@link TransportMode#AUTO} only: for connectors without sockets. */
    public static final Set<TransportMode> AUTO_ONLY = Set.of(TransportMode.AUTO);

    private static final System.Logger LOG = System.getLogger(ConnectionSwitch.class.getName());

    /** What applies the user's choice to one part of the connector. */
    @FunctionalInterface
    public interface Target {
        /**
         * Applies the choice. Control thread, runtime lock held; may be called with the same
         * choice again.
         *
         * @param connected whether the market data session should be connected
         * @param mode the transport mode
         */
        void apply(boolean connected, TransportMode mode);
    }

    /** Why a socket is paused while the user chose REST only. */
    public static final String REST_CHOSEN = "REST chosen by the user";

    /**
     * Whether a connector's market data sockets should be open for a choice.
     *
     * @param connected whether the user wants market data connected
     * @param mode the transport mode
     * @return true unless disconnected or REST only
     */
    public static boolean socketWanted(boolean connected, TransportMode mode) {
        return connected && mode != TransportMode.REST;
    }

    /**
     * Why a socket is paused for a choice ({@link #socketWanted} false).
     *
     * @param connected whether the user wants market data connected
     * @return {@link ConnectionControl#DISCONNECTED_CAUSE} or {@link #REST_CHOSEN}
     */
    public static String pauseReason(boolean connected) {
        return connected ? REST_CHOSEN : ConnectionControl.DISCONNECTED_CAUSE;
    }

    /**
     * What a stream that has not ended says after a choice: stale with the cause while
     * disconnected, resynchronising when connected again over the socket, unchanged otherwise
     * (REST only: the fallback's polls say REST_FALLBACK).
     *
     * @param connected whether the user wants market data connected now
     * @param wasConnected whether they did before this choice
     * @param mode the transport mode now
     * @return the state and cause to set, or null to leave the stream as it is
     */
    public static StreamMark streamMark(boolean connected, boolean wasConnected, TransportMode mode) {
        if (!connected) {
            return new StreamMark(DataState.STALE, ConnectionControl.DISCONNECTED_CAUSE);
        }
        return !wasConnected && mode != TransportMode.REST ? new StreamMark(DataState.RESYNCING, "connecting again")
                : null;
    }

    /**
     * A stream's state and cause after a choice.
     *
     * @param state the state
     * @param cause the cause
     */
    public record StreamMark(DataState state, String cause) {
    }

    private final ConnectorRuntime runtime;
    private final String name;
    private final Set<TransportMode> modes;
    private final List<Target> targets = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    // guarded by lock; read without it
    private volatile boolean connected = true;
    private volatile TransportMode mode = TransportMode.AUTO;

    /**
     * Creates the switch: connected, {@link TransportMode#AUTO}.
     *
     * @param runtime the connector's runtime
     * @param name the connector, for logs
     * @param modes the modes offered; must contain AUTO
     */
    public ConnectionSwitch(ConnectorRuntime runtime, String name, Set<TransportMode> modes) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.name = Objects.requireNonNull(name, "name");
        this.modes = Set.copyOf(modes);
        if (!this.modes.contains(TransportMode.AUTO)) {
            throw new IllegalArgumentException("a connector always offers the AUTO transport mode");
        }
    }

    /**
     * Adds a target and applies the current choice to it (on the control thread).
     *
     * @param target the target
     */
    public void add(Target target) {
        Objects.requireNonNull(target, "target");
        synchronized (lock) {
            // the choice as it is now, queued in line with the changes made before and after
            boolean c = connected;
            TransportMode m = mode;
            targets.add(target);
            runtime.execute(() -> target.apply(c, m));
        }
    }

    /**
     * Removes a target (a connection that closed).
     *
     * @param target the target
     */
    public void remove(Target target) {
        targets.remove(target);
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public void connect() {
        change(true, mode);
    }

    @Override
    public void disconnect() {
        change(false, mode);
    }

    @Override
    public TransportMode transportMode() {
        return mode;
    }

    @Override
    public Set<TransportMode> transportModes() {
        return modes;
    }

    @Override
    public void transportMode(TransportMode wanted) {
        Objects.requireNonNull(wanted, "mode");
        if (!modes.contains(wanted)) {
            throw new IllegalArgumentException(name + " offers the transport modes " + modes.stream()
                    .map(TransportMode::wireName).sorted().toList() + ", not " + wanted.wireName());
        }
        change(connected, wanted);
    }

    private void change(boolean wantConnected, TransportMode wantMode) {
        synchronized (lock) {
            if (connected == wantConnected && mode == wantMode) {
                return;
            }
            connected = wantConnected;
            mode = wantMode;
            LOG.log(Level.INFO, () -> name + ": market data " + (wantConnected ? "connected" : "disconnected")
                    + " by the user, transport " + wantMode.wireName());
            // queued under the lock: the control thread applies the changes in the order they were made
            runtime.execute(() -> {
                for (Target t : targets) {
                    t.apply(wantConnected, wantMode);
                }
            });
        }
    }

    @Override
    public String toString() {
        return "ConnectionSwitch[" + name + ", " + (connected ? "connected" : "disconnected") + ", "
                + mode.wireName() + "]";
    }
}
