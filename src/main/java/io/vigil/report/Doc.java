package io.vigil.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A report as a small document tree, written once and rendered to Markdown ({@link MarkdownRenderer}) and
 * self-contained HTML ({@link HtmlRenderer}). Text is kept raw here; each renderer escapes it.
 */
public final class Doc {
    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    public Doc(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public List<Block> blocks() {
        return List.copyOf(blocks);
    }

    public Doc add(Block block) {
        blocks.add(block);
        return this;
    }

    public Doc heading(int level, String id, Inline... text) {
        return add(new Heading(level, id, List.of(text)));
    }

    public Doc para(Inline... parts) {
        return add(new Para(List.of(parts)));
    }

    /** A block of the document. */
    public sealed interface Block permits Heading, Para, Table, Bullets {}

    /** @param id an anchor for links (HTML); null for none */
    public record Heading(int level, String id, List<Inline> text) implements Block {}

    public record Para(List<Inline> parts) implements Block {}

    /** A table; every row has as many cells as there are headers. */
    public record Table(List<String> headers, List<List<List<Inline>>> rows) implements Block {
        public Table {
            for (List<List<Inline>> r : rows) {
                if (r.size() != headers.size()) {
                    throw new IllegalArgumentException(
                            "row of " + r.size() + " cells under " + headers.size() + " headers");
                }
            }
        }
    }

    public record Bullets(List<List<Inline>> items) implements Block {}

    /** Inline content. */
    public sealed interface Inline permits Text, Code, Strong, Badge, Link {}

    public record Text(String text) implements Inline {}

    public record Code(String text) implements Inline {}

    public record Strong(String text) implements Inline {}

    public record Badge(Status status) implements Inline {}

    /** A link to an anchor of this document (rendered as plain text in Markdown). */
    public record Link(String text, String anchor) implements Inline {}

    public static Text text(Object o) {
        return new Text(o == null ? "" : String.valueOf(o));
    }

    public static Code code(String s) {
        return new Code(s);
    }

    public static Strong strong(String s) {
        return new Strong(s);
    }

    public static Badge badge(Status s) {
        return new Badge(s);
    }

    public static Link link(String text, String anchor) {
        return new Link(text, anchor);
    }

    /** One table cell from inline parts. */
    public static List<Inline> cell(Inline... parts) {
        return List.of(parts);
    }

    /** Cells from plain values. */
    public static List<List<Inline>> row(Object... cells) {
        List<List<Inline>> out = new ArrayList<>();
        for (Object c : cells) {
            if (c instanceof Inline i) {
                out.add(List.of(i));
            } else if (c instanceof List<?> l) {
                List<Inline> parts = new ArrayList<>();
                for (Object p : l) {
                    parts.add((Inline) p);
                }
                out.add(parts);
            } else {
                out.add(List.of(text(c)));
            }
        }
        return out;
    }

    public static Table table(List<String> headers, List<List<List<Inline>>> rows) {
        return new Table(headers, rows);
    }

    public static Table table(String[] headers, List<List<List<Inline>>> rows) {
        return new Table(Arrays.asList(headers), rows);
    }

    /** An anchor id from any text: letters, digits and '-' only. */
    public static String anchor(String prefix, String text) {
        StringBuilder s = new StringBuilder(prefix);
        for (char c : text.toCharArray()) {
            s.append(Character.isLetterOrDigit(c) && c < 128 ? Character.toLowerCase(c) : '-');
        }
        return s.toString().replaceAll("-{2,}", "-").replaceAll("-$", "");
    }
}
