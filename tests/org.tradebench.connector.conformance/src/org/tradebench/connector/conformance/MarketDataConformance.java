package org.tradebench.connector.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.tradebench.api.ConnectionControl;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.MarketData;
import org.tradebench.api.market.OrderBookView;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.Trade;
import org.tradebench.api.spi.ConnectorProvider;
import org.tradebench.api.spi.DecodedEvents;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.api.spi.OpenConnector;
import org.tradebench.api.spi.StreamDecoder;

/**
 * The market-data part of the conformance kit. A connector's test bundle extends it and says how
 * to start its simulator ({@link #newTarget()}); every test opens the connector afresh.
 *
 * <p>Every book is checked on every update by a {@link BookModel} (a snapshot first, changes that
 * reproduce the book shown, sorted uncrossed sides, increasing sequence numbers) and, with the
 * market paused, compared with the simulator's book.
 */
public abstract class MarketDataConformance {

    /** The depth the kit compares books over. */
    protected static final int DEPTH = 25;

    private ConformanceTarget target;
    private final List<OpenConnector> opened = new ArrayList<>();
    private OpenConnector open;

    /**
     * Starts the connector's simulator.
     *
     * @return a new target; the kit closes it after the test
     */
    protected abstract ConformanceTarget newTarget();

    @BeforeEach
    void startTarget() {
        target = newTarget();
        open = open(FrameTap.NONE);
    }

    @AfterEach
    void stopTarget() {
        try {
            for (OpenConnector c : opened) {
                c.close();
            }
        } finally {
            if (target != null) {
                target.close();
            }
        }
    }

    /** @return the target of the running test */
    protected final ConformanceTarget target() {
        return target;
    }

    /** @return the connector opened for the running test */
    protected final ExchangeConnector connector() {
        return open.connector();
    }

    private MarketData md() {
        return connector().marketData();
    }

    private OpenConnector open(FrameTap tap) {
        OpenConnector c = target.open(tap);
        opened.add(c);
        return c;
    }

    // ------------------------------------------------------------------ streams

    @Test
    void aBookStartsWithASnapshotAndItsDeltasKeepItEqualToTheExchangesBook() {
        BookModel book = new BookModel().forbidThread(Thread.currentThread());
        Subscription s = md().subscribeBook(target.bookRequest(target.primary()), book);
        Await.until(() -> book.valid() && book.deltas() >= 5, () -> "a snapshot and 5 deltas: " + book);
        assertEquals("snapshot", book.kinds().get(0), "the first update");
        assertConverges(target.primary(), book);
        assertEquals(DataState.LIVE, s.health().state());
        assertTrue(s.health().messages() > 0, "messages counted: " + s.health());
        assertEquals(List.of(), book.violations());
    }

    @Test
    void tickersAndTradesStreamOnADeliveryThread() {
        Recorder tickers = new Recorder().forbidThread(Thread.currentThread());
        Recorder trades = new Recorder().forbidThread(Thread.currentThread());
        Subscription t = md().subscribeTicker(target.primary(), tickers);
        Subscription r = md().subscribeTrades(target.primary(), trades);
        Await.until(() -> tickers.count() >= 2 && trades.count() >= 2, () -> "tickers " + tickers + ", trades " + trades);
        for (Ticker k : tickers.of(Ticker.class)) {
            assertEquals(target.primary(), k.instrument());
        }
        Set<String> ids = new HashSet<>();
        for (Trade x : trades.of(Trade.class)) {
            assertEquals(target.primary(), x.instrument());
            assertTrue(ids.add(x.id()), "trade " + x.id() + " delivered twice");
        }
        assertEquals(DataState.LIVE, t.health().state());
        assertEquals(DataState.LIVE, r.health().state());
        assertEquals(List.of(), tickers.violations());
        assertEquals(List.of(), trades.violations());
    }

    @Test
    void twoSubscribersShareOneExchangeSubscription() {
        int base = target.exchangeSubscriptions();
        BookModel a = new BookModel();
        Subscription sa = md().subscribeBook(target.bookRequest(target.primary()), a);
        Await.until(a::valid, () -> "the first subscriber's snapshot: " + a);
        Await.until(() -> target.exchangeSubscriptions() == base + 1,
                () -> "one exchange subscription more than " + base + ", have " + target.exchangeSubscriptions());
        BookModel b = new BookModel();
        Subscription sb = md().subscribeBook(target.bookRequest(target.primary()), b);
        Await.until(b::valid, () -> "the second subscriber gets the current book: " + b);
        assertEquals(base + 1, target.exchangeSubscriptions(), "the second subscriber shares the first one's");
        assertConverges(target.primary(), a);
        assertConverges(target.primary(), b);

        sa.close();
        assertFalse(sa.isActive());
        int seen = b.updates();
        Await.until(() -> b.updates() > seen, () -> "the second subscriber goes on after the first left: " + b);
        assertEquals(base + 1, target.exchangeSubscriptions());
        sb.close();
        Await.until(() -> target.exchangeSubscriptions() == base,
                () -> "the exchange subscription released, have " + target.exchangeSubscriptions());
        assertEquals(List.of(), a.violations());
        assertEquals(List.of(), b.violations());
    }

    @Test
    void closingStopsCallbacksAndEndsClosed() {
        Recorder tickers = new Recorder();
        Subscription s = md().subscribeTicker(target.primary(), tickers);
        Await.until(() -> tickers.count() >= 2, () -> "tickers: " + tickers);
        s.close();
        int after = tickers.count();
        assertFalse(s.isActive());
        assertEquals(DataState.CLOSED, s.health().state());
        s.close(); // twice does nothing
        Await.sleep(600);
        assertEquals(after, tickers.count(), "no callback after close() returned");
    }

    @Test
    void aRefusedSubscriptionEndsFailedWithTheExchangesText() {
        Recorder live = new Recorder();
        md().subscribeTicker(target.primary(), live);
        Await.until(() -> live.count() > 0, () -> "the primary ticker: " + live);
        Recorder refused = new Recorder();
        BookModel refusedBook = new BookModel();
        Subscription s = md().subscribeTicker(target.refused(), refused);
        Subscription b = md().subscribeBook(target.bookRequest(target.refused()), refusedBook);
        Await.until(() -> refused.lastHealth(DataState.FAILED) != null,
                () -> "the refused ticker ends FAILED: " + refused.health());
        Await.until(() -> refusedBook.health().stream().anyMatch(h -> h.state() == DataState.FAILED),
                () -> "the refused book ends FAILED: " + refusedBook.health());
        DataHealth failed = refused.lastHealth(DataState.FAILED);
        assertFalse(failed.cause().isBlank(), "the cause says why");
        assertEquals(DataState.FAILED, s.health().state());
        assertEquals(DataState.FAILED, b.health().state());
        assertFalse(s.isActive());
        assertEquals(0, refused.count());
        int before = live.count();
        Await.until(() -> live.count() > before, () -> "the other subscriptions go on");
        assertEquals(ConnectionState.LIVE, connector().health().state(), connector().health().toString());
    }

    @Test
    void aListenerThatThrowsKeepsItsSubscription() {
        Recorder thrower = new Recorder().throwing();
        Subscription s = md().subscribeTicker(target.primary(), thrower);
        Await.until(() -> thrower.count() >= 3, () -> "tickers after the listener threw: " + thrower);
        assertTrue(s.isActive());
    }

    @Test
    void healthIsLiveWithAMarketDataSession() {
        BookModel book = new BookModel();
        md().subscribeBook(target.bookRequest(target.primary()), book);
        Await.until(book::valid, () -> "a book: " + book);
        Await.until(() -> connector().health().state() == ConnectionState.LIVE,
                () -> "connection LIVE: " + connector().health());
        ConnectionHealth h = connector().health();
        SessionHealth md = h.sessions().get(SessionHealth.MARKET_DATA);
        assertNotNull(md, "a market-data session in " + h.sessions().keySet());
        assertEquals(ConnectionState.LIVE, md.state());
        assertTrue(book.health().stream().anyMatch(x -> x.state() == DataState.LIVE), "LIVE pushed: " + book.health());
    }

    // ------------------------------------------------------------------ the user's switches

    @Test
    void disconnectStopsTheSocketsAndMarksEveryStreamStaleThenConnectRestoresThem() {
        Optional<ConnectionControl> control = connector().connectionControl();
        assumeTrue(control.isPresent(), "the connector offers no connection control");
        ConnectionControl c = control.get();
        Recorder tickers = new Recorder();
        BookModel book = new BookModel();
        Subscription t = md().subscribeTicker(target.primary(), tickers);
        Subscription b = md().subscribeBook(target.bookRequest(target.primary()), book);
        Await.until(() -> book.valid() && tickers.count() >= 1, () -> "a book and a ticker: " + book + ", " + tickers);
        assertTrue(c.isConnected());
        assertEquals(ConnectionControl.TransportMode.AUTO, c.transportMode());

        c.disconnect();
        assertFalse(c.isConnected());
        Await.until(() -> marketSession().state() == ConnectionState.DISCONNECTED,
                () -> "market data DISCONNECTED: " + marketSession());
        assertEquals(ConnectionControl.DISCONNECTED_CAUSE, marketSession().cause());
        if (target.connectionsCanClose()) {
            Await.until(() -> target.exchangeSubscriptions() == 0,
                    () -> "the exchange sees no subscription, has " + target.exchangeSubscriptions());
        }
        for (Subscription s : List.of(t, b)) {
            Await.until(() -> s.health().state() == DataState.STALE
                    && ConnectionControl.DISCONNECTED_CAUSE.equals(s.health().cause()),
                    () -> "the stream stale with the cause: " + s.health());
        }
        int tickersThen = tickers.count();
        Await.sleep(1_500);
        assertEquals(tickersThen, tickers.count(), "no ticker while disconnected (nothing polled either)");
        assertEquals(ConnectionState.DISCONNECTED, marketSession().state(), "still disconnected");

        c.connect();
        Await.until(() -> marketSession().state() == ConnectionState.LIVE, () -> "LIVE again: " + marketSession());
        int booksThen = book.updates();
        Await.until(() -> book.valid() && book.updates() > booksThen && tickers.count() > tickersThen,
                () -> "data again: " + book + ", " + tickers);
        Await.until(() -> t.health().state() == DataState.LIVE && b.health().state() == DataState.LIVE,
                () -> "streams LIVE: " + t.health() + " " + b.health());
        assertConverges(target.primary(), book);
        assertEquals(List.of(), book.violations());
    }

    @Test
    void restModePollsWithTheSocketClosedAndAutoReturnsToTheSocket() {
        Optional<ConnectionControl> control = connector().connectionControl();
        assumeTrue(control.isPresent() && control.get().transportModes().contains(ConnectionControl.TransportMode.REST),
                "the connector offers no REST mode");
        ConnectionControl c = control.get();
        Recorder tickers = new Recorder();
        Subscription t = md().subscribeTicker(target.primary(), tickers);
        Await.until(() -> tickers.count() >= 1, () -> "a ticker: " + tickers);

        c.transportMode(ConnectionControl.TransportMode.REST);
        assertEquals(ConnectionControl.TransportMode.REST, c.transportMode());
        Await.until(() -> marketSession().state() == ConnectionState.REST_FALLBACK,
                () -> "market data over REST: " + marketSession());
        assertTrue(marketSession().cause().contains("REST chosen by the user"), marketSession().cause());
        Await.until(() -> target.exchangeSubscriptions() == 0,
                () -> "the socket closed, the exchange has " + target.exchangeSubscriptions() + " subscriptions");
        Await.until(() -> t.health().state() == DataState.REST_FALLBACK, () -> "the ticker polled: " + t.health());
        int before = tickers.count();
        Await.until(() -> tickers.count() > before, () -> "tickers from REST: " + tickers);

        c.transportMode(ConnectionControl.TransportMode.AUTO);
        Await.until(() -> marketSession().state() == ConnectionState.LIVE, () -> "LIVE again: " + marketSession());
        Await.until(() -> target.exchangeSubscriptions() > 0, () -> "subscribed on the socket again");
        Await.until(() -> t.health().state() == DataState.LIVE, () -> "the ticker from the socket: " + t.health());
    }

    @Test
    void aModeTheConnectorDoesNotOfferIsRefusedWithTheModesItOffers() {
        Optional<ConnectionControl> control = connector().connectionControl();
        assumeTrue(control.isPresent(), "the connector offers no connection control");
        ConnectionControl c = control.get();
        assertTrue(c.transportModes().contains(ConnectionControl.TransportMode.AUTO), "AUTO always offered");
        for (ConnectionControl.TransportMode m : ConnectionControl.TransportMode.values()) {
            if (!c.transportModes().contains(m)) {
                IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                        IllegalArgumentException.class, () -> c.transportMode(m));
                assertTrue(e.getMessage().contains(m.wireName()), e.getMessage());
            }
        }
    }

    private SessionHealth marketSession() {
        return connector().health().session(SessionHealth.MARKET_DATA)
                .orElseThrow(() -> new AssertionError("no market-data session in " + connector().health()));
    }

    // ------------------------------------------------------------------ faults

    @TestFactory
    Stream<DynamicTest> booksRecoverFromEveryFault() {
        return target.faults().stream().map(f -> DynamicTest.dynamicTest(f.name(), () -> recoversFrom(f)));
    }

    private void recoversFrom(Fault fault) {
        OpenConnector c = open(FrameTap.NONE);
        MarketData md = c.connector().marketData();
        BookModel primary = new BookModel();
        BookModel secondary = new BookModel();
        Recorder trades = new Recorder();
        Recorder tickers = new Recorder();
        md.subscribeBook(target.bookRequest(target.primary()), primary);
        md.subscribeBook(target.bookRequest(target.secondary()), secondary);
        md.subscribeTrades(target.primary(), trades);
        md.subscribeTicker(target.primary(), tickers);
        Await.until(() -> primary.valid() && secondary.valid() && tickers.count() > 0
                && c.connector().health().state() == ConnectionState.LIVE,
                () -> "first data: " + primary + ", " + secondary + ", " + c.connector().health());
        int primaryResets = primary.resets().size();
        int secondaryResets = secondary.resets().size();
        long errors = c.connector().health().errors();

        target.inject(fault, target.primary());

        if (fault.resetsBooks()) {
            Await.until(() -> primary.resets().size() > primaryResets && primary.valid(),
                    () -> fault + ": a reset then a fresh snapshot: " + primary);
            List<String> kinds = primary.kinds();
            int reset = indexOfNthReset(kinds, primaryResets);
            assertEquals("snapshot", kinds.get(reset + 1), fault + ": the reset is followed by a snapshot: " + kinds);
            if (fault == Fault.BOOK_INTEGRITY) {
                assertEquals(secondaryResets, secondary.resets().size(), "only the broken book resets");
            }
        } else {
            Await.until(() -> c.connector().health().errors() > errors,
                    () -> fault + ": errors counted: " + c.connector().health());
            assertEquals(primaryResets, primary.resets().size(), fault + " resets nothing: " + primary);
        }
        Await.until(() -> c.connector().health().state() == ConnectionState.LIVE,
                () -> fault + ": LIVE again: " + c.connector().health());
        int tickerCount = tickers.count();
        Await.until(() -> tickers.count() > tickerCount, () -> fault + ": tickers keep coming");
        Await.until(secondary::valid, () -> fault + ": the other book is valid: " + secondary);
        assertConverges(target.primary(), primary);
        assertConverges(target.secondary(), secondary);
        Set<String> ids = new HashSet<>();
        for (Trade t : trades.of(Trade.class)) {
            assertTrue(ids.add(t.id()), fault + ": trade " + t.id() + " delivered twice");
        }
        assertEquals(List.of(), primary.violations(), fault.name());
        assertEquals(List.of(), secondary.violations(), fault.name());
    }

    private static int indexOfNthReset(List<String> kinds, int n) {
        int seen = 0;
        for (int i = 0; i < kinds.size(); i++) {
            if (kinds.get(i).startsWith("reset:") && seen++ == n) {
                return i;
            }
        }
        throw new AssertionError("no reset number " + (n + 1) + " in " + kinds);
    }

    // ------------------------------------------------------------------ the decoder SPI

    /** One frame a tap recorded. */
    private record Frame(String session, byte[] bytes, long receivedMillis) {
    }

    @Test
    void theDecoderGivesTheSameEventsAsTheLivePathForTheSameFrames() {
        Optional<ConnectorProvider> provider = target.provider();
        assumeTrue(provider.isPresent(), "the connector reads no frames");
        List<Frame> frames = new ArrayList<>();
        OpenConnector c = open((session, frame, offset, length, receivedMillis) -> {
            byte[] copy = java.util.Arrays.copyOfRange(frame, offset, offset + length);
            synchronized (frames) {
                frames.add(new Frame(session, copy, receivedMillis));
            }
        });
        MarketData md = c.connector().marketData();
        BookModel book = new BookModel();
        Recorder trades = new Recorder();
        Recorder tickers = new Recorder();
        md.subscribeTrades(target.primary(), trades);
        md.subscribeTicker(target.primary(), tickers);
        md.subscribeBook(target.bookRequest(target.primary()), book);
        Await.until(() -> book.valid() && book.deltas() >= 10 && trades.count() >= 3 && tickers.count() >= 2,
                () -> "live data: " + book + ", " + trades + ", " + tickers);
        assertConverges(target.primary(), book);
        target.pauseMarket();
        try {
            Await.sleep(300); // what was in flight arrives
            c.close();
        } finally {
            target.resumeMarket();
        }
        List<Frame> recorded;
        synchronized (frames) {
            recorded = List.copyOf(frames);
        }

        List<Trade> decodedTrades = new ArrayList<>();
        List<Ticker> decodedTickers = new ArrayList<>();
        Map<InstrumentId, List<List<String>>> finalBooks = new LinkedHashMap<>();
        int[] checksums = new int[2];
        StreamDecoder decoder = provider.get().decoder(provider.get().markets().get(0), new DecodedEvents() {
            @Override
            public void onTrade(Trade trade) {
                if (trade.instrument().equals(target.primary())) {
                    decodedTrades.add(trade);
                }
            }

            @Override
            public void onTicker(Ticker ticker) {
                if (ticker.instrument().equals(target.primary())) {
                    decodedTickers.add(ticker);
                }
            }

            @Override
            public void onChecksum(InstrumentId instrument, boolean ok) {
                checksums[ok ? 0 : 1]++;
            }

            @Override
            public void onFinalBook(InstrumentId instrument, OrderBookView b) {
                finalBooks.put(instrument, List.of(BookModel.top(b, Side.BUY, DEPTH), BookModel.top(b, Side.SELL, DEPTH)));
            }
        });
        for (Frame f : recorded) {
            decoder.decode(f.session(), f.bytes(), 0, f.bytes().length, f.receivedMillis());
        }
        decoder.flush();
        decoder.finish();

        assertEquals(0, checksums[1], "checksums that failed in the decoder");
        assertEquals(key(trades.of(Trade.class)), key(decodedTrades), "the same trades, in the same order");
        assertFalse(decodedTickers.isEmpty(), "tickers decoded");
        Ticker lastLive = tickers.of(Ticker.class).getLast();
        Ticker lastDecoded = decodedTickers.getLast();
        assertEquals(List.of(lastLive.time(), String.valueOf(lastLive.quote()), String.valueOf(lastLive.last()),
                String.valueOf(lastLive.day())), List.of(lastDecoded.time(), String.valueOf(lastDecoded.quote()),
                        String.valueOf(lastDecoded.last()), String.valueOf(lastDecoded.day())), "the last ticker");
        assertEquals(List.of(book.top(Side.BUY, DEPTH), book.top(Side.SELL, DEPTH)), finalBooks.get(target.primary()),
                "the decoder's final book is the live one");
    }

    private static List<String> key(List<Trade> trades) {
        return trades.stream().map(t -> t.id() + " " + t.time() + " " + t.price().toPlainString() + " x "
                + t.quantity().toPlainString() + " " + t.takerSide()).toList();
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Pauses the market and waits until the model equals the simulator's book.
     *
     * @param instrument the instrument
     * @param model what the subscription built
     */
    protected final void assertConverges(InstrumentId instrument, BookModel model) {
        target.pauseMarket();
        try {
            String[] last = {""};
            Await.until(Duration.ofSeconds(10), () -> {
                Optional<ReferenceBook> reference = target.referenceBook(instrument);
                last[0] = reference.isEmpty() ? "the simulator has no such subscription"
                        : model.differenceFrom(reference.get(), DEPTH);
                return last[0] == null;
            }, () -> instrument + " equal to the simulator's book: " + last[0] + "; " + model);
        } finally {
            target.resumeMarket();
        }
    }
}
