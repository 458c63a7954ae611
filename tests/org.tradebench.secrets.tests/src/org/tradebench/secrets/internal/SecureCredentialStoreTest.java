package org.tradebench.secrets.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.provider.IProviderHints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tradebench.api.credentials.ApiCredentials;
import org.tradebench.api.credentials.CredentialStoreException;
import org.tradebench.api.credentials.KeyEnvironment;
import org.tradebench.api.credentials.KeyType;
import org.tradebench.api.credentials.ListenerRegistration;
import org.tradebench.api.credentials.StoredAccount;

/**
 * The store on a real secure storage file in a temporary directory, encrypted with a test password
 * ({@link IProviderHints#DEFAULT_PASSWORD}), so no password provider and no home directory is
 * involved.
 */
class SecureCredentialStoreTest {

    private static final String API_KEY = "bfxKEY-2f6a41c9d07e";
    private static final String SECRET = "s3cr3t-9c1f0e7b2a84d356";
    private static final String PASSPHRASE = "pass-phrase-77e1";
    private static final char[] TEST_PASSWORD = "test-master-password".toCharArray();
    // an Ed25519 private key as PKCS#8 PEM (RFC 8410 section 10.3's example key)
    private static final String ED25519_PEM = "-----BEGIN PRIVATE KEY-----\n"
            + "MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n"
            + "-----END PRIVATE KEY-----\n";
    private static final String ED25519_BODY = "MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC";
    private static final String ED25519_API_KEY = "bpKEY-ed25519-3c55a8e1";

    @TempDir
    Path dir;

    private Path file;
    private SecureCredentialStore store;

    @BeforeEach
    void open() throws IOException {
        file = dir.resolve("secure_storage");
        store = new SecureCredentialStore(openStorage(file, TEST_PASSWORD));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static ISecurePreferences openStorage(Path file, char[] password) throws IOException {
        URL url = file.toUri().toURL();
        return SecurePreferencesFactory.open(url, Map.of(IProviderHints.DEFAULT_PASSWORD, new PBEKeySpec(password)));
    }

    private static ApiCredentials bitfinexKeys() {
        return new ApiCredentials("bitfinex", "main", API_KEY, SECRET.toCharArray(), PASSPHRASE.toCharArray());
    }

    @Test
    void storedKeysReadBackFromTheFileInAFreshStorage() throws IOException {
        store.store(bitfinexKeys());
        assertTrue(Files.size(file) > 0, "store() must write the file before returning");

        // Equinox keeps one storage per file in memory: a copy of the file is read from disk
        Path copy = Files.copy(file, dir.resolve("copy_of_secure_storage"));
        SecureCredentialStore fresh = new SecureCredentialStore(openStorage(copy, TEST_PASSWORD));
        try {
            ApiCredentials read = fresh.credentials("bitfinex").orElseThrow();
            assertEquals("bitfinex", read.exchangeId());
            assertEquals("main", read.accountLabel());
            assertEquals(API_KEY, read.apiKey());
            assertArrayEquals(SECRET.toCharArray(), read.secret());
            assertArrayEquals(PASSPHRASE.toCharArray(), read.passphrase());
            assertEquals(bitfinexKeys(), read);
        } finally {
            fresh.close();
        }
    }

    private static ApiCredentials ed25519Keys() {
        return new ApiCredentials("backpack", "main", KeyType.ED25519, ED25519_API_KEY, ED25519_PEM.toCharArray(),
                null);
    }

    @Test
    void keyTypeIsStoredWithTheKeyAndReadBackFromTheFile() throws IOException {
        store.store(ed25519Keys());
        store.store(bitfinexKeys());

        Path copy = Files.copy(file, dir.resolve("copy_of_secure_storage"));
        SecureCredentialStore fresh = new SecureCredentialStore(openStorage(copy, TEST_PASSWORD));
        try {
            ApiCredentials ed = fresh.credentials("backpack").orElseThrow();
            assertEquals(KeyType.ED25519, ed.keyType());
            assertArrayEquals(ED25519_PEM.toCharArray(), ed.secret(), "the PEM, newlines included");
            assertEquals(ed25519Keys(), ed);
            assertEquals(KeyType.HMAC, fresh.credentials("bitfinex").orElseThrow().keyType());
            assertEquals(List.of(new StoredAccount("backpack", "main", "bpKE\u2026", false, KeyType.ED25519),
                    new StoredAccount("bitfinex", "main", "bfxK\u2026", true, KeyType.HMAC)), fresh.accounts());
        } finally {
            fresh.close();
        }
    }

    @Test
    void replacingAnHmacKeyWithAnEd25519KeyChangesTheType() {
        store.store(ApiCredentials.of("binance", "spot", "binanceKEY-123456", "binance-secret".toCharArray()));
        store.store(new ApiCredentials("binance", "spot", KeyType.ED25519, "binanceKEY-ed-98765",
                ED25519_BODY.toCharArray(), null));
        ApiCredentials read = store.credentials("binance").orElseThrow();
        assertEquals(KeyType.ED25519, read.keyType());
        assertArrayEquals(ED25519_BODY.toCharArray(), read.secret());
        assertEquals(KeyType.ED25519, store.accounts().get(0).keyType());
    }

    @Test
    void keysStoredBeforeKeyTypesExistedReadAsHmac() throws Exception {
        // the layout of version 0.1: account, apiKey, secret, passphrase; no keyType
        ISecurePreferences root = openStorage(file, TEST_PASSWORD);
        ISecurePreferences old = root.node(SecureCredentialStore.EXCHANGES + "/bitfinex");
        old.put(SecureCredentialStore.ACCOUNT, "main", true);
        old.put(SecureCredentialStore.API_KEY, API_KEY, true);
        old.put(SecureCredentialStore.SECRET, SECRET, true);
        root.flush();

        ApiCredentials read = store.credentials("bitfinex").orElseThrow();
        assertEquals(KeyType.HMAC, read.keyType());
        assertArrayEquals(SECRET.toCharArray(), read.secret());
        assertEquals(List.of(new StoredAccount("bitfinex", "main", "bfxK\u2026", false, KeyType.HMAC)),
                store.accounts());
    }

    @Test
    void unknownStoredKeyTypeIsAnErrorNotAGuess() throws Exception {
        store.store(bitfinexKeys());
        ISecurePreferences root = openStorage(file, TEST_PASSWORD);
        root.node(SecureCredentialStore.EXCHANGES + "/bitfinex").put(SecureCredentialStore.KEY_TYPE, "dilithium", true);

        CredentialStoreException read = assertThrows(CredentialStoreException.class, () -> store.credentials("bitfinex"));
        assertEquals("Could not read the API key of bitfinex: the key type 'dilithium' stored for bitfinex is unknown"
                + " (hmac, ed25519 or rsa); was it saved by a newer Tradebench? Enter the keys of bitfinex again to"
                + " replace it", read.getMessage());
        assertNoSecretIn(read);
        CredentialStoreException list = assertThrows(CredentialStoreException.class, () -> store.accounts());
        assertTrue(list.getMessage().startsWith("Could not list the stored API keys: the key type 'dilithium'"),
                list.getMessage());

        store.store(bitfinexKeys()); // saving again repairs the entry
        assertEquals(KeyType.HMAC, store.credentials("bitfinex").orElseThrow().keyType());
    }

    @Test
    void testnetEnvironmentIsStoredWithTheKeyAndOlderEntriesReadAsLive() throws Exception {
        store.store(new ApiCredentials("binance", "test", KeyType.HMAC, KeyEnvironment.TESTNET, "binanceKEY-test-1",
                "testnet-secret".toCharArray(), null));
        store.store(bitfinexKeys());

        Path copy = Files.copy(file, dir.resolve("copy_with_environment"));
        SecureCredentialStore fresh = new SecureCredentialStore(openStorage(copy, TEST_PASSWORD));
        try {
            ApiCredentials read = fresh.credentials("binance").orElseThrow();
            assertEquals(KeyEnvironment.TESTNET, read.environment());
            assertEquals(KeyEnvironment.LIVE, fresh.credentials("bitfinex").orElseThrow().environment());
            assertEquals(List.of(new StoredAccount("binance", "test", "bina\u2026", false, KeyType.HMAC,
                    KeyEnvironment.TESTNET), new StoredAccount("bitfinex", "main", "bfxK\u2026", true, KeyType.HMAC)),
                    fresh.accounts());
        } finally {
            fresh.close();
        }
        // saving the same key as live moves it back
        store.store(new ApiCredentials("binance", "test", KeyType.HMAC, KeyEnvironment.LIVE, "binanceKEY-test-1",
                "testnet-secret".toCharArray(), null));
        assertEquals(KeyEnvironment.LIVE, store.credentials("binance").orElseThrow().environment());

        ISecurePreferences root = openStorage(file, TEST_PASSWORD);
        root.node(SecureCredentialStore.EXCHANGES + "/binance").put(SecureCredentialStore.ENVIRONMENT, "mars", true);
        CredentialStoreException unknown = assertThrows(CredentialStoreException.class,
                () -> store.credentials("binance"));
        assertEquals("Could not read the API key of binance: the environment 'mars' stored for binance is unknown"
                + " (live or testnet); was it saved by a newer Tradebench? Enter the keys of binance again to replace"
                + " it", unknown.getMessage());
    }

    @Test
    void roundTripStoreReadReplaceRemove() {
        assertEquals(Optional.empty(), store.credentials("bitfinex"));
        store.store(bitfinexKeys());
        assertEquals(bitfinexKeys(), store.credentials("bitfinex").orElseThrow());

        // replacing without a passphrase drops the old one
        store.store(ApiCredentials.of("bitfinex", "trading", "bfxKEY-second-key", "second-secret".toCharArray()));
        ApiCredentials replaced = store.credentials("bitfinex").orElseThrow();
        assertEquals("trading", replaced.accountLabel());
        assertEquals("bfxKEY-second-key", replaced.apiKey());
        assertArrayEquals("second-secret".toCharArray(), replaced.secret());
        assertFalse(replaced.hasPassphrase());

        store.remove("bitfinex");
        assertEquals(Optional.empty(), store.credentials("bitfinex"));
        store.remove("bitfinex"); // removing what is not there does nothing
        assertEquals(List.of(), store.accounts());
    }

    @Test
    void secretsAreNotInTheStorageFileInPlainText() throws IOException {
        store.store(bitfinexKeys());
        store.store(ed25519Keys());
        String content = Files.readString(file, StandardCharsets.ISO_8859_1);

        assertTrue(content.contains("/org.tradebench/exchanges/bitfinex/secret"),
                "the entry is in the file under its node path: " + content);
        assertTrue(content.contains("/org.tradebench/exchanges/backpack/keyType="), content);
        assertFalse(content.contains("keyType=ed25519") || content.contains("keyType=hmac"),
                "the key type is encrypted too: " + content);
        for (String value : List.of(SECRET, PASSPHRASE, API_KEY, ED25519_BODY, ED25519_API_KEY, "BEGIN PRIVATE KEY")) {
            assertFalse(content.contains(value), "plain text in the storage file: " + value);
            // a value put without encryption is stored Base64 encoded: that must not be there either
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            assertFalse(content.contains(Base64.getEncoder().encodeToString(bytes)), "Base64 of " + value);
            assertFalse(content.contains(Base64.getEncoder().withoutPadding().encodeToString(bytes)), "Base64 of " + value);
        }
    }

    @Test
    void everyValueIsEncrypted() throws Exception {
        ISecurePreferences root = openStorage(file, TEST_PASSWORD);
        store.store(bitfinexKeys());
        ISecurePreferences node = root.node(SecureCredentialStore.EXCHANGES + "/bitfinex");
        for (String key : node.keys()) {
            assertTrue(node.isEncrypted(key), key + " is stored without encryption");
        }
        assertEquals(List.of("account", "apiKey", "environment", "keyType", "passphrase", "secret"),
                List.of(node.keys()).stream().sorted().toList());
    }

    @Test
    void removeDeletesTheEntryFromTheFile() throws IOException {
        store.store(bitfinexKeys());
        store.store(ApiCredentials.of("binance", "spot", "binanceKEY-123456", "binance-secret".toCharArray()));
        store.remove("bitfinex");

        String content = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertFalse(content.contains("/org.tradebench/exchanges/bitfinex/"), content);
        assertTrue(content.contains("/org.tradebench/exchanges/binance/"), content);
        assertEquals(List.of("binance"), store.accounts().stream().map(StoredAccount::exchangeId).toList());
    }

    @Test
    void accountsListLabelsAndMaskedKeysSortedByExchange() {
        store.store(bitfinexKeys());
        store.store(ApiCredentials.of("binance", "spot", "binanceKEY-123456", "binance-secret".toCharArray()));

        assertEquals(List.of(new StoredAccount("binance", "spot", "bina\u2026", false, KeyType.HMAC),
                new StoredAccount("bitfinex", "main", "bfxK\u2026", true, KeyType.HMAC)), store.accounts());
    }

    @Test
    void credentialsReadBackRedactTheSecretInToString() {
        store.store(bitfinexKeys());
        String text = store.credentials("bitfinex").orElseThrow().toString();
        assertFalse(text.contains(SECRET), text);
        assertFalse(text.contains(PASSPHRASE), text);
        assertFalse(text.contains(API_KEY), text);
        assertTrue(text.contains("bitfinex") && text.contains("main") && text.contains("<redacted>"), text);
    }

    @Test
    void listenersAreToldTheExchangeOnTheStoreThreadUntilClosed() throws InterruptedException {
        BlockingQueue<String> changes = new LinkedBlockingQueue<>();
        BlockingQueue<String> threads = new LinkedBlockingQueue<>();
        ListenerRegistration registration = store.subscribe(id -> {
            changes.add(id);
            threads.add(Thread.currentThread().getName());
        });
        store.subscribe(id -> {
            throw new IllegalStateException("a broken listener must not stop the others");
        });

        store.store(bitfinexKeys());
        assertEquals("bitfinex", changes.poll(5, TimeUnit.SECONDS));
        assertEquals("tradebench-credential-events", threads.poll(5, TimeUnit.SECONDS));
        store.remove("bitfinex");
        assertEquals("bitfinex", changes.poll(5, TimeUnit.SECONDS));
        store.remove("bitfinex"); // nothing removed: nobody told
        store.store(ApiCredentials.of("binance", "spot", "binanceKEY-123456", "binance-secret".toCharArray()));
        assertEquals("binance", changes.poll(5, TimeUnit.SECONDS));

        registration.close();
        registration.close();
        store.store(bitfinexKeys());
        assertNull(changes.poll(300, TimeUnit.MILLISECONDS), "told after close");
    }

    @Test
    void wrongMasterPasswordSaysWhatFailedWithoutTheSecret() throws IOException {
        store.store(bitfinexKeys());
        Path copy = Files.copy(file, dir.resolve("copy_of_secure_storage"));
        SecureCredentialStore wrong = new SecureCredentialStore(openStorage(copy, "not-the-password".toCharArray()));
        try {
            CredentialStoreException e = assertThrows(CredentialStoreException.class, () -> wrong.credentials("bitfinex"));
            assertEquals("Could not read the API key of bitfinex: the stored value cannot be decrypted with the current"
                    + " master password (was the key file replaced?)", e.getMessage());
            assertNoSecretIn(e);
        } finally {
            wrong.close();
        }
    }

    @Test
    void missingPasswordProviderSaysWhatFailedWithoutTheSecret() throws IOException {
        ISecurePreferences noPassword = SecurePreferencesFactory.open(dir.resolve("other_storage").toUri().toURL(),
                Map.of(IProviderHints.REQUIRED_MODULE_ID, "no.such.module"));
        SecureCredentialStore broken = new SecureCredentialStore(noPassword);
        try {
            CredentialStoreException e = assertThrows(CredentialStoreException.class, () -> broken.store(bitfinexKeys()));
            assertTrue(e.getMessage().startsWith("Could not save the API key of bitfinex: secure storage has no password"
                    + " provider"), e.getMessage());
            assertNoSecretIn(e);
            assertEquals(Optional.empty(), broken.credentials("bitfinex"), "a failed store must not leave an entry");
        } finally {
            broken.close();
        }
    }

    @Test
    void wipedCredentialsAreRefused() {
        ApiCredentials keys = bitfinexKeys();
        keys.wipe();
        assertThrows(IllegalStateException.class, () -> store.store(keys));
        assertEquals(List.of(), store.accounts());
    }

    @Test
    void storingWipesNoCallerData() {
        ApiCredentials keys = bitfinexKeys();
        store.store(keys);
        assertFalse(keys.isWiped(), "the caller owns the credentials");
        assertArrayEquals(SECRET.toCharArray(), keys.secret());
        assertNotEquals(0, store.accounts().size());
    }

    private static void assertNoSecretIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = String.valueOf(t.getMessage()) + t;
            for (String value : List.of(SECRET, PASSPHRASE, API_KEY, ED25519_BODY)) {
                assertFalse(text.contains(value), "'" + value + "' in " + t);
            }
        }
    }
}
