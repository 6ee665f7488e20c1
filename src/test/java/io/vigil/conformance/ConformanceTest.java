package io.vigil.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.check.AuditSettings;
import io.vigil.checks.BuiltInChecks;
import io.vigil.conformance.PeerMapping.Decision;
import io.vigil.conformance.PeerMapping.Kind;
import io.vigil.model.Finding;
import io.vigil.scan.ManifestReader;
import io.vigil.scan.ScanReport;
import io.vigil.scan.Scanner;
import io.vigil.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conformance with the peer corpus (DESIGN §12): scans every case of {@code ../shared/corpus/INDEX.tsv}
 * with all of Vigil's checks, compares Vigil's verdict on the mapped check(s) ({@link PeerMapping}) with the
 * peer's, and renders {@code docs/conformance.md}. Fails when a disagreement on a peer source has no reviewed
 * reason ({@link DisagreementReasons}), when PSS agreement on the pod-security-admission fixtures is below
 * 100%, or when {@code docs/conformance.md} is not what this test renders. Run with
 * {@code -Dvigil.conformance.write=true} to rewrite the file.
 */
class ConformanceTest {
    static final List<String> PEERS = List.of("kubeaudit", "polaris", "kube-score", "pod-security-admission");
    static final List<String> APPS =
            List.of("microservices-demo", "istio-bookinfo", "dapr-quickstarts", "kubernetes-website");
    static final Path DOC = Path.of("docs/conformance.md");
    static final Path RENDERED = Path.of("target/conformance.md");
    static final String WRITE_PROPERTY = "vigil.conformance.write";

    /** One line of INDEX.tsv. */
    record Row(
            String source,
            String path,
            String kinds,
            String family,
            String expected,
            String checkId,
            String config,
            String note) {
        String key() {
            return source + ":" + path;
        }
    }

    /** A row with both verdicts. {@code vigil} is null when the row is not compared. */
    record Result(
            Row row,
            Decision decision,
            String peer,
            String vigil,
            Set<String> fired,
            int objects,
            List<String> inputErrors) {
        boolean compared() {
            return peer != null && vigil != null;
        }

        boolean agrees() {
            return compared() && peer.equals(vigil);
        }

        boolean disagrees() {
            return compared() && !peer.equals(vigil);
        }
    }

    /**
     * One object-level line of an application's {@code EXPECTED.derived.tsv} (a reading, not an oracle): Vigil
     * fails it when a mapped check reports that object (and that container, when the line names one).
     */
    record ObjectResult(String source, String family, String check, String peer, String vigil) {}

    private static final Map<String, ScanReport> SCANS = new HashMap<>();
    private static List<Result> results;
    private static String rendered;

    @BeforeAll
    static void compare() throws IOException {
        Path corpus = SharedData.require("corpus");
        List<Result> all = new ArrayList<>();
        for (Row row : readIndex(corpus.resolve("INDEX.tsv"))) {
            if (PEERS.contains(row.source()) || APPS.contains(row.source())) {
                all.add(evaluate(corpus, row));
            }
        }
        all.sort(Comparator.comparing((Result r) -> sourceOrder(r.row().source()))
                .thenComparing(r -> r.row().path())
                .thenComparing(r -> r.row().checkId())
                .thenComparing(r -> r.row().family()));
        results = List.copyOf(all);
        List<ObjectResult> objects = new ArrayList<>();
        for (String app : APPS) {
            objects.addAll(readingPerObject(corpus.resolve(app)));
        }
        rendered = ConformanceDoc.render(results, objects);
        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            Files.writeString(DOC, rendered, StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyDisagreementWithAPeerHasAReviewedReason() {
        List<String> unexplained = results.stream()
                .filter(r -> r.disagrees() && PEERS.contains(r.row().source()))
                .filter(r -> DisagreementReasons.reasonFor(r) == null)
                .map(r ->
                        r.row().source() + " " + r.row().path() + " [" + r.row().checkId() + "] peer=" + r.peer()
                                + " vigil=" + r.vigil() + " fired=" + r.fired() + " errors=" + r.inputErrors())
                .toList();
        assertThat(unexplained)
                .as("disagreements without a reviewed reason (fix the check, or add a reason citing"
                        + " DESIGN §4 or the semantics decision to DisagreementReasons)")
                .isEmpty();
    }

    @Test
    void everyReasonStillExplainsADisagreement() {
        assertThat(DisagreementReasons.unused(results))
                .as("reasons that match no disagreement: remove them")
                .isEmpty();
    }

    @Test
    void pssAgreementOnThePodSecurityAdmissionFixturesIs100Percent() {
        for (String level : List.of("baseline", "restricted")) {
            List<Result> pss = results.stream()
                    .filter(r -> r.decision().kind() == Kind.PSS
                            && level.equals(r.decision().pssLevel()))
                    .toList();
            assertThat(pss).as("pod-security-admission %s fixtures", level).isNotEmpty();
            assertThat(pss.stream()
                            .filter(r -> !r.agrees())
                            .map(r -> r.row().path() + " peer=" + r.peer() + " vigil=" + r.vigil() + " fired="
                                    + r.fired())
                            .toList())
                    .as("PSS %s agreement must be 100%%", level)
                    .isEmpty();
        }
    }

    @Test
    void docsConformanceMdIsWhatTheTestRenders() throws IOException {
        String current = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
        if (!current.equals(rendered)) {
            Files.createDirectories(RENDERED.getParent());
            Files.writeString(RENDERED, rendered, StandardCharsets.UTF_8);
        }
        assertThat(current)
                .as(DOC + " is stale (the current rendering is in " + RENDERED + "): regenerate it with"
                        + " 'mvn -B -q test -Dtest=ConformanceTest -D" + WRITE_PROPERTY + "=true'")
                .isEqualTo(rendered);
    }

    static int sourceOrder(String source) {
        int i = PEERS.indexOf(source);
        return i >= 0 ? i : PEERS.size() + APPS.indexOf(source);
    }

    private static Result evaluate(Path corpus, Row row) {
        Decision d = PeerMapping.decide(row.source(), row.family(), row.checkId(), row.config());
        String peer = PeerMapping.peerVerdict(row.source(), row.expected());
        if (d.kind() == Kind.NOT_IN_CATALOGUE || d.kind() == Kind.NO_VERDICT || peer == null) {
            return new Result(row, d, peer, null, Set.of(), 0, List.of());
        }
        ScanReport report = scan(corpus.resolve(row.source()), row.path(), d.settings());
        Set<String> fired = new TreeSet<>();
        for (Finding f : report.findings()) {
            if (d.kind() == Kind.PSS) {
                if (f.controls().contains("PSS:baseline")
                        || d.pssLevel().equals("restricted") && f.controls().contains("PSS:restricted")) {
                    fired.add(f.checkId());
                }
            } else {
                for (PeerMapping.Target t : d.targets()) {
                    if (t.matches(f)) {
                        fired.add(t.toString());
                    }
                }
            }
        }
        List<String> errors =
                report.errors().stream().map(e -> e.reason()).sorted().toList();
        String vigil = report.objects() == 0 ? "input error" : fired.isEmpty() ? "pass" : "fail";
        return new Result(row, d, peer, vigil, fired, report.objects(), errors);
    }

    private static List<ObjectResult> readingPerObject(Path sourceDir) throws IOException {
        String source = sourceDir.getFileName().toString();
        List<ObjectResult> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(sourceDir.resolve("EXPECTED.derived.tsv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split("\t", -1);
            String kind = c[1];
            String name = c[2];
            String container = c[3].substring(c[3].indexOf(':') + 1);
            List<PeerMapping.Target> targets = PeerMapping.derivedTargets(c[5]);
            String peer = PeerMapping.peerVerdict(source, c[6]);
            if (targets.isEmpty() || peer == null) {
                continue;
            }
            ScanReport report = scan(sourceDir, c[0], AuditSettings.defaults());
            boolean fired = report.findings().stream()
                    .anyMatch(f -> targets.stream().anyMatch(t -> t.matches(f))
                            && (kind.equals("(namespace)")
                                    ? f.resource().kind().equals("Namespace")
                                    : f.resource().kind().equals(kind)
                                            && f.resource().name().equals(name))
                            && (container.isEmpty() || f.path().contains("[name=" + container + "]")));
            out.add(new ObjectResult(source, c[4], c[5], peer, fired ? "fail" : "pass"));
        }
        return out;
    }

    private static ScanReport scan(Path sourceDir, String pathSpec, AuditSettings settings) {
        String key = sourceDir + "|" + pathSpec + "|" + settings;
        return SCANS.computeIfAbsent(key, k -> {
            ManifestReader reader = new ManifestReader("default");
            for (Path file : resolve(sourceDir, pathSpec)) {
                try {
                    String name = sourceDir.getFileName() + "/" + sourceDir.relativize(file);
                    reader.readBytes(name, Files.readAllBytes(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return new Scanner(BuiltInChecks.catalog(), settings).scan(reader.result(), Instant.EPOCH);
        });
    }

    /** A comma- or " + "-joined list of paths, each possibly a file-name glob, scored together. */
    static List<Path> resolve(Path sourceDir, String pathSpec) {
        Set<Path> files = new LinkedHashSet<>();
        for (String part : pathSpec.split(",| \\+ ")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            Path path = sourceDir.resolve(p);
            String name = path.getFileName().toString();
            if (name.contains("*")) {
                List<Path> matched = new ArrayList<>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(path.getParent(), name)) {
                    ds.forEach(matched::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                matched.stream().filter(Files::isRegularFile).sorted().forEach(files::add);
            } else {
                assertThat(path).as("corpus file of INDEX.tsv").isRegularFile();
                files.add(path);
            }
        }
        return List.copyOf(files);
    }

    static List<Row> readIndex(Path index) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(index, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] c = line.split("\t", -1);
            rows.add(new Row(c[0], c[1], c[2], c[3], c[4], c[5], c.length > 6 ? c[6] : "", c.length > 8 ? c[8] : ""));
        }
        return rows;
    }

    /** Counts of one source and family. */
    record Tally(int cases, int mapped, int agree, int disagree, int notInCatalogue, int noVerdict) {
        static Tally of(List<Result> results) {
            int mapped = 0;
            int agree = 0;
            int disagree = 0;
            int nic = 0;
            int nv = 0;
            for (Result r : results) {
                if (r.compared()) {
                    mapped++;
                    if (r.agrees()) {
                        agree++;
                    } else {
                        disagree++;
                    }
                } else if (r.decision().kind() == Kind.NOT_IN_CATALOGUE) {
                    nic++;
                } else {
                    nv++;
                }
            }
            return new Tally(results.size(), mapped, agree, disagree, nic, nv);
        }

        String agreement() {
            return mapped == 0 ? "—" : String.format(Locale.ROOT, "%.1f%%", 100.0 * agree / mapped);
        }
    }

    static Map<String, List<Result>> byFamily(List<Result> results) {
        return results.stream()
                .collect(Collectors.groupingBy(r -> r.row().family(), TreeMap::new, Collectors.toList()));
    }

    static Map<String, List<Result>> bySource(List<Result> results) {
        Map<String, List<Result>> out = new TreeMap<>(Comparator.comparing(ConformanceTest::sourceOrder));
        for (Result r : results) {
            out.computeIfAbsent(r.row().source(), s -> new ArrayList<>()).add(r);
        }
        return out;
    }
}
