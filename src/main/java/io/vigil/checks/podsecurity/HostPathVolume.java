package io.vigil.checks.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.support.Findings;
import io.vigil.check.support.Json;
import io.vigil.check.support.PodSpecCheck;
import io.vigil.check.support.PodSpecView;
import io.vigil.model.Kinds;
import io.vigil.model.Severity;
import java.util.List;

/**
 * PSS baseline "HostPath Volumes": a hostPath volume exposes the node's filesystem (container runtime
 * sockets, kubelet credentials) to the pod.
 */
public final class HostPathVolume extends PodSpecCheck {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("host-path-volume")
            .title("hostPath volume")
            .severity(Severity.HIGH)
            .family(Family.POD_SECURITY)
            .subjects(Kinds.POD_SPEC_KINDS)
            .controls("CIS:5.2.12")
            .remediation("replace the hostPath volume with an emptyDir, a ConfigMap/Secret or a PersistentVolumeClaim")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected void check(PodSpecView pod, ClusterView view, Findings out) {
        List<JsonNode> volumes = Json.elements(pod.spec().path("volumes"));
        for (int i = 0; i < volumes.size(); i++) {
            JsonNode hostPath = volumes.get(i).path("hostPath");
            if (Pss.isObject(hostPath)) {
                String name = Volumes.name(volumes.get(i), i);
                out.add(Pss.baseline(
                        pod.path(Volumes.element(volumes.get(i), i) + ".hostPath"),
                        Pss.shown(Json.text(hostPath, "path")),
                        "no hostPath volume",
                        "volume " + name + " mounts the node path " + Pss.shown(Json.text(hostPath, "path"))));
            }
        }
    }
}
