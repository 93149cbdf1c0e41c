package org.idempiere.subscription.web.rest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON reply with its HTTP status.
 *
 * @param status 200 or 201
 * @param body   the JSON body
 */
public record Reply(int status, JsonNode body) {

    /** 200 OK. */
    public static Reply ok(JsonNode body) {
        return new Reply(200, body);
    }

    /** 201 Created. */
    public static Reply created(JsonNode body) {
        return new Reply(201, body);
    }
}
