package org.tradebench.api.market;

import java.time.Duration;
import java.util.List;

/**
 * The books an exchange offers for an instrument.
 *
 * <pre>{@code
 * BookOptions o = md.bookOptions(btc);
 * // Bitfinex: depths [1, 25, 100, 250], per-order true, groupings [none, 4..1 significant digits],
 * //           intervals [0 (realtime, F0), 2 s (F1)]
 * groupingCombo.setItems(o.groupings().stream().map(BookGrouping::describe).toArray(String[]::new));
 * }</pre>
 *
 * @param depths the depths (levels per side) the exchange sends, ascending
 * @param perOrder whether a per-order (raw) book is offered
 * @param groupings the price groupings offered, {@link BookGrouping#NONE} first
 * @param updateIntervals the update intervals offered, fastest first ({@link Duration#ZERO} for
 *        every change)
 * @param orderCounts whether aggregated levels carry the number of orders
 * @param checksummed whether the connector verifies the book against exchange checksums
 */
public record BookOptions(List<Integer> depths, boolean perOrder, List<BookGrouping> groupings,
        List<Duration> updateIntervals, boolean orderCounts, boolean checksummed) {

    /** Validates and copies. */
    public BookOptions {
        depths = List.copyOf(depths);
        groupings = List.copyOf(groupings);
        updateIntervals = List.copyOf(updateIntervals);
        if (depths.isEmpty()) {
            throw new IllegalArgumentException("a book offers at least one depth");
        }
        if (groupings.isEmpty() || groupings.get(0).kind() != BookGrouping.Kind.NONE) {
            throw new IllegalArgumentException("groupings start with BookGrouping.NONE");
        }
        if (updateIntervals.isEmpty()) {
            throw new IllegalArgumentException("a book offers at least one update interval");
        }
    }

    /**
     * The deepest book offered.
     *
     * @return the largest depth
     */
    public int maxDepth() {
        return depths.get(depths.size() - 1);
    }
}
