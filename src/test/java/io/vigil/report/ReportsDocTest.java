package io.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/reports.md documents the checklist mapping the code applies; this keeps them the same. */
class ReportsDocTest {
    @Test
    void theChecklistMappingInTheDocsIsTheOneInTheCode() throws Exception {
        String doc = Files.readString(Path.of("docs/reports.md"));
        assertThat(doc).contains(MarkdownRenderer.table(ChecklistReport.mappingTable()));
        for (String check : ChecklistPoint.OUTSIDE) {
            assertThat(doc).contains("`" + check + "`");
        }
    }
}
