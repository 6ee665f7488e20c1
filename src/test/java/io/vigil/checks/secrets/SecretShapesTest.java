package io.vigil.checks.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.SecretDetector;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every value shape SecretDetector knows, each with a value that fires and a near miss that must not, under
 * a name that says nothing (so the name rule cannot help). Test material only: shaped like real
 * credentials, none valid. The fixtures {@code secret-literal-env/fail-every-value-shape.yaml} and
 * {@code pass-value-shape-near-misses.yaml} run the same values through the check.
 */
class SecretShapesTest {
    record Shape(String label, String fires, String nearMiss) {
        @Override
        public String toString() {
            return label;
        }
    }

    static final List<Shape> SHAPES = List.of(
            new Shape(
                    "a GCP service account key",
                    "{\"type\": \"service_account\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADAN\\n\"}",
                    "{\"type\": \"service_account\", \"private_key_id\": \"\", \"client_email\": \"ci@shop.iam.gserviceaccount.com\"}"),
            new Shape(
                    "a private key block",
                    "-----BEGIN EC PRIVATE KEY-----\\nMHcCAQEEIBLAH\\n-----END EC PRIVATE KEY-----",
                    "-----BEGIN PUBLIC KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\\n-----END PUBLIC KEY-----"),
            new Shape("an AWS access key id", "AKIAQ3EGRIT2ZBNK7XW5", "AKIAEXAMPLE"),
            new Shape("a GitHub token", "ghp_16C7e42F292c6912E7710c838347Ae178B4a", "ghp_short"),
            new Shape("a GitLab token", "glpat-wMe4LbyoVFz8uZdZv8Fu", "glpat-xxxx"),
            new Shape("a Slack token", "xoxb-1234567890-abcdefghijklmnop", "xoxb-123"),
            new Shape(
                    "a Slack webhook URL",
                    "https://hooks.slack.com/services/T0001/B0001/XXXXXXXXXXXXXXXXXXXX",
                    "https://hooks.slack.com/services/"),
            new Shape("a Google API key", "AIzaCauSDmLhuVtcqcYezdZ-tDDj8hYs5suKcNd", "AIzaShort"),
            new Shape("a Stripe live key", "sk_live_eMVNen5n1Ae6pWzpF1qH6Yyt", "sk_live_demo"),
            new Shape("an npm token", "npm_8XnBE3NnYJoQ9WmXeHH2fdeeTFJGvVvQe1sK", "npm_config_registry"),
            new Shape(
                    "a PyPI token",
                    "pypi-AgEIcHlwaS5vcmc-HbkQfyy-KV5zjR3j1twdTKWTddB_XhkAS1voQG6yyzyN9zHYIa4UOrGNATM",
                    "pypi-mirror-cache"),
            new Shape(
                    "an Azure storage account key",
                    "pTyGJMuHbEL31IeL2HPcHyGcFRl1SPnXNYvMIHa/2o76umfXfKm/r5kJP1VrT+1FJors/6ILi8IHn5kxsC7tVO==",
                    "DefaultEndpointsProtocol=https;AccountName=shop;AccountKey=${STORAGE_KEY};EndpointSuffix=core.windows.net"),
            new Shape(
                    "a JSON Web Token",
                    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk",
                    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0"),
            new Shape(
                    "a URL with an embedded password",
                    "postgres://app:Pa55w0rd@db:5432/shop",
                    "postgres://app:$(DB_PASSWORD)@db:5432/shop"),
            new Shape("a Bearer token", "Bearer abc123def456ghi7", "Bearer ${API_TOKEN}"),
            new Shape("Basic credentials", "Basic YWRtaW46aHVudGVyMg==", "Basic realm=\"registry\""));

    static Stream<Shape> shapes() {
        return SHAPES.stream();
    }

    @Test
    void everyShapeHasAFiringCaseAndANearMiss() {
        assertThat(SHAPES.stream().map(Shape::label)).containsExactlyInAnyOrderElementsOf(SecretDetector.valueShapes());
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void firesWithTheShapeAsItsReason(Shape shape) {
        assertThat(SecretDetector.inspect("config", shape.fires()))
                .hasValueSatisfying(
                        reason -> assertThat(reason).endsWith(shape.label()).doesNotContain(shape.fires()));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void theNearMissStaysQuiet(Shape shape) {
        assertThat(SecretDetector.inspect("config", shape.nearMiss())).isEmpty();
    }
}
