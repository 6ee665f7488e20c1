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
    CIS("CIS", "CIS Kubernetes Benchmark", "CIS Kubernetes Benchmark v1.9.0");

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
