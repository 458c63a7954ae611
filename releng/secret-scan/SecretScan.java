import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Greps what the test suite wrote for the test keys it used: every surefire report, OSGi workspace
 * (its .metadata/.log), recording, screenshot-free text file and workspace file under each test
 * module's target/, for each key and secret in test-secrets.txt, raw and in Base64, Base64url and
 * hex. Compiled classes, jars and the OSGi bundle cache are skipped (the test classes hold the keys
 * as constants on purpose).
 *
 * <pre>
 * java releng/secret-scan/SecretScan.java releng/secret-scan/test-secrets.txt tests /tmp/tradebench-verify.log
 * </pre>
 *
 * A directory argument is a folder of test modules (each one's target/ is scanned); a file argument
 * is scanned as it is (./verify passes the build's console log, where the test runtimes' standard
 * output and error go).
 *
 * Exits 1 listing file:line of every hit, 2 when nothing was scanned (the suite did not run), 0 when
 * clean. Run by ./verify after the Maven build, so every module has finished whatever order Maven
 * chose.
 */
public final class SecretScan {

    /** Directories under target/ that hold code or caches, not output. */
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("classes", "test-classes", "plugins", "features",
            "org.eclipse.osgi", "p2", "repository", "products", "maven-archiver", "maven-status", "api-baseline",
            "generated-sources", "screenshots");
    private static final Set<String> SKIPPED_EXTENSIONS = Set.of(".class", ".jar", ".zip", ".png", ".gif", ".jpg",
            ".so", ".gz");
    private static final long MAX_BYTES = 256L * 1024 * 1024;

    private record Needle(String label, String text) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: SecretScan <test-secrets.txt> <tests-dir or log file>...");
            System.exit(2);
        }
        List<Needle> needles = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                needles.addAll(encodings(s));
            }
        }
        selfTest(needles);
        List<Path> files = new ArrayList<>();
        Map<String, Integer> perModule = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (Files.isRegularFile(Path.of(args[i]))) {
                files.add(Path.of(args[i])); // the build's console log: test output that went to the console
                perModule.put(args[i], 1);
                continue;
            }
            if (!Files.isDirectory(Path.of(args[i]))) {
                continue;
            }
            try (var modules = Files.list(Path.of(args[i]))) {
                for (Path module : modules.sorted().toList()) {
                    Path target = module.resolve("target");
                    if (Files.isDirectory(target)) {
                        int before = files.size();
                        collect(target, files);
                        perModule.put(module.getFileName().toString(), files.size() - before);
                    }
                }
            }
        }
        List<String> hits = new ArrayList<>();
        int reports = 0;
        int logs = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (file.getParent().getFileName().toString().equals("surefire-reports")) {
                reports++;
            } else if (name.endsWith(".log")) {
                logs++;
            }
            scan(file, needles, hits);
        }
        if (files.isEmpty()) {
            System.err.println("secret scan: no test output found under " + List.of(args).subList(1, args.length)
                    + " (did the tests run?)");
            System.exit(2);
        }
        System.out.println("secret scan: " + files.size() + " files (" + reports + " surefire reports, " + logs
                + " logs) of " + perModule.size() + " test modules scanned for " + needles.size()
                + " forms of the test keys; files per module: " + perModule);
        if (!hits.isEmpty()) {
            System.out.println("secret scan: FAILED, " + hits.size() + " hits:");
            hits.forEach(h -> System.out.println("  " + h));
            System.exit(1);
        }
        System.out.println("secret scan: 0 hits");
    }

    /** The raw text and its encodings, including Base64 of the text inside longer data at any alignment. */
    static List<Needle> encodings(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        List<Needle> out = new ArrayList<>();
        out.add(new Needle("raw", secret));
        out.add(new Needle("hex", HexFormat.of().formatHex(bytes)));
        out.add(new Needle("HEX", HexFormat.of().withUpperCase().formatHex(bytes)));
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + bytes.length];
            System.arraycopy(bytes, 0, shifted, shift, bytes.length);
            String std = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            // the characters that depend on the secret's bytes only: skip those mixed with the prefix,
            // and the last, which depends on what follows
            int from = shift == 0 ? 0 : (shift == 1 ? 4 : 4);
            int to = ((shift + bytes.length) / 3) * 4;
            if (to - from >= 8) {
                String core = std.substring(from, to);
                out.add(new Needle("base64+" + shift, core));
                out.add(new Needle("base64url+" + shift, core.replace('+', '-').replace('/', '_')));
            }
        }
        return out;
    }

    /** Each form is found in a text that embeds the secret the way a leak would. */
    private static void selfTest(List<Needle> needles) {
        for (Needle n : needles) {
            if (!n.label.equals("raw")) {
                continue;
            }
            byte[] secret = n.text.getBytes(StandardCharsets.UTF_8);
            for (int shift = 0; shift < 3; shift++) {
                byte[] data = new byte[shift + secret.length + 2];
                System.arraycopy(secret, 0, data, shift, secret.length);
                for (String leak : List.of(Base64.getEncoder().encodeToString(data),
                        Base64.getUrlEncoder().encodeToString(data), HexFormat.of().formatHex(data),
                        "{\"apiKey\":\"" + n.text + "\"}")) {
                    if (needles.stream().noneMatch(m -> leak.contains(m.text))) {
                        throw new IllegalStateException("self test: a leak of a test key would be missed: " + leak);
                    }
                }
            }
        }
    }

    private static void collect(Path target, List<Path> files) throws IOException {
        Files.walkFileTree(target, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(target) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                if (attrs.isRegularFile() && attrs.size() <= MAX_BYTES
                        && SKIPPED_EXTENSIONS.stream().noneMatch(name::endsWith)) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void scan(Path file, List<Needle> needles, List<String> hits) throws IOException {
        // ISO-8859-1: every byte is one char, so binary recordings are searched as bytes
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (Needle n : needles) {
            int at = text.indexOf(n.text);
            while (at >= 0) {
                int line = 1;
                for (int i = 0; i < at; i++) {
                    if (text.charAt(i) == '\n') {
                        line++;
                    }
                }
                hits.add(file + ":" + line + ": " + n.label + " form of a test key");
                at = text.indexOf(n.text, at + 1);
            }
        }
    }
}
