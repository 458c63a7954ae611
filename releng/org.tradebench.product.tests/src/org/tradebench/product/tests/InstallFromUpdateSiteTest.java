package org.tradebench.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tradebench.examples.skeleton.simulator.SkeletonSimulator;
import org.tradebench.venues.bitfinex.BitfinexSimulator;
import org.tradebench.venues.bitfinex.BitfinexSimulatorConfig;

/**
 * The platform product alone (the workbench on the simulated exchange) installs the Bitfinex
 * connector and a view feature from the update site the build made, the connector streams from its
 * simulator, both are removed again; a site whose jar was changed after signing, or is unsigned, is
 * refused and changes nothing. Every step runs the product's own {@code tradebench} launcher.
 */
class InstallFromUpdateSiteTest {

    private static final String BITFINEX = "org.tradebench.bitfinex.feature";
    private static final String ANALYSIS_VIEWS = "org.tradebench.views.analysis.feature";

    private static Product product;
    private static Path site;

    @BeforeAll
    static void copyProduct() throws IOException {
        product = Product.copyOf("org.tradebench.platform.product");
        site = Product.root().resolve("releng/org.tradebench.repository/target/repository");
        assertTrue(Files.isRegularFile(site.resolve("content.jar")) || Files.isRegularFile(site.resolve("content.xml.xz")),
                "no update site at " + site);
    }

    @AfterAll
    static void removeProduct() throws IOException {
        if (product != null) {
            product.close();
        }
    }

    @Test
    void aConnectorAndAViewAreInstalledStreamAndAreRemoved() throws Exception {
        Product.Run before = product.run("list-installed");
        assertEquals(0, before.status(), before.both());
        assertTrue(before.out().contains("org.tradebench.platform.feature "), before.both());
        assertFalse(before.out().contains(BITFINEX), before.both());
        assertTrue(before.out().contains("exchanges: simulated\n"), before.both());

        Product.Run offered = product.run("list-available", "--repository", site.toUri().toString());
        assertEquals(0, offered.status(), offered.both());
        assertTrue(offered.out().contains("Exchanges:\n"), offered.both());
        assertTrue(offered.out().contains("Views:\n"), offered.both());
        assertTrue(offered.out().contains("  " + BITFINEX + " "), offered.both());

        // the connector: installed, registered at once in the installing process, then streaming
        Product.Run install = product.run("install", "--repository", site.toUri().toString(), "--feature", BITFINEX);
        assertEquals(0, install.status(), install.both());
        assertTrue(install.out().contains("+ org.tradebench.connector.bitfinex "), install.both());
        assertTrue(install.out().contains("(new: bitfinex)"), "registered without a restart: " + install.both());
        assertTrue(install.out().contains("switched on for the workbench: bitfinex "), install.both());
        Product.Run switched = product.run("list-installed");
        assertTrue(switched.out().contains("switched on for the workbench: bitfinex\n"),
                "kept for the workbench's next start: " + switched.both());

        try (BitfinexSimulator sim = BitfinexSimulator.start(BitfinexSimulatorConfig.defaults())) {
            Product.Run stream = product.run("stream", "--exchange", "bitfinex", "--symbols", "BTC/USD", "--book", "25",
                    "--duration", "3s", "--summary", "--set", "ws.url=" + sim.webSocketUri(), "--set",
                    "rest.url=" + sim.restUri());
            assertEquals(0, stream.status(), stream.both());
            assertTrue(bookLines(stream, "bitfinex") >= 2,
                    "a snapshot and updates from the simulator: " + stream.both());
        }

        // a view group
        Product.Run views = product.run("install", "--repository", site.toUri().toString(), "--feature", ANALYSIS_VIEWS);
        assertEquals(0, views.status(), views.both());
        assertTrue(views.out().contains("+ org.tradebench.ui.chart "), views.both());
        Product.Run listed = product.run("list-installed");
        assertTrue(listed.out().contains(BITFINEX + " "), listed.both());
        assertTrue(listed.out().contains(ANALYSIS_VIEWS + " "), listed.both());
        assertTrue(listed.out().contains("exchanges: bitfinex, simulated\n"), listed.both());
        assertTrue(viewsLine(listed).contains("Chart"), listed.both());

        // the SDK: the API, the view SDK and the toolkit with their (signed) source bundles
        assertTrue(offered.out().contains("SDK:\n  org.tradebench.sdk.feature "), offered.both());
        Product.Run sdk = product.run("install", "--repository", site.toUri().toString(), "--feature",
                "org.tradebench.sdk.feature");
        assertEquals(0, sdk.status(), sdk.both());
        assertTrue(sdk.out().contains("+ org.tradebench.api.source "), sdk.both());
        assertTrue(sdk.out().contains("+ org.tradebench.ui.core.source "), sdk.both());
        assertTrue(sdk.out().contains("+ org.tradebench.sdk.doc "), sdk.both());
        Path javadoc;
        try (var plugins = Files.list(product.home.resolve("plugins"))) {
            javadoc = plugins.filter(f -> f.getFileName().toString().startsWith("org.tradebench.sdk.doc_")).findFirst()
                    .orElseThrow(() -> new AssertionError("no org.tradebench.sdk.doc in plugins/"));
        }
        try (JarFile jar = new JarFile(javadoc.toFile())) {
            assertNotNull(jar.getEntry("javadoc/index.html"), "the HTML Javadoc in " + javadoc);
            assertNotNull(jar.getEntry("javadoc/org/tradebench/api/ExchangeConnector.html"), javadoc.toString());
            assertNotNull(jar.getEntry("javadoc/org/tradebench/ui/core/ViewLink.html"), javadoc.toString());
            assertNotNull(jar.getEntry("javadoc/org/tradebench/connector/support/stream/InstrumentDirectory.html"),
                    javadoc.toString());
        }
        assertEquals(0, product.run("uninstall", "--feature", "org.tradebench.sdk.feature").status());

        // removed again
        Product.Run removeViews = product.run("uninstall", "--feature", ANALYSIS_VIEWS);
        assertEquals(0, removeViews.status(), removeViews.both());
        assertTrue(removeViews.out().contains("- org.tradebench.ui.chart "), removeViews.both());
        Product.Run remove = product.run("uninstall", "--feature", BITFINEX);
        assertEquals(0, remove.status(), remove.both());
        assertTrue(remove.out().contains("- org.tradebench.connector.bitfinex "), remove.both());
        assertTrue(remove.out().contains("(removed: bitfinex)"), remove.both());
        Product.Run after = product.run("list-installed");
        assertFalse(after.out().contains(BITFINEX), after.both());
        assertFalse(after.out().contains(ANALYSIS_VIEWS), after.both());
        assertTrue(after.out().contains("exchanges: simulated\n"), after.both());
        assertTrue(after.out().contains("switched on for the workbench: none\n"), after.both());
        assertFalse(viewsLine(after).contains("Chart"), after.both());
        Product.Run gone = product.run("stream", "--exchange", "bitfinex", "--symbols", "BTC/USD", "--duration", "1s");
        assertEquals(2, gone.status(), gone.both());

        // the platform stays
        Product.Run platform = product.run("uninstall", "--feature", "org.tradebench.platform.feature");
        assertEquals(1, platform.status(), platform.both());
        assertTrue(platform.err().contains("is part of the Tradebench platform and cannot be removed"), platform.both());
    }

    @Test
    void aThirdPartyViewInstallsFromItsOwnSite() throws Exception {
        String feature = "org.tradebench.examples.spreadmonitor.feature";
        Product.Run install = installFromOwnSite("examples/spread-monitor/org.tradebench.examples.spreadmonitor.site",
                "Views", feature, "org.tradebench.examples.spreadmonitor");
        assertTrue(viewsLine(install).contains("Spread Monitor"), install.both());

        Product.Run remove = product.run("uninstall", "--feature", feature);
        assertEquals(0, remove.status(), remove.both());
        assertFalse(viewsLine(remove).contains("Spread Monitor"), remove.both());
        assertFalse(product.run("list-installed").out().contains(feature));
    }

    @Test
    void aThirdPartyConnectorInstallsFromItsOwnSiteAndStreams() throws Exception {
        String feature = "org.tradebench.examples.skeleton.feature";
        Product.Run install = installFromOwnSite("examples/connector-skeleton/org.tradebench.examples.skeleton.site",
                "Exchanges", feature, "org.tradebench.examples.skeleton");
        assertTrue(install.out().contains("(new: skeleton)"), "registered without a restart: " + install.both());
        assertTrue(install.out().contains("switched on for the workbench: skeleton "), install.both());

        try (SkeletonSimulator sim = SkeletonSimulator.start(SkeletonSimulator.Config.defaults())) {
            Product.Run stream = product.run("stream", "--exchange", "skeleton", "--symbols", "BTC/USD", "--book", "25",
                    "--trades", "--duration", "3s", "--summary", "--set", "ws.url=" + sim.webSocketUri());
            assertEquals(0, stream.status(), stream.both());
            assertTrue(bookLines(stream, "skeleton") >= 2,
                    "a snapshot and updates from the Skeleton Exchange: " + stream.both());
        }

        Product.Run remove = product.run("uninstall", "--feature", feature);
        assertEquals(0, remove.status(), remove.both());
        assertTrue(remove.out().contains("- org.tradebench.examples.skeleton "), remove.both());
        assertTrue(remove.out().contains("(removed: skeleton)"), remove.both());
        Product.Run gone = product.run("stream", "--exchange", "skeleton", "--symbols", "BTC/USD", "--duration", "1s");
        assertEquals(2, gone.status(), gone.both());
    }

    @Test
    void aViewSignedByAnotherPublisherInstallsOnceItsCertificateIsTrusted() throws Exception {
        Path dir = Files.createTempDirectory("tradebench-other-publisher-");
        try {
            // the example's site as another publisher would make it: its bundle signed with their key
            Path own = dir.resolve("site");
            Product.copy(Product.root().resolve(
                    "examples/spread-monitor/org.tradebench.examples.spreadmonitor.site/target/repository"), own);
            Path jar = rewriteBundle(own, "org.tradebench.examples.spreadmonitor", Rewrite.STRIP_SIGNATURE);
            Path keys = dir.resolve("author.p12");
            jdk("keytool", "-genkeypair", "-keystore", keys.toString(), "-storetype", "PKCS12", "-storepass",
                    "author-store", "-alias", "author", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                    "-dname", "CN=Example Author, O=Example Views");
            jdk("jarsigner", "-keystore", keys.toString(), "-storetype", "PKCS12", "-storepass", "author-store",
                    jar.toString(), "author");
            updateIndex(own, "org.tradebench.examples.spreadmonitor", Files.readAllBytes(jar));
            Path certificate = dir.resolve("author.pem");
            jdk("keytool", "-exportcert", "-rfc", "-keystore", keys.toString(), "-storetype", "PKCS12", "-storepass",
                    "author-store", "-alias", "author", "-file", certificate.toString());
            String feature = "org.tradebench.examples.spreadmonitor.feature";

            Product.Run refused = product.run("install", "--repository", own.toUri().toString(), "--feature", feature);
            assertEquals(1, refused.status(), refused.both());
            assertTrue(refused.err().contains("osgi.bundle org.tradebench.examples.spreadmonitor ")
                    && refused.err().contains("is signed by CN=Example Author,O=Example Views (SHA-256 ")
                    && refused.err().contains("which is not a trusted publisher"), refused.both());

            Product.Run trusted = product.run("install", "--repository", own.toUri().toString(), "--feature", feature,
                    "--trust-certificate", certificate.toString());
            assertEquals(0, trusted.status(), trusted.both());
            assertTrue(trusted.out().contains("trusted publisher: CN=Example Author,O=Example Views (SHA-256 "),
                    trusted.both());
            assertTrue(trusted.out().contains("+ org.tradebench.examples.spreadmonitor "), trusted.both());
            assertEquals(0, product.run("uninstall", "--feature", feature).status());
        } finally {
            Product.delete(dir);
        }
    }

    /** Runs a JDK tool of the JVM the product runs on. */
    /**
     * Installs an example's feature from the example's own update site, after checking that the
     * site offers it in its category; checks the install added the example's bundle.
     */
    private static Product.Run installFromOwnSite(String siteModule, String category, String feature, String bundle)
            throws Exception {
        String own = Product.root().resolve(siteModule).resolve("target/repository").toUri().toString();
        Product.Run offered = product.run("list-available", "--repository", own);
        assertEquals(0, offered.status(), offered.both());
        assertTrue(offered.out().contains(category + ":\n  " + feature + " "), offered.both());
        Product.Run install = product.run("install", "--repository", own, "--feature", feature);
        assertEquals(0, install.status(), install.both());
        assertTrue(install.out().contains("+ " + bundle + " "), install.both());
        return install;
    }

    /** The BTC/USD book lines of an exchange in a {@code stream} run's output. */
    private static long bookLines(Product.Run stream, String exchange) {
        return stream.out().lines()
                .filter(l -> l.contains("\"type\":\"book\"") && l.contains("\"exchange\":\"" + exchange + "\"")
                        && l.contains("\"symbol\":\"BTC/USD\""))
                .count();
    }

    private static void jdk(String tool, String... args) throws Exception {
        Path javaExe = Path.of(System.getProperty("tradebench.java", "java"));
        List<String> command = new ArrayList<>();
        command.add(javaExe.resolveSibling(tool).toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), tool + " did not end");
        assertEquals(0, p.exitValue(), tool + " failed: " + output);
    }

    @Test
    void aJarChangedAfterSigningOrUnsignedIsRefusedAndNothingIsInstalled() throws Exception {
        Path bad = Files.createTempDirectory("tradebench-tampered-site-");
        try {
            Product.copy(site, bad.resolve("changed"));
            Path changed = bad.resolve("changed");
            rewriteBundle(changed, "org.tradebench.connector.bitfinex", Rewrite.CHANGE_A_FILE);
            Product.Run tampered = product.run("install", "--repository", changed.toUri().toString(), "--feature",
                    BITFINEX);
            assertEquals(1, tampered.status(), tampered.both());
            assertTrue(tampered.err().contains("osgi.bundle org.tradebench.connector.bitfinex ")
                    && tampered.err().contains("was changed after it was signed"), tampered.both());

            Product.copy(site, bad.resolve("unsigned"));
            Path unsigned = bad.resolve("unsigned");
            rewriteBundle(unsigned, "org.tradebench.connector.bitfinex", Rewrite.STRIP_SIGNATURE);
            Product.Run plain = product.run("install", "--repository", unsigned.toUri().toString(), "--feature",
                    BITFINEX);
            assertEquals(1, plain.status(), plain.both());
            assertTrue(plain.err().contains("osgi.bundle org.tradebench.connector.bitfinex ")
                    && plain.err().contains("is not signed"), plain.both());

            Product.Run listed = product.run("list-installed");
            assertFalse(listed.out().contains(BITFINEX), "nothing was installed: " + listed.both());
            assertFalse(Files.list(product.home.resolve("plugins"))
                    .anyMatch(p -> p.getFileName().toString().startsWith("org.tradebench.connector.bitfinex_")),
                    "no jar of the refused feature reached the installation");
        } finally {
            Product.delete(bad);
        }
    }

    private static String viewsLine(Product.Run run) {
        return run.out().lines().filter(l -> l.startsWith("views: ")).findFirst().orElse("");
    }

    enum Rewrite {
        /** one file's bytes changed, the signature left as it was */
        CHANGE_A_FILE,
        /** the signature files removed */
        STRIP_SIGNATURE
    }

    /**
     * Rewrites a bundle jar in a copy of the site and puts its new checksums and size into the
     * site's artifact index, as someone who controls the site would: only the jar signature can
     * tell.
     */
    private static Path rewriteBundle(Path repo, String bundle, Rewrite how) throws Exception {
        Path jar;
        try (var files = Files.list(repo.resolve("plugins"))) {
            jar = files.filter(p -> p.getFileName().toString().startsWith(bundle + "_")).findFirst().orElseThrow();
        }
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        boolean changed = false;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
                ZipOutputStream out = new ZipOutputStream(rewritten)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                String name = e.getName();
                byte[] data = in.readAllBytes();
                String upper = name.toUpperCase(Locale.ROOT);
                if (how == Rewrite.STRIP_SIGNATURE && upper.startsWith("META-INF/")
                        && (upper.endsWith(".SF") || upper.endsWith(".EC") || upper.endsWith(".RSA"))) {
                    continue;
                }
                if (how == Rewrite.CHANGE_A_FILE && !changed && name.endsWith(".class")) {
                    data = data.clone();
                    data[data.length - 1] ^= 0x01;
                    changed = true;
                }
                out.putNextEntry(new ZipEntry(name));
                out.write(data);
                out.closeEntry();
            }
        }
        byte[] bytes = rewritten.toByteArray();
        Files.write(jar, bytes);
        updateIndex(repo, bundle, bytes);
        return jar;
    }

    /** Puts a bundle jar's new size and checksums into a site's artifact index. */
    private static void updateIndex(Path repo, String bundle, byte[] bytes) throws Exception {
        // the artifact index: artifacts.jar holding artifacts.xml; drop the .xz copy so p2 reads this one
        Path index = repo.resolve("artifacts.jar");
        String xml;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(index))) {
            in.getNextEntry();
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Pattern artifact = Pattern.compile("(<artifact classifier='osgi.bundle' id='" + Pattern.quote(bundle)
                + "' version='[^']*'>)(.*?)(</artifact>)", Pattern.DOTALL);
        Matcher m = artifact.matcher(xml);
        assertTrue(m.find(), "the site lists " + bundle);
        String props = m.group(2)
                .replaceAll("name='artifact.size' value='\\d+'", "name='artifact.size' value='" + bytes.length + "'")
                .replaceAll("name='download.size' value='\\d+'", "name='download.size' value='" + bytes.length + "'")
                .replaceAll("name='download.checksum.sha-256' value='[0-9a-f]+'",
                        "name='download.checksum.sha-256' value='" + hex("SHA-256", bytes) + "'")
                .replaceAll("name='download.checksum.sha-512' value='[0-9a-f]+'",
                        "name='download.checksum.sha-512' value='" + hex("SHA-512", bytes) + "'")
                .replaceAll("name='download.md5' value='[0-9a-f]+'", "name='download.md5' value='" + hex("MD5", bytes)
                        + "'");
        xml = xml.substring(0, m.start(2)) + props + xml.substring(m.end(2));
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zipped)) {
            out.putNextEntry(new ZipEntry("artifacts.xml"));
            out.write(xml.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Files.write(index, zipped.toByteArray());
        Files.deleteIfExists(repo.resolve("artifacts.xml.xz"));
        for (String gone : List.of("artifacts.xml")) {
            Files.deleteIfExists(repo.resolve(gone));
        }
    }

    private static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }

}
