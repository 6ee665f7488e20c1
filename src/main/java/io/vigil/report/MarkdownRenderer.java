package io.vigil.report;

import io.vigil.report.Doc.Badge;
import io.vigil.report.Doc.Block;
import io.vigil.report.Doc.Bullets;
import io.vigil.report.Doc.Code;
import io.vigil.report.Doc.Heading;
import io.vigil.report.Doc.Inline;
import io.vigil.report.Doc.Link;
import io.vigil.report.Doc.Para;
import io.vigil.report.Doc.Strong;
import io.vigil.report.Doc.Table;
import io.vigil.report.Doc.Text;
import java.util.List;

/**
 * GitHub-flavoured Markdown. Every piece of text from the input is escaped (backslash before Markdown's
 * punctuation, so {@code <script>} stays text and {@code *} never turns into emphasis); newlines in table
 * cells become spaces.
 */
public final class MarkdownRenderer {
    private static final String SPECIAL = "\\`*_[]<>|~!&";

    private MarkdownRenderer() {}

    public static String render(Doc doc) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(escape(doc.title())).append("\n");
        for (Block b : doc.blocks()) {
            out.append('\n');
            if (b instanceof Heading h) {
                out.append("#".repeat(Math.min(6, h.level())))
                        .append(' ')
                        .append(inline(h.text(), false))
                        .append('\n');
            } else if (b instanceof Para p) {
                out.append(inline(p.parts(), false)).append('\n');
            } else if (b instanceof Table t) {
                table(out, t);
            } else if (b instanceof Bullets l) {
                l.items().forEach(i -> out.append("- ").append(inline(i, false)).append('\n'));
            }
        }
        return out.toString();
    }

    /** One table on its own (for documentation generated from the code). */
    public static String table(Table t) {
        StringBuilder out = new StringBuilder();
        table(out, t);
        return out.toString();
    }

    private static void table(StringBuilder out, Table t) {
        out.append('|');
        t.headers().forEach(h -> out.append(' ').append(escape(h)).append(" |"));
        out.append("\n|");
        t.headers().forEach(h -> out.append("---|"));
        out.append('\n');
        for (List<List<Inline>> row : t.rows()) {
            out.append('|');
            for (List<Inline> cell : row) {
                String text = inline(cell, true);
                out.append(' ').append(text.isEmpty() ? " " : text).append(" |");
            }
            out.append('\n');
        }
    }

    static String inline(List<Inline> parts, boolean inTable) {
        StringBuilder s = new StringBuilder();
        for (Inline i : parts) {
            if (i instanceof Text t) {
                s.append(escape(t.text()));
            } else if (i instanceof Strong t) {
                s.append("**").append(escape(t.text())).append("**");
            } else if (i instanceof Badge b) {
                s.append("**").append(escape(b.status().label())).append("**");
            } else if (i instanceof Link l) {
                s.append(escape(l.text()));
            } else if (i instanceof Code c) {
                s.append(code(c.text(), inTable));
            }
        }
        return s.toString();
    }

    /** Backslash-escapes Markdown punctuation; line breaks become spaces. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(text.length() + 8);
        if (text.startsWith("#")) {
            s.append('\\');
        }
        for (char c : text.toCharArray()) {
            if (c == '\n' || c == '\r') {
                s.append(' ');
            } else if (SPECIAL.indexOf(c) >= 0) {
                s.append('\\').append(c);
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    /** A code span long enough to hold any backticks inside; pipes escaped inside tables (GFM). */
    private static String code(String text, boolean inTable) {
        String t = text == null ? "" : text.replace('\n', ' ').replace('\r', ' ');
        if (inTable) {
            t = t.replace("|", "\\|");
        }
        int longest = 0;
        int run = 0;
        for (char c : t.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        boolean pad = t.startsWith("`") || t.endsWith("`");
        return fence + (pad ? " " : "") + t + (pad ? " " : "") + fence;
    }
}
