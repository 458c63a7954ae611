package org.tradebench.secrets.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.provider.IProviderHints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tradebench.api.credentials.ApiCredentials;
import org.tradebench.api.credentials.CredentialStoreException;

/**
 * The master password without a prompt: the per-user key file, and secure storage opened with the
 * key file provider named ({@code IProviderHints.REQUIRED_MODULE_ID}), as the store opens it when no
 * keyring is usable. (Not with no options: Equinox's own pick calls every provider's check, and the
 * Linux provider's throws without libsecret; see GuardedKeyringPasswordProviderTest.)
 */
class KeyFilePasswordProviderTest {

    private static final String SECRET = "kf-s3cr3t-5be0a9d1c2";

    @TempDir
    Path dir;

    private static ISecurePreferences keyFileStorage(Path file) throws IOException {
        return SecurePreferencesFactory.open(file.toUri().toURL(),
                Map.of(IProviderHints.REQUIRED_MODULE_ID, KeyFilePasswordProvider.MODULE_ID));
    }

    @AfterEach
    void restoreKeyFileProperty() {
        System.clearProperty(MasterKeyFile.PATH_PROPERTY);
    }

    @Test
    void newKeyFileIsPrivateRandomAndStable() throws IOException {
        MasterKeyFile file = new MasterKeyFile(dir.resolve("config/tradebench/secure-storage.key"));
        char[] first = file.readOrCreate();
        char[] second = file.readOrCreate();
        assertArrayEquals(first, second, "the key is created once");
        assertEquals(43, first.length, "32 random bytes, Base64 without padding");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path().getParent())));
        try (var leftovers = Files.list(file.path().getParent())) {
            assertEquals(List.of(file.path()), leftovers.toList(), "no temporary file left behind");
        }
        char[] other = new MasterKeyFile(dir.resolve("other.key")).readOrCreate();
        assertFalse(new String(first).equals(new String(other)), "two key files, two keys");
    }

    @Test
    void keyFileOthersCanReadIsRefusedWithTheFix() throws IOException {
        MasterKeyFile file = new MasterKeyFile(dir.resolve("secure-storage.key"));
        file.readOrCreate();
        Files.setPosixFilePermissions(file.path(), PosixFilePermissions.fromString("rw-r--r--"));
        IllegalStateException e = assertThrows(IllegalStateException.class, file::read);
        assertEquals("the secure storage key file " + file.path() + " is accessible by other users (rw-r--r--);"
                + " make it private with: chmod 600 " + file.path(), e.getMessage());
    }

    @Test
    void missingKeyFileIsNotRecreatedForAnExistingStorage() {
        MasterKeyFile file = new MasterKeyFile(dir.resolve("gone.key"));
        IllegalStateException e = assertThrows(IllegalStateException.class, file::read);
        assertTrue(e.getMessage().startsWith("the secure storage key file " + file.path() + " is missing"),
                e.getMessage());
        assertFalse(file.exists());
    }

    @Test
    void damagedKeyFileIsRefused() throws IOException {
        MasterKeyFile file = new MasterKeyFile(dir.resolve("short.key"));
        Files.writeString(file.path(), "tooshort\n");
        Files.setPosixFilePermissions(file.path(), PosixFilePermissions.fromString("rw-------"));
        assertThrows(IllegalStateException.class, file::read);
    }

    @Test
    void keyFileLocationFollowsPropertyThenXdgThenHome() {
        Properties props = new Properties();
        props.setProperty("user.home", "/home/trader");
        assertEquals(Path.of("/home/trader/.config/tradebench/secure-storage.key"),
                MasterKeyFile.defaultPath(props, Map.of()));
        assertEquals(Path.of("/home/other/.config/tradebench/secure-storage.key"),
                MasterKeyFile.defaultPath(props, Map.of("HOME", "/home/other")), "$HOME wins over user.home");
        assertEquals(Path.of("/xdg/tradebench/secure-storage.key"),
                MasterKeyFile.defaultPath(props, Map.of("XDG_CONFIG_HOME", "/xdg")));
        assertEquals(Path.of("/home/trader/.config/tradebench/secure-storage.key"),
                MasterKeyFile.defaultPath(props, Map.of("XDG_CONFIG_HOME", "relative/ignored")));
        props.setProperty(MasterKeyFile.PATH_PROPERTY, "/media/usb/tradebench.key");
        assertEquals(Path.of("/media/usb/tradebench.key"),
                MasterKeyFile.defaultPath(props, Map.of("XDG_CONFIG_HOME", "/xdg")));
    }

    @Test
    void storageWithoutOptionsEncryptsWithTheKeyFileProvider() throws IOException {
        Path keyFile = dir.resolve("keys/secure-storage.key");
        System.setProperty(MasterKeyFile.PATH_PROPERTY, keyFile.toString());
        Path storageFile = dir.resolve("secure_storage");
        ISecurePreferences root = keyFileStorage(storageFile);
        SecureCredentialStore store = new SecureCredentialStore(root);
        try {
            store.store(ApiCredentials.of("bitfinex", "main", "bfxKEY-keyfile-test", SECRET.toCharArray()));
        } finally {
            store.close();
        }

        assertTrue(Files.exists(keyFile), "the provider creates the key file on first use");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        String storage = Files.readString(storageFile, StandardCharsets.ISO_8859_1);
        assertFalse(storage.contains(SECRET), storage);
        String key = Files.readString(keyFile, StandardCharsets.US_ASCII).strip();
        assertFalse(storage.contains(key), "the master key must not be in the storage file");
        assertTrue(storage.contains(KeyFilePasswordProvider.MODULE_ID),
                "the entries name the module that encrypted them: " + storage);

        // a fresh storage from the same file decrypts with the same key file
        Path copy = Files.copy(storageFile, dir.resolve("copy_of_secure_storage"));
        SecureCredentialStore fresh = new SecureCredentialStore(keyFileStorage(copy));
        try {
            assertArrayEquals(SECRET.toCharArray(), fresh.credentials("bitfinex").orElseThrow().secret());
        } finally {
            fresh.close();
        }
    }

    @Test
    void lostKeyFileIsReportedByTheStore() throws IOException {
        Path keyFile = dir.resolve("keys/secure-storage.key");
        System.setProperty(MasterKeyFile.PATH_PROPERTY, keyFile.toString());
        Path storageFile = dir.resolve("secure_storage");
        SecureCredentialStore store = new SecureCredentialStore(keyFileStorage(storageFile));
        store.store(ApiCredentials.of("bitfinex", "main", "bfxKEY-keyfile-test", SECRET.toCharArray()));
        store.close();
        Files.delete(keyFile);

        Path copy = Files.copy(storageFile, dir.resolve("copy_of_secure_storage"));
        SecureCredentialStore fresh = new SecureCredentialStore(keyFileStorage(copy));
        try {
            CredentialStoreException e = assertThrows(CredentialStoreException.class, () -> fresh.credentials("bitfinex"));
            assertTrue(e.getMessage().startsWith("Could not read the API key of bitfinex: the secure storage key file "
                    + keyFile + " is missing"), e.getMessage());
            assertFalse(e.getMessage().contains(SECRET));
            assertFalse(Files.exists(keyFile), "a new key would not decrypt the old entries: none is made");
        } finally {
            fresh.close();
        }
    }

    @Test
    void explicitModuleHintSelectsTheKeyFileProvider() throws IOException {
        System.setProperty(MasterKeyFile.PATH_PROPERTY, dir.resolve("hinted.key").toString());
        ISecurePreferences root = SecurePreferencesFactory.open(dir.resolve("hinted_storage").toUri().toURL(),
                Map.of(IProviderHints.REQUIRED_MODULE_ID, KeyFilePasswordProvider.MODULE_ID));
        SecureCredentialStore store = new SecureCredentialStore(root);
        try {
            store.store(ApiCredentials.of("binance", "spot", "binanceKEY-123456", SECRET.toCharArray()));
            assertArrayEquals(SECRET.toCharArray(), store.credentials("binance").orElseThrow().secret());
            assertTrue(Files.exists(dir.resolve("hinted.key")));
        } finally {
            store.close();
        }
    }
}
