package org.tradebench.connector.support.book;

import org.tradebench.api.market.Side;

/**
 * Feeds a synchroniser from short level strings, so a test reads like the exchange's messages:
 * {@code "b100=5"} is a bid at 100 with size 5, {@code "a101=0"} removes the ask at 101. Each
 * message's times are derived from its last id (exchange time = id + 1000, received millis = id +
 * 2000, received nanos = id + 3000) so tests can check which message a commit came from.
 */
final class Feeder {

    private final UpdateIdBookSync sync;

    Feeder(UpdateIdBookSync sync) {
        this.sync = sync;
    }

    /** A diff without a previous-last id. */
    Feeder diff(long first, long last, String... levels) {
        return diff(first, last, UpdateIdBookSync.NO_UPDATE_ID, levels);
    }

    /** A diff with a previous-last id ({@code pu}). */
    Feeder diff(long first, long last, long previous, String... levels) {
        sync.beginDiff(first, last, previous, last + 1000, last + 2000, last + 3000);
        for (String level : levels) {
            level(level);
        }
        sync.endDiff();
        return this;
    }

    Feeder snapshot(long lastUpdateId, String... levels) {
        sync.beginSnapshot(lastUpdateId, lastUpdateId + 1000, lastUpdateId + 2000, lastUpdateId + 3000);
        for (String level : levels) {
            level(level);
        }
        sync.endSnapshot();
        return this;
    }

    void level(String level) {
        Side side = switch (level.charAt(0)) {
            case 'b' -> Side.BUY;
            case 'a' -> Side.SELL;
            default -> throw new IllegalArgumentException("level must start with b or a: " + level);
        };
        int eq = level.indexOf('=');
        sync.level(side, Long.parseLong(level.substring(1, eq)), Long.parseLong(level.substring(eq + 1)));
    }
}
