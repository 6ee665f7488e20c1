package io.vigil.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What the framework controls Vigil maps to say, in brief, so an auditor reads a report without the
 * standards at hand. Paraphrased (SOC 2, HIPAA) or the recommendation title (CIS v1.9.0); a control missing
 * here is still reported, with its id only. NSA/CISA controls are the guidance's sections, paraphrased.
 */
public final class ControlCatalog {
    /** Title and one-line statement of a control. */
    public record ControlText(String title, String statement) {}

    private static final Map<String, ControlText> TEXTS = Map.ofEntries(
            soc2(
                    "CC6.1",
                    "Logical access security",
                    "The entity implements logical access security software, "
                            + "infrastructure and architectures over protected information assets to protect them from "
                            + "security events."),
            soc2(
                    "CC6.3",
                    "Role-based, least-privilege access",
                    "The entity authorizes, modifies or removes access "
                            + "to data, software and other assets based on roles and responsibilities, with least privilege "
                            + "and segregation of duties."),
            soc2(
                    "CC6.6",
                    "Protection against threats from outside the system boundary",
                    "The entity implements "
                            + "logical access security measures to protect against threats from sources outside its "
                            + "system boundaries."),
            soc2(
                    "CC6.7",
                    "Restricted transmission and movement of information",
                    "The entity restricts the "
                            + "transmission, movement and removal of information to authorized users and processes, and "
                            + "protects it during transmission."),
            soc2(
                    "CC6.8",
                    "Prevention of unauthorized or malicious software",
                    "The entity implements controls to "
                            + "prevent or detect and act upon the introduction of unauthorized or malicious software."),
            soc2(
                    "CC7.1",
                    "Detection of configuration changes and vulnerabilities",
                    "The entity uses detection and "
                            + "monitoring procedures to identify configuration changes that introduce new vulnerabilities, "
                            + "and susceptibilities to newly discovered vulnerabilities."),
            soc2(
                    "CC7.2",
                    "Monitoring for anomalies",
                    "The entity monitors system components and their operation "
                            + "for anomalies indicative of malicious acts, natural disasters and errors."),
            soc2(
                    "CC8.1",
                    "Change management",
                    "The entity authorizes, designs, develops, configures, documents, "
                            + "tests, approves and implements changes to infrastructure, data, software and procedures."),
            soc2(
                    "A1.1",
                    "Capacity management",
                    "The entity maintains, monitors and evaluates current processing "
                            + "capacity and use of system components to manage capacity demand."),
            hipaa(
                    "164.308(a)(5)(ii)(B)",
                    "Protection from malicious software",
                    "Procedures for guarding against, " + "detecting and reporting malicious software (addressable)."),
            hipaa(
                    "164.308(a)(7)(ii)(B)",
                    "Disaster recovery plan",
                    "Procedures to restore any loss of data and "
                            + "keep systems that hold ePHI available (contingency plan)."),
            hipaa(
                    "164.312(a)(1)",
                    "Access control",
                    "Technical policies and procedures that allow access to "
                            + "ePHI only to persons or software programs that have been granted access rights."),
            hipaa(
                    "164.312(a)(2)(iv)",
                    "Encryption and decryption",
                    "A mechanism to encrypt and decrypt ePHI " + "(addressable)."),
            hipaa(
                    "164.312(b)",
                    "Audit controls",
                    "Hardware, software and procedural mechanisms that record and "
                            + "examine activity in systems that contain or use ePHI."),
            hipaa(
                    "164.312(c)(1)",
                    "Integrity",
                    "Policies and procedures to protect ePHI from improper alteration " + "or destruction."),
            hipaa(
                    "164.312(d)",
                    "Person or entity authentication",
                    "Procedures to verify that a person or entity " + "seeking access to ePHI is the one claimed."),
            hipaa(
                    "164.312(e)(1)",
                    "Transmission security",
                    "Technical security measures to guard against "
                            + "unauthorized access to ePHI transmitted over an electronic communications network."),
            cis("1.2.1", "Ensure that the --anonymous-auth argument is set to false"),
            cis("1.2.16", "Ensure that the --audit-log-path argument is set"),
            cis("1.2.27", "Ensure that the --encryption-provider-config argument is set as appropriate"),
            cis("1.2.28", "Ensure that encryption providers are appropriately configured"),
            cis("3.2.1", "Ensure that a minimal audit policy is created"),
            cis("5.1.1", "Ensure that the cluster-admin role is only used where required"),
            cis("5.1.2", "Minimize access to secrets"),
            cis("5.1.3", "Minimize wildcard use in Roles and ClusterRoles"),
            cis("5.1.4", "Minimize access to create pods"),
            cis("5.1.5", "Ensure that default service accounts are not actively used"),
            cis("5.1.6", "Ensure that Service Account Tokens are only mounted where necessary"),
            cis("5.1.7", "Avoid use of system:masters group"),
            cis("5.1.8", "Limit use of the Bind, Impersonate and Escalate permissions in the Kubernetes cluster"),
            cis("5.2.1", "Ensure that the cluster has at least one active policy control mechanism in place"),
            cis("5.2.2", "Minimize the admission of privileged containers"),
            cis("5.2.3", "Minimize the admission of containers wishing to share the host process ID namespace"),
            cis("5.2.4", "Minimize the admission of containers wishing to share the host IPC namespace"),
            cis("5.2.5", "Minimize the admission of containers wishing to share the host network namespace"),
            cis("5.2.6", "Minimize the admission of containers with allowPrivilegeEscalation"),
            cis("5.2.7", "Minimize the admission of root containers"),
            cis("5.2.8", "Minimize the admission of containers with the NET_RAW capability"),
            cis("5.2.9", "Minimize the admission of containers with added capabilities"),
            cis("5.2.10", "Minimize the admission of containers with capabilities assigned"),
            cis("5.2.11", "Minimize the admission of Windows HostProcess containers"),
            cis("5.2.12", "Minimize the admission of HostPath volumes"),
            cis("5.2.13", "Minimize the admission of containers which use HostPorts"),
            cis("5.3.2", "Ensure that all Namespaces have NetworkPolicies defined"),
            cis("5.4.1", "Prefer using Secrets as files over Secrets as environment variables"),
            cis("5.5.1", "Configure Image Provenance using ImagePolicyWebhook admission controller"),
            cis("5.7.2", "Ensure that the seccomp profile is set to docker/default in your Pod definitions"),
            cis("5.7.3", "Apply SecurityContext to your Pods and Containers"),
            cis("5.7.4", "The default namespace should not be used"),
            nsa(
                    "pod-security",
                    "Kubernetes Pod security",
                    "Build and run containers as non-root with immutable file systems, scan and pin images, apply Pod "
                            + "Security admission (privileged containers, host namespaces, capabilities, seccomp), and "
                            + "mount service account tokens only where a pod needs the API."),
            nsa(
                    "network-separation",
                    "Network separation and hardening",
                    "Isolate namespaces with default-deny NetworkPolicies, limit resources with quotas and "
                            + "limits, keep Secrets out of environment variables and plain configuration, and encrypt "
                            + "traffic between services (service mesh mTLS)."),
            nsa(
                    "authentication-authorization",
                    "Authentication and authorization",
                    "Disable anonymous access and grant RBAC by least privilege: no wildcards, no cluster-admin or "
                            + "system:masters for workloads, no escalate/bind/impersonate, minimal secrets access."),
            nsa(
                    "audit-logging",
                    "Audit logging and threat detection",
                    "Enable kube-apiserver audit logging with an audit policy, and encrypt Secrets at rest, so "
                            + "changes and access can be reconstructed and detected."));

    private ControlCatalog() {}

    /** The text of a control ({@code SOC2:CC6.1}); the id alone when unknown. */
    public static ControlText text(String control) {
        ControlText t = TEXTS.get(control);
        return t != null ? t : new ControlText("", "");
    }

    private static Map.Entry<String, ControlText> soc2(String id, String title, String statement) {
        return Map.entry("SOC2:" + id, new ControlText(title, statement));
    }

    private static Map.Entry<String, ControlText> hipaa(String id, String title, String statement) {
        return Map.entry("HIPAA:" + id, new ControlText(title, "45 CFR " + id + ": " + statement));
    }

    private static Map.Entry<String, ControlText> nsa(String section, String title, String statement) {
        return Map.entry("NSA:" + section, new ControlText(title, "NSA/CISA v1.2, " + title + ": " + statement));
    }

    private static Map.Entry<String, ControlText> cis(String id, String title) {
        return Map.entry("CIS:" + id, new ControlText(title, ""));
    }

    /**
     * Natural order of control ids: runs of digits compare as numbers ({@code 5.2.9} before {@code 5.2.10},
     * {@code CC6.8} before {@code CC7.1}); SOC 2's Common Criteria (CC) come before the other categories.
     */
    public static final Comparator<String> NATURAL = (a, b) -> {
        int ca = a.startsWith("CC") ? 0 : 1;
        int cb = b.startsWith("CC") ? 0 : 1;
        if (ca != cb) {
            return Integer.compare(ca, cb);
        }
        List<String> ta = tokens(a);
        List<String> tb = tokens(b);
        for (int i = 0; i < Math.min(ta.size(), tb.size()); i++) {
            String x = ta.get(i);
            String y = tb.get(i);
            int c;
            if (Character.isDigit(x.charAt(0)) && Character.isDigit(y.charAt(0))) {
                c = new java.math.BigInteger(x).compareTo(new java.math.BigInteger(y));
            } else {
                c = x.compareTo(y);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(ta.size(), tb.size());
    };

    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int j = i;
            boolean digit = Character.isDigit(s.charAt(i));
            while (j < s.length() && Character.isDigit(s.charAt(j)) == digit) {
                j++;
            }
            out.add(s.substring(i, j));
            i = j;
        }
        return out;
    }
}
