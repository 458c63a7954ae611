package org.tradebench.cli.tests;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tradebench.api.account.Balance;
import org.tradebench.api.account.MarginMode;
import org.tradebench.api.account.Position;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.DayStats;
import org.tradebench.api.market.Liquidation;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.Quote;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.Trade;
import org.tradebench.api.spi.DecodedEvents;
import org.tradebench.api.spi.StreamDecoder;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderRole;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.Placement;
import org.tradebench.api.trading.TimeInForce;
import org.tradebench.api.trading.TriggerSource;

/**
 * The fake exchange's frames: one event per frame, {@code KIND SYMBOL key=value ...}, several
 * joined by {@code ;} (delivered one after the other, so a frame can fail half way). Underscores in
 * a reason are spaces. Times are epoch milliseconds; without {@code time=} an event takes the
 * receive time, or the epoch when that is unknown, as the SPI says.
 *
 * <pre>
 * status live platform up
 * ticker BTC/USD bid=103950 bidSize=12.5 ask=103951 askSize=9.75 last=103950.5 volume=1520.3
 * trade BTC/USD id=7 price=103950.5 qty=0.25 side=sell time=1737972930100
 * book BTC/USD snapshot bids=103950:1.5,103949:0.25 asks=103951:0.5     (raw: price:qty:orderId)
 * book BTC/USD delta bids=103950:0 asks=
 * book BTC/USD reset reason=checksum_mismatch
 * later trade ...                                                       (held until flush())
 * </pre>
 */
final class FakeDecoder implements StreamDecoder {

    private final String exchange;
    private final DecodedEvents events;
    private final Map<InstrumentId, FakeBook> books = new LinkedHashMap<>();
    private final List<String> held = new ArrayList<>();
    final List<String> sessions = new ArrayList<>();

    FakeDecoder(String exchange, DecodedEvents events) {
        this.exchange = exchange;
        this.events = events;
    }

    @Override
    public void decode(String session, byte[] frame, int offset, int length, long receivedMillis) {
        sessions.add(session);
        String text = new String(frame, offset, length, StandardCharsets.UTF_8);
        for (String part : text.split(";")) {
            one(part.strip(), receivedMillis);
        }
    }

    @Override
    public void flush() {
        List<String> frames = List.copyOf(held);
        held.clear();
        for (String f : frames) {
            one(f, -1);
        }
    }

    @Override
    public void finish() {
        books.forEach((id, book) -> {
            if (book.valid()) {
                events.onFinalBook(id, book);
            }
        });
    }

    private void one(String frame, long received) {
        String[] words = frame.split("\\s+");
        String kind = words[0];
        if (kind.equals("later")) {
            held.add(frame.substring("later".length()).strip());
            return;
        }
        if (kind.equals("status")) {
            ConnectionState state = Arrays.stream(ConnectionState.values()).filter(s -> s.wireName().equals(words[1]))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("fake: no state '" + words[1] + "'"));
            events.onStatus(state, String.join(" ", Arrays.copyOfRange(words, 2, words.length)));
            return;
        }
        if (words.length < 2) {
            throw new IllegalArgumentException("not a fake frame: expected 'KIND SYMBOL key=value ...'");
        }
        Fields f = new Fields(words, received);
        switch (kind) {
            case "ticker" -> {
                Quote q = f.has("bid") ? new Quote(f.dec("bid"), f.dec("bidSize"), f.dec("ask"), f.dec("askSize")) : null;
                DayStats d = f.has("volume") || f.has("high")
                        ? new DayStats(f.dec("volume"), f.dec("quoteVolume"), f.dec("high"), f.dec("low"), f.dec("open"),
                                f.dec("change"), f.dec("changeRatio"))
                        : null;
                events.onTicker(new Ticker(id(words[1]), f.time(), f.received(), q, f.dec("last"), d));
            }
            case "trade" -> events.onTrade(new Trade(id(words[1]), f.text("id"), f.time(), f.received(), f.dec("price"),
                    f.dec("qty"), side(f.text("side"))));
            case "book" -> book(id(words[1]), words[2], f);
            case "checksum" -> events.onChecksum(id(words[1]), Boolean.parseBoolean(f.text("ok")));
            case "candle" -> events.onCandle(new Candle(id(words[1]), CandleInterval.parse(f.text("interval")),
                    Instant.ofEpochMilli(f.num("start")), f.dec("open"), f.dec("high"), f.dec("low"), f.dec("close"),
                    f.dec("volume"), f.has("trades") ? f.num("trades") : -1, Boolean.parseBoolean(f.text("closed"))));
            case "order" -> {
                OrderType type = Arrays.stream(OrderType.values()).filter(t -> t.wireName().equals(f.text("type")))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException("fake: no order type " + f.text("type")));
                OrderStatus status = Arrays.stream(OrderStatus.values())
                        .filter(s -> s.wireName().equals(f.text("status"))).findFirst().orElseThrow();
                OrderRequest request = new OrderRequest(f.text("client"), id(words[1]), side(f.text("side")), type,
                        f.dec("qty"), f.dec("price"), f.dec("trigger"), TimeInForce.GTC, Set.of(), null, null,
                        TriggerSource.LAST, null, null, OrderRole.PRIMARY);
                events.onOrder(new Order(f.textOr("id", ""), f.text("client"), request, status, f.dec("filled"),
                        f.dec("avg"), f.textOr("reason", ""), f.time(), f.time(), f.textOr("account", ""),
                        f.has("code") ? f.text("code") : null, Placement.EXCHANGE));
            }
            case "fill" -> events.onFill(new Fill(id(words[1]), f.text("order"), f.textOr("client", ""), f.text("id"),
                    side(f.text("side")), f.dec("price"), f.dec("qty"), f.dec("fee"), f.textOr("feeCurrency", ""),
                    Boolean.parseBoolean(f.text("maker")), f.time(), f.textOr("account", "")));
            case "balance" -> events.onBalance(new Balance(exchange, f.textOr("account", ""), f.text("wallet"), words[1],
                    f.dec("total"), f.dec("available"), f.dec("upnl"), f.time()));
            case "position" -> events.onPosition(new Position(id(words[1]),
                    PositionSide.valueOf(f.text("side").toUpperCase(java.util.Locale.ROOT)), f.dec("qty"), f.dec("entry"),
                    f.dec("mark"), f.dec("upnl"), f.dec("rpnl"), f.dec("lev"), f.dec("liq"), f.time(),
                    f.textOr("account", ""), f.has("mode") ? MarginMode.valueOf(f.text("mode").toUpperCase(java.util.Locale.ROOT)) : null,
                    f.dec("margin"), f.flags.contains("hedged")));
            case "mark" -> events.onMarkPrice(new MarkPrice(id(words[1]), f.time(), f.received(), f.dec("mark"),
                    f.dec("index"), f.dec("funding"), f.has("next") ? Instant.ofEpochMilli(f.num("next")) : null,
                    f.dec("oi")));
            case "liquidation" -> events.onLiquidation(new Liquidation(id(words[1]), f.time(), f.received(),
                    side(f.text("side")), f.dec("price"), f.dec("qty")));
            default -> throw new IllegalArgumentException("not a fake frame: unknown kind '" + kind + "'");
        }
    }

    private void book(InstrumentId id, String what, Fields f) {
        FakeBook book = books.computeIfAbsent(id, FakeBook::new);
        long time = f.time().toEpochMilli();
        long received = f.received().toEpochMilli();
        switch (what) {
            case "snapshot" -> book.snapshot(f.levels("bids"), f.levels("asks"), f.flags.contains("raw"), time, received);
            case "delta" -> book.delta(f.levels("bids"), f.levels("asks"), time, received);
            case "reset" -> book.reset(f.text("reason").replace('_', ' '), time, received);
            default -> throw new IllegalArgumentException("fake: a book update is snapshot, delta or reset, not " + what);
        }
        events.onBook(book);
    }

    private InstrumentId id(String symbol) {
        return new InstrumentId(exchange, symbol);
    }

    private static Side side(String text) {
        return switch (text) {
            case "buy" -> Side.BUY;
            case "sell" -> Side.SELL;
            default -> throw new IllegalArgumentException("fake: side is buy or sell, not " + text);
        };
    }

    /** The key=value words of a frame, and its flags (words without '='). */
    private static final class Fields {

        final Map<String, String> values = new HashMap<>();
        final Set<String> flags = new HashSet<>();
        final long received;

        Fields(String[] words, long received) {
            this.received = received;
            for (int i = 2; i < words.length; i++) {
                int eq = words[i].indexOf('=');
                if (eq > 0) {
                    values.put(words[i].substring(0, eq), words[i].substring(eq + 1));
                } else {
                    flags.add(words[i]);
                }
            }
        }

        boolean has(String key) {
            return values.containsKey(key);
        }

        String text(String key) {
            String v = values.get(key);
            if (v == null) {
                throw new IllegalArgumentException("fake: missing " + key + "=");
            }
            return v;
        }

        String textOr(String key, String fallback) {
            return values.getOrDefault(key, fallback).replace('_', ' ');
        }

        BigDecimal dec(String key) {
            String v = values.get(key);
            try {
                return v == null ? null : new BigDecimal(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fake: " + key + "=" + v + " is not a number");
            }
        }

        long num(String key) {
            return Long.parseLong(text(key));
        }

        Instant time() {
            return Instant.ofEpochMilli(has("time") ? num("time") : Math.max(0, received));
        }

        Instant received() {
            return received >= 0 ? Instant.ofEpochMilli(received) : time();
        }

        List<long[]> levels(String key) {
            List<long[]> out = new ArrayList<>();
            String v = values.getOrDefault(key, "");
            for (String level : v.isEmpty() ? new String[0] : v.split(",")) {
                String[] p = level.split(":");
                out.add(new long[] {FakeBook.units(p[0]), FakeBook.units(p[1]), p.length > 2 ? Long.parseLong(p[2]) : 0});
            }
            return out;
        }
    }
}
