package org.idempiere.subscription.sandbox.internal.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.idempiere.subscription.sandbox.internal.SandboxConfig;
import org.idempiere.subscription.web.rest.ApiKeyVerifier;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The sandbox's admin API key: {@code SUBSCRIPTIONS_API_KEY} if set, else a random key generated
 * once and kept in {@code <data>/api-key} (readable by its owner only) so the administrator can
 * read it again. In memory only its SHA-256 digest is kept, compared in constant time.
 */
@Component(service = {ApiKeyVerifier.class, SandboxApiKey.class})
public final class SandboxApiKey implements ApiKeyVerifier {
    private final byte[] digest;
    private final String shown;
    private final String source;

    @Activate
    public SandboxApiKey(BundleContext context) throws IOException {
        SandboxConfig config = SandboxConfig.of(context);
        String key;
        if (config.apiKey().isPresent()) {
            key = config.apiKey().get();
            shown = key.length() <= 4 ? "****" : key.substring(0, 4) + "****";
            source = "SUBSCRIPTIONS_API_KEY";
        } else {
            Path file = config.dataDir().resolve("api-key");
            key = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : create(file);
            shown = key;
            source = file.toString();
        }
        digest = sha256(key);
    }

    private static String create(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String key = "sk_sandbox_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(file.getParent());
        Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; the folder's own permissions apply
        }
        return key;
    }

    @Override
    public boolean verify(String presentedKey) {
        return MessageDigest.isEqual(digest, sha256(presentedKey));
    }

    /** @return the key as the start-up banner may show it (masked when it came from the environment) */
    public String shown() {
        return shown;
    }

    /** @return where the key comes from */
    public String source() {
        return source;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
