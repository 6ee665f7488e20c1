package io.vigil.checks.resources;

import io.vigil.check.Check;
import java.util.List;

/** The built-in checks of this family, in catalogue order. */
public final class ResourceChecks {
    private ResourceChecks() {}

    public static List<Check> all() {
        return List.of(new ResourcesMissingLimits(), new ResourcesMissingRequests());
    }
}
