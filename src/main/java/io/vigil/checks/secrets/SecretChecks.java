package io.vigil.checks.secrets;

import io.vigil.check.Check;
import java.util.List;

/** The built-in checks of this family, in catalogue order. */
public final class SecretChecks {
    private SecretChecks() {}

    public static List<Check> all() {
        return List.of(new SecretEnvVar(), new SecretLiteralEnv(), new SecretInConfigMap());
    }
}
