package io.vigil.checks.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.check.support.Json;
import io.vigil.model.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code rules} of a Role or ClusterRole and matches them the way the RBAC authorizer does:
 * {@code *} matches any verb, resource or API group, and {@code *}/sub a subresource of any resource.
 */
final class RbacRules {
    static final String ANY = "*";
    static final String CORE = "";
    static final List<String> READ_WRITE_VERBS = List.of("get", "list", "watch", "create", "update", "patch", "delete");

    private RbacRules() {}

    /** Every object-shaped rule of a role; a nonResourceURLs rule has no resources or groups, so matches none. */
    static List<Rule> of(KubeObject role) {
        List<Rule> out = new ArrayList<>();
        List<JsonNode> rules = Json.elements(role.at("rules"));
        for (int i = 0; i < rules.size(); i++) {
            JsonNode r = rules.get(i);
            if (r.isObject()) {
                out.add(new Rule(
                        i,
                        Json.texts(r.path("apiGroups")),
                        Json.texts(r.path("resources")),
                        Json.texts(r.path("verbs"))));
            }
        }
        return out;
    }

    /**
     * Whether a rule grants every resource of every API group with {@code *} verbs or all the read and write
     * verbs: cluster-admin in practice (all secrets and tokens readable, any pod creatable).
     */
    static boolean grantsEverything(KubeObject role) {
        return of(role).stream()
                .anyMatch(r -> r.resources().contains(ANY)
                        && r.apiGroups().contains(ANY)
                        && (r.verbs().contains(ANY) || r.verbs().containsAll(READ_WRITE_VERBS)));
    }

    /** One rule, with its index in {@code rules} for finding paths. */
    record Rule(int index, List<String> apiGroups, List<String> resources, List<String> verbs) {

        /** {@code rules[i].<field>[<element>]}, e.g. {@code rules[0].verbs[*]}. */
        String path(String field, String element) {
            return "rules[" + index + "]." + field + "[" + element + "]";
        }

        boolean coversGroup(String group) {
            return apiGroups.contains(ANY) || apiGroups.contains(group);
        }

        /** Matches a resource or {@code resource/subresource} as the authorizer does. */
        boolean coversResource(String resource) {
            if (resources.contains(ANY) || resources.contains(resource)) {
                return true;
            }
            int slash = resource.indexOf('/');
            return slash > 0 && resources.contains(ANY + resource.substring(slash));
        }

        boolean covers(String group, String resource) {
            return coversGroup(group) && coversResource(resource);
        }

        /**
         * The verb element of this rule through which one of {@code wanted} is granted: {@code *} when present
         * (it grants them all), else the first of {@code wanted} (in the caller's order of preference) listed.
         */
        Optional<String> grantingVerb(List<String> wanted) {
            if (verbs.contains(ANY)) {
                return Optional.of(ANY);
            }
            return wanted.stream().filter(verbs::contains).findFirst();
        }

        /** Which of {@code wanted} this rule grants, in the caller's order ({@code *} grants all). */
        List<String> grantedVerbs(List<String> wanted) {
            return verbs.contains(ANY)
                    ? wanted
                    : wanted.stream().filter(verbs::contains).toList();
        }
    }
}
