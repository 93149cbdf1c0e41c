package org.idempiere.subscription.web.internal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Manifest;
import javax.servlet.Filter;
import javax.servlet.http.HttpServlet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The bundle is a web application bundle for iDempiere: its manifest names the context path and
 * Jetty environment, and {@code WEB-INF/web.xml} names servlets and filters this bundle has, each
 * with the public no-argument constructor a container needs.
 */
class WebXmlTest {

    @Test
    void manifest_makesTheBundleAWebApplicationAtSubscriptions() throws Exception {
        try (var in = Files.newInputStream(Path.of("META-INF/MANIFEST.MF"))) {
            var attributes = new Manifest(in).getMainAttributes();
            assertEquals("/subscriptions", attributes.getValue("Web-ContextPath"));
            assertEquals("ee8", attributes.getValue("Jetty-Environment"));
        }
        assertTrue(Files.readString(Path.of("build.properties")).contains("WEB-INF/"), "web.xml is packed");
    }

    @Test
    void webXml_namesServletsAndFiltersOfThisBundle() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(Path.of("WEB-INF/web.xml").toFile());
        NodeList servlets = doc.getElementsByTagName("servlet-class");
        assertEquals(3, servlets.getLength());
        for (int i = 0; i < servlets.getLength(); i++) {
            Class<?> c = Class.forName(servlets.item(i).getTextContent().strip());
            assertTrue(HttpServlet.class.isAssignableFrom(c), c.getName());
            c.getConstructor();
        }
        NodeList filters = doc.getElementsByTagName("filter-class");
        for (int i = 0; i < filters.getLength(); i++) {
            Class<?> c = Class.forName(filters.item(i).getTextContent().strip());
            assertTrue(Filter.class.isAssignableFrom(c), c.getName());
            c.getConstructor();
        }
        NodeList patterns = doc.getElementsByTagName("url-pattern");
        for (int i = 0; i < patterns.getLength(); i++) {
            Element e = (Element) patterns.item(i);
            assertTrue(e.getTextContent().strip().matches("/(api/v1|portal|seller)/\\*"), e.getTextContent());
        }
    }
}
