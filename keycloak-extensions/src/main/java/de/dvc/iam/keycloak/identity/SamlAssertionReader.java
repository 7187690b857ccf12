package de.dvc.iam.keycloak.identity;

import de.dvc.iam.core.profile.AssertedAttributes;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Optional;

/**
 * Reads attributes and the AuthnContextClassRef out of the SAML assertion Keycloak's broker hands
 * over ({@code org.keycloak.dom.saml.v2.assertion.AssertionType}). By reflection, because
 * keycloak-saml-core-public 26.x is not published on Maven Central, so we cannot compile against it;
 * the getters used are stable since Keycloak 1.x. Anything unexpected reads as "nothing asserted",
 * which the profile then refuses as missing attributes.
 */
final class SamlAssertionReader {

    private SamlAssertionReader() {
    }

    static void addAttributes(Object assertion, AssertedAttributes.Builder builder) {
        for (Object statement : collection(call(assertion, "getAttributeStatements"))) {
            for (Object choice : collection(call(statement, "getAttributes"))) {
                Object attribute = call(choice, "getAttribute");
                String name = (String) call(attribute, "getName");
                String friendlyName = (String) call(attribute, "getFriendlyName");
                for (Object value : collection(call(attribute, "getAttributeValue"))) {
                    if (value != null) {
                        builder.add(name, value.toString());
                        builder.add(friendlyName, value.toString());
                    }
                }
            }
        }
    }

    static Optional<String> classRef(Object authnStatement) {
        Object classRef = call(call(call(authnStatement, "getAuthnContext"), "getSequence"), "getClassRef");
        Object value = call(classRef, "getValue");
        return value == null ? Optional.empty() : Optional.of(value.toString());
    }

    private static Collection<?> collection(Object value) {
        return value instanceof Collection<?> c ? c : java.util.List.of();
    }

    private static Object call(Object target, String getter) {
        if (target == null) {
            return null;
        }
        try {
            Method method = target.getClass().getMethod(getter);
            return method.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
