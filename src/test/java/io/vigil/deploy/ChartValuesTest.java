package io.vigil.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Invalid values fail the rendering with a message naming the value (values.schema.json and template guards). */
class ChartValuesTest {
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "image.digest       | latest      | image.digest: Does not match pattern '^sha256:[a-f0-9]{64}$'",
                "replicas           | 0           | replicas: Must be greater than or equal to 1",
                "clusterName        | Prod_EU     | clusterName: Does not match pattern",
                "log.level          | loud        | log.level: log.level must be one of the following",
                "api.auth           | basic       | api.auth: api.auth must be one of the following",
                "kafka.enabled      | true        | kafka.bootstrapServers: Array must have at least 1 items",
                "http.port          | 70000       | http.port: Must be less than or equal to 65535",
                "rbac.optionalKinds.istio | true  | rbac.optionalKinds: Additional property istio is not allowed",
                "resources.limits.memory | lots   | resources.limits.memory: Must validate one and only one schema",
                "networkPolicy.apiServer.cidrs[0] | 10.0.0.1 | networkPolicy.apiServer.cidrs.0: Does not match pattern",
                "jvm.options[0]     | -Xmx1g -Xss1m | jvm.options.0: Does not match pattern",
                "jvm.options[0]     | -jar        | jvm.options: leave out -jar",
            })
    void anInvalidValueFailsNamingIt(String key, String value, String message) {
        Object typed = value.matches("[0-9]+") ? (Object) Integer.valueOf(value) : value;
        if ("true".equals(value)) {
            typed = Boolean.TRUE;
        }
        Object given = typed;

        assertThatThrownBy(() -> Chart.template(null, Map.of(key, given)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(message);
    }

    @Test
    void helmLintPassesWarningOnlyAboutTheNamespaceLintLeavesEmpty() {
        LintResult lint = new Helm(Chart.DIR).lint().call();

        // helm-java's lint passes no release namespace, so the Namespace object (named after it) has none
        // there; `helm template -n NS` and `helm install -n NS` always give one.
        assertThat(lint.getMessages())
                .filteredOn(m -> !m.startsWith("[INFO]"))
                .singleElement()
                .asString()
                .startsWith("[WARNING] templates/namespace.yaml: object name does not conform to Kubernetes naming"
                        + " requirements: \"\"");
        assertThat(lint.isFailed()).isFalse();
    }

    @Test
    void severalReplicasWithoutLeaderElectionFailNamingTheSetting() {
        assertThatThrownBy(() -> Chart.template(null, Map.of("replicas", 2)))
                .hasMessageContaining("replicas > 1 needs leaderElection.enabled=true");
    }

    @Test
    void anEnabledBaselineWithoutADocumentFailsNamingIt() {
        assertThatThrownBy(() -> Chart.template(null, Map.of("baseline.enabled", true)))
                .hasMessageContaining("baseline.document is required");
    }

    @Test
    void monitoringIsOffByDefaultAndOnWhenEnabled() {
        assertThat(Chart.render().ofKind("ServiceMonitor")).isEmpty();
        assertThat(Chart.render().ofKind("PrometheusRule")).isEmpty();
        Rendering on = Chart.render(Map.of("monitoring.enabled", true));
        assertThat(on.ofKind("ServiceMonitor")).hasSize(1);
        assertThat(on.ofKind("PrometheusRule")).hasSize(1);
    }
}
