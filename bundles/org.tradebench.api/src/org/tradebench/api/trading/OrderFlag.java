package org.tradebench.api.trading;

/** Order flags. */
public enum OrderFlag {
    /** Rejected instead of taking liquidity. */
    POST_ONLY,
    /** May only reduce an existing position. */
    REDUCE_ONLY,
    /** Closes whatever position is open on the instrument (its quantity is the position's). */
    CLOSE_POSITION,
    /** Not shown in the public book. */
    HIDDEN
}
