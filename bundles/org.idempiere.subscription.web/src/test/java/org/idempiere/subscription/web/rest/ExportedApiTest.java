package org.idempiere.subscription.web.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The web bundle's exported API names only our own and JDK types: no public or protected
 * signature of a class in an exported package mentions a JSON library type (Jackson), so a
 * bundle contributing routes does not depend on the library the web bundle uses inside.
 */
class ExportedApiTest {
    private static final String FORBIDDEN = "com.fasterxml.";

    @Test
    void exportedSignatures_mentionNoJacksonType() throws Exception {
        List<String> exported = exportedPackages();
        assertEquals(List.of("org.idempiere.subscription.web.rest"), exported, "Export-Package of the web bundle");
        Set<String> checked = new TreeSet<>();
        List<String> leaks = new ArrayList<>();
        for (String pkg : exported) {
            for (Class<?> c : classesOf(pkg)) {
                if (isApi(c)) {
                    checked.add(c.getSimpleName());
                    leaks.addAll(leaks(c));
                }
            }
        }
        assertTrue(checked.containsAll(Set.of("Reply", "JsonBody", "Json", "JsonValue", "JsonObject", "JsonArray",
                "EngineJson", "RestRequest", "RestRoutes", "Router")), "classes checked: " + checked);
        assertEquals(List.of(), leaks, "exported signatures naming " + FORBIDDEN + "*");
    }

    /** The check finds a leak where there is one: a public method, a public field and a record component. */
    @Test
    void theCheck_findsJacksonInPublicSignatures() {
        assertEquals(Set.of(Leaky.class.getName() + ".node: com.fasterxml.jackson.databind.JsonNode",
                Leaky.class.getName() + ".tree(): com.fasterxml.jackson.databind.node.ObjectNode"), Set.copyOf(leaks(Leaky.class)));
        assertTrue(leaks(LeakyRecord.class).contains(LeakyRecord.class.getName() + " component body: com.fasterxml.jackson.databind.JsonNode"),
                leaks(LeakyRecord.class).toString());
        assertEquals(List.of(), leaks(Clean.class));
    }

    /** Fixtures for the check itself. */
    public static class Leaky {
        public JsonNode node;

        public ObjectNode tree() {
            return null;
        }

        JsonNode packagePrivate() {
            return null;
        }
    }

    /** A record exposing a Jackson node. */
    public record LeakyRecord(List<? extends JsonNode> body) {
    }

    /** Clean: Jackson only in private members. */
    public static class Clean {
        private JsonNode node;

        public String text() {
            return String.valueOf(node);
        }
    }

    private static boolean isApi(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            int m = k.getModifiers();
            if (!Modifier.isPublic(m) && !(k.getEnclosingClass() != null && Modifier.isProtected(m))) {
                return false;
            }
        }
        return !c.isAnonymousClass() && !c.isSynthetic();
    }

    /** Every public or protected member of {@code c} whose signature names a forbidden type. */
    static List<String> leaks(Class<?> c) {
        List<String> out = new ArrayList<>();
        String n = c.getName();
        check(out, n + " extends", c.getGenericSuperclass());
        for (Type t : c.getGenericInterfaces()) {
            check(out, n + " implements", t);
        }
        for (Field f : c.getDeclaredFields()) {
            if (visible(f.getModifiers()) && !f.isSynthetic()) {
                check(out, n + "." + f.getName(), f.getGenericType());
            }
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (visible(k.getModifiers()) && !k.isSynthetic()) {
                for (Type t : k.getGenericParameterTypes()) {
                    check(out, n + ".<init>", t);
                }
                for (Type t : k.getGenericExceptionTypes()) {
                    check(out, n + ".<init> throws", t);
                }
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                check(out, n + "." + m.getName() + "()", m.getGenericReturnType());
                for (Type t : m.getGenericParameterTypes()) {
                    check(out, n + "." + m.getName() + "(param)", t);
                }
                for (Type t : m.getGenericExceptionTypes()) {
                    check(out, n + "." + m.getName() + " throws", t);
                }
            }
        }
        if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                check(out, n + " component " + rc.getName(), rc.getGenericType());
            }
        }
        return out;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void check(List<String> out, String where, Type type) {
        Set<String> names = new TreeSet<>();
        collect(type, names, new java.util.HashSet<>());
        for (String name : names) {
            if (name.startsWith(FORBIDDEN)) {
                out.add(where + ": " + name);
            }
        }
    }

    private static void collect(Type t, Set<String> names, Set<Type> seen) {
        if (t == null || !seen.add(t)) {
            return;
        }
        if (t instanceof Class<?> k) {
            Class<?> e = k;
            while (e.isArray()) {
                e = e.getComponentType();
            }
            names.add(e.getName());
        } else if (t instanceof ParameterizedType p) {
            collect(p.getRawType(), names, seen);
            for (Type a : p.getActualTypeArguments()) {
                collect(a, names, seen);
            }
        } else if (t instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                collect(b, names, seen);
            }
            for (Type b : w.getLowerBounds()) {
                collect(b, names, seen);
            }
        } else if (t instanceof GenericArrayType g) {
            collect(g.getGenericComponentType(), names, seen);
        } else if (t instanceof TypeVariable<?> v) {
            for (Type b : v.getBounds()) {
                collect(b, names, seen);
            }
        }
    }

    /** The packages the bundle's manifest exports. */
    private static List<String> exportedPackages() throws IOException {
        Manifest mf;
        try (InputStream in = Files.newInputStream(Path.of("META-INF/MANIFEST.MF"))) {
            mf = new Manifest(in);
        }
        String header = mf.getMainAttributes().getValue("Export-Package");
        List<String> out = new ArrayList<>();
        // Split on commas outside quotes: clauses are "pkg;version=\"1.0.0\"".
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char ch : (header == null ? "" : header).toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
            }
            if (ch == ',' && !quoted) {
                out.add(clause.toString().split(";")[0].strip());
                clause.setLength(0);
            } else {
                clause.append(ch);
            }
        }
        if (!clause.toString().isBlank()) {
            out.add(clause.toString().split(";")[0].strip());
        }
        return out;
    }

    /** Every class compiled from the main sources into the package, nested ones included. */
    private static List<Class<?>> classesOf(String pkg) throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of("target/classes").resolve(pkg.replace('.', '/'));
        assertTrue(Files.isDirectory(dir), dir + " holds the compiled classes");
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String simple = f.getFileName().toString().replaceAll("\\.class$", "");
                if (!simple.equals("package-info")) {
                    out.add(Class.forName(pkg + "." + simple, false, ExportedApiTest.class.getClassLoader()));
                }
            }
        }
        return out;
    }
}
