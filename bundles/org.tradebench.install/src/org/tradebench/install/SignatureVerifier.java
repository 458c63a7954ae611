package org.tradebench.install;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Checks that a jar is signed, unchanged since it was signed, and signed by a trusted publisher:
 * every entry (the signature files themselves aside) must carry a signature that verifies and whose
 * certificate chain contains a certificate of the {@link TrustStore}. Used on every artifact before
 * an install touches the installation.
 *
 * <p>What is refused, and the message's shape:
 * <ul>
 * <li>a jar with no signature: "… is not signed";
 * <li>an entry changed after signing: "… was changed after it was signed: {entry} does not match
 * its signature";
 * <li>an entry added after signing: "… {entry} is not covered by the signature";
 * <li>a signer the installation does not trust: "… is signed by {subject} (SHA-256 {fingerprint}),
 * which is not a trusted publisher".
 * </ul>
 * An entry removed after signing cannot be seen from the jar alone (the bundle would then fail to
 * load). Thread-safe.
 */
public final class SignatureVerifier {

    private final List<X509Certificate> trusted;

    /**
     * @param trusted the publishers' certificates an artifact's chain must contain one of
     */
    public SignatureVerifier(List<X509Certificate> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /**
     * Verifies one jar.
     *
     * @param jar the file
     * @param what how to name it in a message, e.g. {@code osgi.bundle org.tradebench.x 0.2.0}
     * @throws InstallException when it is unsigned, changed, or signed by an untrusted publisher
     */
    public void verify(Path jar, String what) throws InstallException {
        Objects.requireNonNull(jar, "jar");
        byte[] buffer = new byte[16 * 1024];
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            boolean anySigned = false;
            String unsigned = null;
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.isDirectory() || signatureFile(entry.getName())) {
                    continue;
                }
                try (InputStream in = file.getInputStream(entry)) {
                    while (in.read(buffer) != -1) {
                        // reading to the end checks the entry against its signed digest
                    }
                } catch (SecurityException e) {
                    throw new InstallException(what + " was changed after it was signed: " + entry.getName()
                            + " does not match its signature (" + e.getMessage() + "); refused");
                }
                CodeSigner[] signers = entry.getCodeSigners();
                if (signers == null || signers.length == 0) {
                    if (unsigned == null) {
                        unsigned = entry.getName();
                    }
                    continue;
                }
                anySigned = true;
                if (!trusted(signers)) {
                    X509Certificate signer = first(signers);
                    throw new InstallException(what + " is signed by " + describe(signer)
                            + ", which is not a trusted publisher; refused (trust its certificate first if you"
                            + " know the publisher)");
                }
            }
            if (!anySigned) {
                throw new InstallException(what + " is not signed; refused (Tradebench installs only jars signed by"
                        + " a trusted publisher)");
            }
            if (unsigned != null) {
                throw new InstallException(what + " was changed after it was signed: " + unsigned
                        + " is not covered by the signature; refused");
            }
        } catch (SecurityException e) {
            throw new InstallException(what + " has a signature that does not verify (" + e.getMessage()
                    + "): it was changed after it was signed; refused");
        } catch (IOException e) {
            throw new InstallException(what + " cannot be read as a jar: " + e.getMessage(), e);
        }
    }

    private boolean trusted(CodeSigner[] signers) {
        for (CodeSigner signer : signers) {
            for (Certificate c : signer.getSignerCertPath().getCertificates()) {
                if (trusted.contains(c)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static X509Certificate first(CodeSigner[] signers) {
        return (X509Certificate) signers[0].getSignerCertPath().getCertificates().get(0);
    }

    /**
     * @param certificate a certificate
     * @return its subject and SHA-256 fingerprint, for messages
     */
    public static String describe(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName() + " (SHA-256 " + TrustStore.fingerprint(certificate)
                + ")";
    }

    /** The files that make up a jar signature, which are not themselves signed. */
    private static boolean signatureFile(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        return upper.equals("META-INF/MANIFEST.MF") || upper.endsWith(".SF") || upper.endsWith(".RSA")
                || upper.endsWith(".DSA") || upper.endsWith(".EC") || upper.startsWith("META-INF/SIG-");
    }
}
