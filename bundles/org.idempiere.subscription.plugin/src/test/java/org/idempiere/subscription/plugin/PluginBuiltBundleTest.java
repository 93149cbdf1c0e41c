package org.idempiere.subscription.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The jar Tycho built (run in the {@code verify} phase, after packaging): what iDempiere 12 will
 * see when it installs it. Tycho compiled the bundle against the compile-only API in releng/, which
 * proves the manifest resolves against bundles of those names and versions; this test pins the
 * manifest to iDempiere 12's conventions and to those stand-ins.
 */
class PluginBuiltBundleTest {
    private static final String BSN = "org.idempiere.subscription.plugin";
    private static final Pattern REQUIRE = Pattern.compile("([\\w.]+);bundle-version=\"([^\"]+)\"");
    private static JarFile jar;
    private static Attributes manifest;
    private static Path root;

    @BeforeAll
    static void open() throws IOException {
        String path = System.getProperty("bundle.jar");
        assertNotNull(path, "system property bundle.jar (set by the pom)");
        jar = new JarFile(path);
        manifest = jar.getManifest().getMainAttributes();
        root = Path.of(System.getProperty("project.root"));
    }

    @Test
    void manifest_idempiere12Plugin() {
        assertEquals(BSN, manifest.getValue("Bundle-SymbolicName"));
        assertTrue(manifest.getValue("Bundle-Version").matches("1\\.0\\.0\\.v\\d{12}"), manifest.getValue("Bundle-Version"));
        assertEquals("lazy", manifest.getValue("Bundle-ActivationPolicy"));
        assertEquals("org.idempiere.subscription.plugin.Activator", manifest.getValue("Bundle-Activator"));
        assertNotNull(jar.getEntry("org/idempiere/subscription/plugin/Activator.class"));
        // Tycho turns Bundle-RequiredExecutionEnvironment: JavaSE-17 into this capability
        assertTrue(manifest.getValue("Require-Capability").contains("osgi.ee;filter:=\"(&(osgi.ee=JavaSE)(version=17))\""),
                manifest.getValue("Require-Capability"));
    }

    @Test
    void sourceManifest_declaresJavaSE17() throws IOException {
        try (InputStream in = Files.newInputStream(root.resolve("bundles/" + BSN + "/META-INF/MANIFEST.MF"))) {
            assertEquals("JavaSE-17", new Manifest(in).getMainAttributes().getValue("Bundle-RequiredExecutionEnvironment"));
        }
    }

    @Test
    void requireBundle_idempiere12BaseAndPluginUtils() {
        assertEquals(Map.of("org.adempiere.base", "12.0.0", "org.adempiere.plugin.utils", "12.0.0"), requiredBundles());
    }

    /** Each required bundle exists as a compile-only stand-in whose version the range accepts. */
    @Test
    void requireBundle_satisfiedByTheCompileOnlyApiOfIdempiere12() throws IOException {
        for (Map.Entry<String, String> r : requiredBundles().entrySet()) {
            Path mf = root.resolve("releng/" + r.getKey() + "/META-INF/MANIFEST.MF");
            try (InputStream in = Files.newInputStream(mf)) {
                Attributes stand = new Manifest(in).getMainAttributes();
                assertEquals(r.getKey(), stand.getValue("Bundle-SymbolicName").split(";")[0]);
                assertTrue(stand.getValue("Bundle-Description").startsWith("Compile-only"), mf.toString());
                String version = stand.getValue("Bundle-Version").replace(".qualifier", "");
                assertEquals("12.0.0", version, "stand-in of iDempiere 12.0.0 at " + mf);
                assertTrue(compare(version, r.getValue()) >= 0, version + " within [" + r.getValue() + ",)");
            }
        }
    }

    @Test
    void importPackage_ourApiWithRanges() {
        String imports = manifest.getValue("Import-Package");
        assertTrue(imports.contains("org.idempiere.subscription.api;version=\"[1.0,2)\""), imports);
        assertTrue(imports.contains("org.idempiere.subscription.api.host;version=\"[1.0,1.1)\""), imports);
        assertTrue(imports.contains("org.idempiere.subscription.api.service;version=\"[1.0,2)\""), imports);
    }

    @Test
    void content_onlyOurClasses_noCompileOnlyStubInside() {
        List<String> foreign = new ArrayList<>();
        for (JarEntry e : Collections.list(jar.entries())) {
            if (e.getName().endsWith(".class") && !e.getName().startsWith("org/idempiere/subscription/plugin/")) {
                foreign.add(e.getName());
            }
        }
        assertEquals(List.of(), foreign);
    }

    @Test
    void p2inf_marksTheBundleStarted() throws IOException {
        String p2inf = new String(jar.getInputStream(jar.getEntry("META-INF/p2.inf")).readAllBytes());
        assertTrue(p2inf.contains("instructions.configure=") && p2inf.contains("markStarted(started:true)"), p2inf);
    }

    /** One 2Pack per dictionary version, named and laid out as Incremental2PackActivator expects. */
    @Test
    void twoPacks_oneForEveryDictionaryVersion_namedAfterTheBundle() throws Exception {
        Document dictionary = parse(Files.readAllBytes(root.resolve("2pack/dictionary.xml")));
        NodeList versions = dictionary.getElementsByTagName("version");
        assertTrue(versions.getLength() > 0);
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < versions.getLength(); i++) {
            expected.add(((Element) versions.item(i)).getAttribute("id"));
        }
        Set<String> shipped = new TreeSet<>();
        for (JarEntry e : Collections.list(jar.entries())) {
            Matcher m = Pattern.compile("META-INF/2Pack_(\\d+\\.\\d+\\.\\d+)\\.zip").matcher(e.getName());
            if (m.matches()) {
                shipped.add(m.group(1));
                Element packOut = packOut(e, m.group(1));
                assertEquals(BSN, packOut.getAttribute("Name"), "PackOut Name is what AD_Package_Imp records");
                assertEquals(m.group(1), packOut.getAttribute("Version"));
            }
        }
        assertEquals(expected, shipped);
    }

    /**
     * Every host port and the process factory are DS components; two are immediate: the host
     * context (see IdempiereHostContext) and the order event manager, which has no service.
     */
    @Test
    void components_everyHostPortAndTheProcessFactory() throws Exception {
        Map<String, String> provided = new LinkedHashMap<>();
        Set<String> immediate = new TreeSet<>();
        for (String component : manifest.getValue("Service-Component").split(",")) {
            Document doc = parse(jar.getInputStream(jar.getEntry(component.strip())).readAllBytes());
            if ("true".equals(doc.getDocumentElement().getAttribute("immediate"))) {
                immediate.add(doc.getDocumentElement().getAttribute("name"));
            }
            NodeList provides = doc.getElementsByTagName("provide");
            for (int i = 0; i < provides.getLength(); i++) {
                provided.put(((Element) provides.item(i)).getAttribute("interface"),
                        ((Element) doc.getElementsByTagName("implementation").item(0)).getAttribute("class"));
            }
        }
        String host = "org.idempiere.subscription.api.host.";
        assertEquals(new TreeSet<>(Set.of(host + "HostContext", host + "Customers", host + "Catalog", host + "Taxes",
                host + "Invoicing", host + "Currencies", host + "Orders", host + "Mailer", host + "Payments", host + "GeneralLedger",
                "org.adempiere.base.IProcessFactory")),
                new TreeSet<>(provided.keySet()));
        assertEquals("org.idempiere.subscription.plugin.factory.ProcessFactory", provided.get("org.adempiere.base.IProcessFactory"));
        assertEquals("org.idempiere.subscription.plugin.host.IdempiereOrders", provided.get(host + "Orders"));
        assertEquals("org.idempiere.subscription.plugin.host.IdempiereMailer", provided.get(host + "Mailer"));
        assertEquals("org.idempiere.subscription.plugin.host.IdempierePayments", provided.get(host + "Payments"));
        assertEquals("org.idempiere.subscription.plugin.host.IdempiereGeneralLedger", provided.get(host + "GeneralLedger"));
        // the host context's activation at start-up activates the lazy bundle, hence applies the 2Pack;
        // the event manager registers the order event delegate as soon as iDempiere's event manager is there
        assertEquals(Set.of("org.idempiere.subscription.plugin.host.IdempiereHostContext",
                "org.idempiere.subscription.plugin.event.OrderEventManager"), immediate);
    }

    /**
     * The order event manager as iDempiere 12 expects a plugin's AnnotationBasedEventManager: a
     * component with no service, whose activate/deactivate are iDempiere's own (found by their
     * default names, so none is named here), with the engine bound optionally and dynamically.
     */
    @Test
    void orderEventManager_noService_defaultLifecycle_optionalDynamicEngine() throws Exception {
        String xml = "OSGI-INF/org.idempiere.subscription.plugin.event.OrderEventManager.xml";
        assertTrue(List.of(manifest.getValue("Service-Component").split(",")).contains(xml));
        Element component = parse(jar.getInputStream(jar.getEntry(xml)).readAllBytes()).getDocumentElement();
        assertEquals(0, component.getElementsByTagName("service").getLength());
        assertEquals("true", component.getAttribute("immediate"));
        assertEquals("", component.getAttribute("activate"));
        assertEquals("", component.getAttribute("deactivate"));
        NodeList references = component.getElementsByTagName("reference");
        assertEquals(3, references.getLength());
        java.util.Map<String, String> binds = new java.util.TreeMap<>();
        for (int i = 0; i < references.getLength(); i++) {
            Element engine = (Element) references.item(i);
            assertEquals("0..1", engine.getAttribute("cardinality"));
            assertEquals("dynamic", engine.getAttribute("policy"));
            binds.put(engine.getAttribute("interface"), engine.getAttribute("bind") + "/" + engine.getAttribute("unbind"));
        }
        assertEquals(java.util.Map.of("org.idempiere.subscription.api.service.ContractService", "bindContracts/unbindContracts",
                "org.idempiere.subscription.api.service.PaymentService", "bindPayments/unbindPayments",
                "org.idempiere.subscription.api.service.BillingService", "bindBilling/unbindBilling"), binds);
        assertNotNull(jar.getEntry("org/idempiere/subscription/plugin/event/OrderEventDelegate.class"));
        assertNotNull(jar.getEntry("org/idempiere/subscription/plugin/event/AllocationEventDelegate.class"));
        assertNotNull(jar.getEntry("org/idempiere/subscription/plugin/event/InvoiceEventDelegate.class"));
        // the delegate's constructor takes org.osgi.service.event.Event, which iDempiere 12 exports at 1.4.1
        assertTrue(manifest.getValue("Import-Package").contains("org.osgi.service.event;version=\"[1.4,2)\""),
                manifest.getValue("Import-Package"));
    }

    /**
     * The process factory needs the engine's billing and subscription services and the host context, and
     * binds the payment service, the portal access, revenue booking and analytics optionally and dynamically:
     * without them invoicing and the subscription action still run, and Collect Subscription Payments, Send
     * Portal Link, Book Subscription Revenue Recognition and Refresh Subscription Analytics say that the engine
     * does not provide them.
     */
    @Test
    void processFactory_paymentAndPortalServicesOptionalAndDynamic_theOthersMandatory() throws Exception {
        String xml = "OSGI-INF/org.idempiere.subscription.plugin.factory.ProcessFactory.xml";
        assertTrue(List.of(manifest.getValue("Service-Component").split(",")).contains(xml));
        NodeList references = parse(jar.getInputStream(jar.getEntry(xml)).readAllBytes()).getDocumentElement().getElementsByTagName("reference");
        Map<String, Element> byInterface = new LinkedHashMap<>();
        for (int i = 0; i < references.getLength(); i++) {
            Element r = (Element) references.item(i);
            byInterface.put(r.getAttribute("interface"), r);
        }
        String service = "org.idempiere.subscription.api.service.";
        assertEquals(Set.of(service + "BillingService", service + "SubscriptionService", service + "PaymentService",
                service + "PortalAccessService", service + "ApiKeyService", service + "RevenueBookingService",
                service + "AnalyticsService", "org.idempiere.subscription.api.host.HostContext"),
                byInterface.keySet());
        Element payments = byInterface.get(service + "PaymentService");
        assertEquals("0..1", payments.getAttribute("cardinality"));
        assertEquals("dynamic", payments.getAttribute("policy"));
        assertEquals("bindPayments", payments.getAttribute("bind"));
        assertEquals("unbindPayments", payments.getAttribute("unbind"));
        Element portal = byInterface.get(service + "PortalAccessService");
        assertEquals("0..1", portal.getAttribute("cardinality"));
        assertEquals("dynamic", portal.getAttribute("policy"));
        assertEquals("bindPortal", portal.getAttribute("bind"));
        assertEquals("unbindPortal", portal.getAttribute("unbind"));
        Element keys = byInterface.get(service + "ApiKeyService");
        assertEquals("0..1", keys.getAttribute("cardinality"));
        assertEquals("dynamic", keys.getAttribute("policy"));
        Element booking = byInterface.get(service + "RevenueBookingService");
        assertEquals("0..1", booking.getAttribute("cardinality"));
        assertEquals("dynamic", booking.getAttribute("policy"));
        assertEquals("bindRevenueBooking", booking.getAttribute("bind"));
        assertEquals("unbindRevenueBooking", booking.getAttribute("unbind"));
        Element analytics = byInterface.get(service + "AnalyticsService");
        assertEquals("0..1", analytics.getAttribute("cardinality"));
        assertEquals("dynamic", analytics.getAttribute("policy"));
        assertEquals("bindAnalytics", analytics.getAttribute("bind"));
        assertEquals("unbindAnalytics", analytics.getAttribute("unbind"));
        for (String mandatory : List.of(service + "BillingService", service + "SubscriptionService", "org.idempiere.subscription.api.host.HostContext")) {
            String cardinality = byInterface.get(mandatory).getAttribute("cardinality");
            assertTrue(cardinality.isEmpty() || cardinality.equals("1..1"), mandatory + ": " + cardinality);
        }
        assertNotNull(jar.getEntry("org/idempiere/subscription/plugin/process/CollectPayments.class"));
        assertNotNull(jar.getEntry("org/idempiere/subscription/plugin/process/RefreshAnalytics.class"));
    }

    private static Element packOut(JarEntry zipEntry, String version) throws Exception {
        try (ZipInputStream zip = new ZipInputStream(jar.getInputStream(zipEntry))) {
            ZipEntry first = zip.getNextEntry();
            assertEquals(BSN + "_" + version + "/", first.getName(), "PackIn takes the folder from the first entry");
            for (ZipEntry e = first; e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(BSN + "_" + version + "/dict/PackOut.xml")) {
                    return parse(zip.readAllBytes()).getDocumentElement();
                }
            }
        }
        throw new AssertionError("no dict/PackOut.xml in " + zipEntry.getName());
    }

    private static Map<String, String> requiredBundles() {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = REQUIRE.matcher(manifest.getValue("Require-Bundle"));
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    private static int compare(String a, String b) {
        String[] x = a.split("\\."), y = b.split("\\.");
        for (int i = 0; i < 3; i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static Document parse(byte[] xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }
}
