package org.tradebench.connector.simulated.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradebench.connector.simulated.internal.Fixtures.SECOND;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookRequest;
import org.tradebench.connector.simulated.SimulatedExchangeConfig;

/**
 * The venue can generate load-test rates. Counts events, never times them (performance targets
 * belong in a benchmark).
 */
class RateTest {

    @Test
    void twentyThousandEventsPerSecondAreGeneratedForEverySecondOfVenueTime() {
        SimulatedVenue venue = Fixtures.synthetic(42, 20_000);
        long[] published = new long[1];
        for (InstrumentId id : List.of(Fixtures.BTC, Fixtures.ETH, Fixtures.SOL, Fixtures.PERP)) {
            venue.subscribeBook(new BookRequest(id, 10_000), update -> published[0]++);
            venue.subscribeTrades(id, t -> published[0]++);
        }

        venue.advanceTo(2 * SECOND);

        long events = venue.marketEvents();
        // Poisson arrivals: 40000 expected, standard deviation 200.
        assertTrue(events > 39_000 && events < 41_000, "market events in 2 s: " + events);
        // Every event changes a book or trades; a participant's cancel of the last order of a level
        // and a new order there may cancel out within one event, so allow a few quiet ones.
        assertTrue(published[0] >= events * 0.98, "events reach the full-depth books and the tapes: " + published[0]
                + " messages for " + events + " events");
        double rate = venue.eventRate();
        assertTrue(rate > 18_000 && rate < 22_000, "reported rate " + rate);
        for (InstrumentId id : List.of(Fixtures.BTC, Fixtures.PERP)) {
            venue.book(id).checkInvariants();
        }
    }

    @Test
    void aFocusGivesOneInstrumentNinetyPercentOfTheEvents() {
        SimulatedVenue venue = new SimulatedVenue(SimulatedExchangeConfig.DEFAULTS.withSeed(42).withEventsPerSecond(20_000)
                .withFocus("BTC/USD"), Fixtures.EPOCH, true);
        long[] btc = new long[1];
        long[] others = new long[1];
        for (InstrumentId id : List.of(Fixtures.BTC, Fixtures.ETH, Fixtures.SOL, Fixtures.PERP)) {
            long[] counter = id.equals(Fixtures.BTC) ? btc : others;
            venue.subscribeBook(new BookRequest(id, 10_000), update -> counter[0]++);
        }

        venue.advanceTo(2 * SECOND);

        double share = btc[0] / (double) (btc[0] + others[0]);
        assertTrue(share > 0.88 && share < 0.92, "BTC/USD's share of the book updates: " + share + " (" + btc[0]
                + " of " + (btc[0] + others[0]) + ")");
        assertTrue(btc[0] > 30_000, "about 36,000 book updates on BTC/USD in 2 s: " + btc[0]);
        venue.book(Fixtures.BTC).checkInvariants();
    }

    @Test
    void aFocusOnAnUnlistedSymbolIsRefusedWithTheSymbolsListed() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new SimulatedVenue(SimulatedExchangeConfig.DEFAULTS.withFocus("DOGE/USD"), Fixtures.EPOCH, true));
        assertTrue(e.getMessage().contains("DOGE/USD") && e.getMessage().contains("BTC/USD"), e.getMessage());
    }
}
