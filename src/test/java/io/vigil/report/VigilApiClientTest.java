package io.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.Finding;
import io.vigil.model.FindingStatus;
import io.vigil.model.Suppression;
import io.vigil.model.TrackedFinding;
import io.vigil.testing.FakeVigilApi;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class VigilApiClientTest {
    static List<TrackedFinding> tracked() {
        List<TrackedFinding> out = new ArrayList<>();
        int i = 0;
        for (Finding f : TaskApi.scanFindings()) {
            Instant first = Instant.parse("2026-05-01T00:00:00Z").plusSeconds(60L * i++);
            Suppression s = f.checkId().equals("host-port")
                    ? new Suppression("task-api-dev-hostport", Instant.parse("2027-01-31T00:00:00Z"))
                    : null;
            out.add(new TrackedFinding(
                    f, new FindingStatus(first, TaskApi.NOW, f.checkId().startsWith("dapr-"), false, false, s)));
        }
        return out;
    }

    @Test
    void readsEveryPageWithTheTokenAndRoundTripsTheFindingShape() throws Exception {
        List<TrackedFinding> expected = tracked();
        try (FakeVigilApi api = FakeVigilApi.start(expected, "s3cret", 10)) {
            List<TrackedFinding> read = new VigilApiClient(URI.create(api.url() + "/"), "s3cret").findings();
            assertThat(read)
                    .containsExactlyElementsOf(expected.stream()
                            .sorted(Comparator.comparing(t -> t.finding().id()))
                            .toList());
            assertThat(api.requests()).hasSize(4);
            assertThat(api.requests().get(0)).isEqualTo("/api/v1/findings?limit=1000");
            assertThat(api.requests().get(1)).isEqualTo("/api/v1/findings?limit=1000&continue=p10");
        }
    }

    @Test
    void aRefusedTokenIsAClearError() throws Exception {
        try (FakeVigilApi api = FakeVigilApi.start(tracked(), "s3cret", 10)) {
            assertThatThrownBy(() -> new VigilApiClient(URI.create(api.url()), "wrong").findings())
                    .isInstanceOf(IOException.class)
                    .hasMessage("GET /api/v1/findings: HTTP 401: invalid bearer token");
        }
    }
}
