package org.tradebench.cli.decode;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.Liquidation;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.OrderBookView;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.Trade;
import org.tradebench.api.spi.DecodedEvents;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.Order;
import org.tradebench.cli.json.EventJson;
import org.tradebench.cli.json.EventJsonWriter;

/**
 * What a {@link org.tradebench.api.spi.StreamDecoder} decodes, as JSON lines on an
 * {@link EventJsonWriter} (uncommitted: {@link FrameRunner} commits or discards per frame). Values
 * without a receive time of their own (status, checksum, orders, fills, balances, positions,
 * candles) take the current frame's; a final book takes the times of its last update.
 *
 * <pre>{@code
 * JsonDecodedEvents events = new JsonDecodedEvents("simulated", json, new EventJson(true));
 * StreamDecoder decoder = provider.decoder("spot", events);
 * events.frameReceived(1737972930001L);
 * decoder.decode(StreamDecoder.DEFAULT_SESSION, bytes, 0, bytes.length, 1737972930001L);
 * }</pre>
 *
 * <p>Runs on the thread that decodes; not thread-safe.
 */
public final class JsonDecodedEvents implements DecodedEvents {

    private final String exchange;
    private final EventJsonWriter json;
    private final EventJson format;
    private final Map<InstrumentId, long[]> bookTimes = new HashMap<>();
    private long frameReceived = -1;

    /**
     * Creates the sink.
     *
     * @param exchange the connector id, for events that name no instrument (status)
     * @param json where lines go
     * @param format how values become lines
     */
    public JsonDecodedEvents(String exchange, EventJsonWriter json, EventJson format) {
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.json = Objects.requireNonNull(json, "json");
        this.format = Objects.requireNonNull(format, "format");
    }

    /**
     * Sets the receive time of the frame about to be decoded.
     *
     * @param receivedMillis epoch milliseconds, or -1 when unknown
     */
    public void frameReceived(long receivedMillis) {
        this.frameReceived = receivedMillis;
    }

    @Override
    public void onTicker(Ticker ticker) {
        format.ticker(json, ticker);
    }

    @Override
    public void onTrade(Trade trade) {
        format.trade(json, trade);
    }

    @Override
    public void onBook(BookUpdate update) {
        format.book(json, update);
        // A final book has no times of its own: it shows those of its last update.
        bookTimes.put(update.instrument(), new long[] {update.timeMillis(), update.receivedMillis()});
    }

    @Override
    public void onChecksum(InstrumentId instrument, boolean ok) {
        format.checksum(json, instrument, ok, frameReceived);
    }

    @Override
    public void onCandle(Candle candle) {
        format.candle(json, candle, frameReceived);
    }

    @Override
    public void onMarkPrice(MarkPrice mark) {
        format.mark(json, mark);
    }

    @Override
    public void onLiquidation(Liquidation liquidation) {
        format.liquidation(json, liquidation);
    }

    @Override
    public void onStatus(ConnectionState state, String reason) {
        format.status(json, exchange, null, state, reason, null, frameReceived);
    }

    @Override
    public void onOrder(Order order) {
        format.order(json, order, frameReceived);
    }

    @Override
    public void onFill(Fill fill) {
        format.fill(json, fill, frameReceived);
    }

    @Override
    public void onBalance(Balance balance) {
        format.balance(json, balance, frameReceived);
    }

    @Override
    public void onPosition(Position position) {
        format.position(json, position, frameReceived);
    }

    @Override
    public void onFinalBook(InstrumentId instrument, OrderBookView book) {
        long[] times = bookTimes.getOrDefault(instrument, new long[] {-1, -1});
        format.finalBook(json, instrument, book, times[0], times[1]);
    }
}
