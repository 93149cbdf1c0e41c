package org.idempiere.subscription.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.http.runtime.HttpServiceRuntime;
import org.osgi.service.http.runtime.dto.FilterDTO;
import org.osgi.service.http.runtime.dto.RuntimeDTO;
import org.osgi.service.http.runtime.dto.ServletContextDTO;
import org.osgi.service.http.runtime.dto.ServletDTO;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What iDempiere deploys is what the sandbox serves: the web bundle's {@code WEB-INF/web.xml}
 * (read here on its own, not by the sandbox's deployer) maps the same servlet and filter classes to
 * the same URL patterns, at the bundle's {@code Web-ContextPath}, as the sandbox's HTTP whiteboard
 * reports it serves them; and nothing else serves below that path.
 */
class WebAppMappingTest {

    /** One mapping: the name, the class and the patterns, as text to compare. */
    private static String mapping(String className, String[] patterns) {
        String[] sorted = patterns.clone();
        Arrays.sort(sorted);
        return className + " " + String.join(",", sorted);
    }

    @Test
    void theWhiteboardServesExactlyWhatTheWebXmlDeclares() throws Exception {
        PortalClient.server();
        Bundle web = PortalClient.webBundle();
        String contextPath = web.getHeaders("").get("Web-ContextPath");
        assertEquals("/subscriptions", contextPath);
        Map<String, String> declaredServlets = new TreeMap<>();
        Map<String, String> declaredFilters = new TreeMap<>();
        read(web, declaredServlets, declaredFilters);
        assertEquals(3, declaredServlets.size(), declaredServlets.toString());

        RuntimeDTO runtime = Sandbox.service(HttpServiceRuntime.class).getRuntimeDTO();
        ServletContextDTO context = Arrays.stream(runtime.servletContextDTOs).filter(c -> contextPath.equals(c.contextPath))
                .findFirst().orElseThrow(() -> new AssertionError("no servlet context at " + contextPath));
        Map<String, String> servedServlets = new TreeMap<>();
        for (ServletDTO s : context.servletDTOs) {
            servedServlets.put(s.name, mapping(classOf(s.serviceId), s.patterns));
        }
        Map<String, String> servedFilters = new TreeMap<>();
        for (FilterDTO f : context.filterDTOs) {
            servedFilters.put(f.name, mapping(classOf(f.serviceId), f.patterns));
        }
        assertEquals(declaredServlets, servedServlets);
        assertEquals(declaredFilters, servedFilters);
        assertEquals(0, runtime.failedServletDTOs.length + runtime.failedFilterDTOs.length
                + runtime.failedServletContextDTOs.length, "nothing failed to deploy");
        for (ServletContextDTO other : runtime.servletContextDTOs) {
            for (ServletDTO s : other == context ? new ServletDTO[0] : other.servletDTOs) {
                for (String p : s.patterns) {
                    assertTrue(!(other.contextPath + p).startsWith(contextPath), "served outside the web.xml: " + s.name + " " + p);
                }
            }
        }
    }

    private static String classOf(long serviceId) throws Exception {
        ServiceReference<?>[] refs = Sandbox.context().getServiceReferences((String) null, "(service.id=" + serviceId + ")");
        assertTrue(refs != null && refs.length == 1, "service " + serviceId);
        Object service = Sandbox.context().getService(refs[0]);
        try {
            return service.getClass().getName();
        } finally {
            Sandbox.context().ungetService(refs[0]);
        }
    }

    private static void read(Bundle web, Map<String, String> servlets, Map<String, String> filters) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc;
        try (InputStream in = web.getEntry("WEB-INF/web.xml").openStream()) {
            doc = f.newDocumentBuilder().parse(in);
        }
        collect(doc, "servlet", "servlet-mapping", servlets);
        collect(doc, "filter", "filter-mapping", filters);
    }

    private static void collect(Document doc, String kind, String mappingKind, Map<String, String> out) {
        Map<String, String> classes = new TreeMap<>();
        for (Element e : elements(doc.getElementsByTagName(kind))) {
            classes.put(child(e, kind + "-name"), child(e, kind + "-class"));
        }
        Map<String, java.util.List<String>> patterns = new TreeMap<>();
        for (Element m : elements(doc.getElementsByTagName(mappingKind))) {
            for (Element p : elements(m.getElementsByTagName("url-pattern"))) {
                patterns.computeIfAbsent(child(m, kind + "-name"), k -> new java.util.ArrayList<>()).add(p.getTextContent().strip());
            }
        }
        classes.forEach((name, cls) -> out.put(name, mapping(cls, patterns.getOrDefault(name, java.util.List.of()).toArray(new String[0]))));
    }

    private static String child(Element e, String name) {
        return e.getElementsByTagName(name).item(0).getTextContent().strip();
    }

    private static java.util.List<Element> elements(NodeList nodes) {
        java.util.List<Element> out = new java.util.ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }
}
