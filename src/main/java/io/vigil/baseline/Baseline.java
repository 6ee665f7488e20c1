package io.vigil.baseline;

import io.vigil.model.ResourceKey;
import io.vigil.model.ResourceRef;
import io.vigil.model.Severity;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The audited state of a cluster (DESIGN §6): the findings accepted at capture time (by id, with their
 * evidence), a fingerprint of every RBAC object, NetworkPolicy, namespace label set, admission webhook
 * configuration and Dapr Configuration, who captured it, when and from what, and a digest over all of it.
 * Immutable; {@link BaselineLoader} reads it, {@link BaselineCodec} writes it.
 */
public final class Baseline {
    public static final String API_VERSION = "vigil.io/v1";
    public static final String KIND = "Baseline";

    private final Metadata metadata;
    private final List<AcceptedFinding> findings;
    private final List<Fingerprint> fingerprints;
    private final String digest;
    private final Map<String, AcceptedFinding> findingsById = new LinkedHashMap<>();
    private final Map<ResourceKey, Fingerprint> fingerprintsByKey = new LinkedHashMap<>();

    /** Who captured the baseline, when, of which cluster and from what source (free text). */
    public record Metadata(String cluster, Instant capturedAt, String capturedBy, String source) {}

    /** A finding the audit accepted: its id and, for people reading the file, its evidence. */
    public record AcceptedFinding(
            String id,
            String check,
            Severity severity,
            ResourceRef resource,
            String path,
            String observed,
            String expected) {
        public AcceptedFinding {
            Objects.requireNonNull(id, "id");
        }
    }

    /** @param digest the digest as recorded (what {@link BaselineLoader} read, or what {@link #seal} computed) */
    public Baseline(
            Metadata metadata,
            Collection<AcceptedFinding> findings,
            Collection<Fingerprint> fingerprints,
            String digest) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.findings = List.copyOf(findings);
        this.fingerprints = List.copyOf(fingerprints);
        this.digest = digest;
        for (AcceptedFinding f : this.findings) {
            findingsById.putIfAbsent(f.id(), f);
        }
        for (Fingerprint f : this.fingerprints) {
            fingerprintsByKey.putIfAbsent(f.key(), f);
        }
    }

    /** A new baseline with its digest computed over its content. */
    public static Baseline seal(
            Metadata metadata, Collection<AcceptedFinding> findings, Collection<Fingerprint> fingerprints) {
        Baseline unsealed = new Baseline(metadata, findings, fingerprints, null);
        return new Baseline(metadata, findings, fingerprints, BaselineCodec.digest(unsealed));
    }

    public Metadata metadata() {
        return metadata;
    }

    public List<AcceptedFinding> findings() {
        return findings;
    }

    public List<Fingerprint> fingerprints() {
        return fingerprints;
    }

    /** Lowercase hex SHA-256 over the canonical form of everything else in the document. */
    public String digest() {
        return digest;
    }

    public boolean accepts(String findingId) {
        return findingsById.containsKey(findingId);
    }

    public Optional<AcceptedFinding> finding(String findingId) {
        return Optional.ofNullable(findingsById.get(findingId));
    }

    public Optional<Fingerprint> fingerprint(ResourceKey key) {
        return Optional.ofNullable(fingerprintsByKey.get(key));
    }

    /** The keys of every fingerprinted object: the pipeline re-evaluates them to find deletions. */
    public Set<ResourceKey> fingerprintKeys() {
        return Set.copyOf(fingerprintsByKey.keySet());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Baseline b
                && metadata.equals(b.metadata)
                && findings.equals(b.findings)
                && fingerprints.equals(b.fingerprints)
                && Objects.equals(digest, b.digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(metadata, findings, fingerprints, digest);
    }

    @Override
    public String toString() {
        return "Baseline[" + metadata + ", " + findings.size() + " findings, " + fingerprints.size()
                + " fingerprints, digest " + digest + "]";
    }
}
