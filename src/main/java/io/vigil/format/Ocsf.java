package io.vigil.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.model.Finding;
import io.vigil.model.FindingEvent;
import io.vigil.model.FindingStatus;
import io.vigil.model.ResourceRef;
import io.vigil.model.Severity;
import io.vigil.model.TrackedFinding;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Maps a finding to an OCSF v1.8.0 Compliance Finding (class 2003, category 2) with every attribute the
 * class requires (DESIGN §7). Used by {@code scan --format ocsf} and, through {@link #complianceFinding(FindingEvent,
 * String)}, by the Kafka sink. Vigil's own finding JSON ({@link FindingJson}) rides along under
 * {@code unmapped.vigil}, so the OCSF record alone is enough to rebuild the finding.
 */
public final class Ocsf {
    public static final String VERSION = "1.8.0";
    public static final int CLASS_UID = 2003;
    public static final int CATEGORY_UID = 2;
    /** The OCSF schema page of the class: the CloudEvents {@code dataschema} of finding events. */
    public static final String CLASS_SCHEMA_URI = "https://schema.ocsf.io/" + VERSION + "/classes/compliance_finding";
    /** The standard named when a finding carries no control (a Vigil guardrail). */
    static final String VIGIL_STANDARD = "Vigil guardrails";

    private Ocsf() {}

    /** OCSF activity (1 Create, 2 Update, 3 Close) and finding status (1 New, 3 Suppressed, 4 Resolved). */
    public enum Activity {
        OPENED(1, "Create", 1, "New"),
        CHANGED(2, "Update", 1, "New"),
        SUPPRESSED(2, "Update", 3, "Suppressed"),
        EXCEPTION_EXPIRED(2, "Update", 1, "New"),
        RESOLVED(3, "Close", 4, "Resolved");

        final int id;
        final String name;
        final int statusId;
        final String status;

        Activity(int id, String name, int statusId, String status) {
            this.id = id;
            this.name = name;
            this.statusId = statusId;
            this.status = status;
        }

        /** OCSF {@code activity_id}. */
        public int activityId() {
            return id;
        }

        /** OCSF finding {@code status_id}. */
        public int statusId() {
            return statusId;
        }

        /** The activity of a lifecycle event (DESIGN §7's table). */
        public static Activity of(FindingEvent event) {
            if (event instanceof FindingEvent.Opened) {
                return OPENED;
            } else if (event instanceof FindingEvent.Changed) {
                return CHANGED;
            } else if (event instanceof FindingEvent.Suppressed) {
                return SUPPRESSED;
            } else if (event instanceof FindingEvent.ExceptionExpired) {
                return EXCEPTION_EXPIRED;
            } else if (event instanceof FindingEvent.Resolved) {
                return RESOLVED;
            }
            throw new IllegalArgumentException(
                    "unknown finding event " + event.getClass().getName());
        }
    }

    /**
     * One lifecycle event as a Compliance Finding: activity and status per DESIGN §7, {@code time} = the
     * event's time, {@code metadata.uid} = the event id, {@code finding_info.created_time} = when this open
     * period began, {@code modified_time} = the event's time, and the event's own fields (type, sequence,
     * opened-at, reason) under {@code unmapped.event}.
     */
    public static ObjectNode complianceFinding(FindingEvent event, String productVersion) {
        ObjectNode o = complianceFinding(event.tracked(), Activity.of(event), event.time(), productVersion);
        ((ObjectNode) o.get("metadata")).put("uid", event.id());
        ((ObjectNode) o.get("finding_info"))
                .put("created_time", event.openedAt().toEpochMilli())
                .put("modified_time", event.time().toEpochMilli());
        ((ObjectNode) o.get("unmapped"))
                .putObject("event")
                .put("id", event.id())
                .put("eventType", event.type())
                .put("sequence", event.sequence())
                .put("openedAt", event.openedAt().toString())
                .put("time", event.time().toString())
                .put("reason", event.reason());
        return o;
    }

    public static ObjectNode complianceFinding(
            TrackedFinding tracked, Activity activity, Instant time, String productVersion) {
        Finding f = tracked.finding();
        FindingStatus s = tracked.status();
        ObjectNode o = FindingJson.MAPPER.createObjectNode();
        o.put("activity_id", activity.id);
        o.put("activity_name", activity.name);
        o.put("category_uid", CATEGORY_UID);
        o.put("category_name", "Findings");
        o.put("class_uid", CLASS_UID);
        o.put("class_name", "Compliance Finding");
        o.put("type_uid", CLASS_UID * 100 + activity.id);
        o.put("type_name", "Compliance Finding: " + activity.name);
        o.put("severity_id", severityId(f.severity()));
        o.put("severity", severityName(f.severity()));
        o.put("status_id", activity.statusId);
        o.put("status", activity.status);
        o.put("time", time.toEpochMilli());
        o.put("message", f.message());
        o.set("metadata", metadata(productVersion));
        o.set("finding_info", findingInfo(f, s));
        o.set("compliance", compliance(f, activity == Activity.RESOLVED));
        ArrayNode resources = o.putArray("resources");
        resources.add(resource(f.resource()));
        o.putObject("remediation").put("desc", f.remediation());
        o.set("unmapped", unmapped(tracked));
        return o;
    }

    private static ObjectNode metadata(String productVersion) {
        ObjectNode m = FindingJson.MAPPER.createObjectNode();
        m.put("version", VERSION);
        m.putObject("product").put("name", "Vigil").put("vendor_name", "Vigil").put("version", productVersion);
        return m;
    }

    private static ObjectNode findingInfo(Finding f, FindingStatus s) {
        ObjectNode i = FindingJson.MAPPER.createObjectNode();
        i.put("uid", f.id());
        i.put("title", f.title());
        i.put("desc", f.message());
        i.putArray("types").add(f.family());
        i.put("first_seen_time", s.firstSeen().toEpochMilli());
        i.put("last_seen_time", s.lastSeen().toEpochMilli());
        return i;
    }

    private static ObjectNode compliance(Finding f, boolean resolved) {
        ObjectNode c = FindingJson.MAPPER.createObjectNode();
        Set<String> standards = new LinkedHashSet<>();
        for (String control : f.controls()) {
            standards.add(standardName(control.substring(0, Math.max(0, control.indexOf(':')))));
        }
        if (standards.isEmpty()) {
            standards.add(VIGIL_STANDARD);
        }
        ArrayNode std = c.putArray("standards");
        standards.forEach(std::add);
        ArrayNode req = c.putArray("requirements");
        f.controls().forEach(req::add);
        c.put("control", primaryControl(f.controls(), f.checkId()));
        c.put("status_id", resolved ? 1 : 3);
        c.put("status", resolved ? "Pass" : "Fail");
        return c;
    }

    /** The CIS id when there is one, else the first control, else the check id. */
    static String primaryControl(List<String> controls, String checkId) {
        return controls.stream()
                .filter(c -> c.startsWith("CIS:"))
                .findFirst()
                .orElse(controls.isEmpty() ? checkId : controls.get(0));
    }

    static String standardName(String prefix) {
        return switch (prefix) {
            case "CIS" -> "CIS Kubernetes Benchmark v1.9.0";
            case "NSA" -> "NSA/CISA Kubernetes Hardening Guidance v1.2";
            case "PSS" -> "Kubernetes Pod Security Standards";
            case "SOC2" -> "SOC 2";
            case "HIPAA" -> "HIPAA Security Rule";
            default -> prefix;
        };
    }

    /**
     * A {@code resource_details} object. Absent values are left out rather than written as null; the API
     * group goes to {@code group.name} (OCSF's {@code group} is an object), omitted for the core group.
     */
    private static ObjectNode resource(ResourceRef r) {
        ObjectNode o = FindingJson.MAPPER.createObjectNode();
        if (r.uid() != null) {
            o.put("uid", r.uid());
        }
        o.put("name", r.name());
        o.put("type", r.kind());
        if (r.namespace() != null) {
            o.put("namespace", r.namespace());
        }
        if (!r.group().isEmpty()) {
            o.putObject("group").put("name", r.group());
        }
        o.putObject("data").put("apiVersion", r.apiVersion());
        return o;
    }

    private static ObjectNode unmapped(TrackedFinding tracked) {
        ObjectNode vigil = FindingJson.toJson(tracked);
        ObjectNode u = FindingJson.MAPPER.createObjectNode();
        u.set("vigil", vigil);
        return u;
    }

    public static int severityId(Severity s) {
        return switch (s) {
            case CRITICAL -> 5;
            case HIGH -> 4;
            case MEDIUM -> 3;
            case LOW -> 2;
            case INFO -> 1;
        };
    }

    static String severityName(Severity s) {
        return switch (s) {
            case CRITICAL -> "Critical";
            case HIGH -> "High";
            case MEDIUM -> "Medium";
            case LOW -> "Low";
            case INFO -> "Informational";
        };
    }
}
