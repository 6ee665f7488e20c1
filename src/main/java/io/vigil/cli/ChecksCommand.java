package io.vigil.cli;

import io.vigil.checks.BuiltInChecks;
import io.vigil.format.CheckDocs;
import io.vigil.format.FindingJson;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil checks}: the catalogue. */
@Command(name = "checks", mixinStandardHelpOptions = true, description = "List every check Vigil runs.")
public final class ChecksCommand implements Callable<Integer> {
    enum Format {
        table,
        json,
        markdown
    }

    @Option(
            names = "--format",
            defaultValue = "table",
            description = "table, json or markdown (default: ${DEFAULT-VALUE})")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var catalog = BuiltInChecks.catalog();
        var out = spec.commandLine().getOut();
        switch (format) {
            case json ->
                out.println(FindingJson.MAPPER
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsString(CheckDocs.json(catalog)));
            case markdown -> out.print(CheckDocs.markdown(catalog));
            default -> out.print(CheckDocs.table(catalog));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
