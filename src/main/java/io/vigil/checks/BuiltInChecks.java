package io.vigil.checks;

import io.vigil.check.Check;
import io.vigil.check.CheckCatalog;
import io.vigil.checks.controlplane.ControlPlaneChecks;
import io.vigil.checks.dapr.DaprChecks;
import io.vigil.checks.images.ImageChecks;
import io.vigil.checks.network.NetworkChecks;
import io.vigil.checks.podsecurity.PodSecurityChecks;
import io.vigil.checks.rbac.RbacChecks;
import io.vigil.checks.resources.ResourceChecks;
import io.vigil.checks.secrets.SecretChecks;
import io.vigil.checks.serviceaccount.ServiceAccountChecks;
import java.util.ArrayList;
import java.util.List;

/** Every check Vigil ships, family by family in the order of CHECKS.md. */
public final class BuiltInChecks {
    private BuiltInChecks() {}

    public static CheckCatalog catalog() {
        List<Check> all = new ArrayList<>();
        all.addAll(RbacChecks.all());
        all.addAll(NetworkChecks.all());
        all.addAll(PodSecurityChecks.all());
        all.addAll(ServiceAccountChecks.all());
        all.addAll(SecretChecks.all());
        all.addAll(ImageChecks.all());
        all.addAll(ResourceChecks.all());
        all.addAll(DaprChecks.all());
        all.addAll(ControlPlaneChecks.all());
        return new CheckCatalog(all);
    }
}
