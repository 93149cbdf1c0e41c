package org.idempiere.subscription.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.idempiere.subscription.web.rest.Router;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document served at {@code /subscriptions/api/v1/openapi.json} says what the API
 * does: it documents exactly the routes the servlet maps for the engine (the sandbox's are
 * checked with the running sandbox in the OSGi tests), and every example in it, merged with the
 * sandbox's fragment as served, is valid against its own schema (OpenAPI 3.0 schema dialect).
 */
class OpenApiDocumentTest {
    private static final String BASE = "https://idempiere-subscriptions.invalid/openapi.json";
    private static ObjectNode merged;
    private static JsonSchemaFactory factory;

    @BeforeAll
    static void load() throws Exception {
        Path root = Path.of(System.getProperty("project.root", "../.."));
        URL sandboxFragment = root.resolve("bundles/org.idempiere.subscription.sandbox/src/main/resources/openapi/sandbox.json")
                .toUri().toURL();
        merged = OpenApiDocument.merged(List.of(sandboxFragment, ReportRoutes.class.getResource("/openapi/reports.json")));
        String text = OpenApiDocument.MAPPER.writeValueAsString(merged);
        factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4, b -> b
                .metaSchema(OpenApi30.getInstance())
                .defaultMetaSchemaIri(OpenApi30.getInstance().getIri())
                .schemaLoaders(l -> l.schemas(Map.of(BASE, text))));
    }

    @Test
    void documentsExactlyTheEngineRoutes_andTheServletsOwn() throws Exception {
        Set<String> routed = new TreeSet<>(Set.of("GET /health", "GET /openapi.json"));
        new EngineRoutes(null, null, null, null, null, null, null, null).register(recorder(routed));
        ObjectNode own = (ObjectNode) OpenApiDocument.MAPPER.readTree(OpenApiDocument.class.getResource("/openapi/openapi.json"));
        Set<String> documented = operations(own);
        assertTrue(routed.size() > 20, "routes recorded: " + routed);
        assertEquals(new TreeSet<>(), minus(routed, documented), "routed but not documented");
        assertEquals(new TreeSet<>(), minus(documented, routed), "documented but not routed");
    }

    /** The report routes (revenue, forecast) are documented in their own fragment, exactly. */
    @Test
    void documentsExactlyTheReportRoutes_inTheirFragment() throws Exception {
        Set<String> routed = new TreeSet<>();
        new ReportRoutes(null, null).register(recorder(routed));
        Set<String> documented = operations(OpenApiDocument.MAPPER.readTree(ReportRoutes.class.getResource("/openapi/reports.json")));
        assertTrue(routed.size() >= 5, "routes recorded: " + routed);
        assertEquals(new TreeSet<>(), minus(routed, documented), "routed but not documented");
        assertEquals(new TreeSet<>(), minus(documented, routed), "documented but not routed");
    }

    @Test
    void everyExample_isValidAgainstItsSchema() {
        List<String> examples = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        walk(merged, "", examples, errors);
        assertTrue(examples.size() > 50, "examples found: " + examples.size());
        assertEquals(List.of(), errors, errors.size() + " of " + examples.size() + " examples contradict their schema");
    }

    /** The validator is strict where the document relies on it: a required member and nullable. */
    @Test
    void theValidator_refusesAnExampleWithoutARequiredMember_andAcceptsNullWhereNullable() throws Exception {
        JsonNode template = merged.at("/components/schemas/Template/example").deepCopy();
        assertTrue(validate("/components/schemas/Template", template).isEmpty(), "the Template example is valid");
        ((ObjectNode) template).remove("recurrence");
        assertFalse(validate("/components/schemas/Template", template).isEmpty(), "a template without recurrence is not");
        ((ObjectNode) template).put("recurrence", "MONTH");
        assertFalse(validate("/components/schemas/Template", template).isEmpty(), "nor one whose recurrence is a string");
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }

    static Set<String> operations(JsonNode doc) {
        Set<String> out = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            for (String method : List.of("get", "put", "post", "delete", "patch", "head", "options")) {
                if (path.getValue().has(method)) {
                    out.add(method.toUpperCase() + " " + path.getKey());
                }
            }
        }
        return out;
    }

    private static Router recorder(Set<String> routes) {
        return new Router() {
            @Override
            public void get(String pattern, Handler handler) {
                routes.add("GET " + pattern);
            }

            @Override
            public void post(String pattern, Handler handler) {
                routes.add("POST " + pattern);
            }

            @Override
            public void delete(String pattern, Handler handler) {
                routes.add("DELETE " + pattern);
            }
        };
    }

    /**
     * Finds every example: {@code example} beside a {@code schema} (media types, parameters),
     * {@code examples.*.value} beside one, and {@code example} inside a schema object.
     */
    private static void walk(JsonNode node, String pointer, List<String> examples, List<String> errors) {
        if (node.isObject()) {
            JsonNode schema = node.get("schema");
            if (schema != null && schema.isObject()) {
                if (node.has("example")) {
                    check(pointer + "/schema", node.get("example"), pointer + "/example", examples, errors);
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = node.path("examples").fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode ex = e.getValue().has("$ref") ? merged.at(e.getValue().get("$ref").asText().substring(1)) : e.getValue();
                    if (ex.has("value")) {
                        check(pointer + "/schema", ex.get("value"), pointer + "/examples/" + escape(e.getKey()), examples, errors);
                    }
                }
            }
            if (isSchema(pointer) && node.has("example") && !node.has("$ref")) {
                check(pointer, node.get("example"), pointer + "/example", examples, errors);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (isSchema(pointer) && (e.getKey().equals("example") || e.getKey().equals("enum") || e.getKey().equals("default"))) {
                    continue; // values, not document structure
                }
                if (!isSchema(pointer) && e.getKey().equals("example")) {
                    continue;
                }
                walk(e.getValue(), pointer + "/" + escape(e.getKey()), examples, errors);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, examples, errors);
            }
        }
    }

    /** Whether the object at {@code pointer} is a schema object. */
    private static boolean isSchema(String pointer) {
        String[] p = pointer.split("/");
        if (p.length == 0) {
            return false;
        }
        String last = p[p.length - 1];
        String parent = p.length > 1 ? p[p.length - 2] : "";
        return last.equals("schema") || last.equals("items") || last.equals("additionalProperties") || last.equals("not")
                || parent.equals("properties") || parent.equals("allOf") || parent.equals("anyOf") || parent.equals("oneOf")
                || (parent.equals("schemas") && p.length >= 2 && p[p.length - 3].equals("components"));
    }

    private static void check(String schemaPointer, JsonNode example, String where, List<String> examples, List<String> errors) {
        examples.add(where);
        for (ValidationMessage m : validate(schemaPointer, example)) {
            errors.add(where + ": " + m.getMessage());
        }
    }

    private static Set<ValidationMessage> validate(String schemaPointer, JsonNode value) {
        JsonSchema schema = factory.getSchema(SchemaLocation.of(BASE + "#" + schemaPointer), SchemaValidatorsConfig.builder().build());
        return schema.validate(value);
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
