package io.vigil.sink;

import io.vigil.model.Finding;
import io.vigil.model.FindingEvent;
import io.vigil.pipeline.FindingSink;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Streams finding events to a terminal, one readable line each (the demo's console). */
public final class ConsoleSink implements FindingSink {
    private final PrintStream out;

    public ConsoleSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public void publish(List<FindingEvent> events, long receivedNanos) {
        for (FindingEvent e : events) {
            out.println(line(e));
        }
        out.flush();
    }

    public static String line(FindingEvent e) {
        Finding f = e.finding();
        var status = e.tracked().status();
        String tags = (status.drift() ? " [drift]" : "")
                + (status.suppression() != null
                        ? " [suppressed by " + status.suppression().exceptionId() + " until "
                                + status.suppression().expires() + "]"
                        : "");
        return String.format(
                Locale.ROOT,
                "%-17s %-8s %-30s %s  %s: %s%s",
                e.type().toUpperCase(Locale.ROOT),
                f.severity().label(),
                f.checkId(),
                f.resource().display(),
                f.path(),
                f.message(),
                tags);
    }
}
