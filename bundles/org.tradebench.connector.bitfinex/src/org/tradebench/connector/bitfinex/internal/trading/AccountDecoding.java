package org.tradebench.connector.bitfinex.internal.trading;

import java.util.Optional;
import java.util.function.Function;

import org.tradebench.api.health.SessionHealth;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.trading.TradingListener;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSink;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.health.HealthModel;
import org.tradebench.connector.support.stream.TradingStream;

/**
 * The account channel of a recording, mapped to orders, fills, balances and positions by the
 * live connector's own classes ({@link AccountSession}, {@link OrderTracker}, {@link AccountState},
 * {@link OrderEntry}'s notifications), with no socket and nothing sent.
 *
 * <pre>{@code
 * BitfinexSink sink = AccountDecoding.sink(runtime, health, listener, instrumentOfRaw);
 * new BitfinexFrameDecoder(sink).decode(frame, 0, frame.length);   // [0,"on",[...]] -> listener.onOrder(...)
 * }</pre>
 */
public final class AccountDecoding {

    private AccountDecoding() {
    }

    /**
     * A sink for the account channel that delivers to a listener.
     *
     * @param runtime an inline runtime (listeners are called during {@code decode})
     * @param health the decoder's health model
     * @param listener receives the account's events
     * @param instrumentOfRaw the instrument of a raw Bitfinex symbol
     * @return the sink
     */
    public static BitfinexSink sink(ConnectorRuntime runtime, HealthModel health, TradingListener listener,
            Function<String, Optional<Instrument>> instrumentOfRaw) {
        HealthModel.Session session = health.session(SessionHealth.TRADING);
        TradingStream events = new TradingStream(runtime, "bitfinex account (recorded)", java.util.List::of);
        events.subscribe(listener);
        OrderTracker orders = new OrderTracker(events, runtime.delivery(), instrumentOfRaw);
        AccountState account = new AccountState(events, orders, instrumentOfRaw, session);
        AccountSession s = new AccountSession(null, null, null, health, session, events);
        s.orders = orders;
        s.account = account;
        s.entry = new OrderEntry(runtime, orders, null, null, s, null, null, java.time.Duration.ofSeconds(10));
        return s;
    }

    /**
     * Tells the account channel when the next frame was received (the time of balances and
     * positions the exchange does not time).
     *
     * @param sink a sink from {@link #sink}
     * @param receivedMillis the receive time, epoch milliseconds
     */
    public static void received(BitfinexSink sink, long receivedMillis) {
        java.time.Instant at = java.time.Instant.ofEpochMilli(receivedMillis);
        ((AccountSession) sink).account.clock = () -> at;
    }

    /**
     * Delivers what a recording's account channel still holds back: own trades whose {@code tu}
     * never came, as fills without a fee.
     *
     * @param sink a sink from {@link #sink}
     */
    public static void flush(BitfinexSink sink) {
        ((AccountSession) sink).flushAwaitingFees();
    }
}
