package io.vigil.monitoring;

/**
 * The Helm chart's copy of a generated monitoring manifest. The chart passes each file through {@code tpl}, so
 * Prometheus' and Grafana's own {@code {{ }}} templates are escaped, and names and labels come from the
 * release and the chart's values.
 */
final class ChartFlavour {
    private static final String FULLNAME = "{{ include \"vigil.fullname\" . }}";

    private ChartFlavour() {}

    static String of(String manifest) {
        return manifest.replace("{{", "{{ \"{{\" }}")
                .replaceFirst("\n  name: vigil\n", "\n  name: " + FULLNAME + "\n")
                .replaceFirst("\n  name: vigil-(\\w+)-dashboard\n", "\n  name: " + FULLNAME + "-$1-dashboard\n")
                .replace("\n    grafana_dashboard: \"1\"\n", "\n    {{ .Values.monitoring.dashboardLabel }}: \"1\"\n");
    }

    static String serviceMonitor(String manifest) {
        return manifest.replaceFirst("\n  name: vigil\n", "\n  name: " + FULLNAME + "\n")
                .replace(
                        "    matchLabels:\n      app.kubernetes.io/name: vigil\n",
                        "    matchLabels:\n      {{- include \"vigil.selectorLabels\" . | nindent 6 }}\n")
                .replace("      interval: 30s\n", "      interval: {{ .Values.monitoring.serviceMonitor.interval }}\n")
                .replaceFirst("replacement: my-cluster #[^\n]*\n", "replacement: {{ .Values.clusterName | quote }}\n");
    }
}
