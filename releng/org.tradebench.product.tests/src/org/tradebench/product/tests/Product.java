package org.tradebench.product.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private copy of a materialized product, and its {@code tradebench} launcher run as a process.
 */
final class Product implements AutoCloseable {

    /** What a run printed and returned. */
    record Run(int status, String out, String err) {

        /** @return both streams, for assertion messages */
        String both() {
            return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    final Path home;
    private final Path workspace;

    private Product(Path home, Path workspace) {
        this.home = home;
        this.workspace = workspace;
    }

    /** The source checkout's root, given by the build. */
    static Path root() {
        String root = System.getProperty("tradebench.root");
        if (root == null) {
            throw new IllegalStateException("tradebench.root is not set (the build passes it)");
        }
        return Path.of(root);
    }

    /**
     * Copies a materialized product to a temporary directory.
     *
     * @param productId the product's uid, e.g. {@code org.tradebench.platform.product}
     */
    static Product copyOf(String productId) throws IOException {
        Path built = root().resolve("releng/org.tradebench.product/target/products").resolve(productId)
                .resolve("linux/gtk/x86_64");
        if (!Files.isExecutable(built.resolve("tradebench"))) {
            throw new IllegalStateException("no product at " + built + ": build releng/org.tradebench.product first");
        }
        Path dir = Files.createTempDirectory("tradebench-product-");
        copy(built, dir.resolve("product"));
        return new Product(dir.resolve("product"), Files.createDirectories(dir.resolve("workspace")));
    }

    /** Runs {@code tradebench ARGS...} and waits for it (at most two minutes). */
    Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("tradebench").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("TRADEBENCH_JAVA", System.getProperty("tradebench.java", "java"));
        pb.environment().put("TRADEBENCH_WORKSPACE", workspace.toString());
        pb.environment().put("ECLIPSE_KEYRING", workspace.resolve("secure_storage").toString());
        Path out = Files.createTempFile(workspace, "out", ".txt");
        Path err = Files.createTempFile(workspace, "err", ".txt");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("tradebench " + String.join(" ", args) + " did not end in two minutes");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        delete(home.getParent());
    }

    static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
