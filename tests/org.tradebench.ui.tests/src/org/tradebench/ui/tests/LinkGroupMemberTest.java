package org.tradebench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.ui.XMLMemento;
import org.junit.jupiter.api.Test;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.core.ViewLink;

/** A view's member handle and its link: following, moving between groups, unlinking, saving. */
class LinkGroupMemberTest {

    private static final InstrumentId BTC = new InstrumentId("simulated", "BTC/USD");
    private static final InstrumentId ETH = new InstrumentId("simulated", "ETH/USD");
    private static final InstrumentId SOL = new InstrumentId("binance", "SOL/USDT");

    private static int groups;

    private static InstrumentLinkGroup fresh() {
        return InstrumentLinkGroup.named("member-test-" + groups++);
    }

    @Test
    void standardGroupsHaveDistinctColoursAndDefaultComesFirst() {
        List<InstrumentLinkGroup> standard = InstrumentLinkGroup.standard();
        assertSame(InstrumentLinkGroup.DEFAULT, standard.get(0));
        assertEquals(List.of("Default", "Red", "Green", "Blue", "Orange", "Violet"),
                standard.stream().map(InstrumentLinkGroup::label).toList());
        assertEquals(standard.size(), standard.stream().map(g -> g.rgb().orElseThrow()).distinct().count());
        assertSame(InstrumentLinkGroup.RED, InstrumentLinkGroup.named("red"));
        assertEquals(Optional.empty(), fresh().rgb(), "a group named in code has no colour");
    }

    @Test
    void aMemberFollowsItsGroupAndLeadsIt() {
        InstrumentLinkGroup group = fresh();
        InstrumentLinkGroup member = InstrumentLinkGroup.member(group);
        List<InstrumentId> seen = new ArrayList<>();
        member.addListener(seen::add);
        group.select(BTC);
        assertEquals(List.of(BTC), seen);
        assertEquals(Optional.of(BTC), member.selected());
        member.select(ETH);
        assertEquals(Optional.of(ETH), group.selected(), "the member's selection is the group's");
        assertEquals(List.of(BTC, ETH), seen);
        assertEquals(group.name(), member.name());
        assertSame(group, member.group());
    }

    @Test
    void movingToAnotherGroupShowsItsInstrumentAndStopsFollowingTheOld() {
        InstrumentLinkGroup a = fresh();
        InstrumentLinkGroup b = fresh();
        a.select(BTC);
        b.select(ETH);
        InstrumentLinkGroup member = InstrumentLinkGroup.member(a);
        List<InstrumentId> seen = new ArrayList<>();
        member.addListener(seen::add);
        member.join(b);
        assertEquals(List.of(ETH), seen, "told the new group's instrument at once");
        a.select(SOL);
        assertEquals(List.of(ETH), seen, "the old group no longer leads it");
        b.select(BTC);
        assertEquals(List.of(ETH, BTC), seen);
        assertEquals(Optional.of(SOL), a.selected(), "leaving changes nothing in the old group");
    }

    @Test
    void joiningAnEmptyGroupBringsTheInstrumentAlong() {
        InstrumentLinkGroup a = fresh();
        a.select(SOL);
        InstrumentLinkGroup member = InstrumentLinkGroup.member(a);
        InstrumentLinkGroup empty = fresh();
        member.join(empty);
        assertEquals(Optional.of(SOL), empty.selected());
        assertEquals(Optional.of(SOL), member.selected());
    }

    @Test
    void anUnlinkedViewFollowsNobodyAndNobodyFollowsIt() {
        InstrumentLinkGroup shared = fresh();
        shared.select(BTC);
        InstrumentLinkGroup one = InstrumentLinkGroup.member(shared);
        InstrumentLinkGroup two = InstrumentLinkGroup.member(shared);
        one.join(InstrumentLinkGroup.unlinked());
        assertTrue(one.isUnlinked());
        assertEquals(Optional.of(BTC), one.selected(), "keeps what it showed");
        List<InstrumentId> seenByTwo = new ArrayList<>();
        two.addListener(seenByTwo::add);
        one.select(ETH);
        assertEquals(List.of(), seenByTwo);
        assertEquals(Optional.of(BTC), shared.selected());
        shared.select(SOL);
        assertEquals(Optional.of(ETH), one.selected());
        assertNotSame(InstrumentLinkGroup.unlinked().group(), InstrumentLinkGroup.unlinked().group());
    }

    @Test
    void pickedPricesReachTheMembersOfTheGroupOnly() {
        InstrumentLinkGroup a = fresh();
        InstrumentLinkGroup b = fresh();
        InstrumentLinkGroup inA = InstrumentLinkGroup.member(a);
        InstrumentLinkGroup inB = InstrumentLinkGroup.member(b);
        List<BigDecimal> pickedA = new ArrayList<>();
        List<BigDecimal> pickedB = new ArrayList<>();
        inA.addPriceListener((i, s, p) -> pickedA.add(p));
        inB.addPriceListener((i, s, p) -> pickedB.add(p));
        inA.pickPrice(BTC, Side.BUY, new BigDecimal("64000.5"));
        assertEquals(List.of(new BigDecimal("64000.5")), pickedA);
        assertEquals(List.of(), pickedB);
        inB.join(a);
        a.pickPrice(BTC, Side.SELL, new BigDecimal("64001"));
        assertEquals(List.of(new BigDecimal("64001")), pickedB);
    }

    @Test
    void groupsCannotJoinAndReservedNamesAreRefused() {
        InstrumentLinkGroup member = InstrumentLinkGroup.member(fresh());
        assertThrows(IllegalStateException.class, () -> fresh().join(InstrumentLinkGroup.RED));
        assertThrows(IllegalArgumentException.class, () -> member.join(InstrumentLinkGroup.member(fresh())));
        assertThrows(IllegalArgumentException.class, () -> InstrumentLinkGroup.named("unlinked"));
        assertThrows(IllegalArgumentException.class, () -> InstrumentLinkGroup.named("member"));
    }

    @Test
    void theLinkIsSavedAndRestoredWithTheView() throws Exception {
        ViewLink red = ViewLink.to(InstrumentLinkGroup.DEFAULT);
        red.join(InstrumentLinkGroup.RED);
        assertEquals("Link group: Red", red.describe());
        ViewLink restored = ViewLink.restore(roundTrip(red));
        assertSame(InstrumentLinkGroup.RED, restored.member().group());

        ViewLink alone = ViewLink.to(InstrumentLinkGroup.DEFAULT);
        alone.join(InstrumentLinkGroup.unlinked());
        ViewLink restoredAlone = ViewLink.restore(roundTrip(alone));
        assertTrue(restoredAlone.member().isUnlinked());
        assertEquals("Link group: Unlinked (follows nobody)", restoredAlone.describe());

        assertSame(InstrumentLinkGroup.DEFAULT, ViewLink.restore(null).member().group(), "first open: Default");
        XMLMemento odd = XMLMemento.createWriteRoot("view");
        odd.putString(ViewLink.MEMENTO_KEY, "member");
        assertSame(InstrumentLinkGroup.DEFAULT, ViewLink.restore(odd).member().group(), "a reserved name: Default");
        red.close();
        alone.close();
    }

    @Test
    void theIconIsTheGroupsColourInsideADarkEdge() {
        RGB rgb = InstrumentLinkGroup.BLUE.rgb().orElseThrow();
        ImageData data = ViewLink.icon(rgb).getImageData(100);
        assertEquals(12, data.width);
        assertEquals(rgb, data.palette.getRGB(data.getPixel(6, 6)));
        assertEquals(new RGB(0x30, 0x30, 0x30), data.palette.getRGB(data.getPixel(0, 6)));
        ImageData none = ViewLink.icon(null).getImageData(100);
        assertEquals(0, none.getAlpha(2, 5), "no colour: the inside is transparent but for the stroke");
        assertFalse(none.getAlpha(0, 0) == 0);
    }

    private static XMLMemento roundTrip(ViewLink link) throws Exception {
        XMLMemento memento = XMLMemento.createWriteRoot("view");
        link.saveState(memento);
        StringWriter out = new StringWriter();
        memento.save(out);
        return XMLMemento.createReadRoot(new StringReader(out.toString()));
    }
}
