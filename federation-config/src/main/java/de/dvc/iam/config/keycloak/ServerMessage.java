package de.dvc.iam.config.keycloak;

import jakarta.ws.rs.core.Response;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The error message in a Keycloak error answer ({@code {"errorMessage": …}} or {@code {"error": …}}), short. Stateless. */
final class ServerMessage {

    private static final Pattern MESSAGE = Pattern.compile("\"(?:errorMessage|error_description|error)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.){1,1000})\"");

    private ServerMessage() {
    }

    /** {@code ": <message>"}, or "" if the answer has none. */
    static String of(Response response) {
        if (response == null) {
            return "";
        }
        try {
            String body = response.readEntity(String.class);
            Matcher message = body == null ? null : MESSAGE.matcher(body);
            return message != null && message.find() ? ": " + message.group(1).replace("\\\"", "\"") : "";
        } catch (RuntimeException e) {
            return "";
        }
    }
}
