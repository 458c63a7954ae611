package org.tradebench.connector.binance.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.tradebench.api.Capability;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.instrument.InstrumentSpec;
import org.tradebench.api.instrument.PricePrecision;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.DayStats;
import org.tradebench.api.market.Liquidation;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.Quote;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.Trade;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Binance JSON to API values: pure functions over the payloads of the streams and REST answers
 * (spot and USD-M share the field names), tested against the payloads Binance documents. Field
 * names are Binance's one-letter keys; prices and quantities are strings there.
 */
public final class BinanceAdapters {

    /** Quote assets tried, longest first, when a raw symbol must be split without exchangeInfo. */
    private static final List<String> QUOTES = List.of("FDUSD", "USDT", "USDC", "TUSD", "BUSD", "USDP", "DAI", "BTC",
            "ETH", "BNB", "EUR", "TRY", "BRL", "JPY", "GBP", "AUD", "MXN", "PLN", "RON", "ARS", "UAH", "ZAR",
            "IDR", "XRP", "DOGE", "SOL", "TRX", "USD");

    /** Interval names Binance streams, by interval (spot adds 1s; the month 1M has no fixed length). */
    private static final Map<CandleInterval, String> INTERVALS = new LinkedHashMap<>();

    static {
        for (String s : List.of("1s", "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d",
                "1w")) {
            INTERVALS.put(CandleInterval.parse(s), s);
        }
    }

    private BinanceAdapters() {
    }

    // ---------------------------------------------------------------- symbols

    /**
     * Binance's symbol for an instrument: {@code BTC/USDT} and {@code BTC/USDT:USDT} are {@code BTCUSDT}.
     *
     * @param id the instrument
     * @return the raw symbol, upper case
     */
    public static String raw(InstrumentId id) {
        return id.base() + id.quote();
    }

    /**
     * The unified symbol of a raw one when exchangeInfo is not at hand (a decoder): the quote asset
     * is recognised from a list of Binance's quote assets.
     *
     * @param market the market
     * @param raw {@code BTCUSDT} (any case)
     * @return {@code BTC/USDT} or {@code BTC/USDT:USDT}
     * @throws IllegalArgumentException when no known quote asset ends it
     */
    public static String unified(BinanceMarket market, String raw) {
        String r = raw.toUpperCase(Locale.ROOT);
        int cut = r.indexOf('_'); // delivery contracts BTCUSDT_250627: not streamed here
        if (cut > 0) {
            throw new IllegalArgumentException("'" + raw + "' is a delivery contract; this connector lists perpetuals");
        }
        for (String q : QUOTES) {
            if (r.length() > q.length() && r.endsWith(q)) {
                return symbol(market, r.substring(0, r.length() - q.length()), q, q);
            }
        }
        throw new IllegalArgumentException("no known quote asset ends the Binance symbol '" + raw + "'");
    }

    private static String symbol(BinanceMarket market, String base, String quote, String settle) {
        return market == BinanceMarket.SPOT ? base + "/" + quote : base + "/" + quote + ":" + settle;
    }

    // ---------------------------------------------------------------- streams

    /**
     * A book ticker ({@code <s>@bookTicker}):
     * {@code {"u":400900217,"s":"BNBUSDT","b":"25.35190000","B":"31.21000000","a":"25.36520000","A":"40.66000000"}},
     * or a REST answer with {@code bidPrice}, {@code bidQty}, {@code askPrice}, {@code askQty}
     * ({@code ticker/bookTicker}, and spot's {@code ticker/24hr}). A side without an order
     * ({@code "0"} price) gives no quote.
     *
     * @param o the payload
     * @return the quote, or null when a side is empty
     */
    public static Quote quote(JsonObject o) {
        boolean rest = o.has("bidPrice");
        BigDecimal bid = decimal(o, rest ? "bidPrice" : "b");
        BigDecimal ask = decimal(o, rest ? "askPrice" : "a");
        if (bid == null || ask == null || bid.signum() <= 0 || ask.signum() <= 0) {
            return null;
        }
        BigDecimal bidSize = decimal(o, rest ? "bidQty" : "B");
        BigDecimal askSize = decimal(o, rest ? "askQty" : "A");
        if (bidSize == null || askSize == null) {
            return null;
        }
        return new Quote(bid, bidSize, ask, askSize);
    }

    /**
     * Day statistics of a 24 h ticker ({@code <s>@ticker}: {@code v} volume, {@code q} quote volume,
     * {@code h}, {@code l}, {@code o}, {@code p} change, {@code P} change in percent; REST
     * {@code ticker/24hr} spells them out: volume, quoteVolume, highPrice, ...).
     *
     * @param o the payload
     * @return the statistics
     */
    public static DayStats day(JsonObject o) {
        if (o.has("e") || o.has("v")) {
            BigDecimal pct = decimal(o, "P");
            return new DayStats(decimal(o, "v"), decimal(o, "q"), decimal(o, "h"), decimal(o, "l"), decimal(o, "o"),
                    decimal(o, "p"), pct == null ? null : pct.movePointLeft(2));
        }
        BigDecimal pct = decimal(o, "priceChangePercent");
        return new DayStats(decimal(o, "volume"), decimal(o, "quoteVolume"), decimal(o, "highPrice"),
                decimal(o, "lowPrice"), decimal(o, "openPrice"), decimal(o, "priceChange"),
                pct == null ? null : pct.movePointLeft(2));
    }

    /**
     * The last price of a 24 h ticker ({@code c}, REST {@code lastPrice}).
     *
     * @param o the payload
     * @return the price, or null
     */
    public static BigDecimal last(JsonObject o) {
        BigDecimal c = o.has("c") ? decimal(o, "c") : decimal(o, "lastPrice");
        return c == null || c.signum() <= 0 ? null : c;
    }

    /**
     * A ticker from the latest book ticker and 24 h ticker (either may be missing).
     *
     * @param id the instrument
     * @param time the exchange time of the newer one
     * @param received when it arrived
     * @param quote the best bid and ask, or null
     * @param day24 the 24 h ticker payload, or null
     * @return the ticker, or null when there is nothing yet
     */
    public static Ticker ticker(InstrumentId id, Instant time, Instant received, Quote quote, JsonObject day24) {
        BigDecimal last = day24 == null ? null : last(day24);
        DayStats day = day24 == null ? null : day(day24);
        if (quote == null && last == null && day == null) {
            return null;
        }
        return new Ticker(id, time, received, quote, last, day);
    }

    /**
     * An aggregate trade ({@code <s>@aggTrade}, REST {@code aggTrades}):
     * {@code {"e":"aggTrade","E":..,"s":"BNBBTC","a":12345,"p":"0.001","q":"100","f":100,"l":105,"T":..,"m":true}}.
     * {@code m} true means the buyer was the maker, so the taker SOLD.
     *
     * @param id the instrument
     * @param o the payload
     * @param received when it arrived
     * @return the trade, its id the aggregate trade id
     */
    public static Trade trade(InstrumentId id, JsonObject o, Instant received) {
        boolean buyerMaker = o.get("m").getAsBoolean();
        return new Trade(id, Long.toString(o.get("a").getAsLong()), Instant.ofEpochMilli(o.get("T").getAsLong()), received,
                decimal(o, "p"), decimal(o, "q"), buyerMaker ? Side.SELL : Side.BUY);
    }

    /**
     * A kline ({@code <s>@kline_<i>}, the {@code k} object):
     * {@code {"t":..,"T":..,"s":"BNBBTC","i":"1m","o":"0.0010","c":"0.0020","h":"0.0025","l":"0.0015","v":"1000","n":100,"x":false,...}}.
     *
     * @param id the instrument
     * @param k the kline object
     * @return the candle, closed when {@code x}
     */
    public static Candle candle(InstrumentId id, JsonObject k) {
        CandleInterval interval = interval(k.get("i").getAsString()).orElseThrow(
                () -> new IllegalArgumentException("unknown Binance kline interval " + k.get("i")));
        return new Candle(id, interval, Instant.ofEpochMilli(k.get("t").getAsLong()), decimal(k, "o"), decimal(k, "h"),
                decimal(k, "l"), decimal(k, "c"), decimal(k, "v"), k.get("n").getAsLong(), k.get("x").getAsBoolean());
    }

    /**
     * A REST kline row {@code [openTime,"open","high","low","close","volume",closeTime,"quoteVolume",trades,...]}.
     *
     * @param id the instrument
     * @param interval the interval
     * @param row the row
     * @param nowMillis the time now: a candle whose close time is ahead is still open
     * @return the candle
     */
    public static Candle candle(InstrumentId id, CandleInterval interval, JsonArray row, long nowMillis) {
        return new Candle(id, interval, Instant.ofEpochMilli(row.get(0).getAsLong()), row.get(1).getAsBigDecimal(),
                row.get(2).getAsBigDecimal(), row.get(3).getAsBigDecimal(), row.get(4).getAsBigDecimal(),
                row.get(5).getAsBigDecimal(), row.get(8).getAsLong(), row.get(6).getAsLong() < nowMillis);
    }

    /**
     * A mark price update ({@code <s>@markPrice@1s}):
     * {@code {"e":"markPriceUpdate","E":..,"s":"BTCUSDT","p":"11794.15","i":"11784.62","P":"11784.25","r":"0.00038167","T":1562306400000}},
     * or REST {@code premiumIndex} (markPrice, indexPrice, lastFundingRate, nextFundingTime, time).
     *
     * @param id the instrument
     * @param o the payload
     * @param received when it arrived
     * @return mark, index, funding rate and the next funding time (no open interest here)
     */
    public static MarkPrice markPrice(InstrumentId id, JsonObject o, Instant received) {
        if (o.has("markPrice")) {
            return new MarkPrice(id, Instant.ofEpochMilli(o.get("time").getAsLong()), received, positive(o, "markPrice"),
                    positive(o, "indexPrice"), decimal(o, "lastFundingRate"), nextFunding(o, "nextFundingTime"), null);
        }
        return new MarkPrice(id, Instant.ofEpochMilli(o.get("E").getAsLong()), received, positive(o, "p"),
                positive(o, "i"), decimal(o, "r"), nextFunding(o, "T"), null);
    }

    private static Instant nextFunding(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() || e.getAsLong() <= 0 ? null : Instant.ofEpochMilli(e.getAsLong());
    }

    /**
     * A liquidation order ({@code <s>@forceOrder}):
     * {@code {"e":"forceOrder","E":..,"o":{"s":"BTCUSDT","S":"SELL","o":"LIMIT","f":"IOC","q":"0.014","p":"9910","ap":"9910","X":"FILLED","l":"0.014","z":"0.014","T":..}}}.
     * The side is the liquidation order's (a long position is liquidated by a SELL); the price is the
     * average fill price when there is one, the quantity what filled when anything did.
     *
     * @param id the instrument
     * @param o the outer payload (with {@code o})
     * @param received when it arrived
     * @return the liquidation
     */
    public static Liquidation liquidation(InstrumentId id, JsonObject o, Instant received) {
        JsonObject order = o.getAsJsonObject("o");
        BigDecimal ap = decimal(order, "ap");
        BigDecimal z = decimal(order, "z");
        Side side = "BUY".equals(order.get("S").getAsString()) ? Side.BUY : Side.SELL;
        return new Liquidation(id, Instant.ofEpochMilli(order.get("T").getAsLong()), received, side,
                ap != null && ap.signum() > 0 ? ap : decimal(order, "p"), z != null && z.signum() > 0 ? z : decimal(order, "q"));
    }

    // ---------------------------------------------------------------- intervals

    /**
     * The candle intervals Binance streams for a market (spot adds 1s).
     *
     * @param market the market
     * @return the intervals, shortest first
     */
    public static List<CandleInterval> intervals(BinanceMarket market) {
        List<CandleInterval> l = new ArrayList<>(INTERVALS.keySet());
        if (market != BinanceMarket.SPOT) {
            l.remove(CandleInterval.S1);
        }
        return List.copyOf(l);
    }

    /**
     * Binance's name of an interval.
     *
     * @param market the market
     * @param interval the interval
     * @return {@code 1m}, {@code 1d}, ... or empty when Binance has no such kline
     */
    public static Optional<String> intervalName(BinanceMarket market, CandleInterval interval) {
        if (market != BinanceMarket.SPOT && interval.equals(CandleInterval.S1)) {
            return Optional.empty();
        }
        return Optional.ofNullable(INTERVALS.get(interval));
    }

    /**
     * The interval of a Binance name.
     *
     * @param name {@code 1m}, {@code 1d}, ...
     * @return the interval, or empty ({@code 1M} has no fixed length)
     */
    public static Optional<CandleInterval> interval(String name) {
        for (Map.Entry<CandleInterval, String> e : INTERVALS.entrySet()) {
            if (e.getValue().equals(name)) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- instruments

    /**
     * The instruments of an exchangeInfo answer: trading spot pairs (status TRADING) or USD-M
     * perpetuals (contractType PERPETUAL, status TRADING), with tick size (PRICE_FILTER), lot
     * (LOT_SIZE), min notional (spot NOTIONAL or MIN_NOTIONAL {@code minNotional}; futures
     * MIN_NOTIONAL {@code notional}) and the order types as capabilities.
     *
     * @param market the market
     * @param body the JSON answer
     * @return the instruments in Binance's order
     * @throws IllegalArgumentException when the answer cannot be read
     */
    public static List<Instrument> instruments(BinanceMarket market, String body) {
        JsonObject root;
        try {
            root = JsonParser.parseString(body).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("exchangeInfo is not a JSON object: " + e.getMessage(), e);
        }
        JsonArray symbols = root.getAsJsonArray("symbols");
        if (symbols == null) {
            throw new IllegalArgumentException("exchangeInfo has no 'symbols'");
        }
        List<Instrument> out = new ArrayList<>();
        for (JsonElement e : symbols) {
            JsonObject s = e.getAsJsonObject();
            if (!"TRADING".equals(string(s, "status"))) {
                continue;
            }
            if (market == BinanceMarket.USDM && !"PERPETUAL".equals(string(s, "contractType"))) {
                continue;
            }
            try {
                out.add(instrument(market, s));
            } catch (RuntimeException bad) {
                // a symbol whose filters cannot be read is left out rather than guessed
            }
        }
        return List.copyOf(out);
    }

    static Instrument instrument(BinanceMarket market, JsonObject s) {
        String base = s.get("baseAsset").getAsString();
        String quote = s.get("quoteAsset").getAsString();
        String settle = s.has("marginAsset") ? s.get("marginAsset").getAsString() : quote;
        BigDecimal tick = null;
        BigDecimal lot = null;
        BigDecimal minQty = null;
        BigDecimal maxQty = null;
        BigDecimal minNotional = BigDecimal.ZERO;
        for (JsonElement fe : s.getAsJsonArray("filters")) {
            JsonObject f = fe.getAsJsonObject();
            switch (string(f, "filterType")) {
                case "PRICE_FILTER" -> tick = decimal(f, "tickSize");
                case "LOT_SIZE" -> {
                    lot = decimal(f, "stepSize");
                    minQty = decimal(f, "minQty");
                    maxQty = decimal(f, "maxQty");
                }
                case "NOTIONAL", "MIN_NOTIONAL" -> {
                    BigDecimal n = f.has("minNotional") ? decimal(f, "minNotional") : decimal(f, "notional");
                    if (n != null) {
                        minNotional = n;
                    }
                }
                default -> {
                    // other filters (PERCENT_PRICE, MAX_NUM_ORDERS, ...) matter to order entry, later
                }
            }
        }
        if (tick == null || lot == null) {
            throw new IllegalArgumentException(s.get("symbol") + " has no PRICE_FILTER or LOT_SIZE");
        }
        if (minQty == null || minQty.signum() <= 0) {
            minQty = lot;
        }
        if (maxQty != null && (maxQty.signum() <= 0 || maxQty.compareTo(minQty) < 0)) {
            maxQty = null;
        }
        InstrumentSpec spec = new InstrumentSpec(new PricePrecision.TickSize(tick), lot, minQty, maxQty, minNotional,
                BigDecimal.ONE);
        Set<Capability> caps = EnumSet.of(Capability.TICKER, Capability.TRADES, Capability.TRADE_HISTORY,
                Capability.ORDER_BOOK, Capability.CANDLES, Capability.CANDLE_HISTORY);
        if (market.derivatives()) {
            caps.addAll(EnumSet.of(Capability.MARK_PRICE, Capability.FUNDING, Capability.LIQUIDATIONS));
        }
        JsonArray types = s.getAsJsonArray("orderTypes");
        if (types != null) {
            for (JsonElement t : types) {
                String type = t.getAsString();
                // spot: STOP_LOSS and TAKE_PROFIT are market orders, *_LIMIT their limit forms;
                // futures: STOP and TAKE_PROFIT are the limit forms, *_MARKET the market ones
                switch (type) {
                    case "LIMIT" -> caps.add(Capability.ORDER_LIMIT);
                    case "MARKET" -> caps.add(Capability.ORDER_MARKET);
                    case "STOP_LOSS", "STOP_MARKET" -> caps.add(Capability.ORDER_STOP);
                    case "STOP_LOSS_LIMIT" -> caps.add(Capability.ORDER_STOP_LIMIT);
                    case "STOP" -> caps.add(market.derivatives() ? Capability.ORDER_STOP_LIMIT : Capability.ORDER_STOP);
                    case "TAKE_PROFIT" -> caps.add(market.derivatives() ? Capability.ORDER_TAKE_PROFIT_LIMIT
                            : Capability.ORDER_TAKE_PROFIT);
                    case "TAKE_PROFIT_MARKET" -> caps.add(Capability.ORDER_TAKE_PROFIT);
                    case "TAKE_PROFIT_LIMIT" -> caps.add(Capability.ORDER_TAKE_PROFIT_LIMIT);
                    case "LIMIT_MAKER" -> caps.add(Capability.ORDER_POST_ONLY);
                    default -> {
                        // TRAILING_STOP_MARKET has no API order type yet
                    }
                }
            }
        }
        if (market.derivatives()) {
            caps.add(Capability.ORDER_REDUCE_ONLY);
            caps.add(Capability.ORDER_POST_ONLY); // timeInForce GTX
        }
        InstrumentId id = new InstrumentId(market.id(), symbol(market, base, quote, settle));
        InstrumentKind kind = market.kind();
        return new Instrument(id, kind, spec, s.get("symbol").getAsString(), caps);
    }

    // ---------------------------------------------------------------- helpers

    /** The decimal of a string or number field, or null when absent. */
    static BigDecimal decimal(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        return e.getAsBigDecimal();
    }

    private static BigDecimal positive(JsonObject o, String key) {
        BigDecimal d = decimal(o, key);
        return d == null || d.signum() <= 0 ? null : d;
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? "" : e.getAsString();
    }

    /** The stream interval Binance's diff depth uses here. */
    public static Duration depthInterval() {
        return Duration.ofMillis(100);
    }
}
