package org.tradebench.examples.skeleton.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.OrderBookView;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.Trade;
import org.tradebench.api.spi.DecodedEvents;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.api.spi.StreamDecoder;
import org.tradebench.examples.skeleton.internal.SkeletonProvider;

/**
 * The decoder of recorded frames, the live pipeline without a socket: checksums are verified, a
 * book whose checksum fails or whose connection skipped a number resets until its next snapshot,
 * and a frame that cannot be decoded throws while the decoder goes on.
 */
class SkeletonStreamDecoderTest {

    private static final String[][] BIDS = {{"64999.9", "0.0150"}, {"64999.8", "1.0000"}};
    private static final String[][] ASKS = {{"65000.1", "0.2500"}};

    private final List<String> events = new ArrayList<>();
    private final List<Trade> trades = new ArrayList<>();
    private final List<Ticker> tickers = new ArrayList<>();
    private final List<String> finalBook = new ArrayList<>();
    private final StreamDecoder decoder = new SkeletonProvider().decoder(SkeletonProvider.MARKET, new DecodedEvents() {
        @Override
        public void onBook(BookUpdate update) {
            events.add(update.kind() + (update.kind() == BookUpdate.Kind.RESET ? " " + update.resetReason() : ""));
        }

        @Override
        public void onChecksum(InstrumentId instrument, boolean ok) {
            events.add("checksum " + (ok ? "ok" : "failed"));
        }

        @Override
        public void onTrade(Trade trade) {
            trades.add(trade);
        }

        @Override
        public void onTicker(Ticker ticker) {
            tickers.add(ticker);
        }

        @Override
        public void onFinalBook(InstrumentId instrument, OrderBookView book) {
            for (Side side : Side.values()) {
                for (int i = 0; i < book.levels(side); i++) {
                    finalBook.add(side + " " + BigDecimal.valueOf(book.price(side, i), book.priceScale())
                            .stripTrailingZeros().toPlainString() + " x "
                            + BigDecimal.valueOf(book.size(side, i), book.sizeScale()).stripTrailingZeros().toPlainString());
                }
            }
        }
    });

    private void decode(String frame) {
        byte[] b = Frames.bytes(frame);
        decoder.decode(StreamDecoder.DEFAULT_SESSION, b, 0, b.length, 1764921600300L);
    }

    @Test
    void aRecordedSessionGivesBooksTradesAndTickersWithVerifiedChecksums() {
        decode(Frames.WELCOME);
        decode(Frames.SUBSCRIBED);
        decode(Frames.snapshot(3, BIDS, ASKS));
        // the best bid leaves, a new ask arrives
        String[][] bidsAfter = {{"64999.8", "1.0000"}};
        String[][] asksAfter = {{"65000.1", "0.2500"}, {"65000.3", "0.0100"}};
        decode(Frames.update(4, new String[][] {{"64999.9", "0"}}, new String[][] {{"65000.3", "0.0100"}},
                Frames.checksum(bidsAfter, asksAfter)));
        decode(Frames.TICKER.replace("\"seq\":9", "\"seq\":5"));
        decode(Frames.TRADE.replace("\"seq\":10", "\"seq\":6"));
        decoder.finish();

        assertEquals(List.of("SNAPSHOT", "checksum ok", "DELTA", "checksum ok"), events);
        assertEquals(List.of("BUY 64999.8 x 1", "SELL 65000.1 x 0.25", "SELL 65000.3 x 0.01"), finalBook);
        assertEquals(1, trades.size());
        assertEquals("1001", trades.get(0).id());
        assertEquals(1, tickers.size());
    }

    @Test
    void aFailedChecksumResetsTheBookUntilTheNextSnapshot() {
        decode(Frames.WELCOME);
        decode(Frames.snapshot(2, BIDS, ASKS));
        decode(Frames.update(3, new String[][] {{"64999.9", "0.0200"}}, new String[][] {}, 42));
        decode(Frames.update(4, new String[][] {{"64999.7", "0.0300"}}, new String[][] {}, 43)); // before the snapshot
        decode(Frames.snapshot(5, BIDS, ASKS));

        assertEquals(List.of("SNAPSHOT", "checksum ok", "RESET checksum mismatch", "checksum failed", "SNAPSHOT",
                "checksum ok"), events);
    }

    @Test
    void aFrameThatCannotBeDecodedThrowsAndTheNextOneDecodes() {
        decode(Frames.WELCOME);
        decode(Frames.snapshot(2, BIDS, ASKS));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> decode("{\"type\":\"update\",\"seq\":3,\"symbol\":\"BTC-USD\",\"bids\":[[\"64999.9\"]]}"));
        assertTrue(e.getMessage().contains("expected ',' after a level's price"), e.getMessage());
        decode(Frames.update(3, new String[][] {{"64999.9", "0.0200"}}, new String[][] {},
                Frames.checksum(new String[][] {{"64999.9", "0.0200"}, {"64999.8", "1.0000"}}, ASKS)));
        assertEquals(List.of("SNAPSHOT", "checksum ok", "DELTA", "checksum ok"), events, "nothing reset");
    }

    @Test
    void aGapInTheSequenceResetsEveryBook() {
        decode(Frames.WELCOME);
        decode(Frames.snapshot(2, BIDS, ASKS));
        decode("{\"type\":\"heartbeat\",\"seq\":4,\"time\":1}");
        assertEquals(List.of("SNAPSHOT", "checksum ok", "RESET sequence gap"), events);
    }

    @Test
    void theProviderRefusesUnknownSettingsAndMarketsByName() {
        SkeletonProvider p = new SkeletonProvider();
        assertEquals("unknown Skeleton Exchange setting 'rest.url' (known: [ws.url, stale.ms, ping.ms, reconnect.ms,"
                + " reconnect.max.ms])", assertThrows(IllegalArgumentException.class,
                        () -> p.open(Map.of("rest.url", "http://127.0.0.1:1/"), FrameTap.NONE)).getMessage());
        assertEquals("the Skeleton Exchange has one market, 'spot', not 'futures'", assertThrows(
                IllegalArgumentException.class, () -> p.decoder("futures", new DecodedEvents() {
                })).getMessage());
    }
}
