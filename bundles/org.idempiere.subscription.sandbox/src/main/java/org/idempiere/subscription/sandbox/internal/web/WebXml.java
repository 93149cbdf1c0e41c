package org.idempiere.subscription.sandbox.internal.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The part of a {@code WEB-INF/web.xml} the sandbox deploys: servlets and filters, their classes,
 * init parameters and URL patterns (filters also by servlet name). Anything else in the file is
 * not read; a mapping to an undeclared servlet or filter is an error naming it. Immutable.
 *
 * @param servlets by name, in the file's order
 * @param filters  by name, in the file's order
 */
public record WebXml(List<Servlet> servlets, List<Filter> filters) {

    /** A declared servlet with its mappings. */
    public record Servlet(String name, String className, Map<String, String> initParams, List<String> patterns) {
    }

    /** A declared filter with its mappings. */
    public record Filter(String name, String className, Map<String, String> initParams, List<String> patterns,
            List<String> servletNames) {
    }

    /**
     * Reads a descriptor; document type declarations are refused (no external entity is ever read).
     *
     * @throws IOException naming what is wrong in the file
     */
    public static WebXml parse(InputStream in) throws IOException {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            doc = f.newDocumentBuilder().parse(in);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("web.xml cannot be read: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        Map<String, Servlet> servlets = new LinkedHashMap<>();
        for (Element s : children(root, "servlet")) {
            String name = text(s, "servlet-name");
            servlets.put(name, new Servlet(name, text(s, "servlet-class"), params(s), new ArrayList<>()));
        }
        Map<String, Filter> filters = new LinkedHashMap<>();
        for (Element f : children(root, "filter")) {
            String name = text(f, "filter-name");
            filters.put(name, new Filter(name, text(f, "filter-class"), params(f), new ArrayList<>(), new ArrayList<>()));
        }
        for (Element m : children(root, "servlet-mapping")) {
            Servlet s = servlets.get(text(m, "servlet-name"));
            if (s == null) {
                throw new IOException("servlet-mapping names the undeclared servlet '" + text(m, "servlet-name") + "'");
            }
            children(m, "url-pattern").forEach(p -> s.patterns().add(p.getTextContent().strip()));
        }
        for (Element m : children(root, "filter-mapping")) {
            Filter f = filters.get(text(m, "filter-name"));
            if (f == null) {
                throw new IOException("filter-mapping names the undeclared filter '" + text(m, "filter-name") + "'");
            }
            children(m, "url-pattern").forEach(p -> f.patterns().add(p.getTextContent().strip()));
            children(m, "servlet-name").forEach(p -> f.servletNames().add(p.getTextContent().strip()));
        }
        return new WebXml(freeze(servlets.values().stream().map(s -> new Servlet(s.name(), s.className(), s.initParams(),
                List.copyOf(s.patterns()))).toList()),
                freeze(filters.values().stream().map(f -> new Filter(f.name(), f.className(), f.initParams(),
                        List.copyOf(f.patterns()), List.copyOf(f.servletNames()))).toList()));
    }

    private static <T> List<T> freeze(List<T> list) {
        return List.copyOf(list);
    }

    private static Map<String, String> params(Element parent) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Element p : children(parent, "init-param")) {
            out.put(text(p, "param-name"), text(p, "param-value"));
        }
        return Map.copyOf(out);
    }

    private static String text(Element parent, String child) throws IOException {
        List<Element> found = children(parent, child);
        if (found.size() != 1 || found.get(0).getTextContent().isBlank()) {
            throw new IOException("<" + parent.getLocalName() + "> needs exactly one <" + child + ">");
        }
        return found.get(0).getTextContent().strip();
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }
}
