package org.tradebench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.core.Registration;

class InstrumentLinkGroupTest {

    private static final InstrumentId BTC = new InstrumentId("simulated", "BTC/USD");
    private static final InstrumentId ETH = new InstrumentId("simulated", "ETH/USD");

    @Test
    void oneGroupPerNameWithDefaultAmongThem() {
        assertSame(InstrumentLinkGroup.named("red"), InstrumentLinkGroup.named("red"));
        assertSame(InstrumentLinkGroup.DEFAULT, InstrumentLinkGroup.named("default"));
        assertEquals("red", InstrumentLinkGroup.named("red").name());
    }

    @Test
    void selectingTellsEveryListenerOnceAndRepeatingTellsNobody() {
        InstrumentLinkGroup group = InstrumentLinkGroup.named("link-test-1");
        assertEquals(Optional.empty(), group.selected());
        List<InstrumentId> a = new ArrayList<>();
        List<InstrumentId> b = new ArrayList<>();
        group.addListener(a::add);
        Registration rb = group.addListener(b::add);
        group.select(BTC);
        group.select(BTC);
        group.select(ETH);
        assertEquals(List.of(BTC, ETH), a);
        assertEquals(List.of(BTC, ETH), b);
        assertEquals(Optional.of(ETH), group.selected());

        rb.close();
        rb.close();
        group.select(BTC);
        assertEquals(List.of(BTC, ETH, BTC), a);
        assertEquals(List.of(BTC, ETH), b, "a closed registration hears nothing");
    }

    @Test
    void groupsAreIndependent() {
        InstrumentLinkGroup red = InstrumentLinkGroup.named("link-test-red");
        InstrumentLinkGroup blue = InstrumentLinkGroup.named("link-test-blue");
        red.select(BTC);
        blue.select(ETH);
        assertEquals(Optional.of(BTC), red.selected());
        assertEquals(Optional.of(ETH), blue.selected());
    }
}
