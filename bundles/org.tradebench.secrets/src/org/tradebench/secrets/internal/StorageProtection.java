package org.tradebench.secrets.internal;

import java.util.Arrays;
import java.util.List;

import org.eclipse.equinox.security.storage.ISecurePreferences;

/**
 * Which password provider a secure storage is opened with, decided once per storage and passed to
 * Equinox explicitly ({@code IProviderHints.REQUIRED_MODULE_ID}), so Equinox never picks a provider
 * itself (its own pick calls every provider's check unguarded, see
 * {@link GuardedKeyringPasswordProvider}):
 *
 * <ol>
 * <li>a storage whose master password already comes from the key file (Equinox keeps a verification
 * value per provider in {@value #VERIFICATION_NODE}) stays with the key file: keys saved before the
 * keyring was available, and keys saved again later, keep one protection;
 * <li>otherwise the operating-system keyring ({@value GuardedKeyringPasswordProvider#MODULE_ID}) when
 * it is usable;
 * <li>otherwise the key file ({@value KeyFilePasswordProvider#MODULE_ID}).
 * </ol>
 *
 * <p>Every value records the provider that encrypted it, so entries of either provider stay readable
 * whichever one new entries get. The store also falls back to the key file when the keyring fails
 * later, while saving ({@link SecureCredentialStore}); what the default store uses is
 * {@link #inUse()}, for the preference page.
 */
public final class StorageProtection {

    /** Equinox's node of password verification values, one key per provider module id: {@value}. */
    static final String VERIFICATION_NODE = "/org.eclipse.equinox.secure.storage/verification";

    private static volatile String inUse;

    private StorageProtection() {
    }

    /**
     * The provider module for a storage.
     *
     * @param storage the storage, opened with any options (nothing is decrypted)
     * @param keyring the keyring provider, checked only when the key file does not already protect the storage
     * @return {@value KeyFilePasswordProvider#MODULE_ID} or {@value GuardedKeyringPasswordProvider#MODULE_ID}
     */
    static String choose(ISecurePreferences storage, GuardedKeyringPasswordProvider keyring) {
        if (providersIn(storage).contains(KeyFilePasswordProvider.MODULE_ID)) {
            return KeyFilePasswordProvider.MODULE_ID;
        }
        return keyring.usable() ? GuardedKeyringPasswordProvider.MODULE_ID : KeyFilePasswordProvider.MODULE_ID;
    }

    /**
     * The provider modules that have given this storage a master password.
     *
     * @param storage the storage
     * @return their module ids (lower case), empty for a new storage
     */
    static List<String> providersIn(ISecurePreferences storage) {
        if (!storage.nodeExists(VERIFICATION_NODE)) {
            return List.of();
        }
        return Arrays.asList(storage.node(VERIFICATION_NODE).keys());
    }

    /**
     * Records the provider the default store uses now.
     *
     * @param moduleId the module id
     */
    static void record(String moduleId) {
        inUse = moduleId;
    }

    /**
     * The provider the default credential store uses for keys it saves now.
     *
     * @return the module id, null before the store opened its storage
     */
    public static String inUse() {
        return inUse;
    }

    /**
     * Decides for the default storage without remembering it (the preference page before the store
     * opened its storage). Opening reads the storage file only; no password is asked for.
     *
     * @return the module id the default store would use
     */
    public static String forDefaultStorage() {
        String recorded = inUse;
        if (recorded != null) {
            return recorded;
        }
        try {
            return choose(SecureCredentialStore.openDefault(null), new GuardedKeyringPasswordProvider());
        } catch (RuntimeException e) {
            return KeyFilePasswordProvider.MODULE_ID;
        }
    }
}
