package io.vigil.check;

import java.util.List;

/** Check families and the framework controls every check of a family maps to (CHECKS.md). */
public enum Family {
    RBAC("rbac", List.of("SOC2:CC6.1", "SOC2:CC6.3", "HIPAA:164.312(a)(1)", "NSA:authentication-authorization")),
    NETWORK("network", List.of("SOC2:CC6.6", "SOC2:CC6.7", "HIPAA:164.312(e)(1)", "NSA:network-separation")),
    POD_SECURITY(
            "pod-security",
            List.of("SOC2:CC6.8", "SOC2:CC7.1", "HIPAA:164.312(a)(1)", "HIPAA:164.312(c)(1)", "NSA:pod-security")),
    SERVICE_ACCOUNT(
            "service-account",
            List.of("SOC2:CC6.1", "SOC2:CC6.3", "HIPAA:164.312(a)(1)", "HIPAA:164.312(d)", "NSA:pod-security")),
    SECRETS("secrets", List.of("SOC2:CC6.1", "SOC2:CC6.7", "HIPAA:164.312(a)(2)(iv)", "NSA:network-separation")),
    IMAGES(
            "images",
            List.of("SOC2:CC7.1", "SOC2:CC8.1", "SOC2:CC6.8", "HIPAA:164.308(a)(5)(ii)(B)", "NSA:pod-security")),
    RESOURCES("resources", List.of("SOC2:A1.1", "HIPAA:164.308(a)(7)(ii)(B)", "NSA:network-separation")),
    DAPR(
            "dapr",
            List.of(
                    "SOC2:CC6.1",
                    "SOC2:CC6.6",
                    "SOC2:CC6.7",
                    "HIPAA:164.312(e)(1)",
                    "HIPAA:164.312(a)(1)",
                    "NSA:network-separation")),
    CONTROL_PLANE(
            "control-plane",
            List.of("SOC2:CC7.2", "SOC2:CC6.1", "HIPAA:164.312(b)", "HIPAA:164.312(a)(2)(iv)", "NSA:audit-logging")),
    BASELINE("baseline-drift", List.of("SOC2:CC8.1", "SOC2:CC7.1"));

    private final String label;
    private final List<String> controls;

    Family(String label, List<String> controls) {
        this.label = label;
        this.controls = controls;
    }

    public String label() {
        return label;
    }

    public List<String> controls() {
        return controls;
    }
}
