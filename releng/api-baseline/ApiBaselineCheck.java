import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Manifest;

import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.header.Attrs;
import aQute.bnd.header.OSGiHeader;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Analyzer;
import aQute.bnd.osgi.Descriptors.PackageRef;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;
import aQute.bnd.service.diff.Delta;
import aQute.bnd.service.diff.Diff;
import aQute.bnd.service.diff.Tree;
import aQute.bnd.service.diff.Type;
import aQute.bnd.version.Version;

/**
 * The API baseline check: compares the exported packages of a freshly built bundle with the same
 * bundle as recorded in {@code releng/api-baseline/<bsn>.jar} and fails when a package changed
 * more than its version says.
 *
 * <p>bnd's differ classifies each change the OSGi way: removing or changing anything public, or
 * adding a method to an interface that consumers implement ({@code @ConsumerType}, the default),
 * is MAJOR; adding to a {@code @ProviderType} interface or to a class is MINOR. The rule applied
 * here is the semantic versioning one for every version, 0.x included: a MAJOR change needs
 * {@code (major+1).0.0}, a MINOR change {@code major.(minor+1).0}. (bnd's own baselining, and so
 * Tycho's tycho-baseline-plugin and bnd-baseline-maven-plugin, never report a package whose
 * version is below 1.0.0: semantic versioning calls 0.x "anything may change". Tradebench's API
 * is 0.2.0 and promises compatibility within a minor version, so the rule is applied here.)
 *
 * <p>It also checks that each exported package's {@code @Version} in its package-info equals the
 * version exported by META-INF/MANIFEST.MF: the build is manifest-first, so both are written by
 * hand. Exports marked {@code x-internal:=true} or {@code x-friends:=...} are not API and are skipped.
 *
 * <p>Run by the build (exec-maven-plugin, root pom.xml) with bndlib on the class path:
 * <pre>
 * java -cp bndlib.jar:... ApiBaselineCheck.java target/org.tradebench.api-0.2.0-SNAPSHOT.jar releng/api-baseline
 * </pre>
 * Exit code 0 when every change is announced, 1 when not, 2 when the check cannot run. With
 * {@code --problems FILE} as a third and fourth argument the problems are written to that file
 * instead and the exit code is 0 (the build then fails with a short message when the file exists,
 * rather than with exec-maven-plugin's stack trace); the file is deleted when there are none.
 */
public class ApiBaselineCheck {

    private static final String HELP = "Raise the package's version in its package-info.java (@Version) and in "
            + "META-INF/MANIFEST.MF (Export-Package) as the line says, and the import ranges of its users; or, while "
            + "the baselined release is not published yet, record the current API as the baseline with "
            + "releng/scripts/update-api-baseline.sh. See docs/contributor-guide.md, \"API versions and the baseline "
            + "check\".";

    public static void main(String[] args) throws Exception {
        if (args.length != 2 && !(args.length == 4 && args[2].equals("--problems"))) {
            System.err.println("usage: ApiBaselineCheck <bundle jar> <baseline directory> [--problems <file>]");
            System.exit(2);
        }
        File bundle = new File(args[0]);
        File baselineDirectory = new File(args[1]);
        File problemsFile = args.length == 4 ? new File(args[3]) : null;
        if (!bundle.isFile()) {
            fail(2, "API baseline: no bundle at " + bundle + " (run the check after the package phase)");
        }
        try (Jar newer = new Jar(bundle)) {
            String bsn = newer.getBsn();
            File baselineJar = new File(baselineDirectory, bsn + ".jar");
            if (!baselineJar.isFile()) {
                fail(2, "API baseline: " + bsn + " has no baseline " + baselineJar
                        + "; record one with releng/scripts/update-api-baseline.sh");
            }
            try (Jar older = new Jar(baselineJar)) {
                List<String> problems = new ArrayList<>();
                List<String> report = new ArrayList<>();
                checkPackageInfoVersions(newer, problems, report);
                int packages = compare(newer, older, problems, report);
                String header = "API baseline: " + bsn + " " + newer.getVersion() + " against the baseline "
                        + older.getVersion() + " (" + baselineJar.getPath() + ")";
                if (problems.isEmpty()) {
                    System.out.println(header + ": " + packages + " packages, every change announced.");
                    report.forEach(System.out::println);
                    if (problemsFile != null) {
                        Files.deleteIfExists(problemsFile.toPath());
                    }
                    return;
                }
                System.out.println(header + ":");
                report.forEach(System.out::println);
                String summary = "API baseline check FAILED for " + bsn + ": " + String.join("; ", problems) + ".";
                System.out.println(summary);
                System.out.println(HELP);
                if (problemsFile != null) {
                    Files.createDirectories(problemsFile.getAbsoluteFile().getParentFile().toPath());
                    Files.writeString(problemsFile.toPath(), String.join("\n", report) + "\n" + summary + "\n");
                    return;
                }
                System.exit(1);
            }
        }
    }

    /** Compares the API trees; returns the number of baselined packages. */
    private static int compare(Jar newer, Jar older, List<String> problems, List<String> report) throws Exception {
        Map<String, Attrs> newExports = apiExports(newer);
        Map<String, Attrs> oldExports = apiExports(older);
        DiffPluginImpl differ = new DiffPluginImpl();
        Tree newTree = differ.tree(newer);
        Tree oldTree = differ.tree(older);
        Diff api = newTree.diff(oldTree).get("<api>");
        Map<String, Diff> packages = new TreeMap<>();
        for (Diff child : api.getChildren()) {
            if (child.getType() == Type.PACKAGE) {
                packages.put(child.getName(), child);
            }
        }
        for (String name : oldExports.keySet()) {
            Version oldVersion = version(oldExports.get(name));
            Diff diff = packages.get(name);
            if (!newExports.containsKey(name) || diff == null || diff.getDelta() == Delta.REMOVED) {
                problems.add(name + " " + oldVersion + " was removed");
                report.add("  " + name + ": REMOVED (the baseline exports it as " + oldVersion
                        + "); every bundle importing it breaks");
                continue;
            }
            Version newVersion = version(newExports.get(name));
            Delta delta = effectiveDelta(diff);
            Version required = required(delta, oldVersion);
            if (newVersion.compareTo(oldVersion) < 0) {
                problems.add(name + " went down from " + oldVersion + " to " + newVersion);
                report.add("  " + name + ": version " + newVersion + " is below the baseline's " + oldVersion);
            } else if (newVersion.compareTo(required) < 0) {
                problems.add(name + " needs version " + required);
                report.add("  " + name + ": " + delta + " change, but its version " + newVersion
                        + " (baseline " + oldVersion + ") must be at least " + required);
                details(diff, "    ", report);
            } else if (delta != Delta.UNCHANGED) {
                report.add("  " + name + ": " + delta + " change, announced by " + newVersion + " (baseline "
                        + oldVersion + ")");
            }
        }
        for (String name : newExports.keySet()) {
            if (!oldExports.containsKey(name)) {
                report.add("  " + name + ": new package, " + version(newExports.get(name)));
            }
        }
        return oldExports.size();
    }

    /** The smallest version that announces a change of the given size. */
    private static Version required(Delta delta, Version old) {
        return switch (delta) {
            case MAJOR, REMOVED -> new Version(old.getMajor() + 1, 0, 0);
            case MINOR, ADDED -> new Version(old.getMajor(), old.getMinor() + 1, 0);
            case MICRO, CHANGED -> new Version(old.getMajor(), old.getMinor(), old.getMicro() + 1);
            default -> old;
        };
    }

    /** Prints what changed below a package, the way bnd names it; stops below an added or removed node. */
    private static void details(Diff diff, String indent, List<String> report) {
        for (Diff child : diff.getChildren()) {
            Delta delta = child.getDelta();
            if (delta == Delta.UNCHANGED || delta == Delta.IGNORED) {
                continue;
            }
            if (child.getType() == Type.INTERFACE) {
                delta = effectiveDelta(child);
            }
            String note = isConsumerAbstractAddition(diff, child) ? " (abstract, in a consumer type)" : "";
            report.add(indent + delta + " " + child.getType().toString().toLowerCase() + " " + child.getName() + note);
            if (delta != Delta.ADDED && delta != Delta.REMOVED) {
                details(child, indent + "  ", report);
            }
        }
    }

    /**
     * bnd's delta, corrected where bnd 7.2 under-reports: once an interface has a default method,
     * bnd rates every later-declared method added to it as MINOR, abstract ones too (the rating
     * variable is not reset per method). An abstract method added to an interface that is not a
     * {@code @ProviderType} breaks every implementation, so it is MAJOR here.
     */
    private static Delta effectiveDelta(Diff diff) {
        Delta delta = diff.getDelta();
        for (Diff child : diff.getChildren()) {
            if (isConsumerAbstractAddition(diff, child)) {
                return Delta.MAJOR;
            }
            if (diff.getType() == Type.PACKAGE && child.getType() == Type.INTERFACE
                    && effectiveDelta(child).compareTo(delta) > 0) {
                delta = effectiveDelta(child);
            }
        }
        return delta;
    }

    private static boolean isConsumerAbstractAddition(Diff type, Diff member) {
        if (type.getType() != Type.INTERFACE || member.getType() != Type.METHOD || member.getDelta() != Delta.ADDED) {
            return false;
        }
        boolean provider = false;
        for (Diff c : type.getChildren()) {
            provider |= c.getType() == Type.ANNOTATED && c.getDelta() != Delta.REMOVED
                    && c.getName().endsWith(".ProviderType");
        }
        boolean isAbstract = false;
        for (Diff c : member.getChildren()) {
            isAbstract |= c.getType() == Type.ACCESS && c.getName().equals("abstract");
        }
        return !provider && isAbstract;
    }

    /** The package-info {@code @Version} of each exported package must be the exported version. */
    private static void checkPackageInfoVersions(Jar jar, List<String> problems, List<String> report)
            throws Exception {
        Map<String, Attrs> exports = apiExports(jar);
        Map<String, String> declared = new TreeMap<>();
        // a second Jar: an Analyzer closes the jar it analysed
        try (Jar copy = new Jar(jar.getSource()); Analyzer analyzer = new Analyzer(copy)) {
            analyzer.analyze();
            for (Map.Entry<PackageRef, Attrs> e : analyzer.getContained().entrySet()) {
                declared.put(e.getKey().getFQN(), e.getValue().getVersion());
            }
        }
        for (Map.Entry<String, Attrs> e : exports.entrySet()) {
            String name = e.getKey();
            Version exported = version(e.getValue());
            String annotated = declared.get(name);
            if (annotated == null) {
                problems.add(name + " has no @Version");
                report.add("  " + name + ": package-info.java has no @Version (MANIFEST.MF exports " + exported + ")");
            } else if (!Version.parseVersion(annotated).equals(exported)) {
                problems.add(name + " has two versions");
                report.add("  " + name + ": package-info.java says @Version(\"" + annotated
                        + "\") but MANIFEST.MF exports " + exported + "; they must be equal");
            }
        }
    }

    /** Export-Package clauses that are API: not x-internal, not x-friends. */
    private static Map<String, Attrs> apiExports(Jar jar) throws Exception {
        Manifest manifest = jar.getManifest();
        Map<String, Attrs> out = new TreeMap<>();
        if (manifest == null) {
            return out;
        }
        Parameters exports = OSGiHeader.parseHeader(manifest.getMainAttributes().getValue("Export-Package"));
        for (Map.Entry<String, Attrs> e : exports.entrySet()) {
            Attrs attrs = e.getValue();
            if ("true".equals(attrs.get("x-internal:")) || attrs.containsKey("x-friends:")) {
                continue;
            }
            out.put(Processor.removeDuplicateMarker(e.getKey()), attrs);
        }
        return out;
    }

    private static Version version(Attrs attrs) {
        String v = attrs == null ? null : attrs.getVersion();
        return v == null ? Version.emptyVersion : Version.parseVersion(v).getWithoutQualifier();
    }

    private static void fail(int code, String message) {
        System.out.println(message);
        System.exit(code);
    }
}
