package org.tradebench.secrets.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * The per-user file holding the master password of Tradebench's secure storage: 32 random bytes,
 * Base64 encoded, in a file with mode 600 in a directory created with mode 700.
 *
 * <p>Where: the system property {@value #PATH_PROPERTY} when set, else
 * {@code $XDG_CONFIG_HOME/tradebench/secure-storage.key} (default {@code $HOME/.config}, and
 * {@code user.home} when {@code HOME} is not set). Deliberately
 * not next to the storage file ({@code ~/.tradebench/secure_storage}): a copy of one is useless
 * without the other.
 *
 * <pre>{@code
 * MasterKeyFile file = new MasterKeyFile(MasterKeyFile.defaultPath(System.getProperties(), System.getenv()));
 * char[] password = file.readOrCreate();
 * try { ... new PBEKeySpec(password) ... } finally { Arrays.fill(password, '\0'); }
 * }</pre>
 *
 * <p>Like {@code ssh} with a private key, it refuses a key file that other users can read or write:
 * the message says how to fix it. Failures are {@link IllegalStateException}s with a message for
 * people; the key never appears in one.
 */
public final class MasterKeyFile {

    /** System property that overrides the key file location: {@value}. */
    public static final String PATH_PROPERTY = "tradebench.secrets.keyFile";

    /** Random bytes in a new key (256 bits). */
    static final int KEY_BYTES = 32;

    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path path;

    /**
     * A key file at a path (nothing is read or created yet).
     *
     * @param path the file
     */
    public MasterKeyFile(Path path) {
        this.path = Objects.requireNonNull(path, "path").toAbsolutePath();
    }

    /**
     * The key file location for this user.
     *
     * @param systemProperties the system properties ({@value #PATH_PROPERTY}, {@code user.home})
     * @param environment the environment ({@code XDG_CONFIG_HOME}, {@code HOME})
     * @return the path
     */
    public static Path defaultPath(Properties systemProperties, Map<String, String> environment) {
        String configured = systemProperties.getProperty(PATH_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.strip());
        }
        String xdg = environment.get("XDG_CONFIG_HOME");
        // $HOME first, like the launcher's ECLIPSE_KEYRING default: Java's user.home comes from the
        // password database and ignores $HOME
        String home = environment.get("HOME");
        if (home == null || home.isBlank() || !Path.of(home).isAbsolute()) {
            home = systemProperties.getProperty("user.home", ".");
        }
        // the XDG base directory spec says to ignore relative paths
        Path config = absolute(xdg) ? Path.of(xdg) : Path.of(home, ".config");
        return config.resolve("tradebench").resolve("secure-storage.key");
    }

    private static boolean absolute(String path) {
        return path != null && !path.isBlank() && Path.of(path).isAbsolute();
    }

    /**
     * The file.
     *
     * @return the absolute path
     */
    public Path path() {
        return path;
    }

    /**
     * Whether the file exists.
     *
     * @return true when it exists
     */
    public boolean exists() {
        return Files.exists(path);
    }

    /**
     * Reads the key. The caller wipes the returned array.
     *
     * @return the master password characters
     * @throws IllegalStateException when the file is missing, unreadable, damaged, or open to other
     *         users
     */
    public char[] read() {
        if (!Files.exists(path)) {
            throw new IllegalStateException("the secure storage key file " + path + " is missing, so API keys saved"
                    + " with it cannot be decrypted. Put the file back, or delete the secure storage file and enter"
                    + " the keys again");
        }
        checkPermissions();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the secure storage key file " + path + ": " + describe(e), e);
        }
        try {
            CharBuffer chars = StandardCharsets.US_ASCII.decode(ByteBuffer.wrap(bytes));
            int start = 0;
            int end = chars.limit();
            while (start < end && Character.isWhitespace(chars.get(start))) {
                start++;
            }
            while (end > start && Character.isWhitespace(chars.get(end - 1))) {
                end--;
            }
            char[] key = new char[end - start];
            chars.position(start);
            chars.get(key);
            Arrays.fill(chars.array(), '\0');
            if (key.length < 32) {
                Arrays.fill(key, '\0');
                throw new IllegalStateException("the secure storage key file " + path + " is damaged (too short)");
            }
            return key;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Reads the key, creating the file with a new random key when there is none.
     *
     * @return the master password characters; the caller wipes them
     * @throws IllegalStateException when the file cannot be created or read
     */
    public char[] readOrCreate() {
        if (!Files.exists(path)) {
            create();
        }
        return read();
    }

    private void create() {
        Path dir = path.getParent();
        boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
        byte[] raw = new byte[KEY_BYTES];
        byte[] encoded = null;
        Path temp = null;
        try {
            if (!Files.isDirectory(dir)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
                } else {
                    Files.createDirectories(dir);
                }
            }
            FileAttribute<?>[] attributes = posix
                    ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE) }
                    : new FileAttribute<?>[0];
            // write a complete file under a temporary name, then rename it into place, so no reader
            // ever sees half a key
            temp = Files.createTempFile(dir, ".secure-storage", ".tmp", attributes);
            RANDOM.nextBytes(raw);
            encoded = Base64.getEncoder().withoutPadding().encode(raw);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(encoded));
                channel.write(ByteBuffer.wrap(System.lineSeparator().getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            try {
                Files.move(temp, path);
            } catch (FileAlreadyExistsException anotherProcessWon) {
                // another Tradebench created it meanwhile: use theirs
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the secure storage key file " + path + ": " + describe(e),
                    e);
        } finally {
            Arrays.fill(raw, (byte) 0);
            if (encoded != null) {
                Arrays.fill(encoded, (byte) 0);
            }
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a leftover temporary file holds no key that is in use
                }
            }
        }
    }

    private void checkPermissions() {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            return; // not a POSIX file system (Windows): the user profile's ACL protects it
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = view.readAttributes().permissions();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the permissions of the secure storage key file " + path
                    + ": " + describe(e), e);
        }
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new IllegalStateException("the secure storage key file " + path + " is accessible by other users ("
                    + PosixFilePermissions.toString(permissions) + "); make it private with: chmod 600 " + path);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }

    @Override
    public String toString() {
        return "MasterKeyFile[" + path + "]";
    }
}
