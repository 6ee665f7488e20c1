package io.vigil.checks.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vigil.check.AuditSettings;
import io.vigil.check.Check;
import io.vigil.check.Evaluator;
import io.vigil.model.Finding;
import io.vigil.model.KubeObject;
import io.vigil.model.Masking;
import io.vigil.model.ResourceRef;
import io.vigil.model.SecretDetector;
import io.vigil.scan.ManifestClusterView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretDetectorTest {
    private static final Masking KEY =
            Masking.keyed("secret-detector-test-key".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    // Test material only: shaped like real credentials, none of them valid.
    private static final String AWS_KEY_ID = "AKIA" + "Q3EGRIT2ZBNK7XW5";
    private static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "q8Vd3zLm2X";
    private static final String GITHUB = "ghp_" + "16C7e42F292c6912E7710c838347Ae178B4a";
    private static final String SLACK = "xoxb-" + "1234567890-abcdefghijklmnop";
    private static final String JWT =
            "eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0" + ".dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String PEM =
            "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn\n" + "-----END RSA PRIVATE KEY-----\n";
    private static final String CERT = "-----BEGIN CERTIFICATE-----\nMIIC/jCCAeagAwIBAgIBADANBgkqhkiG9w0BAQsF\n"
            + "ADAVMRMwEQYDVQQDEwprdWJlcm5ldGVzMB4XDTI0\n-----END CERTIFICATE-----\n";

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "DB_PASSWORD|hunter2",
                "password|abc123",
                "my_password|abc123",
                "dbPassword|s3cr3t",
                "AWS_SECRET_ACCESS_KEY|xxx",
                "AZURE_BATCH_KEY|xxx",
                "OCI_CLI_KEY_CONTENT|xxx",
                "API_KEY|k-1",
                "apiKey|abc",
                "GITHUB_TOKEN|abc",
                "accessToken|abc",
                "CLIENT_SECRET|abc",
                "JWT_SECRET|changeme",
                "SECRET_KEY_BASE|abc",
                "db.password|abc",
                "SMTP_PASS|abc",
                "tls.key|abc",
                "ENCRYPTION_KEY|abc",
                "REDIS_CREDENTIALS|user:pw"
            })
    void credentialNamesWithRealValues(String name, String value) {
        assertThat(SecretDetector.inspect(name, value)).isPresent();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "TOKEN_TTL|3600",
                "PASSWORD_FILE|/run/secrets/db",
                "SECRET_STORE|kubernetes",
                "REQUIRE_PASSWORD|true",
                "PASSWORD_MIN_LENGTH|12",
                "DB_PASSWORD|$(DB_PASSWORD_FROM_SECRET)",
                "API_TOKEN|${API_TOKEN}",
                "SESSION_SECRET|''",
                "GOOGLE_APPLICATION_CREDENTIALS|/var/secrets/google/key.json",
                "PWD|/app",
                "TOKEN_URL|https://auth.example.com/oauth/token",
                "TOKENIZERS_PARALLELISM|false",
                "secretName|db-creds",
                "PUBLIC_KEY|abc",
                "CACHE_KEY|user-sessions",
                "AWS_ACCESS_KEY_ID|from-instance-role",
                "passwordEncoder|bcrypt",
                "TOKEN_EXPIRY|24h",
                "SECRET_PATH|secret/data/app",
                "key|value",
                "greeting|hello",
                "user_name|postgres",
                "PORT|8080",
                "PRODUCT_CATALOG_SERVICE_ADDR|productcatalogservice:3550",
                "JAVA_OPTS|-Xmx512m -Dspring.profiles.active=prod",
                "LANG|en_US.UTF-8",
                "IMAGE|ghcr.io/org/image:1.2.3",
                "GIT_SHA|3f9c1e2d4b5a69788a7b6c5d4e3f2a1b0c9d8e7f",
                "REQUEST_ID|3fa85f64-5717-4562-b3fc-2c963f66afa6",
                "CLASS|org.apache.kafka.common.serialization.StringSerializer",
                "APP|ProductCatalogService3550",
                "TZ|Europe/Amsterdam-Central2024",
                "POD|my-app-5d8f7c9b6-x2x7q",
                "HOST|api.internal.example.com",
                "VERSION|v1.2.3-alpha.4+build.5678",
                "DATABASE_URL|postgres://app@db:5432/shop",
                "DATABASE_URL|postgres://app:$(DB_PASSWORD)@db:5432/shop",
                "WHEN|2024-01-15T10:00:00Z"
            })
    void nonSecrets(String name, String value) {
        assertThat(SecretDetector.inspect(name, value)).isEmpty();
    }

    @Test
    void valueShapesAreSecretWhateverTheName() {
        for (String value : List.of(
                AWS_KEY_ID,
                AWS_SECRET,
                GITHUB,
                SLACK,
                JWT,
                PEM,
                "postgres://app:Pa55w0rd@db:5432/shop",
                "https://hooks.slack.com/services/T0001/B0001/XXXXXXXXXXXXXXXXXXXX",
                "{\"type\": \"service_account\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEv\\n\"}",
                "---BEGIN OPENSSH PRIVATE KEY---\nxxxxx\n---END  OPENSSH PRIVATE KEY---\n",
                "Zm9vYmFyQmF6UXV4MTIzNDU2Nzg5MGFi")) {
            assertThat(SecretDetector.inspect("config", value)).as(value).isPresent();
        }
    }

    @Test
    void publicMaterialIsNotSecret() {
        assertThat(SecretDetector.inspect("ca.crt", CERT)).isEmpty();
        assertThat(SecretDetector.inspect("client_secret_cert", CERT)).isEmpty();
        assertThat(
                        SecretDetector.inspect(
                                "authorized_keys",
                                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ops@example\n"))
                .isEmpty();
        assertThat(SecretDetector.inspect(
                        "jwt.pub",
                        "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----"))
                .isEmpty();
        assertThat(SecretDetector.inspect("bundle.pem", CERT + PEM))
                .as("a private key next to a cert")
                .isPresent();
        assertThat(SecretDetector.inspect("app.yaml", CERT + "db:\n  password: hunter2\n"))
                .isPresent();
    }

    @Test
    void credentialsInsideConfigFiles() {
        assertThat(SecretDetector.inspect(
                        "application.properties", "server.port=8080\nspring.datasource.password=hunter2\n"))
                .get()
                .asString()
                .contains("spring.datasource.password")
                .doesNotContain("hunter2");
        assertThat(SecretDetector.inspect("JAVA_OPTS", "-Xmx1g -Ddb.password=hunter2"))
                .isPresent();
        assertThat(SecretDetector.inspect("config.json", "{\"token\": \"abc123\"}"))
                .isPresent();
        assertThat(SecretDetector.inspect(
                        "AZURE_STORAGE_CONNECTION_STRING",
                        "DefaultEndpointsProtocol=https;AccountName=shop;AccountKey=abc123;"))
                .isPresent();
        assertThat(SecretDetector.inspect(
                        "grafana.ini",
                        "[security]\n;admin_password = admin\n" + "admin_password_file = /etc/grafana/pw\n"))
                .isEmpty();
        assertThat(SecretDetector.inspect(
                        "app.yaml",
                        "db:\n  password: ${DB_PASSWORD}\n  passwordFile: /x\n" + "  token: \"\"\n  secretName: db\n"))
                .isEmpty();
        assertThat(SecretDetector.inspect("prometheus.yml", "bearer_token_file: /var/run/secrets/token\n"))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ProductCatalogService3550",
                "MyVeryLongConfigurationValue2",
                "kube-prometheus-stack",
                "abcdefghijklmnopqrstuvwxyz",
                "3f9c1e2d4b5a69788a7b6c5d4e3f2a1b0c9d8e7f",
                "AAAAAAAAAAAAAAAAAAAAAAAA1a"
            })
    void ordinaryLongStringsAreNotRandom(String value) {
        assertThat(SecretDetector.looksRandom(value)).isFalse();
    }

    @Test
    void randomTokensOfTwentyCharsOrMoreAreMostlyCaught() {
        java.util.Random random = new java.util.Random(42);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        int caught = 0;
        for (int i = 0; i < 1000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < 24; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            caught += SecretDetector.looksRandom(sb.toString()) ? 1 : 0;
        }
        assertThat(caught).isGreaterThan(950);
    }

    @Test
    void wordsSplitCamelCaseAndSeparators() {
        assertThat(SecretDetector.words("spring.datasource.dbPassword"))
                .containsExactly("spring", "datasource", "db", "password");
        assertThat(SecretDetector.words("AWS_SECRET_ACCESS_KEY")).containsExactly("aws", "secret", "access", "key");
        assertThat(SecretDetector.words("APIKey")).containsExactly("api", "key");
        assertThat(SecretDetector.words(null)).isEmpty();
    }

    @Test
    void noFindingTextContainsTheRawSecret() throws Exception {
        List<String> secrets = List.of("hunter2-Pa55", AWS_KEY_ID, AWS_SECRET, GITHUB, SLACK, JWT, "Pa55w0rd-db");
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: api, namespace: shop}
                spec:
                  template:
                    spec:
                      containers:
                        - name: api
                          image: shop/api:1.0
                          env:
                            - {name: DB_PASSWORD, value: "hunter2-Pa55"}
                            - {name: AWS_ACCESS_KEY_ID, value: "%s"}
                            - {name: AWS_SECRET_ACCESS_KEY, value: "%s"}
                            - {name: GH, value: "%s"}
                            - {name: SLACK, value: "%s"}
                            - {name: AUTH, value: "Bearer %s"}
                            - {name: DATABASE_URL, value: "postgres://app:Pa55w0rd-db@db/shop"}
                """.formatted(AWS_KEY_ID, AWS_SECRET, GITHUB, SLACK, JWT);
        String configMap = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: app, namespace: shop}
                data:
                  password: "hunter2-Pa55"
                  aws: "%s"
                  app.properties: "db.password=hunter2-Pa55\\ngithub=%s\\n"
                  slack: "%s"
                """.formatted(AWS_KEY_ID, GITHUB, SLACK);
        List<Finding> findings = new ArrayList<>();
        findings.addAll(run(new SecretLiteralEnv(), object("apps/v1", "Deployment", yaml)));
        findings.addAll(run(new SecretInConfigMap(), object("v1", "ConfigMap", configMap)));
        assertThat(findings).hasSize(11);
        for (Finding f : findings) {
            String text =
                    String.join("\n", f.path(), f.observed(), f.expected(), f.message(), f.title(), f.remediation());
            for (String secret : secrets) {
                assertThat(text).as("finding %s", f.path()).doesNotContain(secret);
            }
            assertThat(f.observed()).startsWith("<masked len=");
        }
        assertThat(findings.get(0).observed())
                .as("masked under the installation's key")
                .isEqualTo(KEY.mask("hunter2-Pa55"))
                .matches("<masked len=12 hmac=[0-9a-f]{8}>");
    }

    private static KubeObject object(String apiVersion, String kind, String yaml) throws Exception {
        return new KubeObject(
                new ResourceRef(apiVersion, kind, "shop", kind.equals("ConfigMap") ? "app" : "api", null),
                new ObjectMapper(new YAMLFactory()).readTree(yaml),
                null);
    }

    private static List<Finding> run(Check check, KubeObject o) {
        AuditSettings settings = AuditSettings.defaults().withMasking(KEY);
        Evaluator.Result r =
                new Evaluator(List.of(check), settings).evaluate(o, new ManifestClusterView(List.of(o), settings));
        assertThat(r.failures()).isEmpty();
        return r.findings();
    }
}
