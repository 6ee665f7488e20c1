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
        HISTOGRAM,
        /** Micrometer timers without buckets (the JVM's GC pauses): {@code _count} and {@code _sum}. */
        SUMMARY
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
            return switch (type) {
                case HISTOGRAM -> List.of(name + "_bucket", name + "_count", name + "_sum");
                case SUMMARY -> List.of(name + "_count", name + "_sum");
                default -> List.of(name);
            };
        }
    }

    public static final Metric FINDINGS_OPEN = gauge(
            "vigil_findings_open",
            "Open findings not under an exception (suppressed ones count in vigil_findings_suppressed)",
            "check",
            "family",
            "severity",
            "baselined");
    public static final Metric NAMESPACE_FINDINGS_OPEN = gauge(
            "vigil_namespace_findings_open",
            "Open findings per namespace (can be turned off)",
            "namespace",
            "severity");
    public static final Metric DRIFT_FINDINGS =
            gauge("vigil_drift_findings", "Open findings not in the audited baseline (unsuppressed)", "severity");
    public static final Metric FINDING_EVENTS =
            counter("vigil_finding_events_total", "Finding lifecycle events emitted", "type", "severity");
    public static final Metric WATCH_EVENTS =
            counter("vigil_watch_events_total", "Watch events received from the API server", "kind", "type");
    public static final Metric EVALUATION =
            histogram("vigil_evaluation_seconds", "Time to evaluate one object with every applicable check");
    public static final Metric CHANGE_TO_PUBLISH = histogram(
            "vigil_change_to_publish_seconds",
            "From a watch event received to its finding events published (Kafka ack when Kafka is on)");
    public static final Metric EVENT_LOOP_TASK = histogram(
            "vigil_event_loop_task_seconds",
            "How long one task of the audit pipeline ran on its Vert.x event loop (DESIGN §2: keep it short)");
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
    public static final Metric KAFKA_BATCH_WAIT = histogram(
            "vigil_kafka_batch_wait_seconds",
            "From a finding event handed to the Kafka sink to the start of its transaction (the flush window and"
                    + " any commit still in flight)");
    public static final Metric KAFKA_TRANSACTION = histogram(
            "vigil_kafka_transaction_seconds",
            "One Kafka transaction of a flush batch, beginTransaction to commitTransaction returned (sends, flush,"
                    + " commit)");
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
    public static final Metric DECODE_ERRORS = counter(
            "vigil_decode_errors_total",
            "Object versions cached with a field not of its type (checks that read it report it as unreadable)",
            "kind");
    // leader election (DESIGN §13)
    public static final Metric LEADER =
            gauge("vigil_leader", "1 while this replica holds the Lease and publishes (always 1 without election)");
    public static final Metric LEADER_CHANGES =
            counter("vigil_leader_changes_total", "Changes of the Lease holder this replica observed");

    // ---- source health (issue 10): whether the API server answers
    public static final Metric API_SERVER_UP = gauge(
            "vigil_api_server_up",
            "1 while the Kubernetes API server answers Vigil's requests, 0 while it is unreachable (Vigil retries)");

    // issue 9: what the dashboards and alert rules need
    public static final Metric FINDINGS_SUPPRESSED = gauge(
            "vigil_findings_suppressed",
            "Open findings an approved exception suppresses (they never page)",
            "check",
            "family",
            "severity");
    public static final Metric CONTROL_FINDINGS_OPEN = gauge(
            "vigil_control_findings_open",
            "Open findings per framework control (framework SOC2, HIPAA, CIS, NSA; state open, suppressed, baselined)",
            "framework",
            "control",
            "state");
    public static final Metric BASELINE_CAPTURE =
            gauge("vigil_baseline_capture_timestamp_seconds", "Unix time the loaded baseline was captured");
    public static final Metric KAFKA_OUTBOX_CAPACITY =
            gauge("vigil_kafka_outbox_capacity_records", "Finding events the outbox holds before the pipeline waits");
    public static final Metric FULL_EVALUATION_INTERVAL =
            gauge("vigil_full_evaluation_interval_seconds", "Configured time between two full re-evaluations");

    /**
     * Micrometer's JVM binders (memory, GC, threads): the one allowed exception to the {@code vigil_} prefix
     * (DESIGN §8). Names, labels and help are Micrometer's own; the GC series appear once a collection ran.
     */
    public static final List<Metric> JVM = List.of(
            gauge("jvm_memory_used_bytes", "The amount of used memory", "area", "id"),
            gauge(
                    "jvm_memory_committed_bytes",
                    "The amount of memory in bytes that is committed for the Java virtual machine to use",
                    "area",
                    "id"),
            gauge(
                    "jvm_memory_max_bytes",
                    "The maximum amount of memory in bytes that can be used for memory management",
                    "area",
                    "id"),
            gauge("jvm_buffer_count_buffers", "An estimate of the number of buffers in the pool", "id"),
            gauge(
                    "jvm_buffer_memory_used_bytes",
                    "An estimate of the memory that the Java virtual machine is using for this buffer pool",
                    "id"),
            gauge(
                    "jvm_buffer_total_capacity_bytes",
                    "An estimate of the total capacity of the buffers in this pool",
                    "id"),
            gauge("jvm_gc_live_data_size_bytes", "Size of long-lived heap memory pool after reclamation"),
            gauge("jvm_gc_max_data_size_bytes", "Max size of long-lived heap memory pool"),
            counter(
                    "jvm_gc_memory_allocated_bytes_total",
                    "Incremented for an increase in the size of the (young) heap memory pool after one GC to before"
                            + " the next"),
            counter(
                    "jvm_gc_memory_promoted_bytes_total",
                    "Count of positive increases in the size of the old generation memory pool before GC to after GC"),
            summary("jvm_gc_pause_seconds", "Time spent in GC pause", "action", "cause", "gc"),
            summary("jvm_gc_concurrent_phase_time_seconds", "Time spent in concurrent phase", "action", "cause", "gc"),
            gauge(
                    "jvm_threads_live_threads",
                    "The current number of live threads including both daemon and" + " non-daemon threads"),
            gauge("jvm_threads_daemon_threads", "The current number of live daemon threads"),
            gauge(
                    "jvm_threads_peak_threads",
                    "The peak live thread count since the Java virtual machine started or peak was reset"),
            counter("jvm_threads_started_threads_total", "The total number of application threads started in the JVM"),
            gauge("jvm_threads_states_threads", "The current number of threads", "state"));

    public static final List<Metric> ALL = List.of(
            FINDINGS_OPEN,
            NAMESPACE_FINDINGS_OPEN,
            DRIFT_FINDINGS,
            FINDING_EVENTS,
            WATCH_EVENTS,
            EVALUATION,
            CHANGE_TO_PUBLISH,
            EVENT_LOOP_TASK,
            INFORMER_STATE,
            LAST_EVENT,
            LAST_FULL_EVALUATION,
            STALE_FINDINGS,
            KAFKA_BATCH_WAIT,
            KAFKA_TRANSACTION,
            KAFKA_OUTBOX,
            CHECK_ERRORS,
            EXCEPTION_EXPIRY,
            BASELINE_INFO,
            BUILD_INFO,
            CACHED_OBJECTS,
            QUEUE_DEPTH,
            HEAP_PRESSURE,
            DECODE_ERRORS,
            API_SERVER_UP,
            FINDINGS_SUPPRESSED,
            CONTROL_FINDINGS_OPEN,
            BASELINE_CAPTURE,
            KAFKA_OUTBOX_CAPACITY,
            FULL_EVALUATION_INTERVAL,
            LEADER,
            LEADER_CHANGES);

    /** Vigil's own metrics and the JVM binders': everything a scrape of {@code /metrics} can show. */
    public static final List<Metric> EXPORTED =
            java.util.stream.Stream.concat(ALL.stream(), JVM.stream()).toList();

    private MetricCatalog() {}

    private static Metric gauge(String name, String help, String... labels) {
        return new Metric(name, Type.GAUGE, List.of(labels), help);
    }

    private static Metric counter(String name, String help, String... labels) {
        return new Metric(name, Type.COUNTER, List.of(labels), help);
    }

    private static Metric summary(String name, String help, String... labels) {
        return new Metric(name, Type.SUMMARY, List.of(labels), help);
    }

    private static Metric histogram(String name, String help, String... labels) {
        return new Metric(name, Type.HISTOGRAM, List.of(labels), help);
    }
}
