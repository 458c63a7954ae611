package org.tradebench.connector.support.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.ConnectionControl.TransportMode;
import org.tradebench.connector.support.ConnectorRuntime;

/**
 * The user's switches: kept at once, applied to every target on the control thread under the lock
 * in the order they were made, a new target brought to the current choice, unchanged choices not
 * applied again, modes the connector does not offer refused.
 */
class ConnectionSwitchTest {

    private final ConnectorRuntime runtime = ConnectorRuntime.start("switchtest");
    private final List<String> applied = Collections.synchronizedList(new ArrayList<>());
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void close() {
        runtime.close();
        assertEquals(List.of(), problems);
    }

    private ConnectionSwitch.Target recorder(String name) {
        return (connected, mode) -> {
            if (!runtime.isControlThread() || !Thread.holdsLock(runtime.lock())) {
                problems.add(name + " applied on " + Thread.currentThread().getName() + " without the lock");
            }
            applied.add(name + ":" + (connected ? "on" : "off") + ":" + mode.wireName());
        };
    }

    private List<String> drained() {
        runtime.call(() -> null); // everything queued before has run
        List<String> copy = List.copyOf(applied);
        applied.clear();
        return copy;
    }

    @Test
    void changesApplyToEveryTargetInOrder() {
        ConnectionSwitch s = new ConnectionSwitch(runtime, "acme", ConnectionSwitch.ALL_MODES);
        s.add(recorder("a"));
        assertEquals(List.of("a:on:auto"), drained(), "a target starts at the current choice");
        assertTrue(s.isConnected());
        assertEquals(TransportMode.AUTO, s.transportMode());

        s.disconnect();
        assertFalse(s.isConnected(), "kept at once, applied after");
        s.transportMode(TransportMode.REST);
        s.connect();
        s.connect(); // unchanged: not applied again
        assertEquals(List.of("a:off:auto", "a:off:rest", "a:on:rest"), drained());

        s.add(recorder("b"));
        s.transportMode(TransportMode.WEBSOCKET);
        assertEquals(List.of("b:on:rest", "a:on:websocket", "b:on:websocket"), drained());
    }

    @Test
    void aModeNotOfferedIsRefusedAndAutoIsRequired() {
        ConnectionSwitch s = new ConnectionSwitch(runtime, "Simulated", ConnectionSwitch.AUTO_ONLY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.transportMode(TransportMode.REST));
        assertEquals("Simulated offers the transport modes [auto], not rest", e.getMessage());
        assertEquals(TransportMode.AUTO, s.transportMode());
        assertThrows(IllegalArgumentException.class,
                () -> new ConnectionSwitch(runtime, "x", java.util.Set.of(TransportMode.REST)));
    }
}
