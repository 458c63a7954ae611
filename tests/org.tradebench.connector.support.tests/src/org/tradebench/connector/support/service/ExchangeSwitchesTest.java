package org.tradebench.connector.support.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exchanges switched on for the workbench: off until set, kept in the file where another
 * instance (another process) reads them, listeners told of real changes only, an unreadable file
 * counting as all off, and exchange ids checked.
 */
class ExchangeSwitchesTest {

    @TempDir
    Path dir;

    @Test
    void aSwitchIsKeptInTheFileAndReadByAnotherInstance() throws IOException {
        Path file = dir.resolve(ExchangeSwitches.FOLDER).resolve(ExchangeSwitches.FILE);
        ExchangeSwitches installer = ExchangeSwitches.at(file);
        ExchangeSwitches workbench = ExchangeSwitches.at(file);
        assertFalse(workbench.isOn("bitfinex"));
        assertEquals(Set.of(), workbench.on());

        installer.set("bitfinex", true);
        installer.set("binance-usdm", true);
        assertTrue(workbench.isOn("bitfinex"), "read from the file at each question");
        assertEquals(Set.of("binance-usdm", "bitfinex"), workbench.on());
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("bitfinex=on"), text);

        installer.set("bitfinex", false);
        assertFalse(workbench.isOn("bitfinex"));
        assertFalse(Files.readString(file, StandardCharsets.ISO_8859_1).contains("bitfinex=on"));
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void listenersHearRealChangesOnly() {
        ExchangeSwitches switches = ExchangeSwitches.at(null);
        List<String> heard = new CopyOnWriteArrayList<>();
        Runnable stop = switches.listen(heard::add);
        switches.set("acme", true);
        switches.set("acme", true);
        switches.set("other", false);
        switches.set("acme", false);
        stop.run();
        switches.set("acme", true);
        assertEquals(List.of("acme", "acme"), heard);
        assertTrue(switches.isOn("acme"), "in memory, without a file");
    }

    @Test
    void anUnreadableFileCountsAsAllOffAndIsReplacedByTheNextSwitch() throws IOException {
        Path file = dir.resolve("switched-on.properties");
        Files.writeString(file, "bitfinex=on\nbroken=\\uZZZZ\n", StandardCharsets.ISO_8859_1);
        ExchangeSwitches switches = ExchangeSwitches.at(file);
        assertFalse(switches.isOn("bitfinex"));
        switches.set("binance", true);
        assertTrue(switches.isOn("binance"));
        assertEquals(Set.of("binance"), switches.on());
    }

    @Test
    void exchangeIdsAreChecked() {
        ExchangeSwitches switches = ExchangeSwitches.at(null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> switches.set("../etc", true));
        assertTrue(e.getMessage().contains("'../etc'"), e.getMessage());
        assertThrows(NullPointerException.class, () -> switches.isOn(null));
    }
}
