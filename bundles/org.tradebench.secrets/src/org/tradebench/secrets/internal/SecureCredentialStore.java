package org.tradebench.secrets.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;
import org.eclipse.equinox.security.storage.provider.IProviderHints;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.tradebench.api.credentials.ApiCredentials;
import org.tradebench.api.credentials.CredentialListener;
import org.tradebench.api.credentials.CredentialStore;
import org.tradebench.api.credentials.CredentialStoreException;
import org.tradebench.api.credentials.KeyEnvironment;
import org.tradebench.api.credentials.KeyType;
import org.tradebench.api.credentials.ListenerRegistration;
import org.tradebench.api.credentials.StoredAccount;

/**
 * The {@link CredentialStore} service: keys in Eclipse secure storage (the default location,
 * {@code -eclipse.keyring} or {@code $ECLIPSE_KEYRING} else Equinox's default file), node {@value #EXCHANGES}{@code /<exchangeId>},
 * every value encrypted, the file written on every change. The key type ({@link KeyType#wireName()})
 * is stored beside the key; an entry written before key types existed has none and reads as
 * {@link KeyType#HMAC}, which is what every key was then.
 *
 * <p>Tests inject the root of a storage opened on a temporary file:
 *
 * <pre>{@code
 * Map<String, Object> options = Map.of(IProviderHints.DEFAULT_PASSWORD, new PBEKeySpec("test".toCharArray()));
 * ISecurePreferences root = SecurePreferencesFactory.open(file.toUri().toURL(), options);
 * SecureCredentialStore store = new SecureCredentialStore(root);
 * }</pre>
 *
 * <p>The DS component opens the storage with an explicit password provider, the operating-system
 * keyring or the key file, chosen by {@link StorageProtection}; when the keyring fails while keys are
 * saved ({@link GuardedKeyringPasswordProvider.KeyringUnavailableException}), the store switches to
 * the key file for good and saves them again, so saving never fails for want of a keyring.
 *
 * <p>Errors ({@link StorageException}, I/O, a password provider that fails) become
 * {@link CredentialStoreException}s naming the exchange and what failed. Nothing here formats a
 * secret: the secret goes from {@code char[]} to the storage's {@code put(String)} (its API takes
 * strings only) and nowhere else.
 */
@Component(service = CredentialStore.class)
public final class SecureCredentialStore implements CredentialStore, AutoCloseable {

    /** The node holding one child node per exchange: {@value}. */
    public static final String EXCHANGES = "/org.tradebench/exchanges";

    static final String ACCOUNT = "account";
    static final String API_KEY = "apiKey";
    static final String KEY_TYPE = "keyType";
    static final String ENVIRONMENT = "environment";
    static final String SECRET = "secret";
    static final String PASSPHRASE = "passphrase";

    private static final System.Logger LOG = System.getLogger(SecureCredentialStore.class.getName());

    private final Supplier<ISecurePreferences> rootSupplier;
    // null for a store on a given storage; else opens the storage with a provider module id
    private final StorageOpener opener;
    private final GuardedKeyringPasswordProvider keyring;
    private final boolean recordProtection;
    private String moduleId; // guarded by lock; the provider of entries saved now, null before opening
    // ISecurePreferences is not thread-safe: every access to the tree holds this lock
    private final Object lock = new Object();
    private ISecurePreferences root;
    private final List<CredentialListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService events = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tradebench-credential-events");
        t.setDaemon(true);
        return t;
    });

    /**
     * Opens a secure storage.
     */
    @FunctionalInterface
    interface StorageOpener {
        /**
         * Opens the storage.
         *
         * @param moduleId the password provider module to require, null for none (only to look at it)
         * @return its root
         * @throws IOException when it cannot be opened
         */
        ISecurePreferences open(String moduleId) throws IOException;
    }

    /** The DS constructor: Eclipse's default secure storage, opened on first use. */
    public SecureCredentialStore() {
        this(SecureCredentialStore::openDefault, new GuardedKeyringPasswordProvider(), true);
    }

    /**
     * A store that chooses its password provider like the DS component, on storage from an opener
     * (tests: a temporary file).
     *
     * @param opener opens the storage with a provider module id
     * @param keyring the keyring provider to check
     */
    SecureCredentialStore(StorageOpener opener, GuardedKeyringPasswordProvider keyring) {
        this(opener, keyring, false);
    }

    private SecureCredentialStore(StorageOpener opener, GuardedKeyringPasswordProvider keyring, boolean record) {
        this.rootSupplier = null;
        this.opener = Objects.requireNonNull(opener, "opener");
        this.keyring = Objects.requireNonNull(keyring, "keyring");
        this.recordProtection = record;
    }

    /**
     * A store on a given secure storage (tests: a storage opened on a temporary file).
     *
     * @param root the storage root
     */
    public SecureCredentialStore(ISecurePreferences root) {
        this(supplierOf(Objects.requireNonNull(root, "root")));
    }

    private SecureCredentialStore(Supplier<ISecurePreferences> rootSupplier) {
        this.rootSupplier = rootSupplier;
        this.opener = null;
        this.keyring = null;
        this.recordProtection = false;
    }

    private static Supplier<ISecurePreferences> supplierOf(ISecurePreferences root) {
        return () -> root;
    }

    /**
     * Eclipse's default secure storage (what {@link SecurePreferencesFactory#getDefault()} opens),
     * with a required password provider module.
     *
     * @param moduleId the module, null for none (only to look at the storage)
     * @return the root
     */
    static ISecurePreferences openDefault(String moduleId) {
        Map<Object, Object> options = moduleId == null ? null : Map.of(IProviderHints.REQUIRED_MODULE_ID, moduleId);
        ISecurePreferences preferences;
        try {
            preferences = SecurePreferencesFactory.open(null, options);
        } catch (IOException | RuntimeException e) {
            preferences = null;
        }
        if (preferences == null) {
            throw new CredentialStoreException("Eclipse secure storage is not available: its file could not be opened"
                    + " (see the error log; the file is $ECLIPSE_KEYRING, else"
                    + " ~/.eclipse/org.eclipse.equinox.security/secure_storage)");
        }
        return preferences;
    }

    /**
     * The provider module of entries this store saves now.
     *
     * @return the module id; null for a store on a given storage or before its storage was opened
     */
    String moduleId() {
        synchronized (lock) {
            return moduleId;
        }
    }

    /** Stops the event thread; the store still works, without notifications. */
    @Deactivate
    @Override
    public void close() {
        listeners.clear();
        events.shutdown();
    }

    @Override
    public Optional<ApiCredentials> credentials(String exchangeId) {
        ApiCredentials.requireExchangeId(exchangeId);
        String what = "read the API key of " + exchangeId;
        synchronized (lock) {
            try {
                ISecurePreferences storage = root(what);
                String path = EXCHANGES + "/" + exchangeId;
                if (!storage.nodeExists(path)) {
                    return Optional.empty();
                }
                ISecurePreferences node = storage.node(path);
                if (node.keys().length == 0) {
                    return Optional.empty();
                }
                String apiKey = node.get(API_KEY, null);
                String secret = node.get(SECRET, null);
                if (apiKey == null || secret == null || apiKey.isBlank() || secret.isEmpty()) {
                    throw new CredentialStoreException("Could not " + what + ": the stored entry is incomplete;"
                            + " remove it and enter the keys again");
                }
                String label = node.get(ACCOUNT, null);
                KeyType keyType = keyType(exchangeId, node.get(KEY_TYPE, null), what);
                KeyEnvironment environment = environment(exchangeId, node.get(ENVIRONMENT, null), what);
                String passphrase = node.get(PASSPHRASE, null);
                char[] secretChars = secret.toCharArray();
                char[] passphraseChars = passphrase == null ? null : passphrase.toCharArray();
                try {
                    return Optional.of(new ApiCredentials(exchangeId, label == null || label.isBlank() ? exchangeId : label,
                            keyType, environment, apiKey, secretChars, passphraseChars));
                } finally {
                    Arrays.fill(secretChars, '\0');
                    if (passphraseChars != null) {
                        Arrays.fill(passphraseChars, '\0');
                    }
                }
            } catch (StorageException e) {
                throw failure(what, e);
            } catch (RuntimeException | LinkageError e) {
                throw e instanceof CredentialStoreException c ? c : failure(what, e);
            }
        }
    }

    @Override
    public List<StoredAccount> accounts() {
        String what = "list the stored API keys";
        synchronized (lock) {
            try {
                ISecurePreferences storage = root(what);
                if (!storage.nodeExists(EXCHANGES)) {
                    return List.of();
                }
                ISecurePreferences exchanges = storage.node(EXCHANGES);
                List<StoredAccount> accounts = new ArrayList<>();
                for (String exchangeId : exchanges.childrenNames()) {
                    ISecurePreferences node = exchanges.node(exchangeId);
                    String apiKey;
                    String label;
                    String type;
                    String environment;
                    try {
                        apiKey = node.get(API_KEY, null);
                        label = node.get(ACCOUNT, null);
                        type = node.get(KEY_TYPE, null);
                        environment = node.get(ENVIRONMENT, null);
                    } catch (StorageException e) {
                        throw failure("read the API key of " + exchangeId, e);
                    }
                    if (apiKey == null || !validExchangeId(exchangeId)) {
                        continue; // not an entry this store wrote
                    }
                    boolean passphrase = Arrays.asList(node.keys()).contains(PASSPHRASE);
                    accounts.add(new StoredAccount(exchangeId, label == null || label.isBlank() ? exchangeId : label,
                            ApiCredentials.mask(apiKey), passphrase, keyType(exchangeId, type, what),
                            environment(exchangeId, environment, what)));
                }
                accounts.sort((a, b) -> a.exchangeId().compareTo(b.exchangeId()));
                return List.copyOf(accounts);
            } catch (RuntimeException | LinkageError e) {
                throw e instanceof CredentialStoreException c ? c : failure(what, e);
            }
        }
    }

    @Override
    public void store(ApiCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        String exchangeId = credentials.exchangeId();
        String what = "save the API key of " + exchangeId;
        char[] secret = credentials.secret(); // throws IllegalStateException when wiped
        char[] passphrase = credentials.passphrase();
        try {
            synchronized (lock) {
                try {
                    put(credentials, secret, passphrase, what);
                } catch (CredentialStoreException e) {
                    if (!fallBackToKeyFile(e, what)) {
                        throw e;
                    }
                    put(credentials, secret, passphrase, what); // again, now with the key file
                }
            }
        } catch (RuntimeException | LinkageError e) {
            throw e instanceof CredentialStoreException c ? c : failure(what, e);
        } finally {
            Arrays.fill(secret, '\0');
            Arrays.fill(passphrase, '\0');
        }
        fire(exchangeId);
    }

    /** Writes one entry (holding the lock); on failure a new entry leaves nothing behind. */
    private void put(ApiCredentials credentials, char[] secret, char[] passphrase, String what) {
        String exchangeId = credentials.exchangeId();
        try {
            ISecurePreferences storage = root(what);
            String path = EXCHANGES + "/" + exchangeId;
            boolean existed = storage.nodeExists(path);
            ISecurePreferences node = storage.node(path);
            try {
                // the first encrypted put asks the password provider: when it fails, nothing
                // has changed yet
                node.put(API_KEY, credentials.apiKey(), true);
                node.put(SECRET, new String(secret), true);
                node.put(ACCOUNT, credentials.accountLabel(), true);
                // encrypted like every value: nothing in the file says which kind of key it is
                node.put(KEY_TYPE, credentials.keyType().wireName(), true);
                node.put(ENVIRONMENT, credentials.environment().wireName(), true);
                if (passphrase.length > 0) {
                    node.put(PASSPHRASE, new String(passphrase), true);
                } else {
                    node.remove(PASSPHRASE);
                }
            } catch (StorageException | RuntimeException | LinkageError e) {
                if (!existed) {
                    node.removeNode(); // leave no empty entry behind
                }
                throw e instanceof CredentialStoreException c ? c : failure(what, e);
            }
            flush(storage, what);
        } catch (RuntimeException | LinkageError e) {
            throw e instanceof CredentialStoreException c ? c : failure(what, e);
        }
    }

    /**
     * When the keyring failed to give a password while saving, switches this store to the key file
     * (holding the lock). Entries saved with the keyring earlier keep their protection.
     *
     * @return true when switched: save again
     */
    private boolean fallBackToKeyFile(CredentialStoreException e, String what) {
        if (opener == null || !GuardedKeyringPasswordProvider.MODULE_ID.equals(moduleId)
                || !causedBy(e, GuardedKeyringPasswordProvider.KeyringUnavailableException.class)) {
            return false;
        }
        LOG.log(System.Logger.Level.WARNING, "Saving API keys with the operating-system keyring failed (" + e.getMessage()
                + "); they are saved with the Tradebench key file from now on");
        root = open(KeyFilePasswordProvider.MODULE_ID, what);
        use(KeyFilePasswordProvider.MODULE_ID);
        return true;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private void use(String module) {
        moduleId = module;
        if (recordProtection) {
            StorageProtection.record(module);
        }
    }

    private ISecurePreferences open(String module, String what) {
        try {
            return opener.open(module);
        } catch (IOException | RuntimeException e) {
            String why = e instanceof CredentialStoreException ? e.getMessage()
                    : "secure storage cannot be opened (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
            throw new CredentialStoreException("Could not " + what + ": " + why, e);
        }
    }

    @Override
    public void remove(String exchangeId) {
        ApiCredentials.requireExchangeId(exchangeId);
        String what = "remove the API key of " + exchangeId;
        synchronized (lock) {
            try {
                ISecurePreferences storage = root(what);
                String path = EXCHANGES + "/" + exchangeId;
                if (!storage.nodeExists(path)) {
                    return;
                }
                storage.node(path).removeNode();
                flush(storage, what);
            } catch (RuntimeException | LinkageError e) {
                throw e instanceof CredentialStoreException c ? c : failure(what, e);
            }
        }
        fire(exchangeId);
    }

    @Override
    public ListenerRegistration subscribe(CredentialListener listener) {
        Objects.requireNonNull(listener, "listener");
        // a wrapper per registration: subscribing one listener twice gives two independent handles
        Listening registration = new Listening(listener);
        listeners.add(registration);
        return registration;
    }

    private ISecurePreferences root(String what) {
        if (root == null && opener != null) {
            // look at the storage (no password is asked for), choose its provider, open with it
            String module = StorageProtection.choose(open(null, what), keyring);
            root = open(module, what);
            use(module);
        } else if (root == null) {
            try {
                root = rootSupplier.get();
            } catch (CredentialStoreException e) {
                throw new CredentialStoreException("Could not " + what + ": " + e.getMessage(), e);
            }
        }
        return root;
    }

    private static void flush(ISecurePreferences storage, String what) {
        try {
            storage.flush();
        } catch (IOException e) {
            throw new CredentialStoreException("Could not " + what + ": the secure storage file cannot be written ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    private void fire(String exchangeId) {
        if (listeners.isEmpty()) {
            return;
        }
        try {
            events.execute(() -> {
                for (CredentialListener l : listeners) {
                    l.credentialsChanged(exchangeId);
                }
            });
        } catch (RejectedExecutionException closed) {
            // deactivated: nobody to tell
        }
    }

    /**
     * The stored key type: none (an entry written before key types existed) is HMAC. An unknown
     * name was written by a newer version; guessing would hand a connector a key it signs wrongly
     * with, so it is an error that says so.
     */
    private static KeyType keyType(String exchangeId, String stored, String what) {
        try {
            return KeyType.parse(stored);
        } catch (IllegalArgumentException unknown) {
            throw new CredentialStoreException("Could not " + what + ": the key type '" + stored + "' stored for "
                    + exchangeId + " is unknown (hmac, ed25519 or rsa); was it saved by a newer Tradebench?"
                    + " Enter the keys of " + exchangeId + " again to replace it");
        }
    }

    /**
     * The stored environment: none (an entry written before environments existed) is live. An
     * unknown name was written by a newer version: an error that says so, never a guess (a guess
     * could send a testnet key's orders to the live exchange or the other way round).
     */
    private static KeyEnvironment environment(String exchangeId, String stored, String what) {
        try {
            return KeyEnvironment.parse(stored);
        } catch (IllegalArgumentException unknown) {
            throw new CredentialStoreException("Could not " + what + ": the environment '" + stored + "' stored for "
                    + exchangeId + " is unknown (live or testnet); was it saved by a newer Tradebench?"
                    + " Enter the keys of " + exchangeId + " again to replace it");
        }
    }

    private static boolean validExchangeId(String id) {
        try {
            ApiCredentials.requireExchangeId(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A message for people: what failed and why, from the storage's error code. The causes'
     * messages come from Equinox, the file system or our key file and never contain a value.
     */
    static CredentialStoreException failure(String what, Throwable e) {
        String why;
        if (e instanceof StorageException s) {
            why = switch (s.getErrorCode()) {
                case StorageException.NO_SECURE_MODULE -> "secure storage has no password provider ("
                        + s.getMessage() + ")";
                case StorageException.NO_PASSWORD -> "secure storage got no master password from its password provider";
                case StorageException.DECRYPTION_ERROR -> "the stored value cannot be decrypted with the current master"
                        + " password (was the key file replaced?)";
                case StorageException.ENCRYPTION_ERROR -> "encryption failed (" + s.getMessage() + ")";
                default -> "secure storage failed (" + s.getMessage() + ")";
            };
        } else if (e instanceof IllegalStateException) {
            why = e.getMessage(); // our key file's messages: already for people
        } else if (e instanceof LinkageError) {
            why = "a secure storage password provider could not load its native library (" + e.getMessage() + ")";
        } else {
            why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return new CredentialStoreException("Could not " + what + ": " + why, e);
    }

    private final class Listening implements CredentialListener, ListenerRegistration {
        private final CredentialListener listener;

        Listening(CredentialListener listener) {
            this.listener = listener;
        }

        @Override
        public void credentialsChanged(String exchangeId) {
            if (!listeners.contains(this)) {
                return; // closed after the change was queued
            }
            try {
                listener.credentialsChanged(exchangeId);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a credential listener failed on the change of " + exchangeId, e);
            }
        }

        @Override
        public void close() {
            listeners.remove(this);
        }
    }
}
