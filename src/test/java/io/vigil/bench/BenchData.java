package io.vigil.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic but realistic API-server JSON for the benchmark programs (not a test): Pods of 4-8 KB with
 * managedFields, labels, annotations, 2-3 containers, status, and a ReplicaSet controller ownerReference
 * for 85% of them; Namespaces with Pod Security labels; default-deny NetworkPolicies in half the namespaces.
 */
final class BenchData {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String[] IMAGES = {
        "registry.example.com/shop/cart:1.4.2",
        "nginx:latest",
        "ghcr.io/acme/api@sha256:3f0b7c0d5e2a9d9a4c3b1f0e6d7c8b9a0f1e2d3c4b5a69788796a5b4c3d2e1f0",
        "docker.io/library/redis:7.2",
        "quay.io/prometheus/node-exporter:v1.7.0",
        "busybox"
    };

    private BenchData() {}

    static String namespace(int i, int namespaces) {
        return "team-" + (i % namespaces);
    }

    static List<byte[]> pods(int n, int namespaces, long seed) throws Exception {
        Random rnd = new Random(seed);
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(JSON.writeValueAsBytes(pod(i, namespaces, rnd, 0)));
        }
        return out;
    }

    /** The same pod after {@code generation} updates (resourceVersion, an annotation and, every 4th, an image). */
    static byte[] podUpdate(int i, int namespaces, int generation) throws Exception {
        return JSON.writeValueAsBytes(pod(i, namespaces, new Random(i * 31L + generation), generation));
    }

    static ObjectNode pod(int i, int namespaces, Random rnd, int generation) {
        String ns = namespace(i, namespaces);
        String app = "app-" + (i / 7 % 2000);
        String rs = app + "-7c9d8f" + Integer.toHexString(i / 7 % 4096);
        String name = rs + "-" + Integer.toString(i, 36) + "x" + (i % 97);
        ObjectNode pod = JSON.createObjectNode();
        pod.put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode meta = pod.putObject("metadata");
        meta.put("name", name)
                .put("namespace", ns)
                .put("uid", uuid(i, 1))
                .put("resourceVersion", Long.toString(1_000_000L + i * 10L + generation))
                .put("creationTimestamp", "2026-11-01T10:15:30Z")
                .put("generateName", rs + "-");
        ObjectNode labels = meta.putObject("labels");
        labels.put("app.kubernetes.io/name", app)
                .put("app.kubernetes.io/part-of", "shop")
                .put("app.kubernetes.io/version", "1.4." + (i % 9))
                .put("pod-template-hash", "7c9d8f")
                .put("team", ns)
                .put("tier", i % 3 == 0 ? "frontend" : "backend");
        ObjectNode ann = meta.putObject("annotations");
        ann.put("prometheus.io/scrape", "true")
                .put("prometheus.io/port", "9102")
                .put("kubectl.kubernetes.io/restartedAt", "2026-11-0" + (1 + i % 9) + "T08:00:00Z")
                .put("vigil.bench/generation", Integer.toString(generation));
        boolean owned = i % 20 >= 3; // 85% owned by a ReplicaSet
        if (owned) {
            ObjectNode ref = meta.putArray("ownerReferences").addObject();
            ref.put("apiVersion", "apps/v1")
                    .put("kind", "ReplicaSet")
                    .put("name", rs)
                    .put("uid", uuid(i / 7, 2))
                    .put("controller", true)
                    .put("blockOwnerDeletion", true);
        }
        int containers = 2 + (i % 2);
        managedFields(meta.putArray("managedFields"), containers);
        ObjectNode spec = pod.putObject("spec");
        spec.put("serviceAccountName", i % 5 == 0 ? "default" : app)
                .put("nodeName", "node-" + (i % 300))
                .put("restartPolicy", "Always")
                .put("terminationGracePeriodSeconds", 30)
                .put("dnsPolicy", "ClusterFirst")
                .put("schedulerName", "default-scheduler")
                .put("enableServiceLinks", true)
                .put("priority", 0);
        if (i % 4 == 0) {
            spec.putObject("securityContext")
                    .put("runAsNonRoot", true)
                    .put("runAsUser", 10001)
                    .putObject("seccompProfile")
                    .put("type", "RuntimeDefault");
        } else {
            spec.putObject("securityContext");
        }
        ArrayNode cs = spec.putArray("containers");
        for (int c = 0; c < containers; c++) {
            ObjectNode ctr = cs.addObject();
            String image = IMAGES[(i + c + (generation % 4 == 3 ? 1 : 0)) % IMAGES.length];
            ctr.put("name", c == 0 ? "main" : "sidecar-" + c)
                    .put("image", image)
                    .put("imagePullPolicy", "IfNotPresent")
                    .put("terminationMessagePath", "/dev/termination-log")
                    .put("terminationMessagePolicy", "File");
            ctr.putArray("args").add("--port=8080").add("--log-level=info");
            ctr.putArray("ports")
                    .addObject()
                    .put("containerPort", 8080 + c)
                    .put("name", "http-" + c)
                    .put("protocol", "TCP");
            ArrayNode env = ctr.putArray("env");
            env.addObject().put("name", "LOG_FORMAT").put("value", "json");
            env.addObject()
                    .put("name", "POD_NAME")
                    .putObject("valueFrom")
                    .putObject("fieldRef")
                    .put("apiVersion", "v1")
                    .put("fieldPath", "metadata.name");
            if (i % 11 == 0) {
                env.addObject().put("name", "DB_PASSWORD").put("value", "hunter2-" + i);
            }
            if (i % 3 != 1) {
                ObjectNode res = ctr.putObject("resources");
                res.putObject("requests").put("cpu", "100m").put("memory", "128Mi");
                if (i % 3 == 0) {
                    res.putObject("limits").put("cpu", "500m").put("memory", "256Mi");
                }
            }
            ObjectNode sc = ctr.putObject("securityContext");
            if (i % 4 == 0) {
                sc.put("allowPrivilegeEscalation", false)
                        .put("readOnlyRootFilesystem", true)
                        .putObject("capabilities")
                        .putArray("drop")
                        .add("ALL");
            } else if (i % 50 == 1) {
                sc.put("privileged", true);
            }
            ctr.putObject("readinessProbe")
                    .put("periodSeconds", 10)
                    .putObject("httpGet")
                    .put("path", "/ready")
                    .put("port", 8080 + c);
            ctr.putArray("volumeMounts")
                    .addObject()
                    .put("name", "kube-api-access")
                    .put("readOnly", true)
                    .put("mountPath", "/var/run/secrets/kubernetes.io/serviceaccount");
        }
        ObjectNode vol = spec.putArray("volumes").addObject().put("name", "kube-api-access");
        vol.putObject("projected")
                .put("defaultMode", 420)
                .putArray("sources")
                .addObject()
                .putObject("serviceAccountToken")
                .put("expirationSeconds", 3607)
                .put("path", "token");
        spec.putArray("tolerations")
                .addObject()
                .put("key", "node.kubernetes.io/not-ready")
                .put("operator", "Exists")
                .put("effect", "NoExecute")
                .put("tolerationSeconds", 300);
        ObjectNode status = pod.putObject("status");
        status.put("phase", "Running")
                .put("hostIP", "10.0." + (i % 250) + ".1")
                .put("podIP", "10.244." + (i % 250) + "." + (i % 200))
                .put("qosClass", "Burstable")
                .put("startTime", "2026-11-01T10:15:31Z");
        ArrayNode conds = status.putArray("conditions");
        for (String t : new String[] {"Initialized", "Ready", "ContainersReady", "PodScheduled"}) {
            conds.addObject().put("type", t).put("status", "True").put("lastTransitionTime", "2026-11-01T10:15:40Z");
        }
        ArrayNode st = status.putArray("containerStatuses");
        for (int c = 0; c < containers; c++) {
            ObjectNode s = st.addObject()
                    .put("name", c == 0 ? "main" : "sidecar-" + c)
                    .put("ready", true)
                    .put("restartCount", i % 4)
                    .put("image", IMAGES[(i + c) % IMAGES.length])
                    .put("imageID", "docker-pullable://x@sha256:" + uuid(i, c).replace("-", ""))
                    .put("started", true)
                    .put("containerID", "containerd://" + uuid(i, c + 7).replace("-", ""));
            s.putObject("state").putObject("running").put("startedAt", "2026-11-01T10:15:39Z");
        }
        return pod;
    }

    private static void managedFields(ArrayNode mf, int containers) {
        ObjectNode kcm = mf.addObject()
                .put("manager", "kube-controller-manager")
                .put("operation", "Update")
                .put("apiVersion", "v1")
                .put("time", "2026-11-01T10:15:30Z")
                .put("fieldsType", "FieldsV1");
        ObjectNode f = kcm.putObject("fieldsV1");
        ObjectNode fm = f.putObject("f:metadata");
        fm.putObject("f:generateName");
        ObjectNode fl = fm.putObject("f:labels");
        fl.putObject(".");
        for (String l : new String[] {
            "app.kubernetes.io/name",
            "app.kubernetes.io/part-of",
            "app.kubernetes.io/version",
            "pod-template-hash",
            "team",
            "tier"
        }) {
            fl.putObject("f:" + l);
        }
        fm.putObject("f:ownerReferences").putObject(".").putObject("k:{\"uid\":\"x\"}");
        ObjectNode fs = f.putObject("f:spec");
        ObjectNode fc = fs.putObject("f:containers");
        for (int c = 0; c < containers; c++) {
            ObjectNode ctr = fc.putObject("k:{\"name\":\"" + (c == 0 ? "main" : "sidecar-" + c) + "\"}");
            for (String k : new String[] {
                ".",
                "f:args",
                "f:image",
                "f:imagePullPolicy",
                "f:name",
                "f:resources",
                "f:securityContext",
                "f:terminationMessagePath",
                "f:terminationMessagePolicy",
                "f:volumeMounts"
            }) {
                ctr.putObject(k);
            }
            ObjectNode env = ctr.putObject("f:env");
            env.putObject(".");
            env.putObject("k:{\"name\":\"LOG_FORMAT\"}")
                    .putObject(".")
                    .putObject("f:name")
                    .putObject("f:value");
            env.putObject("k:{\"name\":\"POD_NAME\"}").putObject("f:valueFrom").putObject("f:fieldRef");
            ctr.putObject("f:ports")
                    .putObject("k:{\"containerPort\":8080,\"protocol\":\"TCP\"}")
                    .putObject(".")
                    .putObject("f:containerPort")
                    .putObject("f:name")
                    .putObject("f:protocol");
            ctr.putObject("f:readinessProbe")
                    .putObject("f:httpGet")
                    .putObject("f:path")
                    .putObject("f:port");
        }
        for (String k : new String[] {
            "f:dnsPolicy",
            "f:enableServiceLinks",
            "f:restartPolicy",
            "f:schedulerName",
            "f:securityContext",
            "f:serviceAccount",
            "f:serviceAccountName",
            "f:terminationGracePeriodSeconds"
        }) {
            fs.putObject(k);
        }
        ObjectNode kubelet = mf.addObject()
                .put("manager", "kubelet")
                .put("operation", "Update")
                .put("apiVersion", "v1")
                .put("time", "2026-11-01T10:15:40Z")
                .put("fieldsType", "FieldsV1")
                .put("subresource", "status");
        ObjectNode st = kubelet.putObject("fieldsV1").putObject("f:status");
        ObjectNode conds = st.putObject("f:conditions");
        for (String t : new String[] {"ContainersReady", "Initialized", "Ready"}) {
            conds.putObject("k:{\"type\":\"" + t + "\"}")
                    .putObject(".")
                    .putObject("f:lastProbeTime")
                    .putObject("f:lastTransitionTime")
                    .putObject("f:status")
                    .putObject("f:type");
        }
        for (String k :
                new String[] {"f:containerStatuses", "f:hostIP", "f:phase", "f:podIP", "f:podIPs", "f:startTime"}) {
            st.putObject(k);
        }
    }

    static List<byte[]> namespaces(int namespaces) throws Exception {
        List<byte[]> out = new ArrayList<>();
        for (int n = 0; n < namespaces; n++) {
            ObjectNode ns = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Namespace");
            ObjectNode meta = ns.putObject("metadata")
                    .put("name", "team-" + n)
                    .put("uid", uuid(n, 3))
                    .put("resourceVersion", "42");
            ObjectNode labels = meta.putObject("labels").put("kubernetes.io/metadata.name", "team-" + n);
            if (n % 3 == 0) {
                labels.put("pod-security.kubernetes.io/enforce", n % 2 == 0 ? "restricted" : "baseline");
            }
            ns.putObject("spec").putArray("finalizers").add("kubernetes");
            ns.putObject("status").put("phase", "Active");
            out.add(JSON.writeValueAsBytes(ns));
        }
        return out;
    }

    static List<byte[]> networkPolicies(int namespaces) throws Exception {
        List<byte[]> out = new ArrayList<>();
        for (int n = 0; n < namespaces; n += 2) {
            ObjectNode np = JSON.createObjectNode()
                    .put("apiVersion", "networking.k8s.io/v1")
                    .put("kind", "NetworkPolicy");
            np.putObject("metadata")
                    .put("name", "default-deny")
                    .put("namespace", "team-" + n)
                    .put("uid", uuid(n, 4));
            ObjectNode spec = np.putObject("spec");
            spec.putObject("podSelector");
            spec.putArray("policyTypes").add("Ingress").add("Egress");
            spec.putArray("egress")
                    .addObject()
                    .putArray("ports")
                    .addObject()
                    .put("port", 53)
                    .put("protocol", "UDP");
            out.add(JSON.writeValueAsBytes(np));
        }
        return out;
    }

    static String uuid(int i, int salt) {
        return String.format("%08x-%04x-4%03x-8%03x-%012x", i, salt, i % 4096, salt % 4096, (long) i * 7919 + salt);
    }

    /**
     * Used heap after full collections. Under G1, {@code System.gc()} runs a stop-the-world full collection
     * and returns when it is done (the programs do not set ExplicitGCInvokesConcurrent), so nothing needs to
     * wait; repeating it lets finalizable and soft-reachable leftovers go too.
     */
    static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int k = 0; k < 4; k++) {
            System.gc();
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }

    /** CPU time of the whole process (every thread, GC included), in ns. */
    static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static String jvm() {
        var rt = ManagementFactory.getRuntimeMXBean();
        return "JDK " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs, args " + rt.getInputArguments();
    }

    /** The process's resident set size (VmRSS of /proc/self/status). */
    static String rss() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return mib(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }

    /** The load average, printed with every figure: numbers taken beside other work are noisy. */
    static String load() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .split(" ");
            return "load " + f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "load ?";
        }
    }
}
