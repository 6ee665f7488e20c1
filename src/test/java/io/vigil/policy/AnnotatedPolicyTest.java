package io.vigil.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.check.AuditSettings;
import io.vigil.model.Finding;
import io.vigil.model.KubeObject;
import io.vigil.model.ResourceRef;
import io.vigil.model.Suppression;
import io.vigil.pipeline.FindingPolicy;
import io.vigil.scan.ManifestClusterView;
import io.vigil.testing.LogCapture;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnnotatedPolicyTest {
    private static final Instant NOW = ExceptionSetTest.NOW;
    private static final Finding HOST_PORT =
            ExceptionSetTest.finding("host-port", "apps/v1", "Deployment", "shop", "api");
    private static final Map<String, String> COMPLETE = Map.of(
            AnnotationExemptions.EXEMPT, "host-port",
            AnnotationExemptions.REASON, "node port until TASK-812",
            AnnotationExemptions.OWNER, "platform-team@example.com",
            AnnotationExemptions.EXPIRES, "2026-06-30");

    @Test
    void aCompleteAnnotationSetSuppressesTheObjectsFinding() {
        AnnotatedPolicy policy = policyOver(
                FindingPolicy.NONE,
                Map.of(
                        AnnotationExemptions.EXEMPT, "host-port",
                        AnnotationExemptions.REASON, "node port until TASK-812",
                        AnnotationExemptions.OWNER, "platform-team@example.com",
                        AnnotationExemptions.EXPIRES, "2026-06-30"));

        assertThat(policy.suppression(HOST_PORT, NOW))
                .contains(new Suppression(
                        "annotation:Deployment/shop/api:host-port", Instant.parse("2026-06-30T00:00:00Z")));
        assertThat(policy.suppression(HOST_PORT, Instant.parse("2026-07-01T00:00:00Z")))
                .as("expired: open again")
                .isEmpty();
    }

    @Test
    void anIncompleteSetIsOneErrorLineNamingTheObjectAndSuppressesNothing() {
        AnnotatedPolicy policy = policyOver(
                FindingPolicy.NONE,
                Map.of(AnnotationExemptions.EXEMPT, "host-port", AnnotationExemptions.REASON, "no owner, no expiry"));
        try (LogCapture logs = LogCapture.start(AnnotatedPolicy.class.getName())) {
            assertThat(policy.suppression(HOST_PORT, NOW)).isEmpty();
            assertThat(policy.over(FindingPolicy.NONE).suppression(HOST_PORT, NOW))
                    .isEmpty();

            assertThat(logs.messages())
                    .singleElement()
                    .satisfies(m -> assertThat(m)
                            .contains("Deployment shop/api")
                            .contains(AnnotationExemptions.OWNER + ", " + AnnotationExemptions.EXPIRES)
                            .contains("its findings stay open"));
        }
    }

    @Test
    void theCoverThatExpiresLastWins() {
        AuditPolicy file = new AuditPolicy(
                Optional.empty(),
                ExceptionSet.of(List.of(ExceptionSetTest.entry(
                        "file-entry", "host-port", "shop", null, null, "2026-12-31T00:00:00Z"))));
        AnnotatedPolicy policy = policyOver(
                file,
                Map.of(
                        AnnotationExemptions.EXEMPT, "host-port",
                        AnnotationExemptions.REASON, "r",
                        AnnotationExemptions.OWNER, "o@example.com",
                        AnnotationExemptions.EXPIRES, "2026-06-30"));

        assertThat(policy.suppression(HOST_PORT, NOW))
                .contains(new Suppression("file-entry", Instant.parse("2026-12-31T00:00:00Z")));
    }

    private static AnnotatedPolicy policyOver(FindingPolicy base, Map<String, String> annotations) {
        ObjectNode body = new ObjectMapper().createObjectNode();
        ObjectNode meta =
                body.put("apiVersion", "apps/v1").put("kind", "Deployment").putObject("metadata");
        meta.put("name", "api").put("namespace", "shop");
        annotations.forEach(meta.putObject("annotations")::put);
        KubeObject deployment =
                new KubeObject(new ResourceRef("apps/v1", "Deployment", "shop", "api", null), body, null);
        return new AnnotatedPolicy(
                base, new ManifestClusterView(List.of(deployment), AuditSettings.defaults()), Set.of("host-port"));
    }
}
