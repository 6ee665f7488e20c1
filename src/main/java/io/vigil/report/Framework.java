package io.vigil.report;

import java.util.Locale;
import java.util.Optional;

/** The compliance frameworks a report can be written for: the prefixes of Vigil's control strings. */
public enum Framework {
    SOC2(
            "SOC2",
            "SOC 2",
            "AICPA Trust Services Criteria (2017, points of focus revised 2022): Common Criteria "
                    + "and Availability"),
    HIPAA("HIPAA", "HIPAA", "HIPAA Security Rule, 45 CFR Part 164 Subpart C (technical and administrative safeguards)"),
    CIS("CIS", "CIS Kubernetes Benchmark", "CIS Kubernetes Benchmark v1.9.0"),
    NSA(
            "NSA",
            "NSA/CISA Kubernetes Hardening",
            "NSA/CISA Kubernetes Hardening Guidance v1.2 (August 2022): one control per section");

    private final String prefix;
    private final String title;
    private final String edition;

    Framework(String prefix, String title, String edition) {
        this.prefix = prefix;
        this.title = title;
        this.edition = edition;
    }

    /** {@code SOC2}: controls are written {@code SOC2:CC6.1}. */
    public String prefix() {
        return prefix;
    }

    public String title() {
        return title;
    }

    public String edition() {
        return edition;
    }

    /**
     * The order controls are reported in: the guidance's own section order for NSA/CISA (pod security first, audit
     * logging last), the natural order of control ids ({@code 5.2.9} before {@code 5.2.10}) otherwise.
     */
    public java.util.Comparator<String> order() {
        if (this != NSA) {
            return ControlCatalog.NATURAL;
        }
        java.util.List<String> sections = java.util.List.of(
                "pod-security", "network-separation", "authentication-authorization", "audit-logging");
        return java.util.Comparator.comparingInt(
                        (String id) -> sections.indexOf(id) < 0 ? sections.size() : sections.indexOf(id))
                .thenComparing(ControlCatalog.NATURAL);
    }

    /** The control id without the prefix, when the control belongs to this framework. */
    public Optional<String> controlId(String control) {
        String p = prefix + ":";
        return control.startsWith(p) ? Optional.of(control.substring(p.length())) : Optional.empty();
    }

    public static Optional<Framework> parse(String text) {
        for (Framework f : values()) {
            if (f.name().equals(text.toUpperCase(Locale.ROOT))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
