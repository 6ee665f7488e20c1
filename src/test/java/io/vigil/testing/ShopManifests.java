package io.vigil.testing;

/** Manifests the integration tests share: a namespace "shop" and workloads with known findings. */
public final class ShopManifests {
    public static final String SHOP_NAMESPACE = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            """;

    public static final String API_DEPLOYMENT = """
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
                      image: shop/api:latest
                      securityContext: {privileged: true}
            """;

    public static final String WORKER_DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: worker, namespace: shop}
            spec:
              selector: {matchLabels: {app: worker}}
              template:
                metadata: {labels: {app: worker}}
                spec:
                  containers:
                    - name: worker
                      image: shop/worker:1.0
                      securityContext: {capabilities: {add: [NET_ADMIN]}}
            """;

    public static final String WEB_DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: shop/web:2.1
                      securityContext: {allowPrivilegeEscalation: false, runAsNonRoot: true}
            """;

    public static final String CACHE_DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: cache, namespace: shop}
            spec:
              selector: {matchLabels: {app: cache}}
              template:
                metadata: {labels: {app: cache}}
                spec:
                  hostNetwork: true
                  containers:
                    - name: cache
                      image: redis
            """;

    public static final String API_DEPLOYMENT_2 = """
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

    private ShopManifests() {}

    /** Joins documents into one multi-document YAML stream. */
    public static String join(String... documents) {
        return String.join("---\n", documents);
    }
}
