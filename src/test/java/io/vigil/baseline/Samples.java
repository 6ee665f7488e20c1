package io.vigil.baseline;

import io.vigil.check.AuditSettings;
import io.vigil.checks.BuiltInChecks;
import io.vigil.model.KubeObject;
import java.time.Instant;
import java.util.List;

/** Test helper: a small cluster as manifests and its baseline. */
final class Samples {
    static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    static final String CLUSTER = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
              labels: {pod-security.kubernetes.io/enforce: restricted}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny, namespace: shop}
            spec:
              podSelector: {}
              policyTypes: [Ingress, Egress]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: ops}
            rules:
              - {apiGroups: [""], resources: [pods], verbs: [get, list]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: ops-admins}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ops}
            subjects:
              - {kind: Group, name: ops, apiGroup: rbac.authorization.k8s.io}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: shop}
            spec:
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec:
                  containers:
                    - name: api
                      image: shop/api:1.0
            """;

    private Samples() {}

    static List<KubeObject> objects() {
        return Manifests.objects(CLUSTER);
    }

    static Baseline baseline() {
        return baseline(objects());
    }

    static Baseline baseline(List<KubeObject> objects) {
        AuditSettings settings = AuditSettings.defaults();
        return BaselineCapture.capture(
                objects,
                BaselineCapture.evaluate(objects, BuiltInChecks.catalog(), settings),
                settings,
                BaselineCapture.metadata(settings, AT, "alice", "manifests: k8s/"));
    }
}
