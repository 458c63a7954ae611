package org.tradebench.connector.bitfinex.internal.rest;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tradebench.connector.bitfinex.internal.protocol.BitfinexBookRows;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexCandle;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannel;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexDerivativeStatus;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexFrameDecoder;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOrder;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOwnTrade;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexPosition;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexProtocolException;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSink;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTicker;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrade;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrailer;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexWallet;

/**
 * Decodes REST v2 bodies with the WebSocket decoder: a REST body has the same shape as the data of
 * a channel frame ({@code GET /v2/book/tBTCUSD/P0} answers what a book snapshot frame carries), so
 * the body is wrapped into a frame of a local channel and decoded by the one tested decoder: same
 * number handling, same errors, no second parser.
 *
 * <pre>{@code
 * RestPayloads p = new RestPayloads();
 * BitfinexTicker t = p.ticker("tBTCUSD", body);
 * p.book("tBTCUSD", "P0", 25, body, rows -> ...);   // rows valid during the call only
 * List<BitfinexOrder> open = p.orders(body);
 * }</pre>
 *
 * <p>Not thread-safe: the connector thread owns it. Malformed bodies throw
 * {@link BitfinexProtocolException}.
 */
public final class RestPayloads {

    private final Capture capture = new Capture();
    private final BitfinexFrameDecoder decoder = new BitfinexFrameDecoder(capture);

    /**
     * A ticker body.
     *
     * @param raw the symbol
     * @param body {@code [BID,BID_SIZE,...]}
     * @return the ticker
     */
    public BitfinexTicker ticker(String raw, String body) {
        channel("{\"event\":\"subscribed\",\"channel\":\"ticker\",\"chanId\":1,\"symbol\":\"" + raw + "\"}");
        capture.ticker = null;
        decoder.decode("[1," + body + "]");
        if (capture.ticker == null) {
            throw new BitfinexProtocolException("ticker of " + raw + ": no ticker in the answer");
        }
        return capture.ticker;
    }

    /**
     * A trades body.
     *
     * @param raw the symbol
     * @param body {@code [[ID,MTS,AMOUNT,PRICE],...]}
     * @return the trades as sent (newest first unless sorted)
     */
    public List<BitfinexTrade> trades(String raw, String body) {
        if (isEmptyArray(body)) {
            return List.of();
        }
        channel("{\"event\":\"subscribed\",\"channel\":\"trades\",\"chanId\":1,\"symbol\":\"" + raw + "\"}");
        capture.trades = List.of();
        decoder.decode("[1," + body + "]");
        return capture.trades;
    }

    /**
     * A candles body.
     *
     * @param key the candle key, for example {@code trade:1m:tBTCUSD}
     * @param body {@code [[MTS,OPEN,CLOSE,HIGH,LOW,VOLUME],...]}
     * @return the candles as sent
     */
    public List<BitfinexCandle> candles(String key, String body) {
        if (isEmptyArray(body)) {
            return List.of();
        }
        channel("{\"event\":\"subscribed\",\"channel\":\"candles\",\"chanId\":1,\"key\":\"" + key + "\"}");
        capture.candles = List.of();
        decoder.decode("[1," + body + "]");
        return capture.candles;
    }

    /**
     * A book body.
     *
     * @param raw the symbol
     * @param prec the precision
     * @param len the length
     * @param body {@code [[PRICE,COUNT,AMOUNT],...]} or raw rows
     * @param rows receives the rows (a flyweight, valid during the call)
     */
    public void book(String raw, String prec, int len, String body, Consumer<BitfinexBookRows> rows) {
        channel("{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":1,\"symbol\":\"" + raw + "\",\"prec\":\""
                + prec + "\",\"freq\":\"F0\",\"len\":\"" + len + "\"}");
        capture.bookRows = rows;
        try {
            decoder.decode("[1," + body + "]");
        } finally {
            capture.bookRows = null;
        }
    }

    /**
     * A derivatives status body ({@code GET /v2/status/deriv?keys=tBTCF0:USTF0}): REST rows lead
     * with the key, then carry what the {@code status} channel sends.
     *
     * @param raw the derivative symbol, for example {@code tBTCF0:USTF0}
     * @param body {@code [[KEY,MTS,_,DERIV_PRICE,...]]}
     * @return the status, or null when the answer has no row
     */
    public BitfinexDerivativeStatus derivativeStatus(String raw, String body) {
        String t = body.strip();
        if (isEmptyArray(t)) {
            return null;
        }
        Matcher m = DERIV_ROW.matcher(t);
        if (!m.lookingAt() || !t.endsWith("]")) {
            throw new BitfinexProtocolException("derivatives status of " + raw + ": expected [[\"KEY\",MTS,...]], got "
                    + (t.length() > 60 ? t.substring(0, 60) + "…" : t));
        }
        if (!m.group(1).equals(raw)) {
            throw new BitfinexProtocolException("derivatives status of " + raw + ": the answer is for " + m.group(1));
        }
        channel("{\"event\":\"subscribed\",\"channel\":\"status\",\"chanId\":1,\"key\":\"deriv:" + raw + "\"}");
        capture.status = null;
        // [["KEY",a,b,...]] -> [1,[a,b,...]]
        decoder.decode("[1,[" + t.substring(m.end(), t.length() - 1) + "]");
        return capture.status;
    }

    private static final Pattern DERIV_ROW = Pattern
            .compile("\\[\\s*\\[\\s*\"([^\"]*)\"\\s*,");

    /**
     * An orders body ({@code /v2/auth/r/orders} and {@code .../hist}).
     *
     * @param body {@code [[ID,GID,CID,...],...]}
     * @return the orders
     */
    public List<BitfinexOrder> orders(String body) {
        capture.orders = List.of();
        decoder.decode("[0,\"os\"," + body + "]");
        return capture.orders;
    }

    /**
     * The answer of a REST order request ({@code /v2/auth/w/order/submit}, {@code /cancel},
     * {@code /update}): a notification {@code [MTS,TYPE,MESSAGE_ID,null,DATA,CODE,STATUS,TEXT]} whose
     * DATA is the order (submit: an array of orders, of which the first is taken).
     *
     * @param body the body
     * @return the notification
     * @throws org.tradebench.connector.bitfinex.internal.protocol.BitfinexProtocolException when the
     *         body is not a notification
     */
    public org.tradebench.connector.bitfinex.internal.protocol.BitfinexNotification notification(String body) {
        capture.notification = null;
        decoder.decode("[0,\"n\"," + body + "]");
        if (capture.notification == null) {
            throw new org.tradebench.connector.bitfinex.internal.protocol.BitfinexProtocolException(
                    "REST order answer is not a notification: " + (body.length() > 80 ? body.substring(0, 80) + "…" : body));
        }
        return capture.notification;
    }

    /**
     * An own trades body ({@code /v2/auth/r/trades[/SYMBOL]/hist}); pure, no state.
     *
     * @param body {@code [[ID,SYMBOL,MTS,ORDER_ID,EXEC_AMOUNT,EXEC_PRICE,ORDER_TYPE,ORDER_PRICE,MAKER,FEE,FEE_CURRENCY,CID],...]}
     * @return the trades as sent (newest first unless sorted)
     */
    public static List<BitfinexOwnTrade> ownTrades(String body) {
        return BitfinexFrameDecoder.ownTrades(body);
    }

    /**
     * A positions body.
     *
     * @param body {@code [[SYMBOL,STATUS,AMOUNT,...],...]}
     * @return the positions
     */
    public List<BitfinexPosition> positions(String body) {
        capture.positions = List.of();
        decoder.decode("[0,\"ps\"," + body + "]");
        return capture.positions;
    }

    /**
     * A wallets body.
     *
     * @param body {@code [[TYPE,CURRENCY,BALANCE,...],...]}
     * @return the wallets
     */
    public List<BitfinexWallet> wallets(String body) {
        capture.wallets = List.of();
        decoder.decode("[0,\"ws\"," + body + "]");
        return capture.wallets;
    }

    /**
     * The platform status body {@code [1]} or {@code [0]}.
     *
     * @param body the body
     * @return 1 operative, 0 maintenance
     */
    public static int platformStatus(String body) {
        String t = body.strip();
        if (t.equals("[1]")) {
            return 1;
        }
        if (t.equals("[0]")) {
            return 0;
        }
        throw new BitfinexProtocolException("platform status: expected [1] or [0], got "
                + (t.length() > 40 ? t.substring(0, 40) + "…" : t));
    }

    /**
     * The error code of an error body {@code ["error",CODE,"text"]}.
     *
     * @param body the body
     * @return code and text, or empty when the body is not an error
     */
    public static Optional<String> error(String body) {
        String t = body.strip();
        if (!t.startsWith("[\"error\"")) {
            return Optional.empty();
        }
        return Optional.of(t.length() > 200 ? t.substring(0, 200) + "…" : t);
    }

    private void channel(String subscribed) {
        decoder.decode(subscribed);
    }

    private static boolean isEmptyArray(String body) {
        return body.strip().replace(" ", "").equals("[]");
    }

    private static final class Capture implements BitfinexSink {
        BitfinexTicker ticker;
        List<BitfinexTrade> trades = List.of();
        List<BitfinexCandle> candles = List.of();
        Consumer<BitfinexBookRows> bookRows;
        List<BitfinexOrder> orders = List.of();
        List<BitfinexPosition> positions = List.of();
        List<BitfinexWallet> wallets = List.of();
        BitfinexDerivativeStatus status;
        org.tradebench.connector.bitfinex.internal.protocol.BitfinexNotification notification;

        @Override
        public void onNotification(org.tradebench.connector.bitfinex.internal.protocol.BitfinexNotification n,
                BitfinexTrailer trailer) {
            notification = n;
        }

        @Override
        public void onDerivativeStatus(BitfinexChannel channel, BitfinexDerivativeStatus s, BitfinexTrailer trailer) {
            status = s;
        }

        @Override
        public void onTicker(BitfinexChannel channel, BitfinexTicker t, BitfinexTrailer trailer) {
            ticker = t;
        }

        @Override
        public void onTradeSnapshot(BitfinexChannel channel, List<BitfinexTrade> list, BitfinexTrailer trailer) {
            trades = list;
        }

        @Override
        public void onCandleSnapshot(BitfinexChannel channel, List<BitfinexCandle> list, BitfinexTrailer trailer) {
            candles = list;
        }

        @Override
        public void onCandle(BitfinexChannel channel, BitfinexCandle candle, BitfinexTrailer trailer) {
            candles = List.of(candle);
        }

        @Override
        public void onBookSnapshot(BitfinexChannel channel, BitfinexBookRows rows, BitfinexTrailer trailer) {
            if (bookRows != null) {
                bookRows.accept(rows);
            }
        }

        @Override
        public void onOrderSnapshot(List<BitfinexOrder> list, BitfinexTrailer trailer) {
            orders = list;
        }

        @Override
        public void onPositionSnapshot(List<BitfinexPosition> list, BitfinexTrailer trailer) {
            positions = list;
        }

        @Override
        public void onWalletSnapshot(List<BitfinexWallet> list, BitfinexTrailer trailer) {
            wallets = list;
        }
    }
}
