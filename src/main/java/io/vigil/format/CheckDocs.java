package io.vigil.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.check.Check;
import io.vigil.check.CheckCatalog;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.Family;
import io.vigil.check.ViewIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The catalogue as table, JSON and Markdown ({@code docs/checks.md} is this Markdown, generated). */
public final class CheckDocs {
    /** What a family audits beyond its subject kinds, where a reader would otherwise guess wrong. */
    private static final Map<Family, String> SCOPE_NOTES = Map.of(
            Family.RBAC,
            "Scope: every Role, ClusterRole, RoleBinding and ClusterRoleBinding is audited wherever it lives,"
                    + " kube-system included; only built-in objects (names starting with `system:`, or the label"
                    + " `kubernetes.io/bootstrapping: rbac-defaults`) are excluded unless `--include-system`."
                    + " Vendor prefixes such as `gce:` or `eks:` are not reserved by Kubernetes (anyone may name a"
                    + " role so), so objects named with them are audited like any other."
                    + " Why: whole system namespaces used to be skipped, so a RoleBinding an intruder creates in"
                    + " kube-system, the namespace whose ServiceAccounts and Secrets reach furthest, went unseen."
                    + " Workload checks still skip system namespaces by default (DESIGN §4).",
            Family.NETWORK,
            "Scope: besides `networking.k8s.io` NetworkPolicies, the CNI's own policies count where their kinds"
                    + " are served: Cilium `CiliumNetworkPolicy` / `CiliumClusterwideNetworkPolicy` and Calico"
                    + " `NetworkPolicy` / `GlobalNetworkPolicy`, for selection, default deny and the DNS allowance."
                    + " Calico's `serviceAccountSelector` selects pods by their ServiceAccount's labels (plus"
                    + " `projectcalico.org/name`, the account's name); a policy narrowed by it is namespace-wide only"
                    + " when it matches every ServiceAccount of the namespace, `default` included. DNS allowance ="
                    + " UDP 53 to kube-system or anywhere: in Cilium a rule with `toPorts` port 53 (protocol UDP or"
                    + " ANY) and no destination, `toEndpoints` in kube-system or `toEntities` cluster/all (`toFQDNs`"
                    + " needs such a rule with `rules.dns` beside it; CIDR rules reach no pod; an `egressDeny` on port"
                    + " 53 over every pod of the namespace overrides every allow); in Calico the first rule covering UDP"
                    + " 53 in `order` (NetworkPolicies at 1000) decides: Allow or Pass admits, a Deny in a policy over"
                    + " every pod of the namespace forbids.");

    private CheckDocs() {}

    public static String table(CheckCatalog catalog) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "SEVERITY", "FAMILY", "CONTROLS", "TITLE"});
        for (Check c : catalog.all()) {
            CheckDescriptor d = c.descriptor();
            rows.add(new String[] {
                d.id(), d.severity().label(), d.family().label(), String.join(",", d.controls()), d.title()
            });
        }
        return Table.columns(rows);
    }

    public static ArrayNode json(CheckCatalog catalog) {
        ArrayNode out = FindingJson.MAPPER.createArrayNode();
        for (Check c : catalog.all()) {
            CheckDescriptor d = c.descriptor();
            ObjectNode o = out.addObject();
            o.put("id", d.id());
            o.put("title", d.title());
            o.put("severity", d.severity().label());
            o.put("family", d.family().label());
            ArrayNode kinds = o.putArray("subjectKinds");
            d.subjectKinds().stream().sorted().forEach(kinds::add);
            ArrayNode reads = o.putArray("readsKinds");
            Stream.concat(d.readsKinds().stream(), d.readsIndexes().stream().flatMap(i -> i.kinds().stream()))
                    .distinct()
                    .sorted()
                    .forEach(reads::add);
            ArrayNode indexes = o.putArray("readsIndexes");
            d.readsIndexes().stream().map(ViewIndex::name).sorted().forEach(indexes::add);
            ArrayNode controls = o.putArray("controls");
            d.controls().forEach(controls::add);
            d.family().controls().forEach(controls::add);
            o.put("remediation", d.remediation());
        }
        return out;
    }

    public static String markdown(CheckCatalog catalog) {
        StringBuilder md = new StringBuilder();
        md.append("# Vigil checks\n\n");
        md.append(
                "Generated from the code by `vigil checks --format markdown`; a test fails when this file is stale.\n");
        md.append("Every finding also carries its family's controls (listed per family) and, for Pod Security\n");
        md.append("checks, the `PSS:baseline` or `PSS:restricted` level its observed value violates.\n");
        md.append(
                "\nA pod-spec field whose value is not of its Kubernetes type (`hostNetwork: \"yes\"`, `runAsUser:\n");
        md.append(
                "\"root\"`, `containers: {}`, an unknown `procMount`) is never read as unset: every check whose verdict\n");
        md.append("depends on it reports it with observed `<unreadable: path: problem>`, e.g. `<unreadable:\n");
        md.append(
                "spec.hostNetwork: expected boolean, got string \"yes\">` (see docs/architecture.md, \"Unreadable fields\").\n");
        for (Family family : Family.values()) {
            List<Check> checks = catalog.all().stream()
                    .filter(c -> c.descriptor().family() == family)
                    .toList();
            if (checks.isEmpty()) {
                continue;
            }
            md.append("\n## ").append(family.label()).append("\n\n");
            md.append("Family controls: ").append(code(family.controls())).append("\n\n");
            String scope = SCOPE_NOTES.get(family);
            if (scope != null) {
                md.append(scope).append("\n\n");
            }
            md.append("| id | severity | title | controls | subjects | remediation |\n");
            md.append("|---|---|---|---|---|---|\n");
            for (Check c : checks) {
                CheckDescriptor d = c.descriptor();
                md.append("| `")
                        .append(d.id())
                        .append("` | ")
                        .append(d.severity().label())
                        .append(" | ")
                        .append(escape(d.title()))
                        .append(" | ")
                        .append(code(d.controls()))
                        .append(" | ")
                        .append(String.join(
                                ", ", d.subjectKinds().stream().sorted().toList()))
                        .append(" | ")
                        .append(escape(d.remediation()))
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    private static String code(List<String> values) {
        return values.isEmpty()
                ? "—"
                : String.join(", ", values.stream().map(v -> "`" + v + "`").toList());
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
