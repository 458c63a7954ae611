package org.tradebench.connector.support.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.Subscription;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.instrument.InstrumentSpec;
import org.tradebench.api.instrument.InstrumentsChanged;
import org.tradebench.api.instrument.PricePrecision;
import org.tradebench.connector.support.Await;
import org.tradebench.connector.support.ConnectorRuntime;

/**
 * The instrument list behind {@code instruments()} and {@code subscribeInstruments}: a newcomer
 * hears the whole list first (even before the first list arrived), then each change with exactly
 * what was added, changed and removed; a list that changes nothing is not published; every call on
 * the delivery thread.
 */
class InstrumentDirectoryTest {

    private static final InstrumentId BTC = new InstrumentId("myx", "BTC/USD");
    private static final InstrumentId ETH = new InstrumentId("myx", "ETH/USD");
    private static final InstrumentId SOL = new InstrumentId("myx", "SOL/USD");

    private final ConnectorRuntime runtime = ConnectorRuntime.start("dirtest");
    private final InstrumentDirectory directory = new InstrumentDirectory(runtime, "myx");
    private final List<InstrumentsChanged> heard = new ArrayList<>();
    private final List<String> threads = new ArrayList<>();

    @AfterEach
    void close() {
        runtime.close();
    }

    private static Instrument spot(InstrumentId id, String tick) {
        return new Instrument(id, InstrumentKind.SPOT, new InstrumentSpec(new BigDecimal(tick), new BigDecimal("0.001"),
                BigDecimal.ONE), id.symbol().replace("/", ""));
    }

    private Subscription listen() {
        return directory.subscribe(c -> {
            synchronized (heard) {
                heard.add(c);
                threads.add(Thread.currentThread().getName());
            }
        });
    }

    private InstrumentsChanged replace(List<Instrument> next) {
        synchronized (runtime.lock()) {
            return directory.replace(next);
        }
    }

    private List<InstrumentsChanged> heard(int n) {
        Await.until(() -> {
            synchronized (heard) {
                return heard.size() >= n;
            }
        }, () -> n + " changes heard, got " + heard);
        synchronized (heard) {
            assertEquals(n, heard.size(), () -> "exactly " + n + ": " + heard);
            return List.copyOf(heard);
        }
    }

    @Test
    void aNewcomerHearsTheWholeListFirstThenEachChangeExactly() {
        assertFalse(directory.loaded());
        Subscription early = listen();
        assertEquals(List.of(), heard(1).get(0).instruments(), "before any list: the empty list");

        InstrumentsChanged first = replace(List.of(spot(BTC, "0.1"), spot(ETH, "0.01")));
        assertTrue(directory.loaded());
        assertEquals(List.of(BTC, ETH), first.added().stream().map(Instrument::id).toList());
        assertEquals(first, heard(2).get(1));

        InstrumentsChanged second = replace(List.of(spot(BTC, "0.5"), spot(SOL, "0.001")));
        assertEquals(List.of(SOL), second.added().stream().map(Instrument::id).toList());
        assertEquals(List.of(BTC), second.changed().stream().map(Instrument::id).toList(), "BTC's tick changed");
        assertEquals(List.of(ETH), second.removed());
        assertEquals(List.of(BTC, SOL), second.instruments().stream().map(Instrument::id).toList());
        assertEquals(second, heard(3).get(2));

        assertNull(replace(List.of(spot(BTC, "0.5"), spot(SOL, "0.001"))), "the same list again changes nothing");
        assertEquals(new PricePrecision.TickSize(new BigDecimal("0.5")), directory.find(BTC).orElseThrow().spec().pricePrecision());
        assertTrue(directory.find(ETH).isEmpty());

        List<InstrumentsChanged> late = new ArrayList<>();
        Subscription s = directory.subscribe(late::add);
        Await.until(() -> !late.isEmpty(), () -> "the late subscriber's first list");
        assertEquals(InstrumentsChanged.initial("myx", directory.instruments()), late.get(0));
        s.close();
        early.close();
        synchronized (heard) {
            assertTrue(threads.stream().allMatch("dirtest-delivery"::equals), threads::toString);
        }
        heard(3);
    }

    @Test
    void anEmptyFirstListIsPublishedSoListenersKnowItArrived() {
        listen();
        heard(1);
        InstrumentsChanged c = replace(List.of());
        assertTrue(directory.loaded());
        assertEquals(List.of(), c.instruments());
        heard(2);
        assertNull(replace(List.of()));
    }
}
