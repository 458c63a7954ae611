package org.tradebench.connector.simulated.internal;

import java.math.BigDecimal;
import java.time.Instant;

import org.tradebench.api.account.Balance;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.TimeInForce;
import org.tradebench.connector.simulated.SimulatedExchangeConfig;

/** Venues and requests shared by the tests. */
final class Fixtures {

    static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");
    static final InstrumentId BTC = new InstrumentId("simulated", "BTC/USD");
    static final InstrumentId ETH = new InstrumentId("simulated", "ETH/USD");
    static final InstrumentId SOL = new InstrumentId("simulated", "SOL/USD");
    static final InstrumentId PERP = new InstrumentId("simulated", "BTC/USD:USD");
    static final long SECOND = 1_000_000_000L;

    private Fixtures() {
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    /** A venue with no synthetic market: empty books, no flow, 100000 USD. */
    static SimulatedVenue quiet() {
        return new SimulatedVenue(SimulatedExchangeConfig.DEFAULTS, EPOCH, false);
    }

    /** A venue with the synthetic market running at {@code rate} events per second. */
    static SimulatedVenue synthetic(long seed, double rate) {
        return new SimulatedVenue(SimulatedExchangeConfig.DEFAULTS.withSeed(seed).withEventsPerSecond(rate), EPOCH,
                true);
    }

    /**
     * A quiet venue whose {@code id} book is, from participants:
     * asks 0.1@65000, 0.2@65000.5, 0.3@65001 and bids 0.1@64999.5, 0.2@64999, 0.3@64998.5.
     */
    static SimulatedVenue ladder(InstrumentId id) {
        SimulatedVenue venue = quiet();
        ladder(venue, id);
        return venue;
    }

    static void ladder(SimulatedVenue venue, InstrumentId id) {
        venue.submitParticipantOrder(id, Side.SELL, d("65000"), d("0.1"));
        venue.submitParticipantOrder(id, Side.SELL, d("65000.5"), d("0.2"));
        venue.submitParticipantOrder(id, Side.SELL, d("65001"), d("0.3"));
        venue.submitParticipantOrder(id, Side.BUY, d("64999.5"), d("0.1"));
        venue.submitParticipantOrder(id, Side.BUY, d("64999"), d("0.2"));
        venue.submitParticipantOrder(id, Side.BUY, d("64998.5"), d("0.3"));
    }

    static OrderRequest limit(String cid, InstrumentId id, Side side, String quantity, String price) {
        return OrderRequest.limit(cid, id, side, d(quantity), d(price));
    }

    static OrderRequest market(String cid, InstrumentId id, Side side, String quantity) {
        return OrderRequest.market(cid, id, side, d(quantity));
    }

    static OrderRequest triggered(String cid, InstrumentId id, Side side, OrderType type, String quantity,
            String price, String trigger) {
        return OrderRequest.of(cid, id, side, type, d(quantity), price == null ? null : d(price), d(trigger),
                TimeInForce.GTC);
    }

    /** A currency's balance in the exchange (spot) wallet. */
    static Balance spot(SimulatedVenue venue, String currency) {
        return venue.balances().stream().filter(b -> b.wallet().equals(Balance.EXCHANGE))
                .filter(b -> b.currency().equals(currency)).findFirst().orElseThrow();
    }

    /** The USD balance of the margin wallet (the perpetual's). */
    static Balance margin(SimulatedVenue venue) {
        return venue.balances().stream().filter(b -> b.wallet().equals(Balance.MARGIN)).findFirst().orElseThrow();
    }
}
