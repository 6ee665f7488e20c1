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
 * PSS restricted "Volume Types": besides the ephemeral and API-backed types, pods may only reach storage
 * through PersistentVolumeClaims, so storage access stays under the cluster admin's PersistentVolume
 * control. hostPath, also outside the list, is left to {@code host-path-volume} (a baseline violation); a
 * volume with no source at all is defaulted to emptyDir by the API server, as upstream sees it.
 */
public final class RestrictedVolumeTypes extends PodSpecCheck {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("restricted-volume-types")
            .title("Volume type outside the restricted set")
            .severity(Severity.MEDIUM)
            .family(Family.POD_SECURITY)
            .subjects(Kinds.POD_SPEC_KINDS)
            .remediation("use a PersistentVolumeClaim (or configMap, secret, emptyDir, projected, downwardAPI, csi, "
                    + "ephemeral, image) instead of a direct volume source")
            .build();

    /** Upstream's allowed sources: a volume with any of them set passes. */
    static final List<String> ALLOWED = List.of(
            "configMap",
            "csi",
            "downwardAPI",
            "emptyDir",
            "ephemeral",
            "image",
            "persistentVolumeClaim",
            "projected",
            "secret");
    /** Every other core/v1 volume source except hostPath. */
    static final List<String> RESTRICTED = List.of(
            "gcePersistentDisk",
            "awsElasticBlockStore",
            "gitRepo",
            "nfs",
            "iscsi",
            "glusterfs",
            "rbd",
            "flexVolume",
            "cinder",
            "cephfs",
            "flocker",
            "fc",
            "azureFile",
            "vsphereVolume",
            "quobyte",
            "azureDisk",
            "photonPersistentDisk",
            "portworxVolume",
            "scaleIO",
            "storageos");

    private static final String EXPECTED = String.join(", ", ALLOWED);

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected void check(PodSpecView pod, ClusterView view, Findings out) {
        List<JsonNode> volumes = Json.elements(pod.spec().path("volumes"));
        for (int i = 0; i < volumes.size(); i++) {
            JsonNode volume = volumes.get(i);
            if (ALLOWED.stream().anyMatch(source -> Json.isSet(volume.get(source)))) {
                continue;
            }
            for (String source : RESTRICTED) {
                if (Json.isSet(volume.get(source))) {
                    out.add(Pss.restricted(
                            pod.path(Volumes.element(volume, i) + "." + source),
                            source,
                            EXPECTED,
                            "volume " + Volumes.name(volume, i) + " is of type " + source));
                    break;
                }
            }
        }
    }
}
