package de.dvc.iam.config.validate;

import de.dvc.iam.config.Problem;
import de.dvc.iam.config.yaml.Where;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names that must be unique across all files — agency ids, IdP aliases, SAML entityIDs, OIDC issuers, service
 * client ids: each later use is an error that names the first. One instance per kind of name; not thread-safe.
 */
final class UniqueNames {

    private final String code;
    private final String what;
    private final String expected;
    private final Map<String, Where> first = new HashMap<>();

    /**
     * @param code     problem code, e.g. {@code duplicate_idp_alias}
     * @param what     how to name it in a message, e.g. "The IdP alias"
     * @param expected what to do, e.g. "an alias no other IdP has"
     */
    UniqueNames(String code, String what, String expected) {
        this.code = code;
        this.what = what;
        this.expected = expected;
    }

    void add(String name, Where where, List<Problem> out) {
        Where earlier = first.putIfAbsent(name, where);
        if (earlier != null) {
            out.add(Problem.error(code, where, what + " '" + Urls.abbreviate(name) + "' is already used at " + earlier + ".",
                    expected));
        }
    }
}
