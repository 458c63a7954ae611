package org.tradebench.cli.json;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.DayStats;
import org.tradebench.api.market.Liquidation;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.OrderBookView;
import org.tradebench.api.market.Quote;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.Trade;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.Order;

/**
 * API values to normalised event lines (EVENTS-JSON, with the additions docs/cli.md lists): one
 * method per event type, each writing one complete line to an {@link EventJsonWriter} (not
 * committed).
 *
 * <pre>{@code
 * EventJson format = new EventJson(true);                 // lines end with "received"
 * format.trade(json, trade);
 * json.commit();
 * // {"type":"trade","exchange":"simulated","symbol":"BTC/USD","time":"2025-01-27T10:15:30.123Z","id":"1597842012",
 * //  "price":"103950.5","quantity":"0.5","side":"buy","received":"2025-01-27T10:15:30.125Z"}
 * }</pre>
 *
 * <p>Rules: {@code "exchange"} is the value's own exchange id (its instrument's, a balance's), or
 * the connector id for events without one (status, error); a time at the epoch means "not known"
 * (what a decoder reports without a receive time or an exchange time) and is left out; absent
 * (null or empty) values are left out, never invented. Immutable and thread-safe: it keeps no
 * state, so several delivery threads may use one instance, each with its own writer.
 */
public final class EventJson {

    /** Levels per side in a {@code "kind":"final"} book. */
    public static final int FINAL_DEPTH = 25;

    /** The longest input echoed in an error event. */
    public static final int MAX_INPUT = 200;

    private final boolean withReceived;

    /**
     * Creates a formatter.
     *
     * @param withReceived whether lines end with {@code "received"} (replay and stream); decode
     *        has no receive times and leaves it out
     */
    public EventJson(boolean withReceived) {
        this.withReceived = withReceived;
    }

    /**
     * A ticker: flat fields from its quote, last price and day statistics, each where present.
     *
     * @param json where to write
     * @param t the ticker
     */
    public void ticker(EventJsonWriter json, Ticker t) {
        begin(json, "ticker", t.instrument());
        time(json, "time", t.time());
        Quote q = t.quote();
        if (q != null) {
            json.decimal("bid", q.bid()).decimal("bidSize", q.bidSize()).decimal("ask", q.ask())
                    .decimal("askSize", q.askSize());
        }
        json.decimal("last", t.last());
        DayStats d = t.day();
        if (d != null) {
            json.decimal("volume", d.volume()).decimal("high", d.high()).decimal("low", d.low())
                    .decimal("change", d.change()).decimal("changeRatio", d.changeRatio())
                    .decimal("quoteVolume", d.quoteVolume()).decimal("open", d.open());
        }
        end(json, t.received());
    }

    /**
     * A public trade.
     *
     * @param json where to write
     * @param t the trade
     */
    public void trade(EventJsonWriter json, Trade t) {
        begin(json, "trade", t.instrument());
        time(json, "time", t.time());
        json.string("id", t.id()).decimal("price", t.price()).decimal("quantity", t.quantity())
                .string("side", t.takerSide().wireName());
        end(json, t.received());
    }

    /**
     * A book update: {@code snapshot} (every level), {@code delta} (changed levels, quantity
     * {@code "0"} removes) or {@code reset} (with its reason). Levels are
     * {@code ["price","qty"]}, or {@code ["price","qty","orderId"]} in a per-order book. Reads the
     * update during the call only.
     *
     * @param json where to write
     * @param u the update
     */
    public void book(EventJsonWriter json, BookUpdate u) {
        begin(json, "book", u.instrument());
        timeMillis(json, "time", u.timeMillis());
        switch (u.kind()) {
            case RESET -> json.string("kind", "reset").number("sequence", u.sequence())
                    .string("reason", empty(u.resetReason()));
            case SNAPSHOT, DELTA -> {
                json.string("kind", u.kind() == BookUpdate.Kind.SNAPSHOT ? "snapshot" : "delta")
                        .number("sequence", u.sequence());
                OrderBookView book = u.book();
                for (Side side : Side.values()) {
                    json.beginArray(side == Side.BUY ? "bids" : "asks");
                    for (int i = 0, n = u.changes(side); i < n; i++) {
                        String price = units(u.changePrice(side, i), book.priceScale());
                        String size = units(u.changeSize(side, i), book.sizeScale());
                        if (book.perOrder()) {
                            json.tuple(price, size, Long.toString(u.changeOrderId(side, i)));
                        } else {
                            json.tuple(price, size);
                        }
                    }
                    json.endArray();
                }
            }
        }
        endMillis(json, u.receivedMillis());
    }

    /**
     * The final state of a book: {@code "kind":"final"} with the top {@value #FINAL_DEPTH} levels
     * per side.
     *
     * @param json where to write
     * @param instrument the book's instrument
     * @param book the book, read during the call only
     * @param timeMillis exchange time of its last update, or -1 when unknown
     * @param receivedMillis receive time of its last update, or -1 when unknown
     */
    public void finalBook(EventJsonWriter json, InstrumentId instrument, OrderBookView book, long timeMillis,
            long receivedMillis) {
        begin(json, "book", instrument);
        timeMillis(json, "time", timeMillis);
        json.string("kind", "final").number("sequence", book.sequence());
        for (Side side : Side.values()) {
            json.beginArray(side == Side.BUY ? "bids" : "asks");
            for (int i = 0, n = Math.min(FINAL_DEPTH, book.levels(side)); i < n; i++) {
                String price = units(book.price(side, i), book.priceScale());
                String size = units(book.size(side, i), book.sizeScale());
                if (book.perOrder()) {
                    json.tuple(price, size, Long.toString(book.orderId(side, i)));
                } else {
                    json.tuple(price, size);
                }
            }
            json.endArray();
        }
        endMillis(json, receivedMillis);
    }

    /**
     * The result of an exchange book checksum.
     *
     * @param json where to write
     * @param instrument the book's instrument
     * @param ok whether the local book matched
     * @param receivedMillis receive time of the frame, or -1
     */
    public void checksum(EventJsonWriter json, InstrumentId instrument, boolean ok, long receivedMillis) {
        begin(json, "checksum", instrument);
        json.bool("ok", ok);
        endMillis(json, receivedMillis);
    }

    /**
     * A candle; {@code "trades"} where the exchange counts them.
     *
     * @param json where to write
     * @param c the candle
     * @param receivedMillis receive time of the frame, or -1
     */
    public void candle(EventJsonWriter json, Candle c, long receivedMillis) {
        begin(json, "candle", c.instrument());
        json.string("interval", c.interval().label()).decimal("open", c.open()).decimal("high", c.high())
                .decimal("low", c.low()).decimal("close", c.close()).decimal("volume", c.volume());
        if (c.trades() >= 0) {
            json.number("trades", c.trades());
        }
        time(json, "time", c.start());
        json.bool("closed", c.closed());
        endMillis(json, receivedMillis);
    }

    /**
     * A connection state: announced by the frames (decode, replay) or reported by a running
     * connector for itself or one session (stream).
     *
     * @param json where to write
     * @param exchange the connector id
     * @param session the session's name, or null for the connector as a whole
     * @param state the state
     * @param reason why, for people (left out when empty)
     * @param since when the state was entered, or null (left out)
     * @param receivedMillis receive time of the frame, or -1
     */
    public void status(EventJsonWriter json, String exchange, String session, ConnectionState state, String reason,
            Instant since, long receivedMillis) {
        json.begin("status", exchange).string("session", session).string("state", state.wireName());
        json.string("reason", empty(reason));
        if (since != null) {
            time(json, "time", since);
        }
        endMillis(json, receivedMillis);
    }

    /**
     * A session's state at the end of a run, with the connector's counters: its message rate (over
     * its last few seconds), reconnects, errors and latest round trip.
     *
     * @param json where to write
     * @param exchange the connector id
     * @param s the session's health
     */
    public void sessionSummary(EventJsonWriter json, String exchange, SessionHealth s) {
        json.begin("status", exchange).string("session", s.name()).string("state", s.state().wireName())
                .string("reason", empty(s.cause())).string("source", s.source().wireName())
                .decimal("messagesPerSecond", rate(s.messagesPerSecond())).number("reconnects", s.reconnects())
                .number("errors", s.errors());
        if (s.latency() != null) {
            json.number("latencyMillis", s.latency().toMillis());
        }
        json.end();
    }

    /**
     * The whole connector's state at the end of a run, for a connector that reports no sessions.
     *
     * @param json where to write
     * @param exchange the connector id
     * @param state the state
     * @param reason why (left out when empty)
     * @param messagesPerSecond the connector's message rate
     * @param reconnects reconnects
     * @param errors errors
     */
    public void connectorSummary(EventJsonWriter json, String exchange, ConnectionState state, String reason,
            double messagesPerSecond, long reconnects, long errors) {
        json.begin("status", exchange).string("state", state.wireName()).string("reason", empty(reason))
                .decimal("messagesPerSecond", rate(messagesPerSecond)).number("reconnects", reconnects)
                .number("errors", errors).end();
    }

    /**
     * A stream the connector could not serve (an unknown pair, a refused subscription).
     *
     * @param json where to write
     * @param instrument the instrument
     * @param stream {@code "book"}, {@code "trades"} or {@code "ticker"}
     * @param cause what the connector or exchange said
     */
    public void streamFailed(EventJsonWriter json, InstrumentId instrument, String stream, String cause) {
        begin(json, "status", instrument);
        json.string("stream", stream).string("state", "failed").string("reason", empty(cause)).end();
    }

    /**
     * An order of the account stream.
     *
     * @param json where to write
     * @param o the order
     * @param receivedMillis receive time of the frame, or -1
     */
    public void order(EventJsonWriter json, Order o, long receivedMillis) {
        begin(json, "order", o.instrument());
        json.string("id", empty(o.id())).string("clientId", empty(o.clientOrderId()))
                .string("side", o.side().wireName()).string("orderType", o.request().type().wireName())
                .decimal("price", o.request().price()).decimal("triggerPrice", o.request().triggerPrice())
                .decimal("quantity", o.request().quantity()).decimal("filled", o.filledQuantity())
                .decimal("averagePrice", o.averagePrice()).string("status", o.status().wireName())
                .string("reason", empty(o.reason())).string("errorCode", empty(o.errorCode()));
        time(json, "time", o.updated());
        json.string("account", empty(o.accountId()));
        endMillis(json, receivedMillis);
    }

    /**
     * A fill of the account stream.
     *
     * @param json where to write
     * @param f the fill
     * @param receivedMillis receive time of the frame, or -1
     */
    public void fill(EventJsonWriter json, Fill f, long receivedMillis) {
        begin(json, "fill", f.instrument());
        json.string("orderId", empty(f.orderId())).string("clientId", empty(f.clientOrderId())).string("id", f.id())
                .decimal("price", f.price()).decimal("quantity", f.quantity()).string("side", f.side().wireName())
                .decimal("fee", f.fee()).string("feeCurrency", empty(f.feeCurrency())).bool("maker", f.maker());
        time(json, "time", f.time());
        json.string("account", empty(f.accountId()));
        endMillis(json, receivedMillis);
    }

    /**
     * A balance of the account stream, with its wallet and account.
     *
     * @param json where to write
     * @param b the balance
     * @param receivedMillis receive time of the frame, or -1
     */
    public void balance(EventJsonWriter json, Balance b, long receivedMillis) {
        json.begin("balance", b.exchangeId()).string("currency", b.currency()).string("wallet", empty(b.wallet()))
                .decimal("total", b.total()).decimal("available", b.available())
                .decimal("unrealizedPnl", b.unrealizedPnl());
        time(json, "time", b.time());
        json.string("account", empty(b.accountId()));
        endMillis(json, receivedMillis);
    }

    /**
     * A position of the account stream; a closed one is {@code "side":"flat","quantity":"0"}.
     *
     * @param json where to write
     * @param p the position
     * @param receivedMillis receive time of the frame, or -1
     */
    public void position(EventJsonWriter json, Position p, long receivedMillis) {
        begin(json, "position", p.instrument());
        json.string("side", p.side().name().toLowerCase(Locale.ROOT)).decimal("quantity", p.quantity())
                .decimal("entryPrice", p.entryPrice()).decimal("markPrice", p.markPrice())
                .decimal("unrealizedPnl", p.unrealizedPnl()).decimal("realizedPnl", p.realizedPnl())
                .decimal("leverage", p.leverage()).decimal("liquidationPrice", p.liquidationPrice())
                .string("marginMode", p.marginMode() == null ? null : p.marginMode().wireName())
                .decimal("margin", p.margin());
        if (p.hedged()) {
            json.bool("hedged", true);
        }
        time(json, "time", p.time());
        json.string("account", empty(p.accountId()));
        endMillis(json, receivedMillis);
    }

    /**
     * Mark price, index price, funding and open interest, each where present.
     *
     * @param json where to write
     * @param m the values
     */
    public void mark(EventJsonWriter json, MarkPrice m) {
        begin(json, "mark", m.instrument());
        time(json, "time", m.time());
        json.decimal("markPrice", m.markPrice()).decimal("indexPrice", m.indexPrice())
                .decimal("fundingRate", m.fundingRate());
        if (m.nextFunding() != null) {
            time(json, "nextFunding", m.nextFunding());
        }
        json.decimal("openInterest", m.openInterest());
        end(json, m.received());
    }

    /**
     * A liquidation.
     *
     * @param json where to write
     * @param l the liquidation
     */
    public void liquidation(EventJsonWriter json, Liquidation l) {
        begin(json, "liquidation", l.instrument());
        time(json, "time", l.time());
        json.string("side", l.side().wireName()).decimal("price", l.price()).decimal("quantity", l.quantity());
        end(json, l.received());
    }

    /**
     * Input that could not be decoded.
     *
     * @param json where to write
     * @param exchange the connector id
     * @param message what is wrong, for people
     * @param input the offending input (cut to {@value #MAX_INPUT} characters), or null
     * @param receivedMillis its receive time, or -1
     */
    public void error(EventJsonWriter json, String exchange, String message, String input, long receivedMillis) {
        json.begin("error", exchange).string("message", message).string("input", input == null ? null : cut(input));
        json.time("received", receivedMillis).end();
    }

    /**
     * Cuts an input line for echoing, without splitting a surrogate pair.
     *
     * @param line the line
     * @return at most {@value #MAX_INPUT} characters
     */
    public static String cut(String line) {
        if (line.length() <= MAX_INPUT) {
            return line;
        }
        int end = Character.isHighSurrogate(line.charAt(MAX_INPUT - 1)) ? MAX_INPUT - 1 : MAX_INPUT;
        return line.substring(0, end);
    }

    /**
     * Scaled units as a plain decimal string.
     *
     * @param units the value in units of {@code 10^-scale}
     * @param scale the scale
     * @return for example {@code "103950.5"} for 10395050 at scale 2
     */
    public static String units(long units, int scale) {
        return EventJsonWriter.plain(BigDecimal.valueOf(units, scale));
    }

    /** A rate with one decimal, or null (left out) when it is not a number. */
    private static BigDecimal rate(double perSecond) {
        return Double.isFinite(perSecond) ? BigDecimal.valueOf(perSecond).setScale(1, RoundingMode.HALF_UP) : null;
    }

    private static String empty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static void begin(EventJsonWriter json, String type, InstrumentId instrument) {
        Objects.requireNonNull(instrument, "instrument");
        json.begin(type, instrument.exchangeId()).string("symbol", instrument.symbol());
    }

    private static void time(EventJsonWriter json, String name, Instant time) {
        timeMillis(json, name, time.toEpochMilli());
    }

    /** Writes a time, leaving out the epoch: decoders report it for "not known". */
    private static void timeMillis(EventJsonWriter json, String name, long epochMillis) {
        if (epochMillis > 0) {
            json.time(name, epochMillis);
        }
    }

    private void end(EventJsonWriter json, Instant received) {
        endMillis(json, withReceived ? received.toEpochMilli() : -1);
    }

    private void endMillis(EventJsonWriter json, long receivedMillis) {
        if (withReceived) {
            timeMillis(json, "received", receivedMillis);
        }
        json.end();
    }
}
