package org.tradebench.connector.bitfinex.internal.protocol;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The frames that are not on the hot path: events ({@code {"event":...}}) and the data frames of
 * ticker, trades, candles, status and the account channel, read with {@link BitfinexJson} (Gson's
 * streaming reader, every number kept as its wire text) into the protocol's records and handed to
 * the {@link BitfinexSink}. The hot path, book channels, is {@link BitfinexBookReader}.
 *
 * <p>Frames are never assumed to have a fixed length: trailing numbers that the {@code TIMESTAMP}
 * and {@code SEQ_ALL} flags append land in the {@link BitfinexTrailer}, and rows may carry more
 * fields than read here. Not thread-safe: it belongs to one {@link BitfinexFrameDecoder}.
 */
final class BitfinexMessages {

    private final BitfinexSink sink;
    private final BitfinexTrailer trailer;
    private final BitfinexChannels channels;
    private final BitfinexFrameDecoder.TrailerCheck check;

    BitfinexMessages(BitfinexSink sink, BitfinexTrailer trailer, BitfinexChannels channels,
            BitfinexFrameDecoder.TrailerCheck check) {
        this.sink = sink;
        this.trailer = trailer;
        this.channels = channels;
        this.check = check;
    }

        void data(CharSequence frame, BitfinexChannel ch) {
        List<Object> top = BitfinexJson.readTopArray(frame, ch.describe());
        if (top.size() < 2) {
            throw new BitfinexProtocolException(ch.describe() + ": frame has no payload");
        }
        Object head = top.get(1);
        int payloadIndex = 1;
        String type = null;
        if (head instanceof String s) {
            type = s;
            if ("hb".equals(type)) {
                readTrailer(top, 2, ch);
                sink.onHeartbeat(ch, trailer);
                return;
            }
            payloadIndex = 2;
            // Older frames put a string sequence id ("1234-BTCUSD") before the payload: skip strings.
            while (payloadIndex < top.size() && top.get(payloadIndex) instanceof String extra && !BitfinexJson.isInteger(extra)) {
                payloadIndex++;
            }
            if (payloadIndex >= top.size() || !(top.get(payloadIndex) instanceof List)) {
                if (ch.type() == BitfinexChannelType.ACCOUNT) {
                    readTrailer(top, payloadIndex, ch);
                    sink.onUnhandled("account message " + type);
                    return;
                }
                throw new BitfinexProtocolException(ch.describe() + ": message \"" + type + "\" has no array payload");
            }
        } else if (!(head instanceof List)) {
            throw new BitfinexProtocolException(ch.describe() + ": expected an array or a message type after the channel id");
        }
        List<?> payload = (List<?>) top.get(payloadIndex);
        readTrailer(top, payloadIndex + 1, ch);
        switch (ch.type()) {
            case TICKER -> ticker(ch, type, payload);
            case TRADES -> trades(ch, type, payload);
            case CANDLES -> candles(ch, type, payload);
            case ACCOUNT -> account(type, payload);
            case DERIVATIVE_STATUS -> derivativeStatus(ch, type, payload);
            case LIQUIDATIONS -> liquidations(ch, type, payload);
            default -> sink.onUnhandled(ch.describe() + (type == null ? " data" : " message " + type));
        }
    }

    private void readTrailer(List<Object> top, int from, BitfinexChannel ch) {
        for (int i = from; i < top.size(); i++) {
            Object v = top.get(i);
            if (!(v instanceof String s) || !BitfinexJson.isInteger(s)) {
                throw new BitfinexProtocolException(ch.describe() + ": unexpected trailing value " + v
                        + " (expected a sequence number or timestamp)");
            }
            trailer.add(BitfinexJson.parseInteger(s, "a trailing number"));
        }
        check.check(ch, trailer);
    }

    private void ticker(BitfinexChannel ch, String type, List<?> payload) {
        requireNoType(ch, type);
        BitfinexJson.Row r = new BitfinexJson.Row(payload, ch.describe() + " ticker");
        if (ch.isFunding()) {
            r.requireSize(13, "[FRR,BID,BID_PERIOD,BID_SIZE,ASK,ASK_PERIOD,ASK_SIZE,DAILY_CHANGE,DAILY_CHANGE_RELATIVE,LAST_PRICE,VOLUME,HIGH,LOW,...]");
            sink.onFundingTicker(ch, new BitfinexFundingTicker(r.decimal(0, "FRR"), r.decimal(1, "BID"),
                    r.integer(2, "BID_PERIOD"), r.decimal(3, "BID_SIZE"), r.decimal(4, "ASK"), r.integer(5, "ASK_PERIOD"),
                    r.decimal(6, "ASK_SIZE"), r.decimal(7, "DAILY_CHANGE"), r.decimal(8, "DAILY_CHANGE_RELATIVE"),
                    r.decimal(9, "LAST_PRICE"), r.decimal(10, "VOLUME"), r.decimal(11, "HIGH"), r.decimal(12, "LOW"),
                    r.decimal(15, "FRR_AMOUNT_AVAILABLE")), trailer);
        } else {
            r.requireSize(10, "[BID,BID_SIZE,ASK,ASK_SIZE,DAILY_CHANGE,DAILY_CHANGE_RELATIVE,LAST_PRICE,VOLUME,HIGH,LOW]");
            sink.onTicker(ch, new BitfinexTicker(r.decimal(0, "BID"), r.decimal(1, "BID_SIZE"), r.decimal(2, "ASK"),
                    r.decimal(3, "ASK_SIZE"), r.decimal(4, "DAILY_CHANGE"), r.decimal(5, "DAILY_CHANGE_RELATIVE"),
                    r.decimal(6, "LAST_PRICE"), r.decimal(7, "VOLUME"), r.decimal(8, "HIGH"), r.decimal(9, "LOW")),
                    trailer);
        }
    }

    private void trades(BitfinexChannel ch, String type, List<?> payload) {
        if (type == null) {
            List<BitfinexTrade> trades = new ArrayList<>(payload.size());
            for (int i = 0; i < payload.size(); i++) {
                trades.add(trade(ch, rowAt(ch, payload, i, "trade snapshot"), "trade snapshot row " + (i + 1)));
            }
            sink.onTradeSnapshot(ch, Collections.unmodifiableList(trades), trailer);
            return;
        }
        BitfinexTradeEvent event = switch (type) {
            case "te", "fte" -> BitfinexTradeEvent.EXECUTED;
            case "tu", "ftu" -> BitfinexTradeEvent.UPDATED;
            default -> throw new BitfinexProtocolException(ch.describe() + ": unexpected message type \"" + type + "\"");
        };
        sink.onTrade(ch, event, trade(ch, payload, "trade " + type), trailer);
    }

    private static BitfinexTrade trade(BitfinexChannel ch, List<?> values, String what) {
        BitfinexJson.Row r = new BitfinexJson.Row(values, ch.describe() + " " + what);
        if (ch.isFunding()) {
            r.requireSize(5, "[ID,MTS,AMOUNT,RATE,PERIOD]");
            return new BitfinexTrade(r.requiredLong(0, "ID"), r.requiredLong(1, "MTS"), r.requiredDecimal(2, "AMOUNT"),
                    r.requiredDecimal(3, "RATE"), (int) r.requiredLong(4, "PERIOD"));
        }
        r.requireSize(4, "[ID,MTS,AMOUNT,PRICE]");
        return new BitfinexTrade(r.requiredLong(0, "ID"), r.requiredLong(1, "MTS"), r.requiredDecimal(2, "AMOUNT"),
                r.requiredDecimal(3, "PRICE"), -1);
    }

    private void candles(BitfinexChannel ch, String type, List<?> payload) {
        requireNoType(ch, type);
        if (payload.isEmpty() || payload.get(0) instanceof List) {
            List<BitfinexCandle> candles = new ArrayList<>(payload.size());
            for (int i = 0; i < payload.size(); i++) {
                candles.add(candle(ch, rowAt(ch, payload, i, "candle snapshot"), "candle snapshot row " + (i + 1)));
            }
            sink.onCandleSnapshot(ch, Collections.unmodifiableList(candles), trailer);
        } else {
            sink.onCandle(ch, candle(ch, payload, "candle"), trailer);
        }
    }

    private static BitfinexCandle candle(BitfinexChannel ch, List<?> values, String what) {
        BitfinexJson.Row r = new BitfinexJson.Row(values, ch.describe() + " " + what);
        r.requireSize(6, "[MTS,OPEN,CLOSE,HIGH,LOW,VOLUME]");
        return new BitfinexCandle(r.requiredLong(0, "MTS"), r.requiredDecimal(1, "OPEN"), r.requiredDecimal(2, "CLOSE"),
                r.requiredDecimal(3, "HIGH"), r.requiredDecimal(4, "LOW"), r.requiredDecimal(5, "VOLUME"));
    }

    private void account(String type, List<?> payload) {
        if (type == null) {
            sink.onUnhandled("account data without a message type");
            return;
        }
        switch (type) {
            case "os" -> sink.onOrderSnapshot(rows(payload, "os", BitfinexMessages::order), trailer);
            case "on" -> sink.onOrder(BitfinexChange.NEW, order(new BitfinexJson.Row(payload, "account on")), trailer);
            case "ou" -> sink.onOrder(BitfinexChange.UPDATE, order(new BitfinexJson.Row(payload, "account ou")), trailer);
            case "oc" -> sink.onOrder(BitfinexChange.CLOSE, order(new BitfinexJson.Row(payload, "account oc")), trailer);
            case "ps" -> sink.onPositionSnapshot(rows(payload, "ps", BitfinexMessages::position), trailer);
            case "pn" -> sink.onPosition(BitfinexChange.NEW, position(new BitfinexJson.Row(payload, "account pn")), trailer);
            case "pu" -> sink.onPosition(BitfinexChange.UPDATE, position(new BitfinexJson.Row(payload, "account pu")), trailer);
            case "pc" -> sink.onPosition(BitfinexChange.CLOSE, position(new BitfinexJson.Row(payload, "account pc")), trailer);
            case "ws" -> sink.onWalletSnapshot(rows(payload, "ws", BitfinexMessages::wallet), trailer);
            case "wu" -> sink.onWallet(wallet(new BitfinexJson.Row(payload, "account wu")), trailer);
            case "te" -> sink.onOwnTrade(BitfinexTradeEvent.EXECUTED, ownTrade(new BitfinexJson.Row(payload, "account te")), trailer);
            case "tu" -> sink.onOwnTrade(BitfinexTradeEvent.UPDATED, ownTrade(new BitfinexJson.Row(payload, "account tu")), trailer);
            case "n" -> sink.onNotification(notification(new BitfinexJson.Row(payload, "account notification")), trailer);
            default -> sink.onUnhandled("account message " + type);
        }
    }

    private static <T> List<T> rows(List<?> payload, String type, java.util.function.Function<BitfinexJson.Row, T> mapper) {
        List<T> out = new ArrayList<>(payload.size());
        for (int i = 0; i < payload.size(); i++) {
            if (!(payload.get(i) instanceof List<?> row)) {
                throw new BitfinexProtocolException("account " + type + " row " + (i + 1) + " is not an array");
            }
            out.add(mapper.apply(new BitfinexJson.Row(row, "account " + type + " row " + (i + 1))));
        }
        return Collections.unmodifiableList(out);
    }

    private static BitfinexOrder order(BitfinexJson.Row r) {
        r.requireSize(14, "[ID,GID,CID,SYMBOL,MTS_CREATE,MTS_UPDATE,AMOUNT,AMOUNT_ORIG,ORDER_TYPE,TYPE_PREV,MTS_TIF,_,FLAGS,ORDER_STATUS,...]");
        Integer flags = r.integer(12, "FLAGS");
        return new BitfinexOrder(r.requiredLong(0, "ID"), r.optionalLong(1, "GID"), r.optionalLong(2, "CID"),
                r.requiredString(3, "SYMBOL"), r.requiredLong(4, "MTS_CREATE"), r.requiredLong(5, "MTS_UPDATE"),
                r.requiredDecimal(6, "AMOUNT"), r.requiredDecimal(7, "AMOUNT_ORIG"), r.requiredString(8, "ORDER_TYPE"),
                r.string(9), flags == null ? 0 : flags, r.requiredString(13, "ORDER_STATUS"), r.decimal(16, "PRICE"),
                r.decimal(17, "PRICE_AVG"), r.decimal(18, "PRICE_TRAILING"), r.decimal(19, "PRICE_AUX_LIMIT"));
    }

    private static BitfinexPosition position(BitfinexJson.Row r) {
        r.requireSize(3, "[SYMBOL,STATUS,AMOUNT,...]");
        return new BitfinexPosition(r.requiredString(0, "SYMBOL"), r.requiredString(1, "STATUS"),
                r.requiredDecimal(2, "AMOUNT"), r.decimal(3, "BASE_PRICE"), r.decimal(4, "MARGIN_FUNDING"),
                r.decimal(6, "PL"), r.decimal(7, "PL_PERC"), r.decimal(8, "PRICE_LIQ"), r.decimal(9, "LEVERAGE"),
                r.optionalLong(11, "POSITION_ID"), r.optionalLong(12, "MTS_CREATE"), r.optionalLong(13, "MTS_UPDATE"),
                r.decimal(17, "COLLATERAL"));
    }

    private static BitfinexWallet wallet(BitfinexJson.Row r) {
        r.requireSize(3, "[WALLET_TYPE,CURRENCY,BALANCE,...]");
        return new BitfinexWallet(r.requiredString(0, "WALLET_TYPE"), r.requiredString(1, "CURRENCY"),
                r.requiredDecimal(2, "BALANCE"), r.decimal(3, "UNSETTLED_INTEREST"), r.decimal(4, "BALANCE_AVAILABLE"));
    }

    /**
     * Own trades as {@code POST /v2/auth/r/trades[/SYMBOL]/hist} answers them: an array of rows with
     * the shape of {@code te}/{@code tu}, {@code [ID,SYMBOL,MTS,ORDER_ID,EXEC_AMOUNT,EXEC_PRICE,
     * ORDER_TYPE,ORDER_PRICE,MAKER,FEE,FEE_CURRENCY,CID,...]} (MAKER 1 maker, -1 taker; FEE negative
     * when charged). A pure function: no decoder state.
     *
     * @param body the REST body
     * @return the trades in the order sent
     * @throws BitfinexProtocolException when the body is not such an array
     */
    public static List<BitfinexOwnTrade> ownTrades(CharSequence body) {
        Objects.requireNonNull(body, "body");
        return rows(BitfinexJson.readTopArray(body, "own trades history"), "trades hist", BitfinexMessages::ownTrade);
    }

    private static BitfinexOwnTrade ownTrade(BitfinexJson.Row r) {
        r.requireSize(6, "[ID,SYMBOL,MTS_CREATE,ORDER_ID,EXEC_AMOUNT,EXEC_PRICE,...]");
        Integer maker = r.integer(8, "MAKER");
        return new BitfinexOwnTrade(r.requiredLong(0, "ID"), r.requiredString(1, "SYMBOL"),
                r.requiredLong(2, "MTS_CREATE"), r.requiredLong(3, "ORDER_ID"), r.requiredDecimal(4, "EXEC_AMOUNT"),
                r.requiredDecimal(5, "EXEC_PRICE"), r.string(6), r.decimal(7, "ORDER_PRICE"),
                maker != null && maker == 1, r.decimal(9, "FEE"), r.string(10), r.optionalLong(11, "CID"));
    }

    private static BitfinexNotification notification(BitfinexJson.Row r) {
        r.requireSize(7, "[MTS,TYPE,MESSAGE_ID,_,NOTIFY_INFO,CODE,STATUS,TEXT]");
        String type = r.requiredString(1, "TYPE");
        BitfinexOrder order = null;
        if (type.equals("on-req") || type.equals("ou-req") || type.equals("oc-req")) {
            List<?> info = r.list(4);
            if (info != null && !info.isEmpty() && info.get(0) instanceof List<?> first) {
                // REST order submit answers with an array of orders: the first is the one sent
                order = requestedOrder(new BitfinexJson.Row(first, "notification " + type + " order"));
            } else if (info != null && !info.isEmpty()) {
                order = requestedOrder(new BitfinexJson.Row(info, "notification " + type + " order"));
            }
        }
        String text = r.string(7);
        return new BitfinexNotification(r.requiredLong(0, "MTS"), type, r.optionalLong(2, "MESSAGE_ID"), order,
                r.integer(5, "CODE"), r.requiredString(6, "STATUS"), text == null ? "" : text);
    }

    /**
     * The order echoed in a request notification. A refused {@code on-req} echoes the request before
     * the order existed: {@code [null,null,CID,SYMBOL,MTS,MTS,AMOUNT,AMOUNT,TYPE,null,...,null(STATUS),...]},
     * so ID, times and STATUS may be null here (ID and times become 0, STATUS empty); the CID is
     * what ties the refusal to the request.
     */
    private static BitfinexOrder requestedOrder(BitfinexJson.Row r) {
        r.requireSize(14, "[ID,GID,CID,SYMBOL,MTS_CREATE,MTS_UPDATE,AMOUNT,AMOUNT_ORIG,ORDER_TYPE,TYPE_PREV,MTS_TIF,_,FLAGS,ORDER_STATUS,...]");
        Long id = r.optionalLong(0, "ID");
        Long created = r.optionalLong(4, "MTS_CREATE");
        Long updated = r.optionalLong(5, "MTS_UPDATE");
        BigDecimal amount = r.decimal(6, "AMOUNT");
        BigDecimal original = r.decimal(7, "AMOUNT_ORIG");
        Integer flags = r.integer(12, "FLAGS");
        String type = r.string(8);
        String status = r.string(13);
        // a refused ou-req/oc-req may echo nothing but the order id (every other field null)
        String symbol = r.string(3);
        return new BitfinexOrder(id == null ? 0 : id, r.optionalLong(1, "GID"), r.optionalLong(2, "CID"),
                symbol == null ? "" : symbol, created == null ? 0 : created, updated == null ? 0 : updated,
                amount == null ? BigDecimal.ZERO : amount, original == null ? BigDecimal.ZERO : original,
                type == null ? "" : type, r.string(9), flags == null ? 0 : flags, status == null ? "" : status,
                r.decimal(16, "PRICE"), r.decimal(17, "PRICE_AVG"), r.decimal(18, "PRICE_TRAILING"),
                r.decimal(19, "PRICE_AUX_LIMIT"));
    }

    private static List<?> rowAt(BitfinexChannel ch, List<?> payload, int i, String what) {
        if (!(payload.get(i) instanceof List<?> row)) {
            throw new BitfinexProtocolException(ch.describe() + " " + what + " row " + (i + 1) + " is not an array");
        }
        return row;
    }

    private static void requireNoType(BitfinexChannel ch, String type) {
        if (type != null) {
            throw new BitfinexProtocolException(ch.describe() + ": unexpected message type \"" + type + "\"");
        }
    }

    void event(CharSequence frame) {
        Map<String, Object> e = BitfinexJson.readTopObject(frame);
        Object name = e.get("event");
        if (!(name instanceof String event)) {
            throw new BitfinexProtocolException("an object frame without an \"event\" field");
        }
        switch (event) {
            case "info" -> {
                if (e.containsKey("code")) {
                    sink.onInfoCode(BitfinexJson.intField(e, "code", 0), BitfinexJson.stringField(e, "msg"));
                } else {
                    int status = -1;
                    if (e.get("platform") instanceof Map<?, ?> platform && platform.get("status") instanceof String s) {
                        status = (int) BitfinexJson.parseInteger(s, "the platform status");
                    }
                    sink.onInfo(BitfinexJson.intField(e, "version", -1), status);
                }
            }
            case "conf" -> {
                String status = BitfinexJson.stringField(e, "status");
                int confirmed = BitfinexJson.intField(e, "flags", 0);
                if ("OK".equals(status)) {
                    channels.flags(confirmed);
                }
                sink.onConf(status, confirmed);
            }
            case "subscribed" -> {
                BitfinexChannel channel = channelOf(e);
                channels.register(channel);
                sink.onSubscribed(channel);
            }
            case "unsubscribed" -> {
                int chanId = BitfinexJson.intField(e, "chanId", -1);
                BitfinexChannel removed = channels.unregister(chanId);
                sink.onUnsubscribed(removed, chanId, BitfinexJson.stringField(e, "status"));
            }
            case "error" -> {
                String symbol = BitfinexJson.stringField(e, "symbol");
                if (symbol.isEmpty() && !BitfinexJson.stringField(e, "pair").isEmpty()) {
                    symbol = "t" + BitfinexJson.stringField(e, "pair");
                }
                sink.onError(new BitfinexError(BitfinexJson.intField(e, "code", 0), BitfinexJson.stringField(e, "msg"),
                        nullIfEmpty(BitfinexJson.stringField(e, "channel")), nullIfEmpty(symbol),
                        nullIfEmpty(BitfinexJson.stringField(e, "key")), nullIfEmpty(BitfinexJson.stringField(e, "prec")),
                        lengthOf(e)));
            }
            case "auth" -> sink.onAuth(new BitfinexAuthReply(BitfinexJson.stringField(e, "status"), BitfinexJson.longField(e, "userId", -1),
                    BitfinexJson.intField(e, "code", 0), BitfinexJson.stringField(e, "msg")));
            case "pong" -> sink.onPong(BitfinexJson.longField(e, "ts", -1), BitfinexJson.longField(e, "cid", -1));
            default -> sink.onUnhandled("event " + event);
        }
    }

    private BitfinexChannel channelOf(Map<String, Object> e) {
        int chanId = BitfinexJson.intField(e, "chanId", -1);
        if (chanId <= 0) {
            throw new BitfinexProtocolException("subscribed event without a valid chanId");
        }
        String name = BitfinexJson.stringField(e, "channel");
        String rawSymbol = BitfinexJson.stringField(e, "symbol");
        if (rawSymbol.isEmpty() && !BitfinexJson.stringField(e, "pair").isEmpty()) {
            rawSymbol = "t" + BitfinexJson.stringField(e, "pair");
        } else if (rawSymbol.isEmpty() && !BitfinexJson.stringField(e, "currency").isEmpty()) {
            rawSymbol = "f" + BitfinexJson.stringField(e, "currency");
        }
        String key = e.get("key") instanceof String k ? k : null;
        String timeframe = null;
        BitfinexChannelType type;
        String precision = null;
        switch (name) {
            case "book" -> {
                precision = e.get("prec") instanceof String prec ? prec : "P0";
                type = precision.equals("R0") ? BitfinexChannelType.RAW_BOOK : BitfinexChannelType.BOOK;
            }
            case "ticker" -> type = BitfinexChannelType.TICKER;
            case "trades" -> type = BitfinexChannelType.TRADES;
            case "candles" -> {
                type = BitfinexChannelType.CANDLES;
                if (key == null) {
                    throw new BitfinexProtocolException("candles subscription " + chanId + " without a key");
                }
                String[] parts = candleKey(key);
                timeframe = parts[0];
                rawSymbol = parts[1];
            }
            case "status" -> type = key != null && key.startsWith("liq:") ? BitfinexChannelType.LIQUIDATIONS
                    : BitfinexChannelType.DERIVATIVE_STATUS;
            default -> type = BitfinexChannelType.UNKNOWN;
        }
        BitfinexSymbol symbol = null;
        if (!rawSymbol.isEmpty() && !type.isStatus() && type != BitfinexChannelType.UNKNOWN) {
            try {
                symbol = BitfinexSymbols.parse(rawSymbol);
            } catch (IllegalArgumentException ex) {
                throw new BitfinexProtocolException(name + " subscription " + chanId + ": " + ex.getMessage(), ex);
            }
        } else if (!type.isStatus() && type != BitfinexChannelType.UNKNOWN) {
            throw new BitfinexProtocolException(name + " subscription " + chanId + " without a symbol");
        }
        String frequency = e.get("freq") instanceof String freq ? freq : null;
        int length = BitfinexJson.intField(e, "len", 0);
        if (type == BitfinexChannelType.DERIVATIVE_STATUS && key != null && key.startsWith("deriv:")) {
            try {
                symbol = BitfinexSymbols.parse(key.substring("deriv:".length()));
            } catch (IllegalArgumentException ex) {
                throw new BitfinexProtocolException("status subscription " + chanId + ": " + ex.getMessage(), ex);
            }
        }
        return new BitfinexChannel(chanId, type, name, symbol, key, precision, frequency, length, timeframe,
                channels.priceScale(), channels.amountScale());
    }

    /** {@code trade:1m:tBTCUSD} or {@code trade:1m:fUSD:p30} to {timeframe, raw symbol}. */
    private static String[] candleKey(String key) {
        String[] parts = key.split(":", 3);
        if (parts.length < 3 || !parts[0].equals("trade") || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new BitfinexProtocolException("candle key '" + key + "' is not trade:TIMEFRAME:SYMBOL");
        }
        String symbol = parts[2];
        if (symbol.startsWith("f") && symbol.indexOf(':') > 0) {
            symbol = symbol.substring(0, symbol.indexOf(':')); // funding keys add :a30:p2:p30 or :p30
        }
        return new String[] {parts[1], symbol};
    }

    private static String nullIfEmpty(String s) {
        return s.isEmpty() ? null : s;
    }

    /** {@code len} arrives as a string or a number. */
    private static int lengthOf(Map<String, Object> e) {
        Object v = e.get("len");
        return v instanceof String s && BitfinexJson.isInteger(s) ? (int) BitfinexJson.parseInteger(s, "len") : 0;
    }

    private void derivativeStatus(BitfinexChannel ch, String type, List<?> payload) {
        requireNoType(ch, type);
        BitfinexJson.Row r = new BitfinexJson.Row(payload, ch.describe() + " derivatives status");
        r.requireSize(4, "[MTS,_,DERIV_PRICE,SPOT_PRICE,...]");
        Long next = r.optionalLong(7, "NEXT_FUNDING_EVT_TIMESTAMP_MS");
        sink.onDerivativeStatus(ch, new BitfinexDerivativeStatus(r.requiredLong(0, "MTS"), r.decimal(2, "DERIV_PRICE"),
                r.decimal(3, "SPOT_PRICE"), next == null ? 0 : next, r.decimal(11, "CURRENT_FUNDING"),
                r.decimal(14, "MARK_PRICE"), r.decimal(17, "OPEN_INTEREST")), trailer);
    }

    private void liquidations(BitfinexChannel ch, String type, List<?> payload) {
        requireNoType(ch, type);
        // a snapshot and an update alike carry a list of rows (empty when nothing was liquidated);
        // a single row is accepted too
        List<?> rows = payload.isEmpty() || payload.get(0) instanceof List ? payload : List.of(payload);
        List<BitfinexLiquidation> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            BitfinexJson.Row r = new BitfinexJson.Row(rowAt(ch, rows, i, "liquidation"), ch.describe()
                    + " liquidation row " + (i + 1));
            r.requireSize(7, "[\"pos\",POS_ID,MTS,_,SYMBOL,AMOUNT,BASE_PRICE,_,IS_MATCH,IS_MARKET_SOLD,_,PRICE_ACQUIRED]");
            if (!"pos".equals(r.string(0))) {
                sink.onUnhandled(ch.describe() + " row of kind " + r.string(0));
                continue;
            }
            Integer match = r.integer(8, "IS_MATCH");
            Integer sold = r.integer(9, "IS_MARKET_SOLD");
            out.add(new BitfinexLiquidation(r.requiredLong(1, "POS_ID"), r.requiredLong(2, "MTS"),
                    r.requiredString(4, "SYMBOL"), r.requiredDecimal(5, "AMOUNT"), r.decimal(6, "BASE_PRICE"),
                    match != null && match == 1, sold != null && sold == 1, r.decimal(11, "PRICE_ACQUIRED")));
        }
        sink.onLiquidations(ch, Collections.unmodifiableList(out), trailer);
    }
}
