package org.tradebench.connector.support.reconcile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A REST answer never puts back what the stream changed after the request left. */
class StreamWatermarksTest {

    private final StreamWatermarks marks = new StreamWatermarks();

    @Test
    void aRestValueAskedForBeforeTheStreamsLastWordIsOlder() {
        long asked = marks.mark();
        marks.streamed("position BTCUSDT LONG"); // the fill's ACCOUNT_UPDATE while the request was out
        assertTrue(marks.olderThanStream("position BTCUSDT LONG", asked), "the answer would undo the fill");
        assertFalse(marks.olderThanStream("balance usdm/USDT", asked), "keys the stream did not touch are filled in");
        assertFalse(marks.olderThanStream("position BTCUSDT LONG", marks.mark()), "a request after the event is newer");
    }

    @Test
    void aStreamValueBeforeTheRequestDoesNotBlockItsAnswer() {
        marks.streamed("balance usdm/USDT");
        long asked = marks.mark();
        assertFalse(marks.olderThanStream("balance usdm/USDT", asked));
        marks.streamed("balance usdm/USDT");
        assertTrue(marks.olderThanStream("balance usdm/USDT", asked));
    }
}
