package org.tradebench.ui.positions.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tradebench.api.account.Position;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.trading.AccountRef;

/**
 * The latest positions, marks and health of every account, written from connector threads, read
 * by the display thread as immutable {@link Row}s. Thread-safe (one lock, short methods).
 */
public final class PositionsModel {

    /**
     * A mark price and when it was received.
     *
     * @param price the mark
     * @param time its exchange time
     */
    public record Mark(BigDecimal price, Instant time) {
    }

    /**
     * One account header.
     *
     * @param ref the account
     * @param name its name
     * @param health its health, nullable before the first value
     * @param viaGateway whether the gateway is there to send closes
     */
    public record AccountHeader(AccountRef ref, String name, ConnectionHealth health, boolean viaGateway) {
        /**
         * Whether its numbers are live.
         *
         * @return true when LIVE
         */
        public boolean live() {
            return health != null && health.state() == ConnectionState.LIVE;
        }
    }

    /**
     * One position as shown.
     *
     * @param account the account
     * @param position the position as the connector sent it
     * @param mark the mark used for the P&amp;L, nullable when none is known
     * @param liveMark whether {@code mark} is the live mark stream's (newer than the position)
     * @param pnl unrealised P&amp;L at {@code mark} (recomputed when the mark is live), nullable
     * @param liquidationDistance |mark − liquidation| / mark, nullable
     * @param nearLiquidation whether the warning is due
     * @param live whether the account is live
     */
    public record Row(AccountHeader account, Position position, BigDecimal mark, boolean liveMark, BigDecimal pnl,
            BigDecimal liquidationDistance, boolean nearLiquidation, boolean live) {
    }

    private static final class State {
        AccountHeader header;
        final Map<String, Position> positions = new LinkedHashMap<>();

        State(AccountHeader header) {
            this.header = header;
        }
    }

    private final Map<AccountRef, State> accounts = new LinkedHashMap<>();
    private final Map<InstrumentId, Mark> marks = new HashMap<>();

    /**
     * Adds or renames an account.
     *
     * @param ref the account
     * @param name its name
     * @param viaGateway whether the gateway runs
     */
    public synchronized void addAccount(AccountRef ref, String name, boolean viaGateway) {
        State s = accounts.get(ref);
        if (s == null) {
            accounts.put(ref, new State(new AccountHeader(ref, name, null, viaGateway)));
        } else {
            s.header = new AccountHeader(ref, name, s.header.health(), viaGateway);
        }
    }

    /**
     * Keeps only these accounts.
     *
     * @param keep the accounts still there
     */
    public synchronized void retain(Set<AccountRef> keep) {
        accounts.keySet().retainAll(keep);
    }

    /**
     * An account's health changed.
     *
     * @param ref the account
     * @param health the value
     */
    public synchronized void health(AccountRef ref, ConnectionHealth health) {
        State s = accounts.get(ref);
        if (s != null) {
            s.header = new AccountHeader(ref, s.header.name(), health, s.header.viaGateway());
        }
    }

    /**
     * A position changed (flat removes it).
     *
     * @param ref the account
     * @param p the position
     */
    public synchronized void position(AccountRef ref, Position p) {
        State s = accounts.get(ref);
        if (s == null) {
            return;
        }
        String key = p.instrument() + "|" + (p.hedged() ? p.side().name() : "");
        if (p.side() == PositionSide.FLAT) {
            s.positions.remove(key);
        } else {
            s.positions.put(key, p);
        }
    }

    /**
     * A live mark price.
     *
     * @param id the instrument
     * @param price the mark
     * @param time its time
     */
    public synchronized void mark(InstrumentId id, BigDecimal price, Instant time) {
        if (price != null && price.signum() > 0) {
            marks.put(id, new Mark(price, time));
        }
    }

    /**
     * The instruments held, for mark subscriptions.
     *
     * @return the instruments of every open position
     */
    public synchronized Set<InstrumentId> held() {
        Set<InstrumentId> ids = new java.util.LinkedHashSet<>();
        for (State s : accounts.values()) {
            s.positions.values().forEach(p -> ids.add(p.instrument()));
        }
        return ids;
    }

    /**
     * The accounts.
     *
     * @return the headers, in the order they were added
     */
    public synchronized List<AccountHeader> accounts() {
        return accounts.values().stream().map(s -> s.header).toList();
    }

    /**
     * The rows, P&amp;L recomputed from the live mark when it is newer than the connector's value.
     *
     * @param warnWithin the liquidation warning's fraction (0.10 for 10 %)
     * @return one row per open position, grouped by account
     */
    public synchronized List<Row> rows(BigDecimal warnWithin) {
        List<Row> rows = new ArrayList<>();
        for (State s : accounts.values()) {
            for (Position p : s.positions.values()) {
                Mark live = marks.get(p.instrument());
                boolean useLive = live != null && (p.markPrice() == null || live.time().isAfter(p.time()));
                BigDecimal mark = useLive ? live.price() : p.markPrice();
                BigDecimal pnl = useLive ? PositionMath.unrealizedPnl(p, mark) : p.unrealizedPnl();
                rows.add(new Row(s.header, p, mark, useLive, pnl,
                        PositionMath.liquidationDistance(mark, p.liquidationPrice()),
                        PositionMath.nearLiquidation(p, mark, warnWithin), s.header.live()));
            }
        }
        return rows;
    }
}
