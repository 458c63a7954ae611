package org.tradebench.connector.bitfinex.internal.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A sink that writes every call as one readable line, for exact assertions. */
final class RecordingSink implements BitfinexSink {

    final List<String> calls = new ArrayList<>();

    List<String> take() {
        List<String> copy = List.copyOf(calls);
        calls.clear();
        return copy;
    }

    private static String trailer(BitfinexTrailer t) {
        StringBuilder b = new StringBuilder();
        if (t.hasSequence()) {
            b.append(" seq=").append(t.sequence());
        }
        if (t.hasAuthSequence()) {
            b.append(" authSeq=").append(t.authSequence());
        }
        if (t.hasTimestamp()) {
            b.append(" mts=").append(t.timestamp());
        }
        return b.toString();
    }

    static String row(BitfinexBookRow r) {
        String side = r.side().wireName();
        String head = r.isRaw() ? "id=" + r.orderIdText() + "(" + r.orderId() + ") " : "";
        String tail = r.isRaw() ? "" : " count=" + r.count();
        if (r.isFunding()) {
            tail += " period=" + r.period();
        }
        return head + side + " price=" + r.priceText() + "(" + r.price() + ") amount=" + r.amountText() + "("
                + r.amount() + ")" + tail + (r.isRemoval() ? " REMOVE" : "");
    }

    @Override
    public void onInfo(int version, int platformStatus) {
        calls.add("info version=" + version + " platform=" + platformStatus);
    }

    @Override
    public void onInfoCode(int code, String message) {
        calls.add("infoCode " + code + " " + message);
    }

    @Override
    public void onConf(String status, int flags) {
        calls.add("conf " + status + " " + flags);
    }

    @Override
    public void onSubscribed(BitfinexChannel channel) {
        calls.add("subscribed " + channel);
    }

    @Override
    public void onUnsubscribed(BitfinexChannel channel, int chanId, String status) {
        calls.add("unsubscribed " + chanId + " " + status + " known=" + (channel != null));
    }

    @Override
    public void onError(BitfinexError error) {
        calls.add("error " + error.code() + " " + error.message());
    }

    @Override
    public void onAuth(BitfinexAuthReply reply) {
        calls.add("auth " + reply);
    }

    @Override
    public void onPong(long timestamp, long cid) {
        calls.add("pong " + timestamp + " " + cid);
    }

    @Override
    public void onHeartbeat(BitfinexChannel channel, BitfinexTrailer trailer) {
        calls.add("hb " + channel.chanId() + trailer(trailer));
    }

    @Override
    public void onTicker(BitfinexChannel channel, BitfinexTicker ticker, BitfinexTrailer trailer) {
        calls.add("ticker " + channel.chanId() + " " + ticker + trailer(trailer));
    }

    @Override
    public void onFundingTicker(BitfinexChannel channel, BitfinexFundingTicker ticker, BitfinexTrailer trailer) {
        calls.add("fundingTicker " + channel.chanId() + " " + ticker + trailer(trailer));
    }

    @Override
    public void onTradeSnapshot(BitfinexChannel channel, List<BitfinexTrade> trades, BitfinexTrailer trailer) {
        calls.add("trades " + channel.chanId() + " " + trades + trailer(trailer));
    }

    @Override
    public void onTrade(BitfinexChannel channel, BitfinexTradeEvent event, BitfinexTrade trade, BitfinexTrailer trailer) {
        calls.add("trade " + channel.chanId() + " " + event.wire() + " " + trade + trailer(trailer));
    }

    @Override
    public void onBookSnapshot(BitfinexChannel channel, BitfinexBookRows rows, BitfinexTrailer trailer) {
        List<String> r = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            r.add(row(rows.get(i)));
        }
        calls.add("bookSnapshot " + channel.chanId() + " " + r.stream().collect(Collectors.joining("; ", "[", "]"))
                + trailer(trailer));
    }

    @Override
    public void onBookUpdate(BitfinexChannel channel, BitfinexBookRow row, BitfinexTrailer trailer) {
        calls.add("bookUpdate " + channel.chanId() + " " + row(row) + trailer(trailer));
    }

    @Override
    public void onChecksum(BitfinexChannel channel, int checksum, BitfinexTrailer trailer) {
        calls.add("checksum " + channel.chanId() + " " + checksum + trailer(trailer));
    }

    @Override
    public void onCandleSnapshot(BitfinexChannel channel, List<BitfinexCandle> candles, BitfinexTrailer trailer) {
        calls.add("candles " + channel.chanId() + " " + candles + trailer(trailer));
    }

    @Override
    public void onCandle(BitfinexChannel channel, BitfinexCandle candle, BitfinexTrailer trailer) {
        calls.add("candle " + channel.chanId() + " " + candle + trailer(trailer));
    }

    @Override
    public void onOrderSnapshot(List<BitfinexOrder> orders, BitfinexTrailer trailer) {
        calls.add("os " + orders + trailer(trailer));
    }

    @Override
    public void onOrder(BitfinexChange change, BitfinexOrder order, BitfinexTrailer trailer) {
        calls.add("order " + change + " " + order + trailer(trailer));
    }

    @Override
    public void onPositionSnapshot(List<BitfinexPosition> positions, BitfinexTrailer trailer) {
        calls.add("ps " + positions + trailer(trailer));
    }

    @Override
    public void onPosition(BitfinexChange change, BitfinexPosition position, BitfinexTrailer trailer) {
        calls.add("position " + change + " " + position + trailer(trailer));
    }

    @Override
    public void onWalletSnapshot(List<BitfinexWallet> wallets, BitfinexTrailer trailer) {
        calls.add("ws " + wallets + trailer(trailer));
    }

    @Override
    public void onWallet(BitfinexWallet wallet, BitfinexTrailer trailer) {
        calls.add("wallet " + wallet + trailer(trailer));
    }

    @Override
    public void onOwnTrade(BitfinexTradeEvent event, BitfinexOwnTrade trade, BitfinexTrailer trailer) {
        calls.add("ownTrade " + event.wire() + " " + trade + trailer(trailer));
    }

    @Override
    public void onNotification(BitfinexNotification notification, BitfinexTrailer trailer) {
        calls.add("notification " + notification + trailer(trailer));
    }

    @Override
    public void onDerivativeStatus(BitfinexChannel channel, BitfinexDerivativeStatus status, BitfinexTrailer trailer) {
        calls.add("status " + channel.chanId() + " " + status + trailer(trailer));
    }

    @Override
    public void onLiquidations(BitfinexChannel channel, List<BitfinexLiquidation> liquidations, BitfinexTrailer trailer) {
        calls.add("liquidations " + channel.chanId() + " " + liquidations + trailer(trailer));
    }

    @Override
    public void onUnhandled(String description) {
        calls.add("unhandled " + description);
    }
}
