package org.tradebench.ui.tests;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookDelta;
import org.tradebench.api.market.BookLevel;
import org.tradebench.api.market.BookReset;
import org.tradebench.api.market.BookSnapshot;

/** Book events written the way people read them: {@code "65000.5@1.25"}. */
final class Books {

    static final Instant T0 = Instant.parse("2026-11-22T14:03:07.125Z");

    private Books() {
    }

    static List<BookLevel> levels(String... levels) {
        List<BookLevel> list = new ArrayList<>();
        for (String l : levels) {
            int at = l.indexOf('@');
            list.add(new BookLevel(new BigDecimal(l.substring(0, at)), new BigDecimal(l.substring(at + 1))));
        }
        return list;
    }

    static BookSnapshot snapshot(InstrumentId id, long seq, List<BookLevel> bids, List<BookLevel> asks) {
        return new BookSnapshot(id, seq, T0.plusMillis(seq), T0.plusMillis(seq), bids, asks);
    }

    static BookDelta delta(InstrumentId id, long seq, List<BookLevel> bids, List<BookLevel> asks) {
        return new BookDelta(id, seq, T0.plusMillis(seq), T0.plusMillis(seq), bids, asks);
    }

    static BookReset reset(InstrumentId id, long seq, String reason) {
        return new BookReset(id, seq, T0.plusMillis(seq), T0.plusMillis(seq), reason);
    }

    /** A realistic BTC/USD book around 65,000 with {@code n} levels per side. */
    static BookSnapshot btcBook(InstrumentId id, long seq, int n) {
        List<BookLevel> bids = new ArrayList<>();
        List<BookLevel> asks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // sizes vary so the depth bars show a shape: some walls, some thin levels
            BigDecimal bidSize = BigDecimal.valueOf(((i * 37 + 11) % 23) * 1375 + 250, 4);
            BigDecimal askSize = BigDecimal.valueOf(((i * 29 + 5) % 19) * 1625 + 400, 4);
            bids.add(new BookLevel(new BigDecimal("64999.9").subtract(BigDecimal.valueOf(i * 5, 1)), bidSize));
            asks.add(new BookLevel(new BigDecimal("65000.4").add(BigDecimal.valueOf(i * 5, 1)), askSize));
        }
        return snapshot(id, seq, bids, asks);
    }
}
