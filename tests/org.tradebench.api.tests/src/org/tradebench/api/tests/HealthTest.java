package org.tradebench.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradebench.api.tests.TestValues.T0;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataSource;
import org.tradebench.api.health.DataState;
import org.tradebench.api.health.SessionHealth;

class HealthTest {

    private static final SessionHealth MARKET = new SessionHealth(SessionHealth.MARKET_DATA, ConnectionState.LIVE, "",
            T0, DataSource.WEBSOCKET, Duration.ofMillis(42), 120.5, 1, 0);
    private static final SessionHealth TRADING = SessionHealth.of(SessionHealth.TRADING, ConnectionState.RECONNECTING,
            "order entry: connection reset", DataSource.NONE);
    private static final SessionHealth ACCOUNT = SessionHealth.of(SessionHealth.ACCOUNT, ConnectionState.REST_FALLBACK,
            "", DataSource.REST);

    private static ConnectionHealth health(Map<String, SessionHealth> sessions) {
        return new ConnectionHealth(ConnectionState.LIVE, "", T0, Duration.ofMillis(42), 120.5, 1, 0, sessions,
                Duration.ZERO, 0);
    }

    @Test
    void sessionsKeepTheOrderTheyWereGivenIn() {
        Map<String, SessionHealth> sessions = new LinkedHashMap<>();
        sessions.put(MARKET.name(), MARKET);
        sessions.put(TRADING.name(), TRADING);
        sessions.put(ACCOUNT.name(), ACCOUNT);
        ConnectionHealth h = health(sessions);
        sessions.remove(SessionHealth.TRADING);
        assertEquals(List.of("market-data", "trading", "account"), List.copyOf(h.sessions().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> h.sessions().put("x", MARKET));
    }

    @Test
    void sessionLookupSaysMarketDataLiveOrderEntryDown() {
        ConnectionHealth h = health(Map.of(MARKET.name(), MARKET, TRADING.name(), TRADING));
        assertEquals(ConnectionState.LIVE, h.session(SessionHealth.MARKET_DATA).orElseThrow().state());
        SessionHealth trading = h.session(SessionHealth.TRADING).orElseThrow();
        assertEquals(ConnectionState.RECONNECTING, trading.state());
        assertEquals("order entry: connection reset", trading.cause());
        assertTrue(h.session(SessionHealth.ACCOUNT).isEmpty());
        assertTrue(h.session("usdm-market-data").isEmpty());
    }

    @Test
    void shortHealthHasNoSessionsAndNoQueueMeasurements() {
        ConnectionHealth h = new ConnectionHealth(ConnectionState.STALE, "no heartbeat for 20 s", T0, null, 0, 3, 2);
        assertTrue(h.sessions().isEmpty());
        assertNull(h.queueLag());
        assertEquals(0, h.slowListeners());
        assertEquals(3, h.reconnects());
        ConnectionHealth connecting = ConnectionHealth.of(ConnectionState.CONNECTING, "");
        assertNull(connecting.latency());
        assertTrue(connecting.session(SessionHealth.MARKET_DATA).isEmpty());
    }

    @Test
    void healthCountersMustNotBeNegative() {
        assertEquals("health counters must be >= 0", assertThrows(IllegalArgumentException.class,
                () -> new ConnectionHealth(ConnectionState.LIVE, "", T0, null, 0, 0, 0, Map.of(), null, -1)).getMessage());
        assertEquals("health counters must be >= 0", assertThrows(IllegalArgumentException.class,
                () -> new ConnectionHealth(ConnectionState.LIVE, "", T0, null, -0.5, 0, 0)).getMessage());
        assertEquals("health counters must be >= 0", assertThrows(IllegalArgumentException.class,
                () -> new SessionHealth("trading", ConnectionState.LIVE, "", T0, DataSource.WEBSOCKET, null, 0, -1, 0))
                .getMessage());
    }

    @Test
    void sessionNeedsAName() {
        assertEquals("a session needs a name", assertThrows(IllegalArgumentException.class,
                () -> SessionHealth.of(" ", ConnectionState.LIVE, "", DataSource.WEBSOCKET)).getMessage());
        assertEquals("source", assertThrows(NullPointerException.class,
                () -> SessionHealth.of("trading", ConnectionState.LIVE, "", null)).getMessage());
        assertNull(TRADING.latency());
        assertEquals(0, TRADING.errors());
        assertEquals("rest", ACCOUNT.source().wireName());
    }

    @Test
    void connectionStatesThatHaveData() {
        assertTrue(ConnectionState.LIVE.hasData());
        assertTrue(ConnectionState.REST_FALLBACK.hasData());
        for (ConnectionState s : List.of(ConnectionState.DISCONNECTED, ConnectionState.CONNECTING, ConnectionState.STALE,
                ConnectionState.RECONNECTING, ConnectionState.MAINTENANCE, ConnectionState.FAILED)) {
            assertFalse(s.hasData(), s.name());
        }
        assertEquals("rest-fallback", ConnectionState.REST_FALLBACK.wireName());
    }

    @Test
    void failedDataIsFinalAndCarriesTheExchangesText() {
        DataHealth failed = new DataHealth(DataState.FAILED, null, 0, 0, "Bitfinex: unknown pair (10001)", T0);
        assertTrue(failed.state().isFinal());
        assertEquals("failed", failed.state().wireName());
        assertEquals("Bitfinex: unknown pair (10001)", failed.cause());
        assertNull(failed.lastMessage());
        assertTrue(DataState.CLOSED.isFinal());
        for (DataState s : List.of(DataState.PENDING, DataState.LIVE, DataState.STALE, DataState.RESYNCING,
                DataState.REST_FALLBACK)) {
            assertFalse(s.isFinal(), s.name());
        }
    }

    @Test
    void shortDataHealthHasNoCauseAndStartsNow() {
        Instant before = Instant.now();
        DataHealth live = new DataHealth(DataState.LIVE, T0, 12, 1);
        assertEquals("", live.cause());
        assertFalse(live.since().isBefore(before));
        assertEquals(12, live.messages());
        assertEquals("data health counters must be >= 0", assertThrows(IllegalArgumentException.class,
                () -> new DataHealth(DataState.LIVE, T0, -1, 0)).getMessage());
    }
}
