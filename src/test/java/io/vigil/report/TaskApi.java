package io.vigil.report;

import io.vigil.check.AuditSettings;
import io.vigil.checks.BuiltInChecks;
import io.vigil.model.Finding;
import io.vigil.policy.ExceptionLoader;
import io.vigil.policy.ExceptionSet;
import io.vigil.policy.LoadResult;
import io.vigil.scan.ManifestReader;
import io.vigil.scan.Scanner;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** The Task API example (docs/examples/task-api) and its exceptions, at a fixed instant. */
final class TaskApi {
    static final String DIR = "docs/examples/task-api";
    static final Path EXCEPTIONS = Path.of("docs/examples/exceptions.yaml");
    static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");

    private TaskApi() {}

    /** The scan's findings, computed the way {@code vigil scan} does, independently of the report code. */
    static List<Finding> scanFindings() {
        ManifestReader reader = new ManifestReader("default").readPath(DIR, InputStream.nullInputStream());
        return new Scanner(BuiltInChecks.catalog(), AuditSettings.defaults())
                .scan(reader.result(), NOW)
                .findings();
    }

    static ExceptionSet exceptions() {
        LoadResult r =
                new ExceptionLoader(BuiltInChecks.catalog().ids(), Clock.fixed(NOW, ZoneOffset.UTC)).load(EXCEPTIONS);
        if (r.hasErrors()) {
            throw new AssertionError(r.errors());
        }
        return r.exceptions();
    }

    static ReportInput input(ExceptionSet exceptions) {
        return ReportInputs.fromManifests(
                List.of(DIR),
                InputStream.nullInputStream(),
                "default",
                BuiltInChecks.catalog(),
                AuditSettings.defaults(),
                exceptions,
                exceptions.isEmpty() ? null : EXCEPTIONS.toString(),
                NOW);
    }
}
