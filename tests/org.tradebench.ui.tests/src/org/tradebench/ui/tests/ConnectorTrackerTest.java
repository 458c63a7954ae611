package org.tradebench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.Registration;

class ConnectorTrackerTest {

    private ConnectorTracker tracker;
    private FakeConnector simulated;
    private FakeConnector bitfinex;

    @BeforeAll
    static void withoutTheSimulatedConnector() throws Exception {
        SimulatedConnectorBundle.stop(); // only the connectors these tests register
    }

    @BeforeEach
    void open() {
        tracker = ConnectorTracker.open(ConnectorTrackerTest.class);
    }

    @AfterEach
    void close() {
        tracker.close();
        if (simulated != null) {
            simulated.shutdown();
        }
        if (bitfinex != null) {
            bitfinex.shutdown();
        }
    }

    @Test
    void emptyRegistryHasNoDefaultConnector() {
        assertEquals(Optional.empty(), tracker.defaultConnector());
        assertEquals(List.of(), tracker.connectors());
        assertEquals(Optional.empty(), tracker.connectorFor(new InstrumentId("simulated", "BTC/USD")));
    }

    @Test
    void defaultConnectorIsTheHighestRankingOne() {
        simulated = new FakeConnector("simulated", "Simulated").register(-100);
        bitfinex = new FakeConnector("bitfinex", "Bitfinex").register(10);
        assertSame(bitfinex, tracker.defaultConnector().orElseThrow());
        assertEquals(List.of(bitfinex, simulated), tracker.connectors());
    }

    @Test
    void findsTheConnectorOfAnInstrumentByExchangeId() {
        simulated = new FakeConnector("simulated", "Simulated").register(-100);
        bitfinex = new FakeConnector("bitfinex", "Bitfinex").register(10);
        assertSame(simulated, tracker.connectorFor(new InstrumentId("simulated", "ETH/USD")).orElseThrow());
        assertSame(bitfinex, tracker.connector("bitfinex").orElseThrow());
        assertEquals(Optional.empty(), tracker.connector("binance"));
    }

    @Test
    void listenersHearConnectorsComeGoAndChangeRankingAndSeeThemInQueries() {
        AtomicInteger changes = new AtomicInteger();
        AtomicInteger seenInCallback = new AtomicInteger(-1);
        Registration registration = tracker.addListener(t -> {
            changes.incrementAndGet();
            seenInCallback.set(t.connectors().size());
        });
        simulated = new FakeConnector("simulated", "Simulated").register(-100);
        assertEquals(1, changes.get());
        assertEquals(1, seenInCallback.get(), "a listener must see the new connector in its own callback");
        bitfinex = new FakeConnector("bitfinex", "Bitfinex").register(10);
        assertEquals(2, changes.get());
        assertSame(bitfinex, tracker.defaultConnector().orElseThrow());

        bitfinex.rank(-200);
        assertEquals(3, changes.get());
        assertSame(simulated, tracker.defaultConnector().orElseThrow(), "ranking changes reorder the connectors");

        simulated.unregister();
        assertEquals(4, changes.get());
        assertEquals(1, seenInCallback.get());
        assertSame(bitfinex, tracker.defaultConnector().orElseThrow());

        registration.close();
        bitfinex.unregister();
        assertEquals(4, changes.get(), "a removed listener hears nothing");
        assertTrue(tracker.defaultConnector().isEmpty());
    }

    @Test
    void equalRankingPrefersTheOlderRegistration() {
        simulated = new FakeConnector("simulated", "Simulated").register(0);
        bitfinex = new FakeConnector("bitfinex", "Bitfinex").register(0);
        ExchangeConnector best = tracker.defaultConnector().orElseThrow();
        assertSame(simulated, best);
    }
}
