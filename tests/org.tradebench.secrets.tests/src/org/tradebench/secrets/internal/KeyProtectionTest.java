package org.tradebench.secrets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tradebench.secrets.KeyProtection;

/**
 * The preference page's notice: what the store uses, or would choose. With the shipped Linux
 * provider and no libsecret, or a keyring whose check throws, the key file protects the keys.
 */
class KeyProtectionTest {

    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        System.clearProperty(MasterKeyFile.PATH_PROPERTY);
        GuardedKeyringPasswordProvider.useDelegates(null);
    }

    @Test
    void aKeyringWhoseCheckThrowsLeavesTheKeyFile() {
        GuardedKeyringPasswordProvider.useDelegates(() -> {
            throw new UnsatisfiedLinkError("Unable to load library 'secret-1'");
        });
        withoutAKeyringTheKeyFileProtectsTheKeys();
    }

    @Test
    void withoutAKeyringTheKeyFileProtectsTheKeys() {
        Path keyFile = dir.resolve("secure-storage.key");
        System.setProperty(MasterKeyFile.PATH_PROPERTY, keyFile.toString());
        KeyProtection protection = KeyProtection.current();
        assertTrue(protection.isKeyFile(), protection.toString());
        assertEquals(KeyFilePasswordProvider.MODULE_ID, protection.moduleId());
        assertEquals(keyFile, protection.keyFile());
        assertEquals("API keys are protected by the Tradebench key file " + keyFile + " (readable by your user account"
                + " only); no operating-system keyring is in use.", protection.describe());
    }

    @Test
    void aKeyringIsNamedInTheNotice() {
        assertEquals("API keys are protected by the operating-system keyring (Secret Service).",
                new KeyProtection(GuardedKeyringPasswordProvider.MODULE_ID, GuardedKeyringPasswordProvider.NAME, null)
                        .describe());
    }
}
