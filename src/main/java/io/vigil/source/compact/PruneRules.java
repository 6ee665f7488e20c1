package io.vigil.source.compact;

import io.vigil.model.FieldType;
import io.vigil.model.FieldTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which parts of an API object the compact cache never keeps, as a tree of field paths ({@code *} is any
 * field or array element). Everything else is kept, so a field a new check starts reading is cached
 * unless a rule here drops it; {@code CompactEquivalenceTest} fails naming the check and the rule when a
 * check reads a dropped field. The rules are kind-agnostic because LIST items carry no kind: a rule
 * names a path that only the kinds it is meant for have (pod-spec fields under the three template
 * locations).
 */
public final class PruneRules {
    /** Fields that hold bookkeeping no check, fingerprint, drift diff or finding reads. */
    static final List<String> DROPPED = List.of(
            "metadata.managedFields",
            "metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration",
            "metadata.selfLink",
            "metadata.generateName",
            "metadata.creationTimestamp",
            "metadata.generation",
            "metadata.finalizers",
            // status: only a Pod's phase is read (a finished pod runs nothing)
            "status.!phase",
            // Trivy VulnerabilityReport: severity counts per image, not the vulnerability list
            "report.!artifact,registry,summary",
            "spec.strategy",
            "spec.revisionHistoryLimit",
            "spec.progressDeadlineSeconds");

    /** Pod-spec fields no check reads, under each place a pod spec appears. */
    static final List<String> POD_SPEC_DROPPED = List.of(
            "dnsPolicy",
            "restartPolicy",
            "schedulerName",
            "terminationGracePeriodSeconds",
            "tolerations",
            "nodeName",
            "priority",
            "enableServiceLinks",
            "preemptionPolicy",
            "affinity",
            "nodeSelector",
            "topologySpreadConstraints",
            "priorityClassName",
            "dnsConfig");

    static final List<String> CONTAINER_DROPPED = List.of(
            "terminationMessagePath",
            "terminationMessagePolicy",
            "imagePullPolicy",
            "workingDir",
            "volumeMounts",
            "livenessProbe.!exec,httpGet,tcpSocket,grpc",
            "readinessProbe.!exec,httpGet,tcpSocket,grpc",
            "startupProbe.!exec,httpGet,tcpSocket,grpc");

    static final List<String> POD_SPECS = FieldTypes.POD_SPECS;
    static final List<String> CONTAINER_LISTS = List.of("containers", "initContainers", "ephemeralContainers");

    /** Values unique to one object: pooling them would only fill the pool. */
    static final List<String> UNIQUE =
            List.of("metadata.uid", "metadata.resourceVersion", "metadata.name", "metadata.ownerReferences.*.uid");

    /** One node of the rule tree: the rule for one field, and for the fields below it. */
    static final class Node {
        final Map<String, Node> children = new HashMap<>();
        Node any;
        boolean drop;
        boolean unique;
        /** The type checks read this field as; null when it is not judged. */
        FieldType type;

        Node child(String field) {
            Node n = children.get(field);
            return n != null ? n : any;
        }

        private Node add(String field) {
            return "*".equals(field)
                    ? (any = any == null ? new Node() : any)
                    : children.computeIfAbsent(field, f -> new Node());
        }
    }

    private final Node root;
    private final List<String> rules;

    private PruneRules(List<String> rules) {
        this.rules = List.copyOf(rules);
        this.root = new Node();
        for (String rule : rules) {
            add(rule).drop = true;
        }
        for (String rule : UNIQUE) {
            add(rule).unique = true;
        }
        FieldTypes.paths().forEach((path, type) -> add(path).type = type);
    }

    /** The rules the cache uses. */
    public static PruneRules standard() {
        return new PruneRules(all());
    }

    /** The rules without one of them: how the equivalence test names the rule that dropped a field a check reads. */
    public static PruneRules without(String rule) {
        List<String> rules = new ArrayList<>(all());
        rules.remove(rule);
        return new PruneRules(rules);
    }

    /** Every rule, each as a dotted path ({@code \.} is a literal dot, {@code !a,b} all fields but a and b). */
    public static List<String> all() {
        List<String> out = new ArrayList<>(DROPPED);
        for (String spec : POD_SPECS) {
            POD_SPEC_DROPPED.forEach(f -> out.add(spec + "." + f));
            for (String list : CONTAINER_LISTS) {
                CONTAINER_DROPPED.forEach(f -> out.add(spec + "." + list + ".*." + f));
            }
        }
        return out;
    }

    public List<String> rules() {
        return rules;
    }

    Node root() {
        return root;
    }

    /** Adds a path; {@code !a,b} as the last segment drops every field but a and b of the parent. */
    private Node add(String rule) {
        List<String> segments = segments(rule);
        Node n = root;
        for (int i = 0; i < segments.size() - 1; i++) {
            n = n.add(segments.get(i));
        }
        String last = segments.get(segments.size() - 1);
        if (!last.startsWith("!")) {
            return n.add(last);
        }
        for (String kept : last.substring(1).split(",")) {
            n.add(kept);
        }
        return n.add("*");
    }

    private static List<String> segments(String rule) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < rule.length(); i++) {
            char c = rule.charAt(i);
            if (c == '\\' && i + 1 < rule.length()) {
                current.append(rule.charAt(++i));
            } else if (c == '.') {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out;
    }
}
