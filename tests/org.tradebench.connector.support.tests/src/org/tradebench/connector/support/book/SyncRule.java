package org.tradebench.connector.support.book;

/** The four update-id rules, for tests that run the same scenario through each. */
enum SyncRule {
    BINANCE_SPOT(false),
    BINANCE_FUTURES(true),
    BACKPACK(false),
    BLUEFIN(false);

    /** Whether diffs carry the previous diff's last id and update ids jump (Binance futures). */
    final boolean futures;

    SyncRule(boolean futures) {
        this.futures = futures;
    }

    UpdateIdBookSync create(BookTarget target, SnapshotRequester requester) {
        return switch (this) {
            case BINANCE_SPOT -> new BinanceSpotBookSync(target, requester);
            case BINANCE_FUTURES -> new BinanceFuturesBookSync(target, requester);
            case BACKPACK -> new BackpackBookSync(target, requester);
            case BLUEFIN -> new BluefinBookSync(target, requester);
        };
    }

    UpdateIdBookSync create(RecordingTarget target) {
        return create(target, target);
    }
}
