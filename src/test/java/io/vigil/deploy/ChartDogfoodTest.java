package io.vigil.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.cli.VigilCommand;
import io.vigil.format.FindingJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Vigil practises what it audits: {@code vigil scan} of every chart rendering reports nothing. */
class ChartDogfoodTest {
    static Stream<Path> valuesFiles() {
        List<Path> all = new ArrayList<>();
        all.add(null);
        all.addAll(Chart.shippedValuesFiles());
        return all.stream();
    }

    /** {@code vigil scan --format json FILE} through the CLI's own entry point; the JSON document. */
    static Scan scan(Path file) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = VigilCommand.run(
                new PrintWriter(out, true), new PrintWriter(err, true), "scan", "--format", "json", file.toString());
        return new Scan(exit, FindingJson.MAPPER.readTree(out.toString()), err.toString());
    }

    record Scan(int exit, com.fasterxml.jackson.databind.JsonNode json, String err) {}

    @ParameterizedTest(name = "values: {0}")
    @MethodSource("valuesFiles")
    void scanningTheRenderedChartFindsNothing(Path values, @org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Rendering r = Chart.render(values);
        Path file = Files.writeString(dir.resolve("vigil.yaml"), r.text());

        Scan scan = scan(file);

        assertThat(scan.json().path("findings")).as("findings of %s", values).isEmpty();
        assertThat(scan.json().path("errors")).isEmpty();
        assertThat(scan.err()).isEmpty();
        assertThat(scan.exit()).isZero();
        assertThat(scan.json().path("summary").path("objects").asInt())
                .isEqualTo(r.objects().size());
    }
}
