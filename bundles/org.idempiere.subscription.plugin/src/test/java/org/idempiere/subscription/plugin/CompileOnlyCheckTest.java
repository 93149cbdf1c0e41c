package org.idempiere.subscription.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build check of p2-repository/check/CompileOnlyCheck.java, run as the build runs it, on small
 * repositories and features made here: it passes on ours and fails on each way the compile-only
 * API could be shipped.
 */
class CompileOnlyCheckTest {
    private static final Path ROOT = Path.of(System.getProperty("project.root", "../.."));

    @TempDir
    Path dir;

    @Test
    void ourBundlesOnly_passes() throws Exception {
        bundle(dir.resolve("repo/plugins"), "org.idempiere.subscription.plugin", null);
        Result r = check("--repository", dir.resolve("repo").toString());
        assertEquals(0, r.exit, r.output);
    }

    @Test
    void stubInRepository_fails() throws Exception {
        bundle(dir.resolve("repo/plugins"), "org.adempiere.base", "Compile-only API: stubs");
        Result r = check("--repository", dir.resolve("repo").toString());
        assertEquals(1, r.exit, r.output);
        assertTrue(r.output.contains("compile-only bundle org.adempiere.base is shipped"), r.output);
    }

    @Test
    void bundleMarkedCompileOnlyUnderAnotherName_fails() throws Exception {
        bundle(dir.resolve("repo/plugins"), "org.example.anything", "Compile-only API of something");
        assertEquals(1, check("--repository", dir.resolve("repo").toString()).exit);
    }

    @Test
    void stubInZippedRepository_fails() throws Exception {
        Path plugins = dir.resolve("plain/plugins");
        Path stub = bundle(plugins, "org.adempiere.plugin.utils", null);
        Path zip = dir.resolve("repo.zip");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("plugins/" + stub.getFileName()));
            out.write(Files.readAllBytes(stub));
        }
        Result r = check("--archive", zip.toString());
        assertEquals(1, r.exit, r.output);
        assertTrue(r.output.contains("org.adempiere.plugin.utils"), r.output);
    }

    @Test
    void stubInAFeature_fails() throws Exception {
        feature(dir.resolve("features/f"), "f", List.of("org.idempiere.subscription.api", "org.adempiere.base"), List.of());
        Result r = check("--features", dir.resolve("features").toString());
        assertEquals(1, r.exit, r.output);
        assertTrue(r.output.contains("feature f contains compile-only bundle org.adempiere.base"), r.output);
    }

    @Test
    void sandboxFeatureReachingTheBinding_fails() throws Exception {
        feature(dir.resolve("features/idempiere"), "idempiere", List.of("org.idempiere.subscription.plugin"), List.of());
        feature(dir.resolve("features/sandbox"), "sandbox", List.of("org.idempiere.subscription.sandbox"), List.of("idempiere"));
        Result r = check("--features", dir.resolve("features").toString());
        assertEquals(1, r.exit, r.output);
        assertTrue(r.output.contains("feature sandbox holds both"), r.output);
    }

    @Test
    void theProjectsOwnFeatures_pass() throws Exception {
        Result r = check("--features", ROOT.resolve("features").toString());
        assertEquals(0, r.exit, r.output);
    }

    @Test
    void repositoryNotBuilt_isAnError() throws Exception {
        assertEquals(2, check("--repository", dir.resolve("missing").toString()).exit);
    }

    private record Result(int exit, String output) {
    }

    private Result check(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                ROOT.resolve("p2-repository/check/CompileOnlyCheck.java").toString(), "--releng", ROOT.resolve("releng").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), output);
    }

    private static Path bundle(Path plugins, String bsn, String description) throws IOException {
        Files.createDirectories(plugins);
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("Bundle-SymbolicName", bsn + ";singleton:=true");
        if (description != null) {
            m.getMainAttributes().putValue("Bundle-Description", description);
        }
        Path jar = plugins.resolve(bsn + "_1.0.0.jar");
        try (OutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
            out.flush();
        }
        return jar;
    }

    private static void feature(Path dir, String id, List<String> plugins, List<String> includes) throws IOException {
        Files.createDirectories(dir);
        StringBuilder xml = new StringBuilder("<feature id=\"" + id + "\" version=\"1.0.0\">\n");
        includes.forEach(i -> xml.append("  <includes id=\"").append(i).append("\" version=\"0.0.0\"/>\n"));
        plugins.forEach(p -> xml.append("  <plugin id=\"").append(p).append("\" version=\"0.0.0\"/>\n"));
        Files.writeString(dir.resolve("feature.xml"), xml.append("</feature>\n"));
    }
}
