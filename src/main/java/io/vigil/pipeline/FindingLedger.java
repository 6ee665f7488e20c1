package io.vigil.pipeline;

import io.vigil.model.Finding;
import io.vigil.model.FindingEvent;
import io.vigil.model.FindingStatus;
import io.vigil.model.ResourceKey;
import io.vigil.model.Suppression;
import io.vigil.model.TrackedFinding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one stateful part of the pipeline: which findings are open, since when, at which sequence. Each
 * evaluation of a subject is diffed against what was open for it, yielding OPENED, CHANGED and RESOLVED
 * events. Not thread-safe: it is owned by the audit verticle's context.
 */
public final class FindingLedger {
    private final Map<String, Entry> open = new LinkedHashMap<>();
    /** Each subject's open finding ids, as a compact immutable list: a set per subject cost ~50 B per id. */
    private final Map<ResourceKey, List<String>> bySubject = new HashMap<>();

    private final EvidencePool pool = new EvidencePool(1 << 16);
    private final Set<String> staleKinds = new HashSet<>();
    private FindingPolicy policy = FindingPolicy.NONE;
    /** When each resolved finding's last open period began: a reopened finding must open later (unique ids). */
    private final Map<String, Instant> lastOpenedAt = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            // Bounded: only a reopen within the same millisecond or after a clock step needs the entry.
            return size() > 100_000;
        }
    };

    /** Mutable bookkeeping of one open finding; only TrackedFinding snapshots leave the ledger. */
    private static final class Entry {
        Finding finding;
        final ResourceKey subject;
        final Instant openedAt;
        Instant lastSeen;
        long sequence;
        Suppression suppression;

        Entry(Finding finding, ResourceKey subject, Instant openedAt) {
            this.finding = finding;
            this.subject = subject;
            this.openedAt = openedAt;
            this.lastSeen = openedAt;
        }
    }

    /**
     * Reconciles one subject: {@code findings} is everything its checks found now ({@code empty} when the
     * object is gone). Findings of checks in {@code failedChecks} stay as they were (a bug never looks
     * like a fix).
     */
    public List<FindingEvent> reconcile(
            ResourceKey subject, List<Finding> findings, Set<String> failedChecks, Instant now) {
        List<FindingEvent> events = new ArrayList<>();
        List<String> previous = bySubject.getOrDefault(subject, List.of());
        Set<String> current = new LinkedHashSet<>();
        for (Finding f : findings) {
            current.add(f.id());
            Entry e = open.get(f.id());
            if (e == null) {
                e = new Entry(pool.share(f), subject, openingTime(f.id(), now));
                e.sequence = 1;
                open.put(f.id(), e);
                events.add(new FindingEvent.Opened(track(e), e.sequence, e.openedAt, now, "detected"));
            } else {
                e.lastSeen = now;
                // most evaluations find exactly what is kept: then the kept, shared copy stays
                if (!e.finding.equals(f)) {
                    boolean evidenceChanged = e.finding.evidenceDiffers(f);
                    e.finding = pool.share(f);
                    if (evidenceChanged) {
                        e.sequence++;
                        events.add(new FindingEvent.Changed(track(e), e.sequence, e.openedAt, now, "evidence changed"));
                    }
                }
            }
            applyExceptions(e, now, events);
        }
        for (String id : previous) {
            Entry e = open.get(id);
            if (!current.contains(id) && e != null && !failedChecks.contains(e.finding.checkId())) {
                open.remove(id);
                lastOpenedAt.put(id, e.openedAt);
                e.sequence++;
                e.lastSeen = now;
                events.add(new FindingEvent.Resolved(
                        track(e),
                        e.sequence,
                        e.openedAt,
                        now,
                        findings.isEmpty() && current.isEmpty() ? "no longer found" : "fixed"));
            } else if (e != null) {
                current.add(id);
            }
        }
        if (current.isEmpty()) {
            bySubject.remove(subject);
        } else if (!sameOrder(current, previous)) {
            bySubject.put(subject, List.copyOf(current));
        }
        return events;
    }

    /** Most evaluations find what they found before: the stored list is kept, not copied again. */
    private static boolean sameOrder(Set<String> current, List<String> previous) {
        if (current.size() != previous.size()) {
            return false;
        }
        int i = 0;
        for (String id : current) {
            if (!id.equals(previous.get(i++))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Resumes a finding published before a restart (DESIGN §7): the next evaluation diffs against it, so
     * only real changes are published again.
     */
    public void restore(ResourceKey subject, TrackedFinding tracked, Instant openedAt, long sequence) {
        Entry e = new Entry(pool.share(tracked.finding()), subject, openedAt);
        e.lastSeen = tracked.status().lastSeen();
        e.sequence = sequence;
        e.suppression = tracked.status().suppression();
        String id = tracked.finding().id();
        open.put(id, e);
        List<String> ids = bySubject.getOrDefault(subject, List.of());
        if (!ids.contains(id)) {
            List<String> more = new ArrayList<>(ids);
            more.add(id);
            bySubject.put(subject, List.copyOf(more));
        }
    }

    /**
     * Replaces every finding with those of {@code resumed} (a replica that won the Lease resumes from the state
     * topic, DESIGN §13); the policy and the stale kinds stay, they describe this replica's view.
     */
    public void replaceFindings(FindingLedger resumed) {
        open.clear();
        open.putAll(resumed.open);
        bySubject.clear();
        bySubject.putAll(resumed.bySubject);
        lastOpenedAt.clear();
        lastOpenedAt.putAll(resumed.lastOpenedAt);
    }

    /** Remembers a resolved finding's open period (from the state topic) so a reopen gets a later id. */
    public void restoreResolved(String findingId, Instant openedAt) {
        lastOpenedAt.merge(findingId, openedAt, (a, b) -> a.isAfter(b) ? a : b);
    }

    private Instant openingTime(String findingId, Instant now) {
        Instant previous = lastOpenedAt.remove(findingId);
        return previous != null && !now.isAfter(previous) ? previous.plusMillis(1) : now;
    }

    /** A deleted object resolves all its findings. */
    public List<FindingEvent> deleted(ResourceKey subject, Instant now) {
        List<FindingEvent> events = new ArrayList<>();
        for (String id : bySubject.getOrDefault(subject, List.of())) {
            Entry e = open.remove(id);
            if (e != null) {
                lastOpenedAt.put(id, e.openedAt);
                e.sequence++;
                e.lastSeen = now;
                events.add(new FindingEvent.Resolved(track(e), e.sequence, e.openedAt, now, "object deleted"));
            }
        }
        bySubject.remove(subject);
        return events;
    }

    /** Installs a new baseline/exception policy; the caller then runs {@link #applyPolicy}. */
    public void setPolicy(FindingPolicy next) {
        policy = next;
    }

    /**
     * Re-applies the policy to every open finding: exceptions that now cover a finding suppress it, ones
     * that no longer do (expired or removed) reopen it. Baseline tags change no evidence and emit nothing.
     */
    public List<FindingEvent> applyPolicy(Instant now) {
        List<FindingEvent> events = new ArrayList<>();
        for (Entry e : open.values()) {
            applyExceptions(e, now, events);
        }
        return events;
    }

    /** Exceptions that ran out since the last call reopen their findings (EXCEPTION_EXPIRED). */
    public List<FindingEvent> expireSuppressions(Instant now) {
        List<FindingEvent> events = new ArrayList<>();
        for (Entry e : open.values()) {
            if (e.suppression != null && !now.isBefore(e.suppression.expires())) {
                applyExceptions(e, now, events);
            }
        }
        return events;
    }

    private void applyExceptions(Entry e, Instant now, List<FindingEvent> events) {
        Suppression next = policy.suppression(e.finding, now).orElse(null);
        if (java.util.Objects.equals(next, e.suppression)) {
            return;
        }
        Suppression previous = e.suppression;
        e.suppression = next;
        e.sequence++;
        if (next != null) {
            events.add(new FindingEvent.Suppressed(
                    track(e), e.sequence, e.openedAt, now, "exception " + next.exceptionId()));
        } else {
            String why = now.isBefore(previous.expires())
                    ? "exception " + previous.exceptionId() + " withdrawn"
                    : "exception " + previous.exceptionId() + " expired";
            events.add(new FindingEvent.ExceptionExpired(track(e), e.sequence, e.openedAt, now, why));
        }
    }

    /** Marks a kind's findings stale (Vigil lost sight of it) or fresh again; staleness never resolves. */
    public void setStale(String kindKey, boolean stale) {
        if (stale) {
            staleKinds.add(kindKey);
        } else {
            staleKinds.remove(kindKey);
        }
    }

    public boolean isStale(String kindKey) {
        return staleKinds.contains(kindKey);
    }

    public Set<ResourceKey> subjects() {
        return Set.copyOf(bySubject.keySet());
    }

    public Set<String> openIds(ResourceKey subject) {
        return Set.copyOf(bySubject.getOrDefault(subject, List.of()));
    }

    public List<TrackedFinding> open() {
        List<TrackedFinding> out = new ArrayList<>(open.size());
        for (Entry e : open.values()) {
            out.add(track(e));
        }
        return out;
    }

    public int size() {
        return open.size();
    }

    /** Recounted after every applied batch: free while every kind is seen, the common case. */
    public long staleCount() {
        if (staleKinds.isEmpty()) {
            return 0;
        }
        return open.values().stream()
                .filter(e -> staleKinds.contains(e.subject.kind()))
                .count();
    }

    public Collection<String> ids() {
        return List.copyOf(open.keySet());
    }

    private TrackedFinding track(Entry e) {
        return new TrackedFinding(
                e.finding,
                new FindingStatus(
                        e.openedAt,
                        e.lastSeen,
                        policy.baselined(e.finding),
                        policy.drift(e.finding),
                        staleKinds.contains(e.subject.kind()),
                        e.suppression));
    }
}
