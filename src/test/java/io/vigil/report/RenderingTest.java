package io.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.checks.BuiltInChecks;
import io.vigil.model.Finding;
import io.vigil.model.FindingStatus;
import io.vigil.model.ResourceRef;
import io.vigil.model.Severity;
import io.vigil.model.Suppression;
import io.vigil.model.TrackedFinding;
import io.vigil.policy.ExceptionEntry;
import io.vigil.policy.ExceptionScope;
import io.vigil.policy.ExceptionSet;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class RenderingTest {
    static final String EVIL = "<script>alert(\"x\")</script> & 'q' | *bold* `tick`";

    static ReportInput hostileInput() {
        ResourceRef ref = new ResourceRef("v1", "Pod", "shop<b>", "evil</td><td>", null);
        Finding f = new Finding(
                "f1",
                "prod\"&<",
                "privileged-container",
                "pod-security",
                Severity.CRITICAL,
                "Privileged container",
                EVIL,
                ref,
                "spec.containers[name=<x>].securityContext.privileged",
                "true",
                "false",
                List.of("SOC2:CC6.8", "CIS:5.2.2"),
                "fix",
                null);
        Finding g = new Finding(
                "f2",
                "prod\"&<",
                "privileged-container",
                "pod-security",
                Severity.CRITICAL,
                "Privileged container",
                "second\nline",
                ref,
                "spec.x",
                "true",
                "false",
                List.of("SOC2:CC6.8"),
                "fix",
                null);
        Instant t = Instant.parse("2026-06-01T00:00:00Z");
        ExceptionSet exceptions = ExceptionSet.of(List.of(new ExceptionEntry(
                "ok-1",
                "privileged-container",
                ExceptionScope.ANY,
                "because <img src=x onerror=alert(1)>",
                "eve <eve@example.com>",
                "T&1",
                Instant.parse("2027-01-01T00:00:00Z"),
                null)));
        return ReportInputs.fromFindings(
                "prod\"&<",
                "running Vigil at http://vigil:8080",
                List.of(
                        new TrackedFinding(f, FindingStatus.seenAt(t)),
                        new TrackedFinding(
                                g,
                                new FindingStatus(
                                        t,
                                        t,
                                        false,
                                        false,
                                        false,
                                        new Suppression("ok-1", Instant.parse("2027-01-01T00:00:00Z"))))),
                exceptions,
                "exceptions.yaml",
                t.plusSeconds(60));
    }

    static Document parseXml(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    static void assertWellFormedSelfContainedAndEscaped(String html) throws Exception {
        Document doc = parseXml(html);
        Element root = doc.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("html");
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/1999/xhtml");
        assertThat(doc.getElementsByTagNameNS("*", "head").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagNameNS("*", "title").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagNameNS("*", "h1").getLength()).isEqualTo(1);
        String lower = html.toLowerCase(Locale.ROOT);
        assertThat(lower)
                .doesNotContain("<script")
                .doesNotContain("<img")
                .doesNotContain("<link")
                .doesNotContain("@import")
                .doesNotContain("url(");
        for (String tag : List.of("script", "img", "link", "iframe", "object", "embed", "base")) {
            assertThat(doc.getElementsByTagNameNS("*", tag).getLength()).as(tag).isZero();
        }
        assertThat(lower.replace("xmlns=\"http://www.w3.org/1999/xhtml\"", ""))
                .doesNotContain("https:")
                .doesNotContain("href=\"http");
        // every table row has as many cells as its header; every id is unique; every link points at one
        NodeList tables = doc.getElementsByTagNameNS("*", "table");
        for (int i = 0; i < tables.getLength(); i++) {
            Element table = (Element) tables.item(i);
            int headers = table.getElementsByTagNameNS("*", "th").getLength();
            NodeList rows =
                    ((Element) table.getElementsByTagNameNS("*", "tbody").item(0)).getElementsByTagNameNS("*", "tr");
            for (int r = 0; r < rows.getLength(); r++) {
                assertThat(((Element) rows.item(r))
                                .getElementsByTagNameNS("*", "td")
                                .getLength())
                        .isEqualTo(headers);
            }
        }
        Set<String> ids = new HashSet<>();
        NodeList all = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            assertThat(e.hasAttribute("src")).as(e.getTagName()).isFalse();
            for (int a = 0; a < e.getAttributes().getLength(); a++) {
                assertThat(e.getAttributes().item(a).getNodeName()).doesNotStartWith("on");
            }
            String id = e.getAttribute("id");
            if (!id.isEmpty()) {
                assertThat(ids.add(id)).as("unique id " + id).isTrue();
            }
        }
        NodeList links = doc.getElementsByTagNameNS("*", "a");
        for (int i = 0; i < links.getLength(); i++) {
            String href = ((Element) links.item(i)).getAttribute("href");
            assertThat(href).startsWith("#");
            assertThat(ids).contains(href.substring(1));
        }
    }

    @Test
    void frameworkHtmlIsWellFormedSelfContainedAndEscapesEverything() throws Exception {
        FrameworkReport report = FrameworkReport.build(hostileInput(), BuiltInChecks.catalog(), Framework.SOC2, 5);
        String html = HtmlRenderer.render(report.toDoc());
        assertWellFormedSelfContainedAndEscaped(html);
        assertThat(html)
                .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;")
                .contains("evil&lt;/td&gt;&lt;td&gt;")
                .contains("because &lt;img src=x onerror=alert(1)&gt;")
                .contains("eve &lt;eve@example.com&gt;");
        Document doc = parseXml(html);
        assertThat(doc.getDocumentElement().getTextContent())
                .contains(EVIL)
                .contains("Pod shop<b>/evil</td><td>")
                .contains("because <img src=x onerror=alert(1)>");
        assertThat(doc.getElementsByTagNameNS("*", "title").item(0).getTextContent())
                .isEqualTo("SOC 2 report: cluster prod\"&<");
    }

    @Test
    void checklistHtmlForTheTaskApiIsWellFormed() throws Exception {
        String html = HtmlRenderer.render(
                ChecklistReport.build(TaskApi.input(TaskApi.exceptions()), BuiltInChecks.catalog(), 5)
                        .toDoc());
        assertWellFormedSelfContainedAndEscaped(html);
        Document doc = parseXml(html);
        Element scorecard = (Element) doc.getElementsByTagNameNS("*", "table").item(1);
        NodeList rows =
                ((Element) scorecard.getElementsByTagNameNS("*", "tbody").item(0)).getElementsByTagNameNS("*", "tr");
        assertThat(rows.getLength()).isEqualTo(3);
        assertThat(rows.item(0).getTextContent())
                .isEqualTo("task-apiPASSPASSPASSPASSPASSPASSPASSNO EVIDENCEPASS—NO EVIDENCE");
        assertThat(rows.item(1).getTextContent()).isEqualTo("task-api-devFAILFAILFAILFAILFAILFAILFAILFAILFAIL—FAIL");
        assertThat(html).contains("<span class=\"status fail\">FAIL</span>");
        assertThat(doc.getDocumentElement().getTextContent())
                .contains("task-api-team@example.com")
                .contains("2027-01-31T00:00:00Z");
    }

    @Test
    void markdownEscapesMarkupAndKeepsTablesIntact() {
        String md = MarkdownRenderer.render(
                FrameworkReport.build(hostileInput(), BuiltInChecks.catalog(), Framework.SOC2, 5)
                        .toDoc());
        assertThat(md).doesNotContainPattern("(?<!\\\\)<(script|img|/td)");
        assertThat(md).contains("\\<script\\>alert(\"x\")\\</script\\> \\& 'q' \\| \\*bold\\* \\`tick\\`");
        assertThat(md).contains("`spec.containers[name=<x>].securityContext.privileged`");
        assertThat(md).contains("| second line |");
        for (String line : md.split("\n")) {
            if (line.startsWith("| open ") || line.startsWith("| suppressed ")) {
                assertThat(line.replace("\\|", "").chars().filter(c -> c == '|').count())
                        .as(line)
                        .isEqualTo(7);
            }
        }
        assertThat(MarkdownRenderer.escape("# not a heading")).isEqualTo("\\# not a heading");
    }
}
