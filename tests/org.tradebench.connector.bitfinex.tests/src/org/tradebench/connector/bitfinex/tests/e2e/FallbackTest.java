package org.tradebench.connector.bitfinex.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataSource;
import org.tradebench.api.health.DataState;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.Trade;
import org.tradebench.connector.bitfinex.internal.BitfinexConnector;
import org.tradebench.connector.conformance.Await;
import org.tradebench.connector.conformance.BookModel;
import org.tradebench.connector.conformance.Recorder;

/**
 * What the conformance kit cannot ask of every exchange: Bitfinex's REST fallback while the socket
 * is down (books, tickers, trades and mark prices polled), its rate-limit pause, and maintenance
 * already on when the connector starts.
 */
class FallbackTest {

    private static final String BOOK = SimHarness.bookKey("tBTCUSD", "P0", 25);

    private SimHarness h;
    private BitfinexConnector c;
    private BookModel book;
    private Recorder trades;
    private Recorder tickers;
    private Recorder marks;
    private Subscription bookSub;
    private Subscription markSub;

    private void start(int platformStatus) {
        h = SimHarness.start(platformStatus, 40);
        c = h.connect();
        book = new BookModel();
        trades = new Recorder();
        tickers = new Recorder();
        marks = new Recorder();
        bookSub = c.marketData().subscribeBook(new BookRequest(MarketDataTest.BTC, 25), book);
        c.marketData().subscribeTrades(MarketDataTest.BTC, trades);
        c.marketData().subscribeTicker(MarketDataTest.BTC, tickers);
        markSub = c.marketData().subscribeMarkPrice(MarketDataTest.PERP, marks);
        Await.until(() -> book.valid() && trades.count() > 0 && tickers.count() > 0 && marks.count() > 0,
                () -> "first data: " + book + ", " + trades + ", " + tickers + ", " + marks);
    }

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void restServesDataWhileTheSocketIsDownAndTheSocketTakesOverAgain() {
        start(1);
        h.awaitCurrent(c, ConnectionState.LIVE);
        h.sim.refuseConnections(503);
        h.sim.dropConnections();
        h.awaitState(c, ConnectionState.RECONNECTING);
        h.awaitCurrent(c, ConnectionState.REST_FALLBACK);
        Await.until(() -> bookSub.health().state() == DataState.REST_FALLBACK, () -> "book polled: " + bookSub.health());
        SessionHealth md = c.health().sessions().get(SessionHealth.MARKET_DATA);
        assertEquals(DataSource.REST, md.source(), md.toString());
        // Each poll replaces the book; a subscriber sees what changed (a delta), the book stays valid.
        int updates = book.updates();
        int tickerCount = tickers.count();
        int tradeCount = trades.count();
        int markCount = marks.count();
        Await.until(() -> book.updates() > updates + 1 && tickers.count() > tickerCount
                && trades.count() > tradeCount && marks.count() > markCount,
                () -> "REST polls deliver books, tickers, trades and mark prices: " + book + ", " + tickers + ", " + trades
                        + ", " + marks);
        assertEquals(DataState.REST_FALLBACK, markSub.health().state());
        assertTrue(book.valid());
        h.sim.acceptConnections();
        h.awaitCurrent(c, ConnectionState.LIVE);
        Await.until(() -> bookSub.health().state() == DataState.LIVE, () -> "the book is live again");
        h.assertConverges(c, BOOK, book);
        Set<String> ids = new HashSet<>();
        for (Trade t : trades.of(Trade.class)) {
            assertTrue(ids.add(t.id()), "trade " + t.id() + " twice across the switch");
        }
        assertEquals(List.of(), book.violations());
    }

    @Test
    void aRestRateLimitPausesPollingAndSaysSo() {
        start(1);
        h.awaitCurrent(c, ConnectionState.LIVE);
        h.sim.refuseConnections(503);
        h.sim.rateLimitRest(3);
        h.sim.dropConnections();
        h.awaitState(c, ConnectionState.RECONNECTING);
        Await.until(() -> c.health().cause().contains("rate limit") || c.health().sessions().values().stream()
                .anyMatch(s -> s.cause().contains("rate limit")), () -> "the cause names the rate limit: " + c.health());
        h.awaitCurrent(c, ConnectionState.REST_FALLBACK);
        int updates = book.updates();
        Await.until(() -> book.updates() > updates, () -> "REST polls resume after the pause: " + book);
        h.sim.acceptConnections();
        h.awaitCurrent(c, ConnectionState.LIVE);
        Await.until(book::valid, () -> "live book");
        h.assertConverges(c, BOOK, book);
    }

    @Test
    void maintenanceAlreadyOnAtStartIsReported() {
        start(0);
        // The greeting and REST both said status 0 before any maintenance message.
        h.awaitCurrent(c, ConnectionState.MAINTENANCE);
        assertFalse(c.health().cause().isBlank(), c.health().toString());
        h.sim.sendInfo(20061);
        h.awaitCurrent(c, ConnectionState.LIVE);
        Await.until(() -> book.recoveredFrom(null) || book.valid(), () -> "a book after maintenance");
    }
}
