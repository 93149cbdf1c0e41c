package org.idempiere.subscription.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The two outputs of the dictionary describe one schema: every table and column the 2Pack
 * defines (and that iDempiere would create from {@code AD_Column} with IsSyncDatabase=Y) exists
 * in the sandbox database built from the generated migrations, with the SQL type iDempiere 12
 * gives that reference on PostgreSQL and the same nullability — and the database has nothing
 * more. The type mapping below is written out independently of the generator, from
 * {@code DisplayType.getSQLDataType} in iDempiere release-12.
 */
class DictionarySchemaTest {

    /** AD_Reference_ID → PostgreSQL type as information_schema spells it (n = FieldLength). */
    private static String expectedType(int reference, int length) {
        return switch (reference) {
            case 13, 11, 18, 19, 30 -> "numeric(10)";                // ID, Integer, Table, Table Direct, Search
            case 25 -> "numeric(10)";                                 // Account (an ID type; columns named *_Acct)
            case 12, 22, 29, 37 -> "numeric";                        // Amount, Number, Quantity, Cost+Price
            case 15, 16 -> "timestamp without time zone";            // Date, Date+Time
            case 20 -> "character(1)";                               // Yes-No
            case 17 -> length == 1 ? "character(1)" : "character varying(" + length + ")"; // List
            case 10 -> "character varying(" + length + ")";          // String
            // Text: iDempiere's DisplayType.getSQLDataType makes one of 4000 or more (or unset) a CLOB, text in PostgreSQL
            case 14 -> length == 0 || length >= 4000 ? "text" : "character varying(" + length + ")";
            case 200231 -> "character varying(36)";                  // UUID
            case 28 -> "character(" + length + ")";                  // Button (not named *_ID)
            default -> throw new AssertionError("reference " + reference + " is not mapped in this test");
        };
    }

    @Test
    void packOutColumns_matchTheSandboxDatabase_columnForColumn() throws Exception {
        Map<String, String> fromPack = new TreeMap<>();
        List<String> uniqueIndexes = new ArrayList<>();
        Map<String, String> tableByUuid = new TreeMap<>();
        Map<String, List<String>> viewsFromPack = new TreeMap<>();   // a view's columns in order, with their type family
        // Packs apply in version order; a later pack adds columns and indexes to a table of an
        // earlier one at top level, naming the table by its UUID.
        for (Document d : packOuts()) {
            List<Element> columns = new ArrayList<>(children(d.getDocumentElement(), "AD_Column"));
            List<Element> indexes = new ArrayList<>(children(d.getDocumentElement(), "AD_TableIndex"));
            for (Element table : children(d.getDocumentElement(), "AD_Table")) {
                if ("Y".equals(text(table, "IsView"))) {   // iDempiere creates the view from its AD_ViewComponent, not from columns
                    List<String> cols = new ArrayList<>();
                    for (Element column : children(table, "AD_Column")) {
                        assertEquals("N", text(column, "IsSyncDatabase"), "IsSyncDatabase of view column " + text(column, "ColumnName"));
                        cols.add(text(column, "ColumnName").toLowerCase() + " " + family(Integer.parseInt(text(column, "AD_Reference_ID"))));
                    }
                    viewsFromPack.put(text(table, "TableName").toLowerCase(), cols);
                    continue;
                }
                tableByUuid.put(text(table, "AD_Table_UU"), text(table, "TableName").toLowerCase());
                columns.addAll(children(table, "AD_Column"));
                indexes.addAll(children(table, "AD_TableIndex"));
            }
            for (Element column : columns) {
                String tableName = tableByUuid.get(text(column, "AD_Table_ID"));
                if (tableName == null || !tableName.startsWith("sub_")) {
                    continue; // a column on an iDempiere table (e.g. M_Product): not in the sandbox
                }
                assertEquals("Y", text(column, "IsSyncDatabase"), "IsSyncDatabase of " + text(column, "ColumnName"));
                int reference = Integer.parseInt(text(column, "AD_Reference_ID"));
                int length = text(column, "FieldLength").isEmpty() ? 0 : Integer.parseInt(text(column, "FieldLength"));
                fromPack.put(tableName + "." + text(column, "ColumnName").toLowerCase(),
                        expectedType(reference, length) + ("Y".equals(text(column, "IsMandatory")) ? " not null" : " null"));
            }
            for (Element index : indexes) {
                if ("Y".equals(text(index, "IsUnique"))) {
                    uniqueIndexes.add(text(index, "Name").toLowerCase());
                }
            }
        }
        assertFalse(fromPack.isEmpty(), "the 2Pack defines columns");

        HostContext host = Sandbox.service(HostContext.class);
        Map<String, String> fromDatabase = new TreeMap<>();
        host.inTransaction(tx -> Rows.list(tx.connection(), "SELECT c.table_name, c.column_name, c.data_type,"
                + " c.character_maximum_length, c.numeric_precision, c.numeric_scale, c.is_nullable FROM information_schema.columns c"
                + " WHERE c.table_schema = current_schema() AND c.table_name LIKE 'sub\\_%' AND c.table_name IN (SELECT t.table_name"
                + " FROM information_schema.tables t WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE')", rs -> {
                    String type = rs.getString(3);
                    if (rs.getObject(4) != null) {
                        type += "(" + rs.getInt(4) + ")";
                    } else if ("numeric".equals(type) && rs.getObject(5) != null) {
                        type += "(" + rs.getInt(5) + (rs.getInt(6) == 0 ? "" : "," + rs.getInt(6)) + ")";
                    }
                    return fromDatabase.put(rs.getString(1) + "." + rs.getString(2),
                            type + ("NO".equals(rs.getString(7)) ? " not null" : " null"));
                }));
        assertEquals(fromPack, fromDatabase);

        List<String> dbUnique = host.inTransaction(tx -> Rows.list(tx.connection(), "SELECT indexname FROM pg_indexes"
                + " WHERE schemaname = current_schema() AND tablename LIKE 'sub\\_%' AND indexdef LIKE 'CREATE UNIQUE INDEX%'"
                + " AND indexname NOT LIKE '%\\_key'", rs -> rs.getString(1)));
        assertEquals(new TreeSet<>(uniqueIndexes), new TreeSet<>(dbUnique), "unique indexes (primary keys aside)");
        assertTrue(uniqueIndexes.contains("sub_billingitem_period"), "the exactly-once index is in the 2Pack");

        // views: the sandbox ran the statement iDempiere's DatabaseViewValidate builds from the pack's AD_ViewComponent
        assertFalse(viewsFromPack.isEmpty(), "the 2Pack defines views");
        Map<String, List<String>> dbViews = new TreeMap<>();
        host.inTransaction(tx -> Rows.list(tx.connection(), "SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c"
                + " JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name"
                + " WHERE c.table_schema = current_schema() AND c.table_name LIKE 'sub\\_%' AND t.table_type = 'VIEW'"
                + " ORDER BY c.table_name, c.ordinal_position", rs -> dbViews.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(rs.getString(2) + " " + ("text".equals(rs.getString(3)) ? "character varying" : rs.getString(3)))));
        assertEquals(viewsFromPack, dbViews, "views: columns in order and their type family");
    }

    /** The PostgreSQL type family a view column of an AD reference must have (its length and scale are the expression's). */
    private static String family(int reference) {
        return switch (reference) {
            case 13, 11, 18, 19, 30, 12, 22, 29, 37 -> "numeric";   // IDs, lookups, Integer and amounts
            case 15, 16 -> "timestamp without time zone";
            case 10, 14, 200231 -> "character varying";              // String, Text, UUID
            default -> throw new AssertionError("reference " + reference + " is not mapped for views in this test");
        };
    }

    private static List<Document> packOuts() throws Exception {
        Path dir = Path.of(System.getProperty("subscriptions.test.2pack.dir"));
        List<Document> out = new ArrayList<>();
        try (Stream<Path> zips = Files.list(dir)) {
            for (Path zip : zips.filter(p -> p.getFileName().toString().matches("2Pack_.*\\.zip")).sorted().toList()) {
                try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                    ZipEntry e;
                    while ((e = in.getNextEntry()) != null) {
                        if (e.getName().endsWith("dict/PackOut.xml")) {
                            out.add(parse(in));
                        }
                    }
                }
            }
        }
        assertFalse(out.isEmpty(), "no 2Pack in " + dir);
        return out;
    }

    private static Document parse(InputStream in) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(in.readAllBytes()));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? "" : c.get(0).getTextContent().strip();
    }
}
