package io.vigil.metrics;

import java.util.List;

/**
 * Every metric Vigil exports, declared once (DESIGN §8). Labels are bounded: no series per resource or
 * per finding. Dashboards and alert rules are tested against this list.
 */
public final class MetricCatalog {
    public enum Type {
        GAUGE,
        COUNTER,
        HISTOGRAM
    }

    /** One exported metric: its Prometheus name (as scraped), type, labels and help text. */
    public record Metric(String name, Type type, List<String> labels, String help) {
        /** The Micrometer meter name that the Prometheus naming convention turns into {@link #name()}. */
        public String meterName() {
            String base = name;
            if (type == Type.COUNTER && base.endsWith("_total")) {
                base = base.substring(0, base.length() - "_total".length());
            }
            if (type == Type.HISTOGRAM && base.endsWith("_seconds")) {
                base = base.substring(0, base.length() - "_seconds".length());
            }
            return base.replace('_', '.');
        }

        /** Series names a scrape shows for this metric. */
        public List<String> seriesNames() {
            return type == Type.HISTOGRAM ? List.of(name + "_bucket", name + "_count", name + "_sum") : List.of(name);
        }
    }

    public static final Metric FINDINGS_OPEN =
            gauge("vigil_findings_open", "Open findings", "check", "severity", "baselined");
    public static final Metric NAMESPACE_FINDINGS_OPEN = gauge(
            "vigil_namespace_findings_open",
            "Open findings per namespace (can be turned off)",
            "namespace",
            "severity");
    public static final Metric DRIFT_FINDINGS =
            gauge("vigil_drift_findings", "Open findings not in the audited baseline", "severity");
    public static final Metric FINDING_EVENTS =
            counter("vigil_finding_events_total", "Finding lifecycle events emitted", "type", "severity");
    public static final Metric WATCH_EVENTS =
            counter("vigil_watch_events_total", "Watch events received from the API server", "kind", "type");
    public static final Metric EVALUATION =
            histogram("vigil_evaluation_seconds", "Time to evaluate one object with every applicable check");
    public static final Metric CHANGE_TO_PUBLISH = histogram(
            "vigil_change_to_publish_seconds",
            "From a watch event received to its finding events published (Kafka ack when Kafka is on)");
    public static final Metric INFORMER_STATE = gauge(
            "vigil_informer_state",
            "1 for the current informer state of a kind (synced, syncing, forbidden, not_served)",
            "kind",
            "state");
    public static final Metric LAST_EVENT =
            gauge("vigil_last_event_timestamp_seconds", "Unix time of the last watch event per kind", "kind");
    public static final Metric LAST_FULL_EVALUATION =
            gauge("vigil_last_full_evaluation_timestamp_seconds", "Unix time the last full re-evaluation completed");
    public static final Metric STALE_FINDINGS =
            gauge("vigil_stale_findings", "Open findings of kinds Vigil currently cannot see");
    public static final Metric KAFKA_OUTBOX =
            gauge("vigil_kafka_outbox_records", "Finding events waiting in the outbox for Kafka");
    public static final Metric CHECK_ERRORS = counter(
            "vigil_check_errors_total", "Checks that threw (a Vigil bug; their earlier findings stay open)", "check");
    public static final Metric EXCEPTION_EXPIRY =
            gauge("vigil_exception_expiry_timestamp_seconds", "Unix time an exception expires", "exception");
    public static final Metric BASELINE_INFO =
            gauge("vigil_baseline_info", "1, labelled with the loaded baseline's digest", "digest");
    public static final Metric BUILD_INFO = gauge("vigil_build_info", "1, labelled with Vigil's version", "version");
    public static final Metric CACHED_OBJECTS = gauge("vigil_cached_objects", "Objects in the projected cache", "kind");
    public static final Metric QUEUE_DEPTH = gauge("vigil_queue_keys", "Keys waiting for evaluation");
    // issue 13 (scale)
    public static final Metric HEAP_PRESSURE =
            gauge("vigil_heap_pressure", "1 while the old generation after GC holds over 90% of the maximum heap");
    // leader election (DESIGN §13)
    public static final Metric LEADER =
            gauge("vigil_leader", "1 while this replica holds the Lease and publishes (always 1 without election)");
    public static final Metric LEADER_CHANGES =
            counter("vigil_leader_changes_total", "Changes of the Lease holder this replica observed");

    public static final List<Metric> ALL = List.of(
            FINDINGS_OPEN,
            NAMESPACE_FINDINGS_OPEN,
            DRIFT_FINDINGS,
            FINDING_EVENTS,
            WATCH_EVENTS,
            EVALUATION,
            CHANGE_TO_PUBLISH,
            INFORMER_STATE,
            LAST_EVENT,
            LAST_FULL_EVALUATION,
            STALE_FINDINGS,
            KAFKA_OUTBOX,
            CHECK_ERRORS,
            EXCEPTION_EXPIRY,
            BASELINE_INFO,
            BUILD_INFO,
            CACHED_OBJECTS,
            QUEUE_DEPTH,
            HEAP_PRESSURE,
            LEADER,
            LEADER_CHANGES);

    private MetricCatalog() {}

    private static Metric gauge(String name, String help, String... labels) {
        return new Metric(name, Type.GAUGE, List.of(labels), help);
    }

    private static Metric counter(String name, String help, String... labels) {
        return new Metric(name, Type.COUNTER, List.of(labels), help);
    }

    private static Metric histogram(String name, String help, String... labels) {
        return new Metric(name, Type.HISTOGRAM, List.of(labels), help);
    }
}
