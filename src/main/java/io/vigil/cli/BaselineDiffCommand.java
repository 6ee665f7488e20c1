package io.vigil.cli;

import io.vigil.baseline.Baseline;
import io.vigil.baseline.BaselineDiff;
import io.vigil.baseline.BaselineLoader;
import io.vigil.format.FindingJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil baseline diff OLD NEW}: what changed between two baselines. */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Show what changed between two baselines: accepted findings, fingerprinted objects"
                    + " (with the fields that changed) and metadata.",
            "Exit codes: 0 identical (when/by whom/from what they were captured is not counted), 1 different,"
                    + " 2 errors in a file."
        })
public final class BaselineDiffCommand implements Callable<Integer> {
    enum Format {
        text,
        json
    }

    @Parameters(index = "0", paramLabel = "OLD", description = "the earlier baseline")
    Path before;

    @Parameters(index = "1", paramLabel = "NEW", description = "the later baseline")
    Path after;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        BaselineLoader.Result a = BaselineLoader.load(before);
        BaselineLoader.Result b = BaselineLoader.load(after);
        a.problems().forEach(p -> err.println(p));
        b.problems().forEach(p -> err.println(p));
        err.flush();
        if (a.baseline().isEmpty() || b.baseline().isEmpty()) {
            return ExitCodes.USAGE;
        }
        Baseline oldBaseline = a.baseline().get();
        Baseline newBaseline = b.baseline().get();
        BaselineDiff diff = BaselineDiff.of(oldBaseline, newBaseline);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(FindingJson.MAPPER
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(diff.json(before.toString(), after.toString())));
        } else {
            out.print(diff.text(before.toString(), after.toString()));
        }
        out.flush();
        if (!a.clean() || !b.clean()) {
            return ExitCodes.USAGE;
        }
        return diff.identical() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
