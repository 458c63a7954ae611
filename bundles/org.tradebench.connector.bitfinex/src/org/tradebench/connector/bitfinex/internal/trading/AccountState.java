package org.tradebench.connector.bitfinex.internal.trading;

import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.trading.Fill;
import org.tradebench.connector.bitfinex.internal.BitfinexAdapters;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOwnTrade;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexPosition;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexWallet;
import org.tradebench.connector.support.health.HealthModel;
import org.tradebench.connector.support.reconcile.StreamWatermarks;
import org.tradebench.connector.support.stream.TradingStream;

/**
 * The Bitfinex account's wallets (as balances per wallet), positions and fills: each change
 * published once, fills deduplicated by trade id (the last {@value OwnTradeRecovery#REMEMBERED}
 * ids), each fill added to its order's totals.
 *
 * <p>Runtime lock held for everything but the snapshot getters.
 */
final class AccountState {

    private static final System.Logger LOG = System.getLogger(AccountState.class.getName());

    private final TradingStream events;
    private final OrderTracker orders;
    private final Function<String, Optional<Instrument>> instrumentOfRaw;
    private final HealthModel.Session session;
    private final Map<String, Balance> balanceMap = new LinkedHashMap<>();
    private final Map<InstrumentId, Position> positionMap = new LinkedHashMap<>();
    private final OwnTradeRecovery.RecentIds fills = new OwnTradeRecovery.RecentIds(OwnTradeRecovery.REMEMBERED);
    private volatile List<Balance> balances = List.of();
    private volatile List<Position> positions = List.of();
    /** The time given to balances and positions the exchange does not time: now, or a recording's receive time. */
    java.util.function.Supplier<Instant> clock = Instant::now;

    /** MTS of the last own trade seen ({@code te}/{@code tu}/history), 0 before the first. */
    long lastOwnTradeMts;

    AccountState(TradingStream events, OrderTracker orders, Function<String, Optional<Instrument>> instrumentOfRaw,
            HealthModel.Session session) {
        this.events = events;
        this.orders = orders;
        this.instrumentOfRaw = instrumentOfRaw;
        this.session = session;
    }

    List<Balance> balances() {
        return balances;
    }

    List<Position> positions() {
        return positions;
    }

    boolean filled(long tradeId) {
        return fills.contains(tradeId);
    }

    /** Stream updates (ws/wu, ps/pu) stamped, to tell a REST answer older than one of them. */
    private final StreamWatermarks watermarks = new StreamWatermarks();
    private static final String POSITIONS = "positions";

    /**
     * Where the stream stands: a REST request for wallets or positions sent now answers with what
     * was true at this point.
     *
     * @return the sequence of the latest stream update
     */
    long streamSequence() {
        return watermarks.mark();
    }

    /** A wallet from the account stream. */
    void onStreamedWallet(BitfinexWallet w) {
        watermarks.streamed("wallet " + w.type() + " " + w.currency());
        onWallet(w);
    }

    /**
     * A wallet from a REST answer to a request sent at {@code requestedAt}: ignored when the stream
     * updated that wallet since (the REST answer is older than what the stream said).
     */
    void onRestWallet(BitfinexWallet w, long requestedAt) {
        if (!watermarks.olderThanStream("wallet " + w.type() + " " + w.currency(), requestedAt)) {
            onWallet(w);
        }
    }

    /** A position from the account stream. */
    void onStreamedPosition(BitfinexPosition p) {
        watermarks.streamed(POSITIONS);
        onPosition(p);
    }

    /** A position snapshot from the account stream. */
    void onStreamedPositionSnapshot(List<BitfinexPosition> list) {
        watermarks.streamed(POSITIONS);
        onPositionSnapshot(list);
    }

    /**
     * The positions from a REST answer to a request sent at {@code requestedAt}: ignored when the
     * stream changed positions since.
     */
    void onRestPositions(List<BitfinexPosition> list, long requestedAt) {
        if (!watermarks.olderThanStream(POSITIONS, requestedAt)) {
            onPositionSnapshot(list);
        }
    }

    void onWallet(BitfinexWallet w) {
        Balance b = BitfinexAdapters.balance(w, clock.get());
        String key = b.wallet() + " " + b.currency();
        Balance before = balanceMap.get(key);
        if (before != null && before.total().compareTo(b.total()) == 0
                && before.available().compareTo(b.available()) == 0) {
            // unchanged (a snapshot or the REST reconciliation repeating it): it keeps the time it
            // last changed, and balances() stays what listeners were told
            return;
        }
        balanceMap.put(key, b);
        events.balance(b);
        balances = List.copyOf(balanceMap.values());
    }

    void onPosition(BitfinexPosition p) {
        Optional<Instrument> instrument = instrumentOfRaw.apply(p.symbol());
        if (instrument.isEmpty()) {
            return;
        }
        Instant time = p.updated() != null ? Instant.ofEpochMilli(p.updated()) : clock.get();
        Position pos = BitfinexAdapters.position(p, instrument.get().id(), time);
        Position before = pos.side() == PositionSide.FLAT ? positionMap.remove(pos.instrument())
                : positionMap.put(pos.instrument(), pos);
        if (before == null && pos.side() == PositionSide.FLAT) {
            return;
        }
        if (before == null || !before.equals(pos)) {
            events.position(pos);
        }
        positions = List.copyOf(positionMap.values());
    }

    void onPositionSnapshot(List<BitfinexPosition> list) {
        Set<InstrumentId> present = new HashSet<>();
        for (BitfinexPosition p : list) {
            onPosition(p);
            instrumentOfRaw.apply(p.symbol()).ifPresent(i -> present.add(i.id()));
        }
        for (Position gone : List.copyOf(positionMap.values())) {
            if (!present.contains(gone.instrument())) {
                positionMap.remove(gone.instrument());
                events.position(new Position(gone.instrument(), PositionSide.FLAT, BigDecimal.ZERO, null,
                        gone.markPrice(), BigDecimal.ZERO, gone.realizedPnl(), gone.leverage(), null, clock.get(),
                        gone.accountId(), gone.marginMode(), null, gone.hedged()));
            }
        }
        positions = List.copyOf(positionMap.values());
    }

    /**
     * Emits a trade as a fill (once per trade id) and adds it to its order's fill totals.
     *
     * @param trade the own trade
     * @return the fill, or null when it was emitted before or cannot be shown
     */
    Fill emitFill(BitfinexOwnTrade trade) {
        lastOwnTradeMts = Math.max(lastOwnTradeMts, trade.time());
        if (!fills.add(trade.id())) {
            return null;
        }
        TrackedOrder t = orders.byId(trade.orderId());
        if (t == null && trade.clientOrderId() != null) {
            t = orders.byCid(trade.clientOrderId());
        }
        Optional<Instrument> instrument = t != null ? Optional.of(t.instrument) : instrumentOfRaw.apply(trade.symbol());
        if (instrument.isEmpty()) {
            return null;
        }
        String clientOrderId = t != null ? t.clientOrderId : "bfx-" + trade.orderId();
        try {
            Fill fill = BitfinexAdapters.fill(trade, instrument.get().id(), clientOrderId);
            if (t != null) {
                t.fillQuantity = t.fillQuantity.add(fill.quantity());
                t.fillNotional = t.fillNotional.add(fill.quantity().multiply(fill.price()));
            }
            events.fill(fill);
            return fill;
        } catch (IllegalArgumentException e) {
            session.error();
            LOG.log(Level.WARNING, "Bitfinex own trade " + trade.id() + " cannot be shown: " + e.getMessage());
            return null;
        }
    }

    /** The state a new listener gets first: open orders, balances, positions. */
    List<Object> current() {
        java.util.ArrayList<Object> out = new java.util.ArrayList<>(orders.openOrders());
        out.addAll(balanceMap.values());
        out.addAll(positionMap.values());
        return out;
    }
}
