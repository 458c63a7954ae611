package org.tradebench.secrets.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
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
 * <p>Like {@code ssh} with a private key, it trusts the file only when no other user could have
 * read it or chosen the key: neither the file nor its directory is a symbolic link, both belong to
 * the user running Tradebench, the directory has mode 700 and the file no group or other
 * permission (POSIX; on Windows the user profile's ACL protects it). Otherwise it refuses, and the
 * message says how to fix it ({@code chmod 700 DIR}, {@code chmod 600 FILE}, {@code chown}, or
 * replacing a link with the real file). Failures are {@link IllegalStateException}s with a message for
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
        checkTrusted();
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
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(dir)) {
            checkDirectory(dir); // never write a new key where it would not be trusted afterwards
        }
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

    /**
     * Refuses a key file that someone other than the user could have written or swapped: a symbolic
     * link (file or directory), a file or directory owned by another user, a directory other users
     * can enter, or a file they can read.
     */
    private void checkTrusted() {
        if (Files.isSymbolicLink(path)) {
            throw new IllegalStateException("the secure storage key file " + path + " is a symbolic link, which"
                    + " Tradebench does not trust (whoever can change the link chooses the key); replace the link"
                    + " with the file it points to, e.g. mv \"$(readlink -f " + path + ")\" " + path);
        }
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException("the secure storage key file " + path + " is not a regular file");
        }
        checkDirectory(path.getParent());
        PosixFileAttributes attributes = posixAttributes(path, "the secure storage key file");
        if (attributes == null) {
            return; // not a POSIX file system (Windows): the user profile's ACL protects it
        }
        checkOwner(path, attributes, "the secure storage key file", "");
        Set<PosixFilePermission> permissions = attributes.permissions();
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new IllegalStateException("the secure storage key file " + path + " is accessible by other users ("
                    + PosixFilePermissions.toString(permissions) + "); make it private with: chmod 600 " + path);
        }
    }

    /** The key file's directory: no symbolic link, the user's own, mode 700 on POSIX. */
    private static void checkDirectory(Path dir) {
        if (Files.isSymbolicLink(dir)) {
            throw new IllegalStateException("the directory of the secure storage key file, " + dir + ", is a symbolic"
                    + " link, which Tradebench does not trust; replace it with a real directory (mode 700) holding the"
                    + " key file, or point the system property " + PATH_PROPERTY + " at a file in one");
        }
        PosixFileAttributes attributes = posixAttributes(dir, "the directory of the secure storage key file");
        if (attributes == null) {
            return;
        }
        checkOwner(dir, attributes, "the directory of the secure storage key file,", " -R");
        Set<PosixFilePermission> permissions = attributes.permissions();
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new IllegalStateException("the directory of the secure storage key file, " + dir
                    + ", is open to other users (" + PosixFilePermissions.toString(permissions)
                    + "); make it private with: chmod 700 " + dir);
        }
    }

    private static PosixFileAttributes posixAttributes(Path file, String what) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return null;
        }
        try {
            return view.readAttributes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the owner and permissions of " + what + " " + file + ": "
                    + describe(e), e);
        }
    }

    private static void checkOwner(Path file, PosixFileAttributes attributes, String what, String chownFlags) {
        UserPrincipal owner = attributes.owner();
        String user = System.getProperty("user.name");
        UserPrincipal me;
        try {
            me = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot tell whether " + what + " " + file + " belongs to the user "
                    + user + ": " + e.getClass().getSimpleName(), e);
        }
        if (!owner.equals(me)) {
            throw new IllegalStateException(what + " " + file + " belongs to " + owner.getName() + ", not to the user "
                    + user + " running Tradebench, so another user could have chosen the key; as " + user
                    + ", make it yours with: sudo chown" + chownFlags + " " + user + " " + file);
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
