package org.tradebench.secrets;

import java.nio.file.Path;
import java.util.Objects;

import org.tradebench.secrets.internal.GuardedKeyringPasswordProvider;
import org.tradebench.secrets.internal.KeyFilePasswordProvider;
import org.tradebench.secrets.internal.MasterKeyFile;
import org.tradebench.secrets.internal.StorageProtection;

/**
 * Which password provider protects API keys saved from now on: the operating-system keyring (the
 * Secret Service, through Equinox's Linux provider wrapped by Tradebench) when it is usable,
 * otherwise Tradebench's key file. The preference page shows {@link #describe()}.
 *
 * <pre>{@code
 * KeyProtection p = KeyProtection.current();
 * label.setText(p.describe());
 *     // "API keys are protected by the Tradebench key file /home/trader/.config/tradebench/secure-storage.key
 *     //  (readable by your user account only); no operating-system keyring is in use."
 * }</pre>
 *
 * <p>{@link #current()} answers what the credential store actually uses: the provider it opened
 * secure storage with, or the key file it fell back to when the keyring failed while saving. Before
 * the store opened its storage it answers what the store would choose: a storage already protected
 * by the key file stays with it, else the keyring when its check passes (a check that throws, for
 * example without libsecret installed, counts as unusable), else the key file. Keys saved earlier
 * keep the protection they were saved with.
 *
 * @param moduleId the provider's module id ({@value KeyFilePasswordProvider#MODULE_ID} for the key file)
 * @param name the provider's name, for people
 * @param keyFile the key file when the key file protects the keys, else null
 */
public record KeyProtection(String moduleId, String name, Path keyFile) {

    /** Validates. */
    public KeyProtection {
        Objects.requireNonNull(moduleId, "moduleId");
        Objects.requireNonNull(name, "name");
    }

    /**
     * Whether the key file protects the keys.
     *
     * @return true for the key file
     */
    public boolean isKeyFile() {
        return keyFile != null;
    }

    /**
     * One sentence for the preference page.
     *
     * @return what protects the keys
     */
    public String describe() {
        if (isKeyFile()) {
            return "API keys are protected by the Tradebench key file " + keyFile + " (readable by your user account"
                    + " only); no operating-system keyring is in use.";
        }
        return "API keys are protected by the operating-system keyring (" + name + ").";
    }

    /**
     * The provider used for keys saved now.
     *
     * @return the provider; the key file when secure storage or the extension registry is not available
     */
    public static KeyProtection current() {
        Path keyFile = MasterKeyFile.defaultPath(System.getProperties(), System.getenv());
        if (GuardedKeyringPasswordProvider.MODULE_ID.equals(StorageProtection.forDefaultStorage())) {
            return new KeyProtection(GuardedKeyringPasswordProvider.MODULE_ID, GuardedKeyringPasswordProvider.NAME, null);
        }
        return new KeyProtection(KeyFilePasswordProvider.MODULE_ID, "Tradebench key file", keyFile);
    }
}
