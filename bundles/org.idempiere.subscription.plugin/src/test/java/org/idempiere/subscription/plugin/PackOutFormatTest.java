package org.idempiere.subscription.plugin;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Every generated {@code META-INF/2Pack_<version>.zip} read as iDempiere release-12's PackIn reads it
 * ({@code org.adempiere.pipo/src/org/adempiere/pipo2/PackInHandler.java}): a child element with a
 * {@code type} attribute is a record handed to the handler registered for its name in
 * {@code org.adempiere.pipo.handlers/plugin.xml} (or to {@code GenericPOElementHandler}), a child without
 * one is a property. PackIn forgives a lot silently: {@code PoFiller.autoFill} skips a property that is not
 * a column, a lookup to a column the table lacks, and a {@code reference="id"} to a record that does not
 * exist, so this test checks what PackIn would not:
 * <ul>
 * <li>record element names and their nesting as release-12's pipo2 handlers write and expect them
 *     ({@link #NESTING}), {@code <X_Trl type="translation">} only inside its {@code X} record;</li>
 * <li>every property of a record is a column of that AD table in release-12 (the column lists in
 *     {@code packout-release-12.txt}, written from the {@code I_AD_*.java} interfaces), every child of a
 *     translation a column {@code CommonTranslationHandler} handles;</li>
 * <li>every {@code reference="uuid"} resolves to a record of the same pack (defined before it, so PackIn
 *     need not defer) or of an earlier pack, in version order; every {@code reference="id"} is one of the
 *     documented official ids of {@code packout-release-12.txt}.</li>
 * </ul>
 * The zips are the ones the build generated from {@code 2pack/dictionary.xml} into the bundle's
 * {@code META-INF/} (generate-resources, before this test); the {@code brokenPack_*} tests break copies
 * of them in memory and show that the checker names the element and the column.
 */
class PackOutFormatTest {
    private static final String BSN = "org.idempiere.subscription.plugin";
    private static final Pattern ZIP = Pattern.compile("2Pack_(\\d+\\.\\d+\\.\\d+)\\.zip");

    /** Where a record element may stand, from the release-12 handlers (org.adempiere.pipo.handlers/src/org/adempiere/pipo2/handler/). */
    enum Top {
        /** anywhere at the top level */
        FREE,
        /** at the top level only with its link column filled: PackIn takes the parent from that column */
        WITH_LINK,
        /** never at the top level */
        NEVER
    }

    /**
     * @param parents record elements PackOut writes it into (besides the top level)
     * @param owner   the parent its link column points to; nested in an owner, the link must name that record
     * @param link    the column (or handler property) linking it to its owner
     */
    record Nesting(Set<String> parents, String owner, String link, Top top) {
        static Nesting free(String... parents) {
            return new Nesting(Set.of(parents), null, null, Top.FREE);
        }

        static Nesting child(String owner, String link, Top top) {
            return new Nesting(Set.of(owner), owner, link, top);
        }
    }

    static final Map<String, Nesting> NESTING = Map.ofEntries(
            // EntityTypeElementHandler; AD_Schedule, AD_Scheduler, AD_RequiredPlugin through GenericPOElementHandler: top-level items
            entry("AD_EntityType", Nesting.free()),
            entry("AD_Schedule", Nesting.free()),
            entry("AD_Scheduler", Nesting.free()),
            entry("AD_RequiredPlugin", Nesting.free()),
            // TableElementHandler.create writes each column's AD_Element and AD_Reference before the AD_Column;
            // ProcessElementHandler/ProcessParaElementHandler write a parameter's AD_Element and AD_Reference inside AD_Process;
            // FieldElementHandler.create writes a field's AD_Reference before the field, inside AD_Tab
            entry("AD_Element", Nesting.free("AD_Table", "AD_Process")),
            entry("AD_Reference", Nesting.free("AD_Table", "AD_Process", "AD_Tab")),
            // ReferenceElementHandler.create nests the list values; ReferenceListElementHandler fills AD_Reference_ID from its property
            entry("AD_Ref_List", Nesting.child("AD_Reference", "AD_Reference_ID", Top.WITH_LINK)),
            // MenuElementHandler.createApplication writes the window or process of a menu entry inside the AD_Menu
            entry("AD_Window", Nesting.free("AD_Menu")),
            // WindowElementHandler.create writes each tab's AD_Table, then the AD_Tab, inside AD_Window
            entry("AD_Table", Nesting.free("AD_Window")),
            // ColumnElementHandler defers with its parent AD_Table; AD_Table_ID comes from the property
            entry("AD_Column", Nesting.child("AD_Table", "AD_Table_ID", Top.WITH_LINK)),
            entry("AD_TableIndex", Nesting.child("AD_Table", "AD_Table_ID", Top.WITH_LINK)),
            // IndexColumnElementHandler takes its parent AD_TableIndex; TableIndexElementHandler.endElement validates the
            // index (creates it in the database) after its nested columns, so an index column outside it comes too late
            entry("AD_IndexColumn", Nesting.child("AD_TableIndex", "AD_TableIndex_ID", Top.NEVER)),
            // TabElementHandler defers with its parent AD_Window, FieldElementHandler with its parent AD_Tab
            entry("AD_Tab", Nesting.child("AD_Window", "AD_Window_ID", Top.WITH_LINK)),
            entry("AD_Field", Nesting.child("AD_Tab", "AD_Tab_ID", Top.WITH_LINK)),
            // TabElementHandler.create writes a tab's process inside the window, TableElementHandler a column's inside AD_Table
            entry("AD_Process", Nesting.free("AD_Menu", "AD_Window", "AD_Table")),
            // ProcessParaElementHandler defers with its parent AD_Process
            entry("AD_Process_Para", Nesting.child("AD_Process", "AD_Process_ID", Top.WITH_LINK)),
            // MenuElementHandler.createModule nests a folder's entries; the tree node's parent is the Parent_ID property
            entry("AD_Menu", Nesting.child("AD_Menu", "Parent_ID", Top.FREE)),
            // GenericPOElementHandler.exportDetail nests detail records (AD_Scheduler>AD_Scheduler_Para)
            entry("AD_Scheduler_Para", Nesting.child("AD_Scheduler", "AD_Scheduler_ID", Top.WITH_LINK)),
            // TableElementHandler packs a view's components into its AD_Table, ViewComponentElementHandler their columns
            entry("AD_ViewComponent", Nesting.child("AD_Table", "AD_Table_ID", Top.WITH_LINK)),
            entry("AD_ViewColumn", Nesting.child("AD_ViewComponent", "AD_ViewComponent_ID", Top.WITH_LINK)),
            // ReportViewElementHandler; AD_Chart, AD_ChartDatasource, PA_DashboardContent: GenericPOElementHandler
            entry("AD_ReportView", Nesting.free("AD_Process")),
            entry("AD_Chart", Nesting.free()),
            entry("AD_ChartDatasource", Nesting.child("AD_Chart", "AD_Chart_ID", Top.WITH_LINK)),
            entry("PA_DashboardContent", Nesting.free()));

    private static Format format;
    private static List<Pack> packs;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = PackOutFormatTest.class.getResourceAsStream("packout-release-12.txt")) {
            assertNotNull(in, "test resource packout-release-12.txt");
            format = Format.read(in);
        }
        String root = System.getProperty("project.root");
        Path metaInf = root == null ? Path.of("META-INF") : Path.of(root, "bundles", BSN, "META-INF");
        packs = readPacks(metaInf);
    }

    @Test
    void packs_generatedForEveryVersion_readInVersionOrder() {
        assertFalse(packs.isEmpty(), "no META-INF/2Pack_*.zip: the build generates them from 2pack/dictionary.xml");
        for (int i = 1; i < packs.size(); i++) {
            assertTrue(compareVersions(packs.get(i - 1).version(), packs.get(i).version()) < 0, packs.toString());
        }
    }

    @Test
    void everyPack_followsTheRelease12PackOutFormat() {
        List<String> problems = new Checker(format).check(packs);
        assertTrue(problems.isEmpty(), () -> problems.size() + " problem(s):\n" + String.join("\n", problems));
    }

    /** The resource agrees with itself and with the nesting rules. */
    @Test
    void resource_translationsAreColumnsOfTheirTable_everyRecordTableHasANestingRule() {
        for (Map.Entry<String, Set<String>> trl : format.trl().entrySet()) {
            String table = trl.getKey().substring(0, trl.getKey().length() - "_Trl".length());
            Set<String> base = format.columns().get(table);
            assertNotNull(base, "columns of " + table);
            for (String c : trl.getValue()) {
                assertTrue(base.contains(c) || Checker.TRL_ADMIN.contains(c), trl.getKey() + " column " + c + " is not a column of " + table);
            }
        }
        assertEquals(new TreeSet<>(NESTING.keySet()), new TreeSet<>(format.columns().keySet()));
    }

    // ------------------------------------------------------------------ the checker can fail

    @Test
    void brokenPack_renamedColumnElement_isReported() {
        List<Pack> broken = copy();
        Element column = records(first(broken).doc(), "AD_Column").get(0);
        Element length = property(column, "FieldLength");
        length.getOwnerDocument().renameNode(length, null, "FieldLenght");

        List<String> problems = new Checker(format).check(broken);

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("AD_Column[" + text(property(column, "ColumnName")) + "]")
                && problems.get(0).contains("<FieldLenght> is not a column of AD_Column"), problems.get(0));
    }

    @Test
    void brokenPack_droppedReferencedRecord_isReported() {
        List<Pack> broken = copy();
        Element window = records(first(broken).doc(), "AD_Window").get(0);
        String uu = text(property(window, "AD_Window_UU"));
        window.getParentNode().removeChild(window);

        List<String> problems = new Checker(format).check(broken);

        assertTrue(problems.stream().anyMatch(p -> p.contains("AD_Tab[") && p.contains("<AD_Window_ID reference=\"uuid\" reference-key=\"AD_Window\">" + uu)
                && p.contains("resolves to no AD_Window record of this or an earlier pack")), String.join("\n", problems));
    }

    @Test
    void brokenPack_recordOfALaterPackReferenced_isReported() {
        assumeTrue(packs.size() >= 2, "needs two dictionary versions");
        List<Pack> broken = copy();
        String later = text(property(records(broken.get(1).doc(), "AD_Column").get(0), "AD_Column_UU"));
        Element field = records(first(broken).doc(), "AD_Field").get(0);
        property(field, "AD_Column_ID").setTextContent(later);

        List<String> problems = new Checker(format).check(broken);

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(first(broken).file() + ": ") && problems.get(0).contains("AD_Field[")
                && problems.get(0).contains("<AD_Column_ID reference=\"uuid\" reference-key=\"AD_Column\">" + later)
                && problems.get(0).contains("resolves to no AD_Column record"), problems.get(0));
    }

    @Test
    void brokenPack_referenceToARecordFurtherDown_isReported() {
        List<Pack> broken = copy();
        Element window = records(first(broken).doc(), "AD_Window").get(0);
        Element root = first(broken).doc().getDocumentElement();
        root.appendChild(root.removeChild(window));  // the same window, now after the tabs and the menu naming it

        List<String> problems = new Checker(format).check(broken);

        assertTrue(problems.stream().anyMatch(p -> p.contains("<AD_Window_ID reference=\"uuid\"") && p.contains("defined later in this pack")),
                String.join("\n", problems));
    }

    @Test
    void brokenPack_indexColumnOutsideItsIndex_isReported() {
        List<Pack> broken = copy();
        Element indexColumn = records(first(broken).doc(), "AD_IndexColumn").get(0);
        Element root = first(broken).doc().getDocumentElement();
        root.appendChild(indexColumn.getParentNode().removeChild(indexColumn));

        List<String> problems = new Checker(format).check(broken);

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("AD_IndexColumn[") && problems.get(0).contains("at the top level")
                && problems.get(0).contains("inside AD_TableIndex") && problems.get(0).contains("<AD_TableIndex_ID>"), problems.get(0));
    }

    @Test
    void brokenPack_nestedColumnNamingAnotherTable_isReported() {
        List<Pack> broken = copy();
        List<Element> tables = records(first(broken).doc(), "AD_Table");
        Element column = childRecords(tables.get(1), "AD_Column").get(0);
        property(column, "AD_Table_ID").setTextContent(text(property(tables.get(0), "AD_Table_UU")));  // an earlier table

        List<String> problems = new Checker(format).check(broken);

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("AD_Table[" + text(property(tables.get(1), "TableName")) + "] > AD_Column[")
                && problems.get(0).contains("<AD_Table_ID>") && problems.get(0).contains("does not name the enclosing AD_Table"), problems.get(0));
    }

    @Test
    void brokenPack_translationUnderAnotherRecord_isReported() {
        List<Pack> broken = copy();
        Document doc = first(broken).doc();
        Element trl = (Element) doc.getElementsByTagName("AD_Element_Trl").item(0);
        records(doc, "AD_Window").get(0).appendChild(trl.getParentNode().removeChild(trl));

        List<String> problems = new Checker(format).check(broken);

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("AD_Window[") && problems.get(0).contains("<AD_Element_Trl type=\"translation\">")
                && problems.get(0).contains("belongs inside AD_Element"), problems.get(0));
    }

    @Test
    void brokenPack_translationWithAnUnknownColumn_isReported() {
        List<Pack> broken = copy();
        Element trl = (Element) first(broken).doc().getElementsByTagName("AD_Window_Trl").item(0);
        trl.getOwnerDocument().renameNode(property(trl, "Help"), null, "PrintName");

        List<String> problems = new Checker(format).check(broken);

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("AD_Window[") && problems.get(0).contains("AD_Window_Trl: <PrintName> is not a column"), problems.get(0));
    }

    @Test
    void brokenPack_undocumentedOfficialId_isReported() {
        List<Pack> broken = copy();
        Element column = records(first(broken).doc(), "AD_Column").get(0);
        property(column, "AD_Reference_ID").setTextContent("99");

        List<String> problems = new Checker(format).check(broken);

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("AD_Column[" + text(property(column, "ColumnName")) + "]")
                && problems.get(0).contains("<AD_Reference_ID reference=\"id\" reference-key=\"AD_Reference\">99</AD_Reference_ID>")
                && problems.get(0).contains("not one of the documented official AD_Reference ids"), problems.get(0));
    }

    /* The generator once wrote a table record of a later version whenever its window was of this one. */
    @Test
    void brokenPack_newTableWithoutColumns_isReported() {
        List<Pack> broken = copy();
        Element table = records(first(broken).doc(), "AD_Table").get(0);
        String uu = text(property(table, "AD_Table_UU"));
        for (Element column : records(first(broken).doc(), "AD_Column")) {
            if (uu.equals(text(property(column, "AD_Table_ID")))) {
                column.getParentNode().removeChild(column);
            }
        }

        List<String> problems = new Checker(format).check(broken);

        assertTrue(problems.stream().anyMatch(p -> p.contains("AD_Table[") && p.contains("a new AD_Table without any AD_Column")),
                String.join("\n", problems));
    }

    @Test
    void brokenPack_newWindowWithoutTabs_isReported() {
        List<Pack> broken = copy();
        Element window = records(first(broken).doc(), "AD_Window").get(0);
        String uu = text(property(window, "AD_Window_UU"));
        for (Element tab : records(first(broken).doc(), "AD_Tab")) {
            if (uu.equals(text(property(tab, "AD_Window_ID")))) {
                tab.getParentNode().removeChild(tab);
            }
        }

        List<String> problems = new Checker(format).check(broken);

        assertTrue(problems.stream().anyMatch(p -> p.contains("AD_Window[") && p.contains("a new AD_Window without any AD_Tab")),
                String.join("\n", problems));
    }

    @Test
    void brokenPack_unknownRecordElement_isReported() {
        List<Pack> broken = copy();
        Element para = records(first(broken).doc(), "AD_Scheduler_Para").get(0);
        para.getOwnerDocument().renameNode(para, null, "AD_SchedulerPara");

        List<String> problems = new Checker(format).check(broken);

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("AD_Scheduler[") && problems.get(0).contains("<AD_SchedulerPara type=\"table\">")
                && problems.get(0).contains("no release-12 column list"), problems.get(0));
    }

    // ------------------------------------------------------------------ the checker

    /** The release-12 facts of packout-release-12.txt. */
    record Format(Map<String, Set<String>> columns, Map<String, Set<String>> trl, Map<String, Set<String>> properties,
            Map<String, String> refKeys, Map<String, Set<String>> ids) {
        static Format read(InputStream in) throws IOException {
            Format f = new Format(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>());
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int n = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                n++;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                String[] w = s.split("\\s+");
                if (w.length < 3) {
                    throw new IllegalArgumentException("packout-release-12.txt line " + n + ": " + line);
                }
                Set<String> rest = new LinkedHashSet<>(Arrays.asList(w).subList(2, w.length));
                Map<String, Set<String>> target = switch (w[0]) {
                    case "columns" -> f.columns();
                    case "trl" -> f.trl();
                    case "property" -> f.properties();
                    case "id" -> f.ids();
                    case "refkey" -> {
                        f.refKeys().put(w[1], w[2]);
                        yield null;
                    }
                    default -> throw new IllegalArgumentException("packout-release-12.txt line " + n + ": unknown kind " + w[0]);
                };
                if (target != null && target.put(w[1], rest) != null) {
                    throw new IllegalArgumentException("packout-release-12.txt line " + n + ": " + w[0] + " " + w[1] + " given twice");
                }
            }
            return f;
        }
    }

    /** One generated 2Pack: its file name, version and dict/PackOut.xml. */
    record Pack(String file, String version, Document doc) {
        @Override
        public String toString() {
            return file;
        }
    }

    /** Checks packs in the order given (version order); returns one line per problem, naming the element and the column. */
    static final class Checker {
        static final Set<String> TRL_ADMIN = Set.of("AD_Language", "IsActive", "IsTranslated");

        private final Format f;
        private final List<String> problems = new ArrayList<>();
        /** table → UUIDs of the records of the packs already checked */
        private final Map<String, Set<String>> earlier = new HashMap<>();
        /** table → UUID → position in document order, of the pack being checked */
        private Map<String, Map<String, Integer>> here;
        private final List<Element> order = new ArrayList<>();
        private final Map<Element, String> paths = new HashMap<>();
        private String file;

        Checker(Format f) {
            this.f = f;
        }

        List<String> check(List<Pack> packs) {
            for (Pack p : packs) {
                file = p.file();
                here = new HashMap<>();
                order.clear();
                paths.clear();
                Element root = p.doc().getDocumentElement();
                header(root, p.version());
                for (Element record : children(root)) {
                    if (!"table".equals(record.getAttribute("type"))) {
                        problem(file + ": <" + record.getTagName() + "> at the top level is not a record (type=\"table\")");
                    } else {
                        record(record, null, "");
                    }
                }
                for (int i = 0; i < order.size(); i++) {
                    references(order.get(i), i);
                }
                complete();
                here.forEach((table, uus) -> earlier.computeIfAbsent(table, t -> new HashSet<>()).addAll(uus.keySet()));
            }
            return problems;
        }

        /**
         * A table first written in this pack comes with at least one of its columns, and a window
         * first written here with at least one tab: PackIn would otherwise create a table without
         * columns (no database table: IsSyncDatabase is on the columns) or a window (and its menu
         * entry) that opens nothing, until a later pack brings them.
         */
        private void complete() {
            Map<String, String> detail = Map.of("AD_Table", "AD_Column", "AD_Window", "AD_Tab");
            Map<String, Set<String>> parents = new HashMap<>();
            for (Element r : order) {
                detail.forEach((master, child) -> {
                    if (r.getTagName().equals(child)) {
                        parents.computeIfAbsent(master, m -> new HashSet<>()).add(text(property(r, master + "_ID")));
                    }
                });
            }
            for (Element r : order) {
                String table = r.getTagName();
                if (!detail.containsKey(table)) {
                    continue;
                }
                String uu = text(property(r, table + "_UU"));
                check(earlier.getOrDefault(table, Set.of()).contains(uu) || parents.getOrDefault(table, Set.of()).contains(uu),
                        paths.get(r) + ": a new " + table + " without any " + detail.get(table) + " in the same pack (its "
                                + detail.get(table) + " records come in a later version: give it that version)");
            }
        }

        /** PackInHandler reads Name, Version, Description and Client (0 = System) from the root element. */
        private void header(Element root, String version) {
            if (!root.getTagName().equals("idempiere")) {
                problem(file + ": root element <" + root.getTagName() + "> is not <idempiere>");
            }
            check(BSN.equals(root.getAttribute("Name")), file + ": <idempiere Name=\"" + root.getAttribute("Name") + "\"> is not " + BSN);
            check(version.equals(root.getAttribute("Version")), file + ": <idempiere Version=\"" + root.getAttribute("Version") + "\"> is not " + version);
            check(root.hasAttribute("Description"), file + ": <idempiere> has no Description (PackInHandler reads it)");
            check(root.getAttribute("Client").startsWith("0-"), file + ": <idempiere Client=\"" + root.getAttribute("Client") + "\"> is not the System tenant 0");
            check("100".equals(root.getAttribute("PackOutVersion")), file + ": <idempiere PackOutVersion> is not release-12's 100");
        }

        private void record(Element r, Element parent, String parentPath) {
            String table = r.getTagName();
            String path = (parentPath.isEmpty() ? file + ": " : parentPath + " > ") + table + "[" + label(r) + "]";
            paths.put(r, path);
            order.add(r);
            Set<String> columns = f.columns().get(table);
            if (columns == null) {
                problem(path + ": <" + table + " type=\"table\"> has no release-12 column list (add the columns of I_" + table
                        + ".java to packout-release-12.txt if release-12 has such a table)");
                return;
            }
            nesting(r, parent, path);
            String uu = text(property(r, table + "_UU"));
            if (uu.isEmpty()) {
                check(!text(property(r, table + "_ID")).isEmpty(), path + ": <" + table + "_UU> is missing: PackOut writes a record without an official id only with its UUID");
            } else if (here.computeIfAbsent(table, t -> new HashMap<>()).putIfAbsent(uu, order.size() - 1) != null) {
                problem(path + ": <" + table + "_UU>" + uu + " is a second " + table + " record with this UUID in the pack");
            }
            Set<String> seen = new HashSet<>();
            Set<String> allowed = new HashSet<>(columns);
            allowed.addAll(f.properties().getOrDefault(table, Set.of()));
            for (Element c : children(r)) {
                String type = c.getAttribute("type");
                switch (type) {
                    case "" -> column(c, table, allowed, seen, path, "I_" + table + ".java");
                    case "table" -> record(c, r, path);
                    case "translation" -> translation(c, r, path);
                    default -> problem(path + ": <" + c.getTagName() + " type=\"" + type + "\"> is neither a record (table) nor a translation");
                }
            }
        }

        private void column(Element p, String table, Set<String> allowed, Set<String> seen, String path, String source) {
            String name = p.getTagName();
            if (!allowed.contains(name)) {
                String hint = allowed.stream().filter(name::equalsIgnoreCase).findFirst().map(s -> " (did you mean <" + s + ">?)").orElse("");
                problem(path + ": <" + name + "> is not a column of " + table + " in release-12 (" + source + ")" + hint);
            }
            check(seen.add(name), path + ": <" + name + "> appears twice (PackIn keeps only the last)");
            check(children(p).isEmpty(), path + ": <" + name + "> holds elements; a column holds its value only");
            String ref = p.getAttribute("reference");
            check(ref.isEmpty() || ref.equals("id") || ref.equals("uuid"),
                    path + ": <" + name + " reference=\"" + ref + "\">: ReferenceUtils knows only reference=\"id\" and \"uuid\"");
        }

        /** CommonTranslationHandler: X_Trl translates its parent record X; only translated columns, AD_Language, IsActive, IsTranslated. */
        private void translation(Element t, Element parent, String path) {
            String name = t.getTagName();
            String expected = parent.getTagName() + "_Trl";
            if (!name.equals(expected)) {
                String base = name.endsWith("_Trl") ? name.substring(0, name.length() - 4) : name;
                problem(path + ": <" + name + " type=\"translation\"> inside " + parent.getTagName()
                        + ": CommonTranslationHandler translates the enclosing record, so it belongs inside " + base);
                return;
            }
            Set<String> columns = f.trl().get(name);
            if (columns == null) {
                problem(path + ": <" + name + " type=\"translation\"> has no release-12 column list in packout-release-12.txt");
                return;
            }
            Set<String> seen = new HashSet<>();
            for (Element c : children(t)) {
                if (!c.getAttribute("type").isEmpty()) {
                    problem(path + " > " + name + ": <" + c.getTagName() + " type=\"" + c.getAttribute("type") + "\"> inside a translation");
                } else {
                    column(c, name, columns, seen, path + " > " + name, "CommonTranslationHandler");
                }
            }
            check(!text(property(t, "AD_Language")).isEmpty(), path + " > " + name + ": <AD_Language> is missing or empty");
        }

        private void nesting(Element r, Element parent, String path) {
            String table = r.getTagName();
            Nesting n = NESTING.get(table);
            if (n == null) {
                problem(path + ": no release-12 nesting rule for " + table);
                return;
            }
            if (parent == null) {
                if (n.top() == Top.NEVER) {
                    problem(path + ": " + table + " at the top level: release-12 expects it inside " + n.owner()
                            + " (its <" + n.link() + "> is the enclosing record)");
                } else if (n.top() == Top.WITH_LINK) {
                    Element link = property(r, n.link());
                    check(link != null && !text(link).isEmpty() && !link.getAttribute("reference").isEmpty(),
                            path + ": " + table + " at the top level without a <" + n.link() + "> reference: PackIn takes its " + n.owner() + " from that column");
                }
                return;
            }
            String p = parent.getTagName();
            if (!n.parents().contains(p)) {
                problem(path + ": " + table + " inside " + p + ": release-12 PackOut writes " + table + " at the top level"
                        + (n.parents().isEmpty() ? "" : " or inside " + String.join(" or ", new TreeSet<>(n.parents()))));
                return;
            }
            if (p.equals(n.owner())) {
                Element link = property(r, n.link());
                String value = link == null ? "" : text(link);
                boolean names = link != null && (("uuid".equals(link.getAttribute("reference")) && value.equals(text(property(parent, p + "_UU"))))
                        || ("id".equals(link.getAttribute("reference")) && !value.isEmpty() && value.equals(text(property(parent, p + "_ID")))));
                check(names, path + ": <" + n.link() + "> " + value + " does not name the enclosing " + p + "[" + label(parent) + "]");
                if (table.equals("AD_Menu")) {
                    check("Y".equals(text(property(parent, "IsSummary"))), path + ": AD_Menu inside AD_Menu[" + label(parent) + "], which is not a folder (<IsSummary>Y)");
                }
            }
        }

        private void references(Element r, int position) {
            String path = paths.get(r);
            for (Element p : children(r)) {
                String ref = p.getAttribute("reference");
                if (!p.getAttribute("type").isEmpty() || ref.isEmpty()) {
                    continue;
                }
                String column = p.getTagName();
                String key = p.getAttribute("reference-key");
                String value = text(p);
                String shown = "<" + column + " reference=\"" + ref + "\"" + (key.isEmpty() ? "" : " reference-key=\"" + key + "\"") + ">"
                        + value + "</" + column + ">";
                if (value.isEmpty()) {
                    check(ref.equals("id"), path + ": " + shown + ": PackOut writes an empty lookup as reference=\"id\"");
                    continue;
                }
                String target = f.refKeys().getOrDefault(column, column.endsWith("_ID") ? column.substring(0, column.length() - 3) : null);
                if (key.isEmpty() || !key.equals(target)) {
                    problem(path + ": " + shown + ": reference-key must name the table the column points to ("
                            + (target == null ? "unknown: add a refkey line to packout-release-12.txt" : target) + ")");
                    continue;
                }
                if (ref.equals("id")) {
                    check(f.ids().getOrDefault(key, Set.of()).contains(value),
                            path + ": " + shown + " is not one of the documented official " + key + " ids (packout-release-12.txt)");
                } else {
                    Integer at = here.getOrDefault(key, Map.of()).get(value);
                    if (at == null) {
                        check(earlier.getOrDefault(key, Set.of()).contains(value),
                                path + ": " + shown + " resolves to no " + key + " record of this or an earlier pack");
                    } else {
                        check(at <= position || earlier.getOrDefault(key, Set.of()).contains(value),
                                path + ": " + shown + " refers to " + paths.get(order.get(at)) + ", defined later in this pack (PackIn would defer it)");
                    }
                }
            }
        }

        private void check(boolean ok, String problem) {
            if (!ok) {
                problem(problem);
            }
        }

        private void problem(String p) {
            problems.add(p);
        }

        private static String label(Element r) {
            for (String c : List.of("TableName", "ColumnName", "Name", "Value", "PluginName")) {
                String v = text(property(r, c));
                if (!v.isEmpty()) {
                    return v;
                }
            }
            return text(property(r, r.getTagName() + "_UU"));
        }
    }

    // ------------------------------------------------------------------ reading and DOM helpers

    private static List<Pack> readPacks(Path metaInf) throws Exception {
        List<Path> zips;
        try (Stream<Path> files = Files.list(metaInf)) {
            zips = files.filter(p -> ZIP.matcher(p.getFileName().toString()).matches()).collect(Collectors.toList());
        }
        List<Pack> out = new ArrayList<>();
        for (Path zip : zips) {
            Matcher m = ZIP.matcher(zip.getFileName().toString());
            assertTrue(m.matches());
            String version = m.group(1);
            String folder = BSN + "_" + version + "/";
            Document doc = null;
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                ZipEntry first = in.getNextEntry();
                assertNotNull(first, zip + " is empty");
                assertEquals(folder, first.getName(), zip + ": PackIn takes the package folder from the first entry (Zipper.getParentDir)");
                for (ZipEntry e = first; e != null; e = in.getNextEntry()) {
                    if (e.getName().equals(folder + "dict/PackOut.xml")) {
                        doc = parse(in.readAllBytes());
                    }
                }
            }
            assertNotNull(doc, zip + ": no " + folder + "dict/PackOut.xml (PipoDictionaryService)");
            out.add(new Pack(zip.getFileName().toString(), version, doc));
        }
        out.sort(Comparator.comparing(Pack::version, PackOutFormatTest::compareVersions));
        return out;
    }

    private static List<Pack> copy() {
        List<Pack> out = new ArrayList<>();
        for (Pack p : packs) {
            out.add(new Pack(p.file(), p.version(), (Document) p.doc().cloneNode(true)));
        }
        return out;
    }

    private static Pack first(List<Pack> broken) {
        return broken.get(0);
    }

    /** Record elements of that name anywhere in the document, in document order. */
    private static List<Element> records(Document doc, String table) {
        List<Element> out = new ArrayList<>();
        var nodes = doc.getElementsByTagName(table);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if ("table".equals(e.getAttribute("type"))) {
                out.add(e);
            }
        }
        assertFalse(out.isEmpty(), "the pack has no " + table + " record to break");
        return out;
    }

    private static List<Element> childRecords(Element parent, String table) {
        return children(parent).stream().filter(c -> c.getTagName().equals(table) && "table".equals(c.getAttribute("type"))).toList();
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }

    /** The property (child without type) of that name, or null. */
    private static Element property(Element record, String name) {
        for (Element c : children(record)) {
            if (c.getTagName().equals(name) && c.getAttribute("type").isEmpty()) {
                return c;
            }
        }
        return null;
    }

    private static String text(Element e) {
        return e == null ? "" : e.getTextContent().strip();
    }

    private static int compareVersions(String a, String b) {
        String[] x = a.split("\\."), y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return dbf.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }
}
