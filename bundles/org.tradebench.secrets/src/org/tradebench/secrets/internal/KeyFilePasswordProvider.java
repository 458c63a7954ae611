package org.tradebench.secrets.internal;

import java.util.Arrays;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.provider.IPreferencesContainer;
import org.eclipse.equinox.security.storage.provider.PasswordProvider;

/**
 * Gives Eclipse secure storage its master password without a prompt: the key in the user's
 * {@link MasterKeyFile} (created with a random 256-bit key on first use). Contributed through the
 * {@code org.eclipse.equinox.security.secureStorage} extension point with module id
 * {@value #MODULE_ID}. The store names it explicitly ({@link StorageProtection}) for a storage it
 * already protects and whenever the operating-system keyring ({@link GuardedKeyringPasswordProvider})
 * is not usable.
 *
 * <p>Why a key file and not a prompt: Equinox derives the encryption key from the master password
 * with only 10 PBKDF iterations, so a password a person can remember is the weak point of a stolen
 * storage file, while 32 random bytes are not; and connectors read keys on their own threads at
 * startup, and the headless commands have no UI to prompt with. The key file is as safe as the
 * user account: anyone who can read the user's files can read it (see docs/user-guide.md).
 *
 * <p>Changing the master password (the {@code PASSWORD_CHANGE} request of the Equinox UI) is not
 * supported: replacing the key would make every stored entry undecryptable.
 *
 * <pre>{@code
 * // how the store opens secure storage when the key file protects it:
 * Map<String, Object> options = Map.of(IProviderHints.REQUIRED_MODULE_ID, KeyFilePasswordProvider.MODULE_ID);
 * ISecurePreferences root = SecurePreferencesFactory.open(url, options);
 * }</pre>
 */
public final class KeyFilePasswordProvider extends PasswordProvider {

    /** The module id, from the extension id in plugin.xml (Equinox lowercases it): {@value}. */
    public static final String MODULE_ID = "org.tradebench.secrets.keyfile";

    /** Instantiated by the extension registry. */
    public KeyFilePasswordProvider() {
        // the key file location is looked up on every request, so tests and admins can point
        // tradebench.secrets.keyFile elsewhere
    }

    @Override
    public PBEKeySpec getPassword(IPreferencesContainer container, int passwordType) {
        if ((passwordType & PASSWORD_CHANGE) != 0) {
            return null; // refuse: see the class comment
        }
        MasterKeyFile file = new MasterKeyFile(MasterKeyFile.defaultPath(System.getProperties(), System.getenv()));
        boolean newStorage = (passwordType & CREATE_NEW_PASSWORD) != 0;
        // a storage that already has entries needs the existing key: never create a new one for it
        char[] key = newStorage ? file.readOrCreate() : file.read();
        try {
            return new PBEKeySpec(key); // copies the array
        } finally {
            Arrays.fill(key, '\0');
        }
    }

    @Override
    public boolean retryOnError(Exception e, IPreferencesContainer container) {
        return false; // the key file gives the same answer again: no point retrying
    }
}
