package io.vigil.report;

import java.time.Instant;

/**
 * What a report shows of the audited baseline (DESIGN §6): its digest and when and by whom it was captured
 * ({@code vigil report --baseline FILE}).
 *
 * @param capturedBy may be null
 */
public record BaselineInfo(String digest, Instant capturedAt, String capturedBy) {}
