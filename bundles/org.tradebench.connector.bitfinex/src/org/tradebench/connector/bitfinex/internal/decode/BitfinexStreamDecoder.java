package org.tradebench.connector.bitfinex.internal.decode;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleListener;
import org.tradebench.api.market.Liquidation;
import org.tradebench.api.market.LiquidationListener;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.MarkPriceListener;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.TickerListener;
import org.tradebench.api.market.Trade;
import org.tradebench.api.market.TradeListener;
import org.tradebench.api.spi.DecodedEvents;
import org.tradebench.api.spi.StreamDecoder;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.TradingListener;
import org.tradebench.connector.bitfinex.internal.BitfinexCatalog;
import org.tradebench.connector.bitfinex.internal.BitfinexConfig;
import org.tradebench.connector.bitfinex.internal.market.BitfinexMarketData;
import org.tradebench.connector.bitfinex.internal.market.PassiveFeed;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexConf;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexFrameDecoder;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSink;
import org.tradebench.connector.bitfinex.internal.trading.AccountDecoding;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.health.HealthModel;
import org.tradebench.api.spi.FrameTap;

/**
 * Bitfinex frames from a recording or standard input, through the live connector's own pipeline:
 * the frame decoder, the public connection's protocol ({@code subscribed} binds channels, info
 * codes, errors), the topics with their book synchroniser (every {@code cs} checksum verified,
 * book updates published when their checksum matched), trade de-duplication ({@code te}/{@code tu}
 * once), and the account channel's order, wallet, position and own-trade mapping. It runs on an
 * inline runtime: every event reaches {@link DecodedEvents} during {@link #decode}. Every channel the
 * frames subscribe is taken.
 *
 * <p>Sessions: {@code "account"} frames (the authenticated socket) go through the account pipeline;
 * any other session name is a public connection of its own.
 *
 * <p>Not thread-safe.
 */
public final class BitfinexStreamDecoder implements StreamDecoder {

    private final DecodedEvents events;
    private final ConnectorRuntime runtime = ConnectorRuntime.inline("bitfinex-decode");
    private final HealthModel health = new HealthModel(runtime);
    private final BitfinexMarketData marketData;
    private String pendingError;
    private final java.util.Map<String, Session> sessions = new java.util.LinkedHashMap<>();

    /** One connection of the recording. */
    private static final class Session {
        final BitfinexFrameDecoder decoder;
        final PassiveFeed feed;
        final BitfinexSink sink;

        Session(BitfinexFrameDecoder decoder, PassiveFeed feed, BitfinexSink sink) {
            this.decoder = decoder;
            this.feed = feed;
            this.sink = sink;
        }
    }

    /**
     * Creates a decoder.
     *
     * @param events receives the decoded values
     */
    public BitfinexStreamDecoder(DecodedEvents events) {
        this.events = Objects.requireNonNull(events, "events");
        this.marketData = new BitfinexMarketData(BitfinexConfig.defaults(), null, runtime, health, null, null,
                FrameTap.NONE);
    }

    @Override
    public void decode(String session, byte[] frame, int offset, int length, long receivedMillis) {
        Session s = sessions.computeIfAbsent(session, this::open);
        synchronized (runtime.lock()) {
            long millis = receivedMillis >= 0 ? receivedMillis : 0;
            if (s.feed != null) {
                s.feed.connection(millis);
            } else {
                AccountDecoding.received(s.sink, millis);
            }
            pendingError = null;
            s.decoder.decode(frame, offset, length);
            if (pendingError != null) {
                // The frame was read; what it says is an error the exchange reported.
                String error = pendingError;
                pendingError = null;
                throw new IllegalArgumentException(error);
            }
        }
    }

    private Session open(String name) {
        synchronized (runtime.lock()) {
            if (name.startsWith("account")) {
                BitfinexSink sink = AccountDecoding.sink(runtime, health, new Account(), BitfinexStreamDecoder::instrument);
                return new Session(new BitfinexFrameDecoder(sink), null, sink);
            }
            PassiveFeed feed = PassiveFeed.start(marketData, new Passive());
            BitfinexSink sink = feed.connection(0);
            return new Session(new BitfinexFrameDecoder(sink), feed, sink);
        }
    }

    /** The instrument of a raw symbol, with Bitfinex's rules (no catalog in a recording). */
    private static Optional<Instrument> instrument(String raw) {
        List<Instrument> one = BitfinexCatalog.build(List.of(new BitfinexConf.BitfinexPairInfo(raw, null, null,
                raw.contains("F0:"))));
        return one.isEmpty() ? Optional.empty() : Optional.of(one.get(0));
    }

    @Override
    public void flush() {
        synchronized (runtime.lock()) {
            for (Session s : sessions.values()) {
                if (s.feed == null) {
                    AccountDecoding.flush(s.sink);
                }
            }
        }
    }

    @Override
    public void finish() {
        synchronized (runtime.lock()) {
            for (Session s : sessions.values()) {
                if (s.feed != null) {
                    s.feed.finalBooks(events::onFinalBook);
                }
            }
        }
    }

    /** Where the public connection's channels go. */
    private final class Passive implements PassiveFeed.Handler {
        @Override
        public void channel(String topic, java.util.function.Consumer<Object> attach) {
            attach.accept(new Listener());
        }

        @Override
        public void checksum(InstrumentId instrument, boolean ok) {
            events.onChecksum(instrument, ok);
        }

        @Override
        public void status(ConnectionState state, String reason) {
            events.onStatus(state, reason);
        }

        @Override
        public void error(String description) {
            pendingError = description;
        }
    }

    /** One listener for every kind of channel, forwarding to the decoded events. */
    private final class Listener implements BookListener, TickerListener, TradeListener, CandleListener,
            MarkPriceListener, LiquidationListener {
        @Override
        public void onBook(BookUpdate update) {
            events.onBook(update);
        }

        @Override
        public void onTicker(Ticker ticker) {
            events.onTicker(ticker);
        }

        @Override
        public void onTrade(Trade trade) {
            events.onTrade(trade);
        }

        @Override
        public void onCandle(Candle candle) {
            events.onCandle(candle);
        }

        @Override
        public void onMarkPrice(MarkPrice mark) {
            events.onMarkPrice(mark);
        }

        @Override
        public void onLiquidation(Liquidation liquidation) {
            events.onLiquidation(liquidation);
        }
    }

    /** The account channel's events. */
    private final class Account implements TradingListener {
        @Override
        public void onOrder(Order order) {
            events.onOrder(order);
        }

        @Override
        public void onFill(Fill fill) {
            events.onFill(fill);
        }

        @Override
        public void onBalance(Balance balance) {
            events.onBalance(balance);
        }

        @Override
        public void onPosition(Position position) {
            events.onPosition(position);
        }
    }
}
