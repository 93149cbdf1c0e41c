/*
 * iDempiere Subscriptions - dictionary generator.
 *
 * Reads 2pack/dictionary.xml (the single source of truth of our tables, columns and lists) and writes,
 * for every dictionary version V:
 *   - 2Pack_V.zip            iDempiere 2Pack in the release-12 PackOut format (<folder>/dict/PackOut.xml),
 *                            applied by org.adempiere.plugin.utils.Incremental2PackActivator;
 *   - V<V>__<migration>.sql  the PostgreSQL DDL of the same schema for the sandbox;
 * and optionally a small JSON description of the whole schema for tests.
 *
 * Besides tables the dictionary defines the user interface and the operation of the plugin in iDempiere:
 * windows, tabs and fields, processes with parameters, a menu, schedules and scheduler entries, an
 * AD_RequiredPlugin record, columns and fields added to iDempiere's own tables (hostTable: 2Pack only, the
 * sandbox has no such table), and translations of every user-visible text (<trl lang="…">), written as the
 * *_Trl child elements PackOut writes (CommonTranslationHandler).
 *
 * JDK 17 only (DOM, javax.xml.transform, java.util.zip). Run with the source launcher:
 *   java 2pack/src/Generate.java --dictionary 2pack/dictionary.xml
 *        [--packout-dir DIR] [--ddl-dir DIR] [--schema-json FILE]
 *
 * The SQL type, NOT NULL, CHECK, DEFAULT and constraint-name rules below restate, for the column types
 * we use, what iDempiere release-12 does when it synchronises an AD_Column on PostgreSQL
 * (DisplayType.getSQLDataType, DB_PostgreSQL.getSQLDDL/getSQLAdd, MColumn.getConstraint,
 * MColumn.getForeignKeyConstraint, MTableIndex DDL, MSequence.createTableSequence); see 2pack/README.md.
 */
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.*;
import java.util.function.*;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.*;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.*;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.*;

public class Generate {
    public static void main(String[] args) {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!Set.of("--dictionary", "--packout-dir", "--ddl-dir", "--schema-json").contains(a) || i + 1 >= args.length)
                usage("unknown or incomplete option: " + a);
            opt.put(a, args[++i]);
        }
        if (!opt.containsKey("--dictionary")) usage("--dictionary is required");
        try {
            Dictionary d = DictionaryReader.read(Path.of(opt.get("--dictionary")));
            if (opt.containsKey("--packout-dir")) PackOutWriter.write(d, Path.of(opt.get("--packout-dir")));
            if (opt.containsKey("--ddl-dir")) DdlWriter.write(d, Path.of(opt.get("--ddl-dir")));
            if (opt.containsKey("--schema-json")) SchemaJson.write(d, Path.of(opt.get("--schema-json")));
            System.out.println("dictionary OK: " + d.tables.size() + " tables, versions " + d.versionIds());
        } catch (DictionaryException e) {
            System.err.println("ERROR in " + opt.get("--dictionary") + ": " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {  // I/O or XML parser errors (a not well-formed dictionary reports line and column)
            System.err.println("ERROR: " + e);
            System.exit(1);
        }
    }

    static void usage(String msg) {
        System.err.println(msg + "\nusage: java 2pack/src/Generate.java --dictionary FILE [--packout-dir DIR] [--ddl-dir DIR] [--schema-json FILE]");
        System.exit(64);
    }
}

/** A malformed dictionary; the message names the element and attribute. */
class DictionaryException extends RuntimeException {
    DictionaryException(String msg) { super(msg); }
}

/* ============================================================ model */

/** iDempiere reference (display) types we support, with their AD_Reference_ID (SystemIDs, release-12). */
enum AdType {
    String(10, 0), Text(14, 0), Integer(11, 10), Number(22, 14), Amount(12, 14), CostPrice(37, 14),
    Quantity(29, 14), Date(15, 7), DateTime(16, 7), YesNo(20, 1), List(17, 0), ID(13, 10),
    TableDir(19, 10), Table(18, 10), Search(30, 10), UUID(200231, 36), Button(28, 1),
    /** An account combination (C_ValidCombination_ID), edited with iDempiere's account editor; named *_Acct. */
    Account(25, 10);

    final int id;            // AD_Reference_ID
    final int defaultLength; // FieldLength when the dictionary gives none (0 = length required)
    AdType(int id, int defaultLength) { this.id = id; this.defaultLength = defaultLength; }

    /** DisplayType.isID */
    boolean isId() { return this == ID || this == TableDir || this == Table || this == Search || this == Account; }
    boolean isLookup() { return this == TableDir || this == Table || this == Search; }
    /** Types whose default DB_PostgreSQL.getSQLDDL quotes as a string (isText, isList, YesNo). */
    boolean quotesDefault() { return this == String || this == Text || this == UUID || this == List || this == YesNo || this == Button; }
}

record Version(String id, String date, String migration, String description) {}
record EntityTypeDef(String uuid, String name, String description, String modelPackage) {}
/** A translation of a record's user-visible texts: its *_Trl row for one AD_Language. */
record Trl(String lang, String name, String description, String help, String printName) {
    static Trl of(List<Trl> trls, String lang) { return trls.stream().filter(t -> t.lang().equals(lang)).findFirst().orElse(null); }
}
/** An AD_Element: ours (uuid) or iDempiere's own (official id). Translations of a standard element are only
 *  used for the fields and process parameters that show it; iDempiere's own AD_Element_Trl is never written. */
record Elem(String columnName, Integer id, String uuid, String name, String printName, String description,
            String help, String since, List<Trl> trls) {
    boolean standard() { return id != null; }
}
record StdRef(int id, String name, String table) {}
record RefValue(String value, String name, String description, String uuid, String since, List<Trl> trls) {}
record RefList(String name, String uuid, String description, String since, List<RefValue> values) {}
record IndexColumn(Column column, String uuid) {}
record Index(String name, String uuid, boolean unique, String since, List<IndexColumn> columns) {}

final class Table {
    String name, uuid, title, description, accessLevel, since;
    /** A database view (AD_Table.IsView=Y) made of one AD_ViewComponent: SELECT <column sql> AS <column>, … from where other. */
    boolean view;
    String componentUuid, from, whereClause, other;
    boolean highVolume, deleteable = true;
    boolean host;        // one of iDempiere's tables (<hostTable>): referenced by its official id, we only add columns
    int adId;            // host: AD_Table_ID
    Window window;       // AD_Table.AD_Window_ID: the window of the first tab showing the table
    final List<Column> columns = new ArrayList<>();
    final List<Index> indexes = new ArrayList<>();
    Column column(String n) { return columns.stream().filter(c -> c.name.equalsIgnoreCase(n)).findFirst().orElse(null); }
    String where() { return (host ? "<hostTable name=\"" : view ? "<view name=\"" : "<table name=\"") + name + "\">"; }
}

final class Column {
    Table table;
    String name, uuid, since, defaultValue, fk; // fk = AD_Column.FKConstraintType for lookups
    String mandatoryLogic;                      // AD_Column.MandatoryLogic (UI: fields inherit it), or null
    AdType type;
    int length, identifierSeq;                  // identifierSeq > 0: IsIdentifier=Y with that SeqNo
    boolean mandatory, key, parent, updateable = true;
    RefList list; StdRef ref; Elem element;
    Integer valRule;                            // AD_Val_Rule_ID (official id) of a lookup
    String processValue; AdProcess process;     // Button: the process it starts (AD_Column.AD_Process_ID)
    String sql, viewColumnUuid;                 // a view's column: AD_ViewColumn.ColumnSQL and the AD_ViewColumn's UUID
    /** Table a lookup column points to (MColumn.getReferenceTableName), or null. */
    String refTable() {
        if (type == AdType.Table) return ref.table();
        if (type == AdType.TableDir || type == AdType.Search) return name.substring(0, name.length() - 3);
        return null;
    }
    String where() { return table.where() + " <column name=\"" + name + "\">"; }
    boolean numeric() { return type == AdType.Amount || type == AdType.Number || type == AdType.Integer || type == AdType.Quantity || type == AdType.CostPrice; }
}

/** An AD_Window (WindowElementHandler) and its tabs. */
final class Window {
    String name, uuid, description, help, windowType, since;
    boolean soTrx;
    List<Trl> trls = List.of();
    final List<Tab> tabs = new ArrayList<>();
    String where() { return "<window name=\"" + name + "\">"; }
}

/** An AD_Tab (TabElementHandler) of one of our windows, or one of iDempiere's tabs we add fields to (hostId). */
final class Tab {
    Window window;                 // null for a host tab
    Integer hostId;                // AD_Tab_ID of iDempiere's tab (host tab)
    String name, uuid, description, help, orderBy, whereClause, since;
    Table table;
    Column link;                   // AD_Tab.AD_Column_ID: the column linking a detail tab to its parent tab
    int seqNo, level;
    boolean readOnly, insert, singleRow;
    List<Trl> trls = List.of();
    final List<Field> fields = new ArrayList<>();
    String where() { return window == null ? "<hostTab id=\"" + hostId + "\">" : window.where() + " <tab name=\"" + name + "\">"; }
}

/** An AD_Field (FieldElementHandler): centrally maintained, so its texts are its column's element's. */
final class Field {
    Tab tab; Column column;
    String uuid, since, displayLogic, readOnlyLogic;
    int seqNo, x, span, lines;
    boolean displayed, grid, readOnly;
}

/** An AD_Process (ProcessElementHandler) with its parameters. */
final class AdProcess {
    String value, uuid, name, description, help, classname, accessLevel, since;
    /** A report (<report>): AD_Process IsReport=Y over an AD_ReportView of a view, ordered by orderBy. */
    Table reportView; String reportViewUuid, orderBy;
    List<Trl> trls = List.of();
    final List<Param> params = new ArrayList<>();
    String where() { return "<process value=\"" + value + "\">"; }
}

/** An AD_Process_Para (ProcessParaElementHandler): centrally maintained, texts from its element. */
final class Param {
    AdProcess process; Elem element; AdType type; RefList list; StdRef ref;
    String uuid, since, defaultValue, displayLogic, mandatoryLogic;
    int seqNo, length;
    boolean mandatory;
}

/** An AD_Menu (MenuElementHandler): a folder (IsSummary) or an entry opening a window or a process. */
final class Menu {
    String uuid, name, description, since;
    Window window; AdProcess process;
    int seqNo;                     // SeqNo of the AD_TreeNodeMM node under its parent
    List<Trl> trls = List.of();
    final List<Menu> children = new ArrayList<>();
    boolean summary() { return window == null && process == null; }
}

record Schedule(String uuid, String name, String description, String cron, String since) {}
record SchedulerPara(Param param, String uuid, String defaultValue) {}
record Scheduler(String uuid, String name, String description, AdProcess process, Schedule schedule, boolean active,
                 int supervisor, int keepLogDays, String since, List<SchedulerPara> params) {}
record RequiredPlugin(String uuid, String plugin, String state, String since) {}
/** An AD_ChartDatasource: SUM(value) per period of the date column (and per series) over a view, as ChartBuilder reads it. */
record ChartSource(String uuid, String name, String description, Table view, Column value, Column date, Column series, String seriesDisplay,
                   String whereClause) {}
/** A PA_DashboardContent showing a chart; its name, description and translations are the chart's. */
record Dashboard(String uuid, int columnNo, int line) {}
/** An AD_Chart (time series) with its datasources and the dashboard content that shows it. */
record Chart(String uuid, String name, String description, String type, String timeUnit, int timeScope, String domainLabel,
             String rangeLabel, int winHeight, String since, List<Trl> trls, List<ChartSource> sources, Dashboard dashboard) {}

final class Dictionary {
    String entityType, pkg;
    final List<String> languages = new ArrayList<>();          // AD_Language of the translations (base: en_US)
    final List<Table> hostTables = new ArrayList<>();
    final List<Window> windows = new ArrayList<>();
    final List<Tab> hostTabs = new ArrayList<>();
    final List<AdProcess> processes = new ArrayList<>();
    final List<Menu> menus = new ArrayList<>();
    final List<Schedule> schedules = new ArrayList<>();
    final List<Scheduler> schedulers = new ArrayList<>();
    final List<RequiredPlugin> requiredPlugins = new ArrayList<>();
    final List<Version> versions = new ArrayList<>();
    EntityTypeDef entity;
    final Map<String, Elem> elements = new LinkedHashMap<>();   // lower-case ColumnName -> element
    final Map<String, StdRef> refs = new LinkedHashMap<>();     // id -> standard reference
    final Map<String, RefList> lists = new LinkedHashMap<>();
    final List<Table> tables = new ArrayList<>();
    final List<Table> views = new ArrayList<>();
    final List<Chart> charts = new ArrayList<>();

    String first() { return versions.get(0).id(); }
    List<String> versionIds() { return versions.stream().map(Version::id).collect(Collectors.toList()); }
    Table table(String n) { return tables.stream().filter(t -> t.name.equalsIgnoreCase(n)).findFirst().orElse(null); }
    Table view(String n) { return views.stream().filter(t -> t.name.equalsIgnoreCase(n)).findFirst().orElse(null); }
    Table hostTable(String n) { return hostTables.stream().filter(t -> t.name.equalsIgnoreCase(n)).findFirst().orElse(null); }
    Window window(String n) { return windows.stream().filter(w -> w.name.equals(n)).findFirst().orElse(null); }
    AdProcess process(String v) { return processes.stream().filter(p -> p.value.equals(v)).findFirst().orElse(null); }
    static String later(String a, String b) { return compare(a, b) >= 0 ? a : b; }
    /** Numeric comparison of x.y.z versions (like org.adempiere.plugin.utils.Version). */
    static int compare(String a, String b) {
        String[] x = a.split("\\."), y = b.split("\\.");
        for (int i = 0; i < 3; i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) return c;
        }
        return 0;
    }
}

/* ============================================================ reading and validation */

final class DictionaryReader {
    private static final Pattern UUID_RE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern VERSION_RE = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final Pattern IDENT_RE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");
    static final List<String> STANDARD = List.of("AD_Client_ID", "AD_Org_ID", "IsActive", "Created", "CreatedBy", "Updated", "UpdatedBy");

    private final Dictionary d = new Dictionary();
    private final Set<String> uuids = new HashSet<>();
    /** Earliest since of the columns using an element (key: lower-case ColumnName) or a list (key: "list:" + name):
     *  the default since of that element/list, so a new column's new element lands in the new version's 2Pack. */
    private final Map<String, String> firstUse = new HashMap<>();

    static Dictionary read(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setIgnoringComments(true);
        f.setFeature(javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setExpandEntityReferences(false);
        Element root = f.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        need(root.getTagName().equals("dictionary"), "the root element must be <dictionary>");
        return new DictionaryReader().parse(root);
    }

    /** Fails with msg unless ok. */
    static void need(boolean ok, String msg) { if (!ok) throw new DictionaryException(msg); }

    private Dictionary parse(Element root) {
        String w = "<dictionary>";
        d.entityType = req(root, "entityType", w);
        d.pkg = req(root, "package", w);
        Map<String, List<Element>> top = new HashMap<>();
        for (Element e : kids(root, w, "versions", "languages", "entityType", "standardElements", "standardReferences", "elements",
                "lists", "table", "hostTable", "view", "window", "process", "report", "menu", "chart", "schedule", "scheduler", "requiredPlugin"))
            top.computeIfAbsent(e.getTagName(), k -> new ArrayList<>()).add(e);
        Function<String, List<Element>> all = tag -> top.getOrDefault(tag, List.of());
        // versions first: every "since" refers to them
        all.apply("versions").forEach(vs -> kids(vs, "<versions>", "version").forEach(this::version));
        need(!d.versions.isEmpty(), "<versions> must declare at least one <version>");
        d.versions.sort((a, b) -> Dictionary.compare(a.id(), b.id()));
        all.apply("languages").forEach(ls -> kids(ls, "<languages>", "language").forEach(this::language));
        need(all.apply("entityType").size() == 1, "exactly one <entityType> is required");
        Element et = all.apply("entityType").get(0);
        d.entity = new EntityTypeDef(uuid(et, "<entityType>"), req(et, "name", "<entityType>"), et.getAttribute("description"), et.getAttribute("modelPackage"));
        for (Element t : concat(concat(all.apply("table"), all.apply("hostTable")), all.apply("view"))) {
            String tw = "<" + t.getTagName() + " name=\"" + t.getAttribute("name") + "\">", ts = since(t, tw, d.first());
            for (Element c : kids(t, tw, "column", "index", "hostTab", "from", "where", "other")) {
                if (!c.getTagName().equals("column")) continue;
                String cs = since(c, tw + " <column name=\"" + c.getAttribute("name") + "\">", ts);
                firstUse.merge(c.getAttribute("name").toLowerCase(Locale.ROOT), cs, (a, b) -> Dictionary.compare(a, b) <= 0 ? a : b);
                if (c.hasAttribute("list")) firstUse.merge("list:" + c.getAttribute("list"), cs, (a, b) -> Dictionary.compare(a, b) <= 0 ? a : b);
            }
        }
        all.apply("standardElements").forEach(x -> kids(x, "<standardElements>", "element").forEach(e -> element(e, true)));
        all.apply("standardReferences").forEach(x -> kids(x, "<standardReferences>", "reference").forEach(this::stdRef));
        all.apply("elements").forEach(x -> kids(x, "<elements>", "element").forEach(e -> element(e, false)));
        all.apply("lists").forEach(x -> kids(x, "<lists>", "list").forEach(this::list));
        all.apply("table").forEach(this::table);
        all.apply("hostTable").forEach(this::hostTable);
        for (Table t : concat(d.tables, d.hostTables)) for (Column c : t.columns) references(c);
        all.apply("view").forEach(this::view);
        all.apply("window").forEach(this::window);
        for (Element e : all.apply("hostTable"))   // fields on iDempiere's tabs, once all columns are known
            kids(e, "<hostTable name=\"" + e.getAttribute("name") + "\">", "column", "hostTab").stream()
                    .filter(x -> x.getTagName().equals("hostTab")).forEach(x -> hostTab(d.hostTable(e.getAttribute("name")), x));
        all.apply("process").forEach(this::process);
        for (Table t : concat(d.tables, d.hostTables))
            for (Column c : t.columns)
                if (c.processValue != null) {
                    c.process = d.process(c.processValue);
                    need(c.process != null, c.where() + ": attribute process=\"" + c.processValue + "\" names no <process value=…>");
                    need(Dictionary.compare(c.process.since, c.since) <= 0, c.where() + ": the process is introduced after the column");
                }
        all.apply("report").forEach(this::report);
        all.apply("menu").forEach(m -> d.menus.add(menu(m, null, 999)));
        all.apply("chart").forEach(this::chart);
        all.apply("schedule").forEach(this::schedule);
        all.apply("scheduler").forEach(this::scheduler);
        all.apply("requiredPlugin").forEach(this::requiredPlugin);
        // AD_Table.AD_Window_ID: the window of the first tab (in dictionary order) that shows the table
        for (Window win : d.windows) for (Tab tab : win.tabs) if (tab.table.window == null) tab.table.window = win;
        checkShown();
        checkTranslations();
        warnUnused();
        return d;
    }

    /** Every column of every table has a field on a tab of its table (the audit columns Created, CreatedBy, Updated and
     *  UpdatedBy excepted: iDempiere shows them in every record's info), so nothing the engine writes is hidden. */
    private void checkShown() {
        List<String> audit = List.of("Created", "CreatedBy", "Updated", "UpdatedBy");
        for (Table t : d.tables)
            for (Column c : t.columns)
                need(audit.contains(c.name) || d.windows.stream().flatMap(w -> w.tabs.stream()).filter(tab -> tab.table == t)
                        .anyMatch(tab -> tab.fields.stream().anyMatch(f -> f.column == c)),
                        c.where() + ": no <field> on a tab of " + t.name + " shows the column (give it one, displayed=\"N\" if it is hidden)");
    }

    static <T> List<T> concat(List<T> a, List<T> b) { List<T> l = new ArrayList<>(a); l.addAll(b); return l; }

    private void language(Element e) {
        String w = "<language code=\"" + e.getAttribute("code") + "\">", code = req(e, "code", w);
        need(code.matches("[a-z]{2,3}_[A-Z]{2}"), w + ": attribute 'code' must be an AD_Language like sk_SK");
        need(!code.equals("en_US"), w + ": en_US is iDempiere's base language: the record's own texts are English");
        need(!d.languages.contains(code), w + ": duplicate language");
        d.languages.add(code);
    }

    /** The <trl> elements among children: at most one per language, each language declared in <languages>. */
    private List<Trl> trls(List<Element> children, String w) {
        List<Trl> out = new ArrayList<>();
        for (Element t : children) {
            if (!t.getTagName().equals("trl")) continue;
            String tw = w + " <trl lang=\"" + t.getAttribute("lang") + "\">", lang = req(t, "lang", tw);
            need(d.languages.contains(lang), tw + ": language " + lang + " is not declared in <languages>");
            need(Trl.of(out, lang) == null, tw + ": duplicate translation");
            kids(t, tw);
            String name = req(t, "name", tw);
            Trl trl = new Trl(lang, name, t.getAttribute("description"), t.getAttribute("help"),
                    t.hasAttribute("printName") ? t.getAttribute("printName") : name);
            need(trl.name().length() <= 60 && trl.printName().length() <= 60 && trl.description().length() <= 255 && trl.help().length() <= 2000,
                    tw + ": longer than the *_Trl columns (name, printName 60; description 255; help 2000)");
            out.add(trl);
        }
        return out;
    }

    /** Every declared language has a translation of every user-visible text we write. */
    private void checkTranslations() {
        for (String lang : d.languages) {
            BiConsumer<List<Trl>, String> has = (trls, w) -> need(Trl.of(trls, lang) != null, w + ": no <trl lang=\"" + lang + "\">");
            for (Elem e : d.elements.values())
                if (!e.standard()) has.accept(e.trls(), "<element columnName=\"" + e.columnName() + "\">");
            for (RefList l : d.lists.values())
                for (RefValue v : l.values()) has.accept(v.trls(), "<list name=\"" + l.name() + "\"> <value value=\"" + v.value() + "\">");
            for (Window win : d.windows) {
                has.accept(win.trls, win.where());
                for (Tab tab : win.tabs) has.accept(tab.trls, tab.where());
            }
            for (Tab tab : concat(d.windows.stream().flatMap(x -> x.tabs.stream()).collect(Collectors.toList()), d.hostTabs))
                for (Field f : tab.fields)   // a field's texts are its element's: a standard element needs them too
                    has.accept(f.column.element.trls(), tab.where() + " <field column=\"" + f.column.name + "\">: its element <element columnName=\""
                            + f.column.element.columnName() + "\">");
            for (AdProcess p : d.processes) {
                has.accept(p.trls, p.where());
                for (Param pa : p.params)
                    has.accept(pa.element.trls(), p.where() + " <parameter column=\"" + pa.element.columnName() + "\">: its element");
            }
            checkMenuTrl(d.menus, has);
            for (Chart ch : d.charts) has.accept(ch.trls(), "<chart name=\"" + ch.name() + "\">");
            for (Table v : d.views)   // a view's columns are shown in its reports and charts: their elements' texts
                for (Column c : v.columns) has.accept(c.element.trls(), c.where() + ": its element <element columnName=\"" + c.element.columnName() + "\">");
        }
    }

    private void checkMenuTrl(List<Menu> menus, BiConsumer<List<Trl>, String> has) {
        for (Menu m : menus) {
            if (m.summary()) has.accept(m.trls, "<menu name=\"" + m.name + "\">");
            checkMenuTrl(m.children, has);
        }
    }

    private void version(Element e) {
        String w = "<version id=\"" + e.getAttribute("id") + "\">", id = req(e, "id", w), date = req(e, "date", w), mig = req(e, "migration", w);
        need(VERSION_RE.matcher(id).matches(), w + ": attribute 'id' must be a version x.y.z (digits)");
        need(d.versions.stream().noneMatch(v -> Dictionary.compare(v.id(), id) == 0), w + ": duplicate version");
        try { LocalDate.parse(date); } catch (DateTimeParseException x) { need(false, w + ": attribute 'date' must be yyyy-MM-dd"); }
        need(mig.matches("[a-z0-9_]+"), w + ": attribute 'migration' must match [a-z0-9_]+");
        d.versions.add(new Version(id, date, mig, e.getAttribute("description")));
    }

    private void element(Element e, boolean standard) {
        String w = "<element columnName=\"" + e.getAttribute("columnName") + "\">", cn = ident(e, "columnName", w);
        need(!d.elements.containsKey(cn.toLowerCase(Locale.ROOT)), w + ": duplicate columnName (AD_Element.ColumnName is unique, case-insensitive)");
        Integer id = standard ? posInt(e, "id", w) : null;
        need(id == null || id <= 999999, w + ": a standard element is referenced by its official id (1..999999)");
        String name = req(e, "name", w), print = e.hasAttribute("printName") ? e.getAttribute("printName") : name;
        d.elements.put(cn.toLowerCase(Locale.ROOT), new Elem(cn, id, standard ? null : uuid(e, w), name, print,
                e.getAttribute("description"), e.getAttribute("help"), since(e, w, firstUse.getOrDefault(cn.toLowerCase(Locale.ROOT), d.first())),
                trls(kids(e, w, "trl"), w)));
    }

    private void stdRef(Element e) {
        String w = "<reference id=\"" + e.getAttribute("id") + "\">";
        int id = posInt(e, "id", w);
        need(id <= 999999, w + ": attribute 'id' must be an official AD_Reference_ID");
        d.refs.put(String.valueOf(id), new StdRef(id, req(e, "name", w), ident(e, "table", w)));
    }

    private void list(Element e) {
        String w = "<list name=\"" + e.getAttribute("name") + "\">", name = req(e, "name", w);
        String since = since(e, w, firstUse.getOrDefault("list:" + name, d.first()));
        need(!d.lists.containsKey(name), w + ": duplicate list");
        List<RefValue> values = new ArrayList<>();
        for (Element v : kids(e, w, "value")) {
            String vw = w + " <value value=\"" + v.getAttribute("value") + "\">", value = req(v, "value", vw);
            String vs = since(v, vw, since);
            need(values.stream().noneMatch(x -> x.value().equals(value)), vw + ": duplicate value");
            need(Dictionary.compare(vs, since) >= 0, vw + ": since is before the list's since");
            values.add(new RefValue(value, req(v, "name", vw), v.getAttribute("description"), uuid(v, vw), vs, trls(kids(v, vw, "trl"), vw)));
        }
        need(!values.isEmpty(), w + ": a list needs at least one <value>");
        d.lists.put(name, new RefList(name, uuid(e, w), e.getAttribute("description"), since, values));
    }

    /** A table, one of iDempiere's tables or a view, named by attribute 'name', unique among all three. */
    private Table newTable(Element e, boolean host, boolean view) {
        Table t = new Table();
        t.host = host;
        t.view = view;
        t.name = e.getAttribute("name");
        String w = t.where();
        t.name = ident(e, "name", w);
        need(d.table(t.name) == null && d.hostTable(t.name) == null && d.view(t.name) == null, w + ": duplicate table or view");
        return t;
    }

    private void table(Element e) {
        Table t = newTable(e, false, false);
        String w = t.where();
        t.uuid = uuid(e, w); t.title = req(e, "title", w); t.description = e.getAttribute("description"); t.since = since(e, w, d.first());
        t.accessLevel = e.hasAttribute("accessLevel") ? e.getAttribute("accessLevel") : "3";
        need(t.accessLevel.matches("[123467]"), w + ": attribute 'accessLevel' must be one of 1,2,3,4,6,7");
        t.highVolume = yn(e, "highVolume", false, w);
        t.deleteable = yn(e, "deleteable", true, w);   // AD_Table.IsDeleteable: N for append-only history
        d.tables.add(t);
        List<Element> children = kids(e, w, "column", "index");
        children.stream().filter(x -> x.getTagName().equals("column")).forEach(x -> column(t, x));
        children.stream().filter(x -> x.getTagName().equals("index")).forEach(x -> index(t, x));
        // iDempiere's standard columns, present from the table's first version
        List<String> required = new ArrayList<>(List.of(t.name + "_ID", t.name + "_UU"));
        required.addAll(STANDARD);
        for (String n : required) {
            Column c = t.column(n);
            need(c != null, w + ": standard column " + n + " is missing");
            need(c.since.equals(t.since), c.where() + ": standard columns must have the table's since");
            need(n.endsWith("_UU") || c.mandatory, c.where() + ": standard column must be mandatory=\"Y\"");
        }
        need(t.column(t.name + "_ID").type == AdType.ID, t.column(t.name + "_ID").where() + ": the key column must have type=\"ID\"");
        need(t.column(t.name + "_UU").type == AdType.UUID, t.column(t.name + "_UU").where() + ": the UU column must have type=\"UUID\"");
        // key column first: PackIn creates the table with the first column it syncs (TableElementHandler exports IsKey DESC)
        t.columns.sort((a, b) -> Boolean.compare(b.key, a.key));
    }

    /** A column of t named by attribute 'name', not yet in t, with its uuid and type. */
    private Column newColumn(Table t, Element e) {
        Column c = new Column();
        c.table = t;
        c.name = e.getAttribute("name");
        String w = c.where();
        c.name = ident(e, "name", w);
        need(t.column(c.name) == null, w + ": duplicate column in " + t.name);
        c.uuid = uuid(e, w);
        c.type = type(e, w);
        return c;
    }

    /** The column's element: its ColumnName spelled exactly as the column, introduced no later than the column. */
    private void element(Column c, String w) {
        c.element = d.elements.get(c.name.toLowerCase(Locale.ROOT));
        need(c.element != null, w + ": no <element> or <standardElements>/<element> has columnName " + c.name);
        need(c.element.columnName().equals(c.name), w + ": the name must match the element's ColumnName " + c.element.columnName() + " exactly");
        need(Dictionary.compare(c.element.since(), c.since) <= 0, w + ": the element is introduced after the column");
    }

    private void column(Table t, Element e) {
        Column c = newColumn(t, e);
        String w = c.where();
        c.since = since(e, w, t.since);
        need(Dictionary.compare(c.since, t.since) >= 0, w + ": since " + c.since + " is before the table's since " + t.since);
        c.mandatory = yn(e, "mandatory", false, w); c.parent = yn(e, "parent", false, w); c.updateable = yn(e, "updateable", true, w);
        c.defaultValue = e.hasAttribute("default") ? e.getAttribute("default") : null;
        c.mandatoryLogic = e.hasAttribute("mandatoryLogic") ? e.getAttribute("mandatoryLogic") : null;
        need(c.mandatoryLogic == null || (!c.mandatoryLogic.isBlank() && !c.mandatory),
                w + ": attribute 'mandatoryLogic' is a non-empty logic (e.g. @IsSubscriptionProduct@=Y) on a column that is not mandatory=\"Y\"");
        c.fk = e.hasAttribute("fk") ? e.getAttribute("fk") : null;
        c.identifierSeq = e.hasAttribute("identifier") ? posInt(e, "identifier", w) : 0;
        c.valRule = e.hasAttribute("valRule") ? posInt(e, "valRule", w) : null;
        need(c.valRule == null || (c.type.isLookup() && c.valRule <= 999999), w + ": attribute 'valRule' is the official AD_Val_Rule_ID of a lookup column");
        c.length = e.hasAttribute("length") ? posInt(e, "length", w) : c.type.defaultLength;
        need(c.length > 0, w + ": type " + c.type + " needs attribute 'length'");
        switch (c.type) {
            case ID -> {
                need(c.name.equals(t.name + "_ID"), w + ": type ID is only for the key column " + t.name + "_ID");
                c.key = true;
            }
            case UUID -> need(c.name.endsWith("_UU") && c.length == 36, w + ": UUID columns end with _UU and have length 36");
            case YesNo -> need(c.mandatory && c.defaultValue != null,
                    w + ": YesNo columns are always mandatory (MColumn.beforeSave): give mandatory=\"Y\" and default=\"Y|N\"");
            case List -> {
                c.list = d.lists.get(req(e, "list", w));
                need(c.list != null, w + ": attribute list=\"" + e.getAttribute("list") + "\" names no <list>");
                need(Dictionary.compare(c.list.since(), c.since) <= 0, w + ": the list is introduced after the column");
            }
            case Table -> {
                c.ref = d.refs.get(req(e, "ref", w));
                need(c.ref != null, w + ": attribute ref=\"" + e.getAttribute("ref") + "\" names no <standardReferences>/<reference>");
            }
            case TableDir, Search -> need(c.name.endsWith("_ID"), w + ": " + c.type + " columns are named <Table>_ID");
            case Account -> need(c.name.endsWith("_Acct"), w + ": Account columns are named <Name>_Acct");
            case Button -> {
                c.processValue = req(e, "process", w);   // resolved once the processes are read
                need(!c.mandatory && !c.name.endsWith("_ID"), w + ": a Button column starts a process: not mandatory, not named *_ID");
            }
            default -> { }
        }
        need(c.type == AdType.Button || !e.hasAttribute("process"), w + ": attribute 'process' is only for type=\"Button\"");
        need(c.fk == null || (c.type.isLookup() && c.fk.matches("[NCSD]")), w + ": attribute 'fk' is N, C, S or D, on TableDir/Table/Search columns");
        need(!"S".equals(c.fk) || !c.mandatory, w + ": fk=\"S\" (set null) on a mandatory column");
        need(!c.parent || c.type.isLookup(), w + ": parent=\"Y\" needs a lookup column");
        checkDefault(c, w);
        element(c, w);
        need((!t.host && c.since.equals(t.since)) || !c.mandatory || Sql.dbDefault(c) != null,
                w + ": a mandatory column added to an existing table needs a database default");
        t.columns.add(c);
    }

    private void checkDefault(Column c, String w) {
        String v = c.defaultValue;
        if (v == null || v.matches("@.*@")) return;  // context defaults (@#Date@, @AD_Org_ID@) are for iDempiere's UI only
        boolean ok = switch (c.type) {
            case YesNo -> v.equals("Y") || v.equals("N");
            case List -> c.list.values().stream().anyMatch(x -> x.value().equals(v));
            case Date, DateTime -> v.equalsIgnoreCase("SYSDATE");
            case ID, TableDir, Table, Search, Integer -> v.matches("-?\\d+");
            case Number, Amount, CostPrice, Quantity -> v.matches("-?\\d+(\\.\\d+)?");
            default -> !v.isEmpty();
        };
        need(ok, w + ": default=\"" + v + "\" is not valid for type " + c.type);
    }

    /** One of iDempiere's tables (official AD_Table_ID) we add columns to; its fields come in hostTab(). */
    private void hostTable(Element e) {
        Table t = newTable(e, true, false);
        String w = t.where();
        t.adId = posInt(e, "id", w);
        need(t.adId <= 999999, w + ": attribute 'id' must be the table's official AD_Table_ID");
        t.title = req(e, "title", w);
        need(!e.hasAttribute("since"), w + ": iDempiere's table has no since; give it to each column");
        t.since = d.first();
        d.hostTables.add(t);
        kids(e, w, "column", "hostTab").stream().filter(x -> x.getTagName().equals("column")).forEach(x -> column(t, x));
        for (Column c : t.columns)
            need(c.type != AdType.ID && c.type != AdType.UUID && !STANDARD.contains(c.name) && !c.parent,
                    c.where() + ": iDempiere's table has its own key, UU, standard and parent columns; add plain columns only");
    }

    /** A database view: AD_Table IsView=Y, its AD_Column records (not synchronised: the view makes them) and one
     *  AD_ViewComponent with an AD_ViewColumn per column, from which iDempiere's DatabaseViewValidate writes
     *  CREATE OR REPLACE VIEW when PackIn ends the AD_Table element; the sandbox migration runs the same statement. */
    private void view(Element e) {
        Table t = newTable(e, false, true);
        String w = t.where();
        need(t.name.toLowerCase(Locale.ROOT).endsWith("_v"), w + ": a view's name ends with _v (iDempiere's convention)");
        t.uuid = uuid(e, w);
        t.componentUuid = uuid(e, "componentUuid", w);
        t.title = req(e, "title", w);
        t.description = e.getAttribute("description");
        t.since = since(e, w, d.first());
        t.accessLevel = "3";
        t.deleteable = false;   // MTable.beforeSave: a view is never deleteable
        d.views.add(t);
        List<Element> children = kids(e, w, "column", "from", "where", "other");
        for (Element x : children) if (x.getTagName().equals("column")) viewColumn(t, x);
        List<Element> from = children.stream().filter(x -> x.getTagName().equals("from")).collect(Collectors.toList());
        need(from.size() == 1, w + ": a view needs exactly one <from>");
        t.from = clause(from.get(0), w, "FROM ");
        for (Element x : children) {
            need(x.getTagName().equals("column") || x.getTagName().equals("from") || children.stream().filter(y -> y.getTagName().equals(x.getTagName())).count() == 1,
                    w + ": at most one <" + x.getTagName() + ">");
            if (x.getTagName().equals("where")) t.whereClause = clause(x, w, "WHERE ");
            if (x.getTagName().equals("other")) t.other = clause(x, w, "");
        }
        for (String n : List.of("AD_Client_ID", "AD_Org_ID")) {
            Column c = t.column(n);
            need(c != null && c.type == AdType.TableDir, w + ": a view carries " + n + " (TableDir), so iDempiere's role access applies to it");
        }
        Column uu = t.column(t.name + "_UU");
        need(uu != null && uu.type == AdType.UUID, w + ": a view needs the column " + t.name + "_UU (type UUID): the key iDempiere's"
                + " MTable.getKeyColumns falls back to (charts build their drill-down query from it)");
    }

    /** The text of a view's <from>, <where> or <other>: one SQL clause starting with its keyword. */
    private String clause(Element e, String w, String keyword) {
        String sql = e.getTextContent().trim().replaceAll("\\s+", " ");
        need(!sql.isEmpty() && sql.toUpperCase(Locale.ROOT).startsWith(keyword), w + " <" + e.getTagName() + ">: an SQL clause starting with '" + keyword.trim() + "'");
        portable(sql, w + " <" + e.getTagName() + ">");
        return sql;
    }

    /** Words release-12's Oracle-dialect converter (ConvertMap_PostgreSQL, case-insensitive, used when the PostgreSQL native
     *  dialect is off, e.g. while iDempiere logs migration scripts) would rewrite in a CREATE VIEW: DATE becomes TIMESTAMP, … */
    private static final Pattern CONVERTED = Pattern.compile("\\b(DATE|NUMBER|VARCHAR2|NVARCHAR2|NCHAR|BLOB|CLOB|LIMIT|ACTION|OLD|NEW|CACHE"
            + "|SYSDATE|CURRENT_TIMESTAMP|DUMP|NVL|TO_DATE|TO_NCHAR|getDate)\\b", Pattern.CASE_INSENSITIVE);

    /** A view's SQL: one statement, the same in both hosts whether iDempiere converts it or not. */
    private static void portable(String sql, String w) {
        need(!sql.contains(";"), w + ": no ';' in a view's SQL");
        java.util.regex.Matcher m = CONVERTED.matcher(sql.replaceAll("'[^']*'", "''"));
        if (m.find())
            throw new DictionaryException(w + ": '" + m.group() + "' would be rewritten by iDempiere's SQL converter"
                    + " (ConvertMap_PostgreSQL); write it another way (e.g. timestamps instead of CAST(… AS DATE))");
    }

    private void viewColumn(Table t, Element e) {
        Column c = newColumn(t, e);
        String w = c.where();
        need(!e.hasAttribute("since"), w + ": a view is created whole: its columns have the view's since");
        c.since = t.since;
        c.viewColumnUuid = uuid(e, "viewColumnUuid", w);
        need(!c.type.isLookup() || c.type == AdType.TableDir, w + ": a view's lookup columns are TableDir");
        need(c.type != AdType.ID && c.type != AdType.Button && c.type != AdType.List, w + ": type " + c.type + " is not for a view column");
        c.length = e.hasAttribute("length") ? posInt(e, "length", w) : c.type.defaultLength;
        need(c.length > 0, w + ": type " + c.type + " needs attribute 'length'");
        c.mandatory = false;
        c.updateable = false;
        c.fk = c.type.isLookup() ? "D" : null;   // no constraint on a view
        c.identifierSeq = e.hasAttribute("identifier") ? posInt(e, "identifier", w) : 0;
        c.sql = req(e, "sql", w).replaceAll("\\s+", " ");
        portable(c.sql, w);
        element(c, w);
        t.columns.add(c);
    }

    /** A report over a view: AD_ReportView + AD_Process (IsReport=Y); iDempiere prints it with a print format it creates
     *  from the view's columns the first time a tenant runs it. A <menu process="…"> entry opens it. */
    private void report(Element e) {
        AdProcess p = new AdProcess();
        p.value = e.getAttribute("value");
        String w = "<report value=\"" + p.value + "\">";
        p.value = ident(e, "value", w);
        need(d.process(p.value) == null, w + ": duplicate process");
        p.uuid = uuid(e, w);
        p.reportViewUuid = uuid(e, "reportViewUuid", w);
        p.name = req(e, "name", w);
        need(p.name.length() <= 60, w + ": attribute 'name' is at most 60 characters (AD_Process.Name)");
        p.description = e.getAttribute("description");
        p.help = e.getAttribute("help");
        p.accessLevel = "3";
        p.reportView = d.view(req(e, "view", w));
        need(p.reportView != null, w + ": view=\"" + e.getAttribute("view") + "\" names no <view>");
        p.orderBy = e.getAttribute("orderBy");
        for (String col : p.orderBy.isEmpty() ? new String[0] : p.orderBy.split(",")) {
            String name = col.trim().replaceAll("(?i)\\s+(ASC|DESC)$", "");
            need(p.reportView.column(name) != null, w + ": orderBy names " + name + ", not a column of " + p.reportView.name);
        }
        p.since = since(e, w, p.reportView.since);
        need(Dictionary.compare(p.since, p.reportView.since) >= 0, w + ": since is before its view's");
        p.trls = trls(kids(e, w, "trl"), w);
        d.processes.add(p);
    }

    /** A time-series chart over views (AD_Chart + AD_ChartDatasource) and optionally the dashboard content showing it.
     *  ChartBuilder (release-12) selects "ValueColumn, TRUNC(DateColumn, unit), SeriesColumn FROM FromClause" with the
     *  role's access SQL and GROUP BY series, period: so every name here must be a column of the datasource's view. */
    private void chart(Element e) {
        String w = "<chart name=\"" + e.getAttribute("name") + "\">", name = req(e, "name", w);
        need(name.length() <= 60 && d.charts.stream().noneMatch(c -> c.name().equals(name)), w + ": duplicate chart or name longer than 60");
        String type = req(e, "type", w);
        need(List.of("AC", "AS", "B3", "B4", "BC", "BS", "L3", "LC", "P3", "PC", "RC", "WC").contains(type), w + ": attribute 'type' is an AD_Chart ChartType (LC line, BS stacked bars, …)");
        String unit = req(e, "timeUnit", w);
        need(unit.matches("[DWMQY]"), w + ": attribute 'timeUnit' is D, W, M, Q or Y");
        int scope = posInt(e, "timeScope", w);
        int height = e.hasAttribute("winHeight") ? posInt(e, "winHeight", w) : 300;
        String uuid = uuid(e, w);
        List<Element> children = kids(e, w, "trl", "datasource", "dashboard");
        List<ChartSource> sources = new ArrayList<>();
        String earliest = d.first();
        for (Element x : children) {
            if (!x.getTagName().equals("datasource")) continue;
            String sw = w + " <datasource name=\"" + x.getAttribute("name") + "\">", sname = req(x, "name", sw);
            need(sources.stream().noneMatch(s -> s.name().equals(sname)), sw + ": duplicate datasource name");
            Table v = d.view(req(x, "view", sw));
            need(v != null, sw + ": view=\"" + x.getAttribute("view") + "\" names no <view>");
            earliest = Dictionary.later(earliest, v.since);
            Column value = v.column(req(x, "value", sw)), date = v.column(req(x, "date", sw));
            need(value != null && value.numeric(), sw + ": value=\"" + x.getAttribute("value") + "\" is not a numeric column of " + v.name);
            need(date != null && (date.type == AdType.Date || date.type == AdType.DateTime), sw + ": date=\"" + x.getAttribute("date") + "\" is not a date column of " + v.name);
            Column series = x.hasAttribute("series") ? v.column(x.getAttribute("series")) : null;
            need(!x.hasAttribute("series") || series != null, sw + ": series=\"" + x.getAttribute("series") + "\" is not a column of " + v.name);
            String display = x.hasAttribute("seriesDisplay") ? ident(x, "seriesDisplay", sw) : null;
            need(display == null || (series != null && series.type == AdType.TableDir),
                    sw + ": seriesDisplay shows a column of the table a TableDir series column refers to");
            String where = x.hasAttribute("where") ? req(x, "where", sw) : null;
            need(where == null || !where.contains(";"), sw + ": no ';' in the where clause");
            sources.add(new ChartSource(uuid(x, sw), sname, x.getAttribute("description"), v, value, date, series, display, where));
        }
        need(!sources.isEmpty(), w + ": a chart needs at least one <datasource>");
        String since = since(e, w, earliest);
        need(Dictionary.compare(since, earliest) >= 0, w + ": since is before its views'");
        Dashboard dash = null;
        for (Element x : children)
            if (x.getTagName().equals("dashboard")) {
                need(dash == null, w + ": at most one <dashboard>");
                String dw = w + " <dashboard>";
                dash = new Dashboard(uuid(x, dw), x.hasAttribute("columnNo") ? Integer.parseInt(req(x, "columnNo", dw)) : 0,
                        x.hasAttribute("line") ? posInt(x, "line", dw) : 10);
            }
        d.charts.add(new Chart(uuid, name, e.getAttribute("description"), type, unit, scope, e.getAttribute("domainLabel"),
                e.getAttribute("rangeLabel"), height, since, trls(children, w), sources, dash));
    }

    private void window(Element e) {
        Window win = new Window();
        win.name = e.getAttribute("name");
        String w = win.where();
        win.name = req(e, "name", w);
        need(d.window(win.name) == null, w + ": duplicate window");
        win.uuid = uuid(e, w);
        win.description = e.getAttribute("description");
        win.help = e.getAttribute("help");
        win.windowType = e.hasAttribute("windowType") ? e.getAttribute("windowType") : "M";
        need(win.windowType.matches("[MQST]"), w + ": attribute 'windowType' is M (Maintain), Q (Query Only), S (Single Record) or T (Transaction)");
        win.soTrx = yn(e, "soTrx", true, w);
        win.since = since(e, w, d.first());
        List<Element> children = kids(e, w, "trl", "tab");
        win.trls = trls(children, w);
        d.windows.add(win);
        int seq = 10;
        for (Element x : children)
            if (x.getTagName().equals("tab")) seq = tab(win, x, seq) + 10;
        need(!win.tabs.isEmpty() && win.tabs.get(0).level == 0, w + ": the first <tab> must have level 0");
        need(win.tabs.get(0).since.equals(win.since), w + ": since " + win.since + " is before its first tab's ("
                + win.tabs.get(0).since + "): the window would be applied without a tab; give the window the since of the table its first tab shows");
    }

    /** Returns the tab's SeqNo. Detail tabs link to the nearest preceding tab one level up, through the column
     *  named after that tab's table (or attribute 'link'). */
    private int tab(Window win, Element e, int seq) {
        Tab tab = new Tab();
        tab.window = win;
        tab.name = e.getAttribute("name");
        String w = tab.where();
        tab.name = req(e, "name", w);
        need(win.tabs.stream().noneMatch(x -> x.name.equals(tab.name)), w + ": duplicate tab name in the window");
        tab.uuid = uuid(e, w);
        tab.table = d.table(req(e, "table", w));
        need(tab.table != null, w + ": table=\"" + e.getAttribute("table") + "\" names no <table>");
        tab.since = since(e, w, Dictionary.later(win.since, tab.table.since));
        need(Dictionary.compare(tab.since, Dictionary.later(win.since, tab.table.since)) >= 0, w + ": since is before its window's or table's");
        tab.level = e.hasAttribute("level") ? Integer.parseInt(req(e, "level", w)) : 0;
        need(tab.level >= 0 && tab.level <= 9, w + ": attribute 'level' must be 0..9");
        tab.seqNo = e.hasAttribute("seqNo") ? posInt(e, "seqNo", w) : seq;
        tab.readOnly = yn(e, "readOnly", false, w);
        tab.insert = yn(e, "insert", !tab.readOnly, w);
        need(!(tab.readOnly && tab.insert), w + ": a read-only tab cannot insert records (MTab.beforeSave)");
        tab.singleRow = yn(e, "singleRow", tab.level == 0, w);
        tab.orderBy = e.getAttribute("orderBy");
        tab.whereClause = e.getAttribute("where");
        tab.description = e.getAttribute("description");
        tab.help = e.getAttribute("help");
        if (tab.level > 0) {
            Tab parent = null;
            for (int i = win.tabs.size() - 1; i >= 0 && parent == null; i--) if (win.tabs.get(i).level < tab.level) parent = win.tabs.get(i);
            need(parent != null && parent.level == tab.level - 1, w + ": a tab of level " + tab.level + " needs a preceding tab of level " + (tab.level - 1));
            String link = e.hasAttribute("link") ? e.getAttribute("link") : parent.table.name + "_ID";
            tab.link = tab.table.column(link);
            need(tab.link != null && tab.link.refTable() != null && tab.link.refTable().equalsIgnoreCase(parent.table.name),
                    w + ": no column " + link + " in " + tab.table.name + " refers to the parent tab's table " + parent.table.name);
            need(Dictionary.compare(tab.link.since, tab.since) <= 0, w + ": the link column is introduced after the tab");
        } else {
            need(!e.hasAttribute("link"), w + ": a tab of level 0 has no link column");
        }
        List<Element> children = kids(e, w, "trl", "field");
        tab.trls = trls(children, w);
        win.tabs.add(tab);
        fields(tab, children);
        return tab.seqNo;
    }

    /** Fields on one of iDempiere's tabs, showing our columns of the host table. */
    private void hostTab(Table t, Element e) {
        Tab tab = new Tab();
        String w0 = t.where() + " <hostTab id=\"" + e.getAttribute("id") + "\">";
        tab.hostId = posInt(e, "id", w0);
        need(tab.hostId <= 999999, w0 + ": attribute 'id' must be the official AD_Tab_ID");
        tab.name = req(e, "name", w0);
        tab.table = t;
        tab.since = d.first();
        need(d.hostTabs.stream().noneMatch(x -> x.hostId.equals(tab.hostId)), w0 + ": duplicate hostTab");
        List<Element> children = kids(e, w0, "field");
        for (Element f : children) need(f.hasAttribute("seqNo"), w0 + " <field column=\"" + f.getAttribute("column")
                + "\">: a field on iDempiere's tab needs an explicit seqNo (place it after the tab's own fields)");
        d.hostTabs.add(tab);
        fields(tab, children);
    }

    /** Displayed fields get SeqNo 10, 20, … in document order (or attribute seqNo), hidden ones 0. */
    private void fields(Tab tab, List<Element> children) {
        int seq = 10;
        for (Element e : children) {
            if (!e.getTagName().equals("field")) continue;
            Field f = new Field();
            f.tab = tab;
            String w = tab.where() + " <field column=\"" + e.getAttribute("column") + "\">";
            f.column = tab.table.column(req(e, "column", w));
            need(f.column != null, w + ": no such column in " + tab.table.name + (tab.table.host ? " (only the columns we add)" : ""));
            need(tab.fields.stream().noneMatch(x -> x.column == f.column), w + ": duplicate field");
            f.uuid = uuid(e, w);
            String earliest = Dictionary.later(tab.since, f.column.since);
            f.since = since(e, w, earliest);
            need(Dictionary.compare(f.since, earliest) >= 0, w + ": since is before its tab's or column's");
            f.displayed = yn(e, "displayed", true, w);
            f.seqNo = e.hasAttribute("seqNo") ? posInt(e, "seqNo", w) : f.displayed ? seq : 0;
            if (f.displayed) seq = f.seqNo + 10;
            f.grid = yn(e, "grid", f.displayed && !f.column.name.equals("AD_Client_ID"), w);
            // defaults as release-12's TabCreateFields lays out a new tab: checkboxes at x 2, AD_Org_ID at x 4,
            // long texts (FieldLength >= 60) over 5 columns
            f.x = e.hasAttribute("x") ? posInt(e, "x", w) : f.column.type == AdType.YesNo ? 2 : f.column.name.equals("AD_Org_ID") ? 4 : 1;
            f.span = e.hasAttribute("span") ? posInt(e, "span", w) : f.column.length >= 60 && !f.column.type.isId() ? 5 : 2;
            f.lines = e.hasAttribute("lines") ? posInt(e, "lines", w) : 1;
            need(f.x <= 6 && f.span <= 6 && f.lines <= 20, w + ": x and span are 1..6 (a tab has 6 grid columns), lines 1..20");
            f.readOnly = yn(e, "readOnly", false, w);
            f.displayLogic = e.getAttribute("displayLogic");
            f.readOnlyLogic = e.getAttribute("readOnlyLogic");
            tab.fields.add(f);
        }
    }

    /** The reference type of a column or process parameter (attributes type, list, ref, length). */
    private AdType type(Element e, String w) {
        String type = req(e, "type", w);
        return Arrays.stream(AdType.values()).filter(x -> x.name().equals(type)).findFirst().orElseThrow(() -> new DictionaryException(
                w + ": unknown reference type=\"" + type + "\" (known: " + Arrays.toString(AdType.values()) + ")"));
    }

    private void process(Element e) {
        AdProcess p = new AdProcess();
        p.value = e.getAttribute("value");
        String w = p.where();
        p.value = ident(e, "value", w);
        need(d.process(p.value) == null, w + ": duplicate process");
        p.uuid = uuid(e, w);
        p.name = req(e, "name", w);
        p.description = e.getAttribute("description");
        p.help = e.getAttribute("help");
        p.classname = req(e, "classname", w);
        need(p.classname.matches("([a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_]*"), w + ": attribute 'classname' must be a fully qualified class name");
        p.accessLevel = e.hasAttribute("accessLevel") ? e.getAttribute("accessLevel") : "3";
        need(p.accessLevel.matches("[123467]"), w + ": attribute 'accessLevel' must be one of 1,2,3,4,6,7");
        p.since = since(e, w, d.first());
        List<Element> children = kids(e, w, "trl", "parameter");
        p.trls = trls(children, w);
        d.processes.add(p);
        int seq = 10;
        for (Element x : children) {
            if (!x.getTagName().equals("parameter")) continue;
            Param pa = new Param();
            pa.process = p;
            String pw = w + " <parameter column=\"" + x.getAttribute("column") + "\">", cn = ident(x, "column", pw);
            pa.element = d.elements.get(cn.toLowerCase(Locale.ROOT));
            need(pa.element != null && pa.element.columnName().equals(cn), pw + ": no <element> or <standardElements>/<element> has columnName " + cn);
            need(p.params.stream().noneMatch(y -> y.element == pa.element), pw + ": duplicate parameter");
            pa.uuid = uuid(x, pw);
            pa.type = type(x, pw);
            need(pa.type != AdType.ID && pa.type != AdType.UUID, pw + ": a parameter is not a key or UUID");
            pa.length = x.hasAttribute("length") ? posInt(x, "length", pw) : pa.type.defaultLength;
            need(pa.length > 0, pw + ": type " + pa.type + " needs attribute 'length'");
            pa.mandatory = yn(x, "mandatory", false, pw);
            pa.defaultValue = x.hasAttribute("default") ? x.getAttribute("default") : null;
            pa.displayLogic = x.hasAttribute("displayLogic") ? x.getAttribute("displayLogic") : null;
            pa.mandatoryLogic = x.hasAttribute("mandatoryLogic") ? x.getAttribute("mandatoryLogic") : null;
            need(pa.mandatoryLogic == null || !pa.mandatory, pw + ": attribute 'mandatoryLogic' is for a parameter that is not mandatory=\"Y\"");
            if (pa.type == AdType.List) {
                pa.list = d.lists.get(req(x, "list", pw));
                need(pa.list != null, pw + ": attribute list=\"" + x.getAttribute("list") + "\" names no <list>");
            }
            if (pa.type == AdType.Table) {
                pa.ref = d.refs.get(req(x, "ref", pw));
                need(pa.ref != null, pw + ": attribute ref=\"" + x.getAttribute("ref") + "\" names no <standardReferences>/<reference>");
            }
            need(!(pa.type == AdType.TableDir || pa.type == AdType.Search) || cn.endsWith("_ID"), pw + ": " + pa.type + " parameters are named <Table>_ID");
            pa.seqNo = x.hasAttribute("seqNo") ? posInt(x, "seqNo", pw) : seq;
            seq = pa.seqNo + 10;
            pa.since = since(x, pw, Dictionary.later(p.since, pa.element.since()));
            need(Dictionary.compare(pa.since, Dictionary.later(p.since, pa.element.since())) >= 0, pw + ": since is before its process's or element's");
            p.params.add(pa);
        }
    }

    /** A folder (name, <trl>, nested <menu>s) or an entry (window= or process=, texts from the window/process). */
    private Menu menu(Element e, Menu parent, int seq) {
        Menu m = new Menu();
        String w = "<menu" + (e.hasAttribute("name") ? " name=\"" + e.getAttribute("name") + "\"" : "")
                + (e.hasAttribute("window") ? " window=\"" + e.getAttribute("window") + "\"" : "")
                + (e.hasAttribute("process") ? " process=\"" + e.getAttribute("process") + "\"" : "") + ">";
        m.uuid = uuid(e, w);
        if (e.hasAttribute("window")) {
            m.window = d.window(e.getAttribute("window"));
            need(m.window != null, w + ": names no <window>");
        }
        if (e.hasAttribute("process")) {
            m.process = d.process(e.getAttribute("process"));
            need(m.process != null, w + ": names no <process value=…>");
        }
        need(m.window == null || m.process == null, w + ": a menu entry opens a window or a process, not both");
        String earliest = parent == null ? d.first() : parent.since;
        if (m.window != null) earliest = Dictionary.later(earliest, m.window.since);
        if (m.process != null) earliest = Dictionary.later(earliest, m.process.since);
        m.since = since(e, w, earliest);
        need(Dictionary.compare(m.since, earliest) >= 0, w + ": since is before its parent's, window's or process's");
        m.seqNo = e.hasAttribute("seqNo") ? Integer.parseInt(req(e, "seqNo", w)) : seq;
        List<Element> children = kids(e, w, "trl", "menu");
        if (m.summary()) {
            m.name = req(e, "name", w);
            m.description = e.getAttribute("description");
            m.trls = trls(children, w);
            int childSeq = 0;
            for (Element x : children)
                if (x.getTagName().equals("menu")) {
                    Menu c = menu(x, m, childSeq);
                    m.children.add(c);
                    childSeq = c.seqNo + 1;
                }
        } else {
            need(children.isEmpty() && !e.hasAttribute("name") && !e.hasAttribute("description"),
                    w + ": a menu entry takes its name, description and translations from its window or process");
            m.name = m.window != null ? m.window.name : m.process.name;
            m.description = m.window != null ? m.window.description : m.process.description;
            m.trls = m.window != null ? m.window.trls : m.process.trls;
        }
        return m;
    }

    private void schedule(Element e) {
        String w = "<schedule name=\"" + e.getAttribute("name") + "\">", name = req(e, "name", w), cron = req(e, "cron", w);
        need(d.schedules.stream().noneMatch(x -> x.name().equals(name)), w + ": duplicate schedule");
        need(cron.trim().split("\\s+").length == 5, w + ": attribute 'cron' is a 5-field cron pattern (minute hour day month weekday)");
        kids(e, w);
        d.schedules.add(new Schedule(uuid(e, w), name, e.getAttribute("description"), cron, since(e, w, d.first())));
    }

    private void scheduler(Element e) {
        String w = "<scheduler name=\"" + e.getAttribute("name") + "\">", name = req(e, "name", w);
        AdProcess p = d.process(req(e, "process", w));
        need(p != null, w + ": attribute process=\"" + e.getAttribute("process") + "\" names no <process value=…>");
        Schedule sc = d.schedules.stream().filter(x -> x.name().equals(e.getAttribute("schedule"))).findFirst().orElse(null);
        need(sc != null, w + ": attribute schedule=\"" + e.getAttribute("schedule") + "\" names no <schedule>");
        String uuid = uuid(e, w), earliest = Dictionary.later(p.since, sc.since()), since = since(e, w, earliest);
        need(Dictionary.compare(since, earliest) >= 0, w + ": since is before its process's or schedule's");
        int supervisor = e.hasAttribute("supervisor") ? posInt(e, "supervisor", w) : 100;
        need(supervisor <= 999999, w + ": attribute 'supervisor' is an official AD_User_ID (100 = SuperUser)");
        int keep = e.hasAttribute("keepLogDays") ? posInt(e, "keepLogDays", w) : 7;
        List<SchedulerPara> params = new ArrayList<>();
        for (Element x : kids(e, w, "parameter")) {
            String pw = w + " <parameter column=\"" + x.getAttribute("column") + "\">", cn = req(x, "column", pw);
            Param pa = p.params.stream().filter(y -> y.element.columnName().equals(cn)).findFirst().orElse(null);
            need(pa != null, pw + ": process " + p.value + " has no such parameter");
            need(params.stream().noneMatch(y -> y.param() == pa), pw + ": duplicate parameter");
            need(Dictionary.compare(pa.since, since) <= 0, pw + ": the parameter is introduced after the scheduler");
            params.add(new SchedulerPara(pa, uuid(x, pw), req(x, "default", pw)));
        }
        d.schedulers.add(new Scheduler(uuid, name, e.getAttribute("description"), p, sc, yn(e, "active", false, w), supervisor, keep, since, params));
    }

    private void requiredPlugin(Element e) {
        String w = "<requiredPlugin>", plugin = e.hasAttribute("plugin") ? e.getAttribute("plugin") : d.pkg;
        String state = e.hasAttribute("state") ? e.getAttribute("state") : "ACTIVE";
        // Empty: the server only checks that the plugin is installed, whatever its state.
        need(state.isEmpty() || List.of("ACTIVE", "INSTALLED", "RESOLVED", "STARTING", "STOPPING", "UNINSTALLED", "UNKNOWN")
                .contains(state), w + ": attribute 'state' is empty or a PluginExpectedState (ACTIVE, RESOLVED, …)");
        kids(e, w);
        d.requiredPlugins.add(new RequiredPlugin(uuid(e, w), plugin, state, since(e, w, d.first())));
    }

    private void index(Table t, Element e) {
        String w = t.where() + " <index name=\"" + e.getAttribute("name") + "\">", name = ident(e, "name", w), since = since(e, w, t.since);
        need(d.tables.stream().flatMap(x -> x.indexes.stream()).noneMatch(i -> i.name().equalsIgnoreCase(name)), w + ": duplicate index name");
        need(!name.equalsIgnoreCase(t.name + "_Key"), w + ": " + t.name + "_Key is the name of the table's primary key constraint");
        need(Dictionary.compare(since, t.since) >= 0, w + ": since is before the table's since");
        List<IndexColumn> cols = new ArrayList<>();
        for (Element ic : kids(e, w, "indexColumn")) {
            String cw = w + " <indexColumn column=\"" + ic.getAttribute("column") + "\">";
            Column c = t.column(req(ic, "column", cw));
            need(c != null, cw + ": no such column in " + t.name);
            need(Dictionary.compare(c.since, since) <= 0, cw + ": the column is introduced after the index");
            cols.add(new IndexColumn(c, uuid(ic, cw)));
        }
        need(!cols.isEmpty(), w + ": an index needs at least one <indexColumn>");
        t.indexes.add(new Index(name, uuid(e, w), yn(e, "unique", false, w), since, cols));
    }

    /** FK type defaults: N (no action) towards our own tables, D (do not create) towards iDempiere's, which the sandbox lacks. */
    private void references(Column c) {
        String target = c.refTable();
        if (target == null) return;
        Table t = d.table(target);
        if (c.fk == null) c.fk = t != null ? "N" : "D";
        need(t != null || c.fk.equals("D"), c.where() + ": fk=\"" + c.fk + "\" towards " + target
                + " (not a dictionary table) cannot exist in the sandbox schema; use fk=\"D\"");
        need(t == null || t.name.equals(target), c.where() + ": the column name must spell the table name " + (t == null ? "" : t.name));
        need(t == null || Dictionary.compare(t.since, c.since) <= 0, c.where() + ": table " + target + " is introduced after the column");
    }

    private void warnUnused() {
        Set<Object> used = new HashSet<>();
        concat(concat(d.tables, d.hostTables), d.views).forEach(t -> t.columns.forEach(c -> { used.add(c.element); used.add(c.list); }));
        d.processes.forEach(p -> p.params.forEach(pa -> { used.add(pa.element); used.add(pa.list); }));
        d.elements.values().stream().filter(el -> !el.standard() && !used.contains(el))
                .forEach(el -> System.err.println("warning: <element columnName=\"" + el.columnName() + "\"> is used by no column"));
        d.lists.values().stream().filter(l -> !used.contains(l)).forEach(l -> System.err.println("warning: <list name=\"" + l.name() + "\"> is used by no column"));
    }

    /* ---- attribute helpers: every failure names the element and the attribute */

    private String req(Element e, String attr, String where) {
        String v = e.getAttribute(attr).trim();
        need(!v.isEmpty(), where + ": missing attribute '" + attr + "'");
        return v;
    }

    private String ident(Element e, String attr, String where) {
        String v = req(e, attr, where);
        need(IDENT_RE.matcher(v).matches(), where + ": attribute '" + attr + "' is not an identifier (letter, then letters, digits, _; at most 63)");
        return v;
    }

    private int posInt(Element e, String attr, String where) {
        String v = req(e, attr, where);
        need(v.matches("[1-9]\\d{0,8}"), where + ": attribute '" + attr + "' must be a positive number");
        return Integer.parseInt(v);
    }

    private String uuid(Element e, String where) { return uuid(e, "uuid", where); }

    private String uuid(Element e, String attr, String where) {
        String v = e.getAttribute(attr).trim();
        need(!v.isEmpty(), where + ": missing attribute '" + attr + "' (every record needs a fixed UUID)");
        need(UUID_RE.matcher(v).matches(), where + ": attribute " + attr + "=\"" + v + "\" is not a lower-case UUID");
        need(uuids.add(v), where + ": uuid " + v + " is used twice");
        return v;
    }

    /** The version named by attribute 'since', or dflt when there is none. */
    private String since(Element e, String where, String dflt) {
        if (!e.hasAttribute("since")) return dflt;
        String v = e.getAttribute("since").trim();
        need(VERSION_RE.matcher(v).matches(), where + ": attribute since=\"" + v + "\" is not a version x.y.z");
        return d.versions.stream().map(Version::id).filter(id -> Dictionary.compare(id, v) == 0).findFirst()
                .orElseThrow(() -> new DictionaryException(where + ": since=\"" + v + "\" is not declared in <versions>"));
    }

    private boolean yn(Element e, String attr, boolean dflt, String where) {
        if (!e.hasAttribute(attr)) return dflt;
        need(e.getAttribute(attr).matches("[YN]"), where + ": attribute '" + attr + "' must be Y or N");
        return e.getAttribute(attr).equals("Y");
    }

    /** Child elements; any tag not in 'allowed' or stray text fails (catches typos). */
    private List<Element> kids(Element parent, String where, String... allowed) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            need(n.getNodeType() != Node.TEXT_NODE || n.getTextContent().isBlank(), where + ": unexpected text '" + n.getTextContent().trim() + "'");
            if (n.getNodeType() != Node.ELEMENT_NODE) continue;
            Element e = (Element) n;
            need(List.of(allowed).contains(e.getTagName()), where + ": unexpected <" + e.getTagName() + "> (allowed: " + String.join(", ", allowed) + ")");
            out.add(e);
        }
        return out;
    }
}

/* ============================================================ PostgreSQL rules (iDempiere release-12, native mode) */

final class Sql {
    static final int MAX_NAME = 63; // AdempiereDatabase.MAX_OBJECT_NAME_LENGTH
    /** DisplayType.getSQLDataType with the PostgreSQL data type names of DB_PostgreSQL. */
    static String sqlType(Column c) {
        if (c.type.isId()) {
            if (c.name.endsWith("_ID") || c.name.endsWith("_ID_To") || c.name.endsWith("tedBy") || c.name.endsWith("_Acct")) return "NUMERIC(10)";
            return c.length < 4 ? "CHAR(" + c.length + ")" : "VARCHAR(" + c.length + ")";
        }
        return switch (c.type) {
            case Integer -> "NUMERIC(10)";
            case Date, DateTime -> "TIMESTAMP";
            case Number, Amount, CostPrice, Quantity -> "NUMERIC";
            case Text -> c.length >= 4000 ? "TEXT" : "VARCHAR(" + c.length + ")";
            case YesNo -> "CHAR(1)";
            case Button -> "CHAR(" + c.length + ")";    // DB_PostgreSQL: a Button not named *_ID is CHAR(FieldLength)
            case List -> c.length == 1 ? "CHAR(1)" : "VARCHAR(" + c.length + ")";
            default -> "VARCHAR(" + c.length + ")";     // String, UUID
        };
    }
    /** The column's DEFAULT expression as DB_PostgreSQL.getSQLDDL builds it, or null for none. SYSDATE becomes
     *  getDate() there; iDempiere's own PostgreSQL converter maps getDate() to statement_timestamp(), which the
     *  sandbox uses because it has no getDate() function. */
    static String dbDefault(Column c) {
        String v = c.defaultValue;
        if (v == null || v.isEmpty() || v.indexOf('@') >= 0 || (c.type.isId() && v.equals("-1"))) return null;
        if (c.type.quotesDefault() && !v.startsWith("'") && !v.endsWith("'")) v = "'" + v.replace("'", "''") + "'";
        if (v.equalsIgnoreCase("sysdate")) v = "statement_timestamp()";
        return v;
    }
    static String check(Column c) { return c.type == AdType.YesNo ? c.name + " IN ('Y','N')" : null; }
    /** DB_PostgreSQL.getSQLDDL: name type [NOT NULL] [CHECK] [DEFAULT x | DEFAULT NULL]. */
    static String columnDdl(Column c) {
        StringBuilder sb = new StringBuilder(c.name).append(' ').append(sqlType(c));
        if (c.mandatory) sb.append(" NOT NULL");
        if (check(c) != null) sb.append(" CHECK (").append(check(c)).append(')');
        String dv = dbDefault(c);
        if (dv != null) sb.append(" DEFAULT ").append(dv);
        else if (!c.mandatory) sb.append(" DEFAULT NULL");
        return sb.toString();
    }
    /** MColumn.getConstraint for the key column. */
    static String pkName(Table t) { return (t.name.length() > MAX_NAME - 4 ? t.name.substring(0, MAX_NAME - 4) : t.name) + "_Key"; }
    /** MTable.getUUIDIndexName. */
    static String uuIndexName(Table t) {
        String n = t.name + "_UU_idx";
        return n.length() > MAX_NAME ? (t.name + "_UU").substring(0, MAX_NAME - 5) + "uuidx" : n;
    }
    /** The index that MColumn.getConstraint already creates with the UU column. */
    static boolean isUuIndex(Index i, Table t) {
        return i.unique() && i.columns().size() == 1 && i.columns().get(0).column() == t.column(t.name + "_UU")
                && i.name().equalsIgnoreCase(uuIndexName(t));
    }
    /** Default FK constraint name of MColumn.getForeignKeyConstraint (we write it into AD_Column.FKConstraintName). */
    static String fkName(Column c) {
        String col = c.name.toUpperCase(Locale.ROOT).endsWith("_ID") ? c.name.substring(0, c.name.length() - 3) : c.name;
        String n = col.replace("_", "") + "_" + c.table.name.replace("_", "");
        return n.length() > MAX_NAME ? n.substring(0, MAX_NAME) : n;
    }
    static boolean hasFk(Column c, Dictionary d) { return c.refTable() != null && !c.fk.equals("D") && d.table(c.refTable()) != null; }
    static String onDelete(Column c) { return switch (c.fk) { case "C" -> "CASCADE"; case "S" -> "SET NULL"; default -> "NO ACTION"; }; }
    /** The FK MColumn.getForeignKeyConstraint creates (no action = no ON DELETE clause). */
    static String fkDdl(Column c) {
        return "ALTER TABLE " + c.table.name + " ADD CONSTRAINT " + fkName(c) + " FOREIGN KEY (" + c.name + ") REFERENCES " + c.refTable()
                + "(" + c.refTable() + "_ID)" + (c.fk.equals("N") ? "" : " ON DELETE " + onDelete(c)) + " DEFERRABLE INITIALLY DEFERRED";
    }
    /** MTableIndex.createDDL (unique: constraint, otherwise plain index). */
    static String indexDdl(Table t, Index i) {
        String cols = i.columns().stream().map(ic -> ic.column().name).collect(Collectors.joining(","));
        return i.unique() ? "ALTER TABLE " + t.name + " ADD CONSTRAINT " + i.name() + " UNIQUE (" + cols + ")"
                : "CREATE INDEX " + i.name() + " ON " + t.name + " (" + cols + ")";
    }
    /** The statement release-12's DatabaseViewValidate runs for a view with one component: the view's column list, then
     *  MViewComponent.getSelect ("SELECT <ColumnSQL> AS <ColumnName>, … <FromClause> <WhereClause> <OtherClause>"). */
    static String viewDdl(Table v) {
        StringBuilder sb = new StringBuilder("CREATE OR REPLACE VIEW ").append(v.name).append('(')
                .append(v.columns.stream().map(c -> c.name).collect(Collectors.joining(", "))).append(") AS SELECT ")
                .append(v.columns.stream().map(c -> c.sql + " AS " + c.name).collect(Collectors.joining(", "))).append(' ').append(v.from);
        if (v.whereClause != null) sb.append(' ').append(v.whereClause);
        if (v.other != null) sb.append(' ').append(v.other);
        return sb.toString();
    }
    /** A chart's SeriesColumn: the view's column, or the display column of the row it refers to (a scalar subquery). */
    static String seriesColumn(ChartSource s) {
        if (s.series() == null) return null;
        if (s.seriesDisplay() == null) return s.series().name;
        String ref = s.series().refTable();
        return "(SELECT " + ref + "." + s.seriesDisplay() + " FROM " + ref + " WHERE " + ref + "." + ref + "_ID=" + s.view().name + "." + s.series().name + ")";
    }
    /** AD_ViewColumn.DBDataType of a column (used by MViewComponent only when a column has no SQL). */
    static String dbDataType(Column c) {
        if (c.type.isId() || c.type == AdType.Integer) return "I";
        if (c.numeric()) return "N";
        if (c.type == AdType.Date || c.type == AdType.DateTime) return "T";
        if (c.type == AdType.YesNo) return "C";
        return "V";
    }
    /** MSequence.createTableSequence + DB_PostgreSQL.createSequence (native sequences), lower-case name. */
    static String sequenceName(Table t) { return t.name.toLowerCase(Locale.ROOT) + "_sq"; }
    /** The type as PostgreSQL's format_type() reports it. */
    static String pgType(String sqlType) {
        if (sqlType.equals("NUMERIC(10)")) return "numeric(10,0)";
        if (sqlType.equals("TIMESTAMP")) return "timestamp without time zone";
        return sqlType.toLowerCase(Locale.ROOT).replace("varchar", "character varying").replace("char(", "character(");
    }
}

/* ============================================================ sandbox migrations */

final class DdlWriter {
    static void write(Dictionary d, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Version v : d.versions) {
            StringBuilder sb = new StringBuilder();
            sb.append("-- iDempiere Subscriptions dictionary ").append(v.id()).append(": ").append(v.description()).append('\n')
              .append("-- Generated from 2pack/dictionary.xml by 2pack/src/Generate.java. Do not edit.\n")
              .append("-- Same tables, types, defaults and constraints as the 2Pack_").append(v.id()).append(".zip creates in iDempiere.\n\n");
            Predicate<String> isV = s -> s.equals(v.id());
            for (Table t : d.tables) {
                if (isV.test(t.since)) {
                    sb.append("CREATE TABLE ").append(t.name).append(" (\n");
                    for (Column c : t.columns) if (isV.test(c.since)) sb.append("    ").append(Sql.columnDdl(c)).append(",\n");
                    sb.append("    CONSTRAINT ").append(Sql.pkName(t)).append(" PRIMARY KEY (").append(t.name).append("_ID),\n")
                      .append("    CONSTRAINT ").append(Sql.uuIndexName(t)).append(" UNIQUE (").append(t.name).append("_UU)\n);\n\n");
                } else {
                    for (Column c : t.columns) if (isV.test(c.since))
                        sb.append("ALTER TABLE ").append(t.name).append(" ADD COLUMN ").append(Sql.columnDdl(c)).append(";\n");
                }
            }
            for (Table t : d.tables)
                for (Index i : t.indexes) if (isV.test(i.since()) && !Sql.isUuIndex(i, t)) sb.append(Sql.indexDdl(t, i)).append(";\n");
            for (Table t : d.tables)
                for (Column c : t.columns) if (isV.test(c.since) && Sql.hasFk(c, d)) sb.append(Sql.fkDdl(c)).append(";\n");
            for (Table t : d.tables)
                if (isV.test(t.since)) sb.append("CREATE SEQUENCE ").append(Sql.sequenceName(t))
                        .append(" INCREMENT BY 1 MINVALUE 1000000 MAXVALUE 2147483647 START WITH 1000000;\n");
            for (Table view : d.views)   // after every table: a view reads them
                if (isV.test(view.since)) sb.append('\n').append(Sql.viewDdl(view)).append(";\n");
            Files.writeString(dir.resolve("V" + v.id() + "__" + v.migration() + ".sql"), sb.toString(), StandardCharsets.UTF_8);
        }
    }
}

/* ============================================================ iDempiere 2Pack */

/** A lookup value in PackOut.xml: an official id (reference="id") or one of our UUIDs (reference="uuid"). */
record Ref(String table, Object key, boolean uuid) {
    static final Ref NONE = new Ref(null, null, false);                 // empty reference: <X reference="id"/>
    static Ref id(String table, Integer id) { return id == null ? NONE : new Ref(table, id, false); }
    static Ref uu(String table, String uuid) { return new Ref(table, uuid, true); }
}

final class PackOutWriter {
    /** UUID of the System tenant as PackOut writes it in the header (PackIn does not read it). */
    static final String SYSTEM_CLIENT_UU = "11237b53-9592-4af1-b3c5-afd216514b5d";
    private final Dictionary d;
    private final Document doc;

    private PackOutWriter(Dictionary d, Document doc) { this.d = d; this.doc = doc; }

    static void write(Dictionary d, Path dir) throws Exception {
        Files.createDirectories(dir);
        for (Version v : d.versions) {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            doc.setXmlStandalone(true);
            new PackOutWriter(d, doc).build(v);
            Transformer tf = TransformerFactory.newInstance().newTransformer();   // UTF-8, indented (JDK default: 4)
            tf.setOutputProperty(OutputKeys.INDENT, "yes");
            StringWriter xml = new StringWriter();
            tf.transform(new DOMSource(doc), new StreamResult(xml));
            // one folder holding dict/PackOut.xml; PackIn takes the folder from the zip's first entry (Zipper.getParentDir)
            String folder = d.pkg + "_" + v.id() + "/";
            try (OutputStream os = Files.newOutputStream(dir.resolve("2Pack_" + v.id() + ".zip"));
                 ZipOutputStream zip = new ZipOutputStream(os)) {
                for (String name : List.of(folder, folder + "dict/", folder + "dict/PackOut.xml")) {
                    ZipEntry ze = new ZipEntry(name);
                    ze.setTimeLocal(LocalDate.parse(v.date()).atStartOfDay()); // reproducible bytes
                    zip.putNextEntry(ze);
                    if (name.endsWith(".xml")) zip.write(xml.toString().getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
        }
    }

    /** The records introduced by version v, parents before children (PackInHandler processes in document order). */
    private void build(Version v) {
        Element root = doc.createElement("idempiere");
        doc.appendChild(root);
        String stamp = v.date() + " 00:00:00.0"; // java.sql.Timestamp.toString() form, as PackOut writes it
        String[] header = { "Name", d.pkg, "Version", v.id(), "idempiereVersion", "", "DataBaseVersion", "",
                "Description", v.description(), "Author", "", "AuthorEmail", "", "CreatedDate", stamp, "UpdatedDate", stamp,
                "PackOutVersion", "100", "UpdateDictionary", "false", "Client", "0-SYSTEM-System", "AD_Client_UU", SYSTEM_CLIENT_UU };
        for (int i = 0; i < header.length; i += 2) root.setAttribute(header[i], header[i + 1]);
        String id = v.id();
        String et = d.entityType;
        if (id.equals(d.first()))
            record(root, "AD_EntityType", "EntityType", et, "IsActive", true, "Name", d.entity.name(), "Description", d.entity.description(),
                    "Help", null, "Version", id, "ModelPackage", d.entity.modelPackage(), "Classpath", null, "Processing", false,
                    "AD_EntityType_UU", d.entity.uuid());
        for (Elem e : d.elements.values())
            if (!e.standard() && e.since().equals(id)) {
                Element r = record(root, "AD_Element", "IsActive", true, "ColumnName", e.columnName(), "Name", e.name(), "Description", e.description(),
                        "Help", e.help(), "PrintName", e.printName(), "EntityType", et, "AD_Element_UU", e.uuid());
                for (Trl t : e.trls())
                    trl(r, "AD_Element_Trl", t, "Description", t.description(), "Help", t.help(), "Name", t.name(), "PO_Description", null,
                            "PO_Help", null, "PO_Name", null, "PO_PrintName", null, "Placeholder", null, "PrintName", t.printName());
            }
        for (RefList l : d.lists.values()) {
            Element parent = root;
            if (l.since().equals(id))
                parent = record(root, "AD_Reference", "Name", l.name(), "Description", l.description(), "Help", null, "ValidationType", "L",
                        "IsActive", true, "VFormat", null, "EntityType", et, "IsOrderByValue", false, "AD_Reference_UU", l.uuid(),
                        "AD_Element_ID", Ref.NONE, "ShowInactive", false);
            for (RefValue rv : l.values())  // values added later to an existing list go to the top level
                if (rv.since().equals(id)) {
                    Element r = record(parent, "AD_Ref_List", "Name", rv.name(), "Description", rv.description(),
                            "AD_Reference_ID", Ref.uu("AD_Reference", l.uuid()), "ValidFrom", null, "ValidTo", null, "Value", rv.value(),
                            "IsActive", true, "EntityType", et, "AD_Ref_List_UU", rv.uuid());
                    for (Trl t : rv.trls()) trl(r, "AD_Ref_List_Trl", t, "Description", t.description(), "Name", t.name());
                }
        }
        // Processes before the tables: a Button column refers to the process it starts (AD_Column.AD_Process_ID).
        for (AdProcess p : d.processes) {
            if (p.reportView != null) continue;   // reports: after the views they show
            Element parent = root;
            if (p.since.equals(id)) {
                parent = record(root, "AD_Process", "IsActive", true, "Name", p.name, "Description", p.description, "Help", p.help,
                        "ProcedureName", null, "IsReport", false, "Value", p.value, "IsDirectPrint", false, "AD_ReportView_ID", Ref.NONE,
                        "Classname", p.classname, "AccessLevel", p.accessLevel, "EntityType", et, "Statistic_Count", 0, "Statistic_Seconds", 0,
                        "AD_PrintFormat_ID", Ref.NONE, "WorkflowValue", null, "AD_Workflow_ID", Ref.NONE, "IsBetaFunctionality", false,
                        "ShowHelp", "Y", "JasperReport", null, "AD_Form_ID", Ref.NONE, "CopyFromProcess", false, "AD_Process_UU", p.uuid,
                        "AD_CtxHelp_ID", Ref.NONE, "ExecutionType", null, "AllowMultipleExecution", "P", "FileNamePattern", null);
                for (Trl t : p.trls) trl(parent, "AD_Process_Trl", t, "Description", t.description(), "Help", t.help(), "Name", t.name());
            }
            for (Param pa : p.params) if (pa.since.equals(id)) param(parent, pa);
        }
        // Windows before the tables, so AD_Table.AD_Window_ID resolves on the first pass (PackIn defers a record
        // whose reference is not found yet); their tabs come after the tables and columns they show.
        for (Window w : d.windows)
            if (w.since.equals(id)) {
                Element r = record(root, "AD_Window", "Name", w.name, "Description", w.description, "Help", w.help, "IsActive", true,
                        "WindowType", w.windowType, "Processing", false, "AD_Color_ID", Ref.NONE, "AD_Image_ID", Ref.NONE, "EntityType", et,
                        "IsSOTrx", w.soTrx, "IsDefault", false, "WinHeight", null, "WinWidth", null, "IsBetaFunctionality", false,
                        "AD_Window_UU", w.uuid, "TitleLogic", null, "PredefinedContextVariables", null);
                for (Trl t : w.trls) trl(r, "AD_Window_Trl", t, "Description", t.description(), "Help", t.help(), "Name", t.name());
            }
        for (Table t : d.tables) {
            Element parent = root;                               // later columns of an existing table go to the top level
            if (t.since.equals(id))
                parent = table(root, t, t.window != null && Dictionary.compare(t.window.since, id) <= 0);
            else if (t.window != null && t.window.since.equals(id) && Dictionary.compare(t.since, id) < 0)
                table(root, t, true);                            // the table's window is newer than the table: set AD_Window_ID now
            for (Column c : t.columns) if (c.since.equals(id)) column(parent, c);
            for (Index i : t.indexes) if (i.since().equals(id)) index(parent, t, i);
        }
        // columns on iDempiere's tables: top level, AD_Table_ID by official id; ColumnElementHandler adds them to the table
        for (Table t : d.hostTables) for (Column c : t.columns) if (c.since.equals(id)) column(root, c);
        // views after every table they read: TableElementHandler.endElement creates the view from its component
        for (Table view : d.views) if (view.since.equals(id)) view(root, view);
        for (AdProcess p : d.processes) if (p.reportView != null && p.since.equals(id)) report(root, p);
        for (Window w : d.windows)
            for (Tab tab : w.tabs) {
                Element parent = root;                           // later fields of an existing tab go to the top level
                if (tab.since.equals(id)) parent = tab(root, tab);
                for (Field f : tab.fields) if (f.since.equals(id)) field(parent, f);
            }
        for (Tab tab : d.hostTabs) for (Field f : tab.fields) if (f.since.equals(id)) field(root, f);
        for (Menu m : d.menus) menu(root, m, null, id);
        for (Chart ch : d.charts) if (ch.since().equals(id)) chart(root, ch);
        for (Schedule sc : d.schedules)
            if (sc.since().equals(id))   // AD_Schedule has no EntityType: GenericPOElementHandler always applies it
                record(root, "AD_Schedule", "AD_Schedule_UU", sc.uuid(), "Name", sc.name(), "Description", sc.description(), "IsActive", true,
                        "ScheduleType", "C", "CronPattern", sc.cron(), "Frequency", null, "FrequencyType", null, "MonthDay", null,
                        "WeekDay", null, "IsIgnoreProcessingTime", false, "IsSystemSchedule", false, "RunOnlyOnIP", null);
        for (Scheduler sc : d.schedulers) {
            Element parent = root;
            if (sc.since().equals(id))
                parent = record(root, "AD_Scheduler", "Supervisor_ID", Ref.id("AD_User", sc.supervisor()), "IsActive", sc.active(),
                        "Processing", false, "AD_Process_ID", Ref.uu("AD_Process", sc.process().uuid), "Description", sc.description(),
                        "Name", sc.name(), "KeepLogDays", sc.keepLogDays(), "AD_Table_ID", Ref.NONE, "AD_Scheduler_UU", sc.uuid(),
                        "AD_Schedule_ID", Ref.uu("AD_Schedule", sc.schedule().uuid()), "R_MailText_ID", Ref.NONE, "ReportOutputType", null,
                        "AD_PrintFormat_ID", Ref.NONE, "SchedulerState", null);
            for (SchedulerPara sp : sc.params())
                if (Dictionary.later(sc.since(), sp.param().since).equals(id))
                    record(parent, "AD_Scheduler_Para", "AD_Scheduler_ID", Ref.uu("AD_Scheduler", sc.uuid()),
                            "AD_Process_Para_ID", Ref.uu("AD_Process_Para", sp.param().uuid), "AD_Scheduler_Para_UU", sp.uuid(),
                            "Description", null, "IsActive", true, "ParameterDefault", sp.defaultValue(), "ParameterToDefault", null);
        }
        for (RequiredPlugin rp : d.requiredPlugins)
            if (rp.since().equals(id))   // AD_RequiredPlugin (release-12, IDEMPIERE-6471): UUID-keyed, System only
                record(root, "AD_RequiredPlugin", "AD_RequiredPlugin_UU", rp.uuid(), "EntityType", et, "IsActive", true,
                        "PluginExpectedState", rp.state(), "PluginName", rp.plugin());
    }

    /** AD_Table IsView=Y with its columns, then its AD_ViewComponent and AD_ViewColumns, nested as TableElementHandler
     *  packs a view out: when PackIn ends the AD_Table element it runs DatabaseViewValidate (CREATE OR REPLACE VIEW). */
    private void view(Element root, Table v) {
        Element r = record(root, "AD_Table", "Name", v.title, "Description", v.description, "Help", null,
                "AD_Window_ID", Ref.NONE, "AD_Val_Rule_ID", Ref.NONE, "TableName", v.name, "LoadSeq", 0,
                "AccessLevel", v.accessLevel, "IsActive", true, "IsSecurityEnabled", false, "IsDeleteable", false,
                "IsHighVolume", false, "IsView", true, "EntityType", d.entityType, "ImportTable", false, "IsChangeLog", false,
                "ReplicationType", "L", "PO_Window_ID", Ref.NONE, "CopyColumnsFromTable", false, "IsCentrallyMaintained", true,
                "AD_Table_UU", v.uuid, "Processing", false, "DatabaseViewDrop", false, "CopyComponentsFromView", false,
                "CreateWindowFromTable", false, "IsShowInDrillOptions", false, "IsPartition", false, "CreatePartition", false);
        for (Column c : v.columns) column(r, c);
        Element vc = record(r, "AD_ViewComponent", "Name", v.name, "Description", v.description, "Help", null,
                "AD_Table_ID", Ref.uu("AD_Table", v.uuid), "FromClause", v.from, "WhereClause", v.whereClause, "OtherClause", v.other,
                "IsDistinct", false, "IsUnionAll", false, "Referenced_Table_ID", Ref.NONE, "SeqNo", 10, "EntityType", d.entityType,
                "IsActive", true, "AD_ViewComponent_UU", v.componentUuid);
        int seq = 10;
        for (Column c : v.columns) {
            record(vc, "AD_ViewColumn", "AD_ViewComponent_ID", Ref.uu("AD_ViewComponent", v.componentUuid), "ColumnName", c.name,
                    "ColumnSQL", c.sql, "DBDataType", Sql.dbDataType(c), "Description", null, "Help", null, "EntityType", d.entityType,
                    "IsActive", true, "SeqNo", seq, "AD_ViewColumn_UU", c.viewColumnUuid);
            seq += 10;
        }
    }

    /** AD_ReportView over a view, then the report process that prints it (ProcessElementHandler reads AD_ReportView_ID). */
    private void report(Element root, AdProcess p) {
        record(root, "AD_ReportView", "Name", p.value, "Description", p.description, "AD_Table_ID", Ref.uu("AD_Table", p.reportView.uuid),
                "WhereClause", null, "OrderByClause", p.orderBy.isEmpty() ? null : p.orderBy, "EntityType", d.entityType, "IsActive", true,
                "AD_ReportView_UU", p.reportViewUuid);
        Element r = record(root, "AD_Process", "IsActive", true, "Name", p.name, "Description", p.description, "Help", p.help,
                "ProcedureName", null, "IsReport", true, "Value", p.value, "IsDirectPrint", false,
                "AD_ReportView_ID", Ref.uu("AD_ReportView", p.reportViewUuid), "Classname", null, "AccessLevel", p.accessLevel,
                "EntityType", d.entityType, "Statistic_Count", 0, "Statistic_Seconds", 0, "AD_PrintFormat_ID", Ref.NONE, "WorkflowValue", null,
                "AD_Workflow_ID", Ref.NONE, "IsBetaFunctionality", false, "ShowHelp", "Y", "JasperReport", null, "AD_Form_ID", Ref.NONE,
                "CopyFromProcess", false, "AD_Process_UU", p.uuid, "AD_CtxHelp_ID", Ref.NONE, "ExecutionType", null,
                "AllowMultipleExecution", "P", "FileNamePattern", null);
        for (Trl t : p.trls) trl(r, "AD_Process_Trl", t, "Description", t.description(), "Help", t.help(), "Name", t.name());
    }

    /** AD_Chart with its AD_ChartDatasource children and translations, then the PA_DashboardContent showing it: System
     *  content, IsShowinLogin=N, so nobody sees it until an administrator gives a role (or user) access to it
     *  (PA_DashboardContent_Access, MDashboardContentAccess.get). */
    private void chart(Element root, Chart ch) {
        Element r = record(root, "AD_Chart", "Name", ch.name(), "Description", ch.description(), "ChartType", ch.type(),
                "ChartOrientation", "V", "DomainLabel", ch.domainLabel(), "RangeLabel", ch.rangeLabel(), "IsDisplayLegend", true,
                "IsTimeSeries", true, "TimeScope", ch.timeScope(), "TimeUnit", ch.timeUnit(), "WinHeight", ch.winHeight(),
                "EntityType", d.entityType, "IsActive", true, "AD_Chart_UU", ch.uuid());
        for (Trl t : ch.trls()) trl(r, "AD_Chart_Trl", t, "Description", t.description(), "Name", t.name());
        for (ChartSource s : ch.sources())
            record(r, "AD_ChartDatasource", "Name", s.name(), "Description", s.description(), "AD_Chart_ID", Ref.uu("AD_Chart", ch.uuid()),
                    "AD_Table_ID", Ref.uu("AD_Table", s.view().uuid), "FromClause", s.view().name, "WhereClause", s.whereClause(),
                    "ValueColumn", "SUM(" + s.value().name + ")", "CategoryColumn", s.date().name, "DateColumn", s.date().name,
                    "SeriesColumn", Sql.seriesColumn(s), "KeyColumn", s.view().name + "_UU", "TimeOffset", 0,
                    "EntityType", d.entityType, "IsActive", true, "AD_ChartDatasource_UU", s.uuid());
        Dashboard dash = ch.dashboard();
        if (dash != null) {
            Element c = record(root, "PA_DashboardContent", "Name", ch.name(), "Description", ch.description(), "Help", null,
                    "AD_Chart_ID", Ref.uu("AD_Chart", ch.uuid()), "ColumnNo", dash.columnNo(), "Line", dash.line(), "IsActive", true,
                    "IsCollapsible", true, "IsCollapsedByDefault", false, "IsMaximizable", true, "IsShowInDashboard", true,
                    "IsShowinLogin", false, "IsShowTitle", true, "IsEmbedReportContent", false, "GoalDisplay", null,
                    "AD_Window_ID", Ref.NONE, "AD_Process_ID", Ref.NONE, "AD_PrintFormat_ID", Ref.NONE, "PA_Goal_ID", Ref.NONE,
                    "AD_Role_ID", Ref.NONE, "AD_User_ID", Ref.NONE, "AD_StatusLine_ID", Ref.NONE, "HTML", null, "ZulFilePath", null,
                    "ProcessParameters", null, "PA_DashboardContent_UU", dash.uuid());
            for (Trl t : ch.trls()) trl(c, "PA_DashboardContent_Trl", t, "Description", t.description(), "Name", t.name());
        }
    }

    private Element table(Element parent, Table t, boolean withWindow) {
        return record(parent, "AD_Table", "Name", t.title, "Description", t.description, "Help", null,
                "AD_Window_ID", withWindow ? Ref.uu("AD_Window", t.window.uuid) : Ref.NONE, "AD_Val_Rule_ID", Ref.NONE, "TableName", t.name, "LoadSeq", 0,
                "AccessLevel", t.accessLevel, "IsActive", true, "IsSecurityEnabled", false, "IsDeleteable", t.deleteable,
                "IsHighVolume", t.highVolume, "IsView", false, "EntityType", d.entityType, "ImportTable", false, "IsChangeLog", true,
                "ReplicationType", "L", "PO_Window_ID", Ref.NONE, "CopyColumnsFromTable", false, "IsCentrallyMaintained", true,
                "AD_Table_UU", t.uuid, "Processing", false, "DatabaseViewDrop", false, "CopyComponentsFromView", false,
                "CreateWindowFromTable", false, "IsShowInDrillOptions", false, "IsPartition", false, "CreatePartition", false);
    }

    private Element tab(Element parent, Tab tab) {
        Element r = record(parent, "AD_Tab", "Name", tab.name, "Description", tab.description, "Help", tab.help,
                "AD_Window_ID", Ref.uu("AD_Window", tab.window.uuid), "SeqNo", tab.seqNo, "IsSingleRow", tab.singleRow,
                "AD_Table_ID", Ref.uu("AD_Table", tab.table.uuid), "IsActive", true, "HasTree", false, "IsInfoTab", false,
                "IsTranslationTab", false, "IsReadOnly", tab.readOnly, "AD_Column_ID", tab.link == null ? Ref.NONE : Ref.uu("AD_Column", tab.link.uuid),
                "WhereClause", tab.whereClause, "OrderByClause", tab.orderBy, "CommitWarning", null, "AD_Process_ID", Ref.NONE,
                "Processing", false, "AD_Image_ID", Ref.NONE, "ImportFields", null, "TabLevel", tab.level, "IsSortTab", false,
                "AD_ColumnSortYesNo_ID", Ref.NONE, "AD_ColumnSortOrder_ID", Ref.NONE, "EntityType", d.entityType, "Included_Tab_ID", Ref.NONE,
                "ReadOnlyLogic", null, "DisplayLogic", null, "IsInsertRecord", tab.insert, "IsAdvancedTab", false, "Parent_Column_ID", Ref.NONE,
                "AD_Tab_UU", tab.uuid, "AD_CtxHelp_ID", Ref.NONE, "TreeDisplayedOn", "B", "AD_TabType", null, "IsLookupOnlySelection", false,
                "IsAllowAdvancedLookup", true, "MaxQueryRecords", 0, "IsHighVolume", null, "DeleteConfirmationLogic", null);
        for (Trl t : tab.trls)
            trl(r, "AD_Tab_Trl", t, "CommitWarning", null, "Description", t.description(), "Help", t.help(), "Name", t.name());
        return r;
    }

    /** IsCentrallyMaintained=Y: MField.beforeSave copies Name, Description and Help from the column's element, so the
     *  field's texts and translations are the element's. Y/N/empty list columns (IsMandatory, IsUpdateable, …) stay
     *  empty: the column decides. */
    private void field(Element parent, Field f) {
        Elem e = f.column.element;
        Element r = record(parent, "AD_Field", "Name", e.name(), "Description", e.description(), "Help", e.help(),
                "AD_Tab_ID", f.tab.window == null ? Ref.id("AD_Tab", f.tab.hostId) : Ref.uu("AD_Tab", f.tab.uuid),
                "AD_Column_ID", Ref.uu("AD_Column", f.column.uuid), "IsDisplayed", f.displayed, "DisplayLogic", f.displayLogic,
                "DisplayLength", f.column.length, "SeqNo", f.seqNo, "SortNo", null, "IsSameLine", false, "IsHeading", false,
                "IsFieldOnly", false, "IsEncrypted", false, "IsActive", true, "IsReadOnly", f.readOnly, "IsCentrallyMaintained", true,
                "AD_FieldGroup_ID", Ref.NONE, "EntityType", d.entityType, "ObscureType", null, "AD_Reference_ID", Ref.NONE, "IsMandatory", null,
                "DefaultValue", null, "AD_Reference_Value_ID", Ref.NONE, "AD_Val_Rule_ID", Ref.NONE, "Included_Tab_ID", Ref.NONE,
                "AD_Field_UU", f.uuid, "IsAllowCopy", null, "IsDisplayedGrid", f.grid, "SeqNoGrid", f.grid ? f.seqNo : null,
                "XPosition", f.x, "ColumnSpan", f.span, "NumLines", f.lines, "IsQuickEntry", false, "IsUpdateable", null,
                "IsAlwaysUpdateable", null, "MandatoryLogic", null, "ReadOnlyLogic", f.readOnlyLogic, "IsToolbarButton", null,
                "IsDefaultFocus", false, "IsAdvancedField", false, "VFormat", null, "AD_LabelStyle_ID", Ref.NONE, "AD_FieldStyle_ID", Ref.NONE,
                "IsQuickForm", false, "Placeholder", null, "IsSelectionColumn", null, "AD_Val_Rule_Lookup_ID", Ref.NONE, "ColumnSQL", null,
                "AD_Chart_ID", Ref.NONE, "AlwaysUpdatableLogic", null, "IsHtml", null);
        for (Trl t : e.trls())
            if (d.languages.contains(t.lang()))
                trl(r, "AD_Field_Trl", t, "Description", t.description(), "Help", t.help(), "Name", t.name(), "Placeholder", null);
    }

    private void param(Element parent, Param pa) {
        Elem e = pa.element;
        Element r = record(parent, "AD_Process_Para", "IsActive", true, "Name", e.name(), "Description", e.description(), "Help", e.help(),
                "AD_Process_ID", Ref.uu("AD_Process", pa.process.uuid), "SeqNo", pa.seqNo, "AD_Reference_ID", Ref.id("AD_Reference", pa.type.id),
                "AD_Reference_Value_ID", pa.list != null ? Ref.uu("AD_Reference", pa.list.uuid()) : Ref.id("AD_Reference", pa.ref == null ? null : pa.ref.id()),
                "IsRange", false, "AD_Val_Rule_ID", Ref.NONE, "FieldLength", pa.length, "IsMandatory", pa.mandatory,
                "DefaultValue", pa.defaultValue, "VFormat", null, "ValueMin", null, "ValueMax", null, "ColumnName", e.columnName(),
                "DefaultValue2", null, "IsCentrallyMaintained", true, "EntityType", d.entityType,
                "AD_Element_ID", e.standard() ? Ref.id("AD_Element", e.id()) : Ref.uu("AD_Element", e.uuid()), "ReadOnlyLogic", null,
                "DisplayLogic", pa.displayLogic, "AD_Process_Para_UU", pa.uuid, "IsEncrypted", false, "MandatoryLogic", pa.mandatoryLogic, "Query", null,
                "AD_FieldGroup_ID", Ref.NONE, "Placeholder", null, "Placeholder2", null, "IsAutocomplete", false, "DateRangeOption", "D",
                "IsShowNegateButton", false);
        for (Trl t : e.trls())
            if (d.languages.contains(t.lang()))
                trl(r, "AD_Process_Para_Trl", t, "Description", t.description(), "Help", t.help(), "Name", t.name(),
                        "Placeholder", null, "Placeholder2", null);
    }

    /** AD_Menu as MenuElementHandler reads it: Parent_ID (our folder by UUID; absent: the root) and SeqNo place the
     *  node in the System menu tree (AD_TreeNodeMM); entries are nested in their folder, which PackIn saves first. */
    private void menu(Element parent, Menu m, Menu folder, String id) {
        Element here = parent;
        if (m.since.equals(id)) {
            List<Object> cols = new ArrayList<>();
            if (folder != null) cols.addAll(List.of("Parent_ID", Ref.uu("AD_Menu", folder.uuid)));
            cols.addAll(Arrays.asList("SeqNo", m.seqNo, "Name", m.name, "Description", m.description,
                    "Action", m.window != null ? "W" : m.process != null ? (m.process.reportView != null ? "R" : "P") : null,
                    "AD_Window_ID", m.window != null ? Ref.uu("AD_Window", m.window.uuid) : Ref.NONE, "AD_Workflow_ID", Ref.NONE,
                    "AD_Task_ID", Ref.NONE, "IsActive", true, "IsSummary", m.summary(),
                    "AD_Process_ID", m.process != null ? Ref.uu("AD_Process", m.process.uuid) : Ref.NONE, "IsSOTrx", true,
                    "AD_Form_ID", Ref.NONE, "IsReadOnly", false, "EntityType", d.entityType, "IsCentrallyMaintained", !m.summary(),
                    "AD_Menu_UU", m.uuid, "AD_InfoWindow_ID", Ref.NONE, "PredefinedContextVariables", null));
            here = record(parent, "AD_Menu", cols.toArray());
            for (Trl t : m.trls) trl(here, "AD_Menu_Trl", t, "Description", t.description(), "Name", t.name());
        }
        for (Menu c : m.children) menu(here, c, m, id);
    }

    private void column(Element parent, Column c) {
        Ref valueRef = c.list != null ? Ref.uu("AD_Reference", c.list.uuid()) : Ref.id("AD_Reference", c.ref == null ? null : c.ref.id());
        Ref table = c.table.host ? Ref.id("AD_Table", c.table.adId) : Ref.uu("AD_Table", c.table.uuid);
        Ref element = c.element.standard() ? Ref.id("AD_Element", c.element.id()) : Ref.uu("AD_Element", c.element.uuid());
        boolean standard = c.key || c.type == AdType.UUID || DictionaryReader.STANDARD.contains(c.name);
        record(parent, "AD_Column", "IsSyncDatabase", !c.table.view,   // iDempiere creates/alters the database column (a view's: the view)
                "AD_Table_ID", table, "AD_Reference_Value_ID", valueRef, "Version", 0,
                "Name", c.element.name(), "Description", c.element.description(), "Help", c.element.help(),
                "AD_Val_Rule_ID", Ref.id("AD_Val_Rule", c.valRule),
                "ColumnName", c.name, "DefaultValue", c.defaultValue, "MandatoryLogic", c.mandatoryLogic, "FieldLength", c.length, "IsKey", c.key, "IsParent", c.parent,
                "IsMandatory", c.mandatory, "IsTranslated", false, "IsIdentifier", c.identifierSeq > 0,
                "SeqNo", c.identifierSeq > 0 ? c.identifierSeq : null, "IsEncrypted", false,
                "AD_Reference_ID", Ref.id("AD_Reference", c.type.id), "IsActive", true, "AD_Element_ID", element,
                "IsUpdateable", c.updateable && !c.key && !c.parent,
                "AD_Process_ID", c.process != null ? Ref.uu("AD_Process", c.process.uuid) : Ref.NONE, "IsSelectionColumn", false,
                "EntityType", d.entityType, "IsAlwaysUpdateable", false, "IsAutocomplete", false, "IsAllowLogging", true,
                "AD_Column_UU", c.uuid, "IsAllowCopy", !standard, "IsToolbarButton", false, "IsSecure", false,
                "FKConstraintName", Sql.hasFk(c, d) ? Sql.fkName(c) : null, "FKConstraintType", c.refTable() == null ? null : c.fk,
                "IsHtml", false, "IsPartitionKey", false);
    }

    private void index(Element parent, Table t, Index i) {
        Element r = record(parent, "AD_TableIndex", "AD_TableIndex_UU", i.uuid(), "Description", null, "EntityType", d.entityType,
                "IsActive", true, "Name", i.name(), "AD_Table_ID", Ref.uu("AD_Table", t.uuid), "Help", null,
                "IsCreateConstraint", i.unique(), "IsUnique", i.unique(), "Processing", false, "AD_Message_ID", Ref.NONE, "IsKey", false);
        int seq = 10;
        for (IndexColumn ic : i.columns()) {  // nested: TableIndexElementHandler validates the index after its columns
            record(r, "AD_IndexColumn", "AD_IndexColumn_UU", ic.uuid(), "EntityType", d.entityType, "IsActive", true,
                    "AD_Column_ID", Ref.uu("AD_Column", ic.column().uuid), "AD_TableIndex_ID", Ref.uu("AD_TableIndex", i.uuid()),
                    "ColumnSQL", null, "SeqNo", seq);
            seq += 10;
        }
    }

    /** One record: <TableName type="table"> with a child per column (the shape PoExporter writes and PoFiller reads).
     *  Values: Boolean -> Y/N, Ref -> reference attributes, null -> empty element. AD_Client_ID/AD_Org_ID are 0 (System). */
    private Element record(Element parent, String tableName, Object... columns) {
        Element r = doc.createElement(tableName);
        r.setAttribute("type", "table");
        parent.appendChild(r);
        List<Object> all = new ArrayList<>(List.of("AD_Client_ID", 0, "AD_Org_ID", 0));
        all.addAll(Arrays.asList(columns));
        return fill(r, all);
    }

    /** One translation of the parent record: <X_Trl type="translation"> with the translated columns of X, AD_Language,
     *  IsActive and IsTranslated (the shape CommonTranslationHandler writes and reads back; PackIn applies it only when
     *  the SysConfig 2PACK_HANDLE_TRANSLATIONS is Y and the language is a system language). */
    private void trl(Element parent, String trlTable, Trl t, Object... columns) {
        Element r = doc.createElement(trlTable);
        r.setAttribute("type", "translation");
        parent.appendChild(r);
        List<Object> all = new ArrayList<>(Arrays.asList(columns));
        all.addAll(List.of("AD_Language", t.lang(), "IsActive", true, "IsTranslated", true));
        fill(r, all);
    }

    private Element fill(Element r, List<Object> all) {
        for (int i = 0; i < all.size(); i += 2) {
            Element e = doc.createElement((String) all.get(i));
            Object v = all.get(i + 1);
            if (v instanceof Ref ref) {
                e.setAttribute("reference", ref.uuid() ? "uuid" : "id");
                if (ref.key() != null) { e.setAttribute("reference-key", ref.table()); e.setTextContent(ref.key().toString()); }
            } else if (v instanceof Boolean b) e.setTextContent(b ? "Y" : "N");
            else if (v != null && !v.toString().isEmpty()) e.setTextContent(v.toString());
            r.appendChild(e);
        }
        return r;
    }
}

/* ============================================================ schema description for tests */

final class SchemaJson {
    /** The whole schema (all versions) as PostgreSQL reports it: lower-case names, format_type() types. */
    static void write(Dictionary d, Path file) throws IOException {
        List<Object> tables = new ArrayList<>();
        for (Table t : d.tables) {
            List<Object> cols = new ArrayList<>(), unique = new ArrayList<>(), plain = new ArrayList<>(), fks = new ArrayList<>();
            for (Column c : t.columns) {
                cols.add(obj("name", lc(c.name), "adName", c.name, "adType", c.type.name(), "sqlType", Sql.sqlType(c),
                        "pgType", Sql.pgType(Sql.sqlType(c)), "nullable", !c.mandatory, "default", Sql.dbDefault(c),
                        "check", Sql.check(c), "since", c.since));
                if (Sql.hasFk(c, d))
                    fks.add(obj("name", lc(Sql.fkName(c)), "columns", List.of(lc(c.name)), "references", lc(c.refTable()),
                            "referencedColumns", List.of(lc(c.refTable() + "_ID")), "onDelete", Sql.onDelete(c), "deferrable", true));
            }
            if (t.indexes.stream().noneMatch(i -> Sql.isUuIndex(i, t)))  // MColumn.getConstraint creates it with the UU column
                unique.add(obj("name", lc(Sql.uuIndexName(t)), "columns", List.of(lc(t.name + "_UU")), "since", t.since));
            for (Index i : t.indexes)
                (i.unique() ? unique : plain).add(obj("name", lc(i.name()), "columns",
                        i.columns().stream().map(ic -> lc(ic.column().name)).collect(Collectors.toList()), "since", i.since()));
            tables.add(obj("name", lc(t.name), "adName", t.name, "since", t.since,
                    "primaryKey", obj("name", lc(Sql.pkName(t)), "columns", List.of(lc(t.name + "_ID"))),
                    "sequence", obj("name", Sql.sequenceName(t), "start", 1000000),
                    "columns", cols, "uniqueIndexes", unique, "indexes", plain, "foreignKeys", fks));
        }
        // Columns we add to iDempiere's tables (M_Product, …): in the 2Pack only. The sandbox has no such table, so
        // the migrations have no DDL for them; listed apart so that "tables" stays exactly the sandbox schema.
        List<Object> hostColumns = new ArrayList<>();
        for (Table t : d.hostTables)
            for (Column c : t.columns)
                hostColumns.add(obj("table", lc(t.name), "adTable", t.name, "adTableId", t.adId, "name", lc(c.name), "adName", c.name,
                        "adType", c.type.name(), "sqlType", Sql.sqlType(c), "nullable", !c.mandatory, "default", Sql.dbDefault(c),
                        "check", Sql.check(c), "since", c.since));
        List<Object> views = new ArrayList<>();
        for (Table v : d.views)
            views.add(obj("name", lc(v.name), "adName", v.name, "since", v.since, "columns", v.columns.stream()
                    .map(c -> obj("name", lc(c.name), "adName", c.name, "adType", c.type.name())).collect(Collectors.toList())));
        StringBuilder sb = new StringBuilder();
        json(sb, obj("entityType", d.entityType, "versions", d.versionIds(), "tables", tables, "hostColumns", hostColumns, "views", views), "");
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        Files.writeString(file, sb.append('\n').toString(), StandardCharsets.UTF_8);
    }
    private static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
    private static String lc(String s) { return s.toLowerCase(Locale.ROOT); }
    /** Minimal JSON writer; every object inside a list starts on a new line. */
    private static void json(StringBuilder sb, Object v, String indent) {
        if (v instanceof Map<?, ?> m) {
            sb.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(sep).append('"').append(e.getKey()).append("\": ");
                json(sb, e.getValue(), indent + "  ");
                sep = ", ";
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                boolean block = l.get(i) instanceof Map;
                sb.append(i == 0 ? "" : block ? "," : ", ").append(block ? "\n" + indent + "  " : "");
                json(sb, l.get(i), indent);
            }
            sb.append(']');
        } else if (v instanceof String s) {
            sb.append('"');
            for (char ch : s.toCharArray()) sb.append(ch == '"' || ch == '\\' ? "\\" + ch : ch < 0x20 ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
            sb.append('"');
        } else sb.append(v);  // numbers, booleans, null
    }
}
