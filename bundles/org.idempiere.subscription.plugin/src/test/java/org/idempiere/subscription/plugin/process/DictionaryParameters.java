package org.idempiere.subscription.plugin.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The parameters 2pack/dictionary.xml gives a process, in their order. */
final class DictionaryParameters {
    private DictionaryParameters() {
    }

    static List<String> of(String processValue) throws Exception {
        String root = System.getProperty("project.root");
        Path dictionary = root == null ? Path.of("..", "..", "2pack", "dictionary.xml") : Path.of(root, "2pack", "dictionary.xml");
        if (!Files.isRegularFile(dictionary)) {
            throw new IllegalStateException("no dictionary at " + dictionary.toAbsolutePath());
        }
        NodeList processes = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dictionary.toFile())
                .getElementsByTagName("process");
        for (int i = 0; i < processes.getLength(); i++) {
            Element p = (Element) processes.item(i);
            if (processValue.equals(p.getAttribute("value"))) {
                List<String> names = new ArrayList<>();
                NodeList params = p.getElementsByTagName("parameter");
                for (int j = 0; j < params.getLength(); j++) {
                    names.add(((Element) params.item(j)).getAttribute("column"));
                }
                return names;
            }
        }
        throw new IllegalStateException("no <process value=\"" + processValue + "\"> in " + dictionary);
    }
}
