package io.vigil.pipeline;

import io.vigil.model.FindingEvent;
import io.vigil.model.TrackedFinding;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link PipelineMetrics} that writes down what it is told, one line per call. */
final class RecordingMetrics implements PipelineMetrics {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void informerState(String kindKey, InformerState state) {
        calls.add("state " + kindKey + " " + state.label());
    }

    @Override
    public void checkError(String checkId) {
        calls.add("check error " + checkId);
    }

    @Override
    public void published(List<FindingEvent> events) {
        calls.add("published "
                + events.stream()
                        .map(e -> e.type() + " " + e.finding().checkId())
                        .toList());
    }

    @Override
    public void handedOver(long nanosSinceChange) {
        calls.add("handed over");
    }

    @Override
    public void retagged(List<TrackedFinding> open) {
        calls.add("retagged " + open.size());
    }

    @Override
    public void fullEvaluationFinished(Instant at) {
        calls.add("full evaluation finished " + at);
    }
}
