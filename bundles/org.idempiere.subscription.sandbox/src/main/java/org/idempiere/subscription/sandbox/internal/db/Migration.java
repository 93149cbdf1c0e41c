package org.idempiere.subscription.sandbox.internal.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned schema migration, from a file named {@code V<version>__<description>.sql}
 * (version in dotted numbers: {@code V1.0.0__subscription_tables.sql}).
 */
public record Migration(String version, String description, String sql) implements Comparable<Migration> {
    private static final Pattern NAME = Pattern.compile("V(\\d+(?:\\.\\d+)*)__(\\w+)\\.sql");

    /** Parses a migration from its file name and content. */
    public static Migration of(String fileName, String sql) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            throw new IllegalArgumentException("Migration file name '" + fileName + "' is not V<version>__<name>.sql");
        }
        return new Migration(m.group(1), m.group(2), sql);
    }

    /** @return the SHA-256 of the SQL, to notice an applied migration that was changed */
    public String checksum() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int compareTo(Migration o) {
        return Arrays.compare(numbers(version), numbers(o.version));
    }

    private static int[] numbers(String v) {
        return Arrays.stream(v.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }
}
