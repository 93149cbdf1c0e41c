package org.idempiere.subscription.sandbox.internal.host;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain one-page PDF (1.4, Helvetica, A4) of text lines: the reference host's printout of an
 * invoice. Written by hand so the sandbox needs no reporting engine; iDempiere prints invoices
 * with its own print formats. Text outside Latin-1 is shown without its accents.
 */
final class InvoicePdf {
    private static final int TOP = 800;
    private static final int LEADING = 16;
    private static final int MAX_LINES = 46;

    private InvoicePdf() {
    }

    /** The PDF document of the lines; the first is printed as the title. */
    static byte[] render(List<String> lines) {
        StringBuilder content = new StringBuilder("BT\n/F1 16 Tf\n50 " + TOP + " Td\n");
        for (int i = 0; i < Math.min(lines.size(), MAX_LINES); i++) {
            if (i == 1) {
                content.append("/F1 10 Tf\n");
            }
            content.append('(').append(escape(lines.get(i))).append(") Tj\n0 -").append(i == 0 ? LEADING * 2 : LEADING)
                    .append(" Td\n");
        }
        content.append("ET\n");
        byte[] stream = content.toString().getBytes(StandardCharsets.ISO_8859_1);
        List<String> objects = new ArrayList<>();
        objects.add("<< /Type /Catalog /Pages 2 0 R >>");
        objects.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        objects.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
                + " /Contents 5 0 R >>");
        objects.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(out.size());
            write(out, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n");
        }
        offsets.add(out.size());
        write(out, "5 0 obj\n<< /Length " + stream.length + " >>\nstream\n");
        out.writeBytes(stream);
        write(out, "endstream\nendobj\n");
        int xref = out.size();
        StringBuilder table = new StringBuilder("xref\n0 6\n0000000000 65535 f \n");
        for (int offset : offsets) {
            table.append(String.format("%010d 00000 n \n", offset));
        }
        write(out, table + "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n" + xref + "\n%%EOF\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** PDF string escaping; characters outside Latin-1 lose their accents, or become '?'. */
    private static String escape(String s) {
        String plain = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        StringBuilder b = new StringBuilder(plain.length());
        for (char c : plain.toCharArray()) {
            if (c == '(' || c == ')' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 32 || c > 255) {
                b.append('?');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
