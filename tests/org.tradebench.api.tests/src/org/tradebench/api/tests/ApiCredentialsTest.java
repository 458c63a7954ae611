package org.tradebench.api.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.tradebench.api.credentials.ApiCredentials;
import org.tradebench.api.credentials.CredentialStoreException;
import org.tradebench.api.credentials.KeyEnvironment;
import org.tradebench.api.credentials.KeyType;
import org.tradebench.api.credentials.StoredAccount;

class ApiCredentialsTest {

    private static final String KEY = "k3yA9f2b7c1d";
    private static final String SECRET = "s3cr3t-value-0042";
    private static final String PASSPHRASE = "phrase-9931";
    /** An Ed25519 seed in base64 (made up). */
    private static final String SEED = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";

    private static ApiCredentials keys() {
        return new ApiCredentials("bitfinex", "main", KEY, SECRET.toCharArray(), PASSPHRASE.toCharArray());
    }

    @Test
    void toStringShowsExchangeLabelTypeAndMaskedKeyButNeverTheSecret() {
        ApiCredentials keys = keys();
        assertEquals("ApiCredentials[exchange=bitfinex, account=main, type=hmac, apiKey=k3yA\u2026, secret=<redacted>,"
                + " passphrase=<redacted>]", keys.toString());
        assertEquals("ApiCredentials[exchange=bitfinex, account=main, type=hmac, apiKey=k3yA\u2026, secret=<redacted>,"
                + " passphrase=<none>]", ApiCredentials.of("bitfinex", "main", KEY, SECRET.toCharArray()).toString());
        ApiCredentials ed25519 = new ApiCredentials("backpack", "main", KeyType.ED25519, KEY, SEED.toCharArray(), null);
        assertEquals("ApiCredentials[exchange=backpack, account=main, type=ed25519, apiKey=k3yA\u2026,"
                + " secret=<redacted>, passphrase=<none>]", ed25519.toString());
        for (ApiCredentials c : new ApiCredentials[] { keys, ed25519 }) {
            assertFalse(c.toString().contains(SECRET), c.toString());
            assertFalse(c.toString().contains(SEED), c.toString());
            assertFalse(c.toString().contains(PASSPHRASE), c.toString());
            assertFalse(c.toString().contains(KEY), "only the start of the key: " + c);
        }
        keys.wipe();
        assertTrue(keys.toString().contains("secret=<wiped>"), keys.toString());
    }

    @Test
    void keyTypeIsHmacUnlessSaidOtherwise() {
        assertEquals(KeyType.HMAC, keys().keyType());
        assertEquals(KeyType.HMAC, ApiCredentials.of("bitfinex", "main", KEY, SECRET.toCharArray()).keyType());
        assertEquals(KeyType.RSA,
                new ApiCredentials("binance", "main", KeyType.RSA, KEY, SECRET.toCharArray(), null).keyType());
        assertEquals("keyType", assertThrows(NullPointerException.class,
                () -> new ApiCredentials("binance", "main", null, KEY, SECRET.toCharArray(), null)).getMessage());
    }

    @Test
    void keyTypeParsesItsWireNameAndOldEntriesAsHmac() {
        for (KeyType type : KeyType.values()) {
            assertEquals(type, KeyType.parse(type.wireName()));
        }
        assertEquals(KeyType.ED25519, KeyType.parse("ed25519"));
        assertEquals(KeyType.HMAC, KeyType.parse(null), "stored before key types existed");
        assertEquals(KeyType.HMAC, KeyType.parse(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyType.parse("HMAC"));
        assertEquals("unknown key type 'HMAC' (hmac, ed25519 or rsa)", e.getMessage());
    }

    @Test
    void secretIsCopiedInAndOut() {
        char[] mine = SECRET.toCharArray();
        ApiCredentials keys = ApiCredentials.of("bitfinex", "main", KEY, mine);
        Arrays.fill(mine, 'x');
        char[] copy = keys.secret();
        assertArrayEquals(SECRET.toCharArray(), copy);
        Arrays.fill(copy, 'y');
        assertArrayEquals(SECRET.toCharArray(), keys.secret());
    }

    @Test
    void wipeZeroesTheHeldSecretAndPassphrase() throws ReflectiveOperationException {
        ApiCredentials keys = keys();
        keys.wipe();
        keys.wipe(); // idempotent
        assertTrue(keys.isWiped());
        for (String name : new String[] { "secret", "passphrase" }) {
            Field field = ApiCredentials.class.getDeclaredField(name);
            field.setAccessible(true);
            char[] held = (char[]) field.get(keys);
            assertTrue(held.length > 0);
            for (char c : held) {
                assertEquals('\0', c, name + " not zeroed");
            }
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, keys::secret);
        assertEquals("the API secret of bitfinex was wiped", e.getMessage());
        assertThrows(IllegalStateException.class, keys::passphrase);
        assertThrows(IllegalStateException.class, () -> keys.withSecret(s -> s.length));
        assertEquals(KEY, keys.apiKey(), "the public part stays");
    }

    @Test
    void withSecretWipesItsCopyAfterTheFunction() {
        ApiCredentials keys = keys();
        AtomicReference<char[]> seen = new AtomicReference<>();
        int length = keys.withSecret(s -> {
            seen.set(s);
            assertEquals(SECRET, new String(s));
            return s.length;
        });
        assertEquals(SECRET.length(), length);
        for (char c : seen.get()) {
            assertEquals('\0', c);
        }
        assertThrows(ArithmeticException.class, () -> keys.withSecret(s -> {
            seen.set(s);
            return 1 / 0;
        }));
        assertEquals('\0', seen.get()[0], "wiped when the function throws too");
        assertArrayEquals(SECRET.toCharArray(), keys.secret(), "the held secret is untouched");
    }

    @Test
    void equalsComparesSecretsButHashCodeDoesNotDependOnThem() {
        ApiCredentials a = keys();
        ApiCredentials b = keys();
        ApiCredentials otherSecret = new ApiCredentials("bitfinex", "main", KEY, "different".toCharArray(),
                PASSPHRASE.toCharArray());
        ApiCredentials noPassphrase = ApiCredentials.of("bitfinex", "main", KEY, SECRET.toCharArray());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, otherSecret);
        assertEquals(a.hashCode(), otherSecret.hashCode());
        assertNotEquals(a, noPassphrase);
        assertNotEquals(a, ApiCredentials.of("binance", "main", KEY, SECRET.toCharArray()));
        a.wipe();
        assertNotEquals(a, b);
        b.wipe();
        assertEquals(a, b);
    }

    @Test
    void equalsIncludesTheKeyType() {
        ApiCredentials hmac = new ApiCredentials("binance", "main", KeyType.HMAC, KEY, SEED.toCharArray(), null);
        ApiCredentials ed25519 = new ApiCredentials("binance", "main", KeyType.ED25519, KEY, SEED.toCharArray(), null);
        assertNotEquals(hmac, ed25519, "the same text signs differently");
        assertEquals(ed25519, new ApiCredentials("binance", "main", KeyType.ED25519, KEY, SEED.toCharArray(), null));
        assertEquals(hmac.hashCode(), ed25519.hashCode(), "the hash depends on exchange, label and key only");
    }

    @Test
    void validationMessagesNameTheFieldNotTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ApiCredentials("bitfinex", "main", " ", SECRET.toCharArray(), null));
        assertEquals("the API key of bitfinex must not be blank", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ApiCredentials.of("bitfinex", "main", KEY, new char[0]));
        assertEquals("the API secret of bitfinex must not be empty", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ApiCredentials.of("bit finex", "main", KEY, SECRET.toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> ApiCredentials.of("a/b", "main", KEY, SECRET.toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> ApiCredentials.of("bitfinex", "", KEY, SECRET.toCharArray()));
        assertEquals("okx.eu-2", ApiCredentials.requireExchangeId("okx.eu-2"));
    }

    @Test
    void emptyPassphraseMeansNone() {
        ApiCredentials keys = new ApiCredentials("bitfinex", "main", KEY, SECRET.toCharArray(), new char[0]);
        assertFalse(keys.hasPassphrase());
        assertArrayEquals(new char[0], keys.passphrase());
        assertTrue(keys().hasPassphrase());
    }

    @Test
    void environmentIsLiveUnlessSaidAndPartOfEqualityAndToString() {
        assertEquals(KeyEnvironment.LIVE, keys().environment());
        ApiCredentials testnet = new ApiCredentials("binance", "test", KeyType.HMAC, KeyEnvironment.TESTNET, KEY,
                SECRET.toCharArray(), null);
        ApiCredentials live = new ApiCredentials("binance", "test", KeyType.HMAC, KEY, SECRET.toCharArray(), null);
        assertEquals(KeyEnvironment.TESTNET, testnet.environment());
        assertNotEquals(live, testnet, "the same key on another environment is another account");
        assertEquals("ApiCredentials[exchange=binance, account=test, type=hmac, environment=testnet, apiKey=k3yA\u2026,"
                + " secret=<redacted>, passphrase=<none>]", testnet.toString());
        assertEquals(new StoredAccount("binance", "test", "k3yA\u2026", false, KeyType.HMAC, KeyEnvironment.TESTNET),
                StoredAccount.of(testnet));
        assertEquals(KeyEnvironment.LIVE, KeyEnvironment.parse(null), "keys stored before environments existed");
        assertEquals(KeyEnvironment.TESTNET, KeyEnvironment.parse("testnet"));
        assertThrows(IllegalArgumentException.class, () -> KeyEnvironment.parse("mainnet"));
    }

    @Test
    void storedAccountShowsTheMaskedKeyOnly() {
        assertEquals(new StoredAccount("bitfinex", "main", "k3yA\u2026", true, KeyType.HMAC), StoredAccount.of(keys()));
        ApiCredentials rsa = new ApiCredentials("binance", "main", KeyType.RSA, KEY, SECRET.toCharArray(), null);
        assertEquals(new StoredAccount("binance", "main", "k3yA\u2026", false, KeyType.RSA), StoredAccount.of(rsa));
        assertEquals("\u2026", ApiCredentials.mask("short"), "short keys show nothing");
        assertEquals("abcd\u2026", ApiCredentials.mask("abcdefgh"));
    }

    @Test
    void storeExceptionsCarryTheirMessage() {
        CredentialStoreException e = new CredentialStoreException("Could not save the API key of bitfinex: disk full",
                null);
        assertEquals("Could not save the API key of bitfinex: disk full", e.getMessage());
    }
}
