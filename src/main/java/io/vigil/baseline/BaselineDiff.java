package io.vigil.baseline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changed between two baselines ({@code vigil baseline diff OLD NEW}): accepted findings added,
 * removed or with other evidence; fingerprinted objects added, removed or changed (with the fields and a
 * readable diff); metadata. Two baselines are {@link #identical()} when their cluster, findings and
 * fingerprints are the same; when, by whom and from what source they were captured is shown, not counted.
 */
public final class BaselineDiff {
    private final Baseline before;
    private final Baseline after;
    private final List<MetadataChange> metadata = new ArrayList<>();
    private final List<Baseline.AcceptedFinding> findingsAdded = new ArrayList<>();
    private final List<Baseline.AcceptedFinding> findingsRemoved = new ArrayList<>();
    private final List<FindingChange> findingsChanged = new ArrayList<>();
    private final List<Fingerprint> fingerprintsAdded = new ArrayList<>();
    private final List<Fingerprint> fingerprintsRemoved = new ArrayList<>();
    private final List<FingerprintChange> fingerprintsChanged = new ArrayList<>();

    public record MetadataChange(String field, String before, String after) {}

    /** An accepted finding in both, with different evidence (the fields named). */
    public record FindingChange(Baseline.AcceptedFinding before, Baseline.AcceptedFinding after, List<String> fields) {}

    public record FingerprintChange(Fingerprint before, Fingerprint after, List<FieldChange> changes) {}

    private BaselineDiff(Baseline before, Baseline after) {
        this.before = before;
        this.after = after;
    }

    public static BaselineDiff of(Baseline before, Baseline after) {
        BaselineDiff d = new BaselineDiff(before, after);
        d.compareMetadata();
        d.compareFindings();
        d.compareFingerprints();
        return d;
    }

    private void compareMetadata() {
        Baseline.Metadata a = before.metadata();
        Baseline.Metadata b = after.metadata();
        add("cluster", a.cluster(), b.cluster());
        add(
                "capturedAt",
                a.capturedAt() == null ? null : a.capturedAt().toString(),
                b.capturedAt() == null ? null : b.capturedAt().toString());
        add("capturedBy", a.capturedBy(), b.capturedBy());
        add("source", a.source(), b.source());
    }

    private void add(String field, String a, String b) {
        if (!Objects.equals(a, b)) {
            metadata.add(new MetadataChange(field, a, b));
        }
    }

    private void compareFindings() {
        Map<String, Baseline.AcceptedFinding> old = new LinkedHashMap<>();
        before.findings().forEach(f -> old.put(f.id(), f));
        for (Baseline.AcceptedFinding f : after.findings()) {
            Baseline.AcceptedFinding was = old.remove(f.id());
            if (was == null) {
                findingsAdded.add(f);
            } else {
                List<String> fields = new ArrayList<>();
                if (!Objects.equals(was.check(), f.check())) {
                    fields.add("check");
                }
                if (!Objects.equals(was.severity(), f.severity())) {
                    fields.add("severity");
                }
                if (!Objects.equals(was.resource(), f.resource())) {
                    fields.add("resource");
                }
                if (!Objects.equals(was.path(), f.path())) {
                    fields.add("path");
                }
                if (!Objects.equals(was.observed(), f.observed())) {
                    fields.add("observed");
                }
                if (!Objects.equals(was.expected(), f.expected())) {
                    fields.add("expected");
                }
                if (!fields.isEmpty()) {
                    findingsChanged.add(new FindingChange(was, f, fields));
                }
            }
        }
        findingsRemoved.addAll(old.values());
    }

    private void compareFingerprints() {
        Map<Object, Fingerprint> old = new LinkedHashMap<>();
        before.fingerprints().forEach(f -> old.put(f.key(), f));
        for (Fingerprint f : after.fingerprints()) {
            Fingerprint was = old.remove(f.key());
            if (was == null) {
                fingerprintsAdded.add(f);
            } else {
                List<FieldChange> changes = FieldChange.between(was.fields(), f.fields());
                if (!changes.isEmpty()) {
                    fingerprintsChanged.add(new FingerprintChange(was, f, changes));
                }
            }
        }
        fingerprintsRemoved.addAll(old.values());
    }

    /** Same cluster, same accepted findings (and evidence), same fingerprints. */
    public boolean identical() {
        return metadata.stream().noneMatch(m -> m.field().equals("cluster"))
                && findingsAdded.isEmpty()
                && findingsRemoved.isEmpty()
                && findingsChanged.isEmpty()
                && fingerprintsAdded.isEmpty()
                && fingerprintsRemoved.isEmpty()
                && fingerprintsChanged.isEmpty();
    }

    public List<MetadataChange> metadata() {
        return List.copyOf(metadata);
    }

    public List<Baseline.AcceptedFinding> findingsAdded() {
        return List.copyOf(findingsAdded);
    }

    public List<Baseline.AcceptedFinding> findingsRemoved() {
        return List.copyOf(findingsRemoved);
    }

    public List<FindingChange> findingsChanged() {
        return List.copyOf(findingsChanged);
    }

    public List<Fingerprint> fingerprintsAdded() {
        return List.copyOf(fingerprintsAdded);
    }

    public List<Fingerprint> fingerprintsRemoved() {
        return List.copyOf(fingerprintsRemoved);
    }

    public List<FingerprintChange> fingerprintsChanged() {
        return List.copyOf(fingerprintsChanged);
    }

    // ---- text

    /** The readable report; {@code beforeName}/{@code afterName} name the two files. */
    public String text(String beforeName, String afterName) {
        StringBuilder out = new StringBuilder();
        out.append("--- ")
                .append(beforeName)
                .append("  ")
                .append(summary(before))
                .append('\n');
        out.append("+++ ").append(afterName).append("  ").append(summary(after)).append('\n');
        if (!metadata.isEmpty()) {
            out.append("\nmetadata\n");
            for (MetadataChange m : metadata) {
                out.append("  ")
                        .append(m.field())
                        .append(": ")
                        .append(FieldChange.orAbsent(m.before()))
                        .append(" -> ")
                        .append(FieldChange.orAbsent(m.after()))
                        .append('\n');
            }
        }
        if (!findingsAdded.isEmpty() || !findingsRemoved.isEmpty() || !findingsChanged.isEmpty()) {
            out.append("\nfindings: ")
                    .append(findingsAdded.size())
                    .append(" accepted now, ")
                    .append(findingsRemoved.size())
                    .append(" no longer, ")
                    .append(findingsChanged.size())
                    .append(" with other evidence (")
                    .append(before.findings().size())
                    .append(" -> ")
                    .append(after.findings().size())
                    .append(")\n");
            findingsAdded.forEach(f -> out.append("  + ").append(line(f)).append('\n'));
            findingsRemoved.forEach(f -> out.append("  - ").append(line(f)).append('\n'));
            for (FindingChange c : findingsChanged) {
                out.append("  ~ ").append(line(c.after())).append('\n');
                for (String field : c.fields()) {
                    out.append("      ")
                            .append(field)
                            .append(": ")
                            .append(value(c.before(), field))
                            .append(" -> ")
                            .append(value(c.after(), field))
                            .append('\n');
                }
            }
        }
        if (!fingerprintsAdded.isEmpty() || !fingerprintsRemoved.isEmpty() || !fingerprintsChanged.isEmpty()) {
            out.append("\nfingerprints: ")
                    .append(fingerprintsAdded.size())
                    .append(" added, ")
                    .append(fingerprintsRemoved.size())
                    .append(" removed, ")
                    .append(fingerprintsChanged.size())
                    .append(" changed (")
                    .append(before.fingerprints().size())
                    .append(" -> ")
                    .append(after.fingerprints().size())
                    .append(")\n");
            fingerprintsAdded.forEach(
                    f -> out.append("  + ").append(f.display()).append('\n'));
            fingerprintsRemoved.forEach(
                    f -> out.append("  - ").append(f.display()).append('\n'));
            for (FingerprintChange c : fingerprintsChanged) {
                out.append("  ~ ")
                        .append(c.after().display())
                        .append(": ")
                        .append(String.join(
                                ", ",
                                c.changes().stream().map(FieldChange::field).toList()))
                        .append('\n');
                c.changes()
                        .forEach(
                                fc -> out.append("      ").append(fc.describe()).append('\n'));
            }
        }
        out.append('\n');
        if (identical()) {
            out.append(
                    metadata.isEmpty()
                            ? "identical\n"
                            : "identical content (only when, by whom or from what it was" + " captured differs)\n");
        } else {
            int n = (metadata.stream().anyMatch(m -> m.field().equals("cluster")) ? 1 : 0)
                    + findingsAdded.size()
                    + findingsRemoved.size()
                    + findingsChanged.size()
                    + fingerprintsAdded.size()
                    + fingerprintsRemoved.size()
                    + fingerprintsChanged.size();
            out.append("different: ").append(n).append(n == 1 ? " change\n" : " changes\n");
        }
        return out.toString();
    }

    private static String summary(Baseline b) {
        Baseline.Metadata m = b.metadata();
        return "cluster " + FieldChange.orAbsent(m.cluster()) + ", captured "
                + (m.capturedAt() == null ? FieldChange.ABSENT : m.capturedAt().toString())
                + (m.capturedBy() == null ? "" : " by " + m.capturedBy())
                + (m.source() == null ? "" : " from " + m.source())
                + " (" + b.findings().size() + " findings, " + b.fingerprints().size() + " fingerprints, digest "
                + (b.digest() == null
                        ? "none"
                        : b.digest().substring(0, Math.min(12, b.digest().length()))) + ")";
    }

    private static String line(Baseline.AcceptedFinding f) {
        String resource = f.resource() == null ? "?" : f.resource().display();
        return String.format(
                "%-8s  %s  %s  %s", f.severity() == null ? "?" : f.severity().label(), f.check(), resource, f.path());
    }

    private static String value(Baseline.AcceptedFinding f, String field) {
        Object v = switch (field) {
            case "check" -> f.check();
            case "severity" -> f.severity() == null ? null : f.severity().label();
            case "resource" -> f.resource() == null ? null : f.resource().display();
            case "path" -> f.path();
            case "observed" -> f.observed();
            default -> f.expected();
        };
        return v == null ? FieldChange.ABSENT : "\"" + v + "\"";
    }

    // ---- JSON

    /** {@code vigil baseline diff --format json}: the {@code vigil.baseline-diff/v1} document. */
    public ObjectNode json(String beforeName, String afterName) {
        ObjectNode doc = Canonical.NODES.objectNode();
        doc.put("schema", "vigil.baseline-diff/v1");
        doc.put("identical", identical());
        doc.set("old", side(before, beforeName));
        doc.set("new", side(after, afterName));
        ArrayNode meta = doc.putArray("metadata");
        metadata.forEach(m ->
                meta.addObject().put("field", m.field()).put("old", m.before()).put("new", m.after()));
        ObjectNode findings = doc.putObject("findings");
        ArrayNode added = findings.putArray("added");
        findingsAdded.forEach(f -> added.add(BaselineCodec.finding(f)));
        ArrayNode removed = findings.putArray("removed");
        findingsRemoved.forEach(f -> removed.add(BaselineCodec.finding(f)));
        ArrayNode changed = findings.putArray("changed");
        for (FindingChange c : findingsChanged) {
            ObjectNode o = changed.addObject().put("id", c.after().id());
            ArrayNode fields = o.putArray("fields");
            c.fields().forEach(fields::add);
            o.set("old", BaselineCodec.finding(c.before()));
            o.set("new", BaselineCodec.finding(c.after()));
        }
        ObjectNode fingerprints = doc.putObject("fingerprints");
        ArrayNode fAdded = fingerprints.putArray("added");
        fingerprintsAdded.forEach(f -> fAdded.add(identity(f)));
        ArrayNode fRemoved = fingerprints.putArray("removed");
        fingerprintsRemoved.forEach(f -> fRemoved.add(identity(f)));
        ArrayNode fChanged = fingerprints.putArray("changed");
        for (FingerprintChange c : fingerprintsChanged) {
            ObjectNode o = identity(c.after());
            ArrayNode fields = o.putArray("fields");
            c.changes()
                    .forEach(fc -> fields.addObject()
                            .put("field", fc.field())
                            .put("old", fc.baseline())
                            .put("new", fc.current())
                            .put("diff", fc.describe()));
            fChanged.add(o);
        }
        return doc;
    }

    private static ObjectNode side(Baseline b, String name) {
        ObjectNode o = Canonical.NODES.objectNode();
        o.put("file", name);
        o.put("cluster", b.metadata().cluster());
        o.put(
                "capturedAt",
                b.metadata().capturedAt() == null
                        ? null
                        : b.metadata().capturedAt().toString());
        o.put("capturedBy", b.metadata().capturedBy());
        o.put("source", b.metadata().source());
        o.put("digest", b.digest());
        o.put("findings", b.findings().size());
        o.put("fingerprints", b.fingerprints().size());
        return o;
    }

    private static ObjectNode identity(Fingerprint f) {
        ObjectNode o = Canonical.NODES.objectNode();
        o.put("apiVersion", f.apiVersion());
        o.put("kind", f.kind());
        o.put("namespace", f.namespace());
        o.put("name", f.name());
        return o;
    }
}
