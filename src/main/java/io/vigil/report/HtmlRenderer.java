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
 * A self-contained HTML page (inline CSS, no scripts, no external assets) that is also well-formed XHTML, so
 * any XML parser reads it. Every piece of text is escaped; characters XML forbids are replaced.
 */
public final class HtmlRenderer {
    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:75rem;\
            padding:0 1rem;color:#1b1f24;line-height:1.45}
            h1{font-size:1.6rem;border-bottom:2px solid #d0d7de;padding-bottom:.3rem}
            h2{font-size:1.3rem;margin-top:2.2rem;border-bottom:1px solid #d0d7de}
            h3{font-size:1.1rem;margin-top:1.6rem}
            table{border-collapse:collapse;margin:.6rem 0 1rem;font-size:.9rem}
            th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
            th{background:#f6f8fa}
            code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em;\
            background:#f6f8fa;padding:0 .2em;border-radius:3px;word-break:break-all}
            .status{display:inline-block;min-width:4.5em;text-align:center;font-weight:600;border-radius:3px;\
            padding:0 .35em;font-size:.8rem}
            .fail{background:#ffebe9;color:#a40e26;border:1px solid #ff8182}
            .pass{background:#dafbe1;color:#116329;border:1px solid #4ac26b}
            .accepted{background:#fff8c5;color:#7d4e00;border:1px solid #d4a72c}
            .notaudited,.noevidence{background:#fff8c5;color:#7d4e00;border:1px solid #d4a72c}
            .na,.nofindings{background:#f6f8fa;color:#57606a;border:1px solid #d0d7de}
            @media print{body{margin:0;max-width:none}h2,h3{page-break-after:avoid}table{page-break-inside:auto}}
            """;

    private HtmlRenderer() {}

    public static String render(Doc doc) {
        StringBuilder out = new StringBuilder(16_384);
        out.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"generator\" content=\"vigil\"/>\n")
                .append("<title>")
                .append(escape(doc.title()))
                .append("</title>\n")
                .append("<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n")
                .append("<h1>")
                .append(escape(doc.title()))
                .append("</h1>\n");
        for (Block b : doc.blocks()) {
            if (b instanceof Heading h) {
                int level = Math.max(2, Math.min(6, h.level()));
                out.append("<h").append(level);
                if (h.id() != null) {
                    out.append(" id=\"").append(escape(h.id())).append('"');
                }
                out.append('>')
                        .append(inline(h.text()))
                        .append("</h")
                        .append(level)
                        .append(">\n");
            } else if (b instanceof Para p) {
                out.append("<p>").append(inline(p.parts())).append("</p>\n");
            } else if (b instanceof Table t) {
                table(out, t);
            } else if (b instanceof Bullets l) {
                out.append("<ul>\n");
                l.items().forEach(i -> out.append("<li>").append(inline(i)).append("</li>\n"));
                out.append("</ul>\n");
            }
        }
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private static void table(StringBuilder out, Table t) {
        out.append("<table>\n<thead><tr>");
        t.headers().forEach(h -> out.append("<th>").append(escape(h)).append("</th>"));
        out.append("</tr></thead>\n<tbody>\n");
        for (List<List<Inline>> row : t.rows()) {
            out.append("<tr>");
            row.forEach(cell -> out.append("<td>").append(inline(cell)).append("</td>"));
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    private static String inline(List<Inline> parts) {
        StringBuilder s = new StringBuilder();
        for (Inline i : parts) {
            if (i instanceof Text t) {
                s.append(escape(t.text()));
            } else if (i instanceof Code c) {
                s.append("<code>").append(escape(c.text())).append("</code>");
            } else if (i instanceof Strong t) {
                s.append("<strong>").append(escape(t.text())).append("</strong>");
            } else if (i instanceof Badge b) {
                s.append("<span class=\"status ")
                        .append(b.status().css())
                        .append("\">")
                        .append(escape(b.status().label()))
                        .append("</span>");
            } else if (i instanceof Link l) {
                s.append("<a href=\"#")
                        .append(escape(l.anchor()))
                        .append("\">")
                        .append(escape(l.text()))
                        .append("</a>");
            }
        }
        return s.toString();
    }

    /** Escapes the five XML specials and replaces characters XML 1.0 does not allow. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> {
                    boolean allowed = c == '\t'
                            || c == '\n'
                            || c == '\r'
                            || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD)
                            || Character.isSurrogate(c);
                    s.append(allowed ? c : '\uFFFD');
                }
            }
        }
        return s.toString();
    }
}
