package org.tradebench.secrets.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtension;
import org.eclipse.core.runtime.IExtensionPoint;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.RegistryFactory;
import org.eclipse.equinox.security.storage.provider.IPreferencesContainer;
import org.eclipse.equinox.security.storage.provider.PasswordProvider;

/**
 * The operating system's keyring as a secure storage password provider, guarded: it delegates to
 * Equinox's Linux provider ({@code org.eclipse.equinox.security.linux}, libsecret through JNA, the
 * Secret Service) and turns everything that provider throws into "not usable", so a machine without
 * libsecret, without a session bus or with a locked keyring gets the key file instead of a broken
 * secure storage. Module id {@value #MODULE_ID}.
 *
 * <p>Why a wrapper: Equinox's provider selection calls {@code isValid()} of every provider and
 * catches only {@code CoreException}; Equinox's Linux provider throws {@code UnsatisfiedLinkError}
 * from it where libsecret is not installed but a D-Bus session bus runs. Tradebench therefore opens
 * secure storage with an explicit module id ({@link StorageProtection}), this one or
 * {@value KeyFilePasswordProvider#MODULE_ID}, so Equinox never calls the Linux provider itself.
 *
 * <p>{@link #usable()} never throws: a {@code Throwable} from finding, creating or checking the
 * delegate (a {@code LinkageError} such as {@code UnsatisfiedLinkError}, a {@code RuntimeException})
 * or a "not valid" answer means not usable, and one warning (no secret in it) is logged.
 * {@link #getPassword} never returns null: a failure or no answer of the delegate becomes a
 * {@link KeyringUnavailableException}, which the store answers by falling back to the key file for
 * the keys it saves. (Null would make Equinox store the value in clear text in headless runs.)
 *
 * <p>The Linux provider keeps one master password for every Eclipse application of the user (one
 * Secret Service item, schema {@code org.eclipse.equinox}) and replaces it when asked for a new one.
 * So that a new Tradebench storage does not replace the password another Eclipse installation's
 * storage depends on, a request for a new password first reuses the one in the keyring.
 */
public final class GuardedKeyringPasswordProvider extends PasswordProvider {

    /** The module id, from the extension id in plugin.xml (Equinox lowercases it): {@value}. */
    public static final String MODULE_ID = "org.tradebench.secrets.keyring";

    /** The name people see: {@value}. */
    public static final String NAME = "Secret Service";

    /** The extension id of Equinox's Linux keyring provider (module id in lower case). */
    static final String LINUX_EXTENSION_ID = "org.eclipse.equinox.security.LinuxKeystoreIntegrationJNA";

    private static final String SECURE_STORAGE = "org.eclipse.equinox.security.secureStorage";
    private static final System.Logger LOG = System.getLogger(GuardedKeyringPasswordProvider.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    /** Where delegates come from; tests put a fake here. Null answer: no keyring provider installed. */
    private static volatile Supplier<PasswordProvider> delegates = GuardedKeyringPasswordProvider::installedLinuxProvider;

    private final Supplier<PasswordProvider> source;
    private PasswordProvider delegate; // guarded by this
    private Supplier<PasswordProvider> delegateFrom; // guarded by this
    private String unusableReason; // guarded by this; null until checked or when usable

    /** Instantiated by the extension registry: delegates to Equinox's Linux provider when installed. */
    public GuardedKeyringPasswordProvider() {
        this(null);
    }

    /**
     * A provider with its own delegate source.
     *
     * @param source gives the delegate (null: the installed one); may throw or answer null
     */
    GuardedKeyringPasswordProvider(Supplier<PasswordProvider> source) {
        this.source = source;
    }

    /**
     * Replaces where delegates come from, for every instance made without a source (tests).
     *
     * @param source the source; null restores the installed Linux provider
     */
    static void useDelegates(Supplier<PasswordProvider> source) {
        delegates = source == null ? GuardedKeyringPasswordProvider::installedLinuxProvider : source;
        WARNED.set(false);
    }

    /**
     * Whether the keyring can give a master password now: the delegate exists and its check passes.
     * Never throws.
     *
     * @return true when usable
     */
    public synchronized boolean usable() {
        return unusableReason() == null;
    }

    /**
     * Why the keyring is not usable, for the log and people (no secret in it).
     *
     * @return the reason, null when it is usable
     */
    public synchronized String unusableReason() {
        try {
            PasswordProvider p = delegate();
            if (p == null) {
                unusableReason = "no operating-system keyring provider is installed";
                return unusableReason;
            }
            Method isValid;
            try {
                isValid = p.getClass().getMethod("isValid");
            } catch (NoSuchMethodException none) {
                unusableReason = null; // a provider without a check is always usable for Equinox
                return null;
            }
            Object valid;
            try {
                valid = isValid.invoke(p);
            } catch (InvocationTargetException e) {
                throw e.getCause() == null ? e : e.getCause();
            }
            unusableReason = Boolean.TRUE.equals(valid) ? null
                    : "the Secret Service is not reachable (no D-Bus session, no keyring daemon or no default collection)";
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            unusableReason = describe(e);
        }
        if (unusableReason != null) {
            warnOnce(unusableReason);
        }
        return unusableReason;
    }

    @Override
    public PBEKeySpec getPassword(IPreferencesContainer container, int passwordType) {
        if ((passwordType & PASSWORD_CHANGE) != 0) {
            return null; // refuse, like the key file: other applications share the keyring's password
        }
        PBEKeySpec password;
        try {
            PasswordProvider p;
            synchronized (this) {
                p = delegate();
            }
            if (p == null) {
                throw new KeyringUnavailableException("no operating-system keyring provider is installed", null);
            }
            password = null;
            if ((passwordType & CREATE_NEW_PASSWORD) != 0) {
                // reuse the master password other Eclipse applications keep in the keyring: asking
                // for a new one would replace it under them
                password = p.getPassword(container, 0);
            }
            if (password == null) {
                password = p.getPassword(container, passwordType);
            }
        } catch (KeyringUnavailableException e) {
            warnOnce(e.getMessage());
            throw e;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            String why = describe(e);
            warnOnce(why);
            throw new KeyringUnavailableException(why, e);
        }
        if (password == null) {
            String why = "the Secret Service gave no master password (locked, dismissed or not running)";
            warnOnce(why);
            throw new KeyringUnavailableException(why, null);
        }
        return password;
    }

    @Override
    public boolean retryOnError(Exception e, IPreferencesContainer container) {
        return false; // the keyring gives the same answer again
    }

    private PasswordProvider delegate() {
        // Equinox keeps one instance of this provider per module id for good: follow useDelegates()
        Supplier<PasswordProvider> s = source != null ? source : delegates;
        if (delegate == null || delegateFrom != s) {
            delegate = null;
            delegateFrom = s;
            delegate = s.get();
        }
        return delegate;
    }

    /** The installed Linux provider, created through its extension; null when not installed. */
    private static PasswordProvider installedLinuxProvider() {
        IExtensionRegistry registry = RegistryFactory.getRegistry();
        IExtensionPoint point = registry == null ? null : registry.getExtensionPoint(SECURE_STORAGE);
        if (point == null) {
            return null;
        }
        for (IExtension extension : point.getExtensions()) {
            String id = extension.getUniqueIdentifier();
            if (id == null || !id.toLowerCase(Locale.ROOT).equals(LINUX_EXTENSION_ID.toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (IConfigurationElement element : extension.getConfigurationElements()) {
                if ("provider".equals(element.getName())) {
                    try {
                        return (PasswordProvider) element.createExecutableExtension("class");
                    } catch (org.eclipse.core.runtime.CoreException e) {
                        throw new IllegalStateException("the Linux keyring provider cannot be created: " + e.getMessage(), e);
                    }
                }
            }
        }
        return null;
    }

    private static String describe(Throwable e) {
        String kind = e instanceof LinkageError ? "its native library cannot be loaded (is libsecret installed?): "
                : "it failed: ";
        String message = e.getMessage();
        return kind + e.getClass().getSimpleName() + (message == null ? "" : " (" + firstLine(message) + ")");
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = (nl < 0 ? s : s.substring(0, nl)).strip();
        if (line.endsWith(":")) {
            line = line.substring(0, line.length() - 1); // JNA's message continues on the next lines
        }
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private static void warnOnce(String why) {
        if (WARNED.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "The operating-system keyring (" + NAME + ") is not usable: " + why
                    + "; API keys are protected by the Tradebench key file instead");
        }
    }

    /**
     * The keyring gave no master password; the message says why (never a secret). An
     * {@link IllegalStateException} so the store shows its message as it is.
     */
    public static final class KeyringUnavailableException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        KeyringUnavailableException(String why, Throwable cause) {
            super("the operating-system keyring (" + NAME + ") is not usable: " + why, cause);
        }
    }
}
