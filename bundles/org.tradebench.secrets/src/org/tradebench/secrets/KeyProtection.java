package org.tradebench.secrets;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtension;
import org.eclipse.core.runtime.IExtensionPoint;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.RegistryFactory;
import org.tradebench.secrets.internal.KeyFilePasswordProvider;
import org.tradebench.secrets.internal.MasterKeyFile;

/**
 * Which password provider protects API keys saved from now on: the operating system's keyring
 * when one is installed and usable, otherwise Tradebench's key file. The preference page shows
 * {@link #describe()}.
 *
 * <pre>{@code
 * KeyProtection p = KeyProtection.current();
 * label.setText(p.describe());
 *     // "API keys are protected by the Tradebench key file /home/trader/.config/tradebench/secure-storage.key
 *     //  (readable by your user account only); no operating-system keyring is in use."
 * }</pre>
 *
 * <p>Like Equinox's own choice, the provider with the highest priority whose check passes wins;
 * a keyring provider whose check throws (for example Linux's without libsecret installed) counts as
 * unusable. Keys saved earlier keep the protection they were saved with.
 *
 * @param moduleId the provider's module id ({@value KeyFilePasswordProvider#MODULE_ID} for the key file)
 * @param name the provider's name, for people
 * @param keyFile the key file when the key file protects the keys, else null
 */
public record KeyProtection(String moduleId, String name, Path keyFile) {

    private static final String SECURE_STORAGE = "org.eclipse.equinox.security.secureStorage";

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
     * @return the provider; the key file when the extension registry is not running
     */
    public static KeyProtection current() {
        Path keyFile = MasterKeyFile.defaultPath(System.getProperties(), System.getenv());
        KeyProtection fallback = new KeyProtection(KeyFilePasswordProvider.MODULE_ID, "Tradebench key file", keyFile);
        IExtensionRegistry registry = RegistryFactory.getRegistry();
        IExtensionPoint point = registry == null ? null : registry.getExtensionPoint(SECURE_STORAGE);
        if (point == null) {
            return fallback;
        }
        record Candidate(IExtension extension, IConfigurationElement provider, int priority) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (IExtension extension : point.getExtensions()) {
            for (IConfigurationElement element : extension.getConfigurationElements()) {
                if ("provider".equals(element.getName())) {
                    candidates.add(new Candidate(extension, element, priority(element)));
                }
            }
        }
        candidates.sort(Comparator.comparingInt(Candidate::priority).reversed());
        for (Candidate c : candidates) {
            String id = String.valueOf(c.extension.getUniqueIdentifier()).toLowerCase(java.util.Locale.ROOT);
            if (id.equals(KeyFilePasswordProvider.MODULE_ID)) {
                return fallback;
            }
            if (usable(c.provider)) {
                String label = c.extension.getLabel();
                return new KeyProtection(id, label == null || label.isBlank() ? id : label, null);
            }
        }
        return fallback;
    }

    private static int priority(IConfigurationElement element) {
        try {
            return Integer.parseInt(element.getAttribute("priority"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A provider that prompts (security.ui) or whose validity check fails or throws is not usable. */
    private static boolean usable(IConfigurationElement provider) {
        try {
            Object instance = provider.createExecutableExtension("class");
            Method isValid = instance.getClass().getMethod("isValid");
            return Boolean.TRUE.equals(isValid.invoke(instance));
        } catch (NoSuchMethodException e) {
            return true; // a provider without a check is always used by Equinox
        } catch (ReflectiveOperationException | LinkageError | RuntimeException | org.eclipse.core.runtime.CoreException e) {
            return false;
        }
    }
}
