package org.tradebench.secrets.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.core.runtime.IExtensionPoint;
import org.eclipse.core.runtime.RegistryFactory;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.provider.IPreferencesContainer;
import org.eclipse.equinox.security.storage.provider.IProviderHints;
import org.eclipse.equinox.security.storage.provider.PasswordProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tradebench.api.credentials.ApiCredentials;
import org.tradebench.api.credentials.CredentialStoreException;

/**
 * The guarded keyring provider and the store's choice of provider, on secure storage files in a
 * temporary directory: fake keyrings for the paths that need one (it works, it throws
 * {@code UnsatisfiedLinkError}, it answers "not valid", it fails only when asked for the password),
 * and Equinox's real Linux provider on this machine (no libsecret: with a D-Bus session bus, as
 * under ./verify, its check throws; without one it answers "not valid").
 */
class GuardedKeyringPasswordProviderTest {

    private static final String SECRET = "kr-s3cr3t-6e2d90b4f1a7";
    private static final String OLD_SECRET = "kr-old-s3cr3t-0c8f3a5d27e9";
    private static final String KEYRING_PASSWORD = "kr-master-4b7e1d09c3f26a85";

    @TempDir
    Path dir;

    private Path keyFile;

    @BeforeEach
    void keyFileInTheTemporaryDirectory() {
        keyFile = dir.resolve("keys/secure-storage.key");
        System.setProperty(MasterKeyFile.PATH_PROPERTY, keyFile.toString());
    }

    @AfterEach
    void restore() {
        GuardedKeyringPasswordProvider.useDelegates(null);
        System.clearProperty(MasterKeyFile.PATH_PROPERTY);
    }

    /** What the DS component does, on a file of our own. */
    private static SecureCredentialStore store(Path storageFile) {
        return new SecureCredentialStore(module -> SecurePreferencesFactory.open(storageFile.toUri().toURL(),
                module == null ? null : Map.<Object, Object>of(IProviderHints.REQUIRED_MODULE_ID, module)),
                new GuardedKeyringPasswordProvider());
    }

    private static ApiCredentials keys(String secret) {
        return ApiCredentials.of("bitfinex", "main", "bfxKEY-keyring-test", secret.toCharArray());
    }

    private static String contents(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.ISO_8859_1);
    }

    private void assertRoundTrip(Path storageFile, String secret) throws IOException {
        // a copy is a new storage root in Equinox: nothing cached, the provider is asked again
        Path copy = Files.copy(storageFile, dir.resolve("copy-" + System.nanoTime()));
        SecureCredentialStore fresh = store(copy);
        try {
            assertArrayEquals(secret.toCharArray(), fresh.credentials("bitfinex").orElseThrow().secret());
        } finally {
            fresh.close();
        }
    }

    @Test
    void aWorkingKeyringProtectsNewKeys() throws IOException {
        FakeKeyring keyring = new FakeKeyring();
        GuardedKeyringPasswordProvider.useDelegates(() -> keyring);
        Path file = dir.resolve("secure_storage");
        SecureCredentialStore store = store(file);
        try {
            store.store(keys(SECRET));
            assertEquals(GuardedKeyringPasswordProvider.MODULE_ID, store.moduleId());
        } finally {
            store.close();
        }
        String storage = contents(file);
        assertTrue(storage.contains(GuardedKeyringPasswordProvider.MODULE_ID), storage);
        assertFalse(storage.contains(KeyFilePasswordProvider.MODULE_ID), storage);
        assertFalse(storage.contains(SECRET), storage);
        assertFalse(storage.contains(KEYRING_PASSWORD), "the master password stays in the keyring");
        assertFalse(Files.exists(keyFile), "no key file is made while the keyring works");
        assertEquals(1, keyring.created, "one master password was made in the keyring");
        assertRoundTrip(file, SECRET);
    }

    @Test
    void aNewStorageReusesTheMasterPasswordAlreadyInTheKeyring() {
        FakeKeyring keyring = new FakeKeyring();
        keyring.stored = "kr-other-app-9d3c5e7f1a2b"; // another Eclipse application's master password
        GuardedKeyringPasswordProvider provider = new GuardedKeyringPasswordProvider(() -> keyring);
        PBEKeySpec password = provider.getPassword(null, PasswordProvider.CREATE_NEW_PASSWORD);
        assertArrayEquals("kr-other-app-9d3c5e7f1a2b".toCharArray(), password.getPassword());
        assertEquals(0, keyring.created, "the keyring's master password is not replaced");
        assertNull(provider.getPassword(null, PasswordProvider.PASSWORD_CHANGE), "no change of the master password");
    }

    @Test
    void aKeyringWithoutItsNativeLibraryFallsBackToTheKeyFile() throws IOException {
        GuardedKeyringPasswordProvider.useDelegates(NoLibsecret::new);
        GuardedKeyringPasswordProvider provider = new GuardedKeyringPasswordProvider();
        assertFalse(provider.usable());
        assertTrue(provider.unusableReason().contains("UnsatisfiedLinkError"), provider.unusableReason());
        GuardedKeyringPasswordProvider.KeyringUnavailableException e = assertThrows(
                GuardedKeyringPasswordProvider.KeyringUnavailableException.class,
                () -> provider.getPassword(null, PasswordProvider.CREATE_NEW_PASSWORD));
        assertTrue(e.getMessage().startsWith("the operating-system keyring (Secret Service) is not usable:"), e.getMessage());
        assertKeyFileProtects(dir.resolve("secure_storage"));
    }

    @Test
    void anInvalidKeyringFallsBackToTheKeyFile() throws IOException {
        FakeKeyring keyring = new FakeKeyring();
        keyring.valid = false;
        GuardedKeyringPasswordProvider.useDelegates(() -> keyring);
        assertKeyFileProtects(dir.resolve("secure_storage"));
        assertEquals(0, keyring.asked, "an invalid keyring is never asked for a password");
    }

    @Test
    void noKeyringProviderInstalledMeansTheKeyFile() throws IOException {
        GuardedKeyringPasswordProvider.useDelegates(() -> null);
        assertKeyFileProtects(dir.resolve("secure_storage"));
    }

    @Test
    void aKeyringThatFailsWhileSavingFallsBackToTheKeyFile() throws IOException {
        FakeKeyring keyring = new FakeKeyring();
        keyring.failPasswords = true; // its check passes, then it throws when asked for the password
        GuardedKeyringPasswordProvider.useDelegates(() -> keyring);
        Path file = dir.resolve("secure_storage");
        SecureCredentialStore store = store(file);
        try {
            store.store(keys(SECRET));
            assertEquals(KeyFilePasswordProvider.MODULE_ID, store.moduleId(), "switched to the key file");
            assertArrayEquals(SECRET.toCharArray(), store.credentials("bitfinex").orElseThrow().secret());
        } finally {
            store.close();
        }
        assertTrue(keyring.asked > 0);
        String storage = contents(file);
        assertFalse(storage.contains(GuardedKeyringPasswordProvider.MODULE_ID), "nothing was saved with the keyring");
        assertTrue(Files.exists(keyFile));

        keyring.failPasswords = false; // the keyring works again: the storage stays with the key file
        assertRoundTrip(file, SECRET);
        SecureCredentialStore again = store(file);
        try {
            again.store(keys(OLD_SECRET));
            assertEquals(KeyFilePasswordProvider.MODULE_ID, again.moduleId());
        } finally {
            again.close();
        }
    }

    @Test
    void aStorageProtectedByTheKeyFileStaysWithTheKeyFileWhenAKeyringArrives() throws IOException {
        // saved before the keyring was shipped: the key file provider, named explicitly
        Path file = dir.resolve("secure_storage");
        SecureCredentialStore old = new SecureCredentialStore(SecurePreferencesFactory.open(file.toUri().toURL(),
                Map.of(IProviderHints.REQUIRED_MODULE_ID, KeyFilePasswordProvider.MODULE_ID)));
        try {
            old.store(keys(OLD_SECRET));
        } finally {
            old.close();
        }

        FakeKeyring keyring = new FakeKeyring();
        GuardedKeyringPasswordProvider.useDelegates(() -> keyring);
        Path copy = Files.copy(file, dir.resolve("secure_storage_later"));
        SecureCredentialStore store = store(copy);
        try {
            assertArrayEquals(OLD_SECRET.toCharArray(), store.credentials("bitfinex").orElseThrow().secret());
            assertEquals(KeyFilePasswordProvider.MODULE_ID, store.moduleId());
            store.store(ApiCredentials.of("binance", "spot", "binanceKEY-keyring-test", SECRET.toCharArray()));
            assertArrayEquals(SECRET.toCharArray(), store.credentials("binance").orElseThrow().secret());
        } finally {
            store.close();
        }
        assertEquals(0, keyring.asked, "the keyring is not used for a storage the key file protects");
        assertFalse(contents(copy).contains(GuardedKeyringPasswordProvider.MODULE_ID));
    }

    @Test
    void keysSavedWithTheKeyringNeedTheKeyringButNewKeysFallBack() throws IOException {
        FakeKeyring keyring = new FakeKeyring();
        GuardedKeyringPasswordProvider.useDelegates(() -> keyring);
        Path file = dir.resolve("secure_storage");
        SecureCredentialStore store = store(file);
        try {
            store.store(keys(OLD_SECRET));
        } finally {
            store.close();
        }

        GuardedKeyringPasswordProvider.useDelegates(NoLibsecret::new); // libsecret removed since
        Path copy = Files.copy(file, dir.resolve("secure_storage_later"));
        SecureCredentialStore later = store(copy);
        try {
            CredentialStoreException e = assertThrows(CredentialStoreException.class, () -> later.credentials("bitfinex"));
            assertTrue(e.getMessage().startsWith("Could not read the API key of bitfinex: the operating-system keyring"
                    + " (Secret Service) is not usable:"), e.getMessage());
            assertFalse(e.getMessage().contains(OLD_SECRET));
            assertEquals(KeyFilePasswordProvider.MODULE_ID, later.moduleId(), "new keys go to the key file");
            later.store(ApiCredentials.of("binance", "spot", "binanceKEY-keyring-test", SECRET.toCharArray()));
            assertArrayEquals(SECRET.toCharArray(), later.credentials("binance").orElseThrow().secret());
        } finally {
            later.close();
        }
    }

    /** Equinox's Linux provider as shipped, on this machine: guarded, never an error. */
    @Test
    void theInstalledLinuxProviderWithoutLibsecretFallsBackToTheKeyFile() throws IOException {
        IExtensionPoint point = RegistryFactory.getRegistry().getExtensionPoint("org.eclipse.equinox.security.secureStorage");
        assertTrue(Stream.of(point.getExtensions()).anyMatch(
                x -> GuardedKeyringPasswordProvider.LINUX_EXTENSION_ID.equals(x.getUniqueIdentifier())),
                "org.eclipse.equinox.security.linux is in the test runtime");
        GuardedKeyringPasswordProvider provider = new GuardedKeyringPasswordProvider();
        String reason = provider.unusableReason(); // must not throw, with or without a session bus
        assumeFalse(libsecretInstalled(), "libsecret is installed here: the keyring may be usable");
        assertNotNull(reason, "without libsecret the keyring is not usable");
        if (System.getenv("DBUS_SESSION_BUS_ADDRESS") != null) {
            assertTrue(reason.contains("UnsatisfiedLinkError"), reason);
        }
        assertKeyFileProtects(dir.resolve("secure_storage"));
    }

    private void assertKeyFileProtects(Path file) throws IOException {
        SecureCredentialStore store = store(file);
        try {
            store.store(keys(SECRET));
            assertEquals(KeyFilePasswordProvider.MODULE_ID, store.moduleId());
            assertArrayEquals(SECRET.toCharArray(), store.credentials("bitfinex").orElseThrow().secret());
        } finally {
            store.close();
        }
        String storage = contents(file);
        assertTrue(storage.contains(KeyFilePasswordProvider.MODULE_ID), storage);
        assertFalse(storage.contains(GuardedKeyringPasswordProvider.MODULE_ID), storage);
        assertFalse(storage.contains(SECRET), storage);
        assertTrue(Files.exists(keyFile));
        assertRoundTrip(file, SECRET);
    }

    private static boolean libsecretInstalled() {
        for (String d : List.of("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib",
                "/usr/lib/aarch64-linux-gnu")) {
            if (Files.exists(Path.of(d, "libsecret-1.so.0")) || Files.exists(Path.of(d, "libsecret-1.so"))) {
                return true;
            }
        }
        return false;
    }

    /** A keyring in memory, like the Linux provider: one master password, made on request. */
    static final class FakeKeyring extends PasswordProvider {
        volatile boolean valid = true;
        volatile boolean failPasswords;
        volatile String stored;
        volatile int created;
        volatile int asked;

        public boolean isValid() {
            return valid;
        }

        @Override
        public PBEKeySpec getPassword(IPreferencesContainer container, int passwordType) {
            asked++;
            if (failPasswords) {
                throw new IllegalStateException("Unable to unlock: the collection is locked");
            }
            if ((passwordType & CREATE_NEW_PASSWORD) != 0) {
                stored = KEYRING_PASSWORD;
                created++;
                return new PBEKeySpec(stored.toCharArray());
            }
            return stored == null ? null : new PBEKeySpec(stored.toCharArray()); // the Linux provider logs and answers null
        }
    }

    /** The Linux provider where a session bus runs and libsecret is not installed. */
    static final class NoLibsecret extends PasswordProvider {
        public boolean isValid() {
            throw new UnsatisfiedLinkError("Unable to load library 'secret-1': libsecret-1.so: cannot open shared object file");
        }

        @Override
        public PBEKeySpec getPassword(IPreferencesContainer container, int passwordType) {
            throw new UnsatisfiedLinkError("Unable to load library 'secret-1': libsecret-1.so: cannot open shared object file");
        }
    }
}
