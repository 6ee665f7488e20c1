package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testing.RealApiServer;
import io.vigil.testing.RealApiServerSetup;
import io.vigil.testing.VigilProcess;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leader election on, but the identity may read the cluster and not use the Lease (the chart's Role is not
 * bound to it): {@code vigil watch} refuses to start with one clear line naming the Lease and the verbs,
 * instead of running as a follower that can never lead.
 */
class RealApiServerLeaseForbiddenIT {
    @TempDir
    Path dir;

    @Test
    void withoutTheLeaseRoleVigilRefusesToStartAndNamesTheLease() throws Exception {
        try (RealApiServer server = RealApiServer.start(dir.resolve("k8s"))) {
            RealApiServerSetup.installVigilRbac(server);
            server.create("""
                    apiVersion: v1
                    kind: ServiceAccount
                    metadata: {name: outsider, namespace: vigil}
                    ---
                    apiVersion: rbac.authorization.k8s.io/v1
                    kind: ClusterRoleBinding
                    metadata: {name: outsider-reads}
                    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: vigil-read}
                    subjects: [{kind: ServiceAccount, name: outsider, namespace: vigil}]
                    """);
            String token = server.tokenFor(RealApiServerSetup.NAMESPACE, "outsider");
            Path kubeconfig = server.kubeconfig(dir.resolve("outsider.kubeconfig"), token, server.url());

            try (VigilProcess vigil = VigilProcess.start(
                    dir,
                    kubeconfig,
                    Map.of(
                            "VIGIL_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9",
                            "VIGIL_LEADER_ELECTION_ENABLED", "true"))) {
                assertThat(vigil.process().waitFor(90, TimeUnit.SECONDS)).isTrue();
                assertThat(vigil.process().exitValue()).isEqualTo(2);
                assertThat(vigil.log())
                        .contains("vigil: could not start: leader election is on but this identity may not get,"
                                + " create, update, patch Lease vigil/vigil-leader (grant get, create, update, patch"
                                + " on coordination.k8s.io leases in namespace vigil; the chart's Role does)")
                        .doesNotContain("Exception")
                        .doesNotContain(token);
            }
        }
    }
}
