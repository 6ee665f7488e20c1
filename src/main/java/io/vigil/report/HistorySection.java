package io.vigil.report;

import static io.vigil.report.Doc.row;
import static io.vigil.report.Doc.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The report section drawn from the events topic: lifecycle events per control over the period. */
public final class HistorySection {
    private HistorySection() {}

    public static void append(Doc doc, EventHistory history, Framework framework) {
        doc.heading(2, "history", text("History from the events topic"));
        String period = (history.from() == null ? "from the start of the topic's retention" : "since " + history.from())
                + " to " + history.to();
        doc.para(text(history.events() + " finding events on " + history.topic() + " " + period
                + " (read_committed). Each event counts once for every control its finding carries."));
        // the framework's own order, as in the rest of the report (byControl is an unordered map)
        Map<String, EventHistory.Counts> controls = new TreeMap<>(framework.order());
        history.byControl()
                .forEach((control, counts) -> framework.controlId(control).ifPresent(id -> controls.put(id, counts)));
        List<List<List<Doc.Inline>>> rows = new ArrayList<>();
        controls.forEach((id, c) -> rows.add(row(
                id, c.of("opened"), c.of("changed"), c.of("suppressed"), c.of("exception_expired"), c.of("resolved"))));
        if (rows.isEmpty()) {
            doc.para(text("No " + framework.title() + " control saw an event in this period."));
            return;
        }
        doc.add(Doc.table(
                new String[] {"Control", "Opened", "Changed", "Suppressed", "Exception expired", "Resolved"}, rows));
    }
}
