package org.tradebench.secrets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key file is trusted only when no other user could have read it or chosen the key. */
class MasterKeyFileTest {

    @TempDir
    Path dir;

    private Path privateDirectory(String name) throws IOException {
        Path d = Files.createDirectory(dir.resolve(name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
        return d;
    }

    @Test
    void aSymbolicLinkToAKeyFileIsRefusedWithTheFix() throws IOException {
        Path keys = privateDirectory("keys");
        MasterKeyFile real = new MasterKeyFile(keys.resolve("real.key"));
        real.readOrCreate();
        Path link = Files.createSymbolicLink(keys.resolve("secure-storage.key"), real.path());
        IllegalStateException e = assertThrows(IllegalStateException.class, new MasterKeyFile(link)::read);
        assertEquals("the secure storage key file " + link + " is a symbolic link, which Tradebench does not trust"
                + " (whoever can change the link chooses the key); replace the link with the file it points to, e.g."
                + " mv \"$(readlink -f " + link + ")\" " + link, e.getMessage());
    }

    @Test
    void aKeyFileInASymbolicallyLinkedDirectoryIsRefused() throws IOException {
        Path keys = privateDirectory("keys");
        new MasterKeyFile(keys.resolve("secure-storage.key")).readOrCreate();
        Path linked = Files.createSymbolicLink(dir.resolve("linked"), keys);
        MasterKeyFile viaLink = new MasterKeyFile(linked.resolve("secure-storage.key"));
        IllegalStateException e = assertThrows(IllegalStateException.class, viaLink::read);
        assertTrue(e.getMessage().startsWith("the directory of the secure storage key file, " + linked
                + ", is a symbolic link, which Tradebench does not trust; replace it with a real directory (mode 700)"),
                e.getMessage());
        assertThrows(IllegalStateException.class, viaLink::readOrCreate);
    }

    @Test
    void aDirectoryOpenToOtherUsersIsRefusedWithTheFix() throws IOException {
        Path keys = privateDirectory("keys");
        MasterKeyFile file = new MasterKeyFile(keys.resolve("secure-storage.key"));
        file.readOrCreate();
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwxr-xr-x"));
        IllegalStateException e = assertThrows(IllegalStateException.class, file::read);
        assertEquals("the directory of the secure storage key file, " + keys + ", is open to other users (rwxr-xr-x);"
                + " make it private with: chmod 700 " + keys, e.getMessage());
    }

    @Test
    void noNewKeyIsWrittenIntoADirectoryOpenToOtherUsers() throws IOException {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        MasterKeyFile file = new MasterKeyFile(shared.resolve("secure-storage.key"));
        assertThrows(IllegalStateException.class, file::readOrCreate);
        assertFalse(file.exists(), "nothing written");
    }

    @Test
    void aKeyFileOfAnotherUserIsRefusedWithTheFix() throws IOException {
        Path keys = privateDirectory("keys");
        MasterKeyFile file = new MasterKeyFile(keys.resolve("secure-storage.key"));
        file.readOrCreate();
        UserPrincipal nobody;
        try {
            nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(file.path(), nobody);
        } catch (IOException | UnsupportedOperationException e) {
            assumeTrue(false, "changing a file's owner needs root: " + e);
            return;
        }
        String user = System.getProperty("user.name");
        IllegalStateException e = assertThrows(IllegalStateException.class, file::read);
        assertEquals("the secure storage key file " + file.path() + " belongs to nobody, not to the user " + user
                + " running Tradebench, so another user could have chosen the key; as " + user
                + ", make it yours with: sudo chown " + user + " " + file.path(), e.getMessage());
    }

    @Test
    void aPrivateKeyFileInAPrivateDirectoryIsTrusted() throws IOException {
        MasterKeyFile file = new MasterKeyFile(privateDirectory("keys").resolve("secure-storage.key"));
        char[] created = file.readOrCreate();
        assertEquals(new String(created), new String(file.read()));
    }
}
