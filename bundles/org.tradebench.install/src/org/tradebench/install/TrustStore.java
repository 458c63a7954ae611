package org.tradebench.install;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The publishers whose signed jars may be installed: the publisher who signed this Tradebench
 * itself (the certificate on this bundle's own jar) and the certificates the user chose to trust,
 * kept as PEM files in {@code <configuration>/org.tradebench.install/trusted/}.
 *
 * <p>Only certificates are kept: public material, no secret. Thread-safe for reads; adding is
 * meant for one caller at a time.
 */
public final class TrustStore {

    private final Path directory;
    private final List<X509Certificate> publisher;

    /**
     * @param directory where the user's trusted certificates are kept (created when one is added)
     * @param publisher the certificates of the installation's own publisher (empty when the running
     *        installation is not signed, as in a development run)
     */
    public TrustStore(Path directory, List<X509Certificate> publisher) {
        this.directory = directory;
        this.publisher = List.copyOf(publisher);
    }

    /**
     * @return the certificates trusted now: the publisher's, then the user's
     * @throws InstallException when a trusted certificate file cannot be read
     */
    public List<X509Certificate> certificates() throws InstallException {
        Set<X509Certificate> all = new LinkedHashSet<>(publisher);
        all.addAll(userCertificates());
        return new ArrayList<>(all);
    }

    /** @return the publisher's certificates */
    public List<X509Certificate> publisher() {
        return publisher;
    }

    /**
     * @return the certificates the user added
     * @throws InstallException when one cannot be read
     */
    public List<X509Certificate> userCertificates() throws InstallException {
        List<X509Certificate> out = new ArrayList<>();
        if (directory == null || !Files.isDirectory(directory)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.{pem,cer,crt}")) {
            for (Path f : files) {
                out.addAll(read(f));
            }
        } catch (IOException e) {
            throw new InstallException("cannot read the trusted certificates in " + directory + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Trusts the certificates in a file (PEM or DER) from now on.
     *
     * @param file the certificate file
     * @return the certificates added
     * @throws InstallException when the file holds no certificate or cannot be stored
     */
    public List<X509Certificate> trust(Path file) throws InstallException {
        List<X509Certificate> certs = read(file);
        if (directory == null) {
            throw new InstallException("this installation has no configuration area to keep trusted certificates in");
        }
        try {
            Files.createDirectories(directory);
            for (X509Certificate c : certs) {
                Path target = directory.resolve(fingerprint(c).replace(":", "").toLowerCase() + ".pem");
                Files.writeString(target, pem(c), StandardCharsets.US_ASCII);
            }
        } catch (IOException e) {
            throw new InstallException("cannot store a trusted certificate in " + directory + ": " + e.getMessage(), e);
        }
        return certs;
    }

    /**
     * Reads the X.509 certificates in a PEM or DER file.
     *
     * @param file the file
     * @return its certificates, at least one
     * @throws InstallException when it holds none or cannot be read
     */
    public static List<X509Certificate> read(Path file) throws InstallException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends java.security.cert.Certificate> read = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            List<X509Certificate> out = new ArrayList<>();
            for (java.security.cert.Certificate c : read) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new InstallException(file + " holds no X.509 certificate");
            }
            return out;
        } catch (IOException e) {
            throw new InstallException("cannot read the certificate file " + file + ": " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new InstallException(file + " is not an X.509 certificate (PEM or DER): " + e.getMessage(), e);
        }
    }

    /**
     * The certificates of whoever signed a jar (the first signed class or resource in it).
     *
     * @param jar a jar file
     * @return the signer's certificate chain's first certificate, or empty when the jar is unsigned
     */
    public static Optional<X509Certificate> signerOf(Path jar) {
        byte[] buffer = new byte[8192];
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            var entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (e.isDirectory() || e.getName().startsWith("META-INF/")) {
                    continue;
                }
                try (InputStream in = file.getInputStream(e)) {
                    while (in.read(buffer) != -1) {
                        // a signer is known only once the entry was read
                    }
                }
                CodeSigner[] signers = e.getCodeSigners();
                if (signers != null && signers.length > 0) {
                    return Optional.of((X509Certificate) signers[0].getSignerCertPath().getCertificates().get(0));
                }
                return Optional.empty();
            }
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * @param certificate a certificate
     * @return its SHA-256 fingerprint as colon-separated upper-case hex
     */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }

    /**
     * @param certificate a certificate
     * @return it in PEM form
     */
    public static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(
                            certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode a certificate", e);
        }
    }
}
