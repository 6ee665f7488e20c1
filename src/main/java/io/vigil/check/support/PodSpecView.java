package io.vigil.check.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pod spec of a Pod or of any workload's pod template, with paths from the object root so that
 * findings name the exact element.
 *
 * @param specPath     e.g. {@code spec}, {@code spec.template.spec}, {@code spec.jobTemplate.spec.template.spec}
 * @param metadataPath the pod metadata: {@code metadata} for a Pod, else the template's metadata
 */
public record PodSpecView(KubeObject owner, String specPath, JsonNode spec, String metadataPath, JsonNode metadata) {
    public static final List<String> CONTAINER_FIELDS = List.of("containers", "initContainers", "ephemeralContainers");

    public static Optional<PodSpecView> of(KubeObject object) {
        String kind = object.kindKey();
        if (Kinds.POD.equals(kind)) {
            return Optional.of(new PodSpecView(object, "spec", object.at("spec"), "metadata", object.at("metadata")));
        }
        if (Kinds.CRON_JOB.equals(kind)) {
            JsonNode template = object.at("spec", "jobTemplate", "spec", "template");
            return Optional.of(new PodSpecView(
                    object,
                    "spec.jobTemplate.spec.template.spec",
                    template.path("spec"),
                    "spec.jobTemplate.spec.template.metadata",
                    template.path("metadata")));
        }
        if (Kinds.WORKLOADS.contains(kind)) {
            JsonNode template = object.at("spec", "template");
            return Optional.of(new PodSpecView(
                    object,
                    "spec.template.spec",
                    template.path("spec"),
                    "spec.template.metadata",
                    template.path("metadata")));
        }
        return Optional.empty();
    }

    /** Every container of every kind: containers, then initContainers, then ephemeralContainers. */
    public List<ContainerView> containers() {
        List<ContainerView> out = new ArrayList<>();
        for (String field : CONTAINER_FIELDS) {
            List<JsonNode> list = Json.elements(spec.path(field));
            for (int i = 0; i < list.size(); i++) {
                JsonNode c = list.get(i);
                String name = Json.text(c, "name");
                String element = name == null ? field + "[" + i + "]" : field + "[name=" + name + "]";
                out.add(new ContainerView(field, name == null ? "#" + i : name, c, path(element)));
            }
        }
        return out;
    }

    /** A path under the pod spec: {@code path("hostNetwork")} -> {@code spec.template.spec.hostNetwork}. */
    public String path(String relative) {
        return specPath + "." + relative;
    }

    public String metadataPath(String relative) {
        return metadataPath + "." + relative;
    }

    public JsonNode securityContext() {
        return spec.path("securityContext");
    }

    public String annotation(String name) {
        return Json.text(metadata.path("annotations").get(name));
    }

    /** The ServiceAccount the pod runs as; {@code default} when none is named. */
    public String serviceAccountName() {
        String name = Json.text(spec, "serviceAccountName");
        if (name == null || name.isEmpty()) {
            name = Json.text(spec, "serviceAccount");
        }
        return name == null || name.isEmpty() ? "default" : name;
    }

    public boolean isWindows() {
        return "windows".equalsIgnoreCase(Json.text(spec.path("os"), "name"));
    }

    /** The namespace the pods run in; for manifests without one the scan has already set it. */
    public String namespace() {
        return owner.namespace();
    }

    /** One container of the pod spec. {@code path} is the element path from the object root. */
    public record ContainerView(String listField, String name, JsonNode node, String path) {
        public JsonNode securityContext() {
            return node.path("securityContext");
        }

        public String path(String relative) {
            return path + "." + relative;
        }

        public String image() {
            return Json.text(node, "image");
        }
    }
}
