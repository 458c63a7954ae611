package org.tradebench.connector.binance.internal.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookDelta;
import org.tradebench.api.market.BookEvent;
import org.tradebench.api.market.BookLevel;
import org.tradebench.api.market.BookReset;
import org.tradebench.api.market.BookSnapshot;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.Liquidation;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.OrderBookView;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.Trade;
import org.tradebench.api.spi.ConnectorProvider;
import org.tradebench.api.spi.DecodedEvents;
import org.tradebench.api.spi.StreamDecoder;
import org.tradebench.connector.binance.internal.BinanceProvider;
import org.tradebench.connector.binance.internal.Payloads;

/**
 * The provider's decoder on recorded frames: the live pipeline (routing by stream name, the
 * toolkit's Binance book rules, the adapters) turns them into the events EVENTS-JSON.md describes.
 */
class BinanceStreamDecoderTest {

    private static final InstrumentId BNBBTC = new InstrumentId("binance", "BNB/BTC");
    private static final InstrumentId BTCUSDT_PERP = new InstrumentId("binance-usdm", "BTC/USDT:USDT");

    /** Collects what the decoder hands on. */
    static final class Events implements DecodedEvents {
        final List<BookEvent> books = new ArrayList<>();
        final List<Trade> trades = new ArrayList<>();
        final List<Ticker> tickers = new ArrayList<>();
        final List<Candle> candles = new ArrayList<>();
        final List<MarkPrice> marks = new ArrayList<>();
        final List<Liquidation> liquidations = new ArrayList<>();
        final List<String> finals = new ArrayList<>();

        @Override
        public void onBook(BookUpdate update) {
            books.add(update.toEvent());
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
        public void onCandle(Candle candle) {
            candles.add(candle);
        }

        @Override
        public void onMarkPrice(MarkPrice mark) {
            marks.add(mark);
        }

        @Override
        public void onLiquidation(Liquidation liquidation) {
            liquidations.add(liquidation);
        }

        @Override
        public void onFinalBook(InstrumentId instrument, OrderBookView book) {
            finals.add(instrument + " " + book.levels(Side.BUY) + "x" + book.levels(Side.SELL));
        }
    }

    private final ConnectorProvider provider = new BinanceProvider();

    private static void feed(StreamDecoder d, String session, String frame) {
        byte[] b = frame.getBytes(StandardCharsets.UTF_8);
        d.decode(session, b, 0, b.length, 1_700_000_000_000L);
    }

    private static String depth(String stream, long first, long last, Long previous, String bids, String asks) {
        return "{\"stream\":\"" + stream + "\",\"data\":{\"e\":\"depthUpdate\",\"E\":1672515782136,"
                + (previous == null ? "" : "\"T\":1672515782135,") + "\"s\":\"X\",\"U\":" + first + ",\"u\":" + last
                + (previous == null ? "" : ",\"pu\":" + previous) + ",\"b\":" + bids + ",\"a\":" + asks + "}}";
    }

    private static String level(String price, String qty) {
        return price + ":" + qty;
    }

    private static List<String> levels(List<BookLevel> levels) {
        return levels.stream().map(l -> l.price().toPlainString() + ":" + l.quantity().toPlainString()).toList();
    }

    @Test
    void theProviderOffersBothMarketsUnderOneId() {
        assertEquals("binance", provider.exchangeId());
        assertEquals(List.of("spot", "usdm"), provider.markets());
        assertThrows(IllegalArgumentException.class, () -> provider.decoder("coinm", new Events()));
    }

    @Test
    void spotDiffsWaitForTheirSnapshotThenFollowTheBookAndAGapResets() {
        Events e = new Events();
        StreamDecoder d = provider.decoder("spot", e);
        feed(d, StreamDecoder.DEFAULT_SESSION, Payloads.text("spot_subscribe_reply"));
        feed(d, StreamDecoder.DEFAULT_SESSION, Payloads.combined("bnbbtc@depth@100ms", "spot_depthUpdate"));
        assertEquals(List.of(), e.books, "a diff before the snapshot is buffered");

        // the REST answer the live connector was fed, recorded under its session
        feed(d, "depth BNBBTC", "{\"lastUpdateId\":158,\"bids\":[[\"0.0023\",\"5\"]],\"asks\":[[\"0.0026\",\"1\"],"
                + "[\"0.0027\",\"2\"]]}");
        assertEquals(1, e.books.size());
        BookSnapshot s = (BookSnapshot) e.books.get(0);
        assertEquals(BNBBTC, s.instrument());
        assertEquals(List.of(level("0.0024", "10"), level("0.0023", "5")), levels(s.bids()), "U=157..u=160 spans 159: applied");
        assertEquals(List.of(level("0.0026", "100"), level("0.0027", "2")), levels(s.asks()));

        feed(d, StreamDecoder.DEFAULT_SESSION, depth("bnbbtc@depth@100ms", 161, 165, null, "[[\"0.0023\",\"0\"]]", "[]"));
        BookDelta delta = (BookDelta) e.books.get(1);
        assertEquals(List.of(level("0.0023", "0")), levels(delta.bids()), "quantity 0 removes the level");
        assertTrue(delta.sequence() > s.sequence());

        feed(d, StreamDecoder.DEFAULT_SESSION, depth("bnbbtc@depth@100ms", 161, 165, null, "[[\"0.0022\",\"1\"]]", "[]"));
        assertEquals(2, e.books.size(), "a diff the book already holds is ignored");

        feed(d, StreamDecoder.DEFAULT_SESSION, depth("bnbbtc@depth@100ms", 170, 172, null, "[]", "[]"));
        assertEquals(BookReset.SEQUENCE_GAP, ((BookReset) e.books.get(2)).reason(), "U > local id + 1 is a gap");

        // the re-snapshot, on standard input without sessions: the one book waiting takes it
        feed(d, StreamDecoder.DEFAULT_SESSION, "{\"lastUpdateId\":171,\"bids\":[[\"0.0024\",\"3\"]],\"asks\":[[\"0.0026\",\"4\"]]}");
        BookSnapshot again = (BookSnapshot) e.books.get(3);
        assertEquals(List.of(level("0.0024", "3")), levels(again.bids()));
        d.finish();
        assertEquals(List.of("binance:BNB/BTC 1x1"), e.finals);
    }

    @Test
    void spotTradesTickersAndCandlesComeFromTheirStreams() {
        Events e = new Events();
        StreamDecoder d = provider.decoder("spot", e);
        feed(d, StreamDecoder.DEFAULT_SESSION, Payloads.combined("bnbbtc@aggTrade", "spot_aggTrade"));
        feed(d, StreamDecoder.DEFAULT_SESSION, Payloads.combined("bnbbtc@aggTrade", "spot_aggTrade"));
        assertEquals(1, e.trades.size(), "each aggregate trade id once");
        assertEquals(Side.SELL, e.trades.get(0).takerSide());
        assertEquals(BNBBTC, e.trades.get(0).instrument());

        feed(d, StreamDecoder.DEFAULT_SESSION, Payloads.combined("bnbusdt@bookTicker", "spot_bookTicker"));
        Ticker quote = e.tickers.get(0);
        assertEquals(new InstrumentId("binance", "BNB/USDT"), quote.instrument());
        assertEquals(new BigDecimal("25.3519"), quote.bid());
        feed(d, StreamDecoder.DEFAULT_SESSION, Payloads.combined("bnbbtc@ticker", "spot_24hrTicker"));
        assertEquals(new BigDecimal("0.0025"), e.tickers.get(1).last());

        feed(d, StreamDecoder.DEFAULT_SESSION, Payloads.combined("bnbbtc@kline_1m", "spot_kline")
                .replace("\"l\":\"0.0015\"", "\"l\":\"0.0010\"")); // the documented example, made consistent
        assertEquals(1, e.candles.size());
        assertEquals(new BigDecimal("0.002"), e.candles.get(0).close());
    }

    @Test
    void aBadFrameThrowsForPeopleDeliversNothingAndTheDecoderGoesOn() {
        Events e = new Events();
        StreamDecoder d = provider.decoder("spot", e);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> feed(d,
                StreamDecoder.DEFAULT_SESSION, "{\"stream\":\"bnbbtc@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"p\":\"x\"}}"));
        assertTrue(bad.getMessage().contains("aggTrade"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> feed(d, StreamDecoder.DEFAULT_SESSION, "not json"));
        assertThrows(IllegalArgumentException.class, () -> feed(d, StreamDecoder.DEFAULT_SESSION,
                depth("bnbbtc@depth@100ms", 5, 6, null, "[[\"0.1\",\"oops\"]]", "[]")));
        assertThrows(IllegalArgumentException.class, () -> feed(d, StreamDecoder.DEFAULT_SESSION,
                "{\"stream\":\"bnbbtc@trade\",\"data\":{}}"));
        assertEquals(List.of(), e.trades);
        feed(d, StreamDecoder.DEFAULT_SESSION, Payloads.combined("bnbbtc@aggTrade", "spot_aggTrade"));
        assertEquals(1, e.trades.size());
        feed(d, StreamDecoder.DEFAULT_SESSION, Payloads.text("spot_error")); // a refusal is not a decoding error
    }

    @Test
    void usdmBooksFollowThePreviousIdAndMarksAndLiquidationsArePerpetuals() {
        Events e = new Events();
        StreamDecoder d = provider.decoder("usdm", e);
        feed(d, StreamDecoder.DEFAULT_SESSION, Payloads.combined("btcusdt@depth@100ms", "usdm_depthUpdate"));
        feed(d, "depth BTCUSDT", "{\"lastUpdateId\":158,\"E\":123456789,\"T\":123456788,\"bids\":[[\"0.0023\",\"5\"]],"
                + "\"asks\":[[\"0.0027\",\"2\"]]}");
        BookSnapshot s = (BookSnapshot) e.books.get(0);
        assertEquals(BTCUSDT_PERP, s.instrument());
        assertEquals(List.of(level("0.0024", "10"), level("0.0023", "5")), levels(s.bids()),
                "U=157 <= 158 <= u=160: the first diff straddles the snapshot");
        // U need not be u + 1 of the previous diff: pu is what links them
        feed(d, StreamDecoder.DEFAULT_SESSION, depth("btcusdt@depth@100ms", 175, 180, 160L, "[]", "[[\"0.0027\",\"0\"]]"));
        assertEquals(2, e.books.size());
        feed(d, StreamDecoder.DEFAULT_SESSION, depth("btcusdt@depth@100ms", 185, 190, 181L, "[]", "[]"));
        assertEquals(BookReset.SEQUENCE_GAP, ((BookReset) e.books.get(2)).reason(), "pu != previous u is a gap");
        assertThrows(IllegalArgumentException.class, () -> feed(d, StreamDecoder.DEFAULT_SESSION,
                depth("btcusdt@depth@100ms", 191, 192, null, "[]", "[]")), "a USD-M diff needs pu");

        feed(d, "market-streams", Payloads.combined("btcusdt@markPrice@1s", "usdm_markPriceUpdate"));
        assertEquals(new BigDecimal("11794.15"), e.marks.get(0).markPrice());
        assertEquals(BTCUSDT_PERP, e.marks.get(0).instrument());
        feed(d, "market-streams", Payloads.combined("btcusdt@forceOrder", "usdm_forceOrder"));
        assertEquals(Side.SELL, e.liquidations.get(0).side());
    }
}
