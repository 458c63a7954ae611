package org.tradebench.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A self-signed certificate for 127.0.0.1, made at test time with the running JDK's
 * {@code keytool} (nothing secret is stored in the repository), and the TLS settings for the
 * loopback servers and for a client that trusts exactly that certificate (with host name
 * checking on).
 *
 * <pre>{@code
 * LoopbackTls tls = LoopbackTls.shared();   // null when the JDK has no keytool
 * new LoopbackServer(null, tls.server());
 * JettyTransport.start("test", tls.client());
 * }</pre>
 */
final class LoopbackTls {

    private static final String ALIAS = "loopback";
    private static LoopbackTls shared;
    private static boolean made;

    private final Path keyStore;
    private final String password;
    private final KeyStore keys;

    private LoopbackTls(Path keyStore, String password, KeyStore keys) {
        this.keyStore = keyStore;
        this.password = password;
        this.keys = keys;
    }

    /**
     * One certificate for the whole test run (keytool takes seconds on a busy machine), in a
     * temporary directory deleted when the JVM exits.
     *
     * @return the material, or null when this JDK has no keytool
     */
    static synchronized LoopbackTls shared() throws IOException, InterruptedException, GeneralSecurityException {
        if (!made) {
            Path directory = Files.createTempDirectory("loopback-tls");
            directory.toFile().deleteOnExit();
            shared = create(directory);
            if (shared != null) {
                shared.keyStore.toFile().deleteOnExit();
            }
            made = true;
        }
        return shared;
    }

    /**
     * Makes a key pair and certificate in {@code directory}.
     *
     * @param directory a temporary directory
     * @return the material, or null when this JDK has no keytool
     */
    static LoopbackTls create(Path directory) throws IOException, InterruptedException, GeneralSecurityException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (!Files.isExecutable(keytool)) {
            return null;
        }
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Path store = directory.resolve("loopback.p12");
        Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", password,
                "-keypass", password)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, password.toCharArray());
        }
        return new LoopbackTls(store, password, keys);
    }

    /** Jetty server settings with the key. */
    SslContextFactory.Server server() {
        SslContextFactory.Server f = new SslContextFactory.Server();
        f.setKeyStorePath(keyStore.toString());
        f.setKeyStorePassword(password);
        f.setKeyStoreType("PKCS12");
        return f;
    }

    /** Jetty client settings that trust the certificate (and nothing else) and check the host. */
    SslContextFactory.Client client() throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(ALIAS, keys.getCertificate(ALIAS));
        SslContextFactory.Client f = new SslContextFactory.Client();
        f.setTrustStore(trust);
        f.setEndpointIdentificationAlgorithm("HTTPS");
        return f;
    }

    /** A JDK server context with the key, for {@link RawWebSocketServer}. */
    SSLContext serverContext() throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }
}
