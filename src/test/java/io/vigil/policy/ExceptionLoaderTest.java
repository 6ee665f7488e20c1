package io.vigil.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExceptionLoaderTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Set<String> CHECKS =
            Set.of("host-path-volume", "privileged-container", "secret-env-var", "netpol-no-default-deny-ingress");
    final ExceptionLoader loader = new ExceptionLoader(CHECKS, Clock.fixed(NOW, ZoneOffset.UTC));

    static String errors(LoadResult r) {
        return String.join("\n", r.errors().stream().map(Object::toString).toList());
    }

    @Test
    void aValidFileLoadsEveryFieldAndDatesMeanMidnightUtcAtTheirStart() {
        LoadResult r = loader.parse("exceptions.yaml", """
                apiVersion: vigil.io/v1
                kind: ExceptionList
                exceptions:
                  - id: legacy-hostpath
                    check: host-path-volume
                    scope: {namespace: "legacy-*", kind: DaemonSet, name: log-agent}
                    reason: node log shipper reads /var/log
                    owner: platform@example.com
                    ticket: SEC-1234
                    expires: 2026-06-30
                  - id: drift-ok
                    check: baseline-drift
                    reason: migration window
                    owner: sre
                    expires: 2026-04-01T09:30:00+02:00
                """);
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        List<ExceptionEntry> entries = r.exceptions().entries();
        assertThat(entries).extracting(ExceptionEntry::id).containsExactly("drift-ok", "legacy-hostpath");
        ExceptionEntry legacy = r.exceptions().get("legacy-hostpath").orElseThrow();
        assertThat(legacy.check()).isEqualTo("host-path-volume");
        assertThat(legacy.scope().describe()).isEqualTo("namespace=legacy-*, kind=DaemonSet, name=log-agent");
        assertThat(legacy.reason()).isEqualTo("node log shipper reads /var/log");
        assertThat(legacy.owner()).isEqualTo("platform@example.com");
        assertThat(legacy.ticket()).isEqualTo("SEC-1234");
        assertThat(legacy.expires()).isEqualTo(Instant.parse("2026-06-30T00:00:00Z"));
        assertThat(legacy.source().toString()).isEqualTo("exceptions.yaml:4");
        ExceptionEntry drift = r.exceptions().get("drift-ok").orElseThrow();
        assertThat(drift.scope()).isEqualTo(ExceptionScope.ANY);
        assertThat(drift.ticket()).isNull();
        assertThat(drift.expires()).isEqualTo(Instant.parse("2026-04-01T07:30:00Z"));
    }

    @Test
    void anInvalidEntryIsRejectedWithFileLineAndIdWhileTheOthersApply() {
        LoadResult r = loader.parse("exceptions.yaml", """
                apiVersion: vigil.io/v1
                kind: ExceptionList
                exceptions:
                  - id: a
                    check: privileged-container
                    reason: r
                    owner: o
                    expires: 2026-12-31
                  - id: b
                    check: secret-env-var
                    reason: r
                    owner: o
                    expires: 2026-12-31
                  - id: legacy-hostpath
                    check: host-path-volume
                    reason: r
                    expires: 2026-12-31
                """);
        assertThat(errors(r)).isEqualTo("exceptions.yaml:14: exceptions[2] (id \"legacy-hostpath\"): missing owner");
        assertThat(r.exceptions().entries()).extracting(ExceptionEntry::id).containsExactly("a", "b");
    }

    @Test
    void everyProblemOfAnEntryIsNamedOnItsOwnLine() {
        LoadResult r = loader.parse("x.yaml", """
                apiVersion: vigil.io/v1
                kind: ExceptionList
                exceptions:
                  - check: privileged-containr
                    reason: ""
                    owner: o
                    expires: next tuesday
                    scope: {namespce: prod}
                  - id: "bad id!"
                    check: host-path-volume
                    reason: r
                    owner: [a, b]
                    expires: 2026-01-01T00:00:00
                  - just a string
                """);
        assertThat(errors(r)).isEqualTo("""
                x.yaml:4: exceptions[0]: missing id
                x.yaml:4: exceptions[0]: unknown check "privileged-containr" (see 'vigil checks')
                x.yaml:5: exceptions[0]: missing reason
                x.yaml:7: exceptions[0]: expires must be an RFC 3339 timestamp (2026-06-30T12:00:00Z) or a date \
                (2026-06-30), got "next tuesday"
                x.yaml:8: exceptions[0]: unknown field "scope.namespce" (expected scope.namespace, scope.kind, scope.name)
                x.yaml:9: exceptions[1] (id "bad id!"): id must be letters, digits, '.', '_' or '-'
                x.yaml:12: exceptions[1] (id "bad id!"): owner must be a single value, not a list
                x.yaml:13: exceptions[1] (id "bad id!"): expires must be an RFC 3339 timestamp (2026-06-30T12:00:00Z) \
                or a date (2026-06-30), got "2026-01-01T00:00:00"
                x.yaml:14: exceptions[2]: expected a mapping with id, check, scope, reason, owner, ticket, expires""");
        assertThat(r.exceptions().isEmpty()).isTrue();
    }

    @Test
    void duplicateIdsNameEveryEntryAndRejectThemAll() {
        LoadResult r = loader.parse("e.yaml", """
                apiVersion: vigil.io/v1
                kind: ExceptionList
                exceptions:
                  - {id: same, check: privileged-container, reason: r, owner: o, expires: 2026-12-31}
                  - {id: other, check: privileged-container, reason: r, owner: o, expires: 2026-12-31}
                  - {id: same, check: host-path-volume, reason: r, owner: o, expires: 2026-12-31}
                """);
        assertThat(errors(r)).isEqualTo("""
                e.yaml:4: exceptions[0] (id "same"): duplicate id (also exceptions[2] on line 6); every entry with \
                this id is rejected
                e.yaml:6: exceptions[2] (id "same"): duplicate id (also exceptions[0] on line 4); every entry with \
                this id is rejected""");
        assertThat(r.exceptions().entries()).extracting(ExceptionEntry::id).containsExactly("other");
    }

    @Test
    void unknownFieldsAndRepeatedKeysRejectTheEntry() {
        LoadResult r = loader.parse("e.yaml", """
                apiVersion: vigil.io/v1
                kind: ExceptionList
                exceptions:
                  - id: a
                    check: privileged-container
                    reason: r
                    owner: o
                    owner: p
                    onwer: q
                    expires: 2026-12-31
                """);
        assertThat(errors(r)).isEqualTo("""
                e.yaml:8: exceptions[0] (id "a"): field "owner" is set twice
                e.yaml:9: exceptions[0] (id "a"): unknown field "onwer" (expected id, check, scope, reason, owner, \
                ticket, expires)""");
        assertThat(r.exceptions().isEmpty()).isTrue();
    }

    @Test
    void expiredEntriesLoadWithAWarning() {
        LoadResult r = loader.parse("e.yaml", """
                apiVersion: vigil.io/v1
                kind: ExceptionList
                exceptions:
                  - id: old
                    check: privileged-container
                    reason: r
                    owner: o
                    expires: 2026-03-01T12:00:00Z
                """);
        assertThat(r.errors()).isEmpty();
        assertThat(r.exceptions().entries()).extracting(ExceptionEntry::id).containsExactly("old");
        assertThat(r.warnings())
                .extracting(Object::toString)
                .containsExactly(
                        "e.yaml:8: exceptions[0] (id \"old\"): "
                                + "expired 2026-03-01T12:00:00Z (still loaded: findings it covered are reported as EXCEPTION_EXPIRED)");
    }

    @Test
    void fileLevelProblems() {
        assertThat(errors(loader.parse("e.yaml", "apiVersion: v1\nkind: List\nexceptions: []\n")))
                .isEqualTo("""
                e.yaml:1: apiVersion must be vigil.io/v1, got "v1"
                e.yaml:2: kind must be ExceptionList, got "List\"""");
        assertThat(errors(loader.parse("e.yaml", "apiVersion: vigil.io/v1\nkind: ExceptionList\n")))
                .isEqualTo("e.yaml:1: missing exceptions (an empty list is written exceptions: [])");
        assertThat(errors(loader.parse("e.yaml", "apiVersion: vigil.io/v1\nkind: ExceptionList\nexceptions: {}\n")))
                .isEqualTo("e.yaml:3: exceptions must be a list");
        assertThat(errors(loader.parse("e.yaml", "apiVersion: vigil.io/v1\nkind: ExceptionList\nexceptions: [\n")))
                .startsWith("e.yaml:3: not valid YAML: ");
        assertThat(errors(loader.parse("e.yaml", "")))
                .isEqualTo("e.yaml: empty file: expected apiVersion: vigil.io/v1, kind: ExceptionList");
        assertThat(errors(loader.parse(
                        "e.yaml", "apiVersion: vigil.io/v1\nkind: ExceptionList\nexceptions: []\n---\na: 1\n")))
                .isEqualTo("e.yaml:5: only one YAML document is allowed");
        LoadResult empty = loader.parse("e.yaml", "apiVersion: vigil.io/v1\nkind: ExceptionList\nexceptions: []\n");
        assertThat(empty.errors()).isEmpty();
        assertThat(empty.exceptions().isEmpty()).isTrue();
    }

    @Test
    void loadsFromAPathAndNamesAMissingFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("exceptions.yaml");
        Files.writeString(
                file,
                "apiVersion: vigil.io/v1\nkind: ExceptionList\nexceptions:\n"
                        + "  - {id: a, check: privileged-container, reason: r, owner: o, expires: 2027-01-01}\n");
        LoadResult r = loader.load(file);
        assertThat(r.errors()).isEmpty();
        assertThat(r.exceptions().get("a").orElseThrow().source().toString()).isEqualTo(file + ":4");
        assertThat(errors(loader.load(dir.resolve("nope.yaml"))))
                .isEqualTo(dir.resolve("nope.yaml") + ": no such file");
    }

    @Test
    void expiryFormats() {
        assertThat(ExceptionLoader.parseExpiry("2026-06-30")).isEqualTo(Instant.parse("2026-06-30T00:00:00Z"));
        assertThat(ExceptionLoader.parseExpiry("2026-06-30T10:00:00Z"))
                .isEqualTo(Instant.parse("2026-06-30T10:00:00Z"));
        assertThat(ExceptionLoader.parseExpiry("2026-06-30t10:00:00.5z"))
                .isEqualTo(Instant.parse("2026-06-30T10:00:00.500Z"));
        assertThat(ExceptionLoader.parseExpiry("2026-06-30 10:00:00-05:00"))
                .isEqualTo(Instant.parse("2026-06-30T15:00:00Z"));
        assertThat(ExceptionLoader.parseExpiry("2026-06-30T10:00:00")).isNull();
        assertThat(ExceptionLoader.parseExpiry("2026-13-01")).isNull();
        assertThat(ExceptionLoader.parseExpiry("tomorrow")).isNull();
    }
}
