package org.tradebench.connector.support.book;

import java.util.ArrayList;
import java.util.List;

import org.tradebench.api.market.Side;
import org.tradebench.core.book.OrderBook;

/**
 * A {@link BookTarget} and {@link SnapshotRequester} for tests: counts commits, resets and
 * snapshot requests, keeps what the last commit said, and runs a check on every commit.
 */
final class RecordingTarget implements BookTarget, SnapshotRequester {

    private final OrderBook book;
    int commits;
    int resets;
    int requests;
    String lastReason;
    long lastTime;
    long lastReceivedMillis;
    long lastReceivedNanos;
    final List<String> events = new ArrayList<>();
    boolean recordEvents = true;
    Runnable onCommit = () -> {
    };
    Runnable onRequest = () -> {
    };

    RecordingTarget() {
        this(new OrderBook(0, 0));
    }

    RecordingTarget(OrderBook book) {
        this.book = book;
    }

    @Override
    public OrderBook book() {
        return book;
    }

    @Override
    public void committed(long exchangeTimeMillis, long receivedMillis, long receivedNanos) {
        commits++;
        lastTime = exchangeTimeMillis;
        lastReceivedMillis = receivedMillis;
        lastReceivedNanos = receivedNanos;
        if (recordEvents) {
            events.add("commit " + render(book));
        }
        onCommit.run();
    }

    @Override
    public void reset(String reason) {
        resets++;
        lastReason = reason;
        if (recordEvents) {
            events.add("reset " + reason);
        }
    }

    @Override
    public void requestSnapshot() {
        requests++;
        if (recordEvents) {
            events.add("request");
        }
        onRequest.run();
    }

    /** The book as {@code "b100=5 b99=3 | a101=7"}: bids best first, then asks best first. */
    static String render(OrderBook book) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < book.levels(Side.BUY); i++) {
            s.append(i == 0 ? "" : " ").append('b').append(book.price(Side.BUY, i)).append('=')
                    .append(book.size(Side.BUY, i));
        }
        s.append(" |");
        for (int i = 0; i < book.levels(Side.SELL); i++) {
            s.append(" a").append(book.price(Side.SELL, i)).append('=').append(book.size(Side.SELL, i));
        }
        return s.toString();
    }
}
