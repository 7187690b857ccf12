package de.dvc.iam.keycloak.registration;

import com.fasterxml.jackson.core.type.TypeReference;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.util.Map;

/** A request body of the federation's JSON APIs: a JSON object of at most 2 MB, or a clear 400 message. */
public final class JsonBody {

    private static final int MAX_BODY_CHARS = 2 * 1024 * 1024;

    private JsonBody() {
    }

    /** @throws IllegalArgumentException saying what is wrong with the body (never echoing it) */
    public static Map<String, Object> read(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("The request needs a JSON body.");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new IllegalArgumentException("The request body is larger than 2 MB.");
        }
        Map<String, Object> json;
        try {
            json = JsonSerialization.readValue(body, new TypeReference<Map<String, Object>>() { });
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("The request body is not a JSON object.");
        }
        if (json == null) {
            throw new IllegalArgumentException("The request body is not a JSON object (it is null).");
        }
        return json;
    }
}
