package org.tradebench.connector.simulated.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradebench.connector.simulated.internal.Fixtures.BTC;
import static org.tradebench.connector.simulated.internal.Fixtures.ETH;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tradebench.api.Subscription;
import org.tradebench.api.market.BookEvent;
import org.tradebench.api.market.BookGrouping;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookRequest;
import org.tradebench.connector.support.stream.BookStream;

/** Two subscriptions to one book are one shared, reference-counted stream that stops with the last one. */
class SharedBookStreamTest {

    private final SimulatedVenue venue = Fixtures.synthetic(42, 500);

    private void steps(int n) {
        for (int i = 0; i < n; i++) {
            venue.step();
        }
    }

    @Test
    void twoSubscriptionsToOneBookShareOneStream() {
        List<BookEvent> a = new ArrayList<>();
        List<BookEvent> b = new ArrayList<>();
        venue.subscribeBook(new BookRequest(BTC, 25), BookListener.ofEvents(a::add));
        venue.subscribeBook(new BookRequest(BTC, 20), BookListener.ofEvents(b::add)); // 20 is offered as 25

        List<BookStream> streams = venue.bookStreams(BTC);
        assertEquals(1, streams.size(), "one stream for both");
        assertEquals(2, streams.get(0).subscriberCount(), "two subscriptions share it");
        steps(500);
        assertTrue(a.size() > 20, "updates: " + a.size());
        assertEquals(a, b, "the same book, update for update");
    }

    @Test
    void closingOneKeepsTheOtherAndClosingBothStopsTheStream() {
        List<BookEvent> a = new ArrayList<>();
        List<BookEvent> b = new ArrayList<>();
        Subscription first = venue.subscribeBook(new BookRequest(BTC, 25), BookListener.ofEvents(a::add));
        Subscription second = venue.subscribeBook(new BookRequest(BTC, 25), BookListener.ofEvents(b::add));
        BookStream stream = venue.bookStreams(BTC).get(0);
        steps(200);

        first.close();
        int aAfterClose = a.size();
        int bBefore = b.size();
        steps(500);
        assertEquals(aAfterClose, a.size(), "the closed subscription hears nothing more");
        assertTrue(b.size() > bBefore + 20, "the other one carries on: " + (b.size() - bBefore));
        assertEquals(List.of(stream), venue.bookStreams(BTC), "the same stream");
        assertEquals(1, stream.subscriberCount());

        second.close();
        assertTrue(venue.bookStreams(BTC).isEmpty(), "no subscription left: the venue stops feeding it");
        long commits = stream.commits();
        int bAfterClose = b.size();
        steps(500);
        assertEquals(commits, stream.commits(), "nothing committed to it any more");
        assertEquals(bAfterClose, b.size());

        List<BookEvent> c = new ArrayList<>();
        venue.subscribeBook(new BookRequest(BTC, 25), BookListener.ofEvents(c::add));
        assertNotSame(stream, venue.bookStreams(BTC).get(0), "a new subscription starts a new stream");
        assertTrue(c.get(0) instanceof org.tradebench.api.market.BookSnapshot);
    }

    @Test
    void differentDepthsGroupingsAndInstrumentsAreDifferentStreams() {
        venue.subscribeBook(new BookRequest(BTC, 25), update -> { });
        venue.subscribeBook(new BookRequest(BTC, 50), update -> { });
        venue.subscribeBook(new BookRequest(BTC, 25).withGrouping(BookGrouping.increment(Fixtures.d("10"))),
                update -> { });
        venue.subscribeBook(new BookRequest(ETH, 25), update -> { });
        venue.subscribeBook(new BookRequest(BTC, 30), update -> { }); // 50 again

        assertEquals(3, venue.bookStreams(BTC).size());
        assertEquals(1, venue.bookStreams(ETH).size());
        BookStream fifty = venue.bookStreams(BTC).get(1);
        assertSame(fifty, venue.bookStreams(BTC).get(1));
        assertEquals(2, fifty.subscriberCount());
    }
}
