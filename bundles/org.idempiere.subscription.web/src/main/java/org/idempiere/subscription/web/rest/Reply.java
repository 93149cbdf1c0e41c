package org.idempiere.subscription.web.rest;

import java.util.Optional;

/**
 * A reply with its HTTP status: a JSON body, or a document of another media type (a PDF).
 *
 * @param status   200, 201 or 204
 * @param body     the JSON body; null for a document and for 204
 * @param document the document, with its media type, for a non-JSON reply
 */
public record Reply(int status, JsonValue body, Optional<Document> document) {

    /** A non-JSON body and its media type. */
    public record Document(byte[] content, String mediaType, String fileName) {
    }

    /** 200 OK. */
    public static Reply ok(JsonValue body) {
        return new Reply(200, body, Optional.empty());
    }

    /** 201 Created. */
    public static Reply created(JsonValue body) {
        return new Reply(201, body, Optional.empty());
    }

    /** 204 No Content: done, nothing to answer (a deletion). */
    public static Reply noContent() {
        return new Reply(204, null, Optional.empty());
    }

    /** 200 OK with a document, offered inline under {@code fileName}. */
    public static Reply document(byte[] content, String mediaType, String fileName) {
        return new Reply(200, null, Optional.of(new Document(content, mediaType, fileName)));
    }
}
