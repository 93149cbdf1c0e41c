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
    TableDir(19, 10), Table(18, 10), Search(30, 10), UUID(200231, 36);

    final int id;            // AD_Reference_ID
    final int defaultLength; // FieldLength when the dictionary gives none (0 = length required)
    AdType(int id, int defaultLength) { this.id = id; this.defaultLength = defaultLength; }

    /** DisplayType.isID */
    boolean isId() { return this == ID || this == TableDir || this == Table || this == Search; }
    boolean isLookup() { return this == TableDir || this == Table || this == Search; }
    /** Types whose default DB_PostgreSQL.getSQLDDL quotes as a string (isText, isList, YesNo). */
    boolean quotesDefault() { return this == String || this == Text || this == UUID || this == List || this == YesNo; }
}

record Version(String id, String date, String migration, String description) {}
record EntityTypeDef(String uuid, String name, String description, String modelPackage) {}
/** An AD_Element: ours (uuid) or iDempiere's own (official id). */
record Elem(String columnName, Integer id, String uuid, String name, String printName, String description,
            String help, String since) {
    boolean standard() { return id != null; }
}
record StdRef(int id, String name, String table) {}
record RefValue(String value, String name, String description, String uuid, String since) {}
record RefList(String name, String uuid, String description, String since, List<RefValue> values) {}
record IndexColumn(Column column, String uuid) {}
record Index(String name, String uuid, boolean unique, String since, List<IndexColumn> columns) {}

final class Table {
    String name, uuid, title, description, accessLevel, since;
    boolean highVolume;
    final List<Column> columns = new ArrayList<>();
    final List<Index> indexes = new ArrayList<>();
    Column column(String n) { return columns.stream().filter(c -> c.name.equalsIgnoreCase(n)).findFirst().orElse(null); }
    String where() { return "<table name=\"" + name + "\">"; }
}

final class Column {
    Table table;
    String name, uuid, since, defaultValue, fk; // fk = AD_Column.FKConstraintType for lookups
    AdType type;
    int length, identifierSeq;                  // identifierSeq > 0: IsIdentifier=Y with that SeqNo
    boolean mandatory, key, parent, updateable = true;
    RefList list; StdRef ref; Elem element;
    /** Table a lookup column points to (MColumn.getReferenceTableName), or null. */
    String refTable() {
        if (type == AdType.Table) return ref.table();
        if (type == AdType.TableDir || type == AdType.Search) return name.substring(0, name.length() - 3);
        return null;
    }
    String where() { return table.where() + " <column name=\"" + name + "\">"; }
}

final class Dictionary {
    String entityType, pkg;
    final List<Version> versions = new ArrayList<>();
    EntityTypeDef entity;
    final Map<String, Elem> elements = new LinkedHashMap<>();   // lower-case ColumnName -> element
    final Map<String, StdRef> refs = new LinkedHashMap<>();     // id -> standard reference
    final Map<String, RefList> lists = new LinkedHashMap<>();
    final List<Table> tables = new ArrayList<>();

    String first() { return versions.get(0).id(); }
    List<String> versionIds() { return versions.stream().map(Version::id).collect(Collectors.toList()); }
    Table table(String n) { return tables.stream().filter(t -> t.name.equalsIgnoreCase(n)).findFirst().orElse(null); }
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
        for (Element e : kids(root, w, "versions", "entityType", "standardElements", "standardReferences", "elements", "lists", "table"))
            top.computeIfAbsent(e.getTagName(), k -> new ArrayList<>()).add(e);
        Function<String, List<Element>> all = tag -> top.getOrDefault(tag, List.of());
        // versions first: every "since" refers to them
        all.apply("versions").forEach(vs -> kids(vs, "<versions>", "version").forEach(this::version));
        need(!d.versions.isEmpty(), "<versions> must declare at least one <version>");
        d.versions.sort((a, b) -> Dictionary.compare(a.id(), b.id()));
        need(all.apply("entityType").size() == 1, "exactly one <entityType> is required");
        Element et = all.apply("entityType").get(0);
        d.entity = new EntityTypeDef(uuid(et, "<entityType>"), req(et, "name", "<entityType>"), et.getAttribute("description"), et.getAttribute("modelPackage"));
        for (Element t : all.apply("table")) {
            String tw = "<table name=\"" + t.getAttribute("name") + "\">", ts = since(t, tw, d.first());
            for (Element c : kids(t, tw, "column", "index")) {
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
        for (Table t : d.tables) for (Column c : t.columns) references(c);
        warnUnused();
        return d;
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
                e.getAttribute("description"), e.getAttribute("help"), since(e, w, firstUse.getOrDefault(cn.toLowerCase(Locale.ROOT), d.first()))));
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
            values.add(new RefValue(value, req(v, "name", vw), v.getAttribute("description"), uuid(v, vw), vs));
        }
        need(!values.isEmpty(), w + ": a list needs at least one <value>");
        d.lists.put(name, new RefList(name, uuid(e, w), e.getAttribute("description"), since, values));
    }

    private void table(Element e) {
        Table t = new Table();
        t.name = e.getAttribute("name");
        String w = t.where();
        t.name = ident(e, "name", w);
        need(d.table(t.name) == null, w + ": duplicate table");
        t.uuid = uuid(e, w); t.title = req(e, "title", w); t.description = e.getAttribute("description"); t.since = since(e, w, d.first());
        t.accessLevel = e.hasAttribute("accessLevel") ? e.getAttribute("accessLevel") : "3";
        need(t.accessLevel.matches("[123467]"), w + ": attribute 'accessLevel' must be one of 1,2,3,4,6,7");
        t.highVolume = yn(e, "highVolume", false, w);
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

    private void column(Table t, Element e) {
        Column c = new Column();
        c.table = t;
        c.name = e.getAttribute("name");
        String w = c.where();
        c.name = ident(e, "name", w);
        need(t.column(c.name) == null, w + ": duplicate column in table " + t.name);
        c.uuid = uuid(e, w);
        String type = req(e, "type", w);
        c.type = Arrays.stream(AdType.values()).filter(x -> x.name().equals(type)).findFirst().orElseThrow(() -> new DictionaryException(
                w + ": unknown reference type=\"" + type + "\" (known: " + Arrays.toString(AdType.values()) + ")"));
        c.since = since(e, w, t.since);
        need(Dictionary.compare(c.since, t.since) >= 0, w + ": since " + c.since + " is before the table's since " + t.since);
        c.mandatory = yn(e, "mandatory", false, w); c.parent = yn(e, "parent", false, w); c.updateable = yn(e, "updateable", true, w);
        c.defaultValue = e.hasAttribute("default") ? e.getAttribute("default") : null;
        c.fk = e.hasAttribute("fk") ? e.getAttribute("fk") : null;
        c.identifierSeq = e.hasAttribute("identifier") ? posInt(e, "identifier", w) : 0;
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
            default -> { }
        }
        need(c.fk == null || (c.type.isLookup() && c.fk.matches("[NCSD]")), w + ": attribute 'fk' is N, C, S or D, on TableDir/Table/Search columns");
        need(!"S".equals(c.fk) || !c.mandatory, w + ": fk=\"S\" (set null) on a mandatory column");
        need(!c.parent || c.type.isLookup(), w + ": parent=\"Y\" needs a lookup column");
        checkDefault(c, w);
        c.element = d.elements.get(c.name.toLowerCase(Locale.ROOT));
        need(c.element != null, w + ": no <element> or <standardElements>/<element> has columnName " + c.name);
        need(c.element.columnName().equals(c.name), w + ": the name must match the element's ColumnName " + c.element.columnName() + " exactly");
        need(Dictionary.compare(c.element.since(), c.since) <= 0, w + ": the element is introduced after the column");
        need(c.since.equals(t.since) || !c.mandatory || Sql.dbDefault(c) != null,
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

    private void index(Table t, Element e) {
        String w = t.where() + " <index name=\"" + e.getAttribute("name") + "\">", name = ident(e, "name", w), since = since(e, w, t.since);
        need(d.tables.stream().flatMap(x -> x.indexes.stream()).noneMatch(i -> i.name().equalsIgnoreCase(name)), w + ": duplicate index name");
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
        d.tables.forEach(t -> t.columns.forEach(c -> { used.add(c.element); used.add(c.list); }));
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

    private String uuid(Element e, String where) {
        String v = e.getAttribute("uuid").trim();
        need(!v.isEmpty(), where + ": missing attribute 'uuid' (every record needs a fixed UUID)");
        need(UUID_RE.matcher(v).matches(), where + ": attribute uuid=\"" + v + "\" is not a lower-case UUID");
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
            if (!e.standard() && e.since().equals(id))
                record(root, "AD_Element", "IsActive", true, "ColumnName", e.columnName(), "Name", e.name(), "Description", e.description(),
                        "Help", e.help(), "PrintName", e.printName(), "EntityType", et, "AD_Element_UU", e.uuid());
        for (RefList l : d.lists.values()) {
            Element parent = root;
            if (l.since().equals(id))
                parent = record(root, "AD_Reference", "Name", l.name(), "Description", l.description(), "Help", null, "ValidationType", "L",
                        "IsActive", true, "VFormat", null, "EntityType", et, "IsOrderByValue", false, "AD_Reference_UU", l.uuid(),
                        "AD_Element_ID", Ref.NONE, "ShowInactive", false);
            for (RefValue rv : l.values())  // values added later to an existing list go to the top level
                if (rv.since().equals(id))
                    record(parent, "AD_Ref_List", "Name", rv.name(), "Description", rv.description(),
                            "AD_Reference_ID", Ref.uu("AD_Reference", l.uuid()), "ValidFrom", null, "ValidTo", null, "Value", rv.value(),
                            "IsActive", true, "EntityType", et, "AD_Ref_List_UU", rv.uuid());
        }
        for (Table t : d.tables) {
            Element parent = root;                               // later columns of an existing table go to the top level
            if (t.since.equals(id))
                parent = record(root, "AD_Table", "Name", t.title, "Description", t.description, "Help", null,
                        "AD_Window_ID", Ref.NONE, "AD_Val_Rule_ID", Ref.NONE, "TableName", t.name, "LoadSeq", 0,
                        "AccessLevel", t.accessLevel, "IsActive", true, "IsSecurityEnabled", false, "IsDeleteable", true,
                        "IsHighVolume", t.highVolume, "IsView", false, "EntityType", et, "ImportTable", false, "IsChangeLog", true,
                        "ReplicationType", "L", "PO_Window_ID", Ref.NONE, "CopyColumnsFromTable", false, "IsCentrallyMaintained", true,
                        "AD_Table_UU", t.uuid, "Processing", false, "DatabaseViewDrop", false, "CopyComponentsFromView", false,
                        "CreateWindowFromTable", false, "IsShowInDrillOptions", false, "IsPartition", false, "CreatePartition", false);
            for (Column c : t.columns) if (c.since.equals(id)) column(parent, c);
            for (Index i : t.indexes) if (i.since().equals(id)) index(parent, t, i);
        }
    }

    private void column(Element parent, Column c) {
        Ref valueRef = c.list != null ? Ref.uu("AD_Reference", c.list.uuid()) : Ref.id("AD_Reference", c.ref == null ? null : c.ref.id());
        Ref element = c.element.standard() ? Ref.id("AD_Element", c.element.id()) : Ref.uu("AD_Element", c.element.uuid());
        boolean standard = c.key || c.type == AdType.UUID || DictionaryReader.STANDARD.contains(c.name);
        record(parent, "AD_Column", "IsSyncDatabase", true,     // iDempiere creates/alters the database column
                "AD_Table_ID", Ref.uu("AD_Table", c.table.uuid), "AD_Reference_Value_ID", valueRef, "Version", 0,
                "Name", c.element.name(), "Description", c.element.description(), "Help", c.element.help(), "AD_Val_Rule_ID", Ref.NONE,
                "ColumnName", c.name, "DefaultValue", c.defaultValue, "FieldLength", c.length, "IsKey", c.key, "IsParent", c.parent,
                "IsMandatory", c.mandatory, "IsTranslated", false, "IsIdentifier", c.identifierSeq > 0,
                "SeqNo", c.identifierSeq > 0 ? c.identifierSeq : null, "IsEncrypted", false,
                "AD_Reference_ID", Ref.id("AD_Reference", c.type.id), "IsActive", true, "AD_Element_ID", element,
                "IsUpdateable", c.updateable && !c.key && !c.parent, "AD_Process_ID", Ref.NONE, "IsSelectionColumn", false,
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
        StringBuilder sb = new StringBuilder();
        json(sb, obj("entityType", d.entityType, "versions", d.versionIds(), "tables", tables), "");
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
