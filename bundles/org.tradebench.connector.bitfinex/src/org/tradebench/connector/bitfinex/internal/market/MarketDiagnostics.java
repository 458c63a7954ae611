package org.tradebench.connector.bitfinex.internal.market;

import java.util.OptionalInt;
import java.util.function.Function;

import org.tradebench.connector.bitfinex.internal.session.BitfinexSocket;
import org.tradebench.connector.support.book.ChecksumBookSync;
import org.tradebench.core.book.OrderBook;

/**
 * What tests and diagnostics read of the market-data service: channel ids, books, checksum and
 * duplicate counters, sockets. Every method may be called from any thread; it runs under the
 * runtime lock and waits for it.
 *
 * <pre>{@code
 * MarketDiagnostics d = connector.bitfinexMarketData().diagnostics();
 * int chan = d.channelId(MarketDiagnostics.bookKey("tBTCUSD", "P0", 25)).orElseThrow();
 * long ok = d.checksumsVerified(MarketDiagnostics.bookKey("tBTCUSD", "P0", 25));
 * }</pre>
 */
public final class MarketDiagnostics {

    private final BitfinexMarketData md;

    MarketDiagnostics(BitfinexMarketData md) {
        this.md = md;
    }

    /**
     * The channel id a stream is subscribed with now. Any thread.
     *
     * @param topicKey for example {@link #bookKey(String, String, int)}
     * @return the channel id, or empty while not subscribed
     */
    public OptionalInt channelId(String topicKey) {
        return md.runtime().call(() -> {
            Topic t = md.topics().get(topicKey);
            return t == null || t.chanId == 0 ? OptionalInt.empty() : OptionalInt.of(t.chanId);
        });
    }

    /**
     * The key of a realtime book stream.
     *
     * @param raw the Bitfinex symbol
     * @param precision the precision
     * @param length the length
     * @return the key
     */
    public static String bookKey(String raw, String precision, int length) {
        return BookTopic.key(raw, precision, "F0", length);
    }

    /**
     * The key of a trades stream.
     *
     * @param raw the Bitfinex symbol
     * @return the key
     */
    public static String tradesKey(String raw) {
        return TradesTopic.key(raw);
    }

    /**
     * Runs a function on a book's master (what subscribers see) under the runtime lock.
     *
     * @param <T> result type
     * @param topicKey the book's key
     * @param f the function; receives null while the book is not valid
     * @return its result
     */
    public <T> T withBook(String topicKey, Function<OrderBook, T> f) {
        return md.runtime().call(() -> {
            Topic t = md.topics().get(topicKey);
            return f.apply(t instanceof BookTopic b && b.stream.isValid() ? b.stream.book() : null);
        });
    }

    /**
     * Runs a function on a book's working copy with its wire texts (the checksum's view).
     *
     * @param <T> result type
     * @param topicKey the book's key
     * @param f the function; receives null while the book is not valid
     * @return its result
     */
    public <T> T withChecksumBook(String topicKey, Function<ChecksumBookSync, T> f) {
        return md.runtime().call(() -> {
            Topic t = md.topics().get(topicKey);
            return f.apply(t instanceof BookTopic b && b.sync().isValid() ? b.sync() : null);
        });
    }

    /**
     * Book checksum mismatches seen so far on a book stream. Any thread.
     *
     * @param topicKey the key
     * @return the count
     */
    public long checksumMismatches(String topicKey) {
        return md.runtime().call(() -> md.topics().get(topicKey) instanceof BookTopic b ? b.sync().mismatches() : 0L);
    }

    /**
     * Book checksums verified so far on a book stream. Any thread.
     *
     * @param topicKey the key
     * @return the count
     */
    public long checksumsVerified(String topicKey) {
        return md.runtime().call(() -> md.topics().get(topicKey) instanceof BookTopic b ? b.sync().verified() : 0L);
    }

    /**
     * Duplicate trades dropped on a trades stream. Any thread.
     *
     * @param topicKey the key
     * @return the count
     */
    public long duplicateTrades(String topicKey) {
        return md.runtime().call(() -> md.topics().get(topicKey) instanceof TradesTopic t ? t.duplicates() : 0L);
    }

    /** The number of public sockets. Any thread. */
    public int socketCount() {
        return md.runtime().call(md.connections()::size);
    }

    /** The primary socket (tests). */
    public BitfinexSocket primarySocket() {
        return md.runtime().call(() -> md.connections().get(0).socket);
    }
}
