package org.tradebench.connector.bitfinex.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataState;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.BookReset;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.CandleRequest;
import org.tradebench.connector.bitfinex.internal.market.BitfinexMarketData;

/**
 * Every injected fault, end to end: afterwards the connector's book (as a listener builds it)
 * equals the simulator's (top 25 both sides, and the checksum), no trade arrives twice, and the
 * health states say what happened.
 */
class FaultTest {

    private static final String BOOK = BitfinexMarketData.bookKey("tBTCUSD", "P0", 25);
    private static final String RAW = BitfinexMarketData.bookKey("tETHUSD", "R0", 25);

    private SimHarness h;
    private BookModel book;
    private BookModel raw;
    private Recorders.Trades trades;
    private Recorders.Tickers tickers;
    private Recorders.Candles candles;
    private Subscription bookSub;

    private void start(int platformStatus) {
        h = SimHarness.start(false, false, platformStatus, 40);
        book = new BookModel();
        raw = new BookModel();
        trades = new Recorders.Trades();
        tickers = new Recorders.Tickers();
        candles = new Recorders.Candles();
        bookSub = h.connector.marketData().subscribeBook(new BookRequest(MarketDataTest.BTC, 25), book);
        h.connector.marketData().subscribeBook(new BookRequest(MarketDataTest.ETH, 25, true), raw);
        h.connector.marketData().subscribeTrades(MarketDataTest.BTC, trades);
        h.connector.marketData().subscribeTicker(MarketDataTest.BTC, tickers);
        h.connector.marketData().subscribeCandles(new CandleRequest(MarketDataTest.BTC, CandleInterval.M1, 5), candles);
        Await.until(() -> book.valid() && raw.valid() && trades.count() > 0 && tickers.count() > 0, () -> "first data");
        if (platformStatus == 1) {
            h.awaitCurrent(ConnectionState.LIVE);
        }
    }

    private void start() {
        start(1);
    }

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    private void assertAllConverge() {
        h.assertConverges(BOOK, book);
        h.assertConverges(RAW, raw);
        assertEquals(List.of(), trades.duplicates(), "no trade twice");
        assertEquals(List.of(), book.violations());
        assertEquals(List.of(), raw.violations());
        assertEquals(List.of(), candles.backwards());
        assertFalse(book.crossed());
    }

    private void awaitMoreTickers() {
        int before = tickers.count();
        Await.until(() -> tickers.count() > before, () -> "tickers keep coming");
    }

    @Test
    void droppedConnectionReconnectsResubscribesAndResnapshots() {
        start();
        int snapshots = book.snapshots();
        long reconnects = h.connector.health().reconnects();
        h.sim.dropConnections();
        h.awaitState(ConnectionState.RECONNECTING);
        h.awaitCurrent(ConnectionState.LIVE);
        Await.until(() -> book.snapshots() > snapshots && book.valid(), () -> "a fresh snapshot");
        assertTrue(book.kinds().contains("reset:" + BookReset.RECONNECT), book.kinds().toString());
        int reset = book.kinds().lastIndexOf("reset:" + BookReset.RECONNECT);
        assertEquals("snapshot", book.kinds().get(reset + 1), "the reset is followed by a snapshot");
        assertEquals(reconnects + 1, h.connector.health().reconnects());
        awaitMoreTickers();
        assertAllConverge();
    }

    @Test
    void silenceMarksChannelsStaleAndResubscribes() {
        start();
        h.sim.goSilent(Duration.ofMillis(2500));
        h.awaitState(ConnectionState.STALE);
        Await.until(() -> bookSub.health().state() == DataState.STALE, () -> "the book subscription is stale");
        h.awaitCurrent(ConnectionState.LIVE);
        Await.until(() -> bookSub.health().state() == DataState.LIVE && book.valid(), () -> "the book is live again");
        assertTrue(book.resets().contains("stale"), book.resets().toString());
        awaitMoreTickers();
        assertAllConverge();
    }

    @Test
    void malformedFramesAreCountedAndTheStreamContinues() {
        start();
        long errors = h.connector.health().errors();
        int chan = h.chanId(BOOK);
        h.sim.sendMalformedFrame("[" + chan + ",[1,2");
        h.sim.sendMalformedFrame("not json");
        h.sim.sendMalformedFrame("[999999,[1,2,3]]");
        Await.until(() -> h.connector.health().errors() >= errors + 3, () -> "3 errors counted, have "
                + h.connector.health().errors());
        awaitMoreTickers();
        assertEquals(ConnectionState.LIVE, h.connector.health().state());
        assertEquals(List.of(), book.resets(), "a bad frame does not reset the book");
        assertAllConverge();
    }

    @Test
    void sequenceGapResetsTheBooksAndResubscribes() {
        start();
        long errors = h.connector.health().errors();
        h.sim.skipSequence(h.chanId(BOOK));
        Await.until(() -> book.resets().contains(BookReset.SEQUENCE_GAP), () -> "a sequence gap reset");
        Await.until(() -> raw.resets().contains(BookReset.SEQUENCE_GAP), () -> "every book of the socket resets");
        assertTrue(h.connector.health().errors() > errors);
        Await.until(book::valid, () -> "a fresh snapshot");
        assertAllConverge();
    }

    @Test
    void checksumMismatchResetsThatBookAndCountsIt() {
        start();
        long errors = h.connector.health().errors();
        h.sim.corruptNextChecksum(h.chanId(BOOK));
        Await.until(() -> book.resets().contains(BookReset.CHECKSUM_MISMATCH), () -> "a checksum reset");
        assertEquals(1, h.md.checksumMismatches(BOOK));
        assertTrue(h.connector.health().errors() > errors);
        assertEquals(1, bookSub.health().resets());
        assertEquals(List.of(), raw.resets(), "only the corrupted book resets");
        Await.until(book::valid, () -> "a fresh snapshot");
        int reset = book.kinds().indexOf("reset:" + BookReset.CHECKSUM_MISMATCH);
        assertEquals("snapshot", book.kinds().get(reset + 1));
        assertAllConverge();
    }

    @Test
    void serverRestartInfoReconnects() {
        start();
        long reconnects = h.connector.health().reconnects();
        h.sim.sendInfo(20051);
        Await.until(() -> h.connector.health().reconnects() > reconnects, () -> "a reconnect");
        h.awaitCurrent(ConnectionState.LIVE);
        Await.until(book::valid, () -> "a fresh snapshot");
        assertTrue(book.resets().contains(BookReset.RECONNECT));
        assertAllConverge();
    }

    @Test
    void maintenancePausesAndItsEndResubscribesEverything() {
        start();
        h.sim.sendInfo(20060);
        h.awaitCurrent(ConnectionState.MAINTENANCE);
        h.sim.sendInfo(20061);
        h.awaitCurrent(ConnectionState.LIVE);
        Await.until(() -> book.resets().contains("maintenance ended") && book.valid()
                && raw.resets().contains("maintenance ended") && raw.valid(), () -> "every book resubscribed");
        awaitMoreTickers();
        assertAllConverge();
    }

    @Test
    void maintenanceAtStartIsReported() {
        start(0);
        // The greeting and REST both said status 0 before any maintenance message.
        h.awaitCurrent(ConnectionState.MAINTENANCE);
        h.sim.sendInfo(20061);
        h.awaitCurrent(ConnectionState.LIVE);
    }

    @Test
    void restFallbackServesDataWhileTheSocketIsDownAndSwitchesBack() {
        start();
        h.sim.refuseConnections(503);
        h.sim.dropConnections();
        h.awaitState(ConnectionState.RECONNECTING);
        h.awaitCurrent(ConnectionState.REST_FALLBACK);
        Await.until(() -> bookSub.health().state() == DataState.REST_FALLBACK, () -> "book polled over REST");
        int snapshots = book.snapshots();
        int tradeCount = trades.count();
        int tickerCount = tickers.count();
        Await.until(() -> book.snapshots() > snapshots + 1 && tickers.count() > tickerCount,
                () -> "REST polls deliver books and tickers");
        Await.until(() -> trades.count() > tradeCount, () -> "REST polls deliver trades");
        assertTrue(book.valid() && !book.crossed());
        h.sim.acceptConnections();
        h.awaitCurrent(ConnectionState.LIVE);
        Await.until(() -> bookSub.health().state() == DataState.LIVE, () -> "the book is live again");
        awaitMoreTickers();
        assertAllConverge();
    }

    @Test
    void restRateLimitPausesPollingThenFallbackResumes() {
        start();
        h.sim.refuseConnections(503);
        h.sim.rateLimitRest(3);
        h.sim.dropConnections();
        h.awaitState(ConnectionState.RECONNECTING);
        Await.until(() -> h.connector.health().cause().contains("rate limit"), () -> "the cause names the rate limit: "
                + h.connector.health());
        h.awaitCurrent(ConnectionState.REST_FALLBACK);
        int snapshots = book.snapshots();
        Await.until(() -> book.snapshots() > snapshots, () -> "REST polls resume after the pause");
        h.sim.acceptConnections();
        h.awaitCurrent(ConnectionState.LIVE);
        Await.until(book::valid, () -> "live book");
        assertAllConverge();
    }
}
