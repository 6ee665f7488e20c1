package io.vigil.report;

import java.time.Instant;

/**
 * What a report shows of the audited baseline (DESIGN §6): its digest and when and by whom it was captured.
 *
 * <p>Extension point: {@code vigil report} does not read baseline files yet (the baseline format lives in
 * {@code io.vigil.baseline}); wire it in {@code ReportCommand#baselineInfo()} by mapping the loaded baseline to
 * this record. Findings' {@code baselined} flags are used as given either way.
 *
 * @param capturedBy may be null
 */
public record BaselineInfo(String digest, Instant capturedAt, String capturedBy) {
}
