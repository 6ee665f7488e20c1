package io.vigil;

import io.vigil.cli.VigilCommand;

/** Entry point: wiring only. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(VigilCommand.run(args));
    }
}
