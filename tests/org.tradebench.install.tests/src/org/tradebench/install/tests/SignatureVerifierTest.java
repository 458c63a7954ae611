package org.tradebench.install.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tradebench.install.InstallException;
import org.tradebench.install.SignatureVerifier;
import org.tradebench.install.TrustStore;

/**
 * {@link SignatureVerifier} and {@link TrustStore} on jars signed here with the JDK's own
 * {@code keytool} and {@code jarsigner}, by a trusted and by an unknown publisher.
 */
class SignatureVerifierTest {

    @TempDir
    static Path dir;

    private static Path trustedKeys;
    private static Path strangerKeys;
    private static X509Certificate trusted;

    @BeforeAll
    static void keys() throws Exception {
        trustedKeys = keystore("publisher", "CN=Trusted Publisher, O=Tradebench Tests");
        strangerKeys = keystore("stranger", "CN=Someone Else, O=Elsewhere");
        Path cer = dir.resolve("publisher.pem");
        tool("keytool", "-exportcert", "-rfc", "-keystore", trustedKeys.toString(), "-storetype", "PKCS12",
                "-storepass", "test-store", "-alias", "publisher", "-file", cer.toString());
        trusted = TrustStore.read(cer).get(0);
    }

    @Test
    void aJarSignedByATrustedPublisherPasses() throws Exception {
        Path jar = signed("good.jar", trustedKeys, "publisher");
        new SignatureVerifier(List.of(trusted)).verify(jar, "osgi.bundle good 1.0.0");
    }

    @Test
    void anUnsignedJarIsRefused() throws Exception {
        Path jar = plain("plain.jar");
        InstallException e = assertThrows(InstallException.class,
                () -> new SignatureVerifier(List.of(trusted)).verify(jar, "osgi.bundle plain 1.0.0"));
        assertEquals("osgi.bundle plain 1.0.0 is not signed; refused (Tradebench installs only jars signed by a"
                + " trusted publisher)", e.getMessage());
    }

    @Test
    void aJarSignedByAnUnknownPublisherIsRefusedWithItsNameAndFingerprint() throws Exception {
        Path jar = signed("stranger.jar", strangerKeys, "stranger");
        InstallException e = assertThrows(InstallException.class,
                () -> new SignatureVerifier(List.of(trusted)).verify(jar, "osgi.bundle stranger 1.0.0"));
        assertTrue(e.getMessage().startsWith("osgi.bundle stranger 1.0.0 is signed by CN=Someone Else,O=Elsewhere"
                + " (SHA-256 "), e.getMessage());
        assertTrue(e.getMessage().contains("which is not a trusted publisher; refused"), e.getMessage());
    }

    @Test
    void aChangedEntryIsRefused() throws Exception {
        Path jar = rewrite(signed("changed.jar", trustedKeys, "publisher"), "changed-after.jar", false);
        InstallException e = assertThrows(InstallException.class,
                () -> new SignatureVerifier(List.of(trusted)).verify(jar, "osgi.bundle changed 1.0.0"));
        assertTrue(e.getMessage().startsWith("osgi.bundle changed 1.0.0 was changed after it was signed"),
                e.getMessage());
    }

    @Test
    void anEntryAddedAfterSigningIsRefused() throws Exception {
        Path jar = rewrite(signed("added.jar", trustedKeys, "publisher"), "added-after.jar", true);
        InstallException e = assertThrows(InstallException.class,
                () -> new SignatureVerifier(List.of(trusted)).verify(jar, "osgi.bundle added 1.0.0"));
        assertEquals("osgi.bundle added 1.0.0 was changed after it was signed: org/example/Extra.class is not"
                + " covered by the signature; refused", e.getMessage());
    }

    @Test
    void aNonJarIsRefusedWithTheReason() throws Exception {
        Path file = Files.writeString(dir.resolve("notajar.jar"), "not a zip");
        InstallException e = assertThrows(InstallException.class,
                () -> new SignatureVerifier(List.of(trusted)).verify(file, "osgi.bundle broken 1.0.0"));
        assertTrue(e.getMessage().startsWith("osgi.bundle broken 1.0.0 cannot be read as a jar: "), e.getMessage());
    }

    @Test
    void theTrustStoreKeepsTheUsersCertificatesAndKnowsTheSigner() throws Exception {
        Path store = dir.resolve("trusted-" + System.nanoTime());
        TrustStore trust = new TrustStore(store, List.of());
        assertEquals(List.of(), trust.certificates());
        trust.trust(dir.resolve("publisher.pem"));
        assertEquals(List.of(trusted), trust.certificates());
        assertEquals(List.of(trusted), new TrustStore(store, List.of()).userCertificates(), "kept on disk");
        assertEquals(trusted, TrustStore.signerOf(signed("who.jar", trustedKeys, "publisher")).orElseThrow());
        assertTrue(TrustStore.signerOf(plain("nobody.jar")).isEmpty());
        assertTrue(TrustStore.fingerprint(trusted).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"));
        InstallException e = assertThrows(InstallException.class,
                () -> trust.trust(Files.writeString(dir.resolve("bad.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n")));
        assertTrue(e.getMessage().contains("is not an X.509 certificate"), e.getMessage());
        // the publisher's certificate and the user's, once each
        assertEquals(List.of(trusted), new TrustStore(store, List.of(trusted)).certificates());
    }

    // ------------------------------------------------------------------------------------------

    private static Path keystore(String alias, String dname) throws Exception {
        Path ks = dir.resolve(alias + ".p12");
        tool("keytool", "-genkeypair", "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "test-store",
                "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30", "-dname", dname);
        return ks;
    }

    private static Path plain(String name) throws IOException {
        Path jar = dir.resolve(name);
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().putValue("Bundle-SymbolicName", "org.example");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf)) {
            out.putNextEntry(new ZipEntry("org/example/A.class"));
            out.write("class bytes A".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("plugin.xml"));
            out.write("<plugin/>".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    private static Path signed(String name, Path keystore, String alias) throws Exception {
        Path jar = plain(name);
        tool("jarsigner", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "test-store",
                jar.toString(), alias);
        return jar;
    }

    /** Copies a jar, changing the bytes of its class, or adding a class the signature does not cover. */
    private static Path rewrite(Path jar, String name, boolean add) throws IOException {
        Path out = dir.resolve(name);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
                ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] data = in.readAllBytes();
                if (!add && e.getName().equals("org/example/A.class")) {
                    data = "class bytes B".getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(data);
                zip.closeEntry();
            }
            if (add) {
                zip.putNextEntry(new ZipEntry("org/example/Extra.class"));
                zip.write("extra".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        Files.write(out, bytes.toByteArray());
        return out;
    }

    /** Runs a JDK tool of the running JVM and fails with its output when it fails. */
    private static void tool(String name, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        Path home = Path.of(System.getProperty("java.home"));
        String exe = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win") ? name + ".exe" : name;
        command.add(home.resolve("bin").resolve(exe).toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), name + " did not end");
        assertEquals(0, p.exitValue(), name + " failed: " + output);
    }
}
