package io.vigil.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vigil baseline capture|diff} (DESIGN §6, docs/baseline.md). */
@Command(
        name = "baseline",
        mixinStandardHelpOptions = true,
        description = {
            "Capture the audited state of a cluster as a baseline, or compare two baselines.",
            "Then 'vigil scan --baseline FILE' tags findings as baselined or drift (see docs/baseline.md)."
        },
        subcommands = {BaselineCaptureCommand.class, BaselineDiffCommand.class})
public final class BaselineCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
