import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Build check: no compile-only bundle is ever shipped. The bundles under releng/ whose
 * Bundle-Description starts with "Compile-only" (iDempiere's org.adempiere.base and friends,
 * reduced to stubs that only throw) and every bundle named org.adempiere.* must not appear
 *
 *   - in any feature.xml under --features (plugin entries),
 *   - in a p2 repository directory (--repository: plugins/*.jar, and the plugin entries of features/*.jar),
 *   - in a zipped p2 repository (--archive: the same, inside the zip).
 *
 * Also refused: a feature that contains both the sandbox bundle and the iDempiere binding (directly
 * or through included features), since the sandbox runtime must never hold the binding.
 *
 * JDK only, run with the source-file launcher:
 *   java CompileOnlyCheck.java --releng DIR [--features DIR] [--repository DIR] [--archive ZIP]
 * Exit codes: 0 clean, 1 violations (listed on stderr), 2 an input is missing or unreadable, 64 usage.
 */
public class CompileOnlyCheck {
    static final String FORBIDDEN_PREFIX = "org.adempiere.";
    static final String SANDBOX = "org.idempiere.subscription.sandbox";
    static final String BINDING = "org.idempiere.subscription.plugin";

    final Set<String> compileOnly = new TreeSet<>();
    final List<String> violations = new ArrayList<>();
    int bundlesSeen;
    int featuresSeen;

    public static void main(String[] args) {
        Map<String, List<Path>> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length || !List.of("--releng", "--features", "--repository", "--archive").contains(args[i])) {
                System.err.println("usage: java CompileOnlyCheck.java --releng DIR [--features DIR] [--repository DIR] [--archive ZIP]");
                System.exit(64);
            }
            opts.computeIfAbsent(args[i], k -> new ArrayList<>()).add(Path.of(args[i + 1]));
        }
        if (!opts.containsKey("--releng")) {
            System.err.println("compile-only check: --releng is required");
            System.exit(64);
        }
        CompileOnlyCheck check = new CompileOnlyCheck();
        try {
            for (Path p : opts.get("--releng")) check.readCompileOnly(p);
            for (Path p : opts.getOrDefault("--features", List.of())) check.checkFeatureSources(p);
            for (Path p : opts.getOrDefault("--repository", List.of())) check.checkRepository(p);
            for (Path p : opts.getOrDefault("--archive", List.of())) check.checkArchive(p);
        } catch (IOException | RuntimeException e) {
            System.err.println("compile-only check: " + e.getMessage());
            System.exit(2);
        }
        if (!check.violations.isEmpty()) {
            System.err.println("compile-only check FAILED: compile-only API must never be shipped"
                    + " (see docs/decisions/0011-compile-only-idempiere-api.md)");
            check.violations.forEach(v -> System.err.println("  " + v));
            System.exit(1);
        }
        System.out.println("compile-only check: " + check.bundlesSeen + " shipped bundles and " + check.featuresSeen
                + " features checked, no compile-only bundle among them " + check.compileOnly);
    }

    /** Collects the symbolic names of releng/*&#47;META-INF/MANIFEST.MF marked compile-only. */
    void readCompileOnly(Path releng) throws IOException {
        if (!Files.isDirectory(releng)) throw new IOException("no directory " + releng);
        try (Stream<Path> dirs = Files.list(releng)) {
            for (Path dir : dirs.sorted().toList()) {
                Path mf = dir.resolve("META-INF/MANIFEST.MF");
                if (!Files.isRegularFile(mf)) continue;
                try (InputStream in = Files.newInputStream(mf)) {
                    Manifest m = new Manifest(in);
                    if (isCompileOnlyDescription(m.getMainAttributes().getValue("Bundle-Description"))) {
                        compileOnly.add(symbolicName(m));
                    }
                }
            }
        }
    }

    boolean forbidden(String bundle) {
        return bundle != null && (bundle.startsWith(FORBIDDEN_PREFIX) || compileOnly.contains(bundle));
    }

    static boolean isCompileOnlyDescription(String description) {
        return description != null && description.strip().startsWith("Compile-only");
    }

    static String symbolicName(Manifest m) {
        String bsn = m.getMainAttributes().getValue("Bundle-SymbolicName");
        return bsn == null ? null : bsn.split(";")[0].strip();
    }

    /** Every features/*&#47;feature.xml: plugin entries, and the sandbox/binding separation. */
    void checkFeatureSources(Path featuresDir) throws IOException {
        if (!Files.isDirectory(featuresDir)) throw new IOException("no directory " + featuresDir);
        Map<String, Feature> features = new LinkedHashMap<>();
        try (Stream<Path> dirs = Files.list(featuresDir)) {
            for (Path dir : dirs.sorted().toList()) {
                Path xml = dir.resolve("feature.xml");
                if (Files.isRegularFile(xml)) {
                    Feature f = Feature.parse(Files.readAllBytes(xml), xml.toString());
                    features.put(f.id, f);
                }
            }
        }
        for (Feature f : features.values()) {
            checkFeature(f);
            Set<String> all = new LinkedHashSet<>();
            collect(f, features, all, new LinkedHashSet<>());
            if (all.contains(SANDBOX) && all.contains(BINDING)) {
                violations.add(f.where + ": feature " + f.id + " holds both " + SANDBOX + " and " + BINDING
                        + " (the sandbox runtime must never contain the iDempiere binding)");
            }
        }
    }

    static void collect(Feature f, Map<String, Feature> features, Set<String> plugins, Set<String> visited) {
        if (!visited.add(f.id)) return;
        plugins.addAll(f.plugins);
        for (String inc : f.includes) {
            Feature g = features.get(inc);
            if (g != null) collect(g, features, plugins, visited);
        }
    }

    void checkFeature(Feature f) {
        featuresSeen++;
        for (String p : f.plugins) {
            if (forbidden(p)) violations.add(f.where + ": feature " + f.id + " contains compile-only bundle " + p);
        }
    }

    /** A built p2 repository: plugins/*.jar and features/*.jar. */
    void checkRepository(Path repo) throws IOException {
        if (!Files.isDirectory(repo.resolve("plugins"))) {
            throw new IOException("no p2 repository at " + repo + " (plugins/ missing; is it built?)");
        }
        try (Stream<Path> jars = Files.list(repo.resolve("plugins"))) {
            for (Path jar : jars.sorted().toList()) {
                try (InputStream in = Files.newInputStream(jar)) {
                    checkBundle(in, repo.relativize(jar).toString(), jar.toString());
                }
            }
        }
        Path features = repo.resolve("features");
        if (Files.isDirectory(features)) {
            try (Stream<Path> jars = Files.list(features)) {
                for (Path jar : jars.sorted().toList()) {
                    try (InputStream in = Files.newInputStream(jar)) {
                        checkFeatureJar(in, jar.toString());
                    }
                }
            }
        }
    }

    /** A zipped p2 repository, as update-prd.sh can install it. */
    void checkArchive(Path zip) throws IOException {
        if (!Files.isRegularFile(zip)) throw new IOException("no archive " + zip + " (is it built?)");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                String name = e.getName();
                if (name.startsWith("plugins/") && !e.isDirectory()) {
                    checkBundle(unclosable(in), name, zip + "!/" + name);
                } else if (name.startsWith("features/") && name.endsWith(".jar")) {
                    checkFeatureJar(unclosable(in), zip + "!/" + name);
                }
            }
        }
    }

    void checkBundle(InputStream jar, String entryName, String where) throws IOException {
        bundlesSeen++;
        String fileName = entryName.substring(entryName.lastIndexOf('/') + 1);
        Manifest m;
        try (JarInputStream in = new JarInputStream(jar)) {
            m = in.getManifest();
        }
        String bsn = m == null ? null : symbolicName(m);
        String description = m == null ? null : m.getMainAttributes().getValue("Bundle-Description");
        if (forbidden(bsn) || isCompileOnlyDescription(description) || forbidden(fileName.split("_")[0])) {
            violations.add(where + ": compile-only bundle " + (bsn == null ? fileName : bsn) + " is shipped");
        }
    }

    void checkFeatureJar(InputStream jar, String where) throws IOException {
        try (JarInputStream in = new JarInputStream(jar)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals("feature.xml")) {
                    checkFeature(Feature.parse(in.readAllBytes(), where));
                    return;
                }
            }
        }
        throw new IOException(where + ": no feature.xml");
    }

    static InputStream unclosable(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
            }
        };
    }

    /** The parts of a feature.xml the check needs. */
    record Feature(String id, List<String> plugins, List<String> includes, String where) {
        static Feature parse(byte[] xml, String where) throws IOException {
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
                Element root = doc.getDocumentElement();
                return new Feature(root.getAttribute("id"), ids(root, "plugin"), ids(root, "includes"), where);
            } catch (Exception e) {
                throw new IOException(where + ": unreadable feature.xml: " + e.getMessage(), e);
            }
        }

        static List<String> ids(Element root, String tag) {
            List<String> out = new ArrayList<>();
            NodeList nodes = root.getElementsByTagName(tag);
            for (int i = 0; i < nodes.getLength(); i++) out.add(((Element) nodes.item(i)).getAttribute("id"));
            return out;
        }
    }
}
