package org.tradebench.connector.bitfinex.internal.market;

import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.CandleListener;
import org.tradebench.api.market.LiquidationListener;
import org.tradebench.api.market.MarkPriceListener;
import org.tradebench.api.market.TickerListener;
import org.tradebench.api.market.TradeListener;
import org.tradebench.connector.bitfinex.internal.BitfinexAdapters;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannel;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexError;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSink;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSymbol;
import org.tradebench.connector.support.stream.BookSubscription;
import org.tradebench.core.book.OrderBook;

/**
 * The market-data service as a stream decoder runs it: no socket, one public connection fed
 * recorded frames, which takes every channel it sees subscribed (whoever asked for it) and attaches
 * the decoder's listener to the topic's streams. Everything else is the live path: the same
 * connection protocol, topics, book synchroniser and adapters. Runtime lock held.
 *
 * <pre>{@code
 * PassiveFeed feed = PassiveFeed.start(marketData, handler);
 * decoder = new BitfinexFrameDecoder(feed.connection(0));
 * decoder.decode(frame, 0, frame.length);        // after feed.connection(receivedMillis)
 * feed.finalBooks((id, book) -> ...);
 * }</pre>
 */
public final class PassiveFeed {

    /**
     * What a stream decoder does with the channels recorded frames subscribe, and the events that
     * have no API stream (book checksums, status announcements).
     */
    public interface Handler {
        /**
         * A channel was subscribed in the recording: attach to the topic's streams.
         *
         * @param topic the description of the topic's stream, for example {@code "book tBTCUSD P0 F0 25"}
         * @param attach attaches a listener (the decoder's) to the topic's stream(s)
         */
        void channel(String topic, Consumer<Object> attach);

        /**
         * A book checksum was compared.
         *
         * @param instrument the book's instrument
         * @param ok whether it matched
         */
        void checksum(InstrumentId instrument, boolean ok);

        /**
         * The exchange announced a state.
         *
         * @param state the state
         * @param reason what it said
         */
        void status(ConnectionState state, String reason);

        /**
         * The exchange answered with an error event (a refused subscription, a bad request).
         *
         * @param description the code, what it means and the exchange's text
         */
        void error(String description);
    }

    private final BitfinexMarketData md;
    private final Handler handler;
    private final PublicConnection connection;

    private PassiveFeed(BitfinexMarketData md, Handler handler) {
        this.md = Objects.requireNonNull(md, "md");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.connection = md.passiveConnection();
    }

    /**
     * Turns this service into a stream decoder's: no socket; one connection fed recorded frames,
     * which takes every channel it sees subscribed. Runtime lock held.
     *
     * @param md the service, created without a transport
     * @param handler what the decoder does with channels and events
     * @return the feed
     */
    public static PassiveFeed start(BitfinexMarketData md, Handler handler) {
        PassiveFeed feed = new PassiveFeed(md, handler);
        md.passive(feed);
        return feed;
    }

    /**
     * The sink a recorded frame goes to: the passive connection, told the frame's receive time.
     *
     * @param receivedMillis the frame's receive time
     * @return the sink for the frame decoder
     */
    public BitfinexSink connection(long receivedMillis) {
        connection.feedTime(receivedMillis, System.nanoTime());
        return connection;
    }

    /** A passive connection saw a channel subscribed that no topic asked for (stream decoders). */
    Topic channel(PublicConnection c, BitfinexChannel ch) {
        Topic t = passiveTopic(ch);
        if (t == null) {
            return null;
        }
        md.topics().put(t.key, t);
        c.topics.add(t);
        t.conn = c;
        handler.channel(t.key, listener -> attachPassive(t, listener));
        return t;
    }

    private Topic passiveTopic(BitfinexChannel ch) {
        BitfinexSymbol s = ch.symbol();
        if (s != null && s.isFunding()) {
            return null;
        }
        InstrumentId id = s == null ? null : s.instrumentId();
        String raw = s == null ? null : s.raw();
        return switch (ch.type()) {
            case BOOK, RAW_BOOK -> {
                String prec = ch.precision() == null ? "P0" : ch.precision();
                String freq = ch.frequency() == null ? "F0" : ch.frequency();
                int len = ch.length() == 0 ? 25 : ch.length();
                yield new BookTopic(BookTopic.key(raw, prec, freq, len), id, raw, prec, freq, len, md);
            }
            case TICKER -> new TickerTopic(id, raw, md);
            case TRADES -> new TradesTopic(id, raw, md);
            case CANDLES -> {
                CandleInterval interval = BitfinexAdapters.interval(ch.timeframe()).orElse(null);
                yield interval == null ? null : new CandlesTopic(id, interval, ch.timeframe(), raw, md);
            }
            case DERIVATIVE_STATUS -> id == null ? null : new DerivativeStatusTopic(id, raw, md);
            case LIQUIDATIONS -> new LiquidationsTopic(md);
            default -> null;
        };
    }

    private void attachPassive(Topic t, Object listener) {
        switch (t) {
            case BookTopic b -> b.stream.attach(new BookSubscription(md.runtime(),
                    b.stream, (BookListener) listener));
            case TickerTopic k -> k.stream.attach(k.stream.subscription((TickerListener) listener,
                    TickerListener::onTicker));
            case TradesTopic r -> r.stream.attach(r.stream.subscription((TradeListener) listener,
                    TradeListener::onTrade));
            case CandlesTopic c -> {
                var sub = c.stream.subscription((CandleListener) listener, CandleListener::onCandle);
                c.expect(sub, CandlesTopic.EVERYTHING);
                c.stream.attach(sub);
            }
            case DerivativeStatusTopic d -> d.stream.attach(d.stream.subscription((MarkPriceListener) listener,
                    MarkPriceListener::onMarkPrice));
            case LiquidationsTopic l -> l.observer = (LiquidationListener) listener;
            default -> {
            }
        }
    }

    /** The final state of every passive book (stream decoders). */
    public void finalBooks(BiConsumer<InstrumentId, OrderBook> out) {
        for (Topic t : md.topics().values()) {
            if (t instanceof BookTopic b && b.stream.isValid()) {
                out.accept(b.instrument, b.stream.book());
            }
        }
    }

    void checksumChecked(BookTopic t, boolean ok) {
        handler.checksum(t.instrument, ok);
    }

    void statusAnnounced(int code, String message) {
        switch (code) {
            case 20051 -> handler.status(ConnectionState.RECONNECTING, "Bitfinex server restarting (20051) " + message);
            case 20060 -> handler.status(ConnectionState.MAINTENANCE, "Bitfinex maintenance started (20060) " + message);
            case 20061 -> handler.status(ConnectionState.LIVE, "Bitfinex maintenance ended (20061) " + message);
            default -> {
            }
        }
    }

    void platformAnnounced(int version, int platformStatus) {
        handler.status(platformStatus == 1 ? ConnectionState.LIVE : ConnectionState.MAINTENANCE, "Bitfinex platform "
                + (platformStatus == 1 ? "operative" : "in maintenance") + " (API version " + version + ")");
    }

    void errorAnnounced(BitfinexError error) {
        handler.error("Bitfinex error " + error.describe());
    }
}
